package proxytest_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

func chatBody(model, text string) map[string]any {
	return map[string]any{"model": model, "messages": []any{
		map[string]any{"role": "system", "content": "Be brief."},
		map[string]any{"role": "user", "content": text},
	}}
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestChatCompletion(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	key := genKey(t, srv, nil)
	r := mustOK(t, call(t, srv, "POST", "/chat/completions", key, chatBody("gpt-4o", "hello there")))
	m := r.Map(t)
	if id, _ := m["id"].(string); !strings.HasPrefix(id, "chatcmpl-") {
		t.Errorf("id = %q", id)
	}
	if _, ok := m["system_fingerprint"]; ok {
		t.Error("system_fingerprint should be omitted")
	}
	if c, _ := m["created"].(float64); c < 1.7e9 {
		t.Errorf("created = %v", m["created"])
	}
	wantChoices := []any{map[string]any{"index": 0.0, "finish_reason": "stop",
		"message": map[string]any{"role": "assistant", "content": "You said: hello there"}}}
	if diff := cmp.Diff(wantChoices, m["choices"]); diff != "" {
		t.Errorf("choices (-want +got):\n%s", diff)
	}
	// Tokens are words: "Be brief." + "hello there" = 4; "You said: hello there" = 4.
	if get(m, "usage", "prompt_tokens") != 4.0 || get(m, "usage", "completion_tokens") != 4.0 || get(m, "usage", "total_tokens") != 8.0 || m["model"] != "gpt-4o" || m["object"] != "chat.completion" {
		t.Errorf("usage/model/object = %v", m)
	}

	h := r.Header
	if !uuidRE.MatchString(h.Get("x-litellm-call-id")) {
		t.Errorf("x-litellm-call-id = %q", h.Get("x-litellm-call-id"))
	}
	if h.Get("x-litellm-model-id") != "proxytest-gpt-4o-openai" || h.Get("x-litellm-version") != proxytest.Version {
		t.Errorf("headers = %v", h)
	}
	cost, _ := strconv.ParseFloat(h.Get("x-litellm-response-cost"), 64)
	if want := 4*2.5e-6 + 4*1e-5; math.Abs(cost-want) > 1e-12 {
		t.Errorf("cost = %v, want %v", cost, want)
	}
	// As the proxy's, the key's spend includes this response's cost.
	if got, _ := strconv.ParseFloat(h.Get("x-litellm-key-spend"), 64); math.Abs(got-cost) > 1e-12 {
		t.Errorf("x-litellm-key-spend = %v, want %v", got, cost)
	}
	// The cost is booked on the key.
	info := mustOK(t, call(t, srv, "GET", "/key/info", key, nil)).Map(t)
	if spend, _ := get(info, "info", "spend").(float64); math.Abs(spend-cost) > 1e-12 {
		t.Errorf("key spend = %v, want %v", spend, cost)
	}
	// The next call goes to the group's other deployment and reports the spend so far.
	r = mustOK(t, call(t, srv, "POST", "/v1/chat/completions", key, chatBody("gpt-4o", "again")))
	if r.Header.Get("x-litellm-model-id") != "proxytest-gpt-4o-azure" || r.Header.Get("x-litellm-model-api-base") != "https://proxytest.openai.azure.com" {
		t.Errorf("second call headers = %v", r.Header)
	}
	// "Be brief." + "again" = 3 tokens in, "You said: again" = 3 out.
	if got, want := must(strconv.ParseFloat(r.Header.Get("x-litellm-key-spend"), 64)), cost+3*2.5e-6+3*1e-5; math.Abs(got-want) > 1e-12 {
		t.Errorf("x-litellm-key-spend = %v, want %v", got, want)
	}
}

func must[T any](v T, _ error) T { return v }

func TestChatOptions(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	body := chatBody("claude-3-5-sonnet", "one two three four")
	body["n"], body["max_tokens"] = 2, 3
	m := mustOK(t, call(t, srv, "POST", "/chat/completions", srv.MasterKey, body)).Map(t)
	choices := m["choices"].([]any)
	if len(choices) != 2 {
		t.Fatalf("%d choices, want 2", len(choices))
	}
	for i, c := range choices {
		if get(c, "index") != float64(i) || get(c, "finish_reason") != "length" || get(c, "message", "content") != "You said: one" {
			t.Errorf("choice %d = %v", i, c)
		}
	}
	if get(m, "usage", "completion_tokens") != 6.0 {
		t.Errorf("usage = %v", m["usage"])
	}
	// Content parts.
	parts := map[string]any{"model": "gpt-4o", "messages": []any{map[string]any{"role": "user", "content": []any{
		map[string]any{"type": "text", "text": "look at"}, map[string]any{"type": "image_url", "image_url": map[string]any{"url": "https://x.test/a.png"}},
		map[string]any{"type": "text", "text": "this"},
	}}}}
	m = mustOK(t, call(t, srv, "POST", "/chat/completions", srv.MasterKey, parts)).Map(t)
	if get(m, "choices", 0, "message", "content") != "You said: look at this" {
		t.Errorf("parts answer = %v", m)
	}
	body = chatBody("gpt-4o", "x")
	body["n"] = 0
	wantProxyError(t, call(t, srv, "POST", "/chat/completions", srv.MasterKey, body), 400, "None", "n must be between 1 and 128")
}

func weatherTool() []any {
	return []any{map[string]any{"type": "function", "function": map[string]any{
		"name": "get_weather", "parameters": map[string]any{"type": "object", "properties": map[string]any{"city": map[string]any{"type": "string"}}},
	}}}
}

func TestChatToolCalls(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	body := chatBody("gpt-4o", `please call get_weather {"city": "Paris"}`)
	body["tools"] = weatherTool()
	m := mustOK(t, call(t, srv, "POST", "/chat/completions", srv.MasterKey, body)).Map(t)
	choice := get(m, "choices", 0)
	if get(choice, "finish_reason") != "tool_calls" || get(choice, "message", "content") != nil {
		t.Fatalf("choice = %v", choice)
	}
	tc := get(choice, "message", "tool_calls", 0)
	if id, _ := get(tc, "id").(string); !strings.HasPrefix(id, "call_") || get(tc, "type") != "function" ||
		get(tc, "function", "name") != "get_weather" || get(tc, "function", "arguments") != `{"city":"Paris"}` {
		t.Errorf("tool call = %v", tc)
	}

	// tool_choice "none" answers in text; a tool message gets its result echoed.
	body["tool_choice"] = "none"
	m = mustOK(t, call(t, srv, "POST", "/chat/completions", srv.MasterKey, body)).Map(t)
	if get(m, "choices", 0, "finish_reason") != "stop" {
		t.Errorf("tool_choice none = %v", m)
	}
	delete(body, "tool_choice")
	body["messages"] = append(body["messages"].([]any),
		map[string]any{"role": "assistant", "content": nil, "tool_calls": []any{tc}},
		map[string]any{"role": "tool", "tool_call_id": get(tc, "id"), "content": "18C and sunny"})
	m = mustOK(t, call(t, srv, "POST", "/chat/completions", srv.MasterKey, body)).Map(t)
	if get(m, "choices", 0, "message", "content") != "Tool result: 18C and sunny" {
		t.Errorf("after tool = %v", m)
	}
	// A named tool_choice forces the call.
	body = chatBody("gpt-4o", "what is the weather?")
	body["tools"] = weatherTool()
	body["tool_choice"] = map[string]any{"type": "function", "function": map[string]any{"name": "get_weather"}}
	m = mustOK(t, call(t, srv, "POST", "/chat/completions", srv.MasterKey, body)).Map(t)
	if get(m, "choices", 0, "message", "tool_calls", 0, "function", "arguments") != "{}" {
		t.Errorf("forced call = %v", m)
	}
}

func TestChatErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithTeams(proxytest.Team{ID: "claude-team", Models: []string{"claude-3-5-sonnet"}}))
	e := wantProxyError(t, call(t, srv, "POST", "/chat/completions", srv.MasterKey, chatBody("gpt-5", "hi")), 400, "None", "")
	msg := "/chat/completions: Invalid model name passed in model=gpt-5. Call `/v1/models` to view available models for your key."
	if e["message"] != msg || e["param"] != "None" || get(e, "provider_specific_fields", "error") != msg {
		t.Errorf("unknown model error = %v", e)
	}
	teamKey := genKey(t, srv, map[string]any{"team_id": "claude-team"})
	wantProxyError(t, call(t, srv, "POST", "/chat/completions", teamKey, chatBody("gpt-4o", "hi")), 403, "team_model_access_denied",
		"team not allowed to access model. This team can only access models=['claude-3-5-sonnet']. Tried to access gpt-4o")
	mustOK(t, call(t, srv, "POST", "/chat/completions", teamKey, chatBody("claude-3-5-sonnet", "hi")))

	budget := genKey(t, srv, map[string]any{"max_budget": 1e-9})
	mustOK(t, call(t, srv, "POST", "/chat/completions", budget, chatBody("gpt-4o", "hi")))
	e = wantProxyError(t, call(t, srv, "POST", "/chat/completions", budget, chatBody("gpt-4o", "hi")), 400, "budget_exceeded", "Budget has been exceeded!")
	if e["param"] != nil {
		t.Errorf("param = %v, want null", e["param"])
	}
}

