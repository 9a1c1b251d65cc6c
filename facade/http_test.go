package facade

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// svcNotCalled is a handler for calls that must not reach the server
// (client-side validation, ReturnRequest).
func svcNotCalled(t *testing.T) http.HandlerFunc {
	t.Helper()
	return func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL)
		http.Error(w, "unexpected", http.StatusTeapot)
	}
}

// svcCheckReturned checks the result of a call made with ReturnRequest:
// a nil result, a nil error, and the complete request that was not sent.
func svcCheckReturned(t *testing.T, res any, err error, req *http.Request, method, wantURL, wantBody string) {
	t.Helper()
	if err != nil {
		t.Fatalf("err = %v, want nil", err)
	}
	if res != nil {
		if v := reflect.ValueOf(res); !(v.Kind() == reflect.Pointer || v.Kind() == reflect.Slice) || !v.IsNil() {
			t.Errorf("result = %#v, want nil", res)
		}
	}
	if req == nil {
		t.Fatal("ReturnRequest stored no request")
	}
	if req.Method != method {
		t.Errorf("method = %s, want %s", req.Method, method)
	}
	if got := req.URL.String(); got != wantURL {
		t.Errorf("URL = %s, want %s", got, wantURL)
	}
	testHeader(t, req, "Authorization", "Bearer "+testKey)
	if wantBody == "" {
		if req.Body != nil && req.Body != http.NoBody {
			b, _ := io.ReadAll(req.Body)
			if len(b) > 0 {
				t.Errorf("body = %s, want none", b)
			}
		}
		return
	}
	testHeader(t, req, "Content-Type", "application/json")
	if req.Body == nil {
		t.Fatalf("no body, want %s", wantBody)
	}
	testJSONBody(t, req, wantBody)
}

func TestHTTPService_Get(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/models", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testHeader(t, r, "Accept", "application/json")
		writeJSON(w, http.StatusOK, `{"models":[]}`)
	})
	var got map[string]any
	if err := c.HTTP.Get(t.Context(), "/models", &got); err != nil {
		t.Fatalf("Get: %v", err)
	}
	if diff := cmp.Diff(map[string]any{"models": []any{}}, got); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}
}

// TestHTTPService_uri checks that every spelling of a route reaches the same
// URL under the base URL's path prefix, and that a URI cannot leave it.
func TestHTTPService_uri(t *testing.T) {
	t.Parallel()
	c, mux, base := setup(t)
	var hits atomic.Int32
	mux.HandleFunc("/models", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.RawQuery != "" {
			testQuery(t, r, url.Values{"page": {"2"}})
		}
		writeJSON(w, http.StatusOK, `{"models":[]}`)
	})
	mux.HandleFunc("/a%2Fb", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.EscapedPath() != "/a%2Fb" {
			t.Errorf("escaped path = %s, want /a%%2Fb", r.URL.EscapedPath())
		}
		hits.Add(1)
		writeJSON(w, http.StatusOK, `{}`)
	})
	ok := []string{"/models", "models", "///models", base + basePrefix + "/models", "models?page=2", "a%2Fb"}
	for _, uri := range ok {
		if _, err := c.HTTP.Request(t.Context(), &HTTPRequest{URI: uri}); err != nil {
			t.Errorf("Request(%q): %v", uri, err)
		}
	}
	if got := hits.Load(); got != int32(len(ok)) {
		t.Errorf("handler hit %d times, want %d", got, len(ok))
	}

	mux.HandleFunc("/", svcNotCalled(t))
	bad := []string{
		"http://other.example/models",
		"https://" + strings.TrimPrefix(base, "http://") + basePrefix + "/models", // another scheme
		base + "/models",               // the host, outside the prefix
		base + basePrefix + "x/models", // a sibling of the prefix
		"../models",
		"/models/../../key/delete",
		"./models",
		"%2e%2e/key",
		"models/%2E",
	}
	for _, uri := range bad {
		if _, err := c.HTTP.Request(t.Context(), &HTTPRequest{URI: uri}); err == nil {
			t.Errorf("Request(%q): no error", uri)
		}
	}
}

// TestHTTPService_trailingSlashBase: "http://host/prefix///" is the same base URL.
func TestHTTPService_trailingSlashBase(t *testing.T) {
	t.Parallel()
	_, _, base := setup(t)
	c, err := New(base+basePrefix+"///", WithAPIKey(testKey))
	if err != nil {
		t.Fatal(err)
	}
	var req *http.Request
	for _, uri := range []string{"/models", "models"} {
		if err := c.HTTP.Get(t.Context(), uri, nil, ReturnRequest(&req)); err != nil {
			t.Fatal(err)
		}
		if got, want := req.URL.String(), base+basePrefix+"/models"; got != want {
			t.Errorf("URL of %q = %s, want %s", uri, got, want)
		}
	}
}

