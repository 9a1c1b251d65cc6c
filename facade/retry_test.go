package facade

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/synctest"
	"time"
)

// The retry tests run in synctest bubbles: backoff and Retry-After waits
// take no real time, and time.Since measures the fake clock exactly. The
// "server" is an in-memory HTTPDoer, since a real socket cannot live in a
// bubble.

// respondFunc answers one attempt.
type respondFunc func(*http.Request) (*http.Response, error)

// scriptedDoer answers attempt n with steps[n] and records when each
// attempt arrived and the body it carried.
type scriptedDoer struct {
	t      *testing.T
	mu     sync.Mutex
	steps  []respondFunc
	at     []time.Time
	bodies []string
}

func (d *scriptedDoer) Do(r *http.Request) (*http.Response, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := len(d.at)
	d.at = append(d.at, time.Now())
	body := ""
	if r.Body != nil {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			d.t.Errorf("attempt %d: read request body: %v", n+1, err)
		}
		r.Body.Close()
		body = string(b)
	}
	d.bodies = append(d.bodies, body)
	if n >= len(d.steps) {
		d.t.Errorf("unexpected attempt %d (only %d scripted)", n+1, len(d.steps))
		return nil, errors.New("no more scripted responses")
	}
	return d.steps[n](r)
}

// attempts returns how many requests were sent.
func (d *scriptedDoer) attempts() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.at)
}

// gaps returns the waits between consecutive attempts.
func (d *scriptedDoer) gaps() []time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []time.Duration
	for i := 1; i < len(d.at); i++ {
		out = append(out, d.at[i].Sub(d.at[i-1]))
	}
	return out
}

// respond answers status with header and body (a JSON error for a non-2xx
// status when body is "").
func respond(status int, header http.Header, body string) respondFunc {
	return func(r *http.Request) (*http.Response, error) {
		h := http.Header{"Content-Type": {"application/json"}}
		for k, v := range header {
			h[k] = v
		}
		b := body // the closure is shared by parallel tests: never write body
		if b == "" && status >= 300 {
			b = fmt.Sprintf(`{"error":{"message":"injected %d","type":"None","param":"None","code":"%d"}}`, status, status)
		}
		return &http.Response{
			StatusCode: status, Status: fmt.Sprintf("%d %s", status, http.StatusText(status)),
			Header: h, Body: io.NopCloser(strings.NewReader(b)), Request: r,
		}, nil
	}
}

// respondWith answers status with the headers hdr computes when the attempt
// arrives (for HTTP dates relative to the fake clock).
func respondWith(status int, hdr func() http.Header) respondFunc {
	return func(r *http.Request) (*http.Response, error) { return respond(status, hdr(), "")(r) }
}

// fail answers with a transport error, as a dropped connection does.
func fail() respondFunc {
	return func(*http.Request) (*http.Response, error) { return nil, io.ErrUnexpectedEOF }
}

// streamBody answers 200 with an event stream made of events, then err
// (nil: a clean end).
func streamBody(err error, events ...string) respondFunc {
	return func(r *http.Request) (*http.Response, error) {
		var body io.Reader = strings.NewReader(strings.Join(events, ""))
		if err != nil {
			body = io.MultiReader(body, &errAfterReader{err: err})
		}
		return &http.Response{
			StatusCode: http.StatusOK, Status: "200 OK",
			Header: http.Header{"Content-Type": {"text/event-stream"}},
			Body:   io.NopCloser(body), Request: r,
		}, nil
	}
}

type errAfterReader struct{ err error }

func (r *errAfterReader) Read([]byte) (int, error) { return 0, r.err }

func sseChunk(content string) string { return "data: " + chunkJSON(content) + "\n\n" }

const okGenerateBody = `{"key":"sk-new-0123456789abcdef"}`

