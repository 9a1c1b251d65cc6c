package facade

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/litellm-go/proxyclient/facade/sse"
	"github.com/litellm-go/proxyclient/internal/pyrepr"
)

// Reading an error body of any shape the proxy sends into an APIError's
// message, type, code and param.

// readErrorBody reads an error response body: at most MaxErrorBodySize
// bytes, then up to 256 KiB more are discarded so the connection can be
// reused. It returns what it read, with the read error if any.
func readErrorBody(r io.Reader) ([]byte, error) {
	if r == nil {
		return nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(r, MaxErrorBodySize))
	if err != nil {
		return b, err
	}
	if len(b) == MaxErrorBodySize {
		_, _ = io.CopyN(io.Discard, r, maxErrorBodyDrain)
	}
	return b, nil
}

// parseAPIError builds the error for a non-2xx response from its already
// read body (resp.Body is not used and may be consumed or nil; resp itself
// may be nil). method and path describe the request; a query in path is
// dropped, and when they are empty they come from resp.Request.
func parseAPIError(resp *http.Response, body []byte, method, path string) *APIError {
	e := &APIError{Body: body}
	if resp != nil {
		e.StatusCode = resp.StatusCode
	}
	e.fillFromResponse(resp, method, path)
	if f, ok := parseErrorBody(body); ok {
		e.Message, e.Type, e.Code, e.Param = f.message, f.typ, f.code, f.param
	}
	return e
}

// fillFromResponse sets e's Method, Path, Header and RequestID from the
// request description and resp (which may be nil). Callers of
// errorFromSuccessBody and parseStreamErrorEvent use it too.
func (e *APIError) fillFromResponse(resp *http.Response, method, path string) {
	if resp != nil {
		e.Header = resp.Header
		e.RequestID = apiErrorRequestID(resp.Header)
		if req := resp.Request; req != nil {
			if method == "" {
				method = req.Method
			}
			if path == "" && req.URL != nil {
				path = req.URL.Path
			}
		}
	}
	e.Method = method
	e.Path = pathOnly(path)
}

// pathOnly returns the path of p, which may be a path with a query or a
// whole URL.
func pathOnly(p string) string {
	if strings.Contains(p, "://") {
		if u, err := url.Parse(p); err == nil {
			return u.Path
		}
	}
	p, _, _ = strings.Cut(p, "?")
	p, _, _ = strings.Cut(p, "#")
	return p
}

