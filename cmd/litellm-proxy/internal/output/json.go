package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// JSON returns v as JSON indented by two spaces, with a trailing newline.
// A json.RawMessage, facade.RawJSON or []byte is re-indented as is, so the key order of the
// proxy's response is kept; any other value is marshalled without HTML
// escaping ("<" stays "<").
func JSON(v any) ([]byte, error) {
	var raw []byte
	switch x := v.(type) {
	case json.RawMessage:
		raw = x
	case []byte:
		raw = x
	case facade.RawJSON:
		raw = x
	default:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return nil, err
		}
		raw = buf.Bytes()
	}
	var out bytes.Buffer
	if err := json.Indent(&out, bytes.TrimSpace(raw), "", "  "); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// PrintJSON writes v to ios.Out as [JSON] does, coloured on a terminal,
// with the characters a terminal would act on escaped inside strings
// ([SafeJSONText]; the JSON means the same).
func PrintJSON(ios *iostreams.IOStreams, v any) error {
	b, err := JSON(v)
	if err != nil {
		return err
	}
	b = SafeJSONText(b)
	return writeJSON(ios.Out, b, ios.ColorScheme())
}

func writeJSON(w io.Writer, b []byte, cs *iostreams.ColorScheme) error {
	if cs.Enabled() {
		b = colorizeJSON(b, cs)
	}
	_, err := w.Write(b)
	return err
}

// colorizeJSON colours the tokens of valid, indented JSON: keys cyan,
// strings green, numbers yellow, true, false and null bold.
func colorizeJSON(b []byte, cs *iostreams.ColorScheme) []byte {
	var out bytes.Buffer
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(b) && b[j] != '"' {
				if b[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(b))
			tok := string(b[i:j])
			k := j
			for k < len(b) && (b[k] == ' ' || b[k] == '\n') {
				k++
			}
			if k < len(b) && b[k] == ':' {
				out.WriteString(cs.Cyan(tok))
			} else {
				out.WriteString(cs.Green(tok))
			}
			i = j
		case c == '-' || (c >= '0' && c <= '9'):
			j := i
			for j < len(b) && bytes.IndexByte([]byte("+-.eE0123456789"), b[j]) >= 0 {
				j++
			}
			out.WriteString(cs.Yellow(string(b[i:j])))
			i = j
		case c == 't' || c == 'f' || c == 'n':
			j := i
			for j < len(b) && b[j] >= 'a' && b[j] <= 'z' {
				j++
			}
			out.WriteString(cs.Bold(string(b[i:j])))
			i = j
		default:
			out.WriteByte(c)
			i++
		}
	}
	return out.Bytes()
}
