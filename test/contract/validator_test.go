// Package contract holds the facade, the emulator and the spec to each other:
// every request the facade sends and every response it receives is validated
// against api/litellm-proxy.yaml, and a suite fails when an operation of the
// spec is never exercised. TestLive runs the suite against real proxies:
// the one at LITELLM_PROXY_URL, or with LITELLM_LIVE=1 (make live) a real
// LiteLLM of each tested version, provisioned by test/realproxy.
package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/litellm-go/proxyclient/facade/sse"
	"github.com/litellm-go/proxyclient/gen"
	"github.com/litellm-go/proxyclient/test/realproxy"
)

func TestMain(m *testing.M) {
	// Event streams are validated event by event: each data payload must be
	// a ChatCompletionChunk, or a ProxyError for an error event.
	openapi3filter.RegisterBodyDecoder("text/event-stream", decodeEventStream)
	// Login pages are HTML; the spec declares them as strings.
	openapi3filter.RegisterBodyDecoder("text/html", func(body io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
		b, err := io.ReadAll(body)
		return string(b), err
	})
	code := m.Run()
	realproxy.StopShared()
	os.Exit(code)
}

var (
	specOnce sync.Once
	spec     *openapi3.T
	specErr  error
)

// loadSpec returns the embedded spec (gen.GetSwagger), loaded once.
func loadSpec(t testing.TB) *openapi3.T {
	t.Helper()
	specOnce.Do(func() { spec, specErr = gen.GetSpec() })
	if specErr != nil {
		t.Fatalf("embedded spec: %v", specErr)
	}
	return spec
}

// decodeEventStream validates every event of an SSE body against the chunk
// schema (or the error envelope) and returns the body as a string, which is
// what the spec's text/event-stream schema declares.
func decodeEventStream(body io.Reader, _ http.Header, streamSchema *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
	raw, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	schemas := spec.Components.Schemas
	dec := sse.NewDecoder(bytes.NewReader(raw))
	for i := 0; dec.Next(); i++ {
		data := dec.Event().Data
		if string(bytes.TrimSpace(data)) == "[DONE]" {
			continue
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, fmt.Errorf("event %d is not JSON: %w", i, err)
		}
		schema := schemas[eventSchemaName(streamSchema)].Value
		if m, ok := v.(map[string]any); ok && m["error"] != nil {
			schema = schemas["ProxyError"].Value
		}
		if err := schema.VisitJSON(v); err != nil {
			return nil, fmt.Errorf("event %d does not match the schema: %w", i, err)
		}
	}
	if err := dec.Err(); err != nil {
		return nil, err
	}
	return string(raw), nil
}

// eventSchemaName is the component schema of a stream's events, named by
// the x-litellm-event-schema of its text/event-stream schema (chat chunks
// when it names none).
func eventSchemaName(s *openapi3.SchemaRef) string {
	if s != nil && s.Value != nil {
		if ref, ok := s.Value.Extensions["x-litellm-event-schema"].(string); ok {
			if name, ok := strings.CutPrefix(ref, "#/components/schemas/"); ok && spec.Components.Schemas[name] != nil {
				return name
			}
		}
	}
	return "ChatCompletionChunk"
}

// recorder is a validating http.RoundTripper: it checks each request and
// response against the spec, records violations and the operations seen.
type recorder struct {
	t      testing.TB
	base   http.RoundTripper
	router routers.Router

	mu         sync.Mutex
	exercised  map[string]int
	violations []string
}

func newRecorder(t testing.TB, serverURL string) *recorder {
	t.Helper()
	doc := *loadSpec(t) // a shallow copy: only Servers changes
	u, err := url.Parse(serverURL)
	if err != nil {
		t.Fatal(err)
	}
	doc.Servers = openapi3.Servers{{URL: u.Scheme + "://" + u.Host + strings.TrimRight(u.Path, "/")}}
	router, err := legacy.NewRouter(&doc)
	if err != nil {
		t.Fatalf("router: %v", err)
	}
	return &recorder{t: t, base: http.DefaultTransport.(*http.Transport).Clone(), router: router, exercised: map[string]int{}}
}

func (r *recorder) violation(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.violations = append(r.violations, fmt.Sprintf(format, args...))
}

// RoundTrip validates the request, sends it, and validates the response.
func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	name := req.Method + " " + req.URL.Path
	route, params, err := r.router.FindRoute(req)
	if err != nil {
		r.violation("%s: no such operation in the spec: %v", name, err)
		return r.base.RoundTrip(req)
	}
	name = req.Method + " " + route.Path
	r.mu.Lock()
	r.exercised[route.Operation.OperationID]++
	r.mu.Unlock()
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		r.violation("%s: request: %v", name, err)
	}
	resp, err := r.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		// A cut connection (fault injection) is not a contract violation.
		resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errReader{err}))
		return resp, nil
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header, Options: opts}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		r.violation("%s: %d response: %v\nbody: %.300s", name, resp.StatusCode, err, body)
	}
	return resp, nil
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// check fails the test for every violation recorded.
func (r *recorder) check(t testing.TB) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range r.violations {
		t.Errorf("contract violation: %s", v)
	}
}

// unexercised lists the spec operations never seen.
func (r *recorder) unexercised(t testing.TB) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var missing []string
	for path, item := range loadSpec(t).Paths.Map() {
		for method, op := range item.Operations() {
			if r.exercised[op.OperationID] == 0 {
				missing = append(missing, fmt.Sprintf("%s %s (%s)", method, path, op.OperationID))
			}
		}
	}
	sort.Strings(missing)
	return missing
}

// client is an *http.Client that validates through r.
func (r *recorder) client() *http.Client {
	return &http.Client{Transport: r}
}
