package proxytest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/gen"
)

// The legacy text completion (POST /completions): the built-in model
// answers "You said: <prompt>", word by word when streamed.

type (
	textCompletionJSON struct {
		ID                string               `json:"id"`
		Object            string               `json:"object"`
		Created           int64                `json:"created"`
		Model             string               `json:"model"`
		SystemFingerprint *string              `json:"system_fingerprint"`
		Choices           []textCompletionItem `json:"choices"`
		Usage             *textUsageJSON       `json:"usage,omitempty"`
	}
	textCompletionItem struct {
		Text         string  `json:"text"`
		Index        int     `json:"index"`
		Logprobs     any     `json:"logprobs"`
		FinishReason *string `json:"finish_reason"`
	}
	// textUsageJSON is the usage of a completion: the detail objects are
	// null in a whole completion and set in a stream's usage chunk.
	textUsageJSON struct {
		CompletionTokens        int `json:"completion_tokens"`
		PromptTokens            int `json:"prompt_tokens"`
		TotalTokens             int `json:"total_tokens"`
		CompletionTokensDetails any `json:"completion_tokens_details"`
		PromptTokensDetails     any `json:"prompt_tokens_details,omitempty"`
		// Cost is set in a stream's usage chunk by 1.106.
		Cost *float64 `json:"cost,omitempty"`
	}
	// The chunks of a stream, as the proxy re-frames them: no logprobs,
	// no system_fingerprint, a finish_reason only in the last chunk.
	textChunkJSON struct {
		ID      string          `json:"id"`
		Object  string          `json:"object"`
		Created int64           `json:"created"`
		Model   string          `json:"model"`
		Choices []textChunkItem `json:"choices"`
		Usage   *textUsageJSON  `json:"usage,omitempty"`
	}
	textChunkItem struct {
		Index        int    `json:"index"`
		Text         string `json:"text"`
		FinishReason string `json:"finish_reason,omitempty"`
	}
)

// Completion serves POST /completions.
func (h *handler) Completion(w http.ResponseWriter, r *http.Request, _ gen.CompletionParams) {
	h.textCompletion(w, r)
}

// CompletionV1 serves POST /v1/completions.
func (h *handler) CompletionV1(w http.ResponseWriter, r *http.Request, _ gen.CompletionV1Params) {
	h.textCompletion(w, r)
}

func (h *handler) textCompletion(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ri := infoOf(r)
	var req struct {
		Model         string `json:"model"`
		Prompt        any    `json:"prompt"`
		MaxTokens     *int   `json:"max_tokens"`
		N             *int   `json:"n"`
		Echo          bool   `json:"echo"`
		Stream        bool   `json:"stream"`
		StreamOptions struct {
			IncludeUsage bool `json:"include_usage"`
		} `json:"stream_options"`
	}
	if e := readInference(r, &req); e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	if req.Model == "" {
		req.Model = r.URL.Query().Get("model")
	}
	prompts := textInputs(req.Prompt)
	if len(prompts) == 0 {
		h.inferenceError(w, ri, proxyErr(http.StatusBadRequest, "invalid_request_error", "prompt",
			"litellm.BadRequestError: OpenAIException - prompt must be a string or a list of strings"))
		return
	}
	n := 1
	if req.N != nil {
		n = *req.N
	}
	if n < 1 || n > 128 {
		h.inferenceError(w, ri, proxyErr(http.StatusBadRequest, "None", "n", "litellm.BadRequestError: n must be between 1 and 128"))
		return
	}
	d, e := h.inferenceDeployment(ri, req.Model)
	if e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	h.mu.Lock()
	id := "cmpl-" + h.uuid()
	created := h.now().Unix()
	h.mu.Unlock()
	var choices []textCompletionItem
	usage := textUsageJSON{}
	for _, p := range prompts {
		usage.PromptTokens += words(p)
		for range n {
			ws := strings.Fields("You said: " + p)
			finish := "stop"
			if req.MaxTokens != nil && *req.MaxTokens > 0 && len(ws) > *req.MaxTokens {
				ws, finish = ws[:*req.MaxTokens], "length"
			}
			text := strings.Join(ws, " ")
			if req.Echo {
				text = p + text
			}
			usage.CompletionTokens += len(ws)
			choices = append(choices, textCompletionItem{Text: text, Index: len(choices), FinishReason: &finish})
		}
	}
	usage.TotalTokens = usage.PromptTokens + usage.CompletionTokens
	h.inferenceHeaders(w, ri, d, req.Model, start)
	if !req.Stream {
		usage.PromptTokensDetails = json.RawMessage("null")
		writeJSON(w, http.StatusOK, textCompletionJSON{ID: id, Object: "text_completion", Created: created, Model: req.Model,
			Choices: choices, Usage: &usage})
		return
	}
	var events []sseEvent
	chunk := func(c textChunkItem, u *textUsageJSON) {
		choices := []textChunkItem{c}
		if u != nil {
			choices = []textChunkItem{}
		}
		data, _ := json.Marshal(textChunkJSON{ID: id, Object: "text_completion", Created: created, Model: req.Model, Choices: choices, Usage: u})
		events = append(events, sseEvent{data: data})
	}
	for _, c := range choices {
		for i, word := range strings.Fields(c.Text) {
			if i > 0 {
				word = " " + word
			}
			chunk(textChunkItem{Text: word, Index: c.Index}, nil)
		}
		chunk(textChunkItem{Index: c.Index, FinishReason: *c.FinishReason}, nil)
	}
	if req.StreamOptions.IncludeUsage {
		u := usage
		u.CompletionTokensDetails = map[string]any{"reasoning_tokens": 0}
		if h.is106() {
			zero := 0.0
			u.Cost = &zero
		}
		chunk(textChunkItem{}, &u)
	}
	h.writeEvents(w, r, ri, events, true)
}
