package facade

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
)

// HTTPService sends arbitrary requests to the proxy: routes this package
// has no method for, or new ones of a newer proxy. It is the Go form of the
// Python client's client.http, but the requests go through the same core as
// every other call, so they get the client's authentication, timeouts,
// retries, logging, [ReturnRequest] and errors: a non-2xx response is an
// *[APIError] (the Python client raises a bare HTTPError), and so is a 2xx
// body that is a proxy error object (the credential routes' quirk).
//
// The default timeout is [DefaultTimeout]; pass [WithTimeout] for a long
// call such as a chat completion.
type HTTPService service

// HTTPRequest describes a request of [HTTPService.Do] and [HTTPService.Request].
type HTTPRequest struct {
	// Method is the HTTP method, in any case ("get" is sent as GET); empty means GET.
	Method string
	// URI is the route, relative to the client's base URL, path prefix
	// included: "/models" and "models" are the same URL. It may carry a
	// query ("key/list?page=2"). An absolute URL is accepted only when it
	// is inside the base URL; a URL of another host and a "." or ".."
	// segment are errors.
	URI string
	// JSON, when not nil, is encoded as the JSON body and sets
	// Content-Type: application/json. JSON and Body are exclusive.
	JSON any
	// Body, when not nil, is sent as is (the Python client's data=).
	Body []byte
	// ContentType sets the Content-Type header; it wins over Header and
	// over the JSON default.
	ContentType string
	// Header holds extra headers. As upstream, the client's API key is set
	// after them, so an Authorization header here is used only when the
	// client has no key ([WithHeader] overrides both).
	Header http.Header
	// Query holds query parameters, added to the URI's own.
	Query url.Values
}

// Do sends req and decodes the JSON response into out, a non-nil pointer
// (as json.Unmarshal does). With out nil the response body is discarded,
// so an empty 2xx body (204 No Content) is not an error; with out not nil
// it is one. A 2xx body that is not JSON is a *[DecodeError] that names the
// content type and shows a short, redacted excerpt. With [ReturnRequest] it
// stores the request, sends nothing and returns nil.
//
// Endpoint: ANY /{uri} (Python: client.http.request).
func (s *HTTPService) Do(ctx context.Context, req *HTTPRequest, out any, opts ...Option) error {
	if out != nil {
		if v := reflect.ValueOf(out); v.Kind() != reflect.Pointer || v.IsNil() {
			return fmt.Errorf("facade: HTTP.Do: out must be a non-nil pointer, not %T", out)
		}
	}
	r, err := s.build(req)
	if err != nil {
		return err
	}
	_, err = result(out, s.client.doJSON(ctx, r, out, opts))
	return err
}

