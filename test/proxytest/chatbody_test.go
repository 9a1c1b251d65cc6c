package proxytest_test

import (
	"strings"
	"testing"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestChatBodyErrors checks chat bodies the way the real proxy checks them:
// no FastAPI validation, but its own (odd) answers, which differ by version.
func TestChatBodyErrors(t *testing.T) {
	t.Parallel()
	hi := []any{map[string]any{"role": "user", "content": "hi"}}
	const invalidModel = "/chat/completions: Invalid model name passed in model="
	tests := []struct {
		name    string
		version string
		body    any
		status  int
		typ     any // the error's type; nil for JSON null; "" for success
		param   any
		msg     string
		headers bool // the x-litellm-* headers of an error raised while handling the call
		timeout bool // and x-litellm-timeout
	}{
		{"invalid JSON", "", `{"model": "gpt-4o", "messages": [`, 400, "invalid_request_error", "request_body", "Invalid JSON payload: ", false, false},
		{"blank body", "", " ", 400, "invalid_request_error", "request_body", "Invalid JSON payload: input data is empty", false, false},
		{"not an object", "", `[1, 2]`, 500, "internal_server_error", nil, "Internal server error", false, false},
		{"no body", "", "", 400, "None", "None", invalidModel + "None.", true, false},
		{"missing model", "", map[string]any{"messages": hi}, 400, "None", "None", invalidModel + "None.", true, false},
		{"unknown model", "", map[string]any{"model": "gpt-5", "messages": hi}, 400, "None", "None", invalidModel + "gpt-5.", true, false},
		{"missing messages", "", map[string]any{"model": "gpt-4o"}, 500, "None", "None", "Router.acompletion() missing 1 required positional argument: 'messages'", true, false},
		{"model a number", "", map[string]any{"model": 42, "messages": hi}, 500, "None", "None", "argument of type 'int' is not iterable", true, false},
		{"model a list", "", map[string]any{"model": []any{"gpt-4o"}, "messages": hi}, 500, "None", "None", "unhashable type: 'list'", true, false},
		{"messages a string", "", map[string]any{"model": "gpt-4o", "messages": "hi"}, 400, "invalid_request_error", nil, "'str' object has no attribute 'get'", true, true},
		{"messages a number", "", map[string]any{"model": "gpt-4o", "messages": 42}, 500, nil, nil, "'int' object is not iterable", true, true},
		{"empty messages", "", map[string]any{"model": "gpt-4o", "messages": []any{}}, 200, "", nil, "", false, false},
		{"message without role", "", map[string]any{"model": "gpt-4o", "messages": []any{map[string]any{"content": "hi"}}}, 200, "", nil, "", false, false},
		{"temperature a string", "", map[string]any{"model": "gpt-4o", "messages": hi, "temperature": "hot"}, 200, "", nil, "", false, false},

		{"1.106 missing messages", proxytest.Version1_106, map[string]any{"model": "gpt-4o"}, 400, "invalid_request_error", "messages", "/chat/completions: Missing required parameter: 'messages'.", true, false},
		{"1.106 no body", proxytest.Version1_106, "", 400, "invalid_request_error", "messages", "Missing required parameter: 'messages'.", true, false},
		{"1.106 model a number", proxytest.Version1_106, map[string]any{"model": 42, "messages": hi}, 400, "bad_request_error", "model", "'model' must be a string.", true, false},
		{"1.106 unknown model", proxytest.Version1_106, map[string]any{"model": "gpt-5", "messages": hi}, 400, "invalid_request_error", nil, invalidModel + "gpt-5.", true, false},
		{"1.106 messages a number", proxytest.Version1_106, map[string]any{"model": "gpt-4o", "messages": 42}, 500, "internal_server_error", nil, "No fallback was attempted.", true, true},
	}
	servers := map[string]*proxytest.Server{}
	for _, v := range []string{"", proxytest.Version1_106} {
		opts := []proxytest.Option{}
		if v != "" {
			opts = append(opts, proxytest.WithVersion(v))
		}
		servers[v] = newServer(t, opts...)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := servers[tt.version]
			r := call(t, srv, "POST", "/chat/completions", srv.MasterKey, tt.body)
			if tt.status == 200 {
				mustOK(t, r)
				return
			}
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tt.status, r.Body)
			}
			e := proxyError(t, r)
			if e["type"] != tt.typ || e["param"] != tt.param {
				t.Errorf("type, param = %#v, %#v; want %#v, %#v (%s)", e["type"], e["param"], tt.typ, tt.param, r.Body)
			}
			if m, _ := e["message"].(string); !strings.Contains(m, tt.msg) {
				t.Errorf("message = %q, want it to contain %q", m, tt.msg)
			}
			if got := r.Header.Get("x-litellm-call-id") != ""; got != tt.headers {
				t.Errorf("x-litellm-call-id present = %t, want %t", got, tt.headers)
			}
			if tt.headers && (r.Header.Get("x-litellm-response-cost") != "0" || r.Header.Get("x-litellm-key-spend") != "0.0") {
				t.Errorf("error headers = %v", r.Header)
			}
			if got := r.Header.Get("x-litellm-timeout") != ""; got != tt.timeout {
				t.Errorf("x-litellm-timeout present = %t, want %t", got, tt.timeout)
			}
		})
	}
}

// TestChatMockResponse checks a deployment with litellm_params.mock_response,
// which answers as litellm's mock does.
func TestChatMockResponse(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithModels(proxytest.Model{Name: "echo",
		Params: map[string]any{"model": "openai/gpt-4o", "mock_response": "Hello from the mock"}}))
	m := mustOK(t, call(t, srv, "POST", "/chat/completions", srv.MasterKey, chatBody("echo", "anything"))).Map(t)
	if get(m, "choices", 0, "message", "content") != "Hello from the mock" {
		t.Errorf("content = %v", m)
	}
	if u, _ := m["usage"].(map[string]any); len(u) != 3 || u["total_tokens"] != 30.0 {
		t.Errorf("usage = %v, want litellm's mock usage (20+10=30, no details)", m["usage"])
	}
	body := chatBody("echo", "anything")
	body["stream"] = true
	body["stream_options"] = map[string]any{"include_usage": true}
	s := readSSE(t, openStream(t, srv, srv.MasterKey, body).Body)
	text := ""
	for _, c := range s.chunks {
		if d, ok := get(c, "choices", 0, "delta", "content").(string); ok {
			if len([]rune(d)) > 3 {
				t.Errorf("chunk %q: litellm's mock streams three characters a chunk", d)
			}
			text += d
		}
	}
	if text != "Hello from the mock" {
		t.Errorf("streamed %q", text)
	}
	last := s.chunks[len(s.chunks)-1]
	if get(last, "usage", "completion_tokens_details", "reasoning_tokens") != 0.0 || get(last, "choices", 0, "index") != 0.0 {
		t.Errorf("usage chunk = %v", last)
	}
}
