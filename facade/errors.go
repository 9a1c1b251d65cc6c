package facade

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxErrorBodySize is the most bytes of an error response body the client
// reads; the rest is discarded (see [APIError.Body]).
const MaxErrorBodySize = 1 << 20

// maxErrorBodyDrain is how much more of an over-long error body is read and
// discarded so that the connection can be reused.
const maxErrorBodyDrain = 256 << 10

// maxErrorTextSize bounds the message part of APIError.Error; the full
// message stays in APIError.Message.
const maxErrorTextSize = 4 << 10

// bodyExcerptSize is the size of the body excerpt APIError.Error shows when
// the proxy sent no message.
const bodyExcerptSize = 200

// Sentinel errors that an [*APIError] matches with [errors.Is], by HTTP status.
var (
	// ErrBadRequest matches a 400 Bad Request or a 422 validation error.
	ErrBadRequest = errors.New("bad request")
	// ErrUnauthorized matches a 401: no key, an unknown, expired or blocked
	// key, or a key without the proxy-admin role on an admin route.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrForbidden matches a 403.
	ErrForbidden = errors.New("forbidden")
	// ErrNotFound matches a 404, and an error whose NotFoundHint is set.
	ErrNotFound = errors.New("not found")
	// ErrTimeout matches a 408 (the proxy's upstream timed out).
	ErrTimeout = errors.New("timeout")
	// ErrRateLimited matches a 429: rate, budget or parallel-request limits,
	// or no healthy deployment.
	ErrRateLimited = errors.New("rate limited")
	// ErrServer matches any 5xx status.
	ErrServer = errors.New("server error")
)

// APIError is returned for every non-2xx response (and for 2xx bodies that are
// error objects, and for error events inside a stream). Whatever shape the
// body had, the proxy's message, type, code and param are extracted; the raw
// body is kept in Body.
//
// Error, Format (every verb, including %+v and %#v), LogValue and
// MarshalJSON pass every string through [Redact] and never show Header, nor
// Body beyond a short redacted excerpt; Body itself is kept as received and
// may contain secrets.
type APIError struct {
	// StatusCode is the HTTP status (for an error object in a 2xx body or an
	// error event in a stream, the status the proxy put in its code, such
	// as 429, else 500; never the 200 the response began with).
	StatusCode int
	// Message is the proxy's error message ("" when the body had none, as
	// with an HTML page from a load balancer). A message that is a printed
	// Python dict such as {'error': 'No keys found'} is reduced to its text.
	Message string
	// Type is the proxy's error type, such as "auth_error" or
	// "token_not_found_in_db"; "validation_error" for a 422 detail list.
	Type string
	// Code is the error code, always as a string ("400"; a JSON number is
	// accepted).
	Code string
	// Param is the parameter the error is about; "" when absent, null or the
	// literal "None".
	Param string
	// RequestID is the response's x-litellm-call-id header, else
	// x-request-id, else request-id.
	RequestID string
	// Method is the request method.
	Method string
	// Path is the request URL's path, without the query.
	Path string
	// Body is the raw response body as received, at most MaxErrorBodySize
	// bytes. It may contain secrets: print it only through Redact.
	Body []byte
	// Attempts is the number of attempts made, retries included; 0 and 1
	// both mean one.
	Attempts int
	// Header holds the response headers.
	Header http.Header
	// NotFoundHint makes the error match ErrNotFound whatever its status.
	// The facade sets it on the calls where the upstream client treats an
	// error whose body says "not found" (in any case) as NotFoundError, such
	// as model delete and update; a 401 never gets it.
	NotFoundHint bool
	// MidStream is true for an error event that arrived inside a stream
	// whose response had begun with a 2xx status: the chunks before it
	// were delivered, and the request is not retried.
	MidStream bool
}

// Error returns "METHOD /path: STATUS type: message", redacted. With no
// message it shows the status text and, for a body that is not a proxy
// error, its content type and a short excerpt.
func (e *APIError) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
	}
	b.WriteString(e.Path)
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.Type != "" {
		b.WriteByte(' ')
		b.WriteString(e.Type)
	}
	if e.Message != "" {
		b.WriteString(": ")
	}
	b.WriteString(e.displayMessage())
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	return Redact(b.String())
}

