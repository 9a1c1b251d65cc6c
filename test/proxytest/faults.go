package proxytest

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// A FaultKind says what a [Fault] does.
type FaultKind int

const (
	// FaultLatency delays the response by Fault.Latency.
	FaultLatency FaultKind = iota + 1
	// FaultError answers Fault.Status (default 503) with Fault.Body, or with a
	// ProxyError carrying Fault.Message, and a Retry-After header of
	// Fault.RetryAfter (in whole seconds) when it is positive.
	FaultError
	// FaultDrop closes the connection without a response.
	FaultDrop
	// FaultStreamCut closes the connection of a streamed chat completion after
	// Fault.AfterChunks chunks, without [DONE].
	FaultStreamCut
	// FaultKeepalive sends the SSE comment ": ping" between the chunks of a
	// streamed chat completion, waiting Fault.Latency before each.
	FaultKeepalive
	// FaultStreamError ends a streamed chat completion after Fault.AfterChunks
	// chunks with the event data: {"error": {...}} (code Fault.Status, default
	// 500, and Fault.Message) and no [DONE], as the proxy does when streaming
	// fails. With AfterChunks 0 the response status is Fault.Status, as the
	// proxy sets it when the first chunk is an error.
	FaultStreamError
)

// A Fault makes the server misbehave, for tests of retries, timeouts and
// stream handling. Build one with [Latency], [ErrorStatus], [DropConnection],
// [CutStream], [Keepalive] or [StreamError], narrow it with [Fault.On],
// [Fault.Times] and [Fault.WithProbability], and install it with [WithFault]
// or [Server.SetFaults].
//
// Request faults (latency, error, drop) apply before authentication; stream
// faults apply only to chat completions with "stream": true. Every fault that
// fires applies: latencies add up, and the first error or drop ends the request.
type Fault struct {
	// Route selects the requests: an operationId ("chatCompletion"), a path
	// template ("/key/{key}/regenerate"), a path or a [path.Match] pattern
	// ("/key/*"); "" selects every request.
	Route string
	// Kind is what the fault does.
	Kind FaultKind
	// Probability is the chance, in (0, 1], that a matching request is
	// affected; 0 means 1. Draws come from the server's seeded source
	// ([WithSeed]), so a run can be reproduced.
	Probability float64
	// Count, if positive, limits the fault to the next Count requests it
	// affects; 0 means no limit.
	Count int
	// Latency is the delay of FaultLatency, and the wait before each keepalive
	// of FaultKeepalive.
	Latency time.Duration
	// Status is the status code of FaultError and FaultStreamError.
	Status int
	// Message is the error message of FaultError (unless Body is set) and of
	// FaultStreamError.
	Message string
	// Body, if set, is the raw JSON body of FaultError.
	Body string
	// RetryAfter, if positive, is sent as Retry-After (rounded up to seconds)
	// with FaultError.
	RetryAfter time.Duration
	// Header, if set, is added to the response of FaultError, after
	// RetryAfter: for headers such as "Retry-After: 0", an HTTP-date
	// Retry-After or retry-after-ms.
	Header http.Header
	// AfterChunks is the number of chunks sent before FaultStreamCut or
	// FaultStreamError strikes (counting the usage chunk).
	AfterChunks int
}

// Latency returns a fault that delays every response by d.
func Latency(d time.Duration) Fault { return Fault{Kind: FaultLatency, Latency: d} }

// ErrorStatus returns a fault that answers status with a ProxyError body and,
// if retryAfter is positive, a Retry-After header.
func ErrorStatus(status int, retryAfter time.Duration) Fault {
	return Fault{Kind: FaultError, Status: status, RetryAfter: retryAfter}
}

// DropConnection returns a fault that closes the connection without a response.
func DropConnection() Fault { return Fault{Kind: FaultDrop} }

// CutStream returns a fault that closes a chat stream after n chunks.
func CutStream(n int) Fault { return Fault{Kind: FaultStreamCut, AfterChunks: n} }

// Keepalive returns a fault that sends ": ping" between stream chunks, each
// after waiting interval.
func Keepalive(interval time.Duration) Fault { return Fault{Kind: FaultKeepalive, Latency: interval} }

// StreamError returns a fault that ends a chat stream after n chunks with an
// error event (code 500).
func StreamError(n int) Fault { return Fault{Kind: FaultStreamError, AfterChunks: n} }

// On returns f restricted to route (see Fault.Route).
func (f Fault) On(route string) Fault {
	f.Route = route
	return f
}

// Times returns f limited to the next n requests it affects.
func (f Fault) Times(n int) Fault {
	f.Count = n
	return f
}

