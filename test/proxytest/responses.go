package proxytest

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The Responses API: the built-in model answers "You said: <the last user
// text>", stores every response (unless store is false) with its input
// items, streams it as OpenAI's typed events, and keeps a background
// response in_progress until it is cancelled.

// responseStore holds a server's responses. It lives beside the handler
// (keyed by it) so that the Responses API needs no field of its own there.
type responseStore struct {
	mu    sync.Mutex
	resps map[string]*storedResponse
}

type storedResponse struct {
	resp  map[string]any
	input []any
}

var responseStores sync.Map // *handler -> *responseStore

func (h *handler) responses() *responseStore {
	if s, ok := responseStores.Load(h); ok {
		return s.(*responseStore)
	}
	s, _ := responseStores.LoadOrStore(h, &responseStore{resps: map[string]*storedResponse{}})
	return s.(*responseStore)
}

// responseInput returns the input items of a request (a string is one user
// message) and the text of the last user message.
func responseInput(v any) (items []any, text string) {
	switch in := v.(type) {
	case string:
		items = []any{map[string]any{"type": "message", "role": "user", "content": []any{map[string]any{"type": "input_text", "text": in}}}}
		return items, in
	case []any:
		for _, x := range in {
			m, ok := x.(map[string]any)
			if !ok {
				continue
			}
			item := deepCopyAny(m)
			if item["type"] == nil {
				item["type"] = "message"
			}
			if m["role"] == "user" {
				text = contentText(m["content"])
				if parts, ok := m["content"].([]any); ok {
					var ts []string
					for _, p := range parts {
						if pm, ok := p.(map[string]any); ok {
							if s, ok := pm["text"].(string); ok {
								ts = append(ts, s)
							}
						}
					}
					text = strings.Join(ts, " ")
				}
			}
			if s, ok := item["content"].(string); ok {
				item["content"] = []any{map[string]any{"type": "input_text", "text": s}}
			}
			items = append(items, item)
		}
	}
	return items, text
}

func deepCopyAny(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}

// ResponseCreate serves POST /responses.
func (h *handler) ResponseCreate(w http.ResponseWriter, r *http.Request) { h.responseCreate(w, r) }

// ResponseCreateV1 serves POST /v1/responses.
func (h *handler) ResponseCreateV1(w http.ResponseWriter, r *http.Request) { h.responseCreate(w, r) }

func (h *handler) responseCreate(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ri := infoOf(r)
	var req struct {
		Model              string         `json:"model"`
		Input              any            `json:"input"`
		Instructions       any            `json:"instructions"`
		MaxOutputTokens    *int           `json:"max_output_tokens"`
		PreviousResponseID *string        `json:"previous_response_id"`
		Store              *bool          `json:"store"`
		Background         bool           `json:"background"`
		Stream             bool           `json:"stream"`
		Metadata           map[string]any `json:"metadata"`
		Temperature        *float64       `json:"temperature"`
		TopP               *float64       `json:"top_p"`
	}
	if e := readInference(r, &req); e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	items, text := responseInput(req.Input)
	if len(items) == 0 {
		h.inferenceError(w, ri, proxyErr(http.StatusBadRequest, "invalid_request_error", "input",
			"litellm.BadRequestError: OpenAIException - input must be a string or a list of input items"))
		return
	}
	d, e := h.inferenceDeployment(ri, req.Model)
	if e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	store := h.responses()
	if req.PreviousResponseID != nil && *req.PreviousResponseID != "" {
		store.mu.Lock()
		_, ok := store.resps[*req.PreviousResponseID]
		store.mu.Unlock()
		if !ok {
			h.inferenceError(w, ri, responseNotFound(*req.PreviousResponseID))
			return
		}
	}
	h.mu.Lock()
	id := "resp_" + strings.ReplaceAll(h.uuid(), "-", "")
	msgID := "msg_" + strings.ReplaceAll(h.uuid(), "-", "")
	created := h.now().Unix()
	h.mu.Unlock()
	words := strings.Fields("You said: " + text)
	status := "completed"
	var incomplete any
	if req.MaxOutputTokens != nil && *req.MaxOutputTokens > 0 && len(words) > *req.MaxOutputTokens {
		words, status = words[:*req.MaxOutputTokens], "incomplete"
		incomplete = map[string]any{"reason": "max_output_tokens"}
	}
	answer := strings.Join(words, " ")
	inTokens := max(1, len(strings.Fields(text)))
	message := map[string]any{"type": "message", "id": msgID, "status": "completed", "role": "assistant", "phase": nil,
		"content": []any{map[string]any{"type": "output_text", "text": answer, "annotations": []any{}, "logprobs": nil}}}
	resp := map[string]any{
		"id": id, "object": "response", "created_at": created, "status": status, "model": req.Model,
		"output": []any{message}, "error": nil, "incomplete_details": incomplete, "instructions": req.Instructions,
		"metadata": orEmpty(req.Metadata), "parallel_tool_calls": true, "temperature": orOne(req.Temperature), "top_p": orOne(req.TopP),
		"tool_choice": "auto", "tools": []any{}, "max_output_tokens": req.MaxOutputTokens, "previous_response_id": req.PreviousResponseID,
		"reasoning": map[string]any{"effort": nil, "summary": nil}, "text": map[string]any{"format": map[string]any{"type": "text"}},
		"truncation": "disabled", "user": nil, "store": req.Store == nil || *req.Store, "background": req.Background,
		"usage": h.responseUsage(inTokens, len(words)),
	}
	if req.Background {
		resp["status"], resp["output"], resp["usage"] = "in_progress", []any{}, nil
	}
	if req.Store == nil || *req.Store {
		store.mu.Lock()
		store.resps[id] = &storedResponse{resp: resp, input: items}
		store.mu.Unlock()
	}
	h.inferenceHeaders(w, ri, d, req.Model, start)
	if !req.Stream {
		writeJSON(w, http.StatusOK, resp)
		return
	}
	if h.is106() {
		// 1.106 prices a streamed response in its last event.
		if u, ok := resp["usage"].(map[string]any); ok {
			u = maps.Clone(u)
			u["cost"] = 0.0
			resp = maps.Clone(resp)
			resp["usage"] = u
		}
	}
	h.writeEvents(w, r, ri, responseEvents(resp, message, words), false)
}