// displayMessage returns the redacted text that follows the status in Error:
// the message, cut to maxErrorTextSize, or a description of the body.
func (e *APIError) displayMessage() string {
	if e.Message != "" {
		return truncateText(Redact(e.Message), maxErrorTextSize)
	}
	var b strings.Builder
	if st := http.StatusText(e.StatusCode); st != "" && e.Type == "" {
		b.WriteByte(' ')
		b.WriteString(strings.ToLower(st))
	}
	if len(bytes.TrimSpace(e.Body)) == 0 {
		b.WriteString(" (empty body)")
		return b.String()
	}
	ct := ""
	if e.Header != nil {
		ct, _, _ = strings.Cut(e.Header.Get("Content-Type"), ";")
		ct = Redact(strings.TrimSpace(ct))
	}
	if ct != "" {
		b.WriteString(" (")
		b.WriteString(ct)
		b.WriteByte(')')
	}
	if ex := bodyExcerpt(e.Body, bodyExcerptSize); ex != "" {
		b.WriteString(": ")
		b.WriteString(ex)
	}
	return b.String()
}

// Is reports whether target is the sentinel error for e's status: see
// [ErrBadRequest], [ErrUnauthorized], [ErrForbidden], [ErrNotFound],
// [ErrTimeout], [ErrRateLimited] and [ErrServer].
func (e *APIError) Is(target error) bool {
	if e == nil {
		return false
	}
	status := e.StatusCode
	if status < 400 && e.Code != "" {
		// An error event inside a stream that began with 200, or an error
		// object in a 200 body: classify by the proxy's code.
		status = statusFromCode(e.Code)
	}
	switch target {
	case ErrBadRequest:
		return status == http.StatusBadRequest || status == http.StatusUnprocessableEntity
	case ErrUnauthorized:
		return status == http.StatusUnauthorized
	case ErrForbidden:
		return status == http.StatusForbidden
	case ErrNotFound:
		return status == http.StatusNotFound || e.NotFoundHint
	case ErrTimeout:
		return status == http.StatusRequestTimeout
	case ErrRateLimited:
		return status == http.StatusTooManyRequests
	case ErrServer:
		return status >= 500 && status <= 599
	}
	return false
}

// Format prints e redacted whatever the verb: %v and %s print Error, %q
// quotes it, %+v adds the request ID, code and param, and %#v prints the
// fields as Go syntax with Body and Header summarised. Format, GoString,
// LogValue and MarshalJSON have value receivers so that a dereferenced
// APIError prints redacted too.
func (e APIError) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = io.WriteString(f, e.GoString())
	case verb == 'v' && f.Flag('+'):
		_, _ = io.WriteString(f, e.detailed())
	case verb == 'q':
		_, _ = io.WriteString(f, strconv.Quote(e.Error()))
	default:
		_, _ = io.WriteString(f, e.Error())
	}
}

// detailed is Error plus the fields it leaves out.
func (e *APIError) detailed() string {
	s := e.Error()
	var extra []string
	for _, kv := range [...][2]string{{"request_id", e.RequestID}, {"code", e.Code}, {"param", e.Param}} {
		if kv[1] != "" {
			extra = append(extra, kv[0]+" "+strconv.Quote(Redact(kv[1])))
		}
	}
	if len(extra) == 0 {
		return s
	}
	return s + " [" + strings.Join(extra, ", ") + "]"
}

// GoString prints e as a Go composite literal, strings redacted, Body and
// Header summarised.
func (e APIError) GoString() string {
	q := func(s string) string { return strconv.Quote(Redact(s)) }
	body := "[]byte(nil)"
	if e.Body != nil {
		body = fmt.Sprintf("[]byte{/* %d bytes */}", len(e.Body))
	}
	header := "http.Header(nil)"
	if e.Header != nil {
		header = fmt.Sprintf("http.Header{/* %d keys */}", len(e.Header))
	}
	return fmt.Sprintf("&facade.APIError{StatusCode:%d, Message:%s, Type:%s, Code:%s, Param:%s, RequestID:%s, Method:%s, Path:%s, Body:%s, Attempts:%d, Header:%s, NotFoundHint:%t, MidStream:%t}",
		e.StatusCode, q(e.Message), q(e.Type), q(e.Code), q(e.Param), q(e.RequestID),
		q(e.Method), q(e.Path), body, e.Attempts, header, e.NotFoundHint, e.MidStream)
}

