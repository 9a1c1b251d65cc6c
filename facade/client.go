package facade

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Version is the version of this library, sent in the default User-Agent.
const Version = "0.1.0"

// DefaultBaseURL is the proxy address [NewFromEnv] and [ResolveEnv] use
// when no base URL is given and LITELLM_PROXY_URL is unset.
const DefaultBaseURL = "http://localhost:4000"

// Client is a client of one LiteLLM proxy. Its services share the client's
// configuration; it is safe for concurrent use.
type Client struct {
	// Budgets manages shared budgets (spend and rate limits).
	Budgets *BudgetsService
	// Chat creates chat completions.
	Chat *ChatService
	// Credentials manages provider credentials stored on the proxy.
	Credentials *CredentialsService
	// Embeddings creates embeddings.
	Embeddings *EmbeddingsService
	// Completions creates legacy text completions.
	Completions *CompletionsService
	// Moderations classifies text for policy violations.
	Moderations *ModerationsService
	// Images generates images.
	Images *ImagesService
	// Rerank ranks documents by relevance to a query.
	Rerank *RerankService
	// Audio turns text into speech and speech into text.
	Audio *AudioService
	// Responses is OpenAI's Responses API.
	Responses *ResponsesService
	// Customers manages customers (end users).
	Customers *CustomersService
	// Tags manages tags (model routing and spend tracking by tag).
	Tags *TagsService
	// Spend reads spend logs, spend per tag and request costs.
	Spend *SpendService
	// Health reports liveness, readiness and the server version.
	Health *HealthService
	// Keys manages virtual keys.
	Keys *KeysService
	// ModelGroups lists model groups and manages them as sets of deployments.
	ModelGroups *ModelGroupsService
	// Models lists and manages model deployments.
	Models *ModelsService
	// Organizations manages organizations and their members.
	Organizations *OrganizationsService
	// Teams manages teams and their members.
	Teams *TeamsService
	// Users manages users.
	Users *UsersService
	// SSO drives the browser login of command-line tools.
	SSO *SSOService
	// VectorStores manages the vector stores the proxy knows (its management routes, not the OpenAI vector store API).
	VectorStores *VectorStoresService
	// Guardrails manages guardrails stored in the proxy's database and those of its config file.
	Guardrails *GuardrailsService
	// MCPServers manages the MCP servers the proxy fronts (its management routes).
	MCPServers *MCPServersService
	// AccessGroups manages model access groups (named sets of models that keys and teams are granted).
	AccessGroups *AccessGroupsService
	// Prompts manages the prompts stored in the proxy (prompt management).
	Prompts *PromptsService
	// HTTP sends arbitrary requests to the proxy.
	HTTP *HTTPService

	baseURL  string // no trailing slash
	server   string // baseURL + "/", as gen's request builders want it
	settings settings
	common   service
}

// service is the one value every service points to, as in go-github.
type service struct{ client *Client }

// New returns a client of the proxy at baseURL (for example
// "http://localhost:4000" or "https://gw.example.com/litellm": trailing
// slashes are stripped, a path prefix is kept). It reads no environment
// variables; see [NewFromEnv]. An invalid URL or option is an error.
func New(baseURL string, opts ...Option) (*Client, error) {
	base, err := normalizeBaseURL(baseURL)
	if err != nil {
		return nil, err
	}
	c := &Client{baseURL: base, server: base + "/"}
	c.settings = settings{
		maxRetries:      DefaultMaxRetries,
		maxRetryAfter:   DefaultMaxRetryAfter,
		retryBaseDelay:  500 * time.Millisecond,
		retryMaxDelay:   8 * time.Second,
		maxResponseSize: DefaultMaxResponseSize,
		userAgent:       "proxyclient-go/" + Version,
	}
	if err := c.settings.apply(opts); err != nil {
		return nil, err
	}
	if c.settings.httpClient == nil {
		c.settings.httpClient = newDefaultHTTPClient()
	}
	c.common.client = c
	c.Budgets = (*BudgetsService)(&c.common)
	c.Chat = &ChatService{Completions: (*ChatCompletionsService)(&c.common)}
	c.Credentials = (*CredentialsService)(&c.common)
	c.Embeddings = (*EmbeddingsService)(&c.common)
	c.Completions = (*CompletionsService)(&c.common)
	c.Moderations = (*ModerationsService)(&c.common)
	c.Images = (*ImagesService)(&c.common)
	c.Rerank = (*RerankService)(&c.common)
	c.Responses = (*ResponsesService)(&c.common)
	c.Audio = &AudioService{Speech: (*AudioSpeechService)(&c.common), Transcriptions: (*AudioTranscriptionsService)(&c.common)}
	c.Customers = (*CustomersService)(&c.common)
	c.Tags = (*TagsService)(&c.common)
	c.Spend = (*SpendService)(&c.common)
	c.Health = (*HealthService)(&c.common)
	c.Keys = (*KeysService)(&c.common)
	c.ModelGroups = (*ModelGroupsService)(&c.common)
	c.Models = (*ModelsService)(&c.common)
	c.Organizations = (*OrganizationsService)(&c.common)
	c.Teams = (*TeamsService)(&c.common)
	c.Users = (*UsersService)(&c.common)
	c.SSO = (*SSOService)(&c.common)
	c.HTTP = (*HTTPService)(&c.common)
	c.VectorStores = (*VectorStoresService)(&c.common)
	c.Guardrails = (*GuardrailsService)(&c.common)
	c.MCPServers = (*MCPServersService)(&c.common)
	c.AccessGroups = (*AccessGroupsService)(&c.common)
	c.Prompts = (*PromptsService)(&c.common)
	return c, nil
}

