package facade

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// These tests count the requests that reach a real server (httptest), for
// every failure kind of issue 12, and every kind of call: a write sent as
// POST must reach the server once unless the failure proves it was not
// processed (429, 503, a refused connection).

// failureKind makes a handler fail one way on every request.
type failureKind struct {
	name string
	// handle answers (or fails) one request; the request body has been read.
	handle func(w http.ResponseWriter, r *http.Request)
	// anyMethod: retried whatever the method (the request was not processed).
	anyMethod bool
	// timeout is the per-attempt timeout the call needs to see the failure.
	timeout time.Duration
}

func statusFailure(status int, header http.Header) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		writeJSON(w, status, fmt.Sprintf(`{"error":{"message":"injected %d","type":"None","param":"None","code":"%d"}}`, status, status))
	}
}

// hijack takes the connection from the server; the request has been read.
func hijack(t *testing.T, w http.ResponseWriter) net.Conn {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		panic(http.ErrAbortHandler)
	}
	return conn
}

func failureKinds(t *testing.T) []failureKind {
	return []failureKind{
		{name: "500", handle: statusFailure(500, nil)},
		{name: "502", handle: statusFailure(502, nil)},
		{name: "504", handle: statusFailure(504, nil)},
		{name: "408", handle: statusFailure(408, nil)},
		{name: "409", handle: statusFailure(409, nil)},
		{name: "reset after the request was written", handle: func(w http.ResponseWriter, r *http.Request) {
			conn := hijack(t, w)
			if tc, ok := conn.(*net.TCPConn); ok {
				_ = tc.SetLinger(0) // close with a RST
			}
			conn.Close()
		}},
		{name: "EOF without a response", handle: func(w http.ResponseWriter, r *http.Request) {
			hijack(t, w).Close()
		}},
		{name: "per-attempt timeout while the server works", timeout: 150 * time.Millisecond,
			handle: func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-time.After(10 * time.Second):
				}
			}},
		{name: "429 with Retry-After", anyMethod: true, handle: statusFailure(429, http.Header{"Retry-After": {"0"}})},
		{name: "429 without Retry-After", anyMethod: true, handle: statusFailure(429, nil)},
		{name: "503 with Retry-After", anyMethod: true, handle: statusFailure(503, http.Header{"Retry-After-Ms": {"1"}})},
		{name: "503 without Retry-After", anyMethod: true, handle: statusFailure(503, nil)},
	}
}

// policyCall is one kind of call, sent to any path of the server.
type policyCall struct {
	name       string
	idempotent bool
	call       func(ctx context.Context, c *Client, opts ...Option) error
}

var policyCalls = []policyCall{
	{name: "Keys.Generate (POST)", call: func(ctx context.Context, c *Client, opts ...Option) error {
		_, err := c.Keys.Generate(ctx, &KeyGenerateRequest{KeyAlias: "a"}, opts...)
		return err
	}},
	{name: "Users.Create (POST)", call: func(ctx context.Context, c *Client, opts ...Option) error {
		_, err := c.Users.Create(ctx, &UserNewRequest{UserEmail: "a@example.com"}, opts...)
		return err
	}},
	{name: "Chat.Completions.Create (POST)", call: func(ctx context.Context, c *Client, opts ...Option) error {
		_, err := c.Chat.Completions.Create(ctx, chatReq(), opts...)
		return err
	}},
	{name: "HTTP.Post", call: func(ctx context.Context, c *Client, opts ...Option) error {
		return c.HTTP.Post(ctx, "/key/delete", map[string]any{"keys": []string{"k"}}, nil, opts...)
	}},
	{name: "HTTP.Do PATCH", call: func(ctx context.Context, c *Client, opts ...Option) error {
		return c.HTTP.Do(ctx, &HTTPRequest{Method: "PATCH", URI: "/credentials/c", JSON: map[string]any{"a": 1}}, nil, opts...)
	}},
	{name: "Keys.Generate with WithIdempotent", idempotent: true, call: func(ctx context.Context, c *Client, opts ...Option) error {
		_, err := c.Keys.Generate(ctx, &KeyGenerateRequest{KeyAlias: "a"}, append(opts, WithIdempotent())...)
		return err
	}},
	{name: "Health.TestConnection (a read sent as POST)", idempotent: true, call: func(ctx context.Context, c *Client, opts ...Option) error {
		_, err := c.Health.TestConnection(ctx, &HealthTestConnectionRequest{Mode: "chat"}, opts...)
		return err
	}},
	{name: "Keys.Info (GET)", idempotent: true, call: func(ctx context.Context, c *Client, opts ...Option) error {
		_, err := c.Keys.Info(ctx, "k", opts...)
		return err
	}},
	{name: "Credentials.Delete (DELETE)", idempotent: true, call: func(ctx context.Context, c *Client, opts ...Option) error {
		_, err := c.Credentials.Delete(ctx, "c", opts...)
		return err
	}},
	{name: "HTTP.Do PUT", idempotent: true, call: func(ctx context.Context, c *Client, opts ...Option) error {
		return c.HTTP.Do(ctx, &HTTPRequest{Method: "PUT", URI: "/x", JSON: map[string]any{"a": 1}}, nil, opts...)
	}},
}