func TestHTTPService_Post(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	const in = `{"model":"gpt-4","params":{"temperature":0.7},"html":"<a&b>"}`
	mux.HandleFunc("/models", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testHeader(t, r, "Content-Type", "application/json")
		b, _ := io.ReadAll(r.Body)
		if !strings.Contains(string(b), "<a&b>") {
			t.Errorf("body HTML-escaped: %s", b)
		}
		writeJSON(w, http.StatusOK, string(b))
	})
	var body any
	if err := json.Unmarshal([]byte(in), &body); err != nil {
		t.Fatal(err)
	}
	var got any
	if err := c.HTTP.Post(t.Context(), "/models", body, &got); err != nil {
		t.Fatalf("Post: %v", err)
	}
	if diff := cmp.Diff(body, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestHTTPService_Request(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/key/list", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPatch)
		testQuery(t, r, url.Values{"page": {"2"}, "size": {"10"}, "key_alias": {"a b&c"}})
		testHeader(t, r, "X-Custom-Header", "test-value")
		testHeader(t, r, "Accept", "application/vnd.test+json")
		testHeader(t, r, "Content-Type", "text/plain")
		b, _ := io.ReadAll(r.Body)
		if string(b) != "raw body" {
			t.Errorf("body = %q, want raw body", b)
		}
		writeJSON(w, http.StatusOK, `{"n":12345678901234567890,"f":0.1,"s":"x","l":[true,null]}`)
	})
	got, err := c.HTTP.Request(t.Context(), &HTTPRequest{
		Method:      "patch",
		URI:         "key/list?page=2",
		Query:       url.Values{"size": {"10"}, "key_alias": {"a b&c"}},
		Header:      http.Header{"X-Custom-Header": {"test-value"}, "Accept": {"application/vnd.test+json"}},
		Body:        []byte("raw body"),
		ContentType: "text/plain",
	})
	if err != nil {
		t.Fatalf("Request: %v", err)
	}
	want := map[string]any{"n": json.Number("12345678901234567890"), "f": json.Number("0.1"), "s": "x", "l": []any{true, nil}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Request (-want +got):\n%s", diff)
	}
}

func TestHTTPService_authorizationHeader(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		apiKey string
		want   string
	}{
		{"client key overrides the caller's", testKey, "Bearer " + testKey},
		{"caller's header without a client key", "", "Bearer sk-caller-0000000000000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t, WithAPIKey(tt.apiKey))
			mux.HandleFunc("/models", func(w http.ResponseWriter, r *http.Request) {
				testHeader(t, r, "Authorization", tt.want)
				writeJSON(w, http.StatusOK, `{}`)
			})
			req := &HTTPRequest{URI: "/models", Header: http.Header{"Authorization": {"Bearer sk-caller-0000000000000000"}}}
			if err := c.HTTP.Do(t.Context(), req, nil); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestHTTPService_errors(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/unauthorized", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusUnauthorized, `{"error":{"message":"Authentication Error","type":"auth_error","param":"None","code":"401"}}`)
	})
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "not json, key "+testKey)
	})
	mux.HandleFunc("/badjson", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, "not json")
	})
	mux.HandleFunc("/credentials", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, `{"message":"Credential not found in DB.","type":"not_found_error","param":"None","openai_code":"404","code":"404","headers":{}}`)
	})

	_, err := c.HTTP.Request(t.Context(), &HTTPRequest{URI: "/unauthorized"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnauthorized || !errors.Is(err, ErrUnauthorized) {
		t.Errorf("401: err = %v, want *APIError with status 401", err)
	}

	for _, uri := range []string{"/text", "/badjson"} {
		_, err = c.HTTP.Request(t.Context(), &HTTPRequest{URI: uri})
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Fatalf("%s: err = %v (%T), want *DecodeError", uri, err, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "not json") || !strings.Contains(msg, "GET "+uri) {
			t.Errorf("%s: error %q lacks the excerpt or the route", uri, msg)
		}
		if strings.Contains(msg, testKey) {
			t.Errorf("%s: error shows the key: %q", uri, msg)
		}
	}
	if err := c.HTTP.Get(t.Context(), "/text", new(any)); !strings.Contains(svcErrText(err), "text/plain") {
		t.Errorf("text/plain body: err = %v, want it to name the content type", err)
	}

	_, err = c.HTTP.Request(t.Context(), &HTTPRequest{URI: "credentials"})
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("error object with status 200: err = %v, want ErrNotFound", err)
	}
}

