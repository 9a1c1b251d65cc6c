package output

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// unsafeAt reports the first byte offset of s that a terminal would act
// on (what Escape must remove), or -1.
func unsafeAt(s string) int {
	for i, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidiControl(r):
			return i
		}
	}
	return -1
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31mred\x1b[0m", "a\rb\bc\x07", "\u009b2J", "\xff\xfe", "x\u202ey", `back\slash`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Escape(s)
		if i := unsafeAt(got); i >= 0 {
			t.Fatalf("Escape(%q) = %q: unsafe at byte %d", s, got, i)
		}
		if again := Escape(got); again != got {
			t.Fatalf("Escape is not idempotent: %q then %q", got, again)
		}
		if unsafeAt(s) < 0 && got != s {
			t.Fatalf("Escape changed safe text %q to %q", s, got)
		}
	})
}

func FuzzRedactedJSON(f *testing.F) {
	for _, s := range []string{
		`{"error": {"message": "bad key sk\u002dtest\u002d0123456789abcdef"}}`,
		`{"detail": "\u001b[2J", "n": 1.50e3, "a": [null, true, {}]}`,
		"{\"d\": \"\u009b\x7f\xff\"}",
		`"top"`, `[]`, `{"api\u005fkey": "x", "k": "http://u:p@h/"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := RedactedJSON(b)
		if err != nil {
			if json.Valid(b) {
				t.Fatalf("RedactedJSON rejected valid JSON %q: %v", b, err)
			}
			return
		}
		if !json.Valid(out) {
			t.Fatalf("RedactedJSON(%q) = %q: not valid JSON", b, out)
		}
		if i := unsafeAt(string(out)); i >= 0 {
			t.Fatalf("RedactedJSON(%q) = %q: unsafe at byte %d", b, out, i)
		}
	})
}