func TestRetryPolicy_HitsPerFailureKind(t *testing.T) {
	t.Parallel()
	for _, fk := range failureKinds(t) {
		for _, pc := range policyCalls {
			t.Run(fk.name+"/"+pc.name, func(t *testing.T) {
				t.Parallel()
				var hits atomic.Int32
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					hits.Add(1)
					_, _ = io.Copy(io.Discard, r.Body)
					fk.handle(w, r)
				}))
				t.Cleanup(srv.Close)
				opts := []Option{WithAPIKey(testKey), WithRetryBackoff(time.Millisecond, 2*time.Millisecond)}
				if fk.timeout > 0 {
					opts = append(opts, WithTimeout(fk.timeout))
				}
				c, err := New(srv.URL, opts...)
				if err != nil {
					t.Fatal(err)
				}
				err = pc.call(t.Context(), c)
				want := int32(1)
				if fk.anyMethod || pc.idempotent {
					want = 1 + DefaultMaxRetries
				}
				if got := hits.Load(); got != want {
					t.Errorf("server hits = %d, want %d (err: %v)", got, want, err)
				}
				var apiErr *APIError
				var terr *TransportError
				switch {
				case errors.As(err, &apiErr):
					if apiErr.Attempts != int(want) && !(want == 1 && apiErr.Attempts == 0) {
						t.Errorf("APIError.Attempts = %d, want %d", apiErr.Attempts, want)
					}
				case errors.As(err, &terr):
					if terr.Attempts != int(want) {
						t.Errorf("TransportError.Attempts = %d, want %d", terr.Attempts, want)
					}
					if fk.timeout > 0 && !terr.IsTimeout() {
						t.Errorf("err = %v, want a timeout", err)
					}
				default:
					t.Errorf("err = %v (%T), want an *APIError or a *TransportError", err, err)
				}
			})
		}
	}
}

// TestRetryPolicy_RefusedConnectionRetriesAPOST: a connection that cannot
// be made proves the request never left, so a POST is retried: the server,
// up by the second attempt, sees it once.
func TestRetryPolicy_RefusedConnectionRetriesAPOST(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there: the first attempt is refused

	var hits, attempts atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		writeJSON(w, 200, okGenerateBody)
	}))
	t.Cleanup(srv.Close)
	start := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		resp, err := next(req)
		if attempts.Add(1) == 1 {
			if err == nil {
				t.Errorf("the first attempt reached a server")
				return resp, err
			}
			l, lerr := net.Listen("tcp", addr)
			if lerr != nil {
				t.Skipf("cannot listen on %s again: %v", addr, lerr) // another process took the port
			}
			srv.Listener.Close()
			srv.Listener = l
			srv.Start()
		}
		return resp, err
	}
	c, err := New("http://"+addr, WithAPIKey(testKey), WithMiddleware(start), WithRetryBackoff(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	k, err := c.Keys.Generate(t.Context(), &KeyGenerateRequest{KeyAlias: "a"})
	if err != nil || k.Key == "" {
		t.Fatalf("Generate = %v, %v; want the key of the second attempt", k, err)
	}
	if a, h := attempts.Load(), hits.Load(); a != 2 || h != 1 {
		t.Errorf("attempts = %d, server hits = %d; want 2 and 1", a, h)
	}

	// Refused every time: a *TransportError after every attempt.
	ln, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close()
	var tries atomic.Int32
	count := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		tries.Add(1)
		return next(req)
	}
	c, err = New("http://"+dead, WithMiddleware(count), WithRetryBackoff(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Users.Create(t.Context(), &UserNewRequest{UserEmail: "a@example.com"})
	var terr *TransportError
	if !errors.As(err, &terr) || terr.Attempts != 3 || tries.Load() != 3 || terr.IsTimeout() {
		t.Errorf("err = %v after %d tries, want a *TransportError after 3", err, tries.Load())
	}
}

// TestRetryPolicy_SuccessAfterRetry: a retried idempotent call that
// succeeds returns the result of the attempt that succeeded.
func TestRetryPolicy_SuccessAfterRetry(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			hijack(t, w).Close()
			return
		}
		writeJSON(w, 200, `{"key":"k","info":{"key_alias":"second"}}`)
	}))
	t.Cleanup(srv.Close)
	c, err := New(srv.URL, WithRetryBackoff(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	info, err := c.Keys.Info(t.Context(), "k")
	if err != nil || info.Info.KeyAlias != "second" || hits.Load() != 2 {
		t.Errorf("Info = %+v, %v after %d hits; want the second answer", info, err, hits.Load())
	}
}

func TestIsIdempotent(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		method, path string
		opts         []Option
		want         bool
	}{
		{"GET", "/key/info", nil, true},
		{"HEAD", "/", nil, true},
		{"OPTIONS", "/", nil, true},
		{"PUT", "/x", nil, true},
		{"DELETE", "/credentials/{credential_name}", nil, true},
		{"POST", "/health/test_connection", nil, true},
		{"POST", "/key/generate", nil, false},
		{"POST", "/key/delete", nil, false},
		{"POST", "/sso/cli/start", nil, false},
		{"POST", "/chat/completions", nil, false},
		{"PATCH", "/model/{model_id}/update", nil, false},
		{"POST", "/key/generate", []Option{WithIdempotent()}, true},
	} {
		var s settings
		if err := s.apply(tt.opts); err != nil {
			t.Fatal(err)
		}
		if got := isIdempotent(&request{method: tt.method, path: tt.path}, &s); got != tt.want {
			t.Errorf("isIdempotent(%s %s, %d opts) = %v, want %v", tt.method, tt.path, len(tt.opts), got, tt.want)
		}
	}
}
