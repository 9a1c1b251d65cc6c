package facade

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// apiErrorFields are the parsed parts of an APIError the tables compare.
type apiErrorFields struct {
	Message, Type, Code, Param string
}

func fieldsOf(e *APIError) apiErrorFields {
	return apiErrorFields{Message: e.Message, Type: e.Type, Code: e.Code, Param: e.Param}
}

// errorBodyShapes are the bodies the proxy (or something in front of it)
// sends with an error status, and what parseAPIError makes of them.
var errorBodyShapes = []struct {
	name, contentType, body string
	want                    apiErrorFields
}{
	{
		"proxy error", "application/json",
		`{"error":{"message":"Authentication Error, No api key passed in.","type":"auth_error","param":"None","code":"401"}}`,
		apiErrorFields{"Authentication Error, No api key passed in.", "auth_error", "401", ""},
	},
	{
		"proxy error numeric code null param", "application/json",
		`{"error": {"message": "budget exceeded", "type": "budget_exceeded", "param": null, "code": 400}}`,
		apiErrorFields{"budget exceeded", "budget_exceeded", "400", ""},
	},
	{
		"proxy error type None", "application/json",
		`{"error":{"message":"Internal Server Error, boom","type":"None","param":"None","code":"500"}}`,
		apiErrorFields{"Internal Server Error, boom", "", "500", ""},
	},
	{
		"proxy error python dict message", "application/json",
		`{"error":{"message":"{'error': 'No keys found'}","type":"not_found_error","param":"key","code":"404"}}`,
		apiErrorFields{"No keys found", "not_found_error", "404", "key"},
	},
	{
		"proxy error nested python dict", "application/json",
		`{"error":{"message":"{'error': {'message': \"Team 'x' not found\", 'code': 404}}","type":"bad_request_error","param":null,"code":"400"}}`,
		apiErrorFields{"Team 'x' not found", "bad_request_error", "400", ""},
	},
	{
		"proxy error extra fields", "application/json",
		`{"error":{"message":"m","type":"t","param":"p","code":"429","provider_specific_fields":{"a":1}}}`,
		apiErrorFields{"m", "t", "429", "p"},
	},
	{
		"error string with message", "application/json",
		`{"error": "Invalid request", "message": "Invalid model specified"}`,
		apiErrorFields{"Invalid request: Invalid model specified", "", "", ""},
	},
	{
		"error string", "application/json",
		`{"error": "The specified model was not found in the system"}`,
		apiErrorFields{"The specified model was not found in the system", "", "", ""},
	},
	{
		"detail string", "application/json",
		`{"detail":"Invalid key ID format"}`,
		apiErrorFields{"Invalid key ID format", "", "", ""},
	},
	{
		"detail python dict string", "application/json",
		`{"detail":"{'error': 'Key not found'}"}`,
		apiErrorFields{"Key not found", "", "", ""},
	},
	{
		"detail object error string", "application/json",
		`{"detail":{"error":"Team not found for team_id=abc"}}`,
		apiErrorFields{"Team not found for team_id=abc", "", "", ""},
	},
	{
		"detail object error object", "application/json",
		`{"detail":{"error":{"message":"Not allowed","type":"team_member_permission_error","param":"team_id","code":"403"}}}`,
		apiErrorFields{"Not allowed", "team_member_permission_error", "403", "team_id"},
	},
	{
		"detail object other", "application/json",
		`{"detail": {"reason": "x"}}`,
		apiErrorFields{`{"reason":"x"}`, "", "", ""},
	},
	{
		"validation list", "application/json",
		`{"detail":[{"loc":["body","keys"],"msg":"Value error, At least one of 'keys' or 'key_aliases' must be provided.","type":"value_error","input":{}},{"loc":["query","page",0],"msg":"Input should be a valid integer","type":"int_parsing","input":"x"}]}`,
		apiErrorFields{"body.keys: Value error, At least one of 'keys' or 'key_aliases' must be provided.; query.page.0: Input should be a valid integer", "validation_error", "", ""},
	},
	{
		"validation list odd items", "application/json",
		`{"detail":["plain", {"msg": "no loc"}, 3]}`,
		apiErrorFields{"plain; no loc; 3", "validation_error", "", ""},
	},
	{
		"bare message", "application/json",
		`{"message": "Forbidden"}`,
		apiErrorFields{"Forbidden", "", "", ""},
	},
	{
		"json string", "application/json",
		`"something failed"`,
		apiErrorFields{"something failed", "", "", ""},
	},
	{
		"bom", "application/json",
		"\xef\xbb\xbf{\"detail\": \"with bom\"}",
		apiErrorFields{"with bom", "", "", ""},
	},
	{
		"message object", "application/json",
		`{"error":{"message":{"inner":[1,2]},"type":"x"}}`,
		apiErrorFields{`{"inner":[1,2]}`, "x", "", ""},
	},
	{
		"sse error", "text/event-stream",
		"data: {\"error\": {\"message\": \"No deployments available\", \"type\": \"None\", \"param\": \"None\", \"code\": \"429\"}}\n\n",
		apiErrorFields{"No deployments available", "", "429", ""},
	},
	{
		"sse error with event line", "text/event-stream",
		"event: error\r\ndata: {\"error\":\r\ndata: \"upstream failed\"}\r\n\r\ndata: [DONE]\r\n\r\n",
		apiErrorFields{"upstream failed", "", "", ""},
	},
	{"sse done only", "text/event-stream", "data: [DONE]\n\n", apiErrorFields{}},
	{"html", "text/html", `<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>`, apiErrorFields{}},
	{"plain text", "text/plain", "Internal Server Error", apiErrorFields{}},
	{"empty", "", "", apiErrorFields{}},
	{"whitespace", "application/json", " \n\t", apiErrorFields{}},
	{"truncated json", "application/json", `{"error":{"message":"Authentication Er`, apiErrorFields{}},
	{"json array", "application/json", `[1,2]`, apiErrorFields{}},
	{"unknown object", "application/json", `{"status": "error"}`, apiErrorFields{}},
	{"null fields", "application/json", `{"error": null, "detail": null, "message": null}`, apiErrorFields{}},
}