// NewFromEnv returns a client configured from the environment:
// LITELLM_PROXY_URL, else the base_url of the CLI profile LITELLM_PROFILE
// selects in ~/.litellm/config.json ([ProfileBaseURL]), else
// [DefaultBaseURL]; and LITELLM_PROXY_API_KEY, else the key stored by
// "litellm-proxy login" in ~/.litellm/token.json, but only when that token
// was issued for the same base URL (see [ResolveEnv]). A login that kept its
// key in the OS keychain needs a keychain: use ResolveEnv with
// [EnvOptions].Keyring and [New]. opts apply last.
func NewFromEnv(opts ...Option) (*Client, error) {
	env := ResolveEnv(EnvOptions{FallbackBaseURL: func() string { return ProfileBaseURL(nil, nil) }})
	return New(env.BaseURL, append([]Option{WithAPIKey(env.APIKey)}, opts...)...)
}

// BaseURL returns the proxy's base URL, without a trailing slash.
func (c *Client) BaseURL() string { return c.baseURL }

// String describes the client without its credentials. String, GoString
// and Format have value receivers, so that a dereferenced Client prints
// redacted too.
func (c Client) String() string {
	return fmt.Sprintf("facade.Client{BaseURL: %q, APIKey: %s}", c.baseURL, c.settings.apiKey)
}

// GoString is String: %#v of a client never shows its key.
func (c Client) GoString() string { return c.String() }

// Format prints the client as String does, whatever the verb.
func (c Client) Format(f fmt.State, verb rune) { _, _ = io.WriteString(f, c.String()) }

