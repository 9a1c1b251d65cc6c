package facade

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Default timeouts, as upstream: admin calls give up after 30 s per attempt,
// a non-streaming chat completion after 10 minutes (a completion can take
// minutes). Streams have no total deadline: their response headers must
// come within [DefaultStreamHeaderTimeout], then each data event within
// [DefaultStreamIdleTimeout] of the previous one.
const (
	DefaultTimeout     = 30 * time.Second
	DefaultChatTimeout = 10 * time.Minute
	// DefaultStreamHeaderTimeout bounds the wait for a stream's response
	// headers (see [WithStreamHeaderTimeout]). The proxy sends them with
	// the first chunk from the provider, so it covers the time to the
	// first token.
	DefaultStreamHeaderTimeout = 60 * time.Second
	DefaultStreamIdleTimeout   = 5 * time.Minute
	DefaultMaxRetries          = 2
	DefaultMaxRetryAfter       = 60 * time.Second
	// DefaultMaxResponseSize bounds a successful response body: 32 MiB,
	// far above any admin response (a /key/list page of 100 keys is about
	// 200 KiB). A larger one is an error matching [ErrResponseTooLarge],
	// never an out-of-memory.
	DefaultMaxResponseSize = 32 << 20
)

// HTTPDoer sends HTTP requests. *http.Client implements it, and so can any
// test double or instrumented client.
type HTTPDoer interface {
	Do(*http.Request) (*http.Response, error)
}

// MiddlewareNext calls the rest of the middleware chain and then the HTTP client.
type MiddlewareNext func(*http.Request) (*http.Response, error)

// Middleware wraps every attempt of every request: it may change the request,
// observe the response, or answer without calling next.
type Middleware func(req *http.Request, next MiddlewareNext) (*http.Response, error)

// Option configures a [Client] (when passed to [New]) or one call (when passed
// to a service method); an option passed to a call wins over the same option
// passed to New. Options print as an opaque value: an API key never shows in
// %v of an option.
type Option func(*settings)

// settings is the merged configuration of one call.
type settings struct {
	apiKey              secret
	authorization       secret        // "Bearer " + apiKey, built once
	timeout             time.Duration // 0: the default of the call's kind
	streamIdleTimeout   time.Duration
	streamHeaderTimeout time.Duration // 0: DefaultStreamHeaderTimeout
	idempotent          bool          // WithIdempotent: retry as a GET
	httpClient          HTTPDoer
	header              http.Header
	query               url.Values
	userAgent           string
	middleware          []Middleware
	rawJSON             func(RawJSON) // WithRawJSON
	logger              *slog.Logger
	responseInto        **http.Response
	returnRequest       **http.Request
	maxRetries          int
	maxRetryAfter       time.Duration
	retryBaseDelay      time.Duration
	retryMaxDelay       time.Duration
	maxResponseSize     int64
	errs                []error
}

func (s *settings) fail(format string, args ...any) {
	s.errs = append(s.errs, fmt.Errorf(format, args...))
}

// clone copies s so that a call's options never change the client's.
func (s settings) clone() settings {
	s.header = s.header.Clone()
	if s.query != nil {
		q := make(url.Values, len(s.query))
		for k, v := range s.query {
			q[k] = append([]string(nil), v...)
		}
		s.query = q
	}
	s.middleware = append([]Middleware(nil), s.middleware...)
	s.errs = nil
	return s
}

func (s *settings) apply(opts []Option) error {
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	return errors.Join(s.errs...)
}

// WithAPIKey sets the key sent as "Authorization: Bearer <key>". An empty key
// sends no Authorization header.
func WithAPIKey(key string) Option {
	return func(s *settings) {
		s.apiKey = secret(key)
		s.authorization = ""
		if key != "" {
			s.authorization = secret("Bearer " + key)
		}
	}
}