// newRetryClient returns a client whose requests go to d.
func newRetryClient(t *testing.T, d *scriptedDoer, opts ...Option) *Client {
	t.Helper()
	c, err := New("http://proxy.test", append([]Option{WithHTTPClient(d), WithAPIKey(testKey)}, opts...)...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func within(d, lo, hi time.Duration) bool { return d >= lo && d <= hi }

func TestRetry_BackoffGrowsExponentiallyAndIsCapped(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		// Base 1 s, cap 4 s, full jitter in [delay/2, delay]: the waits are
		// 0.5-1 s, 1-2 s, 2-4 s, then 2-4 s again (8 s capped to 4 s).
		bounds := [][2]time.Duration{
			{500 * time.Millisecond, time.Second},
			{time.Second, 2 * time.Second},
			{2 * time.Second, 4 * time.Second},
			{2 * time.Second, 4 * time.Second},
		}
		distinct := map[time.Duration]bool{}
		for run := range 20 {
			d := &scriptedDoer{t: t}
			for range 5 {
				d.steps = append(d.steps, respond(http.StatusServiceUnavailable, nil, ""))
			}
			c := newRetryClient(t, d, WithMaxRetries(4), WithRetryBackoff(time.Second, 4*time.Second))
			start := time.Now()
			_, err := c.Keys.Generate(t.Context(), &KeyGenerateRequest{KeyAlias: "a"})
			elapsed := time.Since(start)

			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable || apiErr.Attempts != 5 {
				t.Fatalf("run %d: err = %#v, want the last 503 after 5 attempts", run, err)
			}
			gaps := d.gaps()
			if len(gaps) != len(bounds) {
				t.Fatalf("run %d: %d waits, want %d", run, len(gaps), len(bounds))
			}
			var sum time.Duration
			for i, g := range gaps {
				if !within(g, bounds[i][0], bounds[i][1]) {
					t.Errorf("run %d: wait %d = %v, want within [%v, %v]", run, i+1, g, bounds[i][0], bounds[i][1])
				}
				distinct[g] = true
				sum += g
			}
			if elapsed != sum || !within(elapsed, 5500*time.Millisecond, 11*time.Second) {
				t.Errorf("run %d: call took %v (waits %v), want the sum of the waits, within [5.5s, 11s]", run, elapsed, sum)
			}
			for i, b := range d.bodies {
				if b != `{"key_alias":"a"}` {
					t.Errorf("run %d: attempt %d body = %q, want the request body replayed", run, i+1, b)
				}
			}
		}
		if len(distinct) < 10 {
			t.Errorf("only %d distinct waits in 80: the backoff is not jittered", len(distinct))
		}
	})
}

func TestRetry_RetryAfterHonoured(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		opts   []Option
		header func() http.Header
		want   time.Duration
	}{
		{name: "seconds", header: func() http.Header { return http.Header{"Retry-After": {"3"}} }, want: 3 * time.Second},
		{name: "fractional seconds", header: func() http.Header { return http.Header{"Retry-After": {"1.5"}} }, want: 1500 * time.Millisecond},
		{name: "HTTP date", header: func() http.Header {
			return http.Header{"Retry-After": {time.Now().Add(7 * time.Second).UTC().Format(http.TimeFormat)}}
		}, want: 7 * time.Second},
		{name: "RFC 850 date", header: func() http.Header {
			return http.Header{"Retry-After": {time.Now().Add(9 * time.Second).UTC().Format(time.RFC850)}}
		}, want: 9 * time.Second},
		{name: "retry-after-ms", header: func() http.Header { return http.Header{"Retry-After-Ms": {"250"}} }, want: 250 * time.Millisecond},
		{name: "retry-after-ms wins over Retry-After", header: func() http.Header {
			return http.Header{"Retry-After-Ms": {"40"}, "Retry-After": {"9"}}
		}, want: 40 * time.Millisecond},
		{name: "exactly the maximum", opts: []Option{WithMaxRetryAfter(5 * time.Second)},
			header: func() http.Header { return http.Header{"Retry-After": {"5"}} }, want: 5 * time.Second},
		{name: "longer than the backoff cap", opts: []Option{WithRetryBackoff(time.Millisecond, time.Millisecond)},
			header: func() http.Header { return http.Header{"Retry-After": {"20"}} }, want: 20 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				d := &scriptedDoer{t: t, steps: []respondFunc{
					respondWith(http.StatusTooManyRequests, tt.header),
					respond(http.StatusOK, nil, okGenerateBody),
				}}
				// An hour of backoff: were the header ignored, the wait would show it.
				opts := append([]Option{WithRetryBackoff(time.Hour, time.Hour)}, tt.opts...)
				c := newRetryClient(t, d, opts...)
				start := time.Now()
				k, err := c.Keys.Generate(t.Context(), &KeyGenerateRequest{KeyAlias: "a"})
				if err != nil || k.Key == "" {
					t.Fatalf("Generate = %v, %v; want the key of the second attempt", k, err)
				}
				if got := time.Since(start); got != tt.want {
					t.Errorf("waited %v, want %v", got, tt.want)
				}
				if n := d.attempts(); n != 2 {
					t.Errorf("attempts = %d, want 2", n)
				}
			})
		})
	}
}

