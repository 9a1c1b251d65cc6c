package facade

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
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

// notFound is the error of a lookup the client does itself (Models.Get,
// DeleteByName, ModelGroups.Delete) when nothing matches: an *APIError with
// status 404 and no body, as if the proxy had answered 404, so that
// errors.Is(err, ErrNotFound) and errors.As(err, &apiErr) both work.
func notFound(method, path, message string) error {
	return &APIError{StatusCode: http.StatusNotFound, Message: message, Method: method, Path: path, NotFoundHint: true}
}

// TransportError is returned when no HTTP response arrived: the connection
// failed, or an attempt timed out. errors.Is reaches the cause
// (context.DeadlineExceeded for a timeout, *net.OpError, ...).
type TransportError struct {
	Method   string
	Path     string
	Attempts int
	// Timeout is the per-attempt timeout that expired, or 0.
	Timeout time.Duration
	Err     error
}

// Error describes the failure with secrets redacted.
func (e *TransportError) Error() string {
	msg := fmt.Sprintf("%s %s: ", e.Method, e.Path)
	if e.Timeout > 0 {
		msg += fmt.Sprintf("attempt timed out after %v: ", e.Timeout)
	}
	msg += Redact(e.Err.Error())
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return msg
}

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }

// Format prints Error whatever the verb, so that %#v and %+v never print
// the cause's raw URL (which may carry a key in its query).
func (e *TransportError) Format(f fmt.State, verb rune) { _, _ = io.WriteString(f, e.Error()) }

// IsTimeout reports whether an attempt timed out.
func (e *TransportError) IsTimeout() bool {
	var ne net.Error
	return e.Timeout > 0 || (errors.As(e.Err, &ne) && ne.Timeout())
}

// DecodeError is returned when a successful response cannot be decoded: it
// is not JSON (an HTML page from a load balancer, say), or it does not have
// the expected shape.
type DecodeError struct {
	Method      string
	Path        string
	Status      int
	ContentType string
	// Body is the response as received; it may hold secrets, so Error shows
	// only a short redacted excerpt.
	Body []byte
	Err  error
}

// Error names the operation, the content type, the cause and a short excerpt.
func (e *DecodeError) Error() string {
	ct := e.ContentType
	if ct == "" {
		ct = "no content type"
	}
	return fmt.Sprintf("%s %s: %d response is not the expected JSON (%s): %s; body starts: %q",
		e.Method, e.Path, e.Status, ct, Redact(e.Err.Error()), bodyExcerpt(e.Body, 120))
}

// Unwrap returns the JSON error, if any.
func (e *DecodeError) Unwrap() error { return e.Err }

// Format prints Error whatever the verb, so that %#v never prints Body.
func (e *DecodeError) Format(f fmt.State, verb rune) { _, _ = io.WriteString(f, e.Error()) }

// ErrResponseTooLarge is matched (with [errors.Is]) by the error of a call
// whose successful response body is larger than [WithMaxResponseSize]
// (default [DefaultMaxResponseSize]), or announces so in Content-Length.
var ErrResponseTooLarge = errors.New("response body too large")
