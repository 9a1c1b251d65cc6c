package facade

import (
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
)

// redactedText replaces every secret that Redact finds.
const redactedText = "REDACTED"

// Redact returns s with the secrets it recognises replaced by REDACTED. It is
// the one redaction function of the module: error strings, debug logs and the
// CLI all go through it. It replaces:
//
//   - virtual and master keys: "sk-" followed by 8 or more of [A-Za-z0-9_-]
//     (a key glued to a preceding letter or digit is replaced, with that
//     word, when 16 or more letters and digits follow "sk-", so "task-list"
//     and "risk-based" stay);
//   - JWTs: "eyJ…" with two or three dot-separated base64url segments, or one
//     segment of 20 or more characters (with any word it is glued to);
//   - the token after "Bearer " or "Basic " (any case; the scheme word stays,
//     and a Basic token must look like credentials rather than a word);
//   - the value of a secret-named field: JSON and Python-dict fields
//     ("api_key": "…", 'key': '…', \"token\": \"…\"), query and form
//     parameters (?key=…&, existing_key=…), and header lines or Go-printed
//     headers (x-litellm-api-key: …, Authorization: Bearer …). Secret names
//     are key, token, secret, password, passwd, jwt, apikey, authorization,
//     proxy-authorization and any name ending in _key, -key, apikey, _token,
//     -token, _secret, -secret, _password, -password, _credentials or _jwt,
//     in any case. An unquoted "key: …" or "token: …" is left alone, being
//     common in prose and validation messages. JSON stays well-formed
//     because only a string's contents change; null, numbers and objects are
//     left alone;
//   - the key in a /key/<key>/… path (as in POST /key/{key}/regenerate);
//   - the user information of a URL, user name included:
//     "http://admin:secret@host" becomes "http://REDACTED@host" (also with
//     JSON-escaped slashes, "http:\/\/admin:secret@host").
//
// Redact errs on the side of hiding: a word that merely looks like a token
// after "Bearer " goes too. It is idempotent, allocates only when it changes
// something, and is cheap enough to run on every error and log line.
func Redact(s string) string {
	if s == "" {
		return s
	}
	s = redactUserinfo(s)
	s = redactSKKeys(s)
	s = redactJWTs(s)
	s = redactNamedValues(s)
	s = redactAuthSchemes(s)
	return redactKeyPaths(s)
}

// redactURL returns u as a string with its user information and the values
// of secret-named query parameters replaced, then passed through Redact (so
// an "sk-" key in the path goes too). A nil u gives "".
func redactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	return Redact(u.Redacted())
}

// redactUserinfo replaces the user information of URLs: what lies between
// "://" (or the JSON-escaped ":\/\/") and the last "@" of the authority.
func redactUserinfo(s string) string {
	if strings.IndexByte(s, '@') < 0 {
		return s
	}
	w := rewriter{src: s}
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], ":/")
		k := strings.Index(s[i:], `:\/`)
		switch {
		case j < 0 && k < 0:
			return w.result()
		case j < 0 || (k >= 0 && k < j):
			j = i + k
		default:
			j += i
		}
		var start int
		switch {
		case strings.HasPrefix(s[j:], "://"):
			start = j + 3
		case strings.HasPrefix(s[j:], `:\/\/`):
			start = j + 5
		default:
			i = j + 1
			continue
		}
		end, at := start, -1
		for end < len(s) && isAuthorityChar(s[end]) {
			if s[end] == '@' {
				at = end
			}
			end++
		}
		if at > start {
			w.replace(start, at)
		}
		i = max(end, j+1)
	}
	return w.result()
}

// isAuthorityChar reports whether c may appear in the authority of a URL as
// it is printed: anything but the path, query and fragment delimiters,
// blanks, quotes, brackets of prose and escapes.
func isAuthorityChar(c byte) bool {
	if c <= ' ' || c == 0x7f {
		return false
	}
	switch c {
	case '/', '?', '#', '\\', '"', '\'', '<', '>', '`', '(', ')', '{', '}':
		return false
	}
	return true
}

// rewriter builds a copy of src with some spans replaced by REDACTED; it
// allocates nothing until the first replacement.
type rewriter struct {
	src  string
	b    strings.Builder
	last int
	dirt bool
}

