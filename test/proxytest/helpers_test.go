package proxytest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/litellm-go/proxyclient/gen"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

// specRouter routes requests to the operations of the embedded spec, with the
// spec fixes the emulator needs applied (see patchSpec).
var specRouter = sync.OnceValues(func() (routers.Router, error) {
	doc, err := gen.GetSpec()
	if err != nil {
		return nil, err
	}
	doc.Servers = nil
	patchSpec(doc)
	return legacy.NewRouter(doc)
})

// patchSpec applies the changes to api/litellm-proxy.yaml that the real proxy's
// responses call for (reported to the lead), so that the emulator's faithful
// answers validate.
func patchSpec(doc *openapi3.T) {
	// GET /user/info answers "user_info": null for an admin without user_id
	// and for an unknown user.
	if s := doc.Components.Schemas["UserInfo"]; s != nil && s.Value != nil {
		if p := s.Value.Properties["user_info"]; p != nil && p.Ref != "" {
			s.Value.Properties["user_info"] = &openapi3.SchemaRef{Value: &openapi3.Schema{
				AllOf: openapi3.SchemaRefs{p}, Nullable: true,
			}}
		}
	}
	// FastAPI sends "input": null for a missing body, a proxy without a cache
	// answers readiness with "cache": null, and /user/new with
	// auto_create_key=false answers "key": "" and "token": null.
	for _, sp := range [][2]string{{"ValidationError", "input"}, {"HealthReadiness", "cache"}, {"UserNewResponse", "token"}} {
		if s := doc.Components.Schemas[sp[0]]; s != nil && s.Value != nil {
			if p := s.Value.Properties[sp[1]]; p != nil && p.Value != nil {
				p.Value.Nullable = true
			}
		}
	}
}

// specDoc is the embedded spec with patchSpec applied.
var specDoc = sync.OnceValues(func() (*openapi3.T, error) {
	doc, err := gen.GetSpec()
	if err != nil {
		return nil, err
	}
	patchSpec(doc)
	return doc, nil
})

// checkSchema validates a decoded JSON value against a component schema.
func checkSchema(t testing.TB, schema string, v any) {
	t.Helper()
	doc, err := specDoc()
	if err != nil {
		t.Fatal(err)
	}
	s := doc.Components.Schemas[schema]
	if s == nil || s.Value == nil {
		t.Fatalf("no schema %s in the embedded spec", schema)
	}
	if err := s.Value.VisitJSON(v); err != nil {
		t.Errorf("value does not match %s: %v", schema, err)
	}
}

// validatingTransport checks every JSON response against the spec.
type validatingTransport struct {
	t    testing.TB
	base http.RoundTripper
}

func (vt validatingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := vt.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt != "application/json" {
		return resp, nil
	}
	router, rerr := specRouter()
	if rerr != nil {
		vt.t.Errorf("spec router: %v", rerr)
		return resp, nil
	}
	body, rerr := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if rerr != nil {
		return resp, nil
	}
	rr := req.Clone(req.Context())
	rr.URL.Path, rr.URL.RawPath = req.URL.EscapedPath(), ""
	route, params, ferr := router.FindRoute(rr)
	if ferr != nil {
		return resp, nil // unknown route: nothing to check
	}
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: rr, PathParams: params, Route: route},
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: false},
	}
	if verr := openapi3filter.ValidateResponse(req.Context(), input); verr != nil {
		vt.t.Errorf("%s %s: %d response does not match the spec: %v\nbody: %s", req.Method, req.URL.Path, resp.StatusCode, verr, body)
	}
	return resp, nil
}

// newServer starts a server for the test.
func newServer(t testing.TB, opts ...proxytest.Option) *proxytest.Server {
	t.Helper()
	srv := proxytest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// result is a response, read.
type result struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a generic value.
func (r result) JSON(t testing.TB) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
	return v
}

