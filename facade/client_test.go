package facade

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestNew_BaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		wantErr  string
	}{
		{in: "http://localhost:4000", want: "http://localhost:4000"},
		{in: "http://localhost:8000/////", want: "http://localhost:8000"},
		{in: "https://gw.example.com/litellm/", want: "https://gw.example.com/litellm"},
		{in: "  http://127.0.0.1:3000 ", want: "http://127.0.0.1:3000"},
		{in: "localhost:4000", wantErr: "scheme"},
		{in: "", wantErr: "scheme"},
		{in: "ftp://example.com", wantErr: "scheme"},
		{in: "http://", wantErr: "no host"},
		{in: "http://x/?key=sk-test-0123456789abcdefSECRET", wantErr: "no query"},
		{in: "http://user:pw@host", wantErr: "user info"},
		{in: "http://[::1", wantErr: "invalid base URL"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			c, err := New(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New(%q) error = %v, want containing %q", tt.in, err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "SECRET") {
					t.Errorf("error leaks the key: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New(%q): %v", tt.in, err)
			}
			if c.BaseURL() != tt.want {
				t.Errorf("BaseURL = %q, want %q", c.BaseURL(), tt.want)
			}
		})
	}
}

func TestNew_InvalidOptions(t *testing.T) {
	t.Parallel()
	for name, opt := range map[string]Option{
		"timeout":      WithTimeout(-time.Second),
		"idle":         WithStreamIdleTimeout(0),
		"http client":  WithHTTPClient(nil),
		"header":       WithHeader("Bad Header", "x"),
		"header value": WithHeader("X-Ok", "a\r\nInjected: yes"),
		"retries":      WithMaxRetries(-1),
		"backoff":      WithRetryBackoff(time.Second, time.Millisecond),
		"middleware":   WithMiddleware(nil),
		"size":         WithMaxResponseSize(0),
		"into":         WithResponseInto(nil),
		"return":       ReturnRequest(nil),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := New("http://localhost:4000", opt); err == nil {
				t.Errorf("New accepted an invalid %s option", name)
			}
			c, _ := New("http://localhost:4000")
			if _, err := c.Health.Liveliness(t.Context(), opt); err == nil {
				t.Errorf("a call accepted an invalid %s option", name)
			}
		})
	}
}