// replace replaces src[start:end]; spans must come in order and not overlap.
func (w *rewriter) replace(start, end int) {
	if start >= end || w.src[start:end] == redactedText {
		return
	}
	if !w.dirt {
		w.b.Grow(len(w.src))
		w.dirt = true
	}
	w.b.WriteString(w.src[w.last:start])
	w.b.WriteString(redactedText)
	w.last = end
}

func (w *rewriter) result() string {
	if !w.dirt {
		return w.src
	}
	w.b.WriteString(w.src[w.last:])
	return w.b.String()
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isTokenChar reports whether c may appear in a key or a base64url segment.
func isTokenChar(c byte) bool { return isAlnum(c) || c == '_' || c == '-' }

// isB64TokenChar reports whether c may appear in an RFC 6750 b64token (which
// also covers Basic credentials).
func isB64TokenChar(c byte) bool {
	return isTokenChar(c) || c == '.' || c == '~' || c == '+' || c == '/' || c == '='
}

// span returns how many bytes of s from i on satisfy ok.
func span(s string, i int, ok func(byte) bool) int {
	n := 0
	for i+n < len(s) && ok(s[i+n]) {
		n++
	}
	return n
}

// spanMax is span, but stops counting at limit.
func spanMax(s string, i int, ok func(byte) bool, limit int) int {
	n := 0
	for n < limit && i+n < len(s) && ok(s[i+n]) {
		n++
	}
	return n
}

// skBoundary reports whether the "sk-" at j starts a word: it is at the
// start, after a byte that is not a letter or digit, or after an escape that
// ends in one (\n, \u0020, %20).
func skBoundary(s string, j int) bool {
	switch {
	case j == 0 || !isAlnum(s[j-1]):
		return true
	case j >= 2 && s[j-2] == '\\':
		return true
	case j >= 3 && s[j-3] == '%' && isHexDigit(s[j-2]) && isHexDigit(s[j-1]):
		return true
	case j >= 6 && s[j-6] == '\\' && s[j-5] == 'u' && isHexDigit(s[j-4]) && isHexDigit(s[j-3]) && isHexDigit(s[j-2]) && isHexDigit(s[j-1]):
		return true
	}
	return false
}

// redactSKKeys replaces "sk-" keys.
func redactSKKeys(s string) string {
	w := rewriter{src: s}
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "sk-")
		if j < 0 {
			break
		}
		j += i
		start := j + 3
		// Measure the key only when it will be replaced (or is short), so that
		// a long run with many non-keys in it stays linear.
		if skBoundary(s, j) && spanMax(s, start, isTokenChar, 8) >= 8 {
			end := start + span(s, start, isTokenChar)
			w.replace(j, end)
			i = end
			continue
		}
		if spanMax(s, start, isAlnum, 16) >= 16 {
			// A key glued to the word before it: replace the whole word, so
			// that REDACTED cannot join what is left into a new match.
			from := j
			for from > w.last && isTokenChar(s[from-1]) {
				from--
			}
			end := start + span(s, start, isTokenChar)
			w.replace(from, end)
			i = end
			continue
		}
		i = j + 1
	}
	return w.result()
}

// redactJWTs replaces JWTs and other base64url-encoded JSON ("eyJ" is the
// encoding of `{"`).
func redactJWTs(s string) string {
	w := rewriter{src: s}
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "eyJ")
		if j < 0 {
			break
		}
		j += i
		if spanMax(s, j, isTokenChar, 10) < 10 {
			i = j + 1
			continue
		}
		first := span(s, j, isTokenChar)
		end := j + first
		segs := 1
		for segs < 3 && end < len(s) && s[end] == '.' {
			n := span(s, end+1, isTokenChar)
			if n == 0 {
				break
			}
			end += 1 + n
			segs++
		}
		if (segs >= 2 && first >= 10) || first >= 20 {
			// Take the word it is glued to as well, as for sk- keys.
			from := j
			for from > w.last && isTokenChar(s[from-1]) {
				from--
			}
			w.replace(from, end)
			i = end
			continue
		}
		i = j + 1
	}
	return w.result()
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case; prefix is lower case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// schemeStopWords are words that follow "Bearer" or "Basic" in prose, such
// as the proxy's own "Ensure Key has `Bearer ` prefix" message.
var schemeStopWords = []string{
	"a", "an", "and", "auth", "authentication", "authorization", "credentials", "format",
	"header", "is", "key", "keys", "or", "prefix", "scheme", "the", "to", "token", "tokens",
}

func isSchemeStopWord(tok string) bool {
	for _, w := range schemeStopWords {
		if strings.EqualFold(tok, w) {
			return true
		}
	}
	return false
}

