// Reading a chat completion body the way the proxy does, and the proxy's
// answers to malformed ones.

package proxytest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"

	"github.com/litellm-go/proxyclient/gen"
)

// readChat reads a chat completion body as the proxy does: without FastAPI
// validation, so that malformed bodies get the proxy's own (odd) answers:
// invalid JSON a 400, a body that is no object a 500, a missing or unknown
// model a 400, missing messages a 500 (1.88) or 400 (1.106), messages that
// are no list of objects the 400 or 500 of the provider call that fails on
// them. Fields of a wrong type that the built-in model does not need are
// ignored, as a mock deployment of the proxy ignores them.
func (h *handler) readChat(r *http.Request, ri *reqInfo) (*gen.ChatCompletionRequest, *apiError) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, proxyErr(http.StatusBadRequest, "bad_request_error", "None", "could not read the request body")
	}
	obj := map[string]any{}
	if len(data) > 0 { // no body at all reads as {}, a blank one is invalid JSON
		var v any
		if len(bytes.TrimSpace(data)) == 0 {
			return nil, proxyErr(http.StatusBadRequest, "invalid_request_error", "request_body",
				"Invalid JSON payload: input data is empty: line 1 column 1 (char 0)")
		}
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, proxyErr(http.StatusBadRequest, "invalid_request_error", "request_body",
				"Invalid JSON payload: "+pyJSONError(data, err))
		}
		m, ok := v.(map[string]any)
		if !ok {
			return nil, internalServerError()
		}
		obj = m
	}
	fail := func(e *apiError, timeout bool) (*gen.ChatCompletionRequest, *apiError) {
		e.header = h.chatErrHeaders(ri.p, timeout)
		return nil, e
	}
	route := ri.route
	if route == "" {
		route = r.URL.Path
	}
	model, hasModel := obj["model"]
	messages, hasMessages := obj["messages"]
	if messages == nil {
		hasMessages = false
	}
	if h.is106() {
		if !hasMessages {
			return fail(proxyErr(http.StatusBadRequest, "invalid_request_error", "messages",
				route+": Missing required parameter: 'messages'."), false)
		}
		if _, isStr := model.(string); hasModel && model != nil && !isStr {
			return fail(proxyErr(http.StatusBadRequest, "bad_request_error", "model", "'model' must be a string."), false)
		}
	} else {
		switch model.(type) {
		case nil, string:
		case []any, map[string]any:
			return fail(proxyErr(http.StatusInternalServerError, "None", "None",
				fmt.Sprintf("unhashable type: '%s'", pyTypeName(model))), false)
		default:
			return fail(proxyErr(http.StatusInternalServerError, "None", "None",
				fmt.Sprintf("argument of type '%s' is not iterable", pyTypeName(model))), false)
		}
	}
	name, _ := model.(string)
	h.mu.Lock()
	known := slices.Contains(h.groups(), name)
	h.mu.Unlock()
	if !known {
		if denied := h.modelDenied(ri.p, name); denied != nil {
			return nil, denied
		}
		shown := name
		if !hasModel || model == nil {
			shown = "None"
		}
		return fail(h.invalidModel(route, shown), false)
	}
	if !hasMessages {
		return fail(proxyErr(http.StatusInternalServerError, "None", "None",
			"Router.acompletion() missing 1 required positional argument: 'messages'"), false)
	}
	if e := h.badMessages(name, messages); e != nil {
		return fail(e, true)
	}
	// Decode leniently: drop the fields that do not fit the typed request.
	var req gen.ChatCompletionRequest
	clean := map[string]any{}
	for k, v := range obj {
		one, _ := json.Marshal(map[string]any{k: v})
		var probe gen.ChatCompletionRequest
		if json.Unmarshal(one, &probe) == nil {
			clean[k] = v
		}
	}
	all, _ := json.Marshal(clean)
	if err := json.Unmarshal(all, &req); err != nil {
		return fail(proxyErr(http.StatusBadRequest, "invalid_request_error", nil, "Invalid request format: "+err.Error()), true)
	}
	return &req, nil
}

// invalidModel is the router's error for a model no deployment serves.
func (h *handler) invalidModel(route, model string) *apiError {
	msg := fmt.Sprintf("%s: Invalid model name passed in model=%s. Call `/v1/models` to view available models for your key.", route, model)
	e := proxyErr(http.StatusBadRequest, "None", "None", msg)
	if h.is106() {
		e = proxyErr(http.StatusBadRequest, "invalid_request_error", nil, msg)
	}
	e.body.(*errorEnvelope).Error.ProviderSpecificFields = map[string]any{"error": msg}
	return e
}

// modelDenied is the access error for a model the caller's key or team may
// not use, raised by the proxy's auth before the model is looked up.
func (h *handler) modelDenied(p *principal, model string) *apiError {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.allowedModel(p, model)
}

// badMessages returns the error of the provider call for messages that are
// not a list of objects, or nil.
func (h *handler) badMessages(model string, messages any) *apiError {
	list, isList := messages.([]any)
	if isList {
		ok := true
		for _, m := range list {
			if _, isObj := m.(map[string]any); !isObj {
				ok = false
			}
		}
		if ok {
			return nil
		}
	}
	tail := fmt.Sprintf(". Received Model Group=%s\nAvailable Model Group Fallbacks=None", model)
	if h.is106() {
		tail = fmt.Sprintf("\n\nLiteLLM: model group '%s' failed with the error above. No fallback was attempted.", model)
	}
	elem := "str" // iterating a string or an object yields strings
	if isList {
		for _, m := range list {
			if _, isObj := m.(map[string]any); !isObj {
				elem = pyTypeName(m)
				break
			}
		}
	}
	switch messages.(type) {
	case string, []any, map[string]any:
		return proxyErr(http.StatusBadRequest, "invalid_request_error", nil, fmt.Sprintf(
			"Invalid request format: litellm.APIConnectionError: APIConnectionError: OpenAIException - '%s' object has no attribute 'get'%s LiteLLM Retried: 2 times, LiteLLM Max Retries: 2",
			elem, tail))
	}
	var typ any // null in 1.88
	if h.is106() {
		typ = "internal_server_error"
	}
	return &apiError{status: http.StatusInternalServerError, body: &errorEnvelope{Error: errorObject{
		Message: fmt.Sprintf("litellm.APIConnectionError: APIConnectionError: OpenAIException - '%s' object is not iterable%s",
			pyTypeName(messages), tail),
		Type: typ, Code: "500",
	}}}
}