// LogValue logs e as a group of its redacted fields, without Body or Header.
func (e APIError) LogValue() slog.Value {
	attrs := []slog.Attr{slog.Int("status", e.StatusCode)}
	for _, kv := range [...][2]string{
		{"method", e.Method}, {"path", e.Path}, {"type", e.Type}, {"code", e.Code},
		{"param", e.Param}, {"request_id", e.RequestID},
	} {
		if kv[1] != "" {
			attrs = append(attrs, slog.String(kv[0], Redact(kv[1])))
		}
	}
	attrs = append(attrs, slog.String("message", strings.TrimPrefix(e.displayMessage(), " ")))
	if e.Attempts > 1 {
		attrs = append(attrs, slog.Int("attempts", e.Attempts))
	}
	if e.MidStream {
		attrs = append(attrs, slog.Bool("mid_stream", true))
	}
	return slog.GroupValue(attrs...)
}

// MarshalJSON encodes e's redacted fields, without Body or Header, so that
// printing an error as JSON cannot leak a key either.
func (e APIError) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		StatusCode int    `json:"status_code"`
		Message    string `json:"message,omitempty"`
		Type       string `json:"type,omitempty"`
		Code       string `json:"code,omitempty"`
		Param      string `json:"param,omitempty"`
		RequestID  string `json:"request_id,omitempty"`
		Method     string `json:"method,omitempty"`
		Path       string `json:"path,omitempty"`
		Attempts   int    `json:"attempts,omitempty"`
		MidStream  bool   `json:"mid_stream,omitempty"`
		Error      string `json:"error"`
	}{
		e.StatusCode, Redact(e.Message), Redact(e.Type), Redact(e.Code), Redact(e.Param),
		Redact(e.RequestID), Redact(e.Method), Redact(e.Path), e.Attempts, e.MidStream, e.Error(),
	})
}

// isNotFoundBody reports whether an error body says "not found" (in any case):
// the upstream client's rule for NotFoundError in model delete and update.
func isNotFoundBody(body []byte) bool {
	return containsFold(body, "not found")
}

// notFoundInBody reports whether e's body or message says "not found".
func (e *APIError) notFoundInBody() bool {
	return e != nil && (isNotFoundBody(e.Body) || containsFold([]byte(e.Message), "not found"))
}

// applyNotFoundHint applies the upstream "not found" body rule to err, for the
// calls that follow it (model delete and update): if err is an *APIError
// other than a 401 whose body says "not found", it sets NotFoundHint so that
// errors.Is(err, ErrNotFound) holds. It returns err.
func applyNotFoundHint(err error) error {
	var e *APIError
	if errors.As(err, &e) && e.StatusCode != http.StatusUnauthorized && e.notFoundInBody() {
		e.NotFoundHint = true
	}
	return err
}

// containsFold reports whether b contains the lower-case ASCII needle,
// ignoring ASCII case.
func containsFold(b []byte, needle string) bool {
	for i := 0; i+len(needle) <= len(b); i++ {
		j := 0
		for j < len(needle) {
			c := b[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != needle[j] {
				break
			}
			j++
		}
		if j == len(needle) {
			return true
		}
	}
	return false
}

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
	// without decoding it (chunk_decode.go); when it cannot tell, decode.
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
	p := pyParser{s: s}
	v, ok := p.value(0)
	if !ok || p.skipSpace() < len(s) {
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

// pyParser parses the Python literals that str() of a dict prints (and
// JSON): dicts, lists, tuples, strings, numbers, True, False, None.
type pyParser struct {
	s string
	i int
}

func (p *pyParser) skipSpace() int {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
	return p.i
}

func (p *pyParser) value(depth int) (any, bool) {
	if depth > 2*maxErrorDepth || p.skipSpace() >= len(p.s) {
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
func (p *pyParser) listSep(end byte) bool {
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
func (p *pyParser) str(q byte) (any, bool) {
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

// isSSE reports whether b looks like a server-sent event stream.
func isSSE(b []byte) bool {
	for _, p := range [...]string{"data:", "event:", "id:", "retry:", ":"} {
		if bytes.HasPrefix(b, []byte(p)) {
			return true
		}
	}
	return false
}

// firstSSEData returns the data of the first event that has some, its data
// lines joined by newlines; "[DONE]" does not count.
func firstSSEData(b []byte) ([]byte, bool) {
	var data [][]byte
	for len(b) > 0 {
		var line []byte
		line, b, _ = bytes.Cut(b, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			if len(data) > 0 {
				break
			}
			continue
		}
		if v, ok := bytes.CutPrefix(line, []byte("data:")); ok {
			data = append(data, bytes.TrimPrefix(v, []byte(" ")))
		}
	}
	joined := bytes.Join(data, []byte("\n"))
	if len(bytes.TrimSpace(joined)) == 0 || string(bytes.TrimSpace(joined)) == "[DONE]" {
		return nil, false
	}
	return joined, true
}

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
