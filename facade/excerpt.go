package facade

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// bodyExcerpt returns a redacted one-line excerpt of a body that is not a
// proxy error: HTML tags stripped, whitespace collapsed, at most n bytes.
func bodyExcerpt(body []byte, n int) string {
	const window = 4 << 10
	b := body
	if len(b) > window {
		b = b[:window]
		// Never end inside a token, which might be half a key.
		for len(b) > 0 && isB64TokenChar(b[len(b)-1]) {
			b = b[:len(b)-1]
		}
	}
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	s = stripTags(s)
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || !unicode.IsPrint(r)
	}), " ")
	return truncateText(Redact(s), n)
}

// stripTags replaces each complete <…> tag with a space and drops the
// contents of <script> and <style> elements.
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteByte(' ')
		tag := strings.ToLower(s[i+1 : i+j])
		s = s[i+j+1:]
		for _, el := range [...]string{"script", "style"} {
			if strings.HasPrefix(tag, el) {
				if k := strings.Index(strings.ToLower(s), "</"+el); k >= 0 {
					s = s[k:]
				}
			}
		}
	}
	b.WriteString(s)
	return b.String()
}

// truncateText cuts s to at most n bytes at a rune boundary, marking the cut
// with "...".
func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("...")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