func TestParseAPIError(t *testing.T) {
	t.Parallel()
	sentinels := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrTimeout, ErrRateLimited, ErrServer}
	statuses := []struct {
		code int
		want error
	}{
		{400, ErrBadRequest},
		{401, ErrUnauthorized},
		{403, ErrForbidden},
		{404, ErrNotFound},
		{408, ErrTimeout},
		{422, ErrBadRequest},
		{429, ErrRateLimited},
		{500, ErrServer},
		{502, ErrServer},
		{503, ErrServer},
		{418, nil},
	}
	for _, st := range statuses {
		for _, shape := range errorBodyShapes {
			t.Run(fmt.Sprintf("%d/%s", st.code, shape.name), func(t *testing.T) {
				t.Parallel()
				resp := &http.Response{StatusCode: st.code, Header: http.Header{}}
				if shape.contentType != "" {
					resp.Header.Set("Content-Type", shape.contentType)
				}
				e := parseAPIError(resp, []byte(shape.body), http.MethodPost, "/key/delete")
				if e.StatusCode != st.code {
					t.Errorf("StatusCode = %d, want %d", e.StatusCode, st.code)
				}
				if diff := cmp.Diff(shape.want, fieldsOf(e)); diff != "" {
					t.Errorf("fields mismatch (-want +got):\n%s", diff)
				}
				if !bytes.Equal(e.Body, []byte(shape.body)) {
					t.Errorf("Body = %q, want the raw body", e.Body)
				}
				var err error = fmt.Errorf("wrapped: %w", e)
				for _, s := range sentinels {
					if got, want := errors.Is(err, s), s == st.want; got != want {
						t.Errorf("errors.Is(err, %v) = %v, want %v", s, got, want)
					}
				}
				var as *APIError
				if !errors.As(err, &as) || as != e {
					t.Errorf("errors.As did not find the *APIError")
				}
				if msg := e.Error(); !strings.HasPrefix(msg, fmt.Sprintf("POST /key/delete: %d", st.code)) {
					t.Errorf("Error() = %q, want it to start with method, path and status", msg)
				}
			})
		}
	}
}