func TestRetry_NoRetryAfterHintBacksOff(t *testing.T) {
	t.Parallel()
	// Retry-After: 0, a date in the past and a header that is not a delay
	// give no wait: the client backs off as without the header (base 1 s:
	// the first wait is within [0.5 s, 1 s]) rather than retry at once.
	for _, v := range []string{"0", "Mon, 01 Jan 1990 00:00:00 GMT", "soon"} {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				d := &scriptedDoer{t: t, steps: []respondFunc{
					respond(http.StatusServiceUnavailable, http.Header{"Retry-After": {v}}, ""),
					respond(http.StatusOK, nil, okGenerateBody),
				}}
				c := newRetryClient(t, d, WithRetryBackoff(time.Second, time.Second))
				if _, err := c.Keys.Generate(t.Context(), nil); err != nil {
					t.Fatal(err)
				}
				if g := d.gaps(); len(g) != 1 || !within(g[0], 500*time.Millisecond, time.Second) {
					t.Errorf("waits = %v, want one within [0.5s, 1s]", g)
				}
			})
		})
	}
}

func TestRetry_RetryAfterBeyondMaxFailsAtOnce(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		opts   []Option
		header func() http.Header
	}{
		{name: "seconds beyond the default 60 s", status: http.StatusTooManyRequests,
			header: func() http.Header { return http.Header{"Retry-After": {"61"}} }},
		{name: "seconds beyond WithMaxRetryAfter", status: http.StatusServiceUnavailable, opts: []Option{WithMaxRetryAfter(5 * time.Second)},
			header: func() http.Header { return http.Header{"Retry-After": {"6"}} }},
		{name: "retry-after-ms beyond WithMaxRetryAfter", status: http.StatusTooManyRequests, opts: []Option{WithMaxRetryAfter(5 * time.Second)},
			header: func() http.Header { return http.Header{"Retry-After-Ms": {"5001"}} }},
		{name: "HTTP date beyond WithMaxRetryAfter", status: http.StatusTooManyRequests, opts: []Option{WithMaxRetryAfter(5 * time.Second)},
			header: func() http.Header {
				return http.Header{"Retry-After": {time.Now().Add(10 * time.Second).UTC().Format(http.TimeFormat)}}
			}},
		{name: "any wait with WithMaxRetryAfter(0)", status: http.StatusTooManyRequests, opts: []Option{WithMaxRetryAfter(0)},
			header: func() http.Header { return http.Header{"Retry-After": {"1"}} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				d := &scriptedDoer{t: t, steps: []respondFunc{
					respondWith(tt.status, tt.header),
					respond(http.StatusOK, nil, okGenerateBody),
				}}
				c := newRetryClient(t, d, tt.opts...)
				start := time.Now()
				_, err := c.Keys.Generate(t.Context(), nil)
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status || apiErr.Attempts != 1 {
					t.Fatalf("err = %#v, want the %d *APIError with Attempts 1", err, tt.status)
				}
				if apiErr.Header.Get("Retry-After")+apiErr.Header.Get("Retry-After-Ms") == "" {
					t.Errorf("the error lost the response headers")
				}
				if got := time.Since(start); got != 0 {
					t.Errorf("waited %v before failing, want no wait", got)
				}
				if n := d.attempts(); n != 1 {
					t.Errorf("attempts = %d, want 1", n)
				}
			})
		})
	}
}

