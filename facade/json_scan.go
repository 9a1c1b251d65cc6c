package facade

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// The JSON scanner under the fast decoders of chunk_decode.go: it reads
// scalars, skips and checks values, and decodes free-form values exactly as
// encoding/json does, reporting anything else through the sticky d.bad.
// Its methods are on chunkDecoder, whose first fields are its state.

// maxGenericDepth bounds the nesting of free-form values (logprobs,
// provider_specific_fields) the decoder follows; deeper ones go to
// encoding/json.
const maxGenericDepth = 64

// topLevelMembers reports which of names are members of the JSON object in
// b (surrounding white space as bytes.TrimSpace sees it allowed), as
// json.Unmarshal into a map[string]json.RawMessage would see them: keys
// unescaped and compared exactly. Bit i of found is set when names[i] is a
// member. ok is false when b is not a JSON object the scanner can read
// (invalid, or nested deeper than it follows); the caller must then decide
// another way. It lets a caller rule a body out without decoding it.
func topLevelMembers(b []byte, names ...string) (found uint64, ok bool) {
	d := chunkDecoder{data: bytes.TrimSpace(b)}
	if d.pos >= len(d.data) || d.data[0] != '{' || len(names) > 64 {
		return 0, false
	}
	if d.openObject() {
		for {
			key := d.key()
			if d.bad {
				return 0, false
			}
			for i, n := range names {
				if n == string(key) {
					found |= 1 << i
				}
			}
			d.skip()
			if !d.nextIn('}') {
				break
			}
		}
	}
	d.ws()
	return found, !d.bad && d.pos == len(d.data)
}

// unknown skips the value of a key that is not exactly one of known. When
// encoding/json would match the key to a field anyway (it also matches keys
// case-insensitively, with Unicode folding), the input goes to it.
func (d *chunkDecoder) unknown(key []byte, known []string) {
	for _, c := range key {
		if c >= utf8.RuneSelf { // may fold to ASCII (U+017F is s, U+212A is k)
			d.bad = true
			return
		}
	}
	for _, k := range known {
		if len(k) == len(key) && asciiEqualFold(k, key) {
			d.bad = true
			return
		}
	}
	d.skip()
}