// looksLikeCredentials tells a Basic token from an English word: it is long
// and has a digit, a base64 symbol or a capital letter after the first byte.
func looksLikeCredentials(tok string) bool {
	if len(tok) < 8 {
		return false
	}
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if '0' <= c && c <= '9' || c == '+' || c == '/' || c == '=' || (i > 0 && 'A' <= c && c <= 'Z') {
			return true
		}
	}
	return false
}

// redactAuthSchemes replaces the token after "Bearer " and "Basic ".
func redactAuthSchemes(s string) string {
	w := rewriter{src: s}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != 'b' && c != 'B' || (i > 0 && isAlnum(s[i-1])) {
			continue
		}
		var n int
		basic := false
		switch {
		case hasPrefixFold(s[i:], "bearer"):
			n = 6
		case hasPrefixFold(s[i:], "basic"):
			n, basic = 5, true
		default:
			continue
		}
		p := i + n
		for p < len(s) && (s[p] == ' ' || s[p] == '\t') {
			p++
		}
		if p == i+n {
			continue
		}
		t := span(s, p, isB64TokenChar)
		if t == 0 {
			continue
		}
		tok := s[p : p+t]
		if isSchemeStopWord(tok) || (basic && !looksLikeCredentials(tok)) {
			i = p - 1
			continue
		}
		w.replace(p, p+t)
		i = p + t - 1
	}
	return w.result()
}

// redactKeyPaths replaces the key in /key/<key>/… (POST /key/{key}/regenerate).
func redactKeyPaths(s string) string {
	w := rewriter{src: s}
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "/key/")
		if j < 0 {
			break
		}
		start := i + j + len("/key/")
		end := start
		for end < len(s) && !strings.ContainsRune("/?# \t\r\n\"'<>\\`", rune(s[end])) {
			end++
		}
		seg := s[start:end]
		if end < len(s) && s[end] == '/' && seg != "" && seg != "service-account" && seg[0] != '{' {
			w.replace(start, end)
		}
		i = end
	}
	return w.result()
}

// isNameChar reports whether c may appear in a field, parameter or header
// name.
func isNameChar(c byte) bool { return isTokenChar(c) }

// isSecretName reports whether the lower-case name lw names a secret.
func isSecretName(lw []byte) bool {
	switch string(lw) {
	case "key", "token", "secret", "password", "passwd", "apikey", "jwt",
		"authorization", "proxy-authorization":
		return true
	}
	for _, suffix := range [...]string{
		"_key", "-key", "apikey", "_token", "-token", "_secret", "-secret",
		"_password", "-password", "_credentials", "_jwt",
	} {
		if len(lw) > len(suffix) && string(lw[len(lw)-len(suffix):]) == suffix {
			return true
		}
	}
	return false
}

// isUnquotedNameLeft reports whether an unquoted secret name may follow c:
// it must start a parameter, a header line or a printed map entry.
func isUnquotedNameLeft(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '?', '&', ';', '[', '{', '(', ',':
		return true
	}
	return false
}

// isUnquotedValueChar reports whether c may appear in an unquoted value.
func isUnquotedValueChar(c byte) bool {
	if c <= ' ' || c == 0x7f {
		return false
	}
	switch c {
	case '&', '#', '"', '\'', ',', ';', ')', ']', '}', '<', '>', '\\', '`':
		return false
	}
	return true
}

func skipBlanks(s string, p int) int {
	for p < len(s) && (s[p] == ' ' || s[p] == '\t') {
		p++
	}
	return p
}

func skipSpaces(s string, p int) int {
	for p < len(s) && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r') {
		p++
	}
	return p
}

// redactNamedValues replaces the values of secret-named fields, parameters
// and headers.
func redactNamedValues(s string) string {
	w := rewriter{src: s}
	floor := 0 // the end of the last value: what comes before is not context
	for i := 0; i < len(s); {
		if !isNameChar(s[i]) {
			i++
			continue
		}
		ws := i
		for i < len(s) && isNameChar(s[i]) {
			i++
		}
		if vs, ve, ok := namedValue(s, floor, ws, i); ok {
			w.replace(vs, ve)
			floor = ve
			if ve > i {
				i = ve
			}
		}
	}
	return w.result()
}