func TestRetry_ContextEndsDuringWait(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		first respondFunc
		opts  []Option
		// ctx returns the call's context; it ends 2 s into the wait.
		ctx     func(context.Context) (context.Context, context.CancelFunc)
		wantErr error
	}{
		{name: "cancel during backoff", first: respond(http.StatusServiceUnavailable, nil, ""),
			opts: []Option{WithRetryBackoff(time.Minute, time.Minute)}, wantErr: context.Canceled},
		{name: "cancel during Retry-After", first: respond(http.StatusTooManyRequests, http.Header{"Retry-After": {"30"}}, ""),
			wantErr: context.Canceled},
		{name: "cancel during backoff after a refused connection", first: refused(),
			opts: []Option{WithRetryBackoff(time.Minute, time.Minute)}, wantErr: context.Canceled},
		{name: "deadline during Retry-After", first: respond(http.StatusTooManyRequests, http.Header{"Retry-After": {"30"}}, ""),
			ctx: func(ctx context.Context) (context.Context, context.CancelFunc) {
				return context.WithTimeout(ctx, 2*time.Second)
			}, wantErr: context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				d := &scriptedDoer{t: t, steps: []respondFunc{tt.first, respond(http.StatusOK, nil, okGenerateBody)}}
				c := newRetryClient(t, d, tt.opts...)
				var ctx context.Context
				var cancel context.CancelFunc
				if tt.ctx != nil {
					ctx, cancel = tt.ctx(t.Context())
				} else {
					ctx, cancel = context.WithCancel(t.Context())
					time.AfterFunc(2*time.Second, cancel)
				}
				defer cancel()
				start := time.Now()
				_, err := c.Keys.Generate(ctx, nil)
				if err != ctx.Err() || !errors.Is(err, tt.wantErr) {
					t.Errorf("err = %v, want ctx.Err() = %v", err, tt.wantErr)
				}
				if got := time.Since(start); got != 2*time.Second {
					t.Errorf("returned after %v, want 2s (as soon as the context ended)", got)
				}
				if n := d.attempts(); n != 1 {
					t.Errorf("attempts = %d, want 1", n)
				}
			})
		})
	}
}

// refused answers with the error of a connection that could not be made:
// the request never left, so even a POST may be retried.
func refused() respondFunc {
	return func(*http.Request) (*http.Response, error) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	}
}

func TestRetry_TransportErrors(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		// A refused connection: the POST never left, so it is retried.
		d := &scriptedDoer{t: t, steps: []respondFunc{refused(), respond(http.StatusOK, nil, okGenerateBody)}}
		c := newRetryClient(t, d, WithRetryBackoff(time.Second, time.Second))
		if _, err := c.Keys.Generate(t.Context(), &KeyGenerateRequest{KeyAlias: "a"}); err != nil {
			t.Fatalf("a refused connection then a response: %v", err)
		}
		if g := d.gaps(); len(g) != 1 || !within(g[0], 500*time.Millisecond, time.Second) {
			t.Errorf("waits = %v, want one backoff within [0.5s, 1s]", g)
		}
		if d.bodies[1] != `{"key_alias":"a"}` {
			t.Errorf("retried body = %q, want it replayed", d.bodies[1])
		}

		// A dropped connection of a GET: retried until the retries run out.
		d = &scriptedDoer{t: t, steps: []respondFunc{fail(), fail(), fail()}}
		c = newRetryClient(t, d, WithRetryBackoff(time.Second, time.Second))
		_, err := c.Keys.Info(t.Context(), "k")
		var terr *TransportError
		if !errors.As(err, &terr) || terr.Attempts != 3 || !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("err = %v, want a *TransportError after 3 attempts wrapping the cause", err)
		}
		if terr.Method != http.MethodGet || terr.Path != "/key/info" || terr.IsTimeout() {
			t.Errorf("TransportError = %+v", terr)
		}

		// A dropped connection of a POST: it may have been processed, so
		// it is not resent.
		d = &scriptedDoer{t: t, steps: []respondFunc{fail(), respond(http.StatusOK, nil, okGenerateBody)}}
		c = newRetryClient(t, d, WithRetryBackoff(time.Second, time.Second))
		_, err = c.Keys.Generate(t.Context(), nil)
		if !errors.As(err, &terr) || terr.Attempts != 1 || d.attempts() != 1 {
			t.Fatalf("err = %v after %d attempts, want a *TransportError after 1", err, d.attempts())
		}
	})
}

