package proxytest

import (
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// HealthLiveliness serves GET /health/liveliness: the JSON string "I'm alive!".
func (h *handler) HealthLiveliness(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, "I'm alive!")
}

// HealthReadiness serves GET /health/readiness, as a proxy without a database answers it.
func (h *handler) HealthReadiness(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"status": "healthy", "db": "Not connected", "cache": nil, "litellm_version": Version,
		"success_callbacks": []any{}, "use_aiohttp_transport": true,
	})
}

// HealthTestConnection serves POST /health/test_connection. The connection
// "succeeds" when litellm_params.model is a model group or the model of a
// deployment (e.g. "openai/gpt-4o"); otherwise the answer is status "error",
// still with HTTP 200 as in the proxy.
func (h *handler) HealthTestConnection(w http.ResponseWriter, r *http.Request) {
	var req gen.HealthTestConnectionRequest
	if _, e := readBody(r, &req); e != nil {
		writeError(w, e)
		return
	}
	h.do(w, func() (any, *apiError) {
		result := map[string]any{}
		for k, v := range req.LitellmParams {
			if !secretParam(k) {
				result[k] = deepCopy(v)
			}
		}
		mode := string(req.Mode)
		if mode == "" {
			mode = "chat"
		}
		result["mode"] = mode
		model := str(req.LitellmParams["model"])
		for _, d := range h.deployments {
			if model != "" && (d.name == model || str(d.params["model"]) == model) {
				return map[string]any{"status": "success", "result": result}, nil
			}
		}
		msg := "litellm.BadRequestError: LLM Provider NOT provided or model not known to proxytest. model=" + model
		result["error"] = msg
		return map[string]any{"status": "error", "result": result, "message": msg}, nil
	})
}