// apiErrorRequestID returns x-litellm-call-id, else x-request-id, else
// request-id.
func apiErrorRequestID(h http.Header) string {
	for _, k := range [...]string{"X-Litellm-Call-Id", "X-Request-Id", "Request-Id"} {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// errorFromSuccessBody recognises the proxy's error objects sent with a 2xx
// status (GET/DELETE/PATCH /credentials return them with HTTP 200): a JSON
// object with "message", "code" and "type" and no "success" field. The
// error's StatusCode comes from "code" (500 when that is not an error
// status); the caller sets Method, Path and Header with fillFromResponse.
func errorFromSuccessBody(body []byte) (*APIError, bool) {
	// Cheap test first: this runs on every successful response, and almost
	// none of them is an error object. topLevelMembers scans the body
	// without decoding it (json_scan.go); when it cannot tell, decode.
	if found, ok := topLevelMembers(body, "message", "code", "type", "success"); ok && found != 0b0111 {
		return nil, false
	}
	obj, ok := jsonObject(body)
	if !ok {
		return nil, false
	}
	if obj["message"] == nil || obj["code"] == nil || obj["type"] == nil || obj["success"] != nil {
		return nil, false
	}
	f := errorObjectFields(obj)
	code := f.code
	if code == "" {
		code = scalarText(obj["openai_code"])
	}
	return &APIError{
		StatusCode: statusFromCode(code),
		Message:    f.message,
		Type:       f.typ,
		Code:       f.code,
		Param:      f.param,
		Body:       body,
	}, true
}

// parseStreamErrorEvent parses the data of a server-sent event that carries
// an error, {"error": {...}} or {"error": "text"}, as the proxy sends mid
// stream. It returns false for anything else (including "error": null).
// StatusCode comes from the error's code (500 when that is not an error
// status). data is copied, so it may be a reused buffer.
func parseStreamErrorEvent(data []byte) (*APIError, bool) {
	obj, ok := jsonObject(data)
	if !ok || isJSONNull(obj["error"]) {
		return nil, false
	}
	f, _ := fieldsFromObject(obj, 0)
	return &APIError{
		StatusCode: statusFromCode(f.code),
		Message:    f.message,
		Type:       f.typ,
		Code:       f.code,
		Param:      f.param,
		Body:       bytes.Clone(data),
	}, true
}

// statusFromCode returns the HTTP status in code, or 500 when code is not an
// error status (400-599), as the proxy itself does.
func statusFromCode(code string) int {
	code = strings.TrimSpace(code)
	n, err := strconv.Atoi(code)
	if err != nil {
		f, ferr := strconv.ParseFloat(code, 64)
		if ferr != nil || f != float64(int(f)) {
			return http.StatusInternalServerError
		}
		n = int(f)
	}
	if n < 400 || n > 599 {
		return http.StatusInternalServerError
	}
	return n
}

// errorFields are the parts of an error body.
type errorFields struct {
	message, typ, code, param string
}

// maxErrorDepth bounds the nesting parseErrorBody follows.
const maxErrorDepth = 8

var utf8BOM = []byte("\xef\xbb\xbf")

// parseErrorBody extracts the error fields from any body shape the proxy
// sends: {"error": {...}} (also with "error" a string), {"detail": ...} with
// a string, an object or a 422 list, a bare {"message": ...}, a JSON string,
// and any of these as the data of a server-sent event. It returns false when
// the body is none of these (HTML, plain text, truncated JSON, empty).
func parseErrorBody(body []byte) (errorFields, bool) {
	b := bytes.TrimSpace(bytes.TrimPrefix(bytes.TrimSpace(body), utf8BOM))
	if isSSE(b) {
		data, ok := firstSSEData(b)
		if !ok {
			return errorFields{}, false
		}
		b = bytes.TrimSpace(data)
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if json.Unmarshal(b, &s) != nil {
			return errorFields{}, false
		}
		s = cleanMessage(s)
		return errorFields{message: s}, s != ""
	}
	obj, ok := jsonObject(b)
	if !ok {
		return errorFields{}, false
	}
	return fieldsFromObject(obj, 0)
}

// jsonObject decodes b as one JSON object.
func jsonObject(b []byte) (map[string]json.RawMessage, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return nil, false
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(b, &obj) != nil {
		return nil, false
	}
	return obj, true
}

func isJSONNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// fieldsFromObject extracts the error fields from a decoded JSON object.
func fieldsFromObject(obj map[string]json.RawMessage, depth int) (errorFields, bool) {
	if depth > maxErrorDepth {
		return errorFields{}, false
	}
	if raw := obj["error"]; !isJSONNull(raw) {
		switch raw[0] {
		case '{':
			if inner, ok := jsonObject(raw); ok {
				f := errorObjectFields(inner)
				if f.message == "" {
					if g, ok := fieldsFromObject(inner, depth+1); ok {
						f.message = g.message
					}
				}
				if f.message == "" {
					f.message = messageText(obj["message"])
				}
				return f, true
			}
		case '"':
			f := errorObjectFields(obj) // type, code and param beside "error"
			f.message = joinMessages(messageText(raw), f.message)
			return f, true
		default:
			return errorFields{message: messageText(raw)}, true
		}
	}
	if raw := obj["detail"]; !isJSONNull(raw) {
		switch raw[0] {
		case '[':
			return errorFields{message: validationMessage(raw), typ: "validation_error"}, true
		case '{':
			if inner, ok := jsonObject(raw); ok {
				if f, ok := fieldsFromObject(inner, depth+1); ok {
					return f, true
				}
			}
			return errorFields{message: compactJSON(raw)}, true
		default:
			return errorFields{message: messageText(raw)}, true
		}
	}
	if !isJSONNull(obj["message"]) {
		f := errorObjectFields(obj)
		return f, f.message != ""
	}
	return errorFields{}, false
}

// errorObjectFields reads the fields of a ProxyException-shaped object.
func errorObjectFields(m map[string]json.RawMessage) errorFields {
	return errorFields{
		message: messageText(m["message"]),
		typ:     noneToEmpty(scalarText(m["type"])),
		code:    noneToEmpty(scalarText(m["code"])),
		param:   noneToEmpty(scalarText(m["param"])),
	}
}

func joinMessages(a, b string) string {
	switch {
	case a == "" || a == b:
		return b
	case b == "":
		return a
	}
	return a + ": " + b
}

// validationMessage turns a FastAPI 422 detail list into
// "body.keys: msg; body.x: msg".
func validationMessage(raw json.RawMessage) string {
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return compactJSON(raw)
	}
	parts := make([]string, 0, len(items))
	for _, it := range items {
		var v struct {
			Loc []json.RawMessage `json:"loc"`
			Msg json.RawMessage   `json:"msg"`
		}
		if it = bytes.TrimSpace(it); len(it) == 0 || it[0] != '{' || json.Unmarshal(it, &v) != nil {
			if s := messageText(it); s != "" {
				parts = append(parts, s)
			}
			continue
		}
		loc := make([]string, 0, len(v.Loc))
		for _, l := range v.Loc {
			loc = append(loc, scalarText(l))
		}
		msg := messageText(v.Msg)
		if len(loc) > 0 {
			msg = strings.Join(loc, ".") + ": " + msg
		}
		parts = append(parts, msg)
	}
	return strings.Join(parts, "; ")
}

// scalarText returns a JSON string's value, or the JSON text of any other
// value ("" for null or nothing).
func scalarText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if isJSONNull(raw) {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	}
	return compactJSON(raw)
}