func TestParseAPIErrorResponse(t *testing.T) {
	t.Parallel()
	req, _ := http.NewRequest(http.MethodGet, "http://h/key/info?key="+plantedKey, nil)
	tests := []struct {
		name         string
		resp         *http.Response
		method, path string
		want         *APIError
	}{
		{
			name:   "call id wins",
			resp:   &http.Response{StatusCode: 404, Header: http.Header{"X-Litellm-Call-Id": {"call-1"}, "X-Request-Id": {"req-1"}}},
			method: "GET", path: "/key/info",
			want: &APIError{StatusCode: 404, RequestID: "call-1", Method: "GET", Path: "/key/info"},
		},
		{
			name:   "x-request-id",
			resp:   &http.Response{StatusCode: 404, Header: http.Header{"X-Request-Id": {"req-1"}, "Request-Id": {"r"}}},
			method: "GET", path: "/key/info",
			want: &APIError{StatusCode: 404, RequestID: "req-1", Method: "GET", Path: "/key/info"},
		},
		{
			name:   "request-id",
			resp:   &http.Response{StatusCode: 404, Header: http.Header{"Request-Id": {"r"}}},
			method: "GET", path: "/key/info",
			want: &APIError{StatusCode: 404, RequestID: "r", Method: "GET", Path: "/key/info"},
		},
		{
			name:   "query dropped",
			resp:   &http.Response{StatusCode: 401},
			method: "GET", path: "/key/info?key=" + plantedKey + "#x",
			want: &APIError{StatusCode: 401, Method: "GET", Path: "/key/info"},
		},
		{
			name:   "full url",
			resp:   &http.Response{StatusCode: 401},
			method: "GET", path: "http://h/key/info?key=" + plantedKey,
			want: &APIError{StatusCode: 401, Method: "GET", Path: "/key/info"},
		},
		{
			name: "from request",
			resp: &http.Response{StatusCode: 401, Request: req},
			want: &APIError{StatusCode: 401, Method: "GET", Path: "/key/info"},
		},
		{
			name:   "nil response",
			method: "POST", path: "/x",
			want: &APIError{Method: "POST", Path: "/x"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := parseAPIError(tt.resp, nil, tt.method, tt.path)
			if tt.resp != nil {
				tt.want.Header = tt.resp.Header
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseAPIError mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAPIErrorError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  *APIError
		want string
	}{
		{
			"proxy error",
			&APIError{StatusCode: 401, Type: "auth_error", Message: "Authentication Error, No api key passed in.", Method: "POST", Path: "/key/generate"},
			"POST /key/generate: 401 auth_error: Authentication Error, No api key passed in.",
		},
		{
			"no type",
			&APIError{StatusCode: 404, Message: "No keys found", Method: "POST", Path: "/key/delete"},
			"POST /key/delete: 404: No keys found",
		},
		{
			"attempts",
			&APIError{StatusCode: 503, Message: "No deployments available", Method: "POST", Path: "/chat/completions", Attempts: 3},
			"POST /chat/completions: 503: No deployments available (after 3 attempts)",
		},
		{
			"html",
			&APIError{StatusCode: 502, Method: "GET", Path: "/models",
				Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}},
				Body:   []byte("<html>\n<head><title>502 Bad Gateway</title><style>body{color:red}</style></head>\n<body><h1>Bad\tGateway</h1><script>var key='x';</script><hr>nginx</body></html>")},
			"GET /models: 502 bad gateway (text/html): 502 Bad Gateway Bad Gateway nginx",
		},
		{
			"plain text",
			&APIError{StatusCode: 500, Method: "GET", Path: "/health", Body: []byte("Internal Server Error")},
			"GET /health: 500 internal server error: Internal Server Error",
		},
		{
			"empty",
			&APIError{StatusCode: 503, Method: "GET", Path: "/health/readiness"},
			"GET /health/readiness: 503 service unavailable (empty body)",
		},
		{
			"type without message",
			&APIError{StatusCode: 400, Type: "bad_request_error", Method: "GET", Path: "/x", Body: []byte(" ")},
			"GET /x: 400 bad_request_error (empty body)",
		},
		{
			"unknown status",
			&APIError{StatusCode: 599, Method: "GET", Path: "/x"},
			"GET /x: 599 (empty body)",
		},
		{
			"no request",
			&APIError{StatusCode: 404, Type: "not_found_error", Message: "No keys found"},
			"404 not_found_error: No keys found",
		},
		{
			"secrets in message",
			&APIError{StatusCode: 401, Type: "token_not_found_in_db", Message: "Invalid proxy server token passed. key=" + plantedKey + ", not found in db.", Method: "GET", Path: "/key/info"},
			"GET /key/info: 401 token_not_found_in_db: Invalid proxy server token passed. key=REDACTED, not found in db.",
		},
		{
			"secret in path",
			&APIError{StatusCode: 500, Message: "premium only", Method: "POST", Path: "/key/my-custom-key/regenerate"},
			"POST /key/REDACTED/regenerate: 500: premium only",
		},
		{
			"nil",
			nil,
			"<nil>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() =\n  %q\nwant\n  %q", got, tt.want)
			}
		})
	}
}

