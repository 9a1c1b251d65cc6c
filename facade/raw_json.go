package facade

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// maxRawJSON bounds the answers [WithRawJSON] records; a larger answer is
// decoded as usual and not recorded.
const maxRawJSON = 64 << 20

// RawJSON is JSON exactly as the proxy sent it: its key order, its spelling
// of numbers and the fields the facade's types do not declare. It is what a
// program prints when it passes the proxy's answer through (the CLI's
// --format json); to read fields, use the typed result of the call. It may
// hold secrets (a new key, a credential), as the typed result does.
type RawJSON []byte

// MarshalJSON returns r unchanged (null when r is empty), so that a RawJSON
// inside another value is encoded as the proxy sent it.
func (r RawJSON) MarshalJSON() ([]byte, error) {
	if len(bytes.TrimSpace(r)) == 0 {
		return []byte("null"), nil
	}
	return r, nil
}

// Member returns the member name of r, a JSON object, as sent; nil when r
// is not an object or has no such member.
func (r RawJSON) Member(name string) RawJSON {
	var obj map[string]json.RawMessage
	if json.Unmarshal(r, &obj) != nil {
		return nil
	}
	if m, ok := obj[name]; ok {
		return RawJSON(bytes.TrimSpace(m))
	}
	return nil
}

// Items returns the elements of r, a JSON array, as sent. An object is a
// list of one (as [ModelsService.Info] treats a single deployment); null,
// an empty r and any other value give nil.
func (r RawJSON) Items() []RawJSON {
	t := bytes.TrimSpace(r)
	if len(t) == 0 {
		return nil
	}
	switch t[0] {
	case '{':
		return []RawJSON{t}
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(t, &items) != nil {
			return nil
		}
		out := make([]RawJSON, len(items))
		for i, it := range items {
			out[i] = RawJSON(bytes.TrimSpace(it))
		}
		return out
	}
	return nil
}

// WithRawJSON calls fn with the body of each successful (2xx) JSON answer
// of the call, as the proxy sent it, before the facade decodes it into the
// call's typed result; an All method calls fn once per page. The typed
// result stays the way to read the answer: RawJSON is for passing it
// through unchanged. fn is not called for event streams, for bodies that are
// not JSON or that exceed 64 MiB. When the call returns an error, ignore
// what fn received.
func WithRawJSON(fn func(RawJSON)) Option {
	if fn == nil {
		return func(s *settings) { s.fail("facade: WithRawJSON(nil)") }
	}
	return WithMiddleware(func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		resp, err := next(req)
		if err != nil || resp == nil || resp.Body == nil || resp.StatusCode/100 != 2 ||
			strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
			return resp, err
		}
		b, rerr := io.ReadAll(io.LimitReader(resp.Body, maxRawJSON+1))
		if rerr != nil || len(b) > maxRawJSON {
			// Hand the facade what was read and the rest: it reports the
			// error or the size itself.
			resp.Body = rawBody{io.MultiReader(bytes.NewReader(b), resp.Body), resp.Body}
			return resp, nil
		}
		resp.Body = rawBody{bytes.NewReader(b), resp.Body}
		if t := bytes.TrimSpace(b); json.Valid(t) {
			fn(RawJSON(t))
		}
		return resp, nil
	})
}

// rawBody reads from r and closes the original body.
type rawBody struct {
	r io.Reader
	c io.Closer
}

func (b rawBody) Read(p []byte) (int, error) { return b.r.Read(p) }
func (b rawBody) Close() error               { return b.c.Close() }
