package facade

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
)

// allocated returns the bytes allocated while f runs. The test calling it
// must not be parallel, so that other tests' allocations do not count.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// rawServer answers every request with the raw HTTP response head, then
// body (nil: none) and closes the connection.
func rawServer(t *testing.T, head string, body func(w io.Writer)) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		conn, bw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		defer conn.Close()
		_, _ = bw.WriteString(head)
		if body != nil {
			body(bw)
		}
		_ = bw.Flush()
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestResponseCap_Default(t *testing.T) {
	t.Parallel()
	if DefaultMaxResponseSize > 32<<20 {
		t.Errorf("DefaultMaxResponseSize = %d, want at most 32 MiB", DefaultMaxResponseSize)
	}
	c, err := New("http://proxy.test")
	if err != nil {
		t.Fatal(err)
	}
	if c.settings.maxResponseSize != DefaultMaxResponseSize {
		t.Errorf("maxResponseSize = %d, want the default", c.settings.maxResponseSize)
	}
}

func TestResponseCap_TooLargeIsASentinel(t *testing.T) {
	t.Parallel()
	big := `{"status":"` + strings.Repeat("x", 4096) + `"}`
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"with Content-Length", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, big) }},
		{"chunked", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			for i := 0; i < len(big); i += 512 {
				_, _ = io.WriteString(w, big[i:min(i+512, len(big))])
				w.(http.Flusher).Flush()
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t, WithMaxResponseSize(1024))
			mux.HandleFunc("GET /health/readiness", tt.handler)
			mux.HandleFunc("GET /discarded", tt.handler)
			_, err := c.Health.Readiness(t.Context())
			if !errors.Is(err, ErrResponseTooLarge) || !strings.Contains(err.Error(), "exceeds 1024 bytes") {
				t.Errorf("err = %v, want ErrResponseTooLarge", err)
			}
			if err := c.HTTP.Get(t.Context(), "/discarded", nil); !errors.Is(err, ErrResponseTooLarge) {
				t.Errorf("discarded body: err = %v, want ErrResponseTooLarge", err)
			}
		})
	}
}

// TestResponseCap_LyingContentLengthDoesNotAllocate: a Content-Length of
// 30 MB with a 2-byte body must not make the client allocate 30 MB, nor one
// of 100 MB (beyond the cap) read anything.
func TestResponseCap_LyingContentLengthDoesNotAllocate(t *testing.T) {
	for _, tt := range []struct {
		name    string
		length  int
		wantErr error
	}{
		{"30 MB announced, 2 bytes sent", 30 << 20, io.ErrUnexpectedEOF},
		{"100 MB announced, beyond the cap", 100 << 20, ErrResponseTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := rawServer(t, fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{}", tt.length), nil)
			c, err := New(srv.URL, WithMaxRetries(0))
			if err != nil {
				t.Fatal(err)
			}
			var callErr error
			n := allocated(func() { _, callErr = c.Health.Readiness(t.Context()) })
			if !errors.Is(callErr, tt.wantErr) {
				t.Errorf("err = %v, want %v", callErr, tt.wantErr)
			}
			if n > 4<<20 {
				t.Errorf("the call allocated %d bytes for a 2-byte body, want under 4 MiB", n)
			}
		})
	}
}