// openStream posts a streaming chat request and returns the open response.
func openStream(t *testing.T, srv *proxytest.Server, key string, body map[string]any) *http.Response {
	t.Helper()
	body["stream"] = true
	data, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(t.Context(), "POST", srv.URL+"/chat/completions", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// sse is a server-sent event stream, parsed by hand.
type sse struct {
	chunks   []map[string]any // JSON data events
	raw      []string         // every data payload, [DONE] included
	comments int              // ": ..." lines
	done     bool             // saw data: [DONE]
	err      error            // the read error that ended the stream, if any
}

func readSSE(t *testing.T, body io.Reader) sse {
	t.Helper()
	var s sse
	sc := bufio.NewScanner(body)
	blank := true
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if blank {
				t.Errorf("two blank lines in a row")
			}
			blank = true
			continue
		case strings.HasPrefix(line, ":"):
			s.comments++
		case strings.HasPrefix(line, "data: "):
			if !blank {
				t.Errorf("event %q not separated by a blank line", line)
			}
			payload := strings.TrimPrefix(line, "data: ")
			s.raw = append(s.raw, payload)
			if payload == "[DONE]" {
				s.done = true
			} else {
				var m map[string]any
				if err := json.Unmarshal([]byte(payload), &m); err != nil {
					t.Errorf("event %q: %v", payload, err)
				}
				if _, isErr := m["error"]; isErr {
					checkSchema(t, "ProxyError", m)
				} else {
					checkSchema(t, "ChatCompletionChunk", m)
				}
				s.chunks = append(s.chunks, m)
			}
		default:
			t.Errorf("unexpected line %q", line)
		}
		blank = false
	}
	s.err = sc.Err()
	return s
}

