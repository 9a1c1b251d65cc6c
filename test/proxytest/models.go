package proxytest

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/litellm-go/proxyclient/gen"
)

// modelCreated is the proxy's DEFAULT_MODEL_CREATED_AT_TIME, the "created" of
// every /models entry.
const modelCreated = 1677610602

// deployment is a model deployment: a LiteLLM_ProxyModelTable row.
type deployment struct {
	seq                  int64
	id, name             string
	params, info         map[string]any
	createdAt, updatedAt string
	createdBy, updatedBy string
}

// secretParams are the litellm_params /model/info never shows.
func secretParam(name string) bool {
	switch name {
	case "api_key", "client_secret", "vertex_credentials", "aws_access_key_id", "aws_secret_access_key":
		return true
	}
	return false
}

// provider is the provider of litellm_params: custom_llm_provider, else the
// prefix of model ("openai/gpt-4o"), else openai.
func provider(params map[string]any) string {
	if p := str(params["custom_llm_provider"]); p != "" {
		return p
	}
	if p, _, ok := strings.Cut(str(params["model"]), "/"); ok && p != "" {
		return p
	}
	return "openai"
}

// addDeployment stores a deployment. h.mu must be held.
func (h *handler) addDeployment(name string, params, info map[string]any, by string) (*deployment, error) {
	id := str(info["id"])
	if id == "" {
		id = h.uuid()
	}
	if h.deploymentByID(id) != nil {
		return nil, fmt.Errorf("duplicate model id %q", id)
	}
	if team := str(info["team_id"]); team != "" {
		info["team_public_model_name"] = name
		name = fmt.Sprintf("model_name_%s_%s", team, h.uuid())
	}
	info["id"] = id
	info["db_model"] = true
	now := isoTime(h.now())
	d := &deployment{seq: h.nextSeq(), id: id, name: name, params: params, info: info,
		createdAt: now, updatedAt: now, createdBy: by, updatedBy: by}
	h.deployments = append(h.deployments, d)
	return d, nil
}

// deploymentByID finds a deployment. h.mu must be held.
func (h *handler) deploymentByID(id string) *deployment {
	for _, d := range h.deployments {
		if d.id == id {
			return d
		}
	}
	return nil
}

// groups lists the model group names in order of first deployment. h.mu must be held.
func (h *handler) groups() []string {
	var names []string
	for _, d := range h.deployments {
		if !slices.Contains(names, d.name) {
			names = append(names, d.name)
		}
	}
	return names
}

// encrypted renders litellm_params as the proxy stores them: every string
// value encrypted (here: an opaque, deterministic stand-in).
func encrypted(params map[string]any) map[string]any {
	out := make(map[string]any, len(params))
	for k, v := range params {
		if s, ok := v.(string); ok {
			sum := sha256.Sum256([]byte("proxytest:" + s))
			v = base64.RawURLEncoding.EncodeToString(sum[:])
		}
		out[k] = v
	}
	return out
}

// modelRecord renders a deployment as the management endpoints return it:
// the LiteLLM_ProxyModelTable row, whose litellm_params are encrypted and
// whose model_info is the one stored (db_model false, as the request's
// ModelInfo defaults it; /model/info computes the true value).
func modelRecord(d *deployment) map[string]any {
	params := encrypted(d.params)
	for _, f := range []string{"use_litellm_proxy", "use_in_pass_through", "merge_reasoning_content_in_choices"} {
		if _, ok := params[f]; !ok {
			params[f] = false
		}
	}
	info := deepCopyMap(d.info)
	info["db_model"] = false
	blocked, _ := d.info["blocked"].(bool)
	delete(info, "blocked")
	return map[string]any{
		"model_id": d.id, "model_name": d.name, "litellm_params": params, "model_info": info, "blocked": blocked,
		"created_at": d.createdAt, "updated_at": d.updatedAt, "created_by": d.createdBy, "updated_by": d.updatedBy,
	}
}

// errNoModelStore is the proxy's answer to storing models when
// store_model_in_db is off.
func errNoModelStore() *apiError {
	return wrappedErr(http.StatusInternalServerError, "Set `'STORE_MODEL_IN_DB='True'` in your env to enable this feature.")
}