func TestRetry_BodyThatCannotBeReplayedIsNotRetried(t *testing.T) {
	t.Parallel()
	// Every facade method builds its body from bytes, so this needs the core
	// directly: a request body without GetBody, as a caller's io.Reader would be.
	synctest.Test(t, func(t *testing.T) {
		d := &scriptedDoer{t: t, steps: []respondFunc{
			respond(http.StatusServiceUnavailable, nil, ""),
			respond(http.StatusOK, nil, `{}`),
		}}
		c := newRetryClient(t, d, WithRetryBackoff(time.Minute, time.Minute))
		st, err := c.settingsFor(nil)
		if err != nil {
			t.Fatal(err)
		}
		r := newRequest(http.MethodPost, "/upload").
			with(http.NewRequest(http.MethodPost, c.server+"upload", io.NopCloser(strings.NewReader(`{"a":1}`))))
		start := time.Now()
		resp, cancel, err := c.send(t.Context(), r, &st)
		if resp != nil {
			resp.Body.Close()
			cancel()
		}
		if n := d.attempts(); n != 1 {
			t.Fatalf("attempts = %d, want 1: a body that cannot be replayed must not be sent twice", n)
		}
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable || apiErr.Attempts != 1 {
			t.Errorf("err = %v (%T), want the 503 *APIError of the only attempt", err, err)
		}
		if got := time.Since(start); got != 0 {
			t.Errorf("waited %v for a retry that cannot happen", got)
		}
	})
}