// namedValue reports where the value of the name s[ws:we] is, if the name is
// a secret one followed by a separator and a value. Bytes before floor (the
// previous value) do not count as the name's context, so that the decision
// is the same once that value is REDACTED.
func namedValue(s string, floor, ws, we int) (vs, ve int, ok bool) {
	if we-ws < 3 || we-ws > 64 {
		return 0, 0, false
	}
	var q byte // the quote around the name, if any
	esc := false
	if ws > floor && (s[ws-1] == '"' || s[ws-1] == '\'') {
		q = s[ws-1]
		esc = ws-2 >= floor && s[ws-2] == '\\'
	} else if ws > 0 && !isUnquotedNameLeft(s[ws-1]) {
		return 0, 0, false
	}
	p := we
	switch {
	case q != 0 && esc:
		if p+1 >= len(s) || s[p] != '\\' || s[p+1] != q {
			return 0, 0, false
		}
		p += 2
	case q != 0:
		if p >= len(s) || s[p] != q {
			return 0, 0, false
		}
		p++
	}
	if q != 0 {
		p = skipSpaces(s, p)
	} else {
		p = skipBlanks(s, p)
	}
	if p >= len(s) || (s[p] != ':' && s[p] != '=') || (q != 0 && s[p] != ':') {
		return 0, 0, false
	}
	sep := s[p]
	var buf [64]byte
	lw := buf[:we-ws]
	for k := range lw {
		c := s[ws+k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lw[k] = c
	}
	if !isSecretName(lw) {
		return 0, 0, false
	}
	if q == 0 && sep == ':' && (string(lw) == "key" || string(lw) == "token") {
		// "key: value" is too common in prose and validation messages.
		return 0, 0, false
	}
	p = skipBlanks(s, p+1)
	if q != 0 {
		p = skipSpaces(s, p)
	}
	if p < len(s) && s[p] == '[' {
		p = skipSpaces(s, p+1)
	}
	if p >= len(s) {
		return 0, 0, false
	}
	switch c := s[p]; {
	case c == '\\' && p+1 < len(s) && (s[p+1] == '"' || s[p+1] == '\''):
		// A value quoted inside a JSON string: \"…\".
		qq := s[p+1]
		vs = p + 2
		k := vs
		for k < len(s) {
			if s[k] == '\\' {
				if k+1 < len(s) && s[k+1] == qq {
					break
				}
				k += 2
				continue
			}
			if s[k] == '"' {
				break
			}
			k++
		}
		return vs, min(k, len(s)), true
	case c == '"' || c == '\'':
		vs = p + 1
		k := vs
		for k < len(s) && s[k] != c {
			if s[k] == '\\' {
				k++
			}
			k++
		}
		return vs, min(k, len(s)), true
	case q != 0:
		// null, a number, an object: not a secret string.
		return 0, 0, false
	}
	n := span(s, p, isUnquotedValueChar)
	if n == 0 {
		return 0, 0, false
	}
	if v := s[p : p+n]; strings.EqualFold(v, "bearer") || strings.EqualFold(v, "basic") {
		t := skipBlanks(s, p+n)
		if m := span(s, t, isUnquotedValueChar); t > p+n && m > 0 {
			return t, t + m, true
		}
	}
	return p, p + n, true
}

// secret holds a credential. Every way of printing it shows REDACTED (or
// nothing when it is empty): String, GoString, Format (all verbs), LogValue
// and MarshalText (hence JSON). Use string(s) where the real value is needed.
//
// Caution: fmt and reflection cannot call methods on unexported struct
// fields, so a struct printing itself with %v would show an unexported secret
// field raw. A type that holds a secret in an unexported field must implement
// Format (as Client does), or keep the secret behind a pointer.
type secret string

// String returns REDACTED, or "" for an empty secret.
func (s secret) String() string {
	if s == "" {
		return ""
	}
	return redactedText
}

// GoString returns "REDACTED" (quoted, as Go syntax), or `""`.
func (s secret) GoString() string { return strconv.Quote(s.String()) }

// LogValue logs the secret as REDACTED.
func (s secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText encodes the secret as REDACTED, so JSON and slog's handlers
// never show it either. A request body that must carry the key uses a plain
// string field.
func (s secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Format prints the secret as String does; %q and %#v quote it.
func (s secret) Format(f fmt.State, verb rune) {
	if verb == 'q' || (verb == 'v' && f.Flag('#')) {
		_, _ = io.WriteString(f, s.GoString())
		return
	}
	_, _ = io.WriteString(f, s.String())
}
