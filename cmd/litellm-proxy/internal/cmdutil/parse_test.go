package cmdutil

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseKeyValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, key, value string
		err            bool
	}{
		{"model=openai/gpt-4o", "model", "openai/gpt-4o", false},
		{"a=b=c", "a", "b=c", false},
		{"empty=", "empty", "", false},
		{" spaced = v ", " spaced ", " v ", false},
		{"noequals", "", "", true},
		{"=v", "", "", true},
		{"", "", "", true},
	}
	for _, tt := range tests {
		k, v, err := ParseKeyValue(tt.in)
		if (err != nil) != tt.err || k != tt.key || v != tt.value {
			t.Errorf("ParseKeyValue(%q) = %q, %q, %v", tt.in, k, v, err)
		}
	}
}

func TestParseMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, role, content string
		err               bool
	}{
		{"user:Hello!", "user", "Hello!", false},
		{"system: You are a helpful assistant ", "system", "You are a helpful assistant", false},
		{"user:a:b", "user", "a:b", false},
		{"user:", "user", "", false},
		{"invalid-format", "", "", true},
		{":content", "", "", true},
		{"  :x", "", "", true},
	}
	for _, tt := range tests {
		r, c, err := ParseMessage(tt.in)
		if (err != nil) != tt.err || r != tt.role || c != tt.content {
			t.Errorf("ParseMessage(%q) = %q, %q, %v", tt.in, r, c, err)
		}
		if err != nil && err.Error() != "Invalid message format: "+tt.in+". Expected format: 'role:content'" {
			t.Errorf("ParseMessage(%q) error %q", tt.in, err)
		}
	}
}

func TestParseHeader(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, key, value string
		err            bool
	}{
		{"X-Custom-Header:value", "X-Custom-Header", "value", false},
		{" Accept : application/json ", "Accept", "application/json", false},
		{"Authorization:Bearer a:b", "Authorization", "Bearer a:b", false},
		{"X-Empty:", "X-Empty", "", false},
		{"invalid-header", "", "", true},
		{":value", "", "", true},
		{"bad name:v", "", "", true},
		{"X:a\r\nInjected: 1", "", "", true},
		{"X:a\x00", "", "", true},
	}
	for _, tt := range tests {
		k, v, err := ParseHeader(tt.in)
		if (err != nil) != tt.err || k != tt.key || v != tt.value {
			t.Errorf("ParseHeader(%q) = %q, %q, %v", tt.in, k, v, err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "Invalid header format: ") {
			t.Errorf("ParseHeader(%q) error %q", tt.in, err)
		}
	}
}

func TestParseJSONObjectFlag(t *testing.T) {
	t.Parallel()
	if m, err := ParseJSONObjectFlag("--info", `{"a": 1, "b": {"c": "d"}}`); err != nil || len(m) != 2 {
		t.Errorf("valid object: %v, %v", m, err)
	}
	for in, want := range map[string]string{
		`{"a":`:       "--info: Invalid JSON: unexpected end of JSON input",
		`[1]`:         "--info: Invalid JSON: expected an object, got an array",
		`null`:        "--info: Invalid JSON: expected an object, got null",
		`{"a": 1} {}`: "--info: Invalid JSON: invalid character '{' after top-level value",
		``:            "--info: Invalid JSON: unexpected end of JSON input",
	} {
		_, err := ParseJSONObjectFlag("--info", in)
		if err == nil || err.Error() != want {
			t.Errorf("ParseJSONObjectFlag(%q) error %v, want %q", in, err, want)
		}
		if _, ok := err.(*FlagError); !ok {
			t.Errorf("ParseJSONObjectFlag(%q) error is %T, want *FlagError", in, err)
		}
	}
}

func TestSplitCSV(t *testing.T) {
	t.Parallel()
	if got := SplitCSV(" gpt-4, ,gpt-3.5-turbo ,"); len(got) != 2 || got[0] != "gpt-4" || got[1] != "gpt-3.5-turbo" {
		t.Errorf("SplitCSV = %q", got)
	}
	if got := SplitCSV(""); got != nil {
		t.Errorf("SplitCSV(\"\") = %q, want nil", got)
	}
}

// FuzzParseKeyValue checks that a parsed name=value splits at the first "="
// and round-trips.
func FuzzParseKeyValue(f *testing.F) {
	for _, s := range []string{"model=openai/gpt-4o", "a=b=c", "=v", "novalue", "k=", "ü=ß"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, v, err := ParseKeyValue(s)
		if err != nil {
			if strings.Contains(s, "=") && !strings.HasPrefix(s, "=") {
				t.Fatalf("ParseKeyValue(%q) failed: %v", s, err)
			}
			return
		}
		if k == "" || strings.Contains(k, "=") || k+"="+v != s {
			t.Fatalf("ParseKeyValue(%q) = %q, %q", s, k, v)
		}
	})
}

// FuzzParseMessage checks that a parsed role:content has a role without
// ":" and trimmed parts taken from the input.
func FuzzParseMessage(f *testing.F) {
	for _, s := range []string{"user:Hello!", "system: be brief ", "invalid-format", ":x", "user:a:b", "\tuser\t:\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, c, err := ParseMessage(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "Invalid message format: ") {
				t.Fatalf("ParseMessage(%q): unexpected error %v", s, err)
			}
			return
		}
		if r == "" || strings.Contains(r, ":") || r != strings.TrimSpace(r) || c != strings.TrimSpace(c) {
			t.Fatalf("ParseMessage(%q) = %q, %q", s, r, c)
		}
		if !strings.Contains(s, r) || !strings.Contains(s, c) {
			t.Fatalf("ParseMessage(%q) = %q, %q: not from the input", s, r, c)
		}
	})
}

// FuzzParseHeader checks that a parsed header has a valid token name and a
// value without line breaks, so it cannot inject a header.
func FuzzParseHeader(f *testing.F) {
	for _, s := range []string{"X-Custom-Header:value", "Accept : application/json", "invalid-header", "a b:c", "X:a\r\nY: z", "Authorization:Bearer sk-x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, v, err := ParseHeader(s)
		if err != nil {
			return
		}
		if !validHeaderName(k) || strings.ContainsAny(v, "\r\n\x00") || v != strings.TrimSpace(v) {
			t.Fatalf("ParseHeader(%q) = %q, %q", s, k, v)
		}
		if utf8.ValidString(s) && !strings.Contains(s, v) {
			t.Fatalf("ParseHeader(%q) value %q not from the input", s, v)
		}
	})
}