func TestClient_AuthHeader(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"", testKey} {
		t.Run(fmt.Sprintf("key=%t", key != ""), func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t, WithAPIKey(key))
			mux.HandleFunc("GET /health/liveliness", func(w http.ResponseWriter, r *http.Request) {
				want := ""
				if key != "" {
					want = "Bearer " + key
				}
				testHeader(t, r, "Authorization", want)
				testHeader(t, r, "User-Agent", "proxyclient-go/"+Version)
				writeJSON(w, 200, `"I'm alive!"`)
			})
			if _, err := c.Health.Liveliness(t.Context()); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestClient_PerCallOptionsWin(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t, WithHeader("X-Team", "client"), WithQuery("a", "1"))
	var calls atomic.Int32
	mux.HandleFunc("GET /health/liveliness", func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		if n == 1 {
			testHeader(t, r, "X-Team", "call")
			testHeader(t, r, "Authorization", "Bearer sk-other-key-1234567890")
			testHeader(t, r, "User-Agent", "mine/1")
			if got := r.URL.Query()["a"]; len(got) != 2 {
				t.Errorf("query a = %v, want the client's and the call's", got)
			}
		} else {
			testHeader(t, r, "X-Team", "client")
			testHeader(t, r, "Authorization", "Bearer "+testKey)
		}
		writeJSON(w, 200, `"ok"`)
	})
	if _, err := c.Health.Liveliness(t.Context(), WithHeader("X-Team", "call"), WithAPIKey("sk-other-key-1234567890"),
		WithUserAgent("mine/1"), WithQuery("a", "2")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Health.Liveliness(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestClient_StringRedactsKey(t *testing.T) {
	t.Parallel()
	c, err := New("http://localhost:4000", WithAPIKey(testKey))
	if err != nil {
		t.Fatal(err)
	}
	opt := WithAPIKey(testKey)
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%v %+v %#v %s", c, c, c, c), fmt.Sprintf("%v %+v %#v", opt, opt, opt),
		fmt.Sprintf("%+v", *c.Keys), fmt.Sprintf("%#v", c.Chat)} {
		if strings.Contains(s, "SECRET") || strings.Contains(s, testKey) {
			t.Errorf("key leaked: %s", s)
		}
	}
	if !strings.Contains(fmt.Sprint(c), "http://localhost:4000") {
		t.Errorf("String = %s, want the base URL", c)
	}
}

func TestNewFromEnv(t *testing.T) {
	// Not parallel: it sets environment variables.
	home := t.TempDir()
	t.Setenv("HOME", home)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, fmt.Sprintf("%q", r.Header.Get("Authorization")))
	}))
	t.Cleanup(srv.Close)
	auth := func(c *Client) string {
		var got string
		if err := c.HTTP.Get(t.Context(), "/echo", &got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	t.Setenv("LITELLM_PROXY_URL", srv.URL+"/")
	t.Setenv("LITELLM_PROXY_API_KEY", "")
	path := filepath.Join(home, ".litellm", "token.json")
	if err := SaveToken(path, &Token{Key: "sk-stored-0123456789abcdef", BaseURL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	c, err := NewFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if got := auth(c); got != "Bearer sk-stored-0123456789abcdef" {
		t.Errorf("with a token for this URL: Authorization = %q", got)
	}
	if err := SaveToken(path, &Token{Key: "sk-stored-0123456789abcdef", BaseURL: "https://other-proxy.example"}); err != nil {
		t.Fatal(err)
	}
	c, _ = NewFromEnv()
	if got := auth(c); got != "" {
		t.Errorf("with a token for another URL: Authorization = %q, want none", got)
	}
	t.Setenv("LITELLM_PROXY_API_KEY", "sk-env-0123456789abcdef")
	c, _ = NewFromEnv()
	if got := auth(c); got != "Bearer sk-env-0123456789abcdef" {
		t.Errorf("env key: Authorization = %q", got)
	}
	os.Unsetenv("LITELLM_PROXY_URL")
	c, _ = NewFromEnv()
	if c.BaseURL() != DefaultBaseURL {
		t.Errorf("default base URL = %q", c.BaseURL())
	}
}

func TestClient_Retries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		responses []int // statuses; 0 drops the connection
		header    http.Header
		opts      []Option
		wantCalls int32
		wantErr   error
	}{
		{name: "503 then ok", responses: []int{503, 200}, wantCalls: 2},
		{name: "429 retry-after then ok", responses: []int{429, 200}, header: http.Header{"Retry-After": {"0"}}, wantCalls: 2},
		{name: "retry-after-ms", responses: []int{429, 200}, header: http.Header{"Retry-After-Ms": {"5"}}, wantCalls: 2},
		// A POST is never resent once it may have been processed (see
		// TestRetryPolicy_HitsPerFailureKind for every kind and method).
		{name: "dropped connection: a POST is not resent", responses: []int{0, 200}, wantCalls: 1, wantErr: io.EOF},
		{name: "no retry of a POST on 500", responses: []int{500, 502, 504, 200}, wantCalls: 1, wantErr: ErrServer},
		{name: "gives up after max retries", responses: []int{503, 429, 503, 200}, wantCalls: 3, wantErr: ErrServer},
		{name: "no retry on 400", responses: []int{400, 200}, wantCalls: 1, wantErr: ErrBadRequest},
		{name: "no retry on 401", responses: []int{401, 200}, wantCalls: 1, wantErr: ErrUnauthorized},
		{name: "retry-after beyond max fails at once", responses: []int{429, 200}, header: http.Header{"Retry-After": {"3600"}}, wantCalls: 1, wantErr: ErrRateLimited},
		{name: "retries off", responses: []int{503, 200}, opts: []Option{WithMaxRetries(0)}, wantCalls: 1, wantErr: ErrServer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t, WithMaxRetries(2), WithRetryBackoff(time.Millisecond, 4*time.Millisecond))
			var calls atomic.Int32
			mux.HandleFunc("POST /key/generate", func(w http.ResponseWriter, r *http.Request) {
				n := calls.Add(1)
				testJSONBody(t, r, `{"key_alias":"a"}`) // the body is replayed on every attempt
				status := tt.responses[n-1]
				if status == 0 {
					conn, _, _ := w.(http.Hijacker).Hijack()
					conn.Close()
					return
				}
				for k, v := range tt.header {
					w.Header()[k] = v
				}
				if status != 200 {
					writeJSON(w, status, fmt.Sprintf(`{"error":{"message":"try %d","type":"x","param":"None","code":"%d"}}`, n, status))
					return
				}
				writeJSON(w, 200, `{"key":"sk-new-0123456789abcdef"}`)
			})
			_, err := c.Keys.Generate(t.Context(), &KeyGenerateRequest{KeyAlias: "a"}, tt.opts...)
			if got := calls.Load(); got != tt.wantCalls {
				t.Errorf("calls = %d, want %d", got, tt.wantCalls)
			}
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			var apiErr *APIError
			var terr *TransportError
			switch {
			case !errors.Is(err, tt.wantErr):
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			case errors.As(err, &apiErr):
				if apiErr.Attempts != int(tt.wantCalls) {
					t.Errorf("Attempts = %d, want %d", apiErr.Attempts, tt.wantCalls)
				}
			case errors.As(err, &terr):
				if terr.Attempts != int(tt.wantCalls) {
					t.Errorf("Attempts = %d, want %d", terr.Attempts, tt.wantCalls)
				}
			default:
				t.Fatalf("err = %v (%T), want an *APIError or a *TransportError", err, err)
			}
		})
	}
}

