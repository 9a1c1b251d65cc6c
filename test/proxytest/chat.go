package proxytest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/gen"
)

// The wire shapes of chat completions. The proxy drops null fields from them
// (exclude_none), and so do these types; unlike the generated ones they keep
// zero counts and index 0.
type (
	chatCompletionJSON struct {
		ID      string       `json:"id"`
		Created int64        `json:"created"`
		Model   string       `json:"model"`
		Object  string       `json:"object"`
		Choices []choiceJSON `json:"choices"`
		Usage   usageJSON    `json:"usage"`
	}
	choiceJSON struct {
		FinishReason string      `json:"finish_reason"`
		Index        int         `json:"index"`
		Message      messageJSON `json:"message"`
	}
	messageJSON struct {
		Content   *string        `json:"content,omitempty"`
		Role      string         `json:"role"`
		ToolCalls []toolCallJSON `json:"tool_calls,omitempty"`
	}
	toolCallJSON struct {
		Index    *int         `json:"index,omitempty"`
		ID       string       `json:"id,omitempty"`
		Type     string       `json:"type,omitempty"`
		Function functionJSON `json:"function"`
	}
	functionJSON struct {
		Name      string `json:"name,omitempty"`
		Arguments string `json:"arguments"`
	}
	usageJSON struct {
		CompletionTokens        int            `json:"completion_tokens"`
		PromptTokens            int            `json:"prompt_tokens"`
		TotalTokens             int            `json:"total_tokens"`
		CompletionTokensDetails map[string]int `json:"completion_tokens_details,omitempty"`
		PromptTokensDetails     map[string]int `json:"prompt_tokens_details,omitempty"`
	}
	chunkJSON struct {
		ID      string            `json:"id"`
		Created int64             `json:"created"`
		Model   string            `json:"model"`
		Object  string            `json:"object"`
		Choices []chunkChoiceJSON `json:"choices"`
		Usage   *usageJSON        `json:"usage,omitempty"`
	}
	chunkChoiceJSON struct {
		Index        int       `json:"index"`
		Delta        deltaJSON `json:"delta"`
		FinishReason string    `json:"finish_reason,omitempty"`
	}
	deltaJSON struct {
		Role      string         `json:"role,omitempty"`
		Content   string         `json:"content,omitempty"`
		ToolCalls []toolCallJSON `json:"tool_calls,omitempty"`
	}
)

// answer is what the built-in model says in one choice.
type answer struct {
	content  string // when toolCall is nil
	toolCall *toolCallJSON
	finish   string
}

// completion is a computed chat completion.
type completion struct {
	id      string
	created int64
	model   string
	choices []answer
	usage   usageJSON
	headers http.Header
	mock    bool // from a mock_response deployment
	v106    bool // imitating 1.106.12
}