func TestAPIErrorErrorLimits(t *testing.T) {
	t.Parallel()
	t.Run("long body excerpt", func(t *testing.T) {
		t.Parallel()
		e := &APIError{StatusCode: 502, Body: []byte(strings.Repeat("word ", 1000))}
		got := e.Error()
		if !strings.HasSuffix(got, "...") || len(got) > 260 {
			t.Errorf("Error() = %q (%d bytes), want a short excerpt ending in ...", got, len(got))
		}
	})
	t.Run("long message", func(t *testing.T) {
		t.Parallel()
		e := &APIError{StatusCode: 500, Message: strings.Repeat("é", 10000)}
		got := e.Error()
		if len(got) > maxErrorTextSize+50 || !strings.HasSuffix(got, "...") {
			t.Errorf("Error() is %d bytes, want at most about %d", len(got), maxErrorTextSize)
		}
		if !strings.HasPrefix(got, "500: é") || strings.ContainsRune(got, '\uFFFD') {
			t.Errorf("Error() cut a rune: %q", got[len(got)-10:])
		}
	})
	t.Run("key at the excerpt window edge", func(t *testing.T) {
		t.Parallel()
		body := strings.Repeat("<b>", 4090/3) + " " + plantedKey
		e := &APIError{StatusCode: 502, Body: []byte(body)}
		if got := e.Error(); strings.Contains(got, "sk-t") {
			t.Errorf("Error() = %q: part of the key survived", got)
		}
	})
	t.Run("invalid utf8 and controls", func(t *testing.T) {
		t.Parallel()
		e := &APIError{StatusCode: 500, Body: []byte("bad \xff\xfe bytes\x00\x1b[31m red")}
		if got, want := e.Error(), "500 internal server error: bad \uFFFD bytes [31m red"; got != want {
			t.Errorf("Error() = %q, want %q", got, want)
		}
	})
}

