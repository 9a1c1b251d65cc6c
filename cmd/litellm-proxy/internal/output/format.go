package output

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/internal/pyrepr"
	"unicode/utf8"
)

// The value formatters below reproduce the upstream CLI's helpers exactly,
// including their fallbacks, so that tables read the same in both CLIs.
// Values are what encoding/json produces with UseNumber: nil, bool,
// json.Number, string, []any and map[string]any; Go numbers are accepted too.

// FormatTimestamp is upstream's format_timestamp: a Unix time in seconds,
// shown in loc (time.Local when nil) as "2006-01-02 15:04". nil gives "";
// anything that is not a number (a string, a list) is returned as Python's
// str() of it, and so is a number outside the years 1 to 9999.
func FormatTimestamp(v any, loc *time.Location) string {
	if v == nil {
		return ""
	}
	if loc == nil {
		loc = time.Local
	}
	f, ok := number(v)
	if !ok {
		return PyStr(v)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return PyStr(v)
	}
	// Python's fromtimestamp rounds to the microsecond, half to even.
	us := math.RoundToEven(f * 1e6)
	if us > 253402300799e6 || us < -62135596800e6 {
		return PyStr(v)
	}
	sec := math.Floor(us / 1e6)
	t := time.Unix(int64(sec), int64(us-sec*1e6)*1000).In(loc)
	if t.Year() < 1 || t.Year() > 9999 {
		return PyStr(v)
	}
	return t.Format("2006-01-02 15:04")
}

// number returns v as a float64 when Python would treat it as a number
// (bool included, as Python's bool is an int).
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		return f, err == nil || isRangeErr(err)
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func isRangeErr(err error) bool {
	var ne *strconv.NumError
	return errors.As(err, &ne) && ne.Err == strconv.ErrRange
}

// FormatISODatetimeStr is upstream's format_iso_datetime_str: every "Z" is
// replaced by "+00:00", the string is parsed as Python's
// datetime.fromisoformat does, and the date and time are shown as
// "2006-01-02 15:04" with no time-zone conversion. An empty value gives "";
// a string that does not parse is returned unchanged; a value that is not a
// string is returned as Python's str() of it.
func FormatISODatetimeStr(v any) string {
	if v == nil || isFalsy(v) {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		return PyStr(v)
	}
	dt, ok := parseISODatetime(strings.ReplaceAll(s, "Z", "+00:00"))
	if !ok {
		return s
	}
	return dt
}

// isFalsy reports whether Python's bool(v) is False.
func isFalsy(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		return err == nil && f == 0
	case float64:
		return x == 0
	case int:
		return x == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

// parseISODatetime parses what Python 3.11's datetime.fromisoformat accepts
// (the common forms: extended and basic dates, a one-character separator,
// times of HH, HH:MM, HH:MM:SS with any number of fractional digits, and
// +HH, +HHMM, +HH:MM or +HH:MM:SS offsets) and returns "YYYY-MM-DD HH:MM".
func parseISODatetime(s string) (string, bool) {
	if !utf8.ValidString(s) {
		return "", false
	}
	var year, month, day int
	rest := ""
	switch {
	case len(s) >= 10 && s[4] == '-' && s[7] == '-':
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		if !ok1 || !ok2 || !ok3 {
			return "", false
		}
		year, month, day, rest = y, m, d, s[10:]
	case len(s) >= 8:
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[4:6])
		d, ok3 := digits(s[6:8])
		if !ok1 || !ok2 || !ok3 {
			return "", false
		}
		year, month, day, rest = y, m, d, s[8:]
	default:
		return "", false
	}
	if year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return "", false
	}
	hour, minute := 0, 0
	if rest != "" {
		_, size := utf8.DecodeRuneInString(rest)
		t := rest[size:]
		var ok bool
		hour, minute, ok = parseISOTime(t)
		if !ok {
			return "", false
		}
	}
	return fmt.Sprintf("%04d-%02d-%02d %02d:%02d", year, month, day, hour, minute), true
}

// parseISOTime parses a time with an optional offset.
func parseISOTime(t string) (hour, minute int, ok bool) {
	clock, offset := t, ""
	if i := strings.IndexAny(t, "+-"); i >= 0 {
		clock, offset = t[:i], t[i+1:]
		if offset == "" {
			return 0, 0, false
		}
		oh, om, osec, ok := parseClock(offset)
		if !ok || oh*3600+om*60+osec >= 24*3600 {
			return 0, 0, false
		}
	}
	h, m, _, ok := parseClock(clock)
	return h, m, ok
}

