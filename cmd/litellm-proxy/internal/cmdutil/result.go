package cmdutil

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// maxRawBody bounds how much of a captured response body is kept.
const maxRawBody = 64 << 20

// Capture records the body of a facade call's response, so that the CLI
// prints the proxy's JSON with its own key order and every field, known to
// the facade or not. Pass Option() to the call, then read Raw.
type Capture struct {
	resp *http.Response
	raw  []byte
	read bool
}

// Option returns the per-call option that records the response.
func (c *Capture) Option() facade.Option { return facade.WithResponseInto(&c.resp) }

// Raw returns the recorded body when it is JSON, else nil.
func (c *Capture) Raw() json.RawMessage {
	if c == nil {
		return nil
	}
	if !c.read {
		c.read = true
		if c.resp != nil && c.resp.Body != nil {
			b, err := io.ReadAll(io.LimitReader(c.resp.Body, maxRawBody))
			_ = c.resp.Body.Close()
			if err == nil {
				c.resp.Body = io.NopCloser(bytes.NewReader(b))
				if json.Valid(b) {
					c.raw = bytes.TrimSpace(b)
				}
			}
		}
	}
	return c.raw
}

// Result returns the raw body when it was captured, else v marshalled: what
// a command prints as its JSON result.
func Result(c *Capture, v any) (json.RawMessage, error) {
	if raw := c.Raw(); raw != nil {
		return raw, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encoding the result: %w", err)
	}
	return bytes.TrimSpace(buf.Bytes()), nil
}

// PrintResult prints the call's result as pretty JSON: the captured body,
// else v.
func PrintResult(ios *iostreams.IOStreams, c *Capture, v any) error {
	raw, err := Result(c, v)
	if err != nil {
		return err
	}
	return output.PrintJSON(ios, raw)
}

// Decode decodes JSON into generic values (numbers as json.Number, so that
// "10.0" and "10" print as the proxy sent them).
func Decode(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// Field returns m[key] when m is a JSON object, else nil. Nested keys walk
// into objects: Field(m, "litellm_params", "model").
func Field(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// Has reports whether the JSON object m has key (null values count).
func Has(v any, key string) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	_, ok = m[key]
	return ok
}

// Str returns Python's str() of the field, or "" when it is missing: the
// upstream tables' str(item.get(key, "")).
func Str(v any, keys ...string) string {
	if len(keys) > 0 {
		parent := Field(v, keys[:len(keys)-1]...)
		if !Has(parent, keys[len(keys)-1]) {
			return ""
		}
	}
	return output.PyStr(Field(v, keys...))
}

// Text returns a string field, or "" when it is missing, null or not a
// string.
func Text(v any, keys ...string) string {
	s, _ := Field(v, keys...).(string)
	return s
}

// List returns the field as a JSON array, or nil.
func List(v any, keys ...string) []any {
	l, _ := Field(v, keys...).([]any)
	return l
}

// RawField returns the raw JSON of a top-level field of an object, keeping
// its key order, or nil.
func RawField(raw json.RawMessage, key string) json.RawMessage {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil
	}
	return m[key]
}

// Body returns the JSON body of a call: the captured body when the call
// succeeded, or the body of a 2xx answer the facade could not decode into
// its type (a field of an unexpected type, say), so that the CLI still
// shows what the proxy said. Any other error is returned.
func Body(c *Capture, v any, err error) (json.RawMessage, error) {
	if err != nil {
		var de *facade.DecodeError
		if errors.As(err, &de) && de.Status/100 == 2 {
			if b := bytes.TrimSpace(de.Body); len(b) > 0 && json.Valid(b) {
				return b, nil
			}
		}
		return nil, err
	}
	return Result(c, v)
}

// PrintBody prints the result of a call as pretty JSON (see [Body]).
func PrintBody(ios *iostreams.IOStreams, c *Capture, v any, err error) error {
	raw, err := Body(c, v, err)
	if err != nil {
		return err
	}
	return output.PrintJSON(ios, raw)
}