func asciiEqualFold(s string, b []byte) bool {
	for i := range len(s) {
		x, y := s[i], b[i]
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// --- free-form values (map[string]any), decoded as encoding/json does ---

// mapAny decodes null (nil) or an object into a map[string]any.
func (d *chunkDecoder) mapAny() map[string]any {
	if d.null() {
		return nil
	}
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		d.bad = true
		return nil
	}
	return d.anyObject()
}

// mapSlice decodes null or an array of objects (or nulls) into a []map[string]any.
func (d *chunkDecoder) mapSlice() []map[string]any {
	if d.null() {
		return nil
	}
	if !d.openArray() {
		if d.bad {
			return nil
		}
		return []map[string]any{}
	}
	var out []map[string]any
	for {
		out = append(out, d.mapAny())
		if d.bad || !d.nextIn(']') {
			return out
		}
	}
}

// anyObject decodes the object at d.pos, which starts with '{'.
func (d *chunkDecoder) anyObject() map[string]any {
	d.deep++
	defer func() { d.deep-- }()
	if d.deep > maxGenericDepth {
		d.bad = true
		return nil
	}
	m := make(map[string]any)
	if !d.openObject() {
		return m
	}
	for {
		key := d.key()
		if d.bad {
			return nil
		}
		k := string(key)
		m[k] = d.value()
		if !d.nextIn('}') {
			return m
		}
	}
}

// value decodes any JSON value as encoding/json decodes it into an any.
func (d *chunkDecoder) value() any {
	if d.pos >= len(d.data) {
		d.bad = true
		return nil
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		return d.anyObject()
	case c == '[':
		d.deep++
		defer func() { d.deep-- }()
		if d.deep > maxGenericDepth {
			d.bad = true
			return nil
		}
		out := make([]any, 0)
		if !d.openArray() {
			return out
		}
		for {
			out = append(out, d.value())
			if d.bad || !d.nextIn(']') {
				return out
			}
		}
	case c == '"':
		return d.string()
	case c == 't':
		d.literal("true")
		return true
	case c == 'f':
		d.literal("false")
		return false
	case c == 'n':
		d.literal("null")
		return nil
	case c == '-' || ('0' <= c && c <= '9'):
		num := d.number()
		if d.bad {
			return nil
		}
		f, err := strconv.ParseFloat(string(num), 64)
		if err != nil {
			d.bad = true // out of range: encoding/json reports it
			return nil
		}
		return f
	}
	d.bad = true
	return nil
}

// --- scalars ---

// null consumes a null and reports whether there was one.
func (d *chunkDecoder) null() bool {
	if d.pos < len(d.data) && d.data[d.pos] == 'n' {
		d.literal("null")
		return !d.bad
	}
	return false
}

func (d *chunkDecoder) literal(lit string) {
	if len(d.data)-d.pos < len(lit) || string(d.data[d.pos:d.pos+len(lit)]) != lit {
		d.bad = true
		return
	}
	d.pos += len(lit)
}

// number consumes a JSON number and returns its bytes.
func (d *chunkDecoder) number() []byte {
	start, p, b := d.pos, d.pos, d.data
	if p < len(b) && b[p] == '-' {
		p++
	}
	switch {
	case p < len(b) && b[p] == '0':
		p++
	case p < len(b) && '1' <= b[p] && b[p] <= '9':
		for p < len(b) && '0' <= b[p] && b[p] <= '9' {
			p++
		}
	default:
		d.bad = true
		return nil
	}
	if p < len(b) && b[p] == '.' {
		p++
		if p >= len(b) || b[p] < '0' || b[p] > '9' {
			d.bad = true
			return nil
		}
		for p < len(b) && '0' <= b[p] && b[p] <= '9' {
			p++
		}
	}
	if p < len(b) && (b[p] == 'e' || b[p] == 'E') {
		p++
		if p < len(b) && (b[p] == '+' || b[p] == '-') {
			p++
		}
		if p >= len(b) || b[p] < '0' || b[p] > '9' {
			d.bad = true
			return nil
		}
		for p < len(b) && '0' <= b[p] && b[p] <= '9' {
			p++
		}
	}
	d.pos = p
	return b[start:p]
}

// int64 decodes null (0) or an integer. Fractions, exponents and values out
// of range are errors in encoding/json: they go to it.
func (d *chunkDecoder) int64() int64 {
	if d.null() {
		return 0
	}
	b, p := d.data, d.pos
	neg := p < len(b) && b[p] == '-'
	if neg {
		p++
	}
	start := p
	var n uint64
	for p < len(b) && '0' <= b[p] && b[p] <= '9' {
		if n > (1<<63)/10 {
			d.bad = true
			return 0
		}
		n = n*10 + uint64(b[p]-'0')
		p++
	}
	switch {
	case p == start, b[start] == '0' && p-start > 1: // no digit, or a leading zero
		d.bad = true
		return 0
	case p < len(b) && (b[p] == '.' || b[p] == 'e' || b[p] == 'E'):
		d.bad = true
		return 0
	case !neg && n > 1<<63-1, neg && n > 1<<63:
		d.bad = true
		return 0
	}
	d.pos = p
	if neg {
		return -int64(n)
	}
	return int64(n)
}

// int decodes null (0) or an integer that fits in an int.
func (d *chunkDecoder) int() int {
	n := d.int64()
	if strconv.IntSize == 32 && (n < -1<<31 || n > 1<<31-1) {
		d.bad = true
		return 0
	}
	return int(n)
}

// rawString consumes a string. It returns its bytes between the quotes and
// whether they can be used as they are (no escapes, only ASCII).
func (d *chunkDecoder) rawString() (raw []byte, plain bool) {
	b, p := d.data, d.pos
	if p >= len(b) || b[p] != '"' {
		d.bad = true
		return nil, false
	}
	p++
	start := p
	plain = true
	for {
		// Go to the next special byte: a quote, a backslash, a control
		// character or a byte of a multi-byte character. Eight bytes at a
		// time while there are eight.
		if len(b)-p >= 8 {
			m := specialBytes(binary.LittleEndian.Uint64(b[p:]))
			if m == 0 {
				p += 8
				continue
			}
			p += bits.TrailingZeros64(m) / 8
		} else if p >= len(b) {
			d.bad = true
			return nil, false
		}
		switch c := b[p]; {
		case c == '"':
			d.pos = p + 1
			return b[start:p], plain
		case c == '\\':
			plain = false
			if p+1 >= len(b) {
				d.bad = true
				return nil, false
			}
			switch b[p+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p += 2
			case 'u':
				if len(b)-p < 6 || !isHex(b[p+2]) || !isHex(b[p+3]) || !isHex(b[p+4]) || !isHex(b[p+5]) {
					d.bad = true
					return nil, false
				}
				p += 6
			default:
				d.bad = true
				return nil, false
			}
		case c < ' ':
			d.bad = true
			return nil, false
		case c >= utf8.RuneSelf:
			plain = false
			p++
		default: // an ordinary byte of the last seven
			p++
		}
	}
}

// specialBytes returns a mask with the high bit set in the bytes of x (in
// little-endian order) that are a quote, a backslash, below 0x20 or above
// 0x7f. Bytes above the first special one may be flagged wrongly (borrows);
// the lowest flagged byte is always special.
func specialBytes(x uint64) uint64 {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	quote := x ^ (lo * '"')
	backslash := x ^ (lo * '\\')
	return ((quote-lo)&^quote | (backslash-lo)&^backslash | (x - lo*0x20) | x) & hi
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// string decodes null ("") or a string.
func (d *chunkDecoder) string() string {
	if d.null() {
		return ""
	}
	raw, plain := d.rawString()
	if d.bad {
		return ""
	}
	if plain {
		return string(raw)
	}
	d.buf = unescape(d.buf[:0], raw)
	return string(d.buf)
}

// stringReuse decodes null ("") or a string, returning *prev when the string
// equals it and otherwise making it the new *prev.
func (d *chunkDecoder) stringReuse(prev *string) string {
	if d.null() {
		return ""
	}
	raw, plain := d.rawString()
	if d.bad {
		return ""
	}
	if !plain {
		d.buf = unescape(d.buf[:0], raw)
		raw = d.buf
	}
	if string(raw) != *prev {
		*prev = string(raw)
	}
	return *prev
}

// stringConst decodes a string that is usually one of a few known values
// (a role, a finish reason), which it returns without allocating.
func (d *chunkDecoder) stringConst() string {
	if d.null() {
		return ""
	}
	raw, plain := d.rawString()
	if d.bad {
		return ""
	}
	if !plain {
		d.buf = unescape(d.buf[:0], raw)
		raw = d.buf
	}
	switch string(raw) {
	case "assistant":
		return "assistant"
	case "stop":
		return "stop"
	case "length":
		return "length"
	case "tool_calls":
		return "tool_calls"
	case "content_filter":
		return "content_filter"
	case "function_call":
		return "function_call"
	case "tool":
		return "tool"
	case "user":
		return "user"
	case "function":
		return "function"
	case "chat.completion":
		return "chat.completion"
	case "chat.completion.chunk":
		return "chat.completion.chunk"
	case "default":
		return "default"
	case "":
		return ""
	}
	return string(raw)
}

// key consumes an object key and the colon after it. The bytes it returns
// are valid until the next call.
func (d *chunkDecoder) key() []byte {
	raw, plain := d.rawString()
	if d.bad {
		return nil
	}
	if !plain {
		d.keyBuf = unescape(d.keyBuf[:0], raw)
		raw = d.keyBuf
	}
	d.ws()
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		d.bad = true
		return nil
	}
	d.pos++
	d.ws()
	return raw
}

// unescape appends the value of the string raw (valid JSON string contents)
// to dst, as encoding/json decodes it: invalid UTF-8 and unpaired surrogates
// become U+FFFD.
func unescape(dst, raw []byte) []byte {
	if cap(dst)-len(dst) < len(raw) {
		dst = append(make([]byte, 0, len(dst)+len(raw)), dst...)
	}
	for r := 0; r < len(raw); {
		// Copy the run of ASCII up to the next backslash or multi-byte
		// character (raw holds no quote or control character).
		run := r
		for len(raw)-run >= 8 {
			m := specialBytes(binary.LittleEndian.Uint64(raw[run:]))
			if m != 0 {
				run += bits.TrailingZeros64(m) / 8
				break
			}
			run += 8
		}
		for run < len(raw) && raw[run] != '\\' && raw[run] < utf8.RuneSelf {
			run++
		}
		dst = append(dst, raw[r:run]...)
		if r = run; r == len(raw) {
			break
		}
		if c := raw[r]; c >= utf8.RuneSelf {
			rr, size := utf8.DecodeRune(raw[r:])
			if rr == utf8.RuneError && size == 1 {
				dst = utf8.AppendRune(dst, rr)
			} else {
				dst = append(dst, raw[r:r+size]...)
			}
			r += size
			continue
		}
		switch e := raw[r+1]; e {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			rr := hex4(raw[r+2:])
			r += 6
			if utf16.IsSurrogate(rr) {
				rr1 := rune(-1)
				if len(raw)-r >= 6 && raw[r] == '\\' && raw[r+1] == 'u' {
					rr1 = hex4(raw[r+2:])
				}
				if dec := utf16.DecodeRune(rr, rr1); dec != unicode.ReplacementChar {
					r += 6
					dst = utf8.AppendRune(dst, dec)
					continue
				}
				rr = unicode.ReplacementChar
			}
			dst = utf8.AppendRune(dst, rr)
			continue
		default: // '"', '\\', '/'
			dst = append(dst, e)
		}
		r += 2
	}
	return dst
}

// hex4 decodes four hex digits (already checked by rawString).
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c <= '9':
			c -= '0'
		case c <= 'F':
			c -= 'A' - 10
		default:
			c -= 'a' - 10
		}
		r = r*16 + rune(c)
	}
	return r
}

