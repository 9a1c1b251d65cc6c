package proxytest

import (
	_ "embed"
	"encoding/json"
	"strings"
)

// modelInfoJSON holds, per imitated version, what the real proxy adds to
// the models it serves (see its _comment).
//
//go:embed modelinfo.json
var modelInfoJSON []byte

// versionModelInfo is one version's entry of modelinfo.json.
type versionModelInfo struct {
	// ParamsDefaults are the litellm_params members the proxy adds to every
	// deployment in /model/info.
	ParamsDefaults map[string]any `json:"params_defaults"`
	// InfoKeys are the members of every model_info, in the proxy's order.
	InfoKeys []string `json:"info_keys"`
	// UnknownInfo are the non-null model_info values of a model the cost
	// map does not know.
	UnknownInfo map[string]any `json:"unknown_info"`
	// CostMap are the non-null model_info values of the models it knows,
	// by litellm_params.model.
	CostMap map[string]map[string]any `json:"cost_map"`
	// GroupKeys are the members of a /model_group/info entry.
	GroupKeys []string `json:"group_keys"`
}

var modelInfoData = func() map[string]*versionModelInfo {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(modelInfoJSON, &raw); err != nil {
		panic("proxytest: modelinfo.json: " + err.Error())
	}
	out := map[string]*versionModelInfo{}
	for v, data := range raw {
		if strings.HasPrefix(v, "_") {
			continue
		}
		var e versionModelInfo
		if err := json.Unmarshal(data, &e); err != nil {
			panic("proxytest: modelinfo.json " + v + ": " + err.Error())
		}
		out[v] = &e
	}
	return out
}()

// modelData returns the model data of the imitated version.
func (h *handler) modelData() *versionModelInfo { return modelInfoData[h.version()] }

// knownModel returns the cost-map values of litellm_params.model, or nil.
func (h *handler) knownModel(params map[string]any) map[string]any {
	return h.modelData().CostMap[str(params["model"])]
}

// modelInfoEntry renders a deployment as /model/info shows it: secrets
// removed from litellm_params and the proxy's defaults added; model_info
// with every member of the version, from the cost map (when it knows the
// model) overlaid with the deployment's own model_info.
func (h *handler) modelInfoEntry(d *deployment) map[string]any {
	md := h.modelData()
	params := deepCopyMap(md.ParamsDefaults)
	for k, v := range d.params {
		if !secretParam(k) {
			params[k] = v
		}
	}
	info := make(map[string]any, len(md.InfoKeys)+8)
	for _, k := range md.InfoKeys {
		info[k] = nil
	}
	known := h.knownModel(d.params)
	base := known
	if base == nil {
		base = md.UnknownInfo
		info["key"] = str(d.params["model"])
		info["litellm_provider"] = provider(d.params)
	}
	for k, v := range base {
		info[k] = deepCopy(v)
	}
	if db, _ := d.info["db_model"].(bool); db && h.cfg.enterprise {
		// Seeing who made a database model, and when, is an Enterprise
		// feature (ProxyConfig.get_model_info_with_id).
		for k, v := range map[string]any{"created_at": d.createdAt, "updated_at": d.updatedAt,
			"created_by": d.createdBy, "updated_by": d.updatedBy, "team_id": nil, "base_model": nil} {
			info[k] = v
		}
	}
	for k, v := range d.info {
		info[k] = deepCopy(v)
	}
	info["id"] = d.id
	return map[string]any{"model_name": d.name, "litellm_params": params, "model_info": info}
}

// modelGroupEntry renders a model group as /model_group/info shows it, from
// the model_info of its first deployment and the providers of all.
func (h *handler) modelGroupEntry(group string, first *deployment, providers []string) map[string]any {
	info := h.modelInfoEntry(first)["model_info"].(map[string]any)
	boolOf := func(k string) bool { b, _ := info[k].(bool); return b }
	numOr := func(k string) any {
		if f, ok := num(info[k]); ok {
			return f
		}
		return nil
	}
	known := h.knownModel(first.params) != nil
	out := map[string]any{}
	for _, k := range h.modelData().GroupKeys {
		out[k] = nil
	}
	for k, v := range map[string]any{
		"model_group": group, "providers": toAnySlice(providers),
		"max_input_tokens": numOr("max_input_tokens"), "max_output_tokens": numOr("max_output_tokens"),
		"input_cost_per_token": numOr("input_cost_per_token"), "output_cost_per_token": numOr("output_cost_per_token"),
		"mode":                               info["mode"],
		"supports_parallel_function_calling": boolOf("supports_parallel_function_calling"),
		"supports_vision":                    boolOf("supports_vision"),
		"supports_web_search":                boolOf("supports_web_search"),
		"supports_url_context":               boolOf("supports_url_context"),
		"supports_reasoning":                 boolOf("supports_reasoning"),
		"supports_function_calling":          boolOf("supports_function_calling"),
		"supported_openai_params":            deepCopy(info["supported_openai_params"]),
		"is_public_model_group":              false,
	} {
		out[k] = v
	}
	if h.is106() {
		out["supports_fast_mode"] = false
		if known {
			out["supported_reasoning_efforts"] = []any{}
		}
	} else if !known {
		// 1.88 reports the zero costs of a model it does not know.
		for _, k := range []string{"input_cost_per_token", "output_cost_per_token"} {
			if out[k] == nil {
				out[k] = 0.0
			}
		}
	}
	return out
}
