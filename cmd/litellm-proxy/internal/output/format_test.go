package output

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

func TestFormatISODatetimeStr(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   any
		want string
	}{
		// The upstream test table (test_models_commands.py).
		{nil, ""},
		{"", ""},
		{"2024-05-01T12:34:56Z", "2024-05-01 12:34"},
		{"2024-05-01T12:34:56+00:00", "2024-05-01 12:34"},
		{"2024-05-01T12:34:56-04:00", "2024-05-01 12:34"},
		{"2024-05-01", "2024-05-01 00:00"},
		{"not-a-date", "not-a-date"},
		{"2025-04-29T21:31:43.843000+00:00", "2025-04-29 21:31"},
		// Python 3.11 fromisoformat forms.
		{"2024-05-01 12:34", "2024-05-01 12:34"},
		{"2024-05-01T12", "2024-05-01 12:00"},
		{"2024-05-01T12:34:56.1Z", "2024-05-01 12:34"},
		{"2024-05-01T12:34:56,123456+0530", "2024-05-01 12:34"},
		{"20240501T123456", "2024-05-01 12:34"},
		{"20240501", "2024-05-01 00:00"},
		{"2024-02-29T00:00:00", "2024-02-29 00:00"},
		// Failures come back unchanged.
		{"2023-02-29", "2023-02-29"},
		{"2024-13-01", "2024-13-01"},
		{"2024-05-01T25:00", "2024-05-01T25:00"},
		{"2024-05-01T12:34:56+", "2024-05-01T12:34:56+"},
		{"2024-05-01T12:34:56.", "2024-05-01T12:34:56."},
		{"2024-05-01T1", "2024-05-01T1"},
		{"2024-05-01T12:34:56+24:00", "2024-05-01T12:34:56+24:00"},
		{"Zebra", "Zebra"},
		// Not strings.
		{json.Number("0"), ""},
		{json.Number("12"), "12"},
		{[]any{json.Number("1")}, "[1]"},
	}
	for _, tt := range tests {
		if got := FormatISODatetimeStr(tt.in); got != tt.want {
			t.Errorf("FormatISODatetimeStr(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatTimestamp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   any
		want string
	}{
		{nil, ""},
		{json.Number("1699848889"), "2023-11-13 04:14"},
		{json.Number("1699848889.0"), "2023-11-13 04:14"},
		{1699848889, "2023-11-13 04:14"},
		{1699848889.0, "2023-11-13 04:14"},
		{json.Number("0"), "1970-01-01 00:00"},
		{json.Number("-60"), "1969-12-31 23:59"},
		{"not-a-timestamp", "not-a-timestamp"},
		{"1699848889", "1699848889"},
		{[]any{json.Number("1"), json.Number("2"), json.Number("3")}, "[1, 2, 3]"},
		{math.NaN(), "nan"},
		{json.Number("1e20"), "1e+20"},
	}
	for _, tt := range tests {
		if got := FormatTimestamp(tt.in, time.UTC); got != tt.want {
			t.Errorf("FormatTimestamp(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
	loc := time.FixedZone("X", 2*3600)
	if got, want := FormatTimestamp(json.Number("1699848889"), loc), "2023-11-13 06:14"; got != want {
		t.Errorf("FormatTimestamp in UTC+2 = %q, want %q", got, want)
	}
}

func TestFormatCostPer1KTokens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   any
		want string
	}{
		{nil, ""},
		{json.Number("0"), "$0.0000"},
		{json.Number("0.00001"), "$0.0100"},
		{json.Number("0.00002"), "$0.0200"},
		{json.Number("1"), "$1000.0000"},
		{"1.5", "$1500.0000"},
		{json.Number("1e-10"), "$0.0000"},
		{0.00001, "$0.0100"},
		{1, "$1000.0000"},
		{"not-a-number", "not-a-number"},
		{" 2 ", "$2000.0000"},
		{"1_0", "$10000.0000"},
		{"_1", "_1"},
		{"0x10", "0x10"},
		{"nan", "$nan"},
		{"-inf", "$-inf"},
		{true, "$1000.0000"},
		{[]any{}, "[]"},
	}
	for _, tt := range tests {
		if got := FormatCostPer1KTokens(tt.in); got != tt.want {
			t.Errorf("FormatCostPer1KTokens(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

var pointOne, pointTwo = 0.1, 0.2

func TestPyStr(t *testing.T) {
	t.Parallel()
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
		{json.Number("10.5"), "10.5"},
		{json.Number("1e-05"), "1e-05"},
		{json.Number("0.0001"), "0.0001"},
		{json.Number("1e16"), "1e+16"},
		{json.Number("1e15"), "1000000000000000.0"},
		{json.Number("-0.0"), "-0.0"},
		{json.Number("123456789012345678901234567890"), "123456789012345678901234567890"},
		{pointOne + pointTwo, "0.30000000000000004"},
		{[]any{"a", json.Number("1"), nil, true}, "['a', 1, None, True]"},
		{map[string]any{"b": "x", "a": json.Number("2.5")}, "{'a': 2.5, 'b': 'x'}"},
		{[]any{"it's"}, `["it's"]`},
		{[]any{"a\nb\\"}, `['a\nb\\']`},
	}
	for _, tt := range tests {
		if got := PyStr(tt.in); got != tt.want {
			t.Errorf("PyStr(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMaskKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, mask, short string }{
		{"", "", ""},
		{"sk-1234", "…", "…"},
		{"sk-1234567890abcdef", "sk-…cdef", "sk-123…cdef"},
		{"0123456789abcdef", "…cdef", "012345…cdef"},
	}
	for _, tt := range tests {
		if got := MaskKey(tt.in); got != tt.mask {
			t.Errorf("MaskKey(%q) = %q, want %q", tt.in, got, tt.mask)
		}
		if got := ShortKey(tt.in); got != tt.short {
			t.Errorf("ShortKey(%q) = %q, want %q", tt.in, got, tt.short)
		}
	}
}