// WithTimeout bounds each attempt of a call (a retry gets a fresh timeout).
// The defaults are [DefaultTimeout] for admin calls and [DefaultChatTimeout]
// for non-streaming chat completions; a stream is bounded by
// [WithStreamIdleTimeout] instead. A deadline on the caller's context always
// applies too.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) {
		if d <= 0 {
			s.fail("facade: WithTimeout(%v): timeout must be positive", d)
			return
		}
		s.timeout = d
	}
}

// WithStreamIdleTimeout ends a stream with an error matching [ErrStreamIdle]
// when no data event arrives for d while Next waits for one (default
// [DefaultStreamIdleTimeout]). Only events with data count: a server that
// sends nothing but comments (": keepalive") times out too. The time the
// caller spends between calls to Next does not count.
func WithStreamIdleTimeout(d time.Duration) Option {
	return func(s *settings) {
		if d <= 0 {
			s.fail("facade: WithStreamIdleTimeout(%v): timeout must be positive", d)
			return
		}
		s.streamIdleTimeout = d
	}
}

// WithStreamHeaderTimeout bounds the wait for the response headers of a
// stream (default [DefaultStreamHeaderTimeout]); past it the attempt fails
// with a *[TransportError] whose IsTimeout is true. Once the headers have
// come, [WithStreamIdleTimeout] applies. [WithTimeout] does not apply to
// streams.
func WithStreamHeaderTimeout(d time.Duration) Option {
	return func(s *settings) {
		if d <= 0 {
			s.fail("facade: WithStreamHeaderTimeout(%v): timeout must be positive", d)
			return
		}
		s.streamHeaderTimeout = d
	}
}

// WithHTTPClient sends requests through c instead of the client's own
// *http.Client (which sets a response-header timeout and applies the
// redirect policy). When c is an *http.Client, the client uses a shallow
// copy of it (same transport, cookie jar and timeout) whose CheckRedirect
// applies the same redirect policy first and then c's own CheckRedirect:
// no Referer, no https-to-http redirect, and on a redirect to another
// origin no header but Accept, Accept-Language and User-Agent, and no
// request body (see [ErrRedirectRefused]). Any other HTTPDoer follows
// redirects its own way: it must not forward credentials itself.
func WithHTTPClient(c HTTPDoer) Option {
	return func(s *settings) {
		if c == nil {
			s.fail("facade: WithHTTPClient(nil)")
			return
		}
		s.httpClient = withRedirectPolicy(c)
	}
}

// WithHeader sets a header on every request (it replaces earlier values of
// the same header). Setting Authorization here overrides [WithAPIKey].
func WithHeader(key, value string) Option {
	return func(s *settings) {
		if key == "" || strings.ContainsAny(key, " \t\r\n:") || strings.ContainsAny(value, "\r\n") {
			s.fail("facade: WithHeader(%q): invalid header name or value", key)
			return
		}
		if s.header == nil {
			s.header = http.Header{}
		}
		s.header.Set(key, value)
	}
}

// WithQuery adds a query parameter to every request.
func WithQuery(key, value string) Option {
	return func(s *settings) {
		if key == "" {
			s.fail("facade: WithQuery: empty parameter name")
			return
		}
		if s.query == nil {
			s.query = url.Values{}
		}
		s.query.Add(key, value)
	}
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(s *settings) { s.userAgent = ua }
}

// WithMiddleware adds middleware around every attempt; the first added runs outermost.
func WithMiddleware(m ...Middleware) Option {
	return func(s *settings) {
		for _, mw := range m {
			if mw == nil {
				s.fail("facade: WithMiddleware(nil)")
				return
			}
		}
		s.middleware = append(s.middleware, m...)
	}
}

// WithLogger logs every attempt at debug level: method, path, status,
// duration and attempt number. Query strings, keys and tokens are never logged.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) { s.logger = l }
}

// WithResponseInto stores the raw *http.Response of a call in *dst, for its
// headers (x-litellm-call-id, x-litellm-response-cost, ...). For a non-stream
// call the body has already been read; it is replaced by a reader over the
// same bytes.
func WithResponseInto(dst **http.Response) Option {
	return func(s *settings) {
		if dst == nil {
			s.fail("facade: WithResponseInto(nil)")
			return
		}
		s.responseInto = dst
	}
}

