package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/litellm-go/proxyclient/facade"
)

// Text from elsewhere (the proxy's answers, error messages, the token file)
// reaches the terminal only through the functions below, so that it cannot
// move the cursor, retitle the window, hide what follows or ring the bell,
// and so that the secrets it holds are redacted.

// Escape returns s with what a terminal would act on made visible: C0
// control characters other than newline and tab (ESC, BEL, backspace,
// carriage return, ...) and DEL as \xNN, C1 control characters (the
// single-character CSI U+009B among them) and the bidirectional embedding,
// override and isolate characters as \uNNNN, and bytes that are not UTF-8
// as \xNN. Newlines and tabs are kept: they are layout. Anything else,
// backslashes included, is unchanged, and s is returned as is when it needs
// no escape.
func Escape(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if needsEscape(r, size) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && needsEscape(r, size):
			fmt.Fprintf(&b, `\x%02x`, r)
		case needsEscape(r, size):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// needsEscape reports whether the rune r (of size bytes) is escaped by
// Escape.
func needsEscape(r rune, size int) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r == utf8.RuneError && size == 1:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	}
	return isBidiControl(r)
}

// isBidiControl reports whether r is a bidirectional embedding, override or
// isolate character, which reorders the text that follows it on display.
func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// Safe is the form of any text from elsewhere that the CLI prints: redacted
// by facade.Redact and [RedactUserinfo] (URL user information), then
// escaped ([Escape]).
func Safe(s string) string {
	return Escape(RedactUserinfo(facade.Redact(s)))
}

// SafeErr is Safe(err.Error()), or "" for a nil error.
func SafeErr(err error) string {
	if err == nil {
		return ""
	}
	return Safe(err.Error())
}

// SafeURL returns a URL to print: with its user information redacted
// ([RedactUserinfo]) and escaped. It does not redact the query, so that a login
// URL stays usable; use Safe for URLs that may carry keys.
func SafeURL(raw string) string {
	return Escape(RedactUserinfo(raw))
}

// RedactUserinfo replaces the user information of every URL in s
// ("scheme://user:password@host", or a user name alone, which may be a
// token) by REDACTED, as facade.Redact does: "http://REDACTED@host". Safe
// gets it from facade.Redact as well; SafeURL, which must leave a login
// URL's query alone, needs it on its own.
func RedactUserinfo(s string) string {
	if !strings.Contains(s, "://") || !strings.Contains(s, "@") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "://")
		if j < 0 {
			break
		}
		start := i + j + 3
		// The authority ends at the first '/', '?', '#', space, quote or
		// control character; user information ends at its last '@'.
		end, at := start, -1
		for end < len(s) && !strings.ContainsRune("/?#\"'`<>\\\x7f", rune(s[end])) && s[end] > ' ' {
			if s[end] == '@' {
				at = end
			}
			end++
		}
		if at > start && s[start:at] != redacted {
			b.WriteString(s[last:start])
			b.WriteString(redacted)
			last = at
		}
		i = max(end, start)
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// redacted is what RedactUserinfo puts in place of user information, the
// word facade.Redact uses.
const redacted = "REDACTED"

// SafeJSONText makes valid JSON text safe to print without changing what it
// means: inside strings, DEL, C1 control characters and the bidirectional
// controls become \uNNNN escapes, and bytes that are not UTF-8 become
// \ufffd. (Other control characters cannot appear raw in valid JSON, and
// escapes such as \u001b are printed as their six characters, which a
// terminal does not act on.) b is returned as is when it needs no change.
func SafeJSONText(b []byte) []byte {
	i := 0
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if needsJSONEscape(r, size) {
			break
		}
		i += size
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, b[:i]...)
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, `\ufffd`...)
		case needsJSONEscape(r, size):
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// needsJSONEscape reports whether SafeJSONText replaces the rune r (of size
// bytes); JSON's own white space stays.
func needsJSONEscape(r rune, size int) bool {
	if r == '\n' || r == '\t' || r == '\r' {
		return false
	}
	return needsEscape(r, size)
}

// RedactedJSON returns an error body as JSON indented by two spaces, with a
// trailing newline, safe to print: every string (member names too) is
// decoded first, so that escapes such as "sk\u002d…" cannot hide a key,
// then re-encoded with control characters escaped ([SafeJSONText]), and
// the whole text redacted by facade.Redact and [RedactUserinfo]. The key
// order and the numbers are kept as the proxy sent them. It fails when raw
// is not valid JSON.
func RedactedJSON(raw []byte) ([]byte, error) {
	raw = bytes.TrimSpace(raw)
	if !json.Valid(raw) {
		return nil, errors.New("invalid JSON")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var compact bytes.Buffer
	// frame is an open object or array: how many members it has, and
	// whether a member name was just written.
	type frame struct {
		object   bool
		members  int
		afterKey bool
	}
	var stack []frame
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			compact.WriteByte(byte(d))
			if n := len(stack); n > 0 {
				stack[n-1].afterKey = false
			}
			continue
		}
		if n := len(stack); n > 0 {
			top := &stack[n-1]
			switch {
			case top.object && !top.afterKey:
				if top.members > 0 {
					compact.WriteByte(',')
				}
				top.members++
				top.afterKey = true
			case top.object:
				compact.WriteByte(':')
				top.afterKey = false
			default:
				if top.members > 0 {
					compact.WriteByte(',')
				}
				top.members++
			}
		}
		switch v := tok.(type) {
		case json.Delim:
			compact.WriteByte(byte(v))
			stack = append(stack, frame{object: v == '{'})
			continue
		case string:
			compact.Write(encodeString(v))
		case json.Number:
			compact.WriteString(string(v))
		case bool:
			if v {
				compact.WriteString("true")
			} else {
				compact.WriteString("false")
			}
		case nil:
			compact.WriteString("null")
		}
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	text := RedactUserinfo(facade.Redact(out.String()))
	return SafeJSONText([]byte(text)), nil
}

// encodeString encodes s as a JSON string without HTML escaping.
func encodeString(s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
