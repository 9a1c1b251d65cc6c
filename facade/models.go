package facade

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// ModelsService lists and manages model deployments
// (https://docs.litellm.ai/docs/proxy/model_management).
//
// A deployment is one entry of the proxy's model list: a public model name
// (model_name, shared by every deployment of a model group), the upstream
// parameters (litellm_params) and model_info, whose id identifies the
// deployment.
type ModelsService service

// Wire types of the model endpoints. They are the generated types of gen/,
// named here so that users import only facade.
type (
	// Model is an entry of GET /models: a model (group) name the calling key may use.
	Model = gen.Model
	// ModelDeployment is an entry of GET /v1/model/info: a deployment with
	// its parameters (secrets removed by the proxy) and model info.
	ModelDeployment = gen.ModelDeployment
	// ModelDeploymentInfo is the model_info of a deployment: its id plus the
	// proxy's cost-map data.
	ModelDeploymentInfo = gen.ModelDeploymentInfo
	// ModelDeploymentParams is the litellm_params of a deployment as GET
	// /v1/model/info shows them.
	ModelDeploymentParams = gen.ModelDeploymentParams
	// ModelNewRequest is the body of POST /model/new (upstream: Deployment).
	ModelNewRequest = gen.ModelNewRequest
	// LiteLLMParams is the litellm_params of a new deployment. Provider
	// options without a field of their own go in AdditionalProperties (or
	// through Set), and are sent as top-level members.
	LiteLLMParams = gen.LiteLLMParams
	// ModelInfoInput is the model_info of a deployment on the request side.
	// Members without a field of their own go in AdditionalProperties.
	ModelInfoInput = gen.ModelInfoInput
	// ModelUpdateRequest is the body of POST /model/update and PATCH
	// /model/{model_id}/update (upstream: updateDeployment).
	ModelUpdateRequest = gen.ModelUpdateRequest
	// ModelRecord is a deployment as the proxy stores it: the answer of
	// Add, Update and Patch. Its litellm_params values are encrypted.
	ModelRecord = gen.ModelRecord
	// ModelDeleteResponse is the answer of POST /model/delete:
	// {"message": "Model: <id> deleted successfully"}.
	ModelDeleteResponse = gen.MessageResponse
)

// ModelListOptions are the query parameters of GET /models. A zero field is
// not sent (every zero value is also the proxy's default). The facade
// declares its own struct because the generated parameters are all pointers.
type ModelListOptions struct {
	// TeamID lists the models of this team.
	TeamID string
	// ReturnWildcardRoutes also lists wildcard routes such as "openai/*".
	ReturnWildcardRoutes bool
	// IncludeModelAccessGroups also lists model access groups.
	IncludeModelAccessGroups bool
	// OnlyModelAccessGroups lists only model access groups.
	OnlyModelAccessGroups bool
	// IncludeMetadata adds each model's metadata (its fallbacks).
	IncludeMetadata bool
	// FallbackType selects the fallbacks IncludeMetadata reports: "general",
	// "context_window" or "content_policy".
	FallbackType string
	// Scope is "expand" to list every model the proxy knows (v1.88+).
	Scope string
}

func (o *ModelListOptions) params() *gen.ModelListParams {
	if o == nil {
		return nil
	}
	p := &gen.ModelListParams{
		TeamID:                   setOrNil(o.TeamID),
		ReturnWildcardRoutes:     setOrNil(o.ReturnWildcardRoutes),
		IncludeModelAccessGroups: setOrNil(o.IncludeModelAccessGroups),
		OnlyModelAccessGroups:    setOrNil(o.OnlyModelAccessGroups),
		IncludeMetadata:          setOrNil(o.IncludeMetadata),
		FallbackType:             setOrNil(gen.ModelListParamsFallbackType(o.FallbackType)),
		Scope:                    setOrNil(o.Scope),
	}
	return p
}

// ModelInfoOptions are the query parameters of GET /v1/model/info.
type ModelInfoOptions struct {
	// ModelID lists only the deployment with this id (litellm_model_id).
	ModelID string
}

// ModelGetOptions selects the deployment [ModelsService.Get] returns: set
// exactly one of ID and Name.
type ModelGetOptions struct {
	// ID is the deployment id (model_info.id).
	ID string
	// Name is the public model name (model_name); the first deployment with
	// this name is returned.
	Name string
}

// List returns the models the calling key may use (the "data" list of the
// response). lo may be nil: no query parameter is then sent.
//
// Endpoint: GET /models (Python: client.models.list).
func (s *ModelsService) List(ctx context.Context, lo *ModelListOptions, opts ...Option) ([]Model, error) {
	r := newRequest(http.MethodGet, "/models").
		with(gen.NewModelListRequest(s.client.server, lo.params()))
	list := new(dataList[Model])
	err := s.client.doJSON(ctx, r, list, opts)
	return result(list.items, err)
}