// responseUsage is the usage of a response as the proxy reports it: the
// detail members it does not know are null.
func (h *handler) responseUsage(in, out int) map[string]any {
	inDetails := map[string]any{"cached_tokens": 0, "audio_tokens": nil, "text_tokens": nil}
	outDetails := map[string]any{"reasoning_tokens": 0, "text_tokens": nil}
	if h.is106() {
		inDetails["cached_tokens_details"], inDetails["image_tokens"], inDetails["video_tokens"] = nil, nil, nil
		outDetails["audio_tokens"] = nil
	}
	return map[string]any{"input_tokens": in, "output_tokens": out, "total_tokens": in + out, "cost": nil,
		"input_tokens_details": inDetails, "output_tokens_details": outDetails}
}

// withoutNulls is a deep copy of m without null members (at any depth):
// the proxy drops them (exclude_none) from the events of a stream.
func withoutNulls(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	var v any
	_ = json.Unmarshal(b, &v)
	out, _ := stripNulls(v).(map[string]any)
	return out
}

func stripNulls(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e == nil {
				delete(x, k)
				continue
			}
			x[k] = stripNulls(e)
		}
	case []any:
		for i, e := range x {
			x[i] = stripNulls(e)
		}
	}
	return v
}

// responseEvents are the events of a streamed response, as OpenAI sends them.
func responseEvents(resp, message map[string]any, words []string) []sseEvent {
	var events []sseEvent
	seq := 0
	add := func(typ string, fields map[string]any) {
		fields["type"] = typ
		fields["sequence_number"] = seq
		seq++
		data, _ := json.Marshal(withoutNulls(fields))
		events = append(events, sseEvent{name: typ, data: data})
	}
	pending := withoutNulls(resp)
	pending["status"], pending["output"] = "in_progress", []any{}
	delete(pending, "usage")
	add("response.created", map[string]any{"response": pending})
	add("response.in_progress", map[string]any{"response": pending})
	if resp["status"] == "in_progress" { // a background response streams no output yet
		return events
	}
	id := message["id"]
	item := map[string]any{"type": "message", "id": id, "status": "in_progress", "role": "assistant", "content": []any{}}
	add("response.output_item.added", map[string]any{"output_index": 0, "item": item})
	add("response.content_part.added", map[string]any{"item_id": id, "output_index": 0, "content_index": 0,
		"part": map[string]any{"type": "output_text", "text": "", "annotations": []any{}}})
	for i, w := range words {
		if i > 0 {
			w = " " + w
		}
		add("response.output_text.delta", map[string]any{"item_id": id, "output_index": 0, "content_index": 0, "delta": w})
	}
	text := strings.Join(words, " ")
	add("response.output_text.done", map[string]any{"item_id": id, "output_index": 0, "content_index": 0, "text": text})
	add("response.content_part.done", map[string]any{"item_id": id, "output_index": 0, "content_index": 0,
		"part": map[string]any{"type": "output_text", "text": text, "annotations": []any{}}})
	add("response.output_item.done", map[string]any{"output_index": 0, "item": message})
	final := "response.completed"
	if resp["status"] == "incomplete" {
		final = "response.incomplete"
	}
	add(final, map[string]any{"response": resp})
	return events
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func orOne(f *float64) float64 {
	if f == nil {
		return 1
	}
	return *f
}

// responseNotFound is the answer for an id no stored response has.
func responseNotFound(id string) *apiError {
	return proxyErr(http.StatusNotFound, "invalid_request_error", nil, fmt.Sprintf("Response with id '%s' not found.", id))
}

func (h *handler) storedResponse(w http.ResponseWriter, ri *reqInfo, id string) *storedResponse {
	store := h.responses()
	store.mu.Lock()
	s := store.resps[id]
	store.mu.Unlock()
	if s == nil {
		h.inferenceError(w, ri, responseNotFound(id))
	}
	return s
}

// ResponseGet serves GET /responses/{response_id}.
func (h *handler) ResponseGet(w http.ResponseWriter, r *http.Request, id string) {
	h.responseGet(w, r, id)
}

// ResponseGetV1 serves GET /v1/responses/{response_id}.
func (h *handler) ResponseGetV1(w http.ResponseWriter, r *http.Request, id string) {
	h.responseGet(w, r, id)
}

func (h *handler) responseGet(w http.ResponseWriter, r *http.Request, id string) {
	if s := h.storedResponse(w, infoOf(r), id); s != nil {
		store := h.responses()
		store.mu.Lock()
		data, err := json.Marshal(s.resp)
		store.mu.Unlock()
		if err == nil {
			writeRaw(w, http.StatusOK, "application/json", data)
		}
	}
}

// ResponseDelete serves DELETE /responses/{response_id}.
func (h *handler) ResponseDelete(w http.ResponseWriter, r *http.Request, id string) {
	h.responseDelete(w, r, id)
}

// ResponseDeleteV1 serves DELETE /v1/responses/{response_id}.
func (h *handler) ResponseDeleteV1(w http.ResponseWriter, r *http.Request, id string) {
	h.responseDelete(w, r, id)
}

func (h *handler) responseDelete(w http.ResponseWriter, r *http.Request, id string) {
	if s := h.storedResponse(w, infoOf(r), id); s != nil {
		store := h.responses()
		store.mu.Lock()
		delete(store.resps, id)
		store.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{"id": id, "object": "response", "deleted": true})
	}
}

