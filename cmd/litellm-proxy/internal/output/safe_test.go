package output

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"plain", "hello, wörld → ok", "hello, wörld → ok"},
		{"newline and tab kept", "a\tb\nc", "a\tb\nc"},
		{"ESC sequence", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"OSC title", "\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"carriage return", "ok\rFAKE", `ok\x0dFAKE`},
		{"backspace", "abc\b\b\b", `abc\x08\x08\x08`},
		{"DEL", "a\x7fb", `a\x7fb`},
		{"C1 CSI as UTF-8", "a\u009b31mb", `a\u009b31mb`},
		{"C1 NEL", "a\u0085b", `a\u0085b`},
		{"raw 8-bit CSI byte", "a\x9b31mb", `a\x9b31mb`},
		{"bidi override", "abc\u202edcba", `abc\u202edcba`},
		{"bidi isolate", "x\u2066y\u2069", `x\u2066y\u2069`},
		{"backslash unchanged", `C:\path\x1b`, `C:\path\x1b`},
		{"NUL", "a\x00b", `a\x00b`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Escape(tt.in); got != tt.want {
				t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRedactUserinfo(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"http://admin:secret@host:4000/x", "http://REDACTED@host:4000/x"},
		{`--base-url "http://admin:secret@host": bad`, `--base-url "http://REDACTED@host": bad`},
		{"get https://u:p%40ss@h/a and http://v:q@i?x", "get https://REDACTED@h/a and http://REDACTED@i?x"},
		{"http://token@host/", "http://REDACTED@host/"},
		{"http://host/path@x:y", "http://host/path@x:y"},
		{"no url: a:b@c", "no url: a:b@c"},
		{"http://REDACTED@host", "http://REDACTED@host"},
		{"http://a:b:c@d@host", "http://REDACTED@host"},
		{"http://host:4000/sso?key=sk-x", "http://host:4000/sso?key=sk-x"},
	}
	for _, tt := range tests {
		if got := RedactUserinfo(tt.in); got != tt.want {
			t.Errorf("RedactUserinfo(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSafe(t *testing.T) {
	t.Parallel()
	const key = "sk-test-0123456789abcdefXYZ"
	got := Safe("auth failed for " + key + " at http://admin:hunter2@proxy:4000 \x1b[2J\x1b]0;x\x07")
	for _, bad := range []string{key, "hunter2", "\x1b", "\x07"} {
		if strings.Contains(got, bad) {
			t.Errorf("Safe output %q contains %q", got, bad)
		}
	}
	if !strings.Contains(got, `\x1b[2J`) || !strings.Contains(got, "http://REDACTED@proxy:4000") {
		t.Errorf("Safe output %q: want the escape shown and the password masked", got)
	}
}

func TestRedactedJSON(t *testing.T) {
	t.Parallel()
	const key = "sk-test-0123456789abcdefXYZ"
	tests := []struct {
		name    string
		in      string
		want    string   // exact output, when set
		absent  []string // must not appear
		present []string // must appear
	}{
		{
			name: "escaped hyphen cannot hide a key",
			in:   `{"error": {"message": "bad key sk\u002dtest\u002d0123456789abcdefXYZ"}}`,
			want: "{\n  \"error\": {\n    \"message\": \"bad key REDACTED\"\n  }\n}\n",
		},
		{
			name:   "escaped member name of a secret field",
			in:     `{"api\u005fkey": "hunter2hunter2", "ok": 1}`,
			absent: []string{"hunter2"},
		},
		{
			name:    "escaped ESC stays an escape",
			in:      `{"detail": "\u001b[2Jcleared"}`,
			want:    "{\n  \"detail\": \"\\u001b[2Jcleared\"\n}\n",
			present: []string{`\u001b[2J`},
		},
		{
			name:    "raw C1 and DEL become escapes",
			in:      "{\"detail\": \"a\u009b31m\x7fb\"}",
			present: []string{`\u009b31m\u007fb`},
			absent:  []string{"\u009b", "\x7f"},
		},
		{
			name:    "invalid UTF-8",
			in:      "{\"detail\": \"a\x9bb\"}",
			present: []string{"a\ufffdb"},
			absent:  []string{"\x9b"},
		},
		{
			name: "order, numbers and duplicates kept",
			in:   `{"z": 1.50, "a": [true, null, 10], "z": "x/y<b>"}`,
			want: "{\n  \"z\": 1.50,\n  \"a\": [\n    true,\n    null,\n    10\n  ],\n  \"z\": \"x/y<b>\"\n}\n",
		},
		{
			name:    "URL password",
			in:      `{"detail": "cannot reach http://admin:secret@db:5432/x"}`,
			present: []string{"http://REDACTED@db:5432/x"},
			absent:  []string{"secret"},
		},
		{
			name:   "key in a nested JSON string",
			in:     `{"detail": "{\"api_key\": \"` + key + `\"}"}`,
			absent: []string{key, "0123456789abcdef"},
		},
		{
			name: "top-level string",
			in:   `"sk\u002d` + key[3:] + `"`,
			want: "\"REDACTED\"\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := RedactedJSON([]byte(tt.in))
			if err != nil {
				t.Fatalf("RedactedJSON: %v", err)
			}
			got := string(b)
			if tt.want != "" && got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			for _, s := range tt.absent {
				if strings.Contains(got, s) {
					t.Errorf("output %q contains %q", got, s)
				}
			}
			for _, s := range tt.present {
				if !strings.Contains(got, s) {
					t.Errorf("output %q lacks %q", got, s)
				}
			}
			if !json.Valid(b) {
				t.Errorf("output is not valid JSON: %q", got)
			}
		})
	}
	if _, err := RedactedJSON([]byte(`{"a": `)); err == nil {
		t.Error("RedactedJSON accepted invalid JSON")
	}
}

func TestSafeJSONText(t *testing.T) {
	t.Parallel()
	in := []byte("{\n  \"a\": \"x\u009by\x7f\u202e\xffz\",\r\n\t\"b\": \"\\u001b ok\"\n}")
	got := string(SafeJSONText(in))
	want := "{\n  \"a\": \"x\\u009by\\u007f\\u202e\\ufffdz\",\r\n\t\"b\": \"\\u001b ok\"\n}"
	if got != want {
		t.Errorf("SafeJSONText = %q, want %q", got, want)
	}
	clean := []byte(`{"a": "plain ü"}`)
	if got := SafeJSONText(clean); &got[0] != &clean[0] {
		t.Error("SafeJSONText copied JSON that needs no change")
	}
}

func TestTableEscapesCells(t *testing.T) {
	t.Parallel()
	tb := NewTable("T", "A", "B")
	tb.AddRow("ok\x1b[31m", "x\ty\u009b")
	var b strings.Builder
	if err := tb.RenderTSV(&b); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "A\tB\n"+`ok\x1b[31m`+"\t"+`x y\u009b`+"\n"; got != want {
		t.Errorf("TSV = %q, want %q", got, want)
	}
}