// Info returns the deployments the calling key may use, with their
// parameters (secrets removed) and model info. lo may be nil. A proxy
// started with a single --model answers with one object instead of a list;
// Info returns it as a list of one. The result is never nil on success.
//
// Endpoint: GET /v1/model/info (Python: client.models.info).
func (s *ModelsService) Info(ctx context.Context, lo *ModelInfoOptions, opts ...Option) ([]ModelDeployment, error) {
	return result(s.info(ctx, lo, opts))
}

// info is Info for the lookups built on it: errRequestReturned is an error
// like any other.
func (s *ModelsService) info(ctx context.Context, lo *ModelInfoOptions, opts []Option) ([]ModelDeployment, error) {
	var p *gen.ModelInfoV1Params
	if lo != nil {
		p = &gen.ModelInfoV1Params{LitellmModelID: setOrNil(lo.ModelID)}
	}
	r := newRequest(http.MethodGet, "/v1/model/info").
		with(gen.NewModelInfoV1Request(s.client.server, p))
	list := new(dataList[ModelDeployment])
	err := s.client.doJSON(ctx, r, list, opts)
	return list.items, err
}

// Get returns one deployment, found by id (model_info.id) or by name
// (model_name, the first match) in the list that [ModelsService.Info]
// returns: the lookup is done by the client, as upstream. Exactly one of
// by.ID and by.Name must be set, or Get fails before sending anything. When
// no deployment matches, the error is an [*APIError] with status 404, made by
// the client, that matches [ErrNotFound]. With [ReturnRequest] it returns the
// GET /v1/model/info request.
//
// Endpoint: GET /v1/model/info (Python: client.models.get).
func (s *ModelsService) Get(ctx context.Context, by ModelGetOptions, opts ...Option) (*ModelDeployment, error) {
	if (by.ID == "") == (by.Name == "") {
		return nil, errors.New("GET /v1/model/info: exactly one of ID or Name must be provided")
	}
	deployments, err := s.info(ctx, nil, opts)
	if err != nil {
		return result[*ModelDeployment](nil, err)
	}
	for i := range deployments {
		d := &deployments[i]
		if (by.ID != "" && d.ModelInfo.ID == by.ID) || (by.Name != "" && d.ModelName == by.Name) {
			return d, nil
		}
	}
	if by.ID != "" {
		return nil, notFound(http.MethodGet, "/v1/model/info", "model with id="+by.ID+" not found")
	}
	return nil, notFound(http.MethodGet, "/v1/model/info", "model with model_name="+by.Name+" not found")
}

// Add creates a deployment. req.ModelName and req.LitellmParams.Model are
// required; without req.ModelInfo.ID the proxy generates the id.
//
// Endpoint: POST /model/new (Python: client.models.new; README: client.models.add).
func (s *ModelsService) Add(ctx context.Context, req *ModelNewRequest, opts ...Option) (*ModelRecord, error) {
	const method, path = http.MethodPost, "/model/new"
	switch {
	case req == nil:
		return nil, fmt.Errorf("%s %s: nil request", method, path)
	case req.ModelName == "":
		return nil, fmt.Errorf("%s %s: model_name is required", method, path)
	case req.LitellmParams.Model == "":
		return nil, fmt.Errorf("%s %s: litellm_params.model is required", method, path)
	}
	return result(s.add(ctx, req, opts))
}

// add is Add for ModelGroups.Create, after its checks.
func (s *ModelsService) add(ctx context.Context, req *ModelNewRequest, opts []Option) (*ModelRecord, error) {
	const method, path = http.MethodPost, "/model/new"
	body, err := jsonBody(method, path, modelNewBody(*req))
	if err != nil {
		return nil, err
	}
	r := newRequest(method, path).
		with(gen.NewModelNewRequestWithBody(s.client.server, jsonContentType, body))
	rec := new(ModelRecord)
	return rec, s.client.doJSON(ctx, r, rec, opts)
}

// Update merges req.LitellmParams into the stored parameters of the
// deployment id.
//
// The proxy finds the deployment by model_info.id and ignores a top-level
// id, so the upstream client (which sends only {"id": ...}) cannot update
// anything. Update sends id as model_info.id, together with the other
// model_info fields the caller set (the proxy does not store them through
// this endpoint; use [ModelsService.Patch] to change model_info or
// model_name). req may be nil; a req.ModelInfo.ID that differs from id is an
// error. A 404, or an error whose body says "not found" (the proxy answers a
// missing deployment with 400), matches [ErrNotFound].
//
// Endpoint: POST /model/update (Python: client.models.update).
func (s *ModelsService) Update(ctx context.Context, id string, req *ModelUpdateRequest, opts ...Option) (*ModelRecord, error) {
	const method, path = http.MethodPost, "/model/update"
	if id == "" {
		return nil, fmt.Errorf("%s %s: id is required", method, path)
	}
	var body ModelUpdateRequest
	if req != nil {
		body = *req
	}
	if body.ModelInfo.ID != "" && body.ModelInfo.ID != id {
		return nil, fmt.Errorf("%s %s: model_info.id %q differs from id %q", method, path, body.ModelInfo.ID, id)
	}
	body.ModelInfo.ID = id
	enc, err := jsonBody(method, path, modelUpdateBody(body))
	if err != nil {
		return nil, err
	}
	r := newRequest(method, path).
		with(gen.NewModelUpdateRequestWithBody(s.client.server, jsonContentType, enc))
	rec := new(ModelRecord)
	return result(rec, applyNotFoundHint(s.client.doJSON(ctx, r, rec, opts)))
}

