package facade

import (
	"context"
	"fmt"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// ModelGroupsService lists model groups and manages them as sets of
// deployments.
//
// The proxy has no model-group object: a group is the set of deployments
// that share a model_name, and requests for that name are balanced across
// them. Create and Delete (the upstream README's API, which the upstream
// code never implemented) are therefore built on the model endpoints.
type ModelGroupsService service

// ModelGroup is an entry of GET /model_group/info: a group's providers,
// limits, costs and capabilities.
type ModelGroup = gen.ModelGroup

// ModelGroupListOptions are the query parameters of GET /model_group/info.
type ModelGroupListOptions struct {
	// ModelGroup lists only this group (an exact name; wildcards allowed).
	ModelGroup string
}

// ModelGroupDeployment is one deployment of a group to create: its upstream
// parameters and, optionally, its model info. It is not a wire type: Create
// sends each as the body of POST /model/new with the group's name as
// model_name.
type ModelGroupDeployment struct {
	// LitellmParams are the upstream parameters; Model is required.
	LitellmParams LiteLLMParams
	// ModelInfo is the optional model_info (id, team_id, base_model, ...).
	ModelInfo ModelInfoInput
}

// List returns the model groups the calling key may use. lo may be nil.
//
// Endpoint: GET /model_group/info (Python: client.model_groups.info; README: client.model_groups.list).
func (s *ModelGroupsService) List(ctx context.Context, lo *ModelGroupListOptions, opts ...Option) ([]ModelGroup, error) {
	var p *gen.ModelGroupInfoParams
	if lo != nil {
		p = &gen.ModelGroupInfoParams{ModelGroup: setOrNil(lo.ModelGroup)}
	}
	r := newRequest(http.MethodGet, "/model_group/info").
		with(gen.NewModelGroupInfoRequest(s.client.server, p))
	list := new(dataList[ModelGroup])
	err := s.client.doJSON(ctx, r, list, opts)
	return result(list.items, err)
}

// Create creates the group name: one deployment per entry of deployments,
// each with model_name set to name, in order. It returns the stored records.
// The proxy has no transaction across deployments: when one fails, Create
// stops and returns the records created so far with the error (delete them
// with [ModelGroupsService.Delete] to undo). With [ReturnRequest] it returns
// the first POST /model/new request.
//
// Endpoint: POST /model/new per deployment (Python README: client.model_groups.create).
func (s *ModelGroupsService) Create(ctx context.Context, name string, deployments []ModelGroupDeployment, opts ...Option) ([]ModelRecord, error) {
	const method, path = http.MethodPost, "/model/new"
	if name == "" {
		return nil, fmt.Errorf("%s %s: group name is required", method, path)
	}
	if len(deployments) == 0 {
		return nil, fmt.Errorf("%s %s: at least one deployment is required", method, path)
	}
	for i, d := range deployments {
		if d.LitellmParams.Model == "" {
			return nil, fmt.Errorf("%s %s: deployment %d: litellm_params.model is required", method, path, i)
		}
	}
	models := (*ModelsService)(s)
	records := make([]ModelRecord, 0, len(deployments))
	for _, d := range deployments {
		rec, err := models.add(ctx, &ModelNewRequest{ModelName: name, LitellmParams: d.LitellmParams, ModelInfo: d.ModelInfo}, opts)
		if err != nil {
			return partial(records, err)
		}
		records = append(records, *rec)
	}
	return records, nil
}

// Delete deletes the group name: every deployment whose model_name is name.
// It returns the ids of the deleted deployments. When the group has no
// deployment, the error matches [ErrNotFound]. When a delete fails, Delete
// stops and returns the ids deleted so far with the error. With
// [ReturnRequest] it returns the GET /v1/model/info request.
//
// Endpoint: GET /v1/model/info, then POST /model/delete per deployment (Python README: client.model_groups.delete).
func (s *ModelGroupsService) Delete(ctx context.Context, name string, opts ...Option) ([]string, error) {
	return partial(deleteDeployments(ctx, (*ModelsService)(s), name, opts))
}
