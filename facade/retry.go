package facade

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The retry policy: a failed attempt is sent again only when sending it
// again cannot perform a write twice.
//
//   - Any method, POST included, is retried when the request never left the
//     client (the connection was refused, the dial failed, the name did not
//     resolve), and on 429 Too Many Requests and 503 Service Unavailable,
//     with or without Retry-After: the proxy sends them before it does
//     anything (rate limits, parallel-request limits, no healthy deployment,
//     a load balancer with no backend).
//   - An idempotent call is also retried on 408, 409, 500, 502 and 504 and
//     on any transport error after the request was written (a reset, an EOF
//     without a response, a per-attempt timeout). Idempotent are the
//     methods RFC 9110 §9.2.2 says are (GET, HEAD, OPTIONS, TRACE, PUT,
//     DELETE), the calls made with [WithIdempotent], and the routes in
//     readOnlyPOSTs.
//   - Nothing else is retried: a POST that failed with a 500 after the
//     proxy began working on it may have created a key or a user, and the
//     proxy has no idempotency keys. Its 500s are mostly deterministic
//     anyway (no database, an Enterprise-only route, a missing field).
//   - Never retried: a body that cannot be replayed, a refused redirect
//     ([ErrRedirectRefused]), a certificate that does not verify, and a
//     stream once its body has begun (only before the first byte).

// readOnlyPOSTs are the routes the facade calls with POST that change
// nothing on the proxy: they are retried as a GET would be. Keyed by the
// request's path template.
//
//   - POST /health/test_connection (Health.TestConnection) makes one test
//     call to the provider and reports the result; it writes nothing.
//
// Not here, on purpose: /sso/cli/start (it opens a login session and counts
// against a per-client rate limit), and every /…/delete, /…/new,
// /…/update, /key/generate, /key/regenerate, /chat/completions.
var readOnlyPOSTs = map[string]bool{
	"/health/test_connection": true,
}

// idempotentMethod reports whether RFC 9110 defines method as idempotent.
func idempotentMethod(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// isIdempotent reports whether r may be sent twice (see the policy above).
func isIdempotent(r *request, s *settings) bool {
	return s.idempotent || idempotentMethod(r.method) || (r.method == http.MethodPost && readOnlyPOSTs[r.path])
}

// retryableStatus reports whether a response with status code may be retried.
func retryableStatus(code int, idempotent bool) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return true
	case http.StatusRequestTimeout, http.StatusConflict,
		http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout:
		return idempotent
	}
	return false
}

// retryableTransportError reports whether an attempt that got no response
// may be retried.
func retryableTransportError(err error, idempotent bool) bool {
	var cve *tls.CertificateVerificationError
	var uae x509.UnknownAuthorityError
	var hne x509.HostnameError
	switch {
	case errors.Is(err, ErrRedirectRefused), errors.As(err, &cve), errors.As(err, &uae), errors.As(err, &hne):
		return false
	case notSent(err):
		return true
	}
	return idempotent
}

// notSent reports whether err proves that the request never reached the
// server: the connection could not be made. Anything else (a reset, an EOF,
// a timeout waiting for the answer) may have come after the server read the
// request.
func notSent(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && (opErr.Op == "dial" || opErr.Op == "proxyconnect") {
		return true
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}

// replayable reports whether req's body can be sent again.
func replayable(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

// retryAfter reads retry-after-ms, then Retry-After (seconds or an HTTP date).
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	if v := h.Get("Retry-After-Ms"); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 && ms < 1e12 {
			return time.Duration(ms * float64(time.Millisecond)), true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if !(secs >= 0 && secs <= 1e9) { // also rejects NaN
			return 0, false
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// wait sleeps before attempt+1: the server's Retry-After when given,
// otherwise capped exponential backoff with full jitter.
func (c *Client) wait(ctx context.Context, s *settings, attempt int, after time.Duration) error {
	d := after
	if d == 0 {
		backoff := s.retryBaseDelay << (attempt - 1)
		if backoff > s.retryMaxDelay || backoff <= 0 {
			backoff = s.retryMaxDelay
		}
		d = backoff/2 + rand.N(backoff/2+1)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