// leakyErrors are APIErrors with plantedKey in every field a key could reach.
func leakyErrors() map[string]*APIError {
	h := http.Header{"Content-Type": {"application/json"}, "Authorization": {"Bearer " + plantedKey}}
	parse := func(body string) *APIError {
		return parseAPIError(&http.Response{StatusCode: 401, Header: h}, []byte(body), "POST", "/key/info?key="+plantedKey)
	}
	return map[string]*APIError{
		"message":     parse(`{"error":{"message":"Authentication Error, Invalid proxy server token passed. key=` + plantedKey + `, not found","type":"auth_error","param":"` + plantedKey + `","code":"` + plantedKey + `"}}`),
		"python dict": parse(`{"error":{"message":"{'error': 'Key ` + plantedKey + ` not found'}","type":"x"}}`),
		"detail":      parse(`{"detail": {"error": "bad key ` + plantedKey + `"}}`),
		"html":        parse(`<html><body>key ` + plantedKey + `</body></html>`),
		"plain":       parse(plantedKey),
		"json field":  parse(`{"status":"error","api_key":"` + plantedKey + `"}`),
		"type":        parse(`{"error":{"message":"m","type":"` + plantedKey + `"}}`),
		"sse":         parse("data: {\"error\": {\"message\": \"Bearer " + plantedKey + "\"}}\n\n"),
		"fields": {
			StatusCode: 400, Message: plantedKey, Type: plantedKey, Code: plantedKey, Param: plantedKey,
			RequestID: plantedKey, Method: plantedKey, Path: "/key/" + plantedKey + "/regenerate",
			Body: []byte(plantedKey), Header: h, Attempts: 2,
		},
	}
}

func TestAPIErrorNeverLeaks(t *testing.T) {
	t.Parallel()
	for name, e := range leakyErrors() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, got := range apiErrorRenderings(t, e) {
				if strings.Contains(got, plantedSecret) {
					t.Errorf("rendering leaks the key: %s", got)
				}
			}
			if !strings.Contains(e.Error(), "REDACTED") {
				t.Errorf("Error() = %q, want REDACTED in it", e.Error())
			}
		})
	}
}

// apiErrorRenderings returns every way the tests print e.
func apiErrorRenderings(t testing.TB, e *APIError) []string {
	var out []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%10.3v"} {
		out = append(out, fmt.Sprintf(verb, e), fmt.Sprintf(verb, *e))
	}
	wrapped := fmt.Errorf("keys.Info: %w", e)
	out = append(out, e.Error(), wrapped.Error(), fmt.Sprintf("%+v", wrapped), e.GoString())
	for _, newHandler := range []func(io.Writer) slog.Handler{
		func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) },
		func(w io.Writer) slog.Handler { return slog.NewJSONHandler(w, nil) },
	} {
		var buf bytes.Buffer
		slog.New(newHandler(&buf)).Error("call failed", "err", e, "wrapped", wrapped)
		out = append(out, buf.String())
	}
	j, err := json.Marshal(e)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	return append(out, string(j))
}

func TestAPIErrorFormat(t *testing.T) {
	t.Parallel()
	e := &APIError{
		StatusCode: 401, Message: "Authentication Error, No api key passed in.", Type: "auth_error",
		Code: "401", Param: "None", RequestID: "req-1", Method: "POST", Path: "/key/generate",
		Body: []byte(`{"error":{}}`), Header: http.Header{"A": nil}, Attempts: 1,
	}
	const base = "POST /key/generate: 401 auth_error: Authentication Error, No api key passed in."
	tests := []struct {
		name, got, want string
	}{
		{"%v", fmt.Sprintf("%v", e), base},
		{"%s", fmt.Sprintf("%s", e), base},
		{"%q", fmt.Sprintf("%q", e), fmt.Sprintf("%q", base)},
		{"%+v", fmt.Sprintf("%+v", e), base + ` [request_id "req-1", code "401", param "None"]`},
		{"%#v", fmt.Sprintf("%#v", e), `&facade.APIError{StatusCode:401, Message:"Authentication Error, No api key passed in.", Type:"auth_error", Code:"401", Param:"None", RequestID:"req-1", Method:"POST", Path:"/key/generate", Body:[]byte{/* 12 bytes */}, Attempts:1, Header:http.Header{/* 1 keys */}, NotFoundHint:false, MidStream:false}`},
		{"%#v nil", fmt.Sprintf("%#v", (*APIError)(nil)), "<nil>"},
		{"%v nil", fmt.Sprintf("%v", (*APIError)(nil)), "<nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.got != tt.want {
				t.Errorf("got\n  %s\nwant\n  %s", tt.got, tt.want)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		t.Parallel()
		got, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		want := `{"status_code":401,"message":"Authentication Error, No api key passed in.","type":"auth_error","code":"401","param":"None","request_id":"req-1","method":"POST","path":"/key/generate","attempts":1,"error":"` + base + `"}`
		if string(got) != want {
			t.Errorf("json.Marshal =\n  %s\nwant\n  %s", got, want)
		}
	})
	t.Run("slog", func(t *testing.T) {
		t.Parallel()
		var buf bytes.Buffer
		slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		}})).Info("failed", "err", e)
		want := `level=INFO msg=failed err.status=401 err.method=POST err.path=/key/generate err.type=auth_error err.code=401 err.param=None err.request_id=req-1 err.message="Authentication Error, No api key passed in."` + "\n"
		if buf.String() != want {
			t.Errorf("slog =\n  %s\nwant\n  %s", buf.String(), want)
		}
	})
}