// inDB reports whether a deployment was stored through /model/new (not
// from the config's model_list).
func (d *deployment) inDB() bool { b, _ := d.info["db_model"].(bool); return b }

// allowedModel reports whether the caller's key and team may use the model
// group; denied is the error to send if not. h.mu must be held.
func (h *handler) allowedModel(p *principal, model string) (denied *apiError) {
	if p == nil || p.key == nil {
		return nil // the master key may use every model
	}
	team := h.teams[p.teamID()]
	keyModels := slices.Clone(p.key.row.Models)
	if len(keyModels) > 0 && !slices.Contains(keyModels, "*") && !slices.Contains(keyModels, "all-proxy-models") {
		allowed := keyModels
		if slices.Contains(keyModels, "all-team-models") {
			allowed = nil
			if team != nil {
				allowed = slices.Clone(team.row.Models)
			}
		}
		if len(allowed) > 0 && !slices.Contains(allowed, model) && !h.accessGroupGrants(allowed, model) {
			return proxyErr(http.StatusForbidden, "key_model_access_denied", "model", fmt.Sprintf(
				"key not allowed to access model. This key can only access models=%s. Tried to access %s",
				pyList(keyModels), model))
		}
	}
	if team != nil {
		tm := slices.Clone(team.row.Models)
		if len(tm) > 0 && !slices.Contains(tm, "all-proxy-models") && !slices.Contains(tm, model) && !h.accessGroupGrants(tm, model) {
			return proxyErr(http.StatusForbidden, "team_model_access_denied", "model", fmt.Sprintf(
				"team not allowed to access model. This team can only access models=%s. Tried to access %s",
				pyList(tm), model))
		}
	}
	// A personal key (no team) is also held to its user's models.
	if u := h.users[p.userID]; team == nil && u != nil && p.userID != "" {
		um := slices.Clone(u.row.Models)
		if len(um) > 0 && !slices.Contains(um, "all-proxy-models") && !slices.Contains(um, "*") && !slices.Contains(um, model) && !h.accessGroupGrants(um, model) {
			return proxyErr(http.StatusForbidden, "user_model_access_denied", "model", fmt.Sprintf(
				"user not allowed to access model. This user can only access models=%s. Tried to access %s",
				pyList(um), model))
		}
	}
	return nil
}

// canManageModel reports whether p may change models (of the given team):
// proxy admins, and admins of the model's team.
func (h *handler) canManageModel(p *principal, teamID string) *apiError {
	if p.admin {
		return nil
	}
	if t := h.teams[teamID]; t != nil && teamID != "" && t.memberRole(p.userID) == "admin" {
		return nil
	}
	return proxyErr(http.StatusForbidden, "auth_error", "None", pyDict("error", fmt.Sprintf(
		"User does not have permission to make this model call. Your role=%s. You can only make model calls if you are a PROXY_ADMIN or if you are a team admin, by specifying a team_id in the model_info.",
		p.role)))
}

// ModelList serves GET /models.
func (h *handler) ModelList(w http.ResponseWriter, r *http.Request, params gen.ModelListParams) {
	h.modelList(w, r, params.TeamID, params.IncludeMetadata)
}

// ModelListV1 serves GET /v1/models.
func (h *handler) ModelListV1(w http.ResponseWriter, r *http.Request, params gen.ModelListV1Params) {
	h.modelList(w, r, params.TeamID, params.IncludeMetadata)
}