// svcErrText returns err's text, or "" for nil.
func svcErrText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestHTTPService_emptyBody(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	if err := c.HTTP.Do(t.Context(), &HTTPRequest{Method: http.MethodDelete, URI: "empty"}, nil); err != nil {
		t.Errorf("Do(out nil): %v", err)
	}
	if v, err := c.HTTP.Request(t.Context(), &HTTPRequest{URI: "empty"}); v != nil || err != nil {
		t.Errorf("Request = %v, %v, want nil, nil", v, err)
	}
	var de *DecodeError
	if err := c.HTTP.Get(t.Context(), "empty", new(map[string]any)); !errors.As(err, &de) {
		t.Errorf("Get(out not nil) on an empty body: err = %v, want *DecodeError", err)
	}
}

func TestHTTPService_invalid(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	ctx := t.Context()
	var m map[string]any
	tests := map[string]error{
		"nil request":     c.HTTP.Do(ctx, nil, nil),
		"JSON and Body":   c.HTTP.Do(ctx, &HTTPRequest{URI: "x", JSON: 1, Body: []byte("1")}, nil),
		"out not pointer": c.HTTP.Do(ctx, &HTTPRequest{URI: "x"}, m),
		"out nil pointer": c.HTTP.Do(ctx, &HTTPRequest{URI: "x"}, (*map[string]any)(nil)),
		"bad method":      c.HTTP.Do(ctx, &HTTPRequest{Method: "GET /x", URI: "x"}, nil),
		"bad JSON":        c.HTTP.Do(ctx, &HTTPRequest{URI: "x", JSON: func() {}}, nil),
		"bad escape":      c.HTTP.Do(ctx, &HTTPRequest{URI: "x%zz"}, nil),
	}
	for name, err := range tests {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestHTTPService_ReturnRequest(t *testing.T) {
	t.Parallel()
	c, mux, base := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	var req *http.Request
	v, err := c.HTTP.Request(t.Context(), &HTTPRequest{Method: "post", URI: "/chat/completions", JSON: map[string]any{"model": "gpt-4"},
		Header: http.Header{"X-Custom-Header": {"v"}}}, ReturnRequest(&req))
	svcCheckReturned(t, v, err, req, http.MethodPost, base+basePrefix+"/chat/completions", `{"model":"gpt-4"}`)
	testHeader(t, req, "X-Custom-Header", "v")

	req = nil
	err = c.HTTP.Post(t.Context(), "key/generate", map[string]any{"key_alias": "a"}, new(any), ReturnRequest(&req))
	svcCheckReturned(t, nil, err, req, http.MethodPost, base+basePrefix+"/key/generate", `{"key_alias":"a"}`)

	req = nil
	err = c.HTTP.Get(t.Context(), "models?x=1", nil, ReturnRequest(&req))
	svcCheckReturned(t, nil, err, req, http.MethodGet, base+basePrefix+"/models?x=1", "")
}

// TestHTTPService_retryReplaysBody checks that a retried request sends its body again.
func TestHTTPService_retryReplaysBody(t *testing.T) {
	t.Parallel()
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if string(b) != `{"a":1}` {
			t.Errorf("attempt %d: body = %q", attempts.Load()+1, b)
		}
		if attempts.Add(1) == 1 {
			writeJSON(w, http.StatusServiceUnavailable, `{"detail":"busy"}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"ok":true}`)
	}))
	t.Cleanup(srv.Close)
	c, err := New(srv.URL, WithAPIKey(testKey), WithMaxRetries(1), WithRetryBackoff(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	var out struct{ OK bool }
	if err := c.HTTP.Post(t.Context(), "x", map[string]int{"a": 1}, &out); err != nil || !out.OK {
		t.Fatalf("Post = %+v, %v", out, err)
	}
	if got := attempts.Load(); got != 2 {
		t.Errorf("attempts = %d, want 2", got)
	}
}

// TestHTTPService_secretInPath checks that a key in the URI shows neither in
// the error nor in the log, while the request still carries it.
func TestHTTPService_secretInPath(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	c, mux, _ := setup(t, WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	const leaky = "sk-1234567890abcdefghijklmnop"
	mux.HandleFunc("/key/"+leaky+"/regenerate", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, `{"detail":"no such key"}`)
	})
	err := c.HTTP.Post(t.Context(), "/key/"+leaky+"/regenerate", nil, nil)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound (the request must reach the handler)", err)
	}
	for what, text := range map[string]string{"error": err.Error(), "log": logs.String()} {
		if strings.Contains(text, leaky) || strings.Contains(text, testKey) {
			t.Errorf("%s shows a key: %s", what, text)
		}
	}
	if !strings.Contains(logs.String(), "/key/") {
		t.Errorf("log has no request line: %q", logs.String())
	}
}