// TestResponseCap_DiscardedBodyIsNotBuffered: HTTP.Do with a nil out reads
// a 20 MB body without keeping it.
func TestResponseCap_DiscardedBodyIsNotBuffered(t *testing.T) {
	const size = 20 << 20
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	srv := rawServer(t, fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", size), func(w io.Writer) {
		for i := 0; i < size/len(chunk); i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	c, err := New(srv.URL, WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	var callErr error
	n := allocated(func() { callErr = c.HTTP.Post(t.Context(), "/key/block", map[string]string{"key": "k"}, nil) })
	if callErr != nil {
		t.Fatalf("HTTP.Post: %v", callErr)
	}
	if n > 4<<20 {
		t.Errorf("discarding a %d-byte body allocated %d bytes, want under 4 MiB", size, n)
	}
}

// TestResponseCap_DiscardStillSeesErrorObjects: the credential routes send
// errors with HTTP 200; a discarded body is still checked for one.
func TestResponseCap_DiscardStillSeesErrorObjects(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("DELETE /credentials/x", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"message":"Credential not found","type":"None","code":"404","param":"None"}`)
	})
	err := c.HTTP.Do(t.Context(), &HTTPRequest{Method: "DELETE", URI: "/credentials/x"}, nil)
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v, want the 404 error object", err)
	}
}

func TestResponseCap_ReadBody(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		body    string
		length  int64
		limit   int64
		wantErr error
	}{
		{"exact length", "hello", 5, 10, nil},
		{"unknown length", "hello", -1, 10, nil},
		{"at the limit", "0123456789", 10, 10, nil},
		{"unknown length at the limit", "0123456789", -1, 10, nil},
		{"over the limit", "0123456789x", -1, 10, ErrResponseTooLarge},
		{"announced over the limit", "", 11, 10, ErrResponseTooLarge},
		{"more than announced", "hello world", 5, 100, nil},
		{"more than announced, over the limit", strings.Repeat("x", 101), 5, 100, ErrResponseTooLarge},
		{"less than announced", "hi", 5, 100, nil},
		{"large", strings.Repeat("x", 200<<10), 200 << 10, 1 << 20, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &http.Response{ContentLength: tt.length, Body: io.NopCloser(bufio.NewReaderSize(strings.NewReader(tt.body), 16))}
			got, err := readBody(resp, tt.limit)
			if !errors.Is(err, tt.wantErr) || (err == nil && string(got) != tt.body) {
				t.Errorf("readBody = %d bytes, %v; want %d bytes, %v", len(got), err, len(tt.body), tt.wantErr)
			}
			if err == nil && int64(cap(got)) > max(2*int64(len(got)), 1024) {
				t.Errorf("cap = %d for %d bytes", cap(got), len(got))
			}
		})
	}
}

func TestMidStreamErrorStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		event  string
		status int
		is     error
	}{
		{"429", `{"error":{"message":"budget exceeded","type":"budget_exceeded","param":"None","code":"429"}}`, 429, ErrRateLimited},
		{"numeric code", `{"error":{"message":"slow down","type":"x","code":429}}`, 429, ErrRateLimited},
		{"400", `{"error":{"message":"guardrail","type":"bad_request_error","code":"400"}}`, 400, ErrBadRequest},
		{"no code", `{"error":{"message":"upstream exploded"}}`, 500, ErrServer},
		{"code that is not a status", `{"error":{"message":"x","code":"context_length_exceeded"}}`, 500, ErrServer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("POST /chat/completions", sseHandler("data: "+chunkJSON("a")+"\n\n", "data: "+tt.event+"\n\n"))
			s, err := c.Chat.Completions.Stream(t.Context(), chatReq())
			if err != nil {
				t.Fatal(err)
			}
			collect(s)
			var apiErr *APIError
			if !errors.As(s.Err(), &apiErr) {
				t.Fatalf("Err = %v, want an *APIError", s.Err())
			}
			if apiErr.StatusCode != tt.status || !apiErr.MidStream || !errors.Is(apiErr, tt.is) {
				t.Errorf("StatusCode = %d, MidStream = %v, Is(%v) = %v; want %d, true, true",
					apiErr.StatusCode, apiErr.MidStream, tt.is, errors.Is(apiErr, tt.is), tt.status)
			}
			if msg := apiErr.Error(); strings.Contains(msg, ": 200") {
				t.Errorf("Error() = %q shows the stream's 200", msg)
			}
			if s.Response().StatusCode != 200 {
				t.Errorf("Response().StatusCode = %d, want the stream's 200", s.Response().StatusCode)
			}
		})
	}
	// A 200 that is not an event stream but an error object: the same.
	c, mux, _ := setup(t)
	mux.HandleFunc("POST /chat/completions", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"error":{"message":"over budget","type":"budget_exceeded","code":"429"}}`)
	})
	_, err := c.Chat.Completions.Stream(t.Context(), chatReq())
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 || apiErr.MidStream {
		t.Errorf("err = %#v, want StatusCode 429, not MidStream", err)
	}
}

func TestUserinfoNeverPrinted(t *testing.T) {
	t.Parallel()
	const password = "hunter2-pass"
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	var texts []string
	// The base URL.
	for _, base := range []string{"http://admin:" + password + "@proxy.example.com", "https://admin:" + password + "@proxy.example.com:4000/litellm", "http://admin:" + password + "@proxy.example.com:bad"} {
		c, err := New(base, WithLogger(logger))
		if err == nil {
			t.Errorf("New(%q) accepted a base URL with user information (client %v)", Redact(base), c)
			continue
		}
		texts = append(texts, err.Error(), fmt.Sprintf("%+v|%#v", err, err))
	}
	// An absolute URI given to HTTP.
	c, mux, _ := setup(t, WithLogger(logger))
	err := c.HTTP.Get(t.Context(), "http://admin:"+password+"@proxy.example.com/models", nil)
	if err == nil {
		t.Errorf("HTTP.Get with a URL of another host and user information: no error")
	} else {
		texts = append(texts, err.Error(), fmt.Sprintf("%+v|%#v", err, err))
	}
	// A redirect to a URL with user information, where nothing answers.
	mux.HandleFunc("GET /health/readiness", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://admin:"+password+"@127.0.0.1:1/health", http.StatusFound)
	})
	_, err = c.Health.Readiness(t.Context())
	if err == nil {
		t.Errorf("redirect to a closed port: no error")
	} else {
		texts = append(texts, err.Error(), fmt.Sprintf("%+v|%#v", err, err))
	}
	texts = append(texts, logs.String(), fmt.Sprintf("%v|%+v|%#v", c, c, *c))
	for _, s := range texts {
		if strings.Contains(s, password) {
			t.Errorf("the password is printed: %s", s)
		}
	}
}

func TestRedactUserinfo(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"http://admin:secret@host", "http://REDACTED@host"},
		{`invalid base URL "https://admin:secret@proxy.example.com:4000/litellm": no user info`, `invalid base URL "https://REDACTED@proxy.example.com:4000/litellm": no user info`},
		{"https://ghp_token@github.com/o/r", "https://REDACTED@github.com/o/r"},
		{"https://user:p@ss:w@rd@host/x?a=b", "https://REDACTED@host/x?a=b"},
		{`{"url":"http:\/\/admin:secret@host\/x"}`, `{"url":"http:\/\/REDACTED@host\/x"}`},
		{"Get \"http://u:p@a\": dial; see http://v:q@b/c", "Get \"http://REDACTED@a\": dial; see http://REDACTED@b/c"},
		{"http://host/path@not-userinfo", "http://host/path@not-userinfo"},
		{"http://host?x=a@b", "http://host?x=a@b"},
		{"mail admin@example.com", "mail admin@example.com"},
		{"http://REDACTED@host", "http://REDACTED@host"},
		{"no url at all: a@b", "no url at all: a@b"},
	} {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