// messageText is scalarText with a printed Python dict reduced to its text.
func messageText(raw json.RawMessage) string {
	return cleanMessage(scalarText(raw))
}

func compactJSON(raw json.RawMessage) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return strings.TrimSpace(string(raw))
	}
	return b.String()
}

func noneToEmpty(s string) string {
	if s == "None" {
		return ""
	}
	return s
}

// cleanMessage trims s and, when it is a printed Python dict (or a JSON
// object) such as {'error': 'No keys found'}, returns the text inside.
func cleanMessage(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return s
	}
	v, ok := pyrepr.Parse(s)
	if !ok {
		return s
	}
	if text, ok := pyErrorText(v, 0); ok {
		return text
	}
	return s
}

// pyErrorText finds the message in a parsed Python or JSON literal.
func pyErrorText(v any, depth int) (string, bool) {
	if depth > maxErrorDepth {
		return "", false
	}
	switch v := v.(type) {
	case string:
		v = strings.TrimSpace(v)
		return v, v != ""
	case map[string]any:
		for _, k := range [...]string{"error", "message", "detail", "msg"} {
			if inner, ok := v[k]; ok {
				if text, ok := pyErrorText(inner, depth+1); ok {
					return text, true
				}
			}
		}
	}
	return "", false
}

// isSSE reports whether b looks like a server-sent event stream.
func isSSE(b []byte) bool {
	for _, p := range [...]string{"data:", "event:", "id:", "retry:", ":"} {
		if bytes.HasPrefix(b, []byte(p)) {
			return true
		}
	}
	return false
}

// firstSSEData returns the data of the first event of b, an error body
// sent as an event stream, decoded by the stream's own decoder (facade/sse);
// an event without data and "[DONE]" do not count. A body may end without
// the blank line that completes its last event: it counts as complete.
func firstSSEData(b []byte) ([]byte, bool) {
	dec := decoderPool.Get().(*sse.Decoder)
	defer func() {
		dec.Reset(nil)
		decoderPool.Put(dec)
	}()
	dec.Reset(io.MultiReader(bytes.NewReader(b), strings.NewReader("\n\n")))
	if !dec.Next() {
		return nil, false
	}
	data := bytes.TrimSpace(dec.Event().Data)
	if len(data) == 0 || bytes.Equal(data, doneMarker) {
		return nil, false
	}
	return bytes.Clone(data), true
}