func (h *handler) modelList(w http.ResponseWriter, r *http.Request, teamID *string, withMeta *bool) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		if teamID != nil && *teamID != "" && h.teams[*teamID] == nil {
			return nil, errorDetail(http.StatusNotFound, fmt.Sprintf(
				"Team doesn't exist in db. Team=%s. Create team via `/team/new` call.", *teamID))
		}
		data := []any{}
		for _, g := range h.groups() {
			if h.allowedModel(p, g) != nil {
				continue
			}
			if teamID != nil && *teamID != "" {
				if t := h.teams[*teamID]; t != nil {
					if tm := slices.Clone(t.row.Models); len(tm) > 0 && !slices.Contains(tm, g) {
						continue
					}
				}
			}
			m := map[string]any{"id": g, "object": "model", "created": modelCreated, "owned_by": "openai"}
			if h.is106() {
				// 1.106 adds what the cost map says of the group's first deployment.
				for _, d := range h.deployments {
					if d.name == g {
						info := h.modelInfoEntry(d)["model_info"].(map[string]any)
						for _, k := range []string{"mode", "max_input_tokens", "max_output_tokens"} {
							if info[k] != nil {
								m[k] = info[k]
							}
						}
						break
					}
				}
			}
			if withMeta != nil && *withMeta {
				m["metadata"] = map[string]any{"fallbacks": []any{}}
			}
			data = append(data, m)
		}
		return map[string]any{"data": data, "object": "list"}, nil
	})
}

// ModelInfo serves GET /model/info.
func (h *handler) ModelInfo(w http.ResponseWriter, r *http.Request, params gen.ModelInfoParams) {
	h.modelInfo(w, r, params.LitellmModelID)
}

// ModelInfoV1 serves GET /v1/model/info.
func (h *handler) ModelInfoV1(w http.ResponseWriter, r *http.Request, params gen.ModelInfoV1Params) {
	h.modelInfo(w, r, params.LitellmModelID)
}

func (h *handler) modelInfo(w http.ResponseWriter, r *http.Request, id *string) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		data := []any{}
		if id != nil && *id != "" {
			d := h.deploymentByID(*id)
			if d == nil {
				return nil, errorDetail(http.StatusBadRequest, fmt.Sprintf("Model id = %s not found on litellm proxy", *id))
			}
			if h.allowedModel(p, d.name) == nil {
				data = append(data, h.modelInfoEntry(d))
			}
			return map[string]any{"data": data}, nil
		}
		for _, d := range h.deployments {
			if h.allowedModel(p, d.name) == nil {
				data = append(data, h.modelInfoEntry(d))
			}
		}
		return map[string]any{"data": data}, nil
	})
}

// ModelGroupInfo serves GET /model_group/info.
func (h *handler) ModelGroupInfo(w http.ResponseWriter, r *http.Request, params gen.ModelGroupInfoParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		data := []any{}
		for _, g := range h.groups() {
			if params.ModelGroup != nil && *params.ModelGroup != "" && *params.ModelGroup != g {
				continue
			}
			if h.allowedModel(p, g) != nil {
				continue
			}
			var providers []string
			var first *deployment
			for _, d := range h.deployments {
				if d.name != g {
					continue
				}
				if first == nil {
					first = d
				}
				if pr := provider(d.params); !slices.Contains(providers, pr) {
					providers = append(providers, pr)
				}
			}
			data = append(data, h.modelGroupEntry(g, first, providers))
		}
		return map[string]any{"data": data}, nil
	})
}

// ModelNew serves POST /model/new.
func (h *handler) ModelNew(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.ModelNewRequest](w, r)
	if !ok {
		return
	}
	params := deepCopyMap(mapOr(body["litellm_params"]))
	info := deepCopyMap(mapOr(body["model_info"]))
	if req.ModelName == "" {
		// The proxy fails inside with a bare {"message", "type"} error.
		writeJSON(w, http.StatusInternalServerError, map[string]any{"error": map[string]any{
			"message": "Internal server error", "type": "internal_server_error"}})
		return
	}
	h.do(w, func() (any, *apiError) {
		if e := h.canManageModel(p, str(info["team_id"])); e != nil {
			return nil, e
		}
		if h.cfg.noModelStore {
			return nil, errNoModelStore()
		}
		if _, ok := info["blocked"]; !ok {
			info["blocked"] = false // a database model can be blocked
		}
		d, err := h.addDeployment(req.ModelName, params, info, changedBy(r, p))
		if err != nil {
			return nil, wrappedErr(http.StatusInternalServerError, "Failed to add model to db. Check your server logs for more details.")
		}
		return modelRecord(d), nil
	})
}