// boolF is 1 for true, 0 for false.
func boolF(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// apiBase is the provider URL the proxy reports in x-litellm-model-api-base:
// litellm_params.api_base, else the provider's default.
func apiBase(params map[string]any) string {
	if base := str(params["api_base"]); base != "" {
		base, _, _ = strings.Cut(base, "?")
		return base
	}
	switch provider(params) {
	case "openai":
		return "https://api.openai.com"
	case "anthropic":
		return "https://api.anthropic.com"
	}
	return ""
}

// contentText is the text of a message content: a string, or the text parts
// of a list of parts.
func contentText(c any) string {
	switch v := c.(type) {
	case string:
		return v
	case []any:
		var parts []string
		for _, p := range v {
			if m, ok := p.(map[string]any); ok && str(m["type"]) == "text" {
				parts = append(parts, str(m["text"]))
			}
		}
		return strings.Join(parts, " ")
	}
	return ""
}

// words counts whitespace-separated words: the built-in model's tokens.
func words(s string) int { return len(strings.Fields(s)) }

var callRE = regexp.MustCompile(`(?i)\bcall\s+([A-Za-z0-9_.\-]+)`)

// toolArgs finds a JSON object in s, or returns "{}".
func toolArgs(s string) string {
	i, j := strings.Index(s, "{"), strings.LastIndex(s, "}")
	if i >= 0 && j > i {
		var buf bytes.Buffer
		if json.Compact(&buf, []byte(s[i:j+1])) == nil {
			return buf.String()
		}
	}
	return "{}"
}

// reply computes the built-in model's answer:
//
//   - After a tool message it answers "Tool result: <content>".
//   - With tools, a last user message containing "call <name>" (name of one of
//     the tools) makes it call that tool, with the JSON object found after the
//     name (or {}) as arguments. tool_choice "none" prevents it; "required" or
//     a named function forces it.
//   - Otherwise it answers "You said: <text of the last user message>".
func reply(req *gen.ChatCompletionRequest) (text string, call *functionJSON) {
	if len(req.Messages) == 0 {
		return "You said nothing.", nil
	}
	last := req.Messages[len(req.Messages)-1]
	lastUser := ""
	for i := len(req.Messages) - 1; i >= 0; i-- {
		if req.Messages[i].Role == gen.ChatMessageRoleUser {
			lastUser = strings.TrimSpace(contentText(req.Messages[i].Content))
			break
		}
	}
	if len(req.Tools) > 0 {
		forced, mode := "", "auto"
		switch tc := req.ToolChoice.(type) {
		case string:
			mode = tc
		case map[string]any:
			if fn, ok := tc["function"].(map[string]any); ok {
				forced, mode = str(fn["name"]), "required"
			}
		}
		has := func(name string) bool {
			for _, t := range req.Tools {
				if t.Function.Name == name {
					return true
				}
			}
			return false
		}
		name, args := "", "{}"
		if last.Role == gen.ChatMessageRoleUser {
			if m := callRE.FindStringSubmatchIndex(lastUser); m != nil && has(lastUser[m[2]:m[3]]) {
				name, args = lastUser[m[2]:m[3]], toolArgs(lastUser[m[3]:])
			}
		}
		switch {
		case mode == "none":
			name = ""
		case forced != "" && has(forced):
			if name != forced {
				name, args = forced, "{}"
			}
		case mode == "required" && name == "":
			name = req.Tools[0].Function.Name
		}
		if name != "" {
			return "", &functionJSON{Name: name, Arguments: args}
		}
	}
	if last.Role == gen.ChatMessageRoleTool {
		return "Tool result: " + strings.TrimSpace(contentText(last.Content)), nil
	}
	if lastUser == "" {
		return "You said nothing.", nil
	}
	return "You said: " + lastUser, nil
}

// ChatCompletion serves POST /chat/completions.
func (h *handler) ChatCompletion(w http.ResponseWriter, r *http.Request) { h.chat(w, r) }

// ChatCompletionV1 serves POST /v1/chat/completions.
func (h *handler) ChatCompletionV1(w http.ResponseWriter, r *http.Request) { h.chat(w, r) }

func (h *handler) chat(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ri := infoOf(r)
	req, e := h.readChat(r, ri)
	if e != nil {
		writeError(w, e)
		return
	}
	n := 1
	if req.N != nil {
		n = *req.N
	}
	if n < 1 || n > 128 {
		writeError(w, proxyErr(http.StatusBadRequest, "None", "n", "litellm.BadRequestError: n must be between 1 and 128"))
		return
	}
	maxTokens := 0
	for _, v := range []*int{req.MaxTokens, req.MaxCompletionTokens} {
		if v != nil {
			if *v < 1 {
				writeError(w, proxyErr(http.StatusBadRequest, "None", "max_tokens", "litellm.BadRequestError: max_tokens must be at least 1"))
				return
			}
			maxTokens = *v
		}
	}

	text, call := reply(req)
	c, e := h.complete(ri, req, n, maxTokens, text, call)
	if e != nil {
		writeError(w, e)
		return
	}
	h.tagSpendLog(c.id, r) // spend.go
	c.headers.Set("x-litellm-response-duration-ms", strconv.FormatFloat(float64(time.Since(start).Microseconds())/1000, 'f', 3, 64))
	for k, vs := range c.headers {
		w.Header()[k] = vs
	}
	if req.Stream {
		h.stream(w, r, ri, c, req.StreamOptions.IncludeUsage)
		return
	}
	out := chatCompletionJSON{ID: c.id, Created: c.created, Model: c.model, Object: "chat.completion", Usage: c.usage}
	for i, a := range c.choices {
		ch := choiceJSON{FinishReason: a.finish, Index: i, Message: messageJSON{Role: "assistant"}}
		if a.toolCall != nil {
			tc := *a.toolCall
			ch.Message.ToolCalls = []toolCallJSON{tc}
		} else {
			content := a.content
			ch.Message.Content = &content
		}
		out.Choices = append(out.Choices, ch)
	}
	writeJSON(w, http.StatusOK, out)
}

// complete checks access, picks a deployment, builds the answer and books its
// cost on the key, its user and its team.
func (h *handler) complete(ri *reqInfo, req *gen.ChatCompletionRequest, n, maxTokens int, text string, call *functionJSON) (*completion, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := ri.p
	if e := h.allowedModel(p, req.Model); e != nil {
		return nil, e
	}
	var keySpend float64
	if p.key != nil {
		keySpend = p.key.row.Spend
		if maxBudget := p.key.row.MaxBudget; maxBudget != nil && keySpend >= *maxBudget {
			return nil, proxyErr(http.StatusBadRequest, "budget_exceeded", nil,
				fmt.Sprintf("Budget has been exceeded! Current cost: %s, Max budget: %s", pyFloat(keySpend), pyFloat(*maxBudget)))
		}
	}
	d, err := h.pickDeployment(req.Model)
	if err != nil {
		// The model was deleted since readChat looked it up.
		return nil, h.invalidModel(ri.route, req.Model)
	}

	c := &completion{id: "chatcmpl-" + h.uuid(), created: h.now().Unix(), model: req.Model, headers: http.Header{}}
	if mock, ok := d.params["mock_response"].(string); ok {
		// A mock deployment answers its mock_response, with litellm's mock usage.
		call = nil
		text = mock
		c.mock = true
	}
	c.v106 = h.is106()
	prompt := 0
	for _, m := range req.Messages {
		prompt += words(contentText(m.Content))
	}
	completionTokens := 0
	for range n {
		a := answer{finish: "stop"}
		if call != nil {
			tc := toolCallJSON{ID: "call_" + strings.ReplaceAll(h.uuid(), "-", "")[:24], Type: "function", Function: *call}
			a.toolCall, a.finish = &tc, "tool_calls"
			completionTokens += words(call.Name + " " + call.Arguments)
		} else {
			ws := strings.Fields(text)
			if maxTokens > 0 && len(ws) > maxTokens {
				ws, a.finish = ws[:maxTokens], "length"
			}
			a.content = strings.Join(ws, " ")
			completionTokens += len(ws)
		}
		c.choices = append(c.choices, a)
	}
	c.usage = usageJSON{
		CompletionTokens: completionTokens, PromptTokens: prompt, TotalTokens: prompt + completionTokens,
		CompletionTokensDetails: map[string]int{"reasoning_tokens": 0},
		PromptTokensDetails:     map[string]int{"cached_tokens": 0},
	}
	if c.mock {
		c.usage = usageJSON{CompletionTokens: 20, PromptTokens: 10, TotalTokens: 30}
	}
	// Prices: the deployment's model_info, else the cost map's. A model
	// neither prices has no cost, and the proxy sends no response-cost.
	known := h.knownModel(d.params)
	price := func(k string) (float64, bool) {
		if v, ok := num(d.info[k]); ok {
			return v, true
		}
		return num(known[k])
	}
	inCost, inOK := price("input_cost_per_token")
	outCost, outOK := price("output_cost_per_token")
	priced := inOK || outOK
	cost := float64(prompt)*inCost + float64(completionTokens)*outCost
	h.bookSpend(p, req.Model, cost)
	h.logSpend(p, req, d, c, cost) // spend.go

	// The headers of common_request_processing.get_custom_headers. A stream
	// has them before its cost is known: 1.88 omits the cost, the model
	// group and the retry counts there.
	hd := c.headers
	full := !req.Stream || h.is106()
	streamCost := cost
	if req.Stream {
		streamCost = 0
	}
	hd.Set("x-litellm-call-id", h.uuid())
	hd.Set("x-litellm-model-id", d.id)
	hd.Set("x-litellm-version", h.version())
	if h.is106() {
		hd.Set("x-litellm-model-name", str(d.params["model"]))
		hd.Set("x-litellm-response-cost-input", pyFloat(float64(prompt)*inCost*boolF(!req.Stream)))
		hd.Set("x-litellm-response-cost-output", pyFloat(float64(completionTokens)*outCost*boolF(!req.Stream)))
		hd.Set("x-litellm-response-cost-tool-usage", "0.0")
	}
	if !req.Stream && (h.knownModel(d.params) != nil || d.info["input_cost_per_token"] != nil || d.info["output_cost_per_token"] != nil) {
		// Without a price (a model the cost map does not know, and no
		// model_info costs) the cost is None and the header is left out.
		if priced {
			hd.Set("x-litellm-response-cost", pyFloat(cost))
		}
	}
	hd.Set("x-litellm-response-cost-original", pyFloat(streamCost))
	hd.Set("x-litellm-response-cost-discount-amount", "0.0")
	hd.Set("x-litellm-response-cost-margin-amount", "0.0")
	hd.Set("x-litellm-response-cost-margin-percent", "0.0")
	hd.Set("x-litellm-key-spend", pyFloat(keySpend+streamCost))
	hd.Set("x-litellm-callback-duration-ms", "0.0")
	if full {
		hd.Set("x-litellm-model-group", req.Model)
		hd.Set("x-litellm-attempted-retries", "0")
		hd.Set("x-litellm-attempted-fallbacks", "0")
	}
	if !c.mock {
		// Set from the time spent calling the provider, which a mock skips.
		hd.Set("x-litellm-overhead-duration-ms", "0.1")
	}
	if base := apiBase(d.params); base != "" {
		hd.Set("x-litellm-model-api-base", base)
	}
	if region := h.customerRegion(req.User); region != "" { // customers.go
		hd.Set("x-litellm-model-region", region)
	}
	if p.key != nil {
		if v := p.key.row.MaxBudget; v != nil {
			hd.Set("x-litellm-key-max-budget", pyFloat(*v))
		}
		if v := p.key.row.TPMLimit; v != nil {
			hd.Set("x-litellm-key-tpm-limit", pyFloat(float64(*v)))
		}
		if v := p.key.row.RPMLimit; v != nil {
			hd.Set("x-litellm-key-rpm-limit", pyFloat(float64(*v)))
		}
	}
	return c, nil
}

// bookSpend adds cost to the caller's key, user and team. h.mu must be held.
func (h *handler) bookSpend(p *principal, model string, cost float64) {
	if p.key == nil {
		return
	}
	p.key.row.Spend += cost
	bookModelSpend(p.key.row.ModelSpend, model, cost)
	p.key.row.LastActive = ptr(isoTime(h.now()))
	if u := h.users[p.userID]; u != nil {
		u.row.Spend += cost
		bookModelSpend(u.row.ModelSpend, model, cost)
	}
	if t := h.teams[p.teamID()]; t != nil {
		t.row.Spend += cost
		bookModelSpend(t.row.ModelSpend, model, cost)
	}
}

// bookModelSpend adds cost to the model's entry of a model_spend column.
func bookModelSpend(ms map[string]any, model string, cost float64) {
	if ms != nil {
		v, _ := num(ms[model])
		ms[model] = v + cost
	}
}

// chunks builds the stream events of a completion (JSON, without "data: ").
func (c *completion) chunks(includeUsage bool) [][]byte {
	var out [][]byte
	add := func(choices []chunkChoiceJSON, usage *usageJSON) {
		data, _ := json.Marshal(chunkJSON{ID: c.id, Created: c.created, Model: c.model,
			Object: "chat.completion.chunk", Choices: choices, Usage: usage})
		out = append(out, data)
	}
	for i, a := range c.choices {
		if a.toolCall != nil {
			zero := 0
			head := toolCallJSON{Index: &zero, ID: a.toolCall.ID, Type: "function", Function: functionJSON{Name: a.toolCall.Function.Name}}
			add([]chunkChoiceJSON{{Index: i, Delta: deltaJSON{Role: "assistant", ToolCalls: []toolCallJSON{head}}}}, nil)
			args := toolCallJSON{Index: &zero, Function: functionJSON{Arguments: a.toolCall.Function.Arguments}}
			add([]chunkChoiceJSON{{Index: i, Delta: deltaJSON{ToolCalls: []toolCallJSON{args}}}}, nil)
		} else if c.mock {
			// litellm's mock stream: three characters a chunk.
			rs := []rune(a.content)
			if len(rs) == 0 {
				add([]chunkChoiceJSON{{Index: i, Delta: deltaJSON{Role: "assistant"}}}, nil)
			}
			for j := 0; j < len(rs); j += 3 {
				d := deltaJSON{Content: string(rs[j:min(j+3, len(rs))])}
				if j == 0 {
					d.Role = "assistant"
				}
				add([]chunkChoiceJSON{{Index: i, Delta: d}}, nil)
			}
		} else {
			ws := strings.Fields(a.content)
			if len(ws) == 0 {
				add([]chunkChoiceJSON{{Index: i, Delta: deltaJSON{Role: "assistant"}}}, nil)
			}
			for j, word := range ws {
				d := deltaJSON{Content: word}
				if j > 0 {
					d.Content = " " + word
				} else {
					d.Role = "assistant"
				}
				add([]chunkChoiceJSON{{Index: i, Delta: d}}, nil)
			}
		}
		add([]chunkChoiceJSON{{Index: i, Delta: deltaJSON{}, FinishReason: a.finish}}, nil)
	}
	if includeUsage && c.mock {
		// The usage chunk of a mock stream counts the streamed text.
		toks := len(strings.Fields(c.choices[0].content))
		u := map[string]any{"completion_tokens": toks, "prompt_tokens": c.usage.PromptTokens, "total_tokens": toks + c.usage.PromptTokens,
			"completion_tokens_details": map[string]any{"reasoning_tokens": 0}}
		if c.v106 {
			u["completion_tokens_details"] = map[string]any{"reasoning_tokens": 0, "text_tokens": toks}
			u["cost"] = 0.0
		}
		data, _ := json.Marshal(map[string]any{"id": c.id, "created": c.created, "model": c.model, "object": "chat.completion.chunk",
			"choices": []any{map[string]any{"index": 0, "delta": map[string]any{}}}, "usage": u})
		out = append(out, data)
	} else if includeUsage {
		u := c.usage
		add([]chunkChoiceJSON{}, &u)
	}
	return out
}

// stream writes a completion as server-sent events, word by word, applying
// the stream faults that fire.
func (h *handler) stream(w http.ResponseWriter, r *http.Request, ri *reqInfo, c *completion, includeUsage bool) {
	chunks := c.chunks(includeUsage)
	events := make([]sseEvent, len(chunks))
	for i, data := range chunks {
		events[i] = sseEvent{data: data}
	}
	h.writeEvents(w, r, ri, events, true)
}

// chatErrHeaders are the x-litellm-* headers the proxy sends with an error
// raised while it handles a chat request (after authentication): the call
// id, a zero response cost and the key's spend; timeout adds
// x-litellm-timeout, sent when the provider call itself failed.
func (h *handler) chatErrHeaders(p *principal, timeout bool) http.Header {
	h.mu.Lock()
	defer h.mu.Unlock()
	hd := http.Header{}
	hd.Set("x-litellm-call-id", h.uuid())
	hd.Set("x-litellm-response-cost", "0")
	spend := 0.0
	if p != nil && p.key != nil {
		spend = p.key.row.Spend
	}
	hd.Set("x-litellm-key-spend", pyFloat(spend))
	if timeout {
		hd.Set("x-litellm-timeout", "6000.0")
	}
	return hd
}

// isChat reports whether opID is a chat completion operation.
func isChat(opID string) bool {
	switch strings.ToLower(opID) {
	case "chatcompletion", "chatcompletionv1":
		return true
	}
	return false
}
