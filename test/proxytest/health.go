package proxytest

import (
	"net/http"
	"strings"

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
	req, _, ok := decodeBody[gen.HealthTestConnectionRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		model := str(req.LitellmParams["model"])
		if model == "" {
			return nil, errorDetail(http.StatusInternalServerError, "Failed to test connection: 1 validation error for LiteLLM_Params\nmodel\n"+
				"  Field required [type=missing, input_value={}, input_type=dict]\n    For further information visit https://errors.pydantic.dev/2.14/v/missing")
		}
		// The proxy makes a 5-token uncached call with the params and
		// answers them back (without secrets).
		result := map[string]any{}
		for k, v := range req.LitellmParams {
			if !secretParam(k) {
				result[k] = deepCopy(v)
			}
		}
		result["max_tokens"] = 5
		result["cache"] = map[string]any{"no-cache": true}
		ok := req.LitellmParams["mock_response"] != nil
		for _, d := range h.deployments {
			ok = ok || d.name == model || str(d.params["model"]) == model
		}
		if ok {
			for _, f := range []string{"use_in_pass_through", "use_litellm_proxy", "merge_reasoning_content_in_choices"} {
				if _, set := result[f]; !set {
					result[f] = false
				}
			}
			return map[string]any{"status": "success", "result": result}, nil
		}
		upstream := model
		if _, m, cut := strings.Cut(model, "/"); cut {
			upstream = m
		}
		result["error"] = "litellm.BadRequestError: LLM Provider NOT provided or model not known to proxytest. model=" + model
		result["raw_request_typed_dict"] = map[string]any{
			"raw_request_api_base": req.LitellmParams["api_base"],
			"raw_request_body": map[string]any{"model": upstream, "messages": []any{map[string]any{"role": "user", "content": "What's 1 + 1?"}},
				"max_tokens": 5, "extra_body": map[string]any{}},
			"raw_request_headers": map[string]any{}, "error": nil,
		}
		if key := str(req.LitellmParams["api_key"]); key != "" {
			result["raw_request_typed_dict"].(map[string]any)["raw_request_headers"] = masked(map[string]any{"Authorization": "Bearer " + key})
		}
		return map[string]any{"status": "error", "result": result}, nil
	})
}
