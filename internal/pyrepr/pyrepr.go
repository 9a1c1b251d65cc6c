// Package pyrepr reads and writes the literals that Python's str() and
// repr() print for dicts, lists and scalars, as the LiteLLM proxy puts
// them in its messages ("{'error': 'No keys found'}") and its CLI prints
// them in tables.
package pyrepr

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting [Parse] follows.
const MaxDepth = 16

// Parse parses s, which must be one whole Python literal (or JSON value)
// with optional white space around it: a dict becomes a map[string]any
// (a number key is kept as its text, a member whose key is a tuple is
// dropped), a list or tuple a
// []any, a quoted string a string with its escapes resolved; a number,
// True, False and None are returned as their text. It reports false for
// anything else, for trailing text, and for nesting deeper than [MaxDepth].
func Parse(s string) (any, bool) {
	p := parser{s: s}
	v, ok := p.value(0)
	if !ok || p.skipSpace() < len(s) {
		return nil, false
	}
	return v, true
}

// parser parses the Python literals that str() of a dict prints (and
// JSON): dicts, lists, tuples, strings, numbers, True, False, None.
type parser struct {
	s string
	i int
}

func (p *parser) skipSpace() int {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
	return p.i
}

func (p *parser) value(depth int) (any, bool) {
	if depth > MaxDepth || p.skipSpace() >= len(p.s) {
		return nil, false
	}
	switch c := p.s[p.i]; c {
	case '{':
		p.i++
		m := map[string]any{}
		for {
			if p.skipSpace() < len(p.s) && p.s[p.i] == '}' {
				p.i++
				return m, true
			}
			k, ok := p.value(depth + 1)
			if !ok || p.skipSpace() >= len(p.s) || p.s[p.i] != ':' {
				return nil, false
			}
			p.i++
			v, ok := p.value(depth + 1)
			if !ok {
				return nil, false
			}
			if ks, isStr := k.(string); isStr {
				m[ks] = v
			}
			if !p.listSep('}') {
				return nil, false
			}
		}
	case '[', '(':
		end := byte(']')
		if c == '(' {
			end = ')'
		}
		p.i++
		var l []any
		for {
			if p.skipSpace() < len(p.s) && p.s[p.i] == end {
				p.i++
				return l, true
			}
			v, ok := p.value(depth + 1)
			if !ok {
				return nil, false
			}
			l = append(l, v)
			if !p.listSep(end) {
				return nil, false
			}
		}
	case '\'', '"':
		return p.str(c)
	}
	start := p.i
	for p.i < len(p.s) && (isTokenChar(p.s[p.i]) || p.s[p.i] == '.' || p.s[p.i] == '+') {
		p.i++
	}
	if p.i == start {
		return nil, false
	}
	return p.s[start:p.i], true // a number, True, None…: kept as text
}

// listSep consumes a comma or sees the closing byte.
func (p *parser) listSep(end byte) bool {
	if p.skipSpace() >= len(p.s) {
		return false
	}
	switch p.s[p.i] {
	case ',':
		p.i++
		return true
	case end:
		return true
	}
	return false
}

// str parses a quoted string with Python (and JSON) escapes.
func (p *parser) str(q byte) (any, bool) {
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), true
		case c != '\\':
			b.WriteByte(c)
			p.i++
			continue
		}
		p.i++
		if p.i >= len(p.s) {
			return nil, false
		}
		e := p.s[p.i]
		p.i++
		switch e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'x', 'u', 'U':
			n := 2
			if e == 'u' {
				n = 4
			} else if e == 'U' {
				n = 8
			}
			if p.i+n > len(p.s) {
				return nil, false
			}
			r, err := strconv.ParseUint(p.s[p.i:p.i+n], 16, 32)
			if err != nil {
				return nil, false
			}
			p.i += n
			if !utf8.ValidRune(rune(r)) {
				r = utf8.RuneError
			}
			b.WriteRune(rune(r))
		case '\\', '\'', '"', '/':
			b.WriteByte(e)
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return nil, false
}

// isTokenChar reports whether c may appear in a bare token (a number,
// True, None).
func isTokenChar(c byte) bool {
	return c == '_' || c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// Str is Python's str() of a JSON value: None, True and False, integers as
// written, floats in Python's repr ("10.0", "1e-05"), strings unchanged, and
// lists and dicts in Python's repr ("[1, 2, 3]", "{'a': 'b'}", dict keys
// sorted).
func Str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return Repr(v)
}

// Repr is Python's repr() of a JSON value: as [Str], but a string is quoted
// as Python quotes it ([Quote]).
func Repr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case string:
		return Quote(x)
	case json.Number:
		s := string(x)
		if strings.ContainsAny(s, ".eE") {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil && !isRangeErr(err) {
				return s
			}
			return FloatRepr(f)
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return strconv.FormatInt(n, 10)
		}
		return strings.TrimPrefix(s, "+")
	case float64:
		return FloatRepr(x)
	case float32:
		return FloatRepr(float64(x))
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = Repr(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []string:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = Quote(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = Quote(k) + ": " + Repr(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

// Quote is Python's repr of a string: single quotes unless the string
// holds a single quote and no double quote.
func Quote(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(q):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == utf8.RuneError:
			b.WriteString(`\ufffd`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r > 0x7f && !unicode.IsPrint(r):
			switch {
			case r <= 0xff:
				fmt.Fprintf(&b, `\x%02x`, r)
			case r <= 0xffff:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				fmt.Fprintf(&b, `\U%08x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// FloatRepr is Python's repr of a float: the shortest digits that round
// trip, in positional form when the decimal exponent is in [-4, 16) (with
// ".0" for whole numbers) and in scientific form otherwise ("1e-05",
// "1e+16"); "nan", "inf" and "-inf" for the special values.
func FloatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // -d.ddde±XX
	sign := ""
	if strings.HasPrefix(e, "-") {
		sign, e = "-", e[1:]
	}
	mant, expStr, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expStr)
	dgts := strings.Replace(mant, ".", "", 1)
	decpt := exp + 1
	if decpt <= -4 || decpt > 16 {
		return sign + e
	}
	switch {
	case decpt <= 0:
		return sign + "0." + strings.Repeat("0", -decpt) + dgts
	case decpt >= len(dgts):
		return sign + dgts + strings.Repeat("0", decpt-len(dgts)) + ".0"
	default:
		return sign + dgts[:decpt] + "." + dgts[decpt:]
	}
}

func isRangeErr(err error) bool {
	var ne *strconv.NumError
	return errors.As(err, &ne) && ne.Err == strconv.ErrRange
}