// ws skips JSON whitespace.
func (d *chunkDecoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// openObject consumes '{' and the whitespace after it. It reports whether
// the object has members; an empty object is consumed whole.
func (d *chunkDecoder) openObject() bool {
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		d.bad = true
		return false
	}
	d.pos++
	d.ws()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return false
	}
	return true
}

// openArray consumes '[' and the whitespace after it. It reports whether
// the array has elements; an empty array is consumed whole.
func (d *chunkDecoder) openArray() bool {
	if d.pos >= len(d.data) || d.data[d.pos] != '[' {
		d.bad = true
		return false
	}
	d.pos++
	d.ws()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		return false
	}
	return true
}

// skip consumes any valid JSON value without decoding it.
func (d *chunkDecoder) skip() {
	if d.pos >= len(d.data) {
		d.bad = true
		return
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		d.deep++
		defer func() { d.deep-- }()
		if d.deep > maxGenericDepth {
			d.bad = true
			return
		}
		if !d.openObject() {
			return
		}
		for {
			d.rawString()
			d.ws()
			if d.bad || d.pos >= len(d.data) || d.data[d.pos] != ':' {
				d.bad = true
				return
			}
			d.pos++
			d.ws()
			d.skip()
			if !d.nextIn('}') {
				return
			}
		}
	case c == '[':
		d.deep++
		defer func() { d.deep-- }()
		if d.deep > maxGenericDepth {
			d.bad = true
			return
		}
		if !d.openArray() {
			return
		}
		for {
			d.skip()
			if !d.nextIn(']') {
				return
			}
		}
	case c == '"':
		d.rawString()
	case c == 't':
		d.literal("true")
	case c == 'f':
		d.literal("false")
	case c == 'n':
		d.literal("null")
	case c == '-' || ('0' <= c && c <= '9'):
		d.number()
	default:
		d.bad = true
	}
}

// nextIn consumes what follows a member or an element of a container
// closed by end: a comma (then it reports true, positioned at the next key
// or element) or end (false).
func (d *chunkDecoder) nextIn(end byte) bool {
	if d.bad {
		return false
	}
	d.ws()
	if d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ',':
			d.pos++
			d.ws()
			return true
		case end:
			d.pos++
			return false
		}
	}
	d.bad = true
	return false
}