func normalizeBaseURL(raw string) (string, error) {
	trimmed := strings.TrimRight(strings.TrimSpace(raw), "/")
	u, err := url.Parse(trimmed)
	if err != nil {
		return "", fmt.Errorf("facade: invalid base URL %q: %w", Redact(raw), errors.Unwrap(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("facade: invalid base URL %q: scheme must be http or https", Redact(raw))
	}
	if u.Host == "" {
		return "", fmt.Errorf("facade: invalid base URL %q: no host", Redact(raw))
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("facade: invalid base URL %q: no query, fragment or user info allowed", Redact(raw))
	}
	return trimmed, nil
}

// newDefaultHTTPClient is the client used without WithHTTPClient: its own
// transport (http.DefaultTransport is never modified) with a response-header
// timeout, and redirects that drop credentials when they leave the host.
func newDefaultHTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = DefaultChatTimeout
	tr.MaxIdleConnsPerHost = 64
	return &http.Client{Transport: tr, CheckRedirect: checkRedirect}
}

// callKind selects the default timeout of a call.
type callKind int

const (
	kindAdmin callKind = iota
	kindChat
	kindStream
)

// request describes one operation: the request gen's builder made (req and
// err, see newRequest), and how to name it in errors and logs (method and
// path template, never the query).
type request struct {
	method string
	path   string
	kind   callKind
	req    *http.Request
	err    error // of gen's builder
}

// errRequestReturned ends a call whose request was stored by ReturnRequest.
var errRequestReturned = errors.New("facade: request returned, not sent")

// settingsFor merges the client's settings with a call's options.
func (c *Client) settingsFor(opts []Option) (settings, error) {
	s := c.settings.clone()
	if err := s.apply(opts); err != nil {
		return s, err
	}
	return s, nil
}

// prepare builds the complete request of r: URL, query, headers and auth.
func (c *Client) prepare(ctx context.Context, r *request, s *settings) (*http.Request, error) {
	req, err := r.req, r.err
	if err == nil && req == nil {
		err = errors.New("no request")
	}
	if err != nil {
		return nil, fmt.Errorf("%s %s: build request: %s", r.method, r.path, Redact(err.Error()))
	}
	if len(s.query) > 0 {
		q := req.URL.Query()
		for k, vs := range s.query {
			for _, v := range vs {
				q.Add(k, v)
			}
		}
		req.URL.RawQuery = q.Encode()
	}
	if s.userAgent != "" {
		req.Header.Set("User-Agent", s.userAgent)
	}
	if req.Header.Get("Accept") == "" {
		if r.kind == kindStream {
			req.Header.Set("Accept", "text/event-stream")
		} else {
			req.Header.Set("Accept", "application/json")
		}
	}
	if s.authorization != "" {
		req.Header["Authorization"] = []string{string(s.authorization)}
	}
	for k, vs := range s.header {
		req.Header[k] = append([]string(nil), vs...)
	}
	return req, nil
}

// send performs r with retries and returns a 2xx response whose body the
// caller must close, and cancel, which releases the attempt's timeout and
// must be called once the body is done with. A non-2xx response becomes an
// *APIError. With ReturnRequest it returns errRequestReturned.
func (c *Client) send(ctx context.Context, r *request, s *settings) (resp *http.Response, cancel context.CancelFunc, err error) {
	if ctx == nil {
		return nil, nil, fmt.Errorf("%s %s: nil context", r.method, r.path)
	}
	req, err := c.prepare(ctx, r, s)
	if err != nil {
		return nil, nil, err
	}
	if s.returnRequest != nil {
		*s.returnRequest = req.WithContext(ctx)
		return nil, nil, errRequestReturned
	}
	// Per-attempt timeout. A stream has none for its body (its idle timeout
	// bounds that), only one for its response headers.
	timeout, headerTimeout := s.timeout, time.Duration(0)
	switch {
	case r.kind == kindStream:
		timeout, headerTimeout = 0, s.streamHeaderTimeout
		if headerTimeout == 0 {
			headerTimeout = DefaultStreamHeaderTimeout
		}
	case timeout == 0 && r.kind == kindChat:
		timeout = DefaultChatTimeout
	case timeout == 0:
		timeout = DefaultTimeout
	}
	idempotent := isIdempotent(r, s)
	for attempt := 1; ; attempt++ {
		if attempt > 1 && req.Body != nil && req.Body != http.NoBody {
			// Only replayable requests get here (see replayable).
			body, err := req.GetBody()
			if err != nil {
				return nil, nil, fmt.Errorf("%s %s: replay body: %w", r.method, r.path, err)
			}
			req.Body = body
		}
		actx, acancel := ctx, context.CancelFunc(func() {})
		var hd *headerDeadline
		switch {
		case timeout > 0:
			actx, acancel = context.WithTimeout(ctx, timeout)
		case headerTimeout > 0:
			actx, acancel = context.WithCancel(ctx)
			hd = startHeaderDeadline(headerTimeout, acancel)
		}
		start := time.Now()
		resp, err := c.roundTrip(req.WithContext(actx), s)
		headerTimedOut := false
		if hd != nil {
			headerTimedOut = hd.stop()
			if headerTimedOut && err == nil {
				// The headers came just as the timer fired: the body's
				// context is cancelled, so the response is unusable.
				resp.Body.Close()
				resp, err = nil, context.Canceled
			}
		}
		c.log(ctx, s, r, resp, err, attempt, time.Since(start))
		if err != nil {
			if ue, ok := err.(*url.Error); ok {
				// Its URL has the path and query, which may hold a key.
				err = &url.Error{Op: ue.Op, URL: Redact(ue.URL), Err: ue.Err}
			}
			timedOut := errors.Is(actx.Err(), context.DeadlineExceeded) || headerTimedOut
			acancel()
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			terr := &TransportError{Method: r.method, Path: r.path, Attempts: attempt, Err: err}
			if timedOut {
				terr.Timeout = timeout
				if headerTimedOut {
					terr.Timeout = headerTimeout
				}
				terr.Err = fmt.Errorf("%w (%v)", context.DeadlineExceeded, err)
			}
			if attempt > s.maxRetries || !replayable(req) || !retryableTransportError(err, idempotent) {
				return nil, nil, terr
			}
			if werr := c.wait(ctx, s, attempt, 0); werr != nil {
				return nil, nil, werr
			}
			continue
		}
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			return resp, acancel, nil
		}
		body, rerr := readErrorBody(resp.Body)
		resp.Body.Close()
		acancel()
		if rerr != nil && ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		apiErr := parseAPIError(resp, body, r.method, r.path)
		apiErr.Attempts = attempt
		if s.responseInto != nil {
			resp.Body = io.NopCloser(bytes.NewReader(body))
			*s.responseInto = resp
		}
		if attempt > s.maxRetries || !retryableStatus(resp.StatusCode, idempotent) || !replayable(req) {
			return nil, nil, apiErr
		}
		after, ok := retryAfter(resp.Header, time.Now())
		if ok && after > s.maxRetryAfter {
			return nil, nil, apiErr
		}
		if werr := c.wait(ctx, s, attempt, after); werr != nil {
			return nil, nil, werr
		}
	}
}