// ModelUpdate serves POST /model/update: the deployment is found by
// model_info.id and only litellm_params are merged, as in the proxy.
func (h *handler) ModelUpdate(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	body, e := readBody(r, nil)
	if e != nil {
		writeError(w, e)
		return
	}
	h.do(w, func() (any, *apiError) {
		info, ok := body["model_info"].(map[string]any)
		if !ok {
			return nil, proxyErr(http.StatusBadRequest, "auth_error", "None", "Authentication Error, model_info not provided")
		}
		d := h.deploymentByID(str(info["id"]))
		if d == nil {
			return nil, proxyErr(http.StatusBadRequest, "auth_error", "None", "Authentication Error, model not found")
		}
		if !d.inDB() {
			return nil, wrappedErr(http.StatusBadRequest, "Can't edit model. Model in config. Store model in db via `/model/new`. to edit.")
		}
		if e := h.canManageModel(p, str(d.info["team_id"])); e != nil {
			return nil, e
		}
		for k, v := range mapOr(body["litellm_params"]) {
			if v != nil {
				d.params[k] = deepCopy(v)
			}
		}
		d.updatedAt, d.updatedBy = isoTime(h.now()), changedBy(r, p)
		return modelRecord(d), nil
	})
}

// ModelPatch serves PATCH /model/{model_id}/update.
func (h *handler) ModelPatch(w http.ResponseWriter, r *http.Request, modelID string) {
	p := infoOf(r).p
	body, e := readBody(r, nil)
	if e != nil {
		writeError(w, e)
		return
	}
	h.do(w, func() (any, *apiError) {
		if h.cfg.noModelStore {
			return nil, proxyErr(http.StatusBadRequest, "validation_error", nil, "Model updates only supported for DB-stored models")
		}
		d := h.deploymentByID(modelID)
		if d == nil {
			return nil, proxyErr(http.StatusNotFound, "not_found_error", "None", fmt.Sprintf("Model %s not found on proxy.", modelID))
		}
		if !d.inDB() {
			return nil, proxyErr(http.StatusBadRequest, "validation_error", nil, "Cannot edit config-based model. Store model in DB via /model/new first.")
		}
		if e := h.canManageModel(p, str(d.info["team_id"])); e != nil {
			return nil, e
		}
		if name := str(body["model_name"]); name != "" {
			d.name = name
		}
		for k, v := range mapOr(body["litellm_params"]) {
			if v != nil {
				d.params[k] = deepCopy(v)
			}
		}
		for k, v := range mapOr(body["model_info"]) {
			if k != "id" && v != nil {
				d.info[k] = deepCopy(v)
			}
		}
		if b, ok := body["blocked"].(bool); ok {
			d.info["blocked"] = b
		}
		d.updatedAt, d.updatedBy = isoTime(h.now()), changedBy(r, p)
		return modelRecord(d), nil
	})
}

// ModelDelete serves POST /model/delete. A missing model is a 400, as in the proxy.
func (h *handler) ModelDelete(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, _, ok := decodeBody[gen.ModelDeleteRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if h.cfg.noModelStore {
			return nil, errNoModelStore()
		}
		d := h.deploymentByID(req.ID)
		if d == nil || !d.inDB() {
			return nil, wrappedErr(http.StatusBadRequest, fmt.Sprintf("Model with id=%s not found in db", req.ID))
		}
		if e := h.canManageModel(p, str(d.info["team_id"])); e != nil {
			return nil, e
		}
		h.deployments = slices.DeleteFunc(h.deployments, func(x *deployment) bool { return x == d })
		return map[string]any{"message": fmt.Sprintf("Model: %s deleted successfully", req.ID)}, nil
	})
}

var errNoDeployment = errors.New("no deployment")

// pickDeployment chooses a deployment of the model group, round robin. h.mu must be held.
func (h *handler) pickDeployment(model string) (*deployment, error) {
	var ds []*deployment
	for _, d := range h.deployments {
		if d.name == model {
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		return nil, errNoDeployment
	}
	i := h.roundRobin[model] % len(ds)
	h.roundRobin[model]++
	return ds[i], nil
}
