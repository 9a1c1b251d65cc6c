package facade

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// recorder is a server that records the requests it receives.
type recorder struct {
	srv  *httptest.Server
	url  atomic.Pointer[string] // srv.URL, for handlers that run after start
	mu   sync.Mutex
	reqs []recorded
}

type recorded struct {
	method, uri string
	header      http.Header
	body        string
}

// newRecorder starts a server that records every request, then answers it
// with answer (nil: a JSON success), except the first request when first is
// not nil: first answers it, unrecorded.
func newRecorder(t *testing.T, tls bool, first, answer http.HandlerFunc) *recorder {
	t.Helper()
	rec := &recorder{}
	var n atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if n.Add(1) == 1 && first != nil {
			first(w, r)
			return
		}
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, recorded{method: r.Method, uri: r.RequestURI, header: r.Header.Clone(), body: string(b)})
		rec.mu.Unlock()
		if answer != nil {
			answer(w, r)
			return
		}
		writeJSON(w, 200, `{"key":"k","info":{"key_alias":"moved"},"status":"pending","login_id":"l","poll_secret":"p","user_code":"u"}`)
	})
	if tls {
		rec.srv = httptest.NewTLSServer(h)
	} else {
		rec.srv = httptest.NewServer(h)
	}
	u := rec.srv.URL
	rec.url.Store(&u)
	t.Cleanup(rec.srv.Close)
	return rec
}

// URL is srv.URL, safe to read from a handler.
func (r *recorder) URL() string {
	if u := r.url.Load(); u != nil {
		return *u
	}
	return ""
}

func (r *recorder) requests() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recorded(nil), r.reqs...)
}

// redirectTo answers every request with status and a Location of target
// plus the request's path and query.
func redirectTo(status int, target func() string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target()+r.URL.RequestURI(), status)
	}
}

// credentialHeaders are the headers the calls below send that must never
// reach another host.
var credentialHeaders = []string{"Authorization", "X-Litellm-Api-Key", "X-Litellm-Cli-Poll-Secret", "X-Custom-Auth", "Cookie", "Referer"}

// redirectCalls send a credential in every way the client can.
var redirectCalls = []struct {
	name string
	call func(ctx context.Context, c *Client) error
}{
	{"Keys.Info (key in the query)", func(ctx context.Context, c *Client) error {
		_, err := c.Keys.Info(ctx, testKey)
		return err
	}},
	{"SSO.Poll (poll secret header)", func(ctx context.Context, c *Client) error {
		_, err := c.SSO.Poll(ctx, "cli-login-1", &SSOPollOptions{PollSecret: "poll-secret-0123456789"})
		return err
	}},
	{"HTTP.Do (headers of the request)", func(ctx context.Context, c *Client) error {
		return c.HTTP.Do(ctx, &HTTPRequest{URI: "/key/list", Header: http.Header{"X-Litellm-Api-Key": {testKey}, "Cookie": {"session=abc"}}}, nil)
	}},
}

func TestRedirect_CrossOriginDropsEveryCredential(t *testing.T) {
	t.Parallel()
	for _, sameServer := range []bool{false, true} {
		for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
			for _, rc := range redirectCalls {
				where := "another port"
				if sameServer {
					where = "another host name, same port"
				}
				t.Run(where+"/"+http.StatusText(code)+"/"+rc.name, func(t *testing.T) {
					t.Parallel()
					var first, other *recorder
					if sameServer {
						// 127.0.0.1:port redirects to localhost:port.
						var self *recorder
						self = newRecorder(t, false, redirectTo(code, func() string {
							return strings.Replace(self.URL(), "127.0.0.1", "localhost", 1)
						}), nil)
						first, other = self, self
					} else {
						other = newRecorder(t, false, nil, nil)
						first = newRecorder(t, false, redirectTo(code, other.URL), nil)
					}
					c, err := New(first.srv.URL, WithAPIKey(testKey), WithHeader("X-Custom-Auth", "custom-secret"), WithMaxRetries(0))
					if err != nil {
						t.Fatal(err)
					}
					if err := rc.call(t.Context(), c); err != nil {
						t.Fatalf("call: %v", err)
					}
					reqs := other.requests()
					if len(reqs) != 1 {
						t.Fatalf("the other origin got %d requests, want 1", len(reqs))
					}
					for _, h := range credentialHeaders {
						if v := reqs[0].header.Get(h); v != "" {
							t.Errorf("%s sent to another origin: %q", h, v)
						}
					}
					if reqs[0].header.Get("User-Agent") == "" {
						t.Errorf("User-Agent dropped: only credentials should go")
					}
				})
			}
		}
	}
}