// ReturnRequest builds the complete request of a call (URL, query, headers,
// authentication and body), stores it in *dst and sends nothing, like
// return_request=True in the Python client. The call then returns a nil
// result and a nil error.
func ReturnRequest(dst **http.Request) Option {
	return func(s *settings) {
		if dst == nil {
			s.fail("facade: ReturnRequest(nil)")
			return
		}
		s.returnRequest = dst
	}
}

// WithMaxRetries sets how many times a failed attempt is retried (default
// [DefaultMaxRetries]; 0 disables retries), with capped exponential backoff
// and jitter ([WithRetryBackoff]), honouring Retry-After and retry-after-ms
// ([WithMaxRetryAfter]). Only what cannot perform a write twice is retried:
//
//   - every call, POST included: a connection that could not be made
//     (refused, dial or DNS failure: the request never left), 429 and 503;
//   - idempotent calls also: 408, 409, 500, 502, 504, and a transport
//     error after the request was written (a connection reset, an EOF
//     without a response, a per-attempt timeout).
//
// Idempotent calls are those with method GET, HEAD, OPTIONS, TRACE, PUT or
// DELETE (RFC 9110; the proxy's deletes of keys, users, teams and models
// are POSTs and are not), those made with [WithIdempotent], and
// Health.TestConnection (a POST that writes nothing). A POST such as
// Keys.Generate, Users.New, Keys.Delete, Chat.Completions.Create or
// HTTP.Post is therefore never resent after a 500 or a reset: the proxy has
// no idempotency keys, and the first attempt may have done its work. A
// stream is retried only before its first byte; a body that cannot be
// replayed and a refused redirect ([ErrRedirectRefused]) never are.
func WithMaxRetries(n int) Option {
	return func(s *settings) {
		if n < 0 {
			s.fail("facade: WithMaxRetries(%d): must not be negative", n)
			return
		}
		s.maxRetries = n
	}
}

// WithIdempotent marks a call as safe to send more than once: it is retried
// on every failure a GET is retried on (see [WithMaxRetries]), whatever its
// method. Pass it to a call that is a read sent as POST, or to a write that
// the caller knows to be harmless to repeat. Passed to [New], it applies to
// every call of the client, writes included.
func WithIdempotent() Option {
	return func(s *settings) { s.idempotent = true }
}

// WithMaxRetryAfter sets the longest Retry-After the client waits for
// (default [DefaultMaxRetryAfter]); a longer one fails the call at once with
// the *APIError.
func WithMaxRetryAfter(d time.Duration) Option {
	return func(s *settings) {
		if d < 0 {
			s.fail("facade: WithMaxRetryAfter(%v): must not be negative", d)
			return
		}
		s.maxRetryAfter = d
	}
}

// WithRetryBackoff sets the first backoff delay and its cap (defaults 500 ms and 8 s).
func WithRetryBackoff(base, limit time.Duration) Option {
	return func(s *settings) {
		if base <= 0 || limit < base {
			s.fail("facade: WithRetryBackoff(%v, %v): need 0 < base <= limit", base, limit)
			return
		}
		s.retryBaseDelay, s.retryMaxDelay = base, limit
	}
}

// WithMaxResponseSize bounds the size of a successful response body
// (default [DefaultMaxResponseSize]): a larger body fails the call with an
// error matching [ErrResponseTooLarge]. Memory follows the bytes that
// arrive, never a Content-Length header; a body whose result is discarded
// (HTTP.Do with a nil out) is read and dropped, not kept. Error bodies are
// bounded separately ([MaxErrorBodySize]); each stream event is bounded by
// 32 MiB.
func WithMaxResponseSize(n int64) Option {
	return func(s *settings) {
		if n <= 0 {
			s.fail("facade: WithMaxResponseSize(%d): must be positive", n)
			return
		}
		s.maxResponseSize = min(n, 1<<50) // so that n+1 cannot overflow
	}
}