// Request sends req and returns the parsed JSON response, as the Python
// client's http.request does: a map[string]any, []any, string, bool, nil,
// or a json.Number for a number (so that large integers and exact decimals
// survive). An empty 2xx body returns nil, nil. A 2xx body that is not JSON
// is a *[DecodeError]. With [ReturnRequest] it returns nil, nil.
//
// Endpoint: ANY /{uri} (Python: client.http.request).
func (s *HTTPService) Request(ctx context.Context, req *HTTPRequest, opts ...Option) (any, error) {
	r, err := s.build(req)
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if err := s.client.doJSON(ctx, r, &raw, opts); err != nil {
		if de := (*DecodeError)(nil); errors.As(err, &de) && len(bytes.TrimSpace(de.Body)) == 0 {
			return nil, nil // an empty 2xx body
		}
		return result[any](nil, err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%s %s: decode response: %w", r.method, r.path, err)
	}
	return v, nil
}

// Get sends a GET request for uri and decodes the JSON response into out
// (see [HTTPService.Do]).
//
// Endpoint: GET /{uri} (Python: client.http.request("GET", uri)).
func (s *HTTPService) Get(ctx context.Context, uri string, out any, opts ...Option) error {
	return s.Do(ctx, &HTTPRequest{Method: http.MethodGet, URI: uri}, out, opts...)
}

// Post sends in as the JSON body of a POST request for uri (no body when in
// is nil) and decodes the JSON response into out (see [HTTPService.Do]).
//
// Endpoint: POST /{uri} (Python: client.http.request("POST", uri, json=in)).
func (s *HTTPService) Post(ctx context.Context, uri string, in, out any, opts ...Option) error {
	return s.Do(ctx, &HTTPRequest{Method: http.MethodPost, URI: uri, JSON: in}, out, opts...)
}

// build checks req and returns the core's description of it, with the
// *http.Request built.
func (s *HTTPService) build(req *HTTPRequest) (*request, error) {
	if req == nil {
		return nil, errors.New("facade: HTTP request: nil request")
	}
	method := strings.ToUpper(req.Method)
	if method == "" {
		method = http.MethodGet
	}
	rel, query, err := resolveHTTPURI(s.client.baseURL, req.URI)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, Redact(req.URI), err)
	}
	// The path names the call in errors and logs; a key in it
	// (/key/sk-.../regenerate) must not show there.
	path := Redact("/" + rel)
	for k, vs := range req.Query {
		for _, v := range vs {
			query.Add(k, v)
		}
	}
	var body []byte
	contentType := ""
	switch {
	case req.JSON != nil && req.Body != nil:
		return nil, fmt.Errorf("%s %s: set JSON or Body, not both", method, path)
	case req.JSON != nil:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(req.JSON); err != nil {
			return nil, fmt.Errorf("%s %s: encode JSON body: %w", method, path, err)
		}
		body = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		contentType = "application/json"
	case req.Body != nil:
		body = bytes.Clone(req.Body)
	}
	if ct := req.Header.Get("Content-Type"); ct != "" {
		contentType = ct
	}
	if req.ContentType != "" {
		contentType = req.ContentType
	}
	target := s.client.server + rel
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	var hr *http.Request
	if req.JSON != nil || req.Body != nil {
		hr, err = http.NewRequest(method, target, bytes.NewReader(body))
	} else {
		hr, err = http.NewRequest(method, target, nil)
	}
	if err == nil {
		for k, vs := range req.Header {
			hr.Header[k] = append([]string(nil), vs...)
		}
		if contentType != "" {
			hr.Header.Set("Content-Type", contentType)
		}
	}
	return newRequest(method, path).with(hr, err), nil
}

// resolveHTTPURI turns uri into an escaped path relative to the base URL
// (no leading slash) and its query. A leading slash does not mean the
// host's root: "/models" and "models" both name base+"/models", as in the
// Python client. An absolute http(s) URL must lie inside base.
func resolveHTTPURI(base, uri string) (string, url.Values, error) {
	rest := uri
	if u, err := url.Parse(uri); err == nil && u.IsAbs() && u.Opaque == "" &&
		(strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")) {
		b, err := url.Parse(base)
		if err != nil {
			return "", nil, err
		}
		bpath := strings.TrimSuffix(b.EscapedPath(), "/")
		upath := u.EscapedPath()
		if !strings.EqualFold(u.Scheme, b.Scheme) || !strings.EqualFold(u.Host, b.Host) || u.User != nil ||
			(upath != bpath && !strings.HasPrefix(upath, bpath+"/")) {
			return "", nil, fmt.Errorf("absolute URL outside the client's base URL %s", base)
		}
		rest = strings.TrimPrefix(upath, bpath)
		if u.RawQuery != "" {
			rest += "?" + u.RawQuery
		}
	}
	// One leading slash, so that nothing before it is read as a scheme or a
	// host ("//other.example/x" is a path here, as upstream).
	u, err := url.Parse("/" + strings.TrimLeft(rest, "/"))
	if err != nil {
		return "", nil, fmt.Errorf("invalid URI: %w", errors.Unwrap(err))
	}
	escaped := strings.TrimPrefix(u.EscapedPath(), "/")
	for _, seg := range strings.Split(escaped, "/") {
		if dec, err := url.PathUnescape(seg); err == nil && (dec == "." || dec == "..") {
			return "", nil, fmt.Errorf("URI has a %q segment: paths are relative to the base URL and may not leave it", dec)
		}
	}
	query, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "", nil, fmt.Errorf("invalid query: %w", err)
	}
	return escaped, query, nil
}
