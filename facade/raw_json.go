package facade

import (
	"bytes"
	"encoding/json"
)

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
// through unchanged. The body is the one the facade reads anyway, within
// [WithMaxResponseSize]: nothing is read twice. fn is not called for event
// streams, binary answers, or bodies that are not JSON. When the call
// returns an error, ignore what fn received.
func WithRawJSON(fn func(RawJSON)) Option {
	return func(s *settings) {
		if fn == nil {
			s.fail("facade: WithRawJSON(nil)")
			return
		}
		s.rawJSON = fn
	}
}

// recordRawJSON hands a 2xx body to the WithRawJSON callback, if any.
func (s *settings) recordRawJSON(body []byte) {
	if s.rawJSON == nil {
		return
	}
	if t := bytes.TrimSpace(body); len(t) > 0 && json.Valid(t) {
		s.rawJSON(RawJSON(t))
	}
}
