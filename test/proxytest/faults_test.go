package proxytest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestFaultErrorStatus(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithFault(proxytest.ErrorStatus(429, 1500*time.Millisecond).On("chatCompletion").Times(2)))
	body := chatBody("gpt-4o", "hi")
	for i := range 2 {
		r := call(t, srv, "POST", "/chat/completions", srv.MasterKey, body)
		wantProxyError(t, r, 429, "None", "429 Too Many Requests")
		if r.Header.Get("Retry-After") != "2" {
			t.Errorf("attempt %d: Retry-After = %q, want 2", i, r.Header.Get("Retry-After"))
		}
	}
	mustOK(t, call(t, srv, "POST", "/chat/completions", srv.MasterKey, body))
	mustOK(t, call(t, srv, "GET", "/models", srv.MasterKey, nil)) // other routes are untouched
	if n := srv.RequestCount("chatCompletion"); n != 3 {
		t.Errorf("RequestCount(chatCompletion) = %d, want 3", n)
	}
	want := []int{429, 429, 200, 200}
	var got []int
	for _, r := range srv.Requests() {
		got = append(got, r.Status)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}

	// Extra headers: Retry-After 0 and retry-after-ms, which RetryAfter cannot express.
	srv.SetFaults(proxytest.Fault{Kind: proxytest.FaultError, Status: 429, Route: "/models",
		Header: http.Header{"Retry-After": {"0"}, "retry-after-ms": {"250"}}})
	r0 := call(t, srv, "GET", "/models", srv.MasterKey, nil)
	if r0.Status != 429 || r0.Header.Get("Retry-After") != "0" || r0.Header.Get("Retry-After-Ms") != "250" {
		t.Errorf("header fault: %d %v", r0.Status, r0.Header)
	}

	// A raw body and the default status.
	srv.SetFaults(proxytest.Fault{Kind: proxytest.FaultError, Body: `{"detail":"down"}`, Route: "/models"})
	r := call(t, srv, "GET", "/models", srv.MasterKey, nil)
	if r.Status != 503 || string(r.Body) != `{"detail":"down"}` {
		t.Errorf("raw body fault: %d %s", r.Status, r.Body)
	}
	srv.SetFaults()
	mustOK(t, call(t, srv, "GET", "/models", srv.MasterKey, nil))
}

func TestFaultLatency(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithFault(proxytest.Latency(50*time.Millisecond).On("/health/liveliness")))
	start := time.Now()
	mustOK(t, call(t, srv, "GET", "/health/liveliness", "", nil))
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("took %v, want at least the 50ms latency", d)
	}
	// A client that gives up is not kept waiting, and the server lets go too.
	srv.SetFaults(proxytest.Latency(time.Hour))
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/health/liveliness", nil)
	if _, err := srv.Client().Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the deadline", err)
	}
}

func TestFaultDrop(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var hooked []proxytest.Request
	hook := func(r proxytest.Request, elapsed time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		if elapsed <= 0 {
			t.Errorf("hook: elapsed %v for %+v", elapsed, r)
		}
		hooked = append(hooked, r)
	}
	srv := newServer(t, proxytest.WithFault(proxytest.DropConnection().On("/key/*").Times(1)), proxytest.WithRequestHook(hook))
	req, _ := http.NewRequestWithContext(t.Context(), "POST", srv.URL+"/key/generate", strings.NewReader("{}"))
	req.Header.Set("Authorization", "Bearer "+srv.MasterKey)
	if resp, err := srv.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("dropped request got a response: %d", resp.StatusCode)
	}
	mustOK(t, call(t, srv, "POST", "/key/generate", srv.MasterKey, map[string]any{}))
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Status != 0 || reqs[0].Operation != "keyGenerate" || reqs[0].Path != "/key/generate" || reqs[1].Status != 200 {
		t.Errorf("requests = %+v", reqs)
	}
	mu.Lock()
	if diff := cmp.Diff(reqs, hooked); diff != "" {
		t.Errorf("WithRequestHook saw other requests than Requests (-Requests +hook):\n%s", diff)
	}
	mu.Unlock()
	srv.ResetRequests()
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests after ResetRequests", n)
	}
}

