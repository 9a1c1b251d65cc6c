package facade

import (
	"context"
	"errors"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// AccessGroupsService manages model access groups.
//
// The proxy has two kinds, with their own routes, and the service has a
// set of methods for each:
//
//   - Model access groups (Create, List, Get, Update, Delete; routes
//     /access_group/*): a name that the proxy writes into the
//     model_info.access_groups of database deployments. A key or team whose
//     models list the name may call every model of the group. A group
//     exists while a deployment carries it; only models stored in the
//     database (POST /model/new) can join one, not those of the config file.
//   - Unified access groups (CreateUnified, ListUnified, GetUnified,
//     UpdateUnified, DeleteUnified; routes /v1/access_group): rows of the
//     proxy's access group table, with an id, that grant model groups, MCP
//     servers and agents to the teams and keys they are assigned to.
//
// The proxy serves the unified routes a second time under
// /v1/unified_access_group (the same handlers, the same answers); the
// service uses /v1/access_group, and the alias is reachable through
// [Client.HTTP]. The two kinds are one service with suffixed method names,
// not two services, because they are one feature of the proxy (its UI
// shows both as access groups) and the Client has one field for it.
//
// Every route needs a proxy admin key: another key is refused with HTTP 401.
// Without a database the proxy answers HTTP 500 (ErrServer) to all of them.
// Neither list is paged.
type AccessGroupsService service

// Wire types of the access group endpoints, named here so that users
// import only facade.
type (
	// ModelAccessGroup is a model access group: the model groups whose
	// database deployments carry it, and how many deployments do. LiteLLM
	// 1.106+ adds Spend and Budget (its shared budget, nil without one).
	ModelAccessGroup = gen.ModelAccessGroup
	// ModelAccessGroupBudget is the shared budget of a model access group
	// (LiteLLM 1.106+).
	ModelAccessGroupBudget = gen.ModelAccessGroupBudget
	// ModelAccessGroupRequest is the body of Create: the group name
	// (AccessGroup) and its models, by model group name (ModelNames: every
	// database deployment of each) or by deployment id (ModelIds: exactly
	// those; it wins when both are set).
	ModelAccessGroupRequest = gen.ModelAccessGroupNewRequest
	// ModelAccessGroupUpdateRequest is the body of Update: the new models,
	// which replace the old ones.
	ModelAccessGroupUpdateRequest = gen.ModelAccessGroupUpdateRequest
	// ModelAccessGroupChange is the answer of Create and Update: the lists
	// as sent and ModelsUpdated, the deployments the call tagged.
	ModelAccessGroupChange = gen.ModelAccessGroupChange
	// ModelAccessGroupDeleteResponse is the answer of Delete: ModelsUpdated
	// is the number of deployments the group was removed from.
	ModelAccessGroupDeleteResponse = gen.ModelAccessGroupDeleteResponse
	// UnifiedAccessGroup is a unified access group (the proxy's
	// AccessGroupResponse). LiteLLM 1.106+ adds the named resources
	// (AccessMcpServers, AccessAgents, AssignedTeams, AssignedKeys).
	UnifiedAccessGroup = gen.AccessGroup
	// AccessGroupResource is a resource a unified access group names, with
	// its display name (nil when it has none or no longer exists).
	AccessGroupResource = gen.AccessGroupResource
	// UnifiedAccessGroupCreateRequest is the body of CreateUnified;
	// AccessGroupName is required, AssignedKeyIds are key token hashes.
	UnifiedAccessGroupCreateRequest = gen.AccessGroupCreateRequest
	// UnifiedAccessGroupUpdateRequest is the body of UpdateUnified: the
	// members set change, the others keep their value. The lists and
	// Description are pointers, so that a list can be emptied (a pointer
	// to an empty slice) and a description cleared.
	UnifiedAccessGroupUpdateRequest = gen.AccessGroupUpdateRequest
)

// Create makes the model access group req.AccessGroup of the models req
// names. An empty name, no models, a model name the proxy does not know or
// a model only in the config file are errors matching [ErrBadRequest]; a
// name in use is an [*APIError] with status 409.
//
// Endpoint: POST /access_group/new (Python: none).
func (s *AccessGroupsService) Create(ctx context.Context, req *ModelAccessGroupRequest, opts ...Option) (*ModelAccessGroupChange, error) {
	if req == nil {
		return nil, errors.New("POST /access_group/new: no request")
	}
	r := newRequest(http.MethodPost, "/access_group/new").
		with(gen.NewAccessGroupNewRequest(s.client.server, *req))
	out := new(ModelAccessGroupChange)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// List returns every model access group, sorted by name.
//
// Endpoint: GET /access_group/list (Python: none).
func (s *AccessGroupsService) List(ctx context.Context, opts ...Option) ([]ModelAccessGroup, error) {
	r := newRequest(http.MethodGet, "/access_group/list").
		with(gen.NewAccessGroupListRequest(s.client.server))
	res := new(gen.ModelAccessGroupList)
	return result(arrayResult(&res.AccessGroups, s.client.doJSON(ctx, r, res, opts)))
}

// Get returns the model access group name. An unknown name is an error
// matching [ErrNotFound].
//
// Endpoint: GET /access_group/{access_group}/info (Python: none).
func (s *AccessGroupsService) Get(ctx context.Context, name string, opts ...Option) (*ModelAccessGroup, error) {
	if name == "" {
		return nil, errors.New("GET /access_group/{access_group}/info: access group name is required")
	}
	r := newRequest(http.MethodGet, "/access_group/{access_group}/info").
		with(gen.NewAccessGroupInfoRequest(s.client.server, name))
	out := new(ModelAccessGroup)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// Update replaces the models of the model access group name: the group
// leaves every deployment, then joins those req names. An unknown group is
// an error matching [ErrNotFound]; no models, or an unknown model, match
// [ErrBadRequest].
//
// Endpoint: PUT /access_group/{access_group}/update (Python: none).
func (s *AccessGroupsService) Update(ctx context.Context, name string, req *ModelAccessGroupUpdateRequest, opts ...Option) (*ModelAccessGroupChange, error) {
	const route = "PUT /access_group/{access_group}/update"
	switch {
	case name == "":
		return nil, errors.New(route + ": access group name is required")
	case req == nil:
		return nil, errors.New(route + ": no request")
	}
	r := newRequest(http.MethodPut, "/access_group/{access_group}/update").
		with(gen.NewAccessGroupUpdateRequest(s.client.server, name, *req))
	out := new(ModelAccessGroupChange)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// Delete removes the model access group name from every deployment. An
// unknown group is an error matching [ErrNotFound].
//
// Endpoint: DELETE /access_group/{access_group}/delete (Python: none).
func (s *AccessGroupsService) Delete(ctx context.Context, name string, opts ...Option) (*ModelAccessGroupDeleteResponse, error) {
	if name == "" {
		return nil, errors.New("DELETE /access_group/{access_group}/delete: access group name is required")
	}
	r := newRequest(http.MethodDelete, "/access_group/{access_group}/delete").
		with(gen.NewAccessGroupDeleteRequest(s.client.server, name))
	out := new(ModelAccessGroupDeleteResponse)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// CreateUnified stores a unified access group and returns it, with the id
// the proxy gave it (the proxy answers HTTP 201). A name in use is an
// [*APIError] with status 409; LiteLLM 1.106+ refuses unknown assigned
// teams ([ErrBadRequest]).
//
// Endpoint: POST /v1/access_group (Python: none).
func (s *AccessGroupsService) CreateUnified(ctx context.Context, req *UnifiedAccessGroupCreateRequest, opts ...Option) (*UnifiedAccessGroup, error) {
	switch {
	case req == nil:
		return nil, errors.New("POST /v1/access_group: no request")
	case req.AccessGroupName == "":
		return nil, errors.New("POST /v1/access_group: access group name is required")
	}
	r := newRequest(http.MethodPost, "/v1/access_group").
		with(gen.NewAccessGroupV1CreateRequest(s.client.server, *req))
	out := new(UnifiedAccessGroup)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// ListUnified returns every unified access group, newest first.
//
// Endpoint: GET /v1/access_group (Python: none).
func (s *AccessGroupsService) ListUnified(ctx context.Context, opts ...Option) ([]UnifiedAccessGroup, error) {
	r := newRequest(http.MethodGet, "/v1/access_group").
		with(gen.NewAccessGroupV1ListRequest(s.client.server))
	list := new([]UnifiedAccessGroup)
	return result(arrayResult(list, s.client.doJSON(ctx, r, list, opts)))
}

// GetUnified returns the unified access group id. An unknown id is an
// error matching [ErrNotFound].
//
// Endpoint: GET /v1/access_group/{access_group_id} (Python: none).
func (s *AccessGroupsService) GetUnified(ctx context.Context, id string, opts ...Option) (*UnifiedAccessGroup, error) {
	if id == "" {
		return nil, errors.New("GET /v1/access_group/{access_group_id}: access group id is required")
	}
	r := newRequest(http.MethodGet, "/v1/access_group/{access_group_id}").
		with(gen.NewAccessGroupV1GetRequest(s.client.server, id))
	out := new(UnifiedAccessGroup)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// UpdateUnified changes the members req sets of the unified access group
// id and returns it. An unknown id is an error matching [ErrNotFound], a
// name in use an [*APIError] with status 409.
//
// Endpoint: PUT /v1/access_group/{access_group_id} (Python: none).
func (s *AccessGroupsService) UpdateUnified(ctx context.Context, id string, req *UnifiedAccessGroupUpdateRequest, opts ...Option) (*UnifiedAccessGroup, error) {
	const route = "PUT /v1/access_group/{access_group_id}"
	switch {
	case id == "":
		return nil, errors.New(route + ": access group id is required")
	case req == nil:
		return nil, errors.New(route + ": no request")
	}
	r := newRequest(http.MethodPut, "/v1/access_group/{access_group_id}").
		with(gen.NewAccessGroupV1UpdateRequest(s.client.server, id, *req))
	out := new(UnifiedAccessGroup)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// DeleteUnified deletes the unified access group id (the proxy answers
// HTTP 204 without a body). An unknown id is an error matching
// [ErrNotFound].
//
// Endpoint: DELETE /v1/access_group/{access_group_id} (Python: none).
func (s *AccessGroupsService) DeleteUnified(ctx context.Context, id string, opts ...Option) error {
	if id == "" {
		return errors.New("DELETE /v1/access_group/{access_group_id}: access group id is required")
	}
	r := newRequest(http.MethodDelete, "/v1/access_group/{access_group_id}").
		with(gen.NewAccessGroupV1DeleteRequest(s.client.server, id))
	return s.client.doEmpty(ctx, r, opts)
}