func TestChatStream(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	body := chatBody("gpt-4o", "stream me please")
	body["stream_options"] = map[string]any{"include_usage": true}
	resp := openStream(t, srv, srv.MasterKey, body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" || resp.Header.Get("x-litellm-model-id") == "" {
		t.Fatalf("status %d, headers %v", resp.StatusCode, resp.Header)
	}
	s := readSSE(t, resp.Body)
	if s.err != nil || !s.done || s.raw[len(s.raw)-1] != "[DONE]" {
		t.Fatalf("stream did not end with [DONE]: %+v", s)
	}
	// 5 words, a finish chunk, a usage chunk.
	if len(s.chunks) != 7 {
		t.Fatalf("%d chunks, want 7: %v", len(s.chunks), s.raw)
	}
	var text strings.Builder
	id := s.chunks[0]["id"]
	for i, c := range s.chunks {
		if c["id"] != id || c["object"] != "chat.completion.chunk" || c["model"] != "gpt-4o" {
			t.Errorf("chunk %d = %v", i, c)
		}
		if i < 5 {
			text.WriteString(get(c, "choices", 0, "delta", "content").(string))
			if _, ok := get(c, "choices", 0).(map[string]any)["finish_reason"]; ok {
				t.Errorf("chunk %d has a finish_reason", i)
			}
		}
	}
	if get(s.chunks[0], "choices", 0, "delta", "role") != "assistant" || get(s.chunks[1], "choices", 0, "delta", "role") != nil {
		t.Errorf("only the first chunk carries the role: %v", s.raw[:2])
	}
	if text.String() != "You said: stream me please" {
		t.Errorf("text = %q", text.String())
	}
	if get(s.chunks[5], "choices", 0, "finish_reason") != "stop" {
		t.Errorf("finish chunk = %v", s.chunks[5])
	}
	usage := s.chunks[6]
	if diff := cmp.Diff([]any{}, usage["choices"]); diff != "" || get(usage, "usage", "total_tokens") != 10.0 {
		t.Errorf("usage chunk = %v", usage)
	}

	// Without include_usage there is no usage chunk.
	s = readSSE(t, openStream(t, srv, srv.MasterKey, chatBody("gpt-4o", "two words")).Body)
	if len(s.chunks) != 5 || !s.done {
		t.Errorf("%d chunks: %v", len(s.chunks), s.raw)
	}
	for _, c := range s.chunks {
		if _, ok := c["usage"]; ok {
			t.Errorf("usage without include_usage: %v", c)
		}
	}
}

func TestChatStreamToolCall(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	body := chatBody("gpt-4o", `call get_weather {"city":"Oslo"}`)
	body["tools"] = weatherTool()
	s := readSSE(t, openStream(t, srv, srv.MasterKey, body).Body)
	if len(s.chunks) != 3 || !s.done {
		t.Fatalf("chunks = %v", s.raw)
	}
	if get(s.chunks[0], "choices", 0, "delta", "tool_calls", 0, "function", "name") != "get_weather" ||
		get(s.chunks[1], "choices", 0, "delta", "tool_calls", 0, "function", "arguments") != `{"city":"Oslo"}` ||
		get(s.chunks[2], "choices", 0, "finish_reason") != "tool_calls" {
		t.Errorf("tool call stream = %v", s.raw)
	}
}

func TestChatStreamErrorBeforeFirstByte(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	resp := openStream(t, srv, "sk-test-unknown", chatBody("gpt-4o", "hi"))
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 401 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || !bytes.Contains(data, []byte("token_not_found_in_db")) {
		t.Errorf("status %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), data)
	}
}