// headerDeadline cancels a stream's attempt when its response headers take
// too long; the body is not bounded by it.
type headerDeadline struct{ timer *time.Timer }

func startHeaderDeadline(d time.Duration, cancel context.CancelFunc) *headerDeadline {
	return &headerDeadline{timer: time.AfterFunc(d, cancel)}
}

// stop ends the deadline once the attempt returned; it reports whether the
// deadline had fired (and so cancelled the attempt).
func (hd *headerDeadline) stop() bool { return !hd.timer.Stop() }

// roundTrip runs the middleware chain and the HTTP client.
func (c *Client) roundTrip(req *http.Request, s *settings) (*http.Response, error) {
	if len(s.middleware) == 0 {
		resp, err := s.httpClient.Do(req)
		if err == nil && resp == nil {
			return nil, errors.New("http client returned no response and no error")
		}
		return resp, err
	}
	next := MiddlewareNext(s.httpClient.Do)
	for i := len(s.middleware) - 1; i >= 0; i-- {
		mw, inner := s.middleware[i], next
		next = func(r *http.Request) (*http.Response, error) { return mw(r, inner) }
	}
	resp, err := next(req)
	if err == nil && resp == nil {
		return nil, errors.New("http client returned no response and no error")
	}
	return resp, err
}

func (c *Client) log(ctx context.Context, s *settings, r *request, resp *http.Response, err error, attempt int, d time.Duration) {
	if s.logger == nil {
		return
	}
	attrs := []any{"method", r.method, "path", r.path, "attempt", attempt, "duration", d}
	if resp != nil {
		attrs = append(attrs, "status", resp.StatusCode)
		if id := apiErrorRequestID(resp.Header); id != "" {
			attrs = append(attrs, "request_id", Redact(id))
		}
	}
	if err != nil {
		attrs = append(attrs, "error", Redact(err.Error()))
	}
	s.logger.DebugContext(ctx, "litellm proxy request", attrs...)
}

// do performs r and decodes a JSON response into out (when out is not nil).
// With out nil (and no WithResponseInto) the body is read and dropped, not
// kept. With ReturnRequest it stores the request and returns errRequestReturned.
func (c *Client) do(ctx context.Context, r *request, s *settings, out any) error {
	resp, cancel, err := c.send(ctx, r, s)
	if err != nil {
		return err
	}
	defer cancel()
	defer resp.Body.Close()
	var body []byte
	if out == nil && s.responseInto == nil && s.rawJSON == nil {
		body, err = discardBody(resp, s.maxResponseSize)
	} else {
		body, err = readBody(resp, s.maxResponseSize)
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%s %s: read response: %w", r.method, r.path, err)
	}
	if s.responseInto != nil {
		resp.Body = io.NopCloser(bytes.NewReader(body))
		*s.responseInto = resp
	}
	s.recordRawJSON(body)
	if apiErr, ok := errorFromSuccessBody(body); ok {
		apiErr.fillFromResponse(resp, r.method, r.path)
		return apiErr
	}
	if out == nil {
		return nil
	}
	return decodeJSON(r, resp, body, out)
}