func TestRedirect_SameOriginKeepsCredentialsButNotReferer(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, false, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved"+r.URL.RequestURI(), http.StatusFound)
	}, nil)
	c, err := New(srv.srv.URL, WithAPIKey(testKey), WithHeader("X-Custom-Auth", "custom-secret"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Keys.Info(t.Context(), testKey); err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	if len(reqs) != 1 || !strings.HasPrefix(reqs[0].uri, "/moved/key/info") {
		t.Fatalf("requests after the redirect = %+v", reqs)
	}
	h := reqs[0].header
	if h.Get("Authorization") != "Bearer "+testKey || h.Get("X-Custom-Auth") != "custom-secret" {
		t.Errorf("same-origin redirect lost the credentials: %v", h)
	}
	if h.Get("Referer") != "" {
		t.Errorf("Referer sent: %q (it carries the previous URL, ?key= included)", h.Get("Referer"))
	}
}

func TestRedirect_BodyNeverFollowsToAnotherHost(t *testing.T) {
	t.Parallel()
	for _, code := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(code), func(t *testing.T) {
			t.Parallel()
			other := newRecorder(t, false, nil, nil)
			first := newRecorder(t, false, nil, redirectTo(code, other.URL))
			c, err := New(first.srv.URL, WithAPIKey(testKey), WithIdempotent()) // even a retryable call is not retried
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Keys.Generate(t.Context(), &KeyGenerateRequest{KeyAlias: "secret-alias", Metadata: map[string]any{"api_key": testKey}})
			if !errors.Is(err, ErrRedirectRefused) {
				t.Errorf("err = %v, want ErrRedirectRefused", err)
			}
			if err != nil && strings.Contains(err.Error(), "SECRET") {
				t.Errorf("error leaks the key: %v", err)
			}
			if n := len(other.requests()); n != 0 {
				t.Errorf("the other host got %d requests with the body, want 0", n)
			}
			if n := len(first.requests()); n != 1 {
				t.Errorf("the first host got %d requests, want 1: a refused redirect is not retried", n)
			}
		})
	}
	// To the same origin, a 307 replays the body as HTTP says.
	srv := newRecorder(t, false, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/v2"+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}, nil)
	c, err := New(srv.srv.URL, WithAPIKey(testKey))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Keys.Generate(t.Context(), &KeyGenerateRequest{KeyAlias: "a"}); err != nil {
		t.Fatalf("same-origin 307: %v", err)
	}
	if reqs := srv.requests(); len(reqs) != 1 || reqs[0].body != `{"key_alias":"a"}` || reqs[0].header.Get("Authorization") == "" {
		t.Errorf("same-origin 307 = %+v, want the body and the key replayed", reqs)
	}
}

func TestRedirect_NeverFromHTTPSToHTTP(t *testing.T) {
	t.Parallel()
	plain := newRecorder(t, false, nil, nil)
	secure := newRecorder(t, true, nil, redirectTo(http.StatusFound, plain.URL))
	// httptest's TLS certificate is trusted by its own client only; the
	// policy is the same for it (WithHTTPClient) as for the default client.
	for _, hc := range []struct {
		name   string
		client func() *http.Client
	}{
		{"WithHTTPClient(server's client)", func() *http.Client { return secure.srv.Client() }},
		{"default client with the server's TLS config", func() *http.Client {
			hc := newDefaultHTTPClient()
			hc.Transport.(*http.Transport).TLSClientConfig = secure.srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
			return hc
		}},
	} {
		c, err := New(secure.srv.URL, WithAPIKey(testKey), WithHTTPClient(hc.client()))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Keys.Info(t.Context(), testKey)
		if !errors.Is(err, ErrRedirectRefused) || !strings.Contains(err.Error(), "https to http") {
			t.Errorf("%s: err = %v, want ErrRedirectRefused (https to http)", hc.name, err)
		}
		if err != nil && strings.Contains(err.Error(), "SECRET") {
			t.Errorf("error leaks the key: %v", err)
		}
	}
	if n := len(plain.requests()); n != 0 {
		t.Errorf("the plain-http host got %d requests, want 0", n)
	}
	if n := len(secure.requests()); n != 2 {
		t.Errorf("the https host got %d requests, want 2 (one per client, no retry of a refused redirect)", n)
	}
}

func TestRedirect_WithHTTPClientKeepsItsCheckRedirect(t *testing.T) {
	t.Parallel()
	other := newRecorder(t, false, nil, nil)
	first := newRecorder(t, false, nil, redirectTo(http.StatusFound, other.URL))
	var called atomic.Int32
	hc := &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		called.Add(1)
		if req.Header.Get("Authorization") != "" {
			t.Errorf("the caller's CheckRedirect saw the key: the policy must run first")
		}
		return nil
	}}
	c, err := New(first.srv.URL, WithAPIKey(testKey), WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Keys.Info(t.Context(), "k"); err != nil {
		t.Fatal(err)
	}
	if called.Load() != 1 {
		t.Errorf("the caller's CheckRedirect ran %d times, want 1", called.Load())
	}
	if reqs := other.requests(); len(reqs) != 1 || reqs[0].header.Get("Authorization") != "" {
		t.Errorf("requests to the other host = %+v, want one without the key", reqs)
	}
	// Ten redirects at most, and a refused redirect is not retried.
	var loop *recorder
	loop = newRecorder(t, false, nil, redirectTo(http.StatusFound, func() string { return loop.URL() + "/again" }))
	c, err = New(loop.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Keys.Info(t.Context(), "k"); !errors.Is(err, ErrRedirectRefused) {
		t.Errorf("redirect loop: err = %v, want ErrRedirectRefused", err)
	}
	if n := len(loop.requests()); n != maxRedirects {
		t.Errorf("redirect loop: %d requests, want %d (the first and 9 redirects)", n, maxRedirects)
	}
}