// Patch partially updates the deployment id: the model_name, litellm_params
// and model_info members set in req. A 404, or an error whose body says "not
// found", matches [ErrNotFound].
//
// Endpoint: PATCH /model/{model_id}/update (Python: none; the proxy's partial update).
func (s *ModelsService) Patch(ctx context.Context, id string, req *ModelUpdateRequest, opts ...Option) (*ModelRecord, error) {
	const method, path = http.MethodPatch, "/model/{model_id}/update"
	if err := pathParam(method, path, "model_id", id); err != nil {
		return nil, err
	}
	if req == nil {
		return nil, fmt.Errorf("%s %s: nil request", method, path)
	}
	body, err := jsonBody(method, path, modelUpdateBody(*req))
	if err != nil {
		return nil, err
	}
	r := newRequest(method, path).
		with(gen.NewModelPatchRequestWithBody(s.client.server, id, jsonContentType, body))
	rec := new(ModelRecord)
	return result(rec, applyNotFoundHint(s.client.doJSON(ctx, r, rec, opts)))
}

// Delete deletes the deployment id. A 404, or an error whose body says "not
// found" (the proxy answers a missing deployment with 400), matches
// [ErrNotFound].
//
// Endpoint: POST /model/delete (Python: client.models.delete).
func (s *ModelsService) Delete(ctx context.Context, id string, opts ...Option) (*ModelDeleteResponse, error) {
	return result(s.delete(ctx, id, opts))
}

// delete is Delete for deleteDeployments.
func (s *ModelsService) delete(ctx context.Context, id string, opts []Option) (*ModelDeleteResponse, error) {
	const method, path = http.MethodPost, "/model/delete"
	if id == "" {
		return nil, fmt.Errorf("%s %s: id is required", method, path)
	}
	r := newRequest(method, path).
		with(gen.NewModelDeleteRequest(s.client.server, gen.ModelDeleteRequest{ID: id}))
	deleted := new(ModelDeleteResponse)
	return deleted, applyNotFoundHint(s.client.doJSON(ctx, r, deleted, opts))
}

// DeleteByName deletes every deployment whose model_name is name: it lists
// the deployments with [ModelsService.Info] and deletes each by id. It
// returns the ids it deleted. When no deployment has that name, the error
// matches [ErrNotFound]. When a delete fails, DeleteByName stops and returns
// the ids deleted so far with the error. With [ReturnRequest] it returns the
// GET /v1/model/info request.
//
// Endpoint: GET /v1/model/info, then POST /model/delete per deployment (Python README: client.models.delete(model_name=...)).
func (s *ModelsService) DeleteByName(ctx context.Context, name string, opts ...Option) ([]string, error) {
	return partial(deleteDeployments(ctx, s, name, opts))
}

// deleteDeployments deletes every deployment named name (Models.DeleteByName
// and ModelGroups.Delete). errRequestReturned is an error like any other;
// the callers end in partial.
func deleteDeployments(ctx context.Context, s *ModelsService, name string, opts []Option) ([]string, error) {
	if name == "" {
		return nil, errors.New("POST /model/delete: model name is required")
	}
	deployments, err := s.info(ctx, nil, opts)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, d := range deployments {
		if d.ModelName != name {
			continue
		}
		if d.ModelInfo.ID == "" {
			return ids, fmt.Errorf("POST /model/delete: a deployment of %q has no model_info.id", name)
		}
		if _, err := s.delete(ctx, d.ModelInfo.ID, opts); err != nil {
			return ids, err
		}
		ids = append(ids, d.ModelInfo.ID)
	}
	if len(ids) == 0 {
		return nil, notFound(http.MethodGet, "/v1/model/info", "model with model_name="+name+" not found")
	}
	return ids, nil
}

// modelNewBody and modelUpdateBody encode the model request bodies without
// the unset fields of litellm_params and model_info. The generated
// MarshalJSON of a type with additionalProperties (LiteLLMParams,
// ModelInfoInput) writes every field, so a plain encoding would send
// "timeout": 0, "max_retries": 0, "api_key": "", "tier": "" and an empty
// model_info.id, which the proxy stores (or rejects) as given.
type (
	modelNewBody    ModelNewRequest
	modelUpdateBody ModelUpdateRequest
)

// MarshalJSON encodes the body of POST /model/new.
func (b modelNewBody) MarshalJSON() ([]byte, error) {
	return replaceMembers(ModelNewRequest(b), map[string]any{"litellm_params": b.LitellmParams, "model_info": b.ModelInfo})
}

// MarshalJSON encodes the body of POST /model/update and PATCH /model/{model_id}/update.
func (b modelUpdateBody) MarshalJSON() ([]byte, error) {
	return replaceMembers(ModelUpdateRequest(b), map[string]any{"model_info": b.ModelInfo})
}