// parseClock parses HH[:MM[:SS[.f+]]] or its basic form HH[MM[SS[.f+]]].
func parseClock(c string) (h, m, sec int, ok bool) {
	main, frac, hasFrac := strings.Cut(strings.Replace(c, ",", ".", 1), ".")
	if hasFrac {
		if frac == "" {
			return 0, 0, 0, false
		}
		if _, ok := digits(frac); !ok {
			return 0, 0, 0, false
		}
	}
	var parts []string
	if strings.Contains(main, ":") {
		parts = strings.Split(main, ":")
		for _, p := range parts {
			if len(p) != 2 {
				return 0, 0, 0, false
			}
		}
	} else {
		if len(main)%2 != 0 {
			return 0, 0, 0, false
		}
		for i := 0; i < len(main); i += 2 {
			parts = append(parts, main[i:i+2])
		}
	}
	if len(parts) < 1 || len(parts) > 3 || (hasFrac && len(parts) != 3) {
		return 0, 0, 0, false
	}
	vals := [3]int{}
	for i, p := range parts {
		v, ok := digits(p)
		if !ok {
			return 0, 0, 0, false
		}
		vals[i] = v
	}
	if vals[0] > 23 || vals[1] > 59 || vals[2] > 59 {
		return 0, 0, 0, false
	}
	return vals[0], vals[1], vals[2], true
}

func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		if n < 1e8 {
			n = n*10 + int(c-'0')
		}
	}
	return n, true
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// FormatCostPer1KTokens is upstream's format_cost_per_1k_tokens: a cost per
// token shown per thousand tokens with four decimals, "$0.0100" for 0.00001.
// nil gives ""; a value that does not parse as a float is returned as
// Python's str() of it.
func FormatCostPer1KTokens(v any) string {
	if v == nil {
		return ""
	}
	var f float64
	switch x := v.(type) {
	case string:
		p, ok := pyFloat(x)
		if !ok {
			return x
		}
		f = p
	default:
		n, ok := number(v)
		if !ok {
			return PyStr(v)
		}
		f = n
	}
	f *= 1000
	switch {
	case math.IsNaN(f):
		return "$nan"
	case math.IsInf(f, 1):
		return "$inf"
	case math.IsInf(f, -1):
		return "$-inf"
	}
	return fmt.Sprintf("$%.4f", f)
}

// pyFloat parses s as Python's float() does: surrounding white space and
// underscores between digits are allowed.
func pyFloat(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "_") {
		for i := 0; i < len(s); i++ {
			if s[i] == '_' && (i == 0 || i == len(s)-1 || !isDigit(s[i-1]) || !isDigit(s[i+1])) {
				return 0, false
			}
		}
		s = strings.ReplaceAll(s, "_", "")
	}
	lower := strings.ToLower(strings.TrimLeft(s, "+-"))
	if strings.HasPrefix(lower, "0x") || strings.HasPrefix(lower, "0b") || strings.HasPrefix(lower, "0o") {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !isRangeErr(err) {
		return 0, false
	}
	return f, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// PyStr is Python's str() of a JSON value: None, True and False, integers as
// written, floats in Python's repr ("10.0", "1e-05"), strings unchanged, and
// lists and dicts in Python's repr ("[1, 2, 3]", "{'a': 'b'}", dict keys
// sorted). It is [pyrepr.Str].
func PyStr(v any) string { return pyrepr.Str(v) }

// PyFloatRepr is Python's repr of a float ([pyrepr.FloatRepr]).
func PyFloatRepr(f float64) string { return pyrepr.FloatRepr(f) }

// MaskKey shows a key as "sk-…abcd" (its last four characters), for tables.
// Short values are hidden entirely.
func MaskKey(key string) string {
	if key == "" {
		return ""
	}
	if len(key) < 12 {
		return "…"
	}
	prefix := ""
	if strings.HasPrefix(key, "sk-") {
		prefix = "sk-"
	}
	return prefix + "…" + key[len(key)-4:]
}

// ShortKey shows a key as its first six and last four characters
// ("sk-abc…wxyz"), for the login summary; short keys are masked entirely.
func ShortKey(key string) string {
	if len(key) < 16 {
		return MaskKey(key)
	}
	return key[:6] + "…" + key[len(key)-4:]
}