func TestRetry_StreamOnlyBeforeFirstByte(t *testing.T) {
	t.Parallel()
	events := []string{sseChunk("a"), sseChunk("b"), sseChunk("c"), "data: [DONE]\n\n"}
	tests := []struct {
		name         string
		steps        []respondFunc
		wantAttempts int
		wantChunks   []string
		wantErr      error // from Stream, or from Err
	}{
		{name: "503 then a stream", steps: []respondFunc{respond(http.StatusServiceUnavailable, nil, ""), streamBody(nil, events...)},
			wantAttempts: 2, wantChunks: []string{"a", "b", "c"}},
		{name: "refused connection then a stream", steps: []respondFunc{refused(), streamBody(nil, events...)},
			wantAttempts: 2, wantChunks: []string{"a", "b", "c"}},
		{name: "dropped connection is not retried", steps: []respondFunc{fail(), streamBody(nil, events...)},
			wantAttempts: 1, wantErr: io.ErrUnexpectedEOF},
		{name: "cut after 2 chunks", steps: []respondFunc{streamBody(io.ErrUnexpectedEOF, events[:2]...), streamBody(nil, events...)},
			wantAttempts: 1, wantChunks: []string{"a", "b"}, wantErr: io.ErrUnexpectedEOF},
		{name: "clean EOF after 2 chunks", steps: []respondFunc{streamBody(nil, events[:2]...), streamBody(nil, events...)},
			wantAttempts: 1, wantChunks: []string{"a", "b"}, wantErr: ErrStreamTruncated},
		{name: "503 three times", steps: []respondFunc{
			respond(http.StatusServiceUnavailable, nil, ""), respond(http.StatusServiceUnavailable, nil, ""), respond(http.StatusServiceUnavailable, nil, ""),
		}, wantAttempts: 3, wantErr: ErrServer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				d := &scriptedDoer{t: t, steps: tt.steps}
				c := newRetryClient(t, d, WithRetryBackoff(time.Second, time.Second))
				s, err := c.Chat.Completions.Stream(t.Context(), chatReq())
				var got []string
				if err == nil {
					got = collect(s)
					err = s.Err()
				}
				if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Errorf("err = %v, want %v", err, tt.wantErr)
				}
				if strings.Join(got, ",") != strings.Join(tt.wantChunks, ",") {
					t.Errorf("chunks = %q, want %q", got, tt.wantChunks)
				}
				if n := d.attempts(); n != tt.wantAttempts {
					t.Errorf("attempts = %d, want %d", n, tt.wantAttempts)
				}
				for i, b := range d.bodies {
					if !strings.Contains(b, `"stream":true`) {
						t.Errorf("attempt %d body = %s, want the stream request replayed", i+1, b)
					}
				}
			})
		})
	}
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header http.Header
		want   time.Duration
		wantOK bool
	}{
		{name: "no header", header: http.Header{}},
		{name: "seconds", header: http.Header{"Retry-After": {"3"}}, want: 3 * time.Second, wantOK: true},
		{name: "seconds with spaces", header: http.Header{"Retry-After": {"  3 "}}, want: 3 * time.Second, wantOK: true},
		{name: "zero", header: http.Header{"Retry-After": {"0"}}, want: 0, wantOK: true},
		{name: "fractional", header: http.Header{"Retry-After": {"0.25"}}, want: 250 * time.Millisecond, wantOK: true},
		{name: "negative", header: http.Header{"Retry-After": {"-1"}}},
		{name: "largest accepted", header: http.Header{"Retry-After": {"1e9"}}, want: 1e9 * time.Second, wantOK: true},
		{name: "huge", header: http.Header{"Retry-After": {"1e10"}}},
		{name: "overflows float", header: http.Header{"Retry-After": {"1e400"}}},
		{name: "infinity", header: http.Header{"Retry-After": {"Inf"}}},
		{name: "NaN", header: http.Header{"Retry-After": {"NaN"}}},
		{name: "HTTP date in the future", header: http.Header{"Retry-After": {now.Add(90 * time.Second).Format(http.TimeFormat)}}, want: 90 * time.Second, wantOK: true},
		{name: "HTTP date now", header: http.Header{"Retry-After": {now.Format(http.TimeFormat)}}, want: 0, wantOK: true},
		{name: "HTTP date in the past", header: http.Header{"Retry-After": {now.Add(-time.Hour).Format(http.TimeFormat)}}, want: 0, wantOK: true},
		{name: "RFC 850 date", header: http.Header{"Retry-After": {now.Add(time.Minute).Format(time.RFC850)}}, want: time.Minute, wantOK: true},
		{name: "ANSI C date", header: http.Header{"Retry-After": {now.Add(time.Minute).Format(time.ANSIC)}}, want: time.Minute, wantOK: true},
		{name: "garbage", header: http.Header{"Retry-After": {"soon"}}},
		{name: "empty", header: http.Header{"Retry-After": {""}}},
		{name: "ms", header: http.Header{"Retry-After-Ms": {"250"}}, want: 250 * time.Millisecond, wantOK: true},
		{name: "fractional ms", header: http.Header{"Retry-After-Ms": {"1.5"}}, want: 1500 * time.Microsecond, wantOK: true},
		{name: "ms wins over seconds", header: http.Header{"Retry-After-Ms": {"100"}, "Retry-After": {"5"}}, want: 100 * time.Millisecond, wantOK: true},
		{name: "ms zero wins over seconds", header: http.Header{"Retry-After-Ms": {"0"}, "Retry-After": {"5"}}, want: 0, wantOK: true},
		{name: "negative ms falls back to seconds", header: http.Header{"Retry-After-Ms": {"-5"}, "Retry-After": {"2"}}, want: 2 * time.Second, wantOK: true},
		{name: "garbage ms falls back to seconds", header: http.Header{"Retry-After-Ms": {"soon"}, "Retry-After": {"2"}}, want: 2 * time.Second, wantOK: true},
		{name: "huge ms falls back to seconds", header: http.Header{"Retry-After-Ms": {"1e13"}, "Retry-After": {"2"}}, want: 2 * time.Second, wantOK: true},
		{name: "NaN ms", header: http.Header{"Retry-After-Ms": {"NaN"}}},
		{name: "garbage ms alone", header: http.Header{"Retry-After-Ms": {"x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := retryAfter(tt.header, now)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("retryAfter(%v) = %v, %v; want %v, %v", tt.header, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// reset answers with the error of a connection reset after the request was
// written: it may have been processed.
func reset() respondFunc {
	return func(*http.Request) (*http.Response, error) {
		return nil, &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	}
}

// hang answers only when the attempt's context ends, as a server still
// working when the per-attempt timeout fires.
func hang() respondFunc {
	return func(r *http.Request) (*http.Response, error) {
		<-r.Context().Done()
		return nil, r.Context().Err()
	}
}

// TestRetry_Policy checks, on the fake clock, which failures are retried
// for a write sent as POST, the same POST with WithIdempotent, and a GET
// (facade/retry_policy_test.go does the same against real servers).
func TestRetry_Policy(t *testing.T) {
	t.Parallel()
	failures := []struct {
		name      string
		step      respondFunc
		anyMethod bool
	}{
		{"500", respond(500, nil, ""), false},
		{"502", respond(502, nil, ""), false},
		{"504", respond(504, nil, ""), false},
		{"408", respond(408, nil, ""), false},
		{"409", respond(409, nil, ""), false},
		{"reset after write", reset(), false},
		{"EOF without a response", fail(), false},
		{"per-attempt timeout", hang(), false},
		{"429 with Retry-After", respond(429, http.Header{"Retry-After": {"1"}}, ""), true},
		{"429 without Retry-After", respond(429, nil, ""), true},
		{"503 with Retry-After", respond(503, http.Header{"Retry-After": {"1"}}, ""), true},
		{"503 without Retry-After", respond(503, nil, ""), true},
		{"connection refused", refused(), true},
		{"400", respond(400, nil, ""), false}, // never retried (below)
	}
	calls := []struct {
		name       string
		idempotent bool
		call       func(ctx context.Context, c *Client) error
	}{
		{"POST /key/generate", false, func(ctx context.Context, c *Client) error {
			_, err := c.Keys.Generate(ctx, &KeyGenerateRequest{KeyAlias: "a"})
			return err
		}},
		{"POST /key/generate WithIdempotent", true, func(ctx context.Context, c *Client) error {
			_, err := c.Keys.Generate(ctx, &KeyGenerateRequest{KeyAlias: "a"}, WithIdempotent())
			return err
		}},
		{"GET /key/info", true, func(ctx context.Context, c *Client) error {
			_, err := c.Keys.Info(ctx, "k")
			return err
		}},
	}
	for _, f := range failures {
		for _, cl := range calls {
			t.Run(f.name+"/"+cl.name, func(t *testing.T) {
				t.Parallel()
				synctest.Test(t, func(t *testing.T) {
					want := 1
					if f.anyMethod || (cl.idempotent && f.name != "400") {
						want = 3
					}
					d := &scriptedDoer{t: t, steps: []respondFunc{f.step, f.step, f.step}}
					c := newRetryClient(t, d, WithRetryBackoff(time.Second, time.Second), WithTimeout(5*time.Second))
					err := cl.call(t.Context(), c)
					if err == nil {
						t.Fatal("no error")
					}
					if n := d.attempts(); n != want {
						t.Errorf("attempts = %d, want %d (err: %v)", n, want, err)
					}
				})
			})
		}
	}
}