// decodeJSON decodes a 2xx body, or says clearly that it is not JSON.
func decodeJSON(r *request, resp *http.Response, body []byte, out any) error {
	ct := resp.Header.Get("Content-Type")
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return &DecodeError{Method: r.method, Path: r.path, Status: resp.StatusCode, ContentType: ct, Body: body, Err: errors.New("empty body")}
	}
	if !strings.HasPrefix(ct, "application/json") && !jsonMediaType(ct) && trimmed[0] != '{' && trimmed[0] != '[' && trimmed[0] != '"' {
		return &DecodeError{Method: r.method, Path: r.path, Status: resp.StatusCode, ContentType: ct, Body: body, Err: errors.New("not JSON")}
	}
	if f, ok := out.(fastDecoder); !ok || !f.decodeFast(body) {
		if err := json.Unmarshal(body, out); err != nil {
			return &DecodeError{Method: r.method, Path: r.path, Status: resp.StatusCode, ContentType: ct, Body: body, Err: err}
		}
	}
	if k, ok := out.(rawKeeper); ok {
		k.keepRaw(body)
	}
	return nil
}

// jsonMediaType reports whether ct names JSON (or has no media type at all).
func jsonMediaType(ct string) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	return mt == "" || mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// maxPresize bounds the buffer a Content-Length header makes the client
// allocate before any byte has arrived: a lying header costs at most this.
// Past it, the buffer grows with the bytes that actually arrive.
const maxPresize = 64 << 10

// discardHead is how much of a discarded body is kept, to recognise an
// error object in a 2xx body (they are small).
const discardHead = 4 << 10

func tooLarge(limit int64) error {
	return fmt.Errorf("%w: exceeds %d bytes (WithMaxResponseSize)", ErrResponseTooLarge, limit)
}

// readBody reads a response body of at most limit bytes. Content-Length
// sizes the first buffer, up to maxPresize; one above limit fails at once.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	n := resp.ContentLength
	if n > limit {
		return nil, tooLarge(limit)
	}
	size := int64(512)
	if n > 0 {
		size = min(n, maxPresize) + 1 // +1: room for the read that sees EOF
	}
	return readAllLimited(make([]byte, 0, min(size, limit+1)), resp.Body, limit)
}

// discardBody reads and drops a body whose content nobody wants, failing
// when it exceeds limit bytes. It returns the body when it is small enough
// to be an error object (discardHead), else nil.
func discardBody(resp *http.Response, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	h := min(limit, discardHead)
	head, err := readAllLimited(make([]byte, 0, 512), io.LimitReader(resp.Body, h), h)
	if err != nil || int64(len(head)) < h {
		return head, err
	}
	n, err := io.CopyN(io.Discard, resp.Body, limit-h+1)
	switch {
	case n > limit-h:
		return nil, tooLarge(limit)
	case err != nil && err != io.EOF:
		return nil, err
	case n > 0:
		return nil, nil
	}
	return head, nil
}

// readLimited reads r to the end, failing when it exceeds limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	return readAllLimited(make([]byte, 0, min(512, limit+1)), r, limit)
}

// readAllLimited appends r to b until EOF, failing with ErrResponseTooLarge
// when more than limit bytes arrive. b grows by doubling, never past
// limit+1 bytes, so memory follows what arrives.
func readAllLimited(b []byte, r io.Reader, limit int64) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			if int64(len(b)) > limit {
				return nil, tooLarge(limit)
			}
			next := int64(max(2*cap(b), 512))
			if next > limit+1 {
				next = limit + 1
			}
			nb := make([]byte, len(b), next)
			copy(nb, b)
			b = nb
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if int64(len(b)) > limit {
			return nil, tooLarge(limit)
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// fastDecoder is implemented by results with a decoder faster than
// encoding/json (chunk_decode.go). decodeFast is called on the zero value; it
// decodes body exactly as json.Unmarshal would and returns true, or leaves
// the value zero and returns false, and json.Unmarshal then decides.
type fastDecoder interface{ decodeFast(body []byte) bool }

// rawKeeper is implemented by results that keep the raw JSON they were decoded from.
type rawKeeper interface{ keepRaw([]byte) }