// WithProbability returns f applied to a matching request with probability p.
func (f Fault) WithProbability(p float64) Fault {
	f.Probability = p
	return f
}

// mustValidate panics on a fault no test could mean.
func (f Fault) mustValidate() {
	switch {
	case f.Kind < FaultLatency || f.Kind > FaultStreamError:
		panic(fmt.Sprintf("proxytest: Fault with unknown Kind %d", f.Kind))
	case f.Probability < 0 || f.Probability > 1 || math.IsNaN(f.Probability):
		panic(fmt.Sprintf("proxytest: Fault Probability %v outside [0, 1]", f.Probability))
	case f.Count < 0 || f.AfterChunks < 0 || f.Latency < 0 || f.RetryAfter < 0:
		panic("proxytest: Fault with a negative Count, AfterChunks, Latency or RetryAfter")
	case f.Status != 0 && (f.Status < 100 || f.Status > 599):
		panic(fmt.Sprintf("proxytest: Fault Status %d is not an HTTP status", f.Status))
	}
}

func (f *Fault) status(def int) int {
	if f.Status != 0 {
		return f.Status
	}
	return def
}

// errorBody is the ProxyError of an error fault.
func (f *Fault) errorBody(defStatus int, defMsg string) map[string]any {
	msg := f.Message
	if msg == "" {
		msg = defMsg
	}
	return map[string]any{"error": map[string]any{
		"message": msg, "type": "None", "param": "None", "code": strconv.Itoa(f.status(defStatus)),
	}}
}

func isStreamFault(k FaultKind) bool {
	return k == FaultStreamCut || k == FaultKeepalive || k == FaultStreamError
}

// faultState is an installed fault and what is left of its Count.
type faultState struct {
	f         Fault
	remaining int // -1: no limit
}

func (h *handler) setFaults(faults []Fault) {
	h.faultMu.Lock()
	defer h.faultMu.Unlock()
	h.faults = h.faults[:0:0]
	for _, f := range faults {
		rem := -1
		if f.Count > 0 {
			rem = f.Count
		}
		h.faults = append(h.faults, &faultState{f: f, remaining: rem})
	}
}

// fire returns the faults of the selected kinds that strike this request,
// spending their counts.
func (h *handler) fire(kinds func(FaultKind) bool, opID, tmpl, urlPath string) []Fault {
	h.faultMu.Lock()
	defer h.faultMu.Unlock()
	var out []Fault
	for _, fs := range h.faults {
		if !kinds(fs.f.Kind) || fs.remaining == 0 || !routeMatches(fs.f.Route, opID, tmpl, urlPath) {
			continue
		}
		if p := fs.f.Probability; p > 0 && p < 1 && h.faultRand.Float64() >= p {
			continue
		}
		if fs.remaining > 0 {
			fs.remaining--
		}
		out = append(out, fs.f)
	}
	return out
}

// routeMatches applies a Fault.Route (or RequestCount) selector.
func routeMatches(pattern, opID, tmpl, urlPath string) bool {
	switch {
	case pattern == "":
		return true
	case strings.EqualFold(pattern, opID) && opID != "", pattern == tmpl, pattern == urlPath:
		return true
	}
	ok, _ := path.Match(pattern, urlPath)
	return ok
}

// requestFaults applies the request faults that fire; it reports whether the
// request was answered (or dropped) by one.
func (h *handler) requestFaults(w http.ResponseWriter, r *http.Request, opID, tmpl string) bool {
	fired := h.fire(func(k FaultKind) bool { return !isStreamFault(k) }, opID, tmpl, r.URL.Path)
	for _, f := range fired {
		switch f.Kind {
		case FaultLatency:
			if !h.sleep(r.Context(), f.Latency) {
				abortIfClosing(r)
				return true // the client went away
			}
		case FaultError:
			if f.RetryAfter > 0 {
				w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(f.RetryAfter.Seconds()))))
			}
			for k, vs := range f.Header {
				w.Header()[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
			}
			status := f.status(http.StatusServiceUnavailable)
			if f.Body != "" {
				writeRaw(w, status, "application/json", []byte(f.Body))
			} else {
				writeJSON(w, status, f.errorBody(status, fmt.Sprintf("proxytest: injected fault: %d %s", status, http.StatusText(status))))
			}
			return true
		case FaultDrop:
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				_ = conn.Close()
				return true
			}
			panic(http.ErrAbortHandler)
		}
	}
	return false
}

// abortIfClosing drops the connection of a request cut short by Server.Close.
func abortIfClosing(r *http.Request) {
	if r.Context().Err() == nil {
		panic(http.ErrAbortHandler)
	}
}

// sleep waits d; it reports false if the request ended or the server closed first.
func (h *handler) sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
	case <-h.done:
	}
	return false
}
