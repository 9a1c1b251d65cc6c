package proxytest

import (
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// HealthLiveliness serves GET /health/liveliness: the JSON string "I'm alive!".
func (h *handler) HealthLiveliness(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, "I'm alive!")
}

// HealthReadiness serves GET /health/readiness: only the status and the
// database connection, as 1.88 has it (the version moved to
// /health/readiness/details).
func (h *handler) HealthReadiness(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"status": "healthy", "db": h.dbStatus()})
}

// HealthReadinessDetails serves GET /health/readiness/details (proxy admins):
// the readiness answer with the version, the cache and the callbacks.
func (h *handler) HealthReadinessDetails(w http.ResponseWriter, _ *http.Request) {
	callbacks := []any{"sync_deployment_callback_on_success", "SkillsInjectionHook", "_PROXY_VirtualKeyModelMaxBudgetLimiter",
		"_PROXY_MaxBudgetLimiter", "_PROXY_MaxParallelRequestsHandler_v3", "_PROXY_CacheControlCheck", "ResponsesIDSecurity",
		"_PROXY_MaxIterationsHandler", "_PROXY_MaxBudgetPerSessionHandler", "ServiceLogging"}
	if h.is106() {
		callbacks = []any{"sync_deployment_callback_on_success", "_PROXY_VirtualKeyModelMaxBudgetLimiter",
			"_PROXY_MaxParallelRequestsHandler_v3", "_PROXY_CacheControlCheck", "ResponsesIDSecurity", "SkillsInjectionHook",
			"_PROXY_MaxIterationsHandler", "_PROXY_MaxBudgetPerSessionHandler", "_PROXY_SensitiveDataRoutingHandler",
			"PromptCacheObserver", "ServiceLogging"}
	}
	if !h.cfg.noDB {
		callbacks = append(callbacks, "_ProxyDBLogger")
	}
	body := map[string]any{
		"status": "healthy", "db": h.dbStatus(), "cache": nil, "litellm_version": h.version(),
		"success_callbacks": callbacks, "use_aiohttp_transport": true, "log_level": "WARNING", "is_detailed_debug": false,
	}
	if h.is106() {
		body["show_no_redis_warning"] = true
		body["show_env_credential_login_warning"] = true
	}
	writeJSON(w, http.StatusOK, body)
}

// dbStatus is the "db" of the readiness answers.
func (h *handler) dbStatus() string {
	if h.cfg.noDB {
		return "Not connected"
	}
	return "connected"
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