// ResponseCancel serves POST /responses/{response_id}/cancel.
func (h *handler) ResponseCancel(w http.ResponseWriter, r *http.Request, id string) {
	h.responseCancel(w, r, id)
}

// ResponseCancelV1 serves POST /v1/responses/{response_id}/cancel.
func (h *handler) ResponseCancelV1(w http.ResponseWriter, r *http.Request, id string) {
	h.responseCancel(w, r, id)
}

func (h *handler) responseCancel(w http.ResponseWriter, r *http.Request, id string) {
	ri := infoOf(r)
	s := h.storedResponse(w, ri, id)
	if s == nil {
		return
	}
	store := h.responses()
	store.mu.Lock()
	if s.resp["background"] != true {
		store.mu.Unlock()
		h.inferenceError(w, ri, proxyErr(http.StatusBadRequest, "invalid_request_error", nil,
			"Only responses created with background=true can be cancelled."))
		return
	}
	s.resp["status"] = "cancelled"
	data, _ := json.Marshal(s.resp)
	store.mu.Unlock()
	writeRaw(w, http.StatusOK, "application/json", data)
}

// ResponseInputItems serves GET /responses/{response_id}/input_items.
func (h *handler) ResponseInputItems(w http.ResponseWriter, r *http.Request, id string) {
	h.responseInputItems(w, r, id)
}

// ResponseInputItemsV1 serves GET /v1/responses/{response_id}/input_items.
func (h *handler) ResponseInputItemsV1(w http.ResponseWriter, r *http.Request, id string) {
	h.responseInputItems(w, r, id)
}

func (h *handler) responseInputItems(w http.ResponseWriter, r *http.Request, id string) {
	s := h.storedResponse(w, infoOf(r), id)
	if s == nil {
		return
	}
	store := h.responses()
	store.mu.Lock()
	items := make([]any, len(s.input))
	for i, it := range s.input {
		m := deepCopyAny(it.(map[string]any))
		if m["id"] == nil {
			m["id"] = fmt.Sprintf("msg_%s_%d", strings.TrimPrefix(id, "resp_"), i)
		}
		items[len(items)-1-i] = m // newest first, as OpenAI lists them
	}
	store.mu.Unlock()
	out := map[string]any{"object": "list", "data": items, "has_more": false, "first_id": nil, "last_id": nil}
	if len(items) > 0 {
		out["first_id"], out["last_id"] = items[0].(map[string]any)["id"], items[len(items)-1].(map[string]any)["id"]
	}
	writeJSON(w, http.StatusOK, out)
}
