package facade

import (
	"context"
	"errors"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// OrganizationsService manages organizations: groups of teams and users
// with a shared budget and model list
// (https://docs.litellm.ai/docs/proxy/access_control). Creating and
// deleting organizations needs a proxy admin key; an organization's
// org_admin members may read and change it and its members.
type OrganizationsService service

// Wire types of the organization endpoints, named here so that users
// import only facade.
type (
	// Organization is an organization row. LitellmBudgetTable is its budget;
	// Members and Teams are filled by Get, List, Update and Delete.
	Organization = gen.Organization
	// OrganizationMembership is a user's membership of an organization:
	// its role there and its budget in it.
	OrganizationMembership = gen.OrganizationMembership
	// OrganizationMember is a member to add: UserID or UserEmail, and Role
	// ([OrgRoleAdmin], [OrgRoleUser] or [OrgRoleViewer]).
	OrganizationMember = gen.OrganizationMember
	// OrganizationNewRequest is the body of POST /organization/new. Without
	// BudgetID the budget fields (MaxBudget, TPMLimit, ...) create the
	// organization's budget.
	OrganizationNewRequest = gen.OrganizationNewRequest
	// OrganizationUpdateRequest is the body of PATCH /organization/update;
	// OrganizationID is required. Metadata is merged into the stored one.
	OrganizationUpdateRequest = gen.OrganizationUpdateRequest
	// OrganizationMemberUpdateRequest is the body of PATCH
	// /organization/member_update: UserID or UserEmail names the member.
	OrganizationMemberUpdateRequest = gen.OrganizationMemberUpdateRequest
	// OrganizationMemberAddResponse is the answer of POST
	// /organization/member_add: the users (created when they did not exist)
	// and their new memberships.
	OrganizationMemberAddResponse = gen.OrganizationMemberAddResponse
	// Budget is a budget row (LiteLLM_BudgetTable).
	Budget = gen.Budget
)

// OrgRole is the role of an organization member.
type OrgRole = gen.OrganizationMemberRole

// The roles of an organization member.
const (
	// OrgRoleAdmin may manage the organization and its members.
	OrgRoleAdmin OrgRole = gen.OrganizationMemberRoleOrgAdmin
	// OrgRoleUser is an internal user of the organization.
	OrgRoleUser OrgRole = gen.OrganizationMemberRoleInternalUser
	// OrgRoleViewer is a read-only internal user.
	OrgRoleViewer OrgRole = gen.OrganizationMemberRoleInternalUserViewer
)

// OrganizationListOptions filters [OrganizationsService.List].
type OrganizationListOptions struct {
	// ID selects the organization with this id.
	ID string
	// Alias selects the organizations whose alias contains this,
	// case-insensitively.
	Alias string
}

// Create creates an organization; req.OrganizationAlias is required. An
// OrganizationID that exists already fails with a 500 from the proxy.
//
// Endpoint: POST /organization/new (Python: none).
func (s *OrganizationsService) Create(ctx context.Context, req *OrganizationNewRequest, opts ...Option) (*Organization, error) {
	if req == nil || req.OrganizationAlias == "" {
		return nil, errors.New("POST /organization/new: organization alias is required")
	}
	r := newRequest(http.MethodPost, "/organization/new").
		with(gen.NewOrganizationNewRequest(s.client.server, *req))
	org := new(Organization)
	return result(org, s.client.doJSON(ctx, r, org, opts))
}

// Update changes the organization req.OrganizationID; fields left zero
// are not changed. Budget fields change the organization's budget row.
//
// Endpoint: PATCH /organization/update (Python: none).
func (s *OrganizationsService) Update(ctx context.Context, req *OrganizationUpdateRequest, opts ...Option) (*Organization, error) {
	if req == nil || req.OrganizationID == "" {
		return nil, errors.New("PATCH /organization/update: organization id is required")
	}
	r := newRequest(http.MethodPatch, "/organization/update").
		with(gen.NewOrganizationUpdateRequest(s.client.server, *req))
	org := new(Organization)
	return result(org, s.client.doJSON(ctx, r, org, opts))
}

// Delete deletes organizations, with their teams and memberships, and
// returns them. An unknown id fails the call with an error matching
// [ErrNotFound] (the organizations before it are deleted already).
//
// Endpoint: DELETE /organization/delete (Python: none).
func (s *OrganizationsService) Delete(ctx context.Context, ids []string, opts ...Option) ([]Organization, error) {
	if len(ids) == 0 {
		return nil, errors.New("DELETE /organization/delete: no organization ids")
	}
	r := newRequest(http.MethodDelete, "/organization/delete").
		with(gen.NewOrganizationDeleteRequest(s.client.server, gen.OrganizationDeleteRequest{OrganizationIds: ids}))
	orgs := new([]Organization)
	return result(arrayResult(orgs, s.client.doJSON(ctx, r, orgs, opts)))
}

// List returns the organizations opt selects (opt may be nil): all of them
// for a proxy admin, those the caller is a member of otherwise. The proxy
// does not page this list. With [ReturnRequest] it returns nil, nil.
//
// Endpoint: GET /organization/list (Python: none).
func (s *OrganizationsService) List(ctx context.Context, opt *OrganizationListOptions, opts ...Option) ([]Organization, error) {
	params := &gen.OrganizationListParams{}
	if opt != nil {
		params.OrgID, params.OrgAlias = setOrNil(opt.ID), setOrNil(opt.Alias)
	}
	r := newRequest(http.MethodGet, "/organization/list").
		with(gen.NewOrganizationListRequest(s.client.server, params))
	orgs := new([]Organization)
	return result(arrayResult(orgs, s.client.doJSON(ctx, r, orgs, opts)))
}

// Get returns the organization with its members and teams. An unknown id
// is an error matching [ErrNotFound].
//
// Endpoint: GET /organization/info (Python: none).
func (s *OrganizationsService) Get(ctx context.Context, id string, opts ...Option) (*Organization, error) {
	if id == "" {
		return nil, errors.New("GET /organization/info: organization id is required")
	}
	r := newRequest(http.MethodGet, "/organization/info").
		with(gen.NewOrganizationInfoRequest(s.client.server, &gen.OrganizationInfoParams{OrganizationID: id}))
	org := new(Organization)
	return result(org, s.client.doJSON(ctx, r, org, opts))
}

// GetMany returns the organizations among ids that exist (unknown ids are
// left out), with their full budget rows but without members and teams.
// The proxy marks this route deprecated in favour of [OrganizationsService.Get].
//
// Endpoint: POST /organization/info (Python: none).
func (s *OrganizationsService) GetMany(ctx context.Context, ids []string, opts ...Option) ([]Organization, error) {
	if len(ids) == 0 {
		return nil, errors.New("POST /organization/info: no organization ids")
	}
	r := newRequest(http.MethodPost, "/organization/info").
		with(gen.NewOrganizationInfoBatchRequest(s.client.server, gen.OrganizationInfoRequest{Organizations: ids}))
	orgs := new([]Organization)
	return result(arrayResult(orgs, s.client.doJSON(ctx, r, orgs, opts)))
}

// AddMembers adds members to the organization orgID. A member whose user
// does not exist is created as a user. maxBudget, if not nil, is sent as
// max_budget_in_organization. Adding a user who is a member already fails.
//
// Endpoint: POST /organization/member_add (Python: none).
func (s *OrganizationsService) AddMembers(ctx context.Context, orgID string, members []OrganizationMember, maxBudget *float64, opts ...Option) (*OrganizationMemberAddResponse, error) {
	if orgID == "" {
		return nil, errors.New("POST /organization/member_add: organization id is required")
	}
	if len(members) == 0 {
		return nil, errors.New("POST /organization/member_add: no members")
	}
	body := gen.OrganizationMemberAddRequest{OrganizationID: orgID, Member: members, MaxBudgetInOrganization: maxBudget}
	r := newRequest(http.MethodPost, "/organization/member_add").
		with(gen.NewOrganizationMemberAddRequest(s.client.server, body))
	added := new(OrganizationMemberAddResponse)
	return result(added, s.client.doJSON(ctx, r, added, opts))
}

// UpdateMember changes a member's role or budget in the organization. A
// user who is not a member is an error matching [ErrNotFound].
//
// Endpoint: PATCH /organization/member_update (Python: none).
func (s *OrganizationsService) UpdateMember(ctx context.Context, req *OrganizationMemberUpdateRequest, opts ...Option) (*OrganizationMembership, error) {
	if req == nil || req.OrganizationID == "" {
		return nil, errors.New("PATCH /organization/member_update: organization id is required")
	}
	if req.UserID == "" && req.UserEmail == "" {
		return nil, errors.New("PATCH /organization/member_update: user id or email is required")
	}
	r := newRequest(http.MethodPatch, "/organization/member_update").
		with(gen.NewOrganizationMemberUpdateRequest(s.client.server, *req))
	m := new(OrganizationMembership)
	return result(m, s.client.doJSON(ctx, r, m, opts))
}

// DeleteMember removes the user userID from the organization orgID and
// returns the membership it deleted. Removing a user who is not a member
// (or from an organization that does not exist) is not an error: the proxy
// answers null, and DeleteMember returns nil, nil.
//
// Endpoint: DELETE /organization/member_delete (Python: none).
func (s *OrganizationsService) DeleteMember(ctx context.Context, orgID, userID string, opts ...Option) (*OrganizationMembership, error) {
	if orgID == "" || userID == "" {
		return nil, errors.New("DELETE /organization/member_delete: organization id and user id are required")
	}
	r := newRequest(http.MethodDelete, "/organization/member_delete").
		with(gen.NewOrganizationMemberDeleteRequest(s.client.server, gen.OrganizationMemberDeleteRequest{OrganizationID: orgID, UserID: userID}))
	var m *OrganizationMembership // stays nil when the proxy answers null
	err := s.client.doJSON(ctx, r, &m, opts)
	return result(m, err)
}

// arrayResult dereferences the answer of a call that returns a JSON array
// (pass it to result): an error gives nil and the error, a null array is
// empty.
func arrayResult[T any](items *[]T, err error) ([]T, error) {
	if err != nil || items == nil {
		return nil, err
	}
	if *items == nil {
		return []T{}, nil
	}
	return *items, nil
}