func TestClient_TransportErrorIsNotATimeout(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c, err := New("http://"+addr, WithMaxRetries(1), WithRetryBackoff(time.Millisecond, time.Millisecond), WithAPIKey(testKey))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Keys.Info(t.Context(), testKey)
	var terr *TransportError
	if !errors.As(err, &terr) {
		t.Fatalf("err = %v, want *TransportError", err)
	}
	if terr.IsTimeout() || terr.Attempts != 2 {
		t.Errorf("IsTimeout = %v, Attempts = %d; want false, 2", terr.IsTimeout(), terr.Attempts)
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Errorf("error leaks the key: %v", err)
	}
}

func TestClient_TimeoutPerAttempt(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t, WithTimeout(50*time.Millisecond))
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	mux.HandleFunc("GET /health/readiness", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	start := time.Now()
	_, err := c.Health.Readiness(t.Context())
	var terr *TransportError
	if !errors.As(err, &terr) || !terr.IsTimeout() || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	// A context deadline wins over a longer per-attempt timeout.
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	_, err = c.Health.Readiness(ctx, WithTimeout(time.Hour))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
}

func TestClient_RedirectDropsCredentials(t *testing.T) {
	t.Parallel()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" || r.Header.Get("X-Litellm-Api-Key") != "" {
			t.Errorf("credentials sent to another host: %q", r.Header.Get("Authorization"))
		}
		writeJSON(w, 200, `"moved"`)
	}))
	t.Cleanup(other.Close)
	c, mux, _ := setup(t, WithHeader("X-Litellm-Api-Key", testKey))
	mux.HandleFunc("GET /health/liveliness", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/elsewhere", http.StatusFound)
	})
	got, err := c.Health.Liveliness(t.Context())
	if err != nil || got != "moved" {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestClient_MiddlewareLoggerResponseInto(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var order []string
	mw := func(name string) Middleware {
		return func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
			order = append(order, name)
			return next(req)
		}
	}
	c, mux, _ := setup(t, WithLogger(logger), WithMiddleware(mw("outer"), mw("inner")))
	mux.HandleFunc("GET /key/info", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Litellm-Call-Id", "call-42")
		writeJSON(w, 200, `{"key":"x","info":{"key_alias":"a"}}`)
	})
	var resp *http.Response
	info, err := c.Keys.Info(t.Context(), testKey, WithResponseInto(&resp))
	if err != nil {
		t.Fatal(err)
	}
	if info.Info.KeyAlias != "a" || resp == nil || resp.Header.Get("X-Litellm-Call-Id") != "call-42" {
		t.Errorf("info %+v, resp %v", info, resp)
	}
	if body, _ := io.ReadAll(resp.Body); !bytes.Contains(body, []byte(`"key_alias":"a"`)) {
		t.Errorf("ResponseInto body = %s", body)
	}
	if strings.Join(order, ",") != "outer,inner" {
		t.Errorf("middleware order %v", order)
	}
	out := logs.String()
	for _, want := range []string{"method=GET", "path=/key/info", "status=200", "attempt=1", "request_id=call-42"} {
		if !strings.Contains(out, want) {
			t.Errorf("log %q lacks %q", out, want)
		}
	}
	if strings.Contains(out, "SECRET") || strings.Contains(out, "sk-test") {
		t.Errorf("log leaks the key: %s", out)
	}
}

func TestClient_NonJSONSuccess(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("GET /health/readiness", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<html><body>Sign in to continue (token sk-test-0123456789abcdefSECRET)</body></html>")
	})
	_, err := c.Health.Readiness(t.Context())
	var derr *DecodeError
	if !errors.As(err, &derr) {
		t.Fatalf("err = %v, want *DecodeError", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "text/html") || !strings.Contains(msg, "Sign in") || strings.Contains(msg, "SECRET") {
		t.Errorf("message %q: want content type and a redacted excerpt", msg)
	}
}

func TestClient_ResponseTooLarge(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t, WithMaxResponseSize(1024))
	mux.HandleFunc("GET /health/readiness", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"status":"`+strings.Repeat("x", 4096)+`"}`)
	})
	if _, err := c.Health.Readiness(t.Context()); err == nil || !strings.Contains(err.Error(), "exceeds 1024 bytes") {
		t.Errorf("err = %v, want a size error", err)
	}
}

func TestClient_HugeErrorBodyIsBounded(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("GET /health/readiness", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusServiceUnavailable)
		chunk := bytes.Repeat([]byte("<p>down</p>"), 10000)
		for i := 0; i < 1000; i++ { // ~110 MB if read whole
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	_, err := c.Health.Readiness(t.Context())
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("err = %v", err)
	}
	if len(apiErr.Body) > MaxErrorBodySize {
		t.Errorf("error body kept %d bytes, limit %d", len(apiErr.Body), MaxErrorBodySize)
	}
}