func TestFaultStreamCut(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithFault(proxytest.CutStream(2)))
	// Faults on streams leave other requests alone.
	mustOK(t, call(t, srv, "POST", "/chat/completions", srv.MasterKey, chatBody("gpt-4o", "one two three")))
	s := readSSE(t, openStream(t, srv, srv.MasterKey, chatBody("gpt-4o", "one two three")).Body)
	if len(s.chunks) != 2 || s.done || s.err == nil {
		t.Errorf("cut stream: %d chunks, done=%v, err=%v", len(s.chunks), s.done, s.err)
	}
	if !errors.Is(s.err, io.ErrUnexpectedEOF) {
		t.Logf("read error: %v", s.err)
	}
}

func TestFaultKeepalive(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithFault(proxytest.Keepalive(time.Millisecond)))
	s := readSSE(t, openStream(t, srv, srv.MasterKey, chatBody("gpt-4o", "one two three")).Body)
	// 5 words + finish chunk = 6 chunks, a ping between each pair.
	if len(s.chunks) != 6 || s.comments != 5 || !s.done || s.err != nil {
		t.Errorf("keepalive stream: %d chunks, %d comments, done=%v, err=%v", len(s.chunks), s.comments, s.done, s.err)
	}
}

func TestFaultStreamError(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithFault(proxytest.StreamError(3).Times(1)))
	resp := openStream(t, srv, srv.MasterKey, chatBody("gpt-4o", "one two three"))
	s := readSSE(t, resp.Body)
	if resp.StatusCode != 200 || len(s.chunks) != 4 || s.done || s.err != nil {
		t.Fatalf("status %d, %d events, done=%v, err=%v", resp.StatusCode, len(s.chunks), s.done, s.err)
	}
	last := s.chunks[3]
	if get(last, "error", "code") != "500" || get(last, "error", "message") != "proxytest: injected mid-stream error" {
		t.Errorf("error event = %v", last)
	}

	// An error as the first chunk sets the response status.
	srv.SetFaults(proxytest.Fault{Kind: proxytest.FaultStreamError, Status: 429, Message: "slow down"})
	resp = openStream(t, srv, srv.MasterKey, chatBody("gpt-4o", "hi"))
	s = readSSE(t, resp.Body)
	if resp.StatusCode != 429 || resp.Header.Get("Content-Type") != "text/event-stream" || len(s.chunks) != 1 ||
		get(s.chunks[0], "error", "message") != "slow down" || get(s.chunks[0], "error", "code") != "429" {
		t.Errorf("status %d, events %v", resp.StatusCode, s.raw)
	}
}

func TestFaultProbabilityIsReproducible(t *testing.T) {
	t.Parallel()
	run := func(seed uint64) string {
		srv := newServer(t, proxytest.WithSeed(seed), proxytest.WithFault(proxytest.ErrorStatus(503, 0).WithProbability(0.5)))
		var b strings.Builder
		for range 32 {
			fmt.Fprintf(&b, "%d ", call(t, srv, "GET", "/health/liveliness", "", nil).Status)
		}
		return b.String()
	}
	a, b := run(42), run(42)
	if a != b {
		t.Errorf("same seed, different faults:\n%s\n%s", a, b)
	}
	if !strings.Contains(a, "503") || !strings.Contains(a, "200") {
		t.Errorf("probability 0.5 gave %s", a)
	}
	if c := run(7); c == a {
		t.Logf("seeds 7 and 42 happen to agree: %s", c)
	}
}

func TestSeedMakesKeysReproducible(t *testing.T) {
	t.Parallel()
	a := genKey(t, newServer(t, proxytest.WithSeed(1)), nil)
	b := genKey(t, newServer(t, proxytest.WithSeed(1)), nil)
	c := genKey(t, newServer(t), nil)
	if a != b || a == c {
		t.Errorf("keys: seed 1 %q and %q, random seed %q", a, b, c)
	}
}