func TestAPIErrorIs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		err    *APIError
		target error
		want   bool
	}{
		{"504 is server", &APIError{StatusCode: 504}, ErrServer, true},
		{"599 is server", &APIError{StatusCode: 599}, ErrServer, true},
		{"600 is not server", &APIError{StatusCode: 600}, ErrServer, false},
		{"hint is not found", &APIError{StatusCode: 400, NotFoundHint: true}, ErrNotFound, true},
		{"hint keeps bad request", &APIError{StatusCode: 400, NotFoundHint: true}, ErrBadRequest, true},
		{"other error", &APIError{StatusCode: 404}, io.EOF, false},
		{"nil", nil, ErrNotFound, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.err.Is(tt.target); got != tt.want {
				t.Errorf("Is(%v) = %v, want %v", tt.target, got, tt.want)
			}
		})
	}
}

func TestApplyNotFoundHint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		want   bool
	}{
		{"404", 404, `{"detail": "gone"}`, true},
		{"400 body not found", 400, `{"error": "The specified model was NOT FOUND in the system"}`, true},
		{"500 python dict", 500, `{"error":{"message":"{'error': 'Model not found'}","type":"None","code":"500"}}`, true},
		{"400 other", 400, `{"error": "bad model"}`, false},
		{"401 not found in db", 401, `{"error":{"message":"Invalid proxy server token passed. key=x, not found in db.","type":"token_not_found_in_db","code":"401"}}`, false},
		{"html", 502, `<p>Page Not Found</p>`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := parseAPIError(&http.Response{StatusCode: tt.status}, []byte(tt.body), "POST", "/model/delete")
			err := applyNotFoundHint(fmt.Errorf("models.Delete: %w", e))
			if got := errors.Is(err, ErrNotFound); got != tt.want {
				t.Errorf("errors.Is(err, ErrNotFound) = %v, want %v", got, tt.want)
			}
		})
	}
	if err := applyNotFoundHint(nil); err != nil {
		t.Errorf("applyNotFoundHint(nil) = %v, want nil", err)
	}
	if err := applyNotFoundHint(io.EOF); err != io.EOF {
		t.Errorf("applyNotFoundHint(io.EOF) = %v, want io.EOF", err)
	}
	if !isNotFoundBody([]byte("x Not Found y")) || isNotFoundBody([]byte("notfound")) {
		t.Errorf("isNotFoundBody is wrong")
	}
}

func TestErrorFromSuccessBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		body   string
		want   *APIError
		wantOK bool
	}{
		{
			name:   "credentials quirk",
			body:   `{"message": "Record to delete does not exist.", "type": "internal_server_error", "param": "None", "openai_code": "500", "code": "500", "headers": {}}`,
			want:   &APIError{StatusCode: 500, Message: "Record to delete does not exist.", Type: "internal_server_error", Code: "500"},
			wantOK: true,
		},
		{
			name:   "code 404",
			body:   `{"message": "{'error': 'Credential not found'}", "type": "not_found_error", "param": "credential_name", "code": "404", "provider_specific_fields": null}`,
			want:   &APIError{StatusCode: 404, Message: "Credential not found", Type: "not_found_error", Code: "404", Param: "credential_name"},
			wantOK: true,
		},
		{
			name:   "numeric code",
			body:   `{"message": "m", "type": "t", "code": 403}`,
			want:   &APIError{StatusCode: 403, Message: "m", Type: "t", Code: "403"},
			wantOK: true,
		},
		{
			name:   "code None",
			body:   `{"message": "m", "type": null, "code": "None", "openai_code": "None"}`,
			want:   &APIError{StatusCode: 500, Message: "m"},
			wantOK: true,
		},
		{
			name:   "code 200",
			body:   `{"message": "m", "type": "t", "code": "200"}`,
			want:   &APIError{StatusCode: 500, Message: "m", Type: "t", Code: "200"},
			wantOK: true,
		},
		{name: "success field", body: `{"success": true, "message": "deleted", "type": "x", "code": "200"}`},
		{name: "no code", body: `{"message": "Credential deleted", "type": "info"}`},
		{name: "list", body: `{"credentials": [{"credential_name": "x"}]}`},
		{name: "array", body: `[{"message": "m", "type": "t", "code": "500"}]`},
		{name: "empty", body: ``},
		{name: "invalid", body: `{"message": "m", "type": "t", "code": "500"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := errorFromSuccessBody([]byte(tt.body))
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			if !ok {
				if got != nil {
					t.Errorf("got %#v, want nil", got)
				}
				return
			}
			tt.want.Body = []byte(tt.body)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("fill", func(t *testing.T) {
		t.Parallel()
		e, _ := errorFromSuccessBody([]byte(`{"message": "m", "type": "t", "code": "404"}`))
		e.fillFromResponse(&http.Response{StatusCode: 200, Header: http.Header{"X-Litellm-Call-Id": {"c"}}}, "DELETE", "/credentials/x")
		if got, want := e.Error(), "DELETE /credentials/x: 404 t: m"; got != want || e.RequestID != "c" || !errors.Is(e, ErrNotFound) {
			t.Errorf("Error() = %q, RequestID %q; want %q, c", got, e.RequestID, want)
		}
	})
}

func TestParseStreamErrorEvent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		data   string
		want   *APIError
		wantOK bool
	}{
		{
			name:   "error object",
			data:   `{"error": {"message": "litellm.RateLimitError: slow down", "type": "None", "param": "None", "code": "429"}}`,
			want:   &APIError{StatusCode: 429, Message: "litellm.RateLimitError: slow down", Code: "429"},
			wantOK: true,
		},
		{
			name:   "error string",
			data:   `{"error": "upstream disconnected"}`,
			want:   &APIError{StatusCode: 500, Message: "upstream disconnected"},
			wantOK: true,
		},
		{
			name:   "no code",
			data:   `{"error": {"message": "boom", "type": "internal_server_error"}}`,
			want:   &APIError{StatusCode: 500, Message: "boom", Type: "internal_server_error"},
			wantOK: true,
		},
		{
			name:   "python dict message",
			data:   ` {"error": {"message": "{'error': 'No keys found'}", "code": 404}} `,
			want:   &APIError{StatusCode: 404, Message: "No keys found", Code: "404"},
			wantOK: true,
		},
		{name: "chunk", data: `{"id": "c1", "choices": [{"delta": {"content": "hi"}}]}`},
		{name: "error null", data: `{"id": "c1", "error": null}`},
		{name: "done", data: `[DONE]`},
		{name: "not json", data: `error: boom`},
		{name: "empty", data: ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			buf := []byte(tt.data)
			got, ok := parseStreamErrorEvent(buf)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			if !ok {
				return
			}
			tt.want.Body = []byte(tt.data)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			for i := range buf {
				buf[i] = 'x'
			}
			if string(got.Body) != tt.data {
				t.Errorf("Body shares the caller's buffer")
			}
		})
	}
}

// endlessReader returns 'a' forever and counts the bytes it gave.
type endlessReader struct{ n int64 }

func (r *endlessReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	r.n += int64(len(p))
	return len(p), nil
}

// failingReader fails after returning some bytes.
type failingReader struct{ done bool }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.done {
		return 0, io.ErrUnexpectedEOF
	}
	r.done = true
	return copy(p, "partial"), nil
}

func TestReadErrorBody(t *testing.T) {
	t.Parallel()
	t.Run("small", func(t *testing.T) {
		t.Parallel()
		got, err := readErrorBody(strings.NewReader(`{"detail": "x"}`))
		if err != nil || string(got) != `{"detail": "x"}` {
			t.Errorf("readErrorBody = %q, %v", got, err)
		}
	})
	t.Run("limit and bounded drain", func(t *testing.T) {
		t.Parallel()
		r := &endlessReader{}
		got, err := readErrorBody(r)
		if err != nil || len(got) != MaxErrorBodySize {
			t.Fatalf("readErrorBody read %d bytes, %v; want %d", len(got), err, MaxErrorBodySize)
		}
		if r.n > MaxErrorBodySize+maxErrorBodyDrain+64<<10 {
			t.Errorf("read %d bytes from an endless body, want it bounded", r.n)
		}
	})
	t.Run("exactly the limit drains the rest", func(t *testing.T) {
		t.Parallel()
		r := strings.NewReader(strings.Repeat("a", MaxErrorBodySize+100))
		got, err := readErrorBody(r)
		if err != nil || len(got) != MaxErrorBodySize || r.Len() != 0 {
			t.Errorf("read %d, %v, %d left; want %d, nil, 0", len(got), err, r.Len(), MaxErrorBodySize)
		}
	})
	t.Run("error", func(t *testing.T) {
		t.Parallel()
		got, err := readErrorBody(&failingReader{})
		if !errors.Is(err, io.ErrUnexpectedEOF) || string(got) != "partial" {
			t.Errorf("readErrorBody = %q, %v; want partial, ErrUnexpectedEOF", got, err)
		}
	})
	t.Run("nil", func(t *testing.T) {
		t.Parallel()
		if got, err := readErrorBody(nil); got != nil || err != nil {
			t.Errorf("readErrorBody(nil) = %q, %v", got, err)
		}
	})
}

func FuzzParseAPIError(f *testing.F) {
	for _, shape := range errorBodyShapes {
		f.Add(401, []byte(shape.body), uint(0))
	}
	f.Add(200, []byte(`{"message": "m", "type": "t", "code": "500"}`), uint(12))
	f.Add(500, []byte(`{"error":{"message":"{'error': 'x'}"}}`), uint(25))
	f.Fuzz(func(t *testing.T, status int, body []byte, at uint) {
		// Plant the key somewhere in the body, as a word of its own.
		pos := int(at % uint(len(body)+1))
		planted := make([]byte, 0, len(body)+len(plantedKey)+1)
		planted = append(planted, body[:pos]...)
		planted = append(planted, ' ')
		planted = append(planted, plantedKey...)
		planted = append(planted, body[pos:]...)
		for _, b := range [][]byte{body, planted} {
			resp := &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"text/html"}}}
			e := parseAPIError(resp, b, http.MethodPost, "/key/generate")
			_ = e.Error()
			_, _ = errorFromSuccessBody(b)
			if se, ok := parseStreamErrorEvent(b); ok {
				_ = se.Error()
			}
		}
		resp := &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"text/html"}}}
		e := parseAPIError(resp, planted, http.MethodPost, "/key/generate")
		for _, got := range apiErrorRenderings(t, e) {
			if strings.Contains(got, plantedSecret) {
				t.Fatalf("body %q: rendering leaks the key: %s", planted, got)
			}
		}
		if se, ok := errorFromSuccessBody(planted); ok {
			if got := se.Error(); strings.Contains(got, plantedSecret) {
				t.Fatalf("body %q: errorFromSuccessBody leaks the key: %s", planted, got)
			}
		}
		if se, ok := parseStreamErrorEvent(planted); ok {
			if got := fmt.Sprintf("%+v", se); strings.Contains(got, plantedSecret) {
				t.Fatalf("body %q: parseStreamErrorEvent leaks the key: %s", planted, got)
			}
		}
	})
}
