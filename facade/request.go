package facade

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// A service method reads top to bottom, as go-github's do: check the
// arguments, build the *http.Request with gen's builder, send it into a
// typed result.
//
//	func (s *KeysService) Info(ctx context.Context, key string, opts ...Option) (*KeyInfo, error) {
//		r := newRequest(http.MethodGet, "/key/info").
//			with(gen.NewKeyInfoRequest(s.client.server, &gen.KeyInfoParams{Key: setOrNil(key)}))
//		info := new(KeyInfo)
//		return result(info, s.client.doJSON(ctx, r, info, opts))
//	}
//
// newRequest names the operation in errors and logs (the path template,
// never a path value, which may be a key); with takes what gen's builder
// returned; doJSON merges the call's options, sends with retries and
// decodes; result applies the ReturnRequest contract (a nil result and a
// nil error), the one place that does. A method made of other calls (a
// lookup, a delete by name) calls them through their unexported forms,
// which pass errRequestReturned up like any error, and ends in result too.

// newRequest starts the description of an operation: method and path
// template, as errors and logs show them. Its kind is kindAdmin.
func newRequest(method, path string) *request {
	return &request{method: method, path: path}
}

// with stores the request gen's builder returned (and its error, which
// doJSON reports as "build request").
func (r *request) with(req *http.Request, err error) *request {
	r.req, r.err = req, err
	return r
}

// ofKind sets the kind that selects the call's default timeout.
func (r *request) ofKind(k callKind) *request {
	r.kind = k
	return r
}

// doJSON merges the client's settings with opts, sends r and decodes a JSON
// response into out (discarding it when out is nil). With ReturnRequest it
// stores the request, sends nothing and returns errRequestReturned, which
// result turns into the documented nil result and nil error.
func (c *Client) doJSON(ctx context.Context, r *request, out any, opts []Option) error {
	st, err := c.settingsFor(opts)
	if err != nil {
		return err
	}
	return c.do(ctx, r, &st, out)
}

// result ends every service method: v and err as they are, except that
// errRequestReturned (ReturnRequest stored the request and nothing was
// sent) becomes the zero result and a nil error, as ReturnRequest
// documents. It is the only place that knows that contract.
func result[T any](v T, err error) (T, error) {
	if err != nil {
		var zero T
		if errors.Is(err, errRequestReturned) {
			return zero, nil
		}
		return zero, err
	}
	return v, nil
}

// partial is result for a method made of several calls that returns what
// it got before an error (the ids deleted so far, say): v is kept with a
// real error, and errRequestReturned gives the zero result and nil.
func partial[T any](v T, err error) (T, error) {
	if errors.Is(err, errRequestReturned) {
		var zero T
		return zero, nil
	}
	return v, err
}

// jsonBody encodes v as a request body, for gen's ...WithBody builders.
// (json.Marshal escapes "<", ">" and "&" as \u003c...: the same JSON string
// to the proxy, and two allocations fewer than an Encoder.)
func jsonBody(method, path string, v any) (io.Reader, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("%s %s: build request: %s", method, path, Redact(err.Error()))
	}
	return bytes.NewReader(b), nil
}

// jsonContentType is the Content-Type of a JSON request body.
const jsonContentType = "application/json"

// doEmpty sends a request whose success has an empty body (HTTP 202 or
// 204). A body that is there is still decoded, so that one that is not JSON
// (an HTML page from something in front of the proxy) fails.
func (c *Client) doEmpty(ctx context.Context, r *request, opts []Option) error {
	err := c.doJSON(ctx, r, new(json.RawMessage), opts)
	var de *DecodeError
	if errors.As(err, &de) && len(bytes.TrimSpace(de.Body)) == 0 {
		err = nil
	}
	_, err = result(struct{}{}, err)
	return err
}