// Map decodes the body as an object.
func (r result) Map(t testing.TB) map[string]any {
	t.Helper()
	m, ok := r.JSON(t).(map[string]any)
	if !ok {
		t.Fatalf("body is not an object: %s", r.Body)
	}
	return m
}

// call sends a request with key (none if "") and a JSON body (none if nil),
// validating the response against the spec.
func call(t testing.TB, srv *proxytest.Server, method, path, key string, body any) result {
	t.Helper()
	return callHeader(t, srv, method, path, body, bearer(key))
}

// bearer is the Authorization header for key, or none.
func bearer(key string) http.Header {
	h := http.Header{}
	if key != "" {
		h.Set("Authorization", "Bearer "+key)
	}
	return h
}

func callHeader(t testing.TB, srv *proxytest.Server, method, path string, body any, header http.Header) result {
	t.Helper()
	r, err := tryCall(t, srv, method, path, body, header)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// tryCall is callHeader returning its error, for use in other goroutines.
func tryCall(t testing.TB, srv *proxytest.Server, method, path string, body any, header http.Header) (result, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return result{}, err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, srv.URL+path, rd)
	if err != nil {
		return result{}, err
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	hc := &http.Client{Transport: validatingTransport{t: t, base: srv.Client().Transport}}
	resp, err := hc.Do(req)
	if err != nil {
		return result{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return result{}, fmt.Errorf("%s %s: read: %w", method, path, err)
	}
	return result{Status: resp.StatusCode, Header: resp.Header, Body: data}, nil
}

// mustOK fails the test unless the status is 200.
func mustOK(t testing.TB, r result) result {
	t.Helper()
	if r.Status != http.StatusOK {
		t.Fatalf("status %d, want 200; body %s", r.Status, r.Body)
	}
	return r
}

// proxyError returns the error object of a ProxyError body.
func proxyError(t testing.TB, r result) map[string]any {
	t.Helper()
	m := r.Map(t)
	e, ok := m["error"].(map[string]any)
	if !ok {
		t.Fatalf("not a ProxyError: %s", r.Body)
	}
	return e
}

// wantProxyError checks status, type and code (a string) of a ProxyError and
// that its message contains msg.
func wantProxyError(t testing.TB, r result, status int, typ, msg string) map[string]any {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d; body %s", r.Status, status, r.Body)
	}
	e := proxyError(t, r)
	if e["type"] != typ {
		t.Errorf("type = %v, want %q (body %s)", e["type"], typ, r.Body)
	}
	if code, ok := e["code"].(string); !ok || code != itoa(status) {
		t.Errorf("code = %#v, want the string %q", e["code"], itoa(status))
	}
	if m, _ := e["message"].(string); !strings.Contains(m, msg) {
		t.Errorf("message = %q, want it to contain %q", m, msg)
	}
	return e
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// detail returns the detail of a FastAPI body.
func detail(t testing.TB, r result, status int) any {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d; body %s", r.Status, status, r.Body)
	}
	m := r.Map(t)
	d, ok := m["detail"]
	if !ok {
		t.Fatalf("no detail in %s", r.Body)
	}
	return d
}

// get walks a JSON value by object keys and array indexes.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k < 0 || k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

// genKey makes a virtual key with the master key and returns its value.
func genKey(t testing.TB, srv *proxytest.Server, body map[string]any) string {
	t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	r := mustOK(t, call(t, srv, "POST", "/key/generate", srv.MasterKey, body))
	k, _ := r.Map(t)["key"].(string)
	if !strings.HasPrefix(k, "sk-") {
		t.Fatalf("generated key %q does not start with sk-", k)
	}
	return k
}

// newUser makes a user and returns its id and auto-created key.
func newUser(t testing.TB, srv *proxytest.Server, body map[string]any) (id, key string) {
	t.Helper()
	r := mustOK(t, call(t, srv, "POST", "/user/new", srv.MasterKey, body))
	m := r.Map(t)
	id, _ = m["user_id"].(string)
	key, _ = m["key"].(string)
	return id, key
}
