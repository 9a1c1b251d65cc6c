package pyrepr

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want any
		ok   bool
	}{
		{"dict", `{'error': 'No keys found'}`, map[string]any{"error": "No keys found"}, true},
		{"json object", `{"a": [1, "b"]}`, map[string]any{"a": []any{"1", "b"}}, true},
		{"nested", `{'error': {'message': "it's", 'code': 400}}`, map[string]any{"error": map[string]any{"message": "it's", "code": "400"}}, true},
		{"tuple and scalars", ` (True, None, -1.5e3) `, []any{"True", "None", "-1.5e3"}, true},
		{"empty containers", `{'a': [], 'b': {}, 'c': ()}`, map[string]any{"a": []any(nil), "b": map[string]any{}, "c": []any(nil)}, true},
		{"keys", `{1: 'x', (2, 3): 'y', 'k': 'v'}`, map[string]any{"1": "x", "k": "v"}, true},
		{"escapes", `'a\nb\t\x41\u00e9\U0001F600\\\'\q'`, "a\nb\tA\u00e9\U0001F600\\'\\q", true},
		{"invalid rune", `'\U00110000'`, "\uFFFD", true},
		{"trailing comma", `[1, 2,]`, []any{"1", "2"}, true},
		{"trailing text", `{'a': 1} x`, nil, false},
		{"unterminated string", `{'a': 'b}`, nil, false},
		{"missing colon", `{'a' 1}`, nil, false},
		{"bad hex", `'\xZZ'`, nil, false},
		{"empty", ``, nil, false},
		{"too deep", strings.Repeat("[", MaxDepth+2) + strings.Repeat("]", MaxDepth+2), nil, false},
		{"deep enough", strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth), nest(MaxDepth), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := Parse(tt.in)
			if ok != tt.ok {
				t.Fatalf("Parse(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// nest returns n nested empty lists as Parse returns them.
func nest(n int) any {
	var v any = []any(nil)
	for range n - 1 {
		v = []any{v}
	}
	return v
}

func TestStr(t *testing.T) {
	t.Parallel()
	pointOne, pointTwo := 0.1, 0.2
	tests := []struct {
		in   any
		want string
	}{
		{nil, "None"},
		{true, "True"},
		{false, "False"},
		{"abc", "abc"},
		{json.Number("10"), "10"},
		{json.Number("10.0"), "10.0"},
		{json.Number("1e-05"), "1e-05"},
		{json.Number("1e16"), "1e+16"},
		{json.Number("1e15"), "1000000000000000.0"},
		{json.Number("-0.0"), "-0.0"},
		{json.Number("123456789012345678901234567890"), "123456789012345678901234567890"},
		{pointOne + pointTwo, "0.30000000000000004"},
		{[]any{"a", json.Number("1"), nil, true}, "['a', 1, None, True]"},
		{[]string{"x", "y"}, "['x', 'y']"},
		{map[string]any{"b": "x", "a": json.Number("2.5")}, "{'a': 2.5, 'b': 'x'}"},
		{[]any{"it's"}, `["it's"]`},
		{[]any{"a\nb\\\x01\u0085"}, `['a\nb\\\x01\x85']`},
	}
	for _, tt := range tests {
		if got := Str(tt.in); got != tt.want {
			t.Errorf("Str(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestQuoteParseRoundTrip checks that Parse reads back what Quote writes.
func TestQuoteParseRoundTrip(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "plain", "it's", `say "hi"`, `both ' and "`, "tab\tnew\nline\\", "café 😀"} {
		got, ok := Parse(Quote(s))
		if !ok || got != s {
			t.Errorf("Parse(Quote(%q)) = %q, %v", s, got, ok)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{'a': [1, (2,), "x\n"]}`, `'\U0001F600'`, `{`, `[[[[`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := Parse(s)
		if !ok && v != nil {
			t.Fatalf("Parse(%q) = %v with ok false", s, v)
		}
	})
}
