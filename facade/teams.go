package facade

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/gen"
)

// TeamsService manages teams and their members
// (https://docs.litellm.ai/docs/proxy/team_budgets). Creating and deleting
// teams needs an admin key; adding members needs an admin or team-admin key.
// To record who made a change in the proxy's audit log, pass
// WithHeader("litellm-changed-by", who) to the call.
type TeamsService service

// Wire types of the team endpoints, named here so that users import only facade.
type (
	// Team is a team row (LiteLLM_TeamTable). Keys and TeamMemberships are
	// set only by [TeamsService.List]; MembersCount and KeysCount only by
	// [TeamsService.ListV2] on proxy v1.88 and later.
	Team = gen.Team
	// TeamNewRequest is the body of POST /team/new; every field is optional
	// (the proxy generates TeamID when it is empty).
	TeamNewRequest = gen.TeamNewRequest
	// TeamInfo is the response of [TeamsService.Get]: the team, its keys
	// and its memberships.
	TeamInfo = gen.TeamInfo
	// TeamListV2 is one page of [TeamsService.ListV2].
	TeamListV2 = gen.TeamListV2
	// TeamMembership is a user's budget and spend inside a team.
	TeamMembership = gen.TeamMembership
	// TeamDeleteResponse lists the deleted team ids.
	TeamDeleteResponse = gen.TeamDeleteResponse
	// TeamMemberAddResponse is the updated team, plus the users and
	// memberships the call created or changed.
	TeamMemberAddResponse = gen.TeamMemberAddResponse
	// TeamUpdateRequest is the body of POST /team/update: TeamID and the
	// fields to change (empty fields are not sent; pointers send zero).
	TeamUpdateRequest = gen.TeamUpdateRequest
	// TeamMemberUpdateRequest is the body of POST /team/member_update:
	// TeamID, the member (UserID or UserEmail) and what to change.
	TeamMemberUpdateRequest = gen.TeamMemberUpdateRequest
	// TeamMemberUpdateRole is the role [TeamsService.UpdateMember] sets.
	TeamMemberUpdateRole = gen.TeamMemberUpdateRequestRole
	// TeamMemberUpdateResponse echoes the member's new budget and limits.
	TeamMemberUpdateResponse = gen.TeamMemberUpdateResponse
	// TeamPermissions lists the routes a team's non-admin members may call,
	// and every route the proxy offers for it.
	TeamPermissions = gen.TeamPermissions
	// TeamDailyActivity is the answer of [TeamsService.DailyActivity]: a
	// result per day, and the totals and page in Metadata (the
	// [SpendAnalytics] of every daily activity route).
	TeamDailyActivity = gen.SpendAnalyticsPaginatedResponse
	// Member is a team member: a Role and a UserID or UserEmail.
	Member = gen.Member
	// MemberRole is the role of a member inside a team.
	MemberRole = gen.MemberRole
)

// Member roles.
const (
	MemberRoleAdmin MemberRole = gen.MemberRoleAdmin
	MemberRoleUser  MemberRole = gen.MemberRoleUser
)

// TeamListOptions filters [TeamsService.List]; empty fields are not sent.
type TeamListOptions struct {
	// UserID keeps the teams of this user (admins only, for other users).
	UserID string
	// OrganizationID keeps the teams of this organization;
	// "default_organization" means teams without one.
	OrganizationID string
}

// TeamListV2Options filters and pages [TeamsService.ListV2]. Like the Python
// client's list_v2, the call always sends page, page_size and sort_order:
// when Page, PageSize or SortOrder is zero it sends page=1, page_size=10 and
// sort_order=asc. Other empty fields are not sent. It replaces the
// generated parameter struct, whose fields are all pointers.
type TeamListV2Options struct {
	// UserID keeps the teams of this user.
	UserID string
	// OrganizationID keeps the teams of this organization.
	OrganizationID string
	// TeamID keeps this team.
	TeamID string
	// TeamAlias keeps teams whose alias contains this text.
	TeamAlias string
	// Search matches team ids and aliases (proxy v1.88 and later).
	Search string
	// Status keeps teams in this status (proxy v1.88 and later).
	Status string
	// Page is the page to return, from 1 (default 1).
	Page int
	// PageSize is the number of teams per page, 1 to 100 (default 10).
	PageSize int
	// SortBy is the field to sort by (team_id, team_alias, created_at, ...).
	SortBy string
	// SortOrder is "asc" (default) or "desc".
	SortOrder string
}

// Defaults of [TeamListV2Options], as in the Python client.
const (
	defaultTeamPage      = 1
	defaultTeamPageSize  = 10
	defaultTeamSortOrder = "asc"
)

func (o *TeamListV2Options) params() *gen.TeamListV2Params {
	var v TeamListV2Options
	if o != nil {
		v = *o
	}
	if v.Page == 0 {
		v.Page = defaultTeamPage
	}
	if v.PageSize == 0 {
		v.PageSize = defaultTeamPageSize
	}
	if v.SortOrder == "" {
		v.SortOrder = defaultTeamSortOrder
	}
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	so := gen.TeamListV2ParamsSortOrder(v.SortOrder)
	return &gen.TeamListV2Params{
		UserID:         str(v.UserID),
		OrganizationID: str(v.OrganizationID),
		TeamID:         str(v.TeamID),
		TeamAlias:      str(v.TeamAlias),
		Search:         str(v.Search),
		Status:         str(v.Status),
		Page:           &v.Page,
		PageSize:       &v.PageSize,
		SortBy:         str(v.SortBy),
		SortOrder:      &so,
	}
}

// TeamMemberAddOptions holds the optional settings of [TeamsService.AddMember].
type TeamMemberAddOptions struct {
	// MaxBudgetInTeam is the budget, in USD, of each added member inside
	// the team; nil sets none (a pointer, so that a zero budget can be sent).
	MaxBudgetInTeam *float64
	// AllowedModels restricts the members to these models inside the team.
	AllowedModels []string
}

// Create creates a team. req may be nil: the proxy then creates a team with
// a generated id and its defaults (the body is {}).
//
// Endpoint: POST /team/new (Python: none).
func (s *TeamsService) Create(ctx context.Context, req *TeamNewRequest, opts ...Option) (*Team, error) {
	var body TeamNewRequest
	if req != nil {
		body = *req
	}
	r := newRequest(http.MethodPost, "/team/new").
		with(gen.NewTeamNewRequest(s.client.server, nil, body))
	team := new(Team)
	return result(team, s.client.doJSON(ctx, r, team, opts))
}

// Get returns a team with its keys and memberships. An unknown team is an
// error matching [ErrNotFound].
//
// Endpoint: GET /team/info (Python: none).
func (s *TeamsService) Get(ctx context.Context, teamID string, opts ...Option) (*TeamInfo, error) {
	if teamID == "" {
		return nil, errors.New("GET /team/info: team id is required")
	}
	r := newRequest(http.MethodGet, "/team/info").
		with(gen.NewTeamInfoRequest(s.client.server, &gen.TeamInfoParams{TeamID: &teamID}))
	info := new(TeamInfo)
	return result(info, s.client.doJSON(ctx, r, info, opts))
}

// List returns the teams opt selects (opt may be nil: the caller's teams, or
// every team for an admin), with their keys and memberships, unpaged. With
// [ReturnRequest] it returns nil, nil.
//
// Endpoint: GET /team/list (Python: client.teams.list).
func (s *TeamsService) List(ctx context.Context, opt *TeamListOptions, opts ...Option) ([]Team, error) {
	params := &gen.TeamListParams{}
	if opt != nil {
		if opt.UserID != "" {
			id := opt.UserID
			params.UserID = &id
		}
		if opt.OrganizationID != "" {
			id := opt.OrganizationID
			params.OrganizationID = &id
		}
	}
	r := newRequest(http.MethodGet, "/team/list").
		with(gen.NewTeamListRequest(s.client.server, params))
	var teams []Team
	err := s.client.doJSON(ctx, r, &teams, opts)
	return result(teams, err)
}

// ListV2 returns one page of teams; opt may be nil. It always sends page,
// page_size and sort_order, defaulting to 1, 10 and "asc" as the Python
// client does (see [TeamListV2Options]).
//
// Endpoint: GET /v2/team/list (Python: client.teams.list_v2).
func (s *TeamsService) ListV2(ctx context.Context, opt *TeamListV2Options, opts ...Option) (*TeamListV2, error) {
	return result(s.listV2(ctx, opt, opts))
}

// listV2 is ListV2 for All: errRequestReturned is an error like any other.
func (s *TeamsService) listV2(ctx context.Context, opt *TeamListV2Options, opts []Option) (*TeamListV2, error) {
	r := newRequest(http.MethodGet, "/v2/team/list").
		with(gen.NewTeamListV2Request(s.client.server, opt.params()))
	list := new(TeamListV2)
	return list, s.client.doJSON(ctx, r, list, opts)
}

// All returns every team that opt selects, through [TeamsService.ListV2],
// page after page, starting at opt.Page (or 1), asking for 100 teams a page
// unless opt.PageSize is set. It does not change opt. The iteration stops at
// the first error, which it yields; with [ReturnRequest] it stores the
// request of the first page and yields nothing.
//
// Endpoint: GET /v2/team/list, once per page (Python: none; list_v2 returns one page).
func (s *TeamsService) All(ctx context.Context, opt *TeamListV2Options, opts ...Option) iter.Seq2[*Team, error] {
	var o TeamListV2Options
	if opt != nil {
		o = *opt
	}
	if o.PageSize == 0 {
		o.PageSize = defaultPageSize
	}
	return pages(ctx, o.Page, func(ctx context.Context, page int) ([]Team, int, error) {
		po := o
		po.Page = page
		list, err := s.listV2(ctx, &po, opts)
		if err != nil {
			return nil, 0, err
		}
		return list.Teams, list.TotalPages, nil
	})
}

// Available returns the teams the caller may join. With [ReturnRequest] it
// returns nil, nil.
//
// Endpoint: GET /team/available (Python: client.teams.get_available).
func (s *TeamsService) Available(ctx context.Context, opts ...Option) ([]Team, error) {
	r := newRequest(http.MethodGet, "/team/available").
		with(gen.NewTeamAvailableRequest(s.client.server))
	var teams []Team
	err := s.client.doJSON(ctx, r, &teams, opts)
	return result(teams, err)
}

// Delete deletes teams, with their keys and memberships. An unknown id
// fails the whole call with an error matching [ErrNotFound].
//
// Endpoint: POST /team/delete (Python: none).
func (s *TeamsService) Delete(ctx context.Context, teamIDs []string, opts ...Option) (*TeamDeleteResponse, error) {
	if len(teamIDs) == 0 {
		return nil, errors.New("POST /team/delete: at least one team id is required")
	}
	for i, id := range teamIDs {
		if id == "" {
			return nil, fmt.Errorf("POST /team/delete: team id %d is empty", i)
		}
	}
	body := gen.TeamDeleteRequest{TeamIds: append([]string(nil), teamIDs...)}
	r := newRequest(http.MethodPost, "/team/delete").
		with(gen.NewTeamDeleteRequest(s.client.server, nil, body))
	deleted := new(TeamDeleteResponse)
	return result(deleted, s.client.doJSON(ctx, r, deleted, opts))
}

// AddMember adds members to a team; opt may be nil. Each member needs a Role
// and a UserID or UserEmail; users that do not exist yet are created.
// Members are always sent as a JSON list, even a single one (the proxy
// accepts an object or a list and treats them alike), so the body has one
// shape. Adding only members who are already in the team is an error whose
// Type is "team_member_already_in_team".
//
// Endpoint: POST /team/member_add (Python: none).
func (s *TeamsService) AddMember(ctx context.Context, teamID string, members []Member, opt *TeamMemberAddOptions, opts ...Option) (*TeamMemberAddResponse, error) {
	const prefix = "POST /team/member_add: "
	if teamID == "" {
		return nil, errors.New(prefix + "team id is required")
	}
	if len(members) == 0 {
		return nil, errors.New(prefix + "at least one member is required")
	}
	for i, m := range members {
		if m.Role == "" {
			return nil, fmt.Errorf(prefix+"member %d: role is required", i)
		}
		if m.UserID == "" && m.UserEmail == "" {
			return nil, fmt.Errorf(prefix+"member %d: user id or user email is required", i)
		}
	}
	body := gen.TeamMemberAddRequest{TeamID: teamID, Member: append([]Member(nil), members...)}
	if opt != nil {
		if opt.MaxBudgetInTeam != nil {
			b := *opt.MaxBudgetInTeam
			body.MaxBudgetInTeam = &b
		}
		body.AllowedModels = append([]string(nil), opt.AllowedModels...)
	}
	r := newRequest(http.MethodPost, "/team/member_add").
		with(gen.NewTeamMemberAddRequest(s.client.server, body))
	added := new(TeamMemberAddResponse)
	return result(added, s.client.doJSON(ctx, r, added, opts))
}

// Roles of [TeamMemberUpdateRequest].
const (
	TeamMemberUpdateRoleAdmin TeamMemberUpdateRole = gen.TeamMemberUpdateRequestRoleAdmin
	TeamMemberUpdateRoleUser  TeamMemberUpdateRole = gen.TeamMemberUpdateRequestRoleUser
)

// Update changes the team req.TeamID and returns the updated row (the
// proxy wraps it as {"team_id", "data"}; Update returns data). Only the
// fields set are sent. An unknown team is an error matching [ErrNotFound].
//
// Endpoint: POST /team/update (Python: none).
func (s *TeamsService) Update(ctx context.Context, req *TeamUpdateRequest, opts ...Option) (*Team, error) {
	if req == nil || req.TeamID == "" {
		return nil, errors.New("POST /team/update: team id is required")
	}
	r := newRequest(http.MethodPost, "/team/update").
		with(gen.NewTeamUpdateRequest(s.client.server, nil, *req))
	resp := new(gen.TeamUpdateResponse)
	if err := s.client.doJSON(ctx, r, resp, opts); err != nil {
		return result[*Team](nil, err)
	}
	return &resp.Data, nil
}

// UpdateMember changes a member's role, budget in the team, limits or
// allowed models. req needs TeamID and UserID or UserEmail. Assigning the
// admin role needs an Enterprise proxy. The proxy answers a user who is
// not a member of the team like a member, changing nothing.
//
// Endpoint: POST /team/member_update (Python: none).
func (s *TeamsService) UpdateMember(ctx context.Context, req *TeamMemberUpdateRequest, opts ...Option) (*TeamMemberUpdateResponse, error) {
	const prefix = "POST /team/member_update: "
	if req == nil || req.TeamID == "" {
		return nil, errors.New(prefix + "team id is required")
	}
	if req.UserID == "" && req.UserEmail == "" {
		return nil, errors.New(prefix + "user id or user email is required")
	}
	r := newRequest(http.MethodPost, "/team/member_update").
		with(gen.NewTeamMemberUpdateRequest(s.client.server, *req))
	out := new(TeamMemberUpdateResponse)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// RemoveMember removes a member, named by userID or, when userID is
// empty, by userEmail, from the team; it deletes the member's keys in the
// team too. It returns the team. A user who is not a member is an error
// (HTTP 400).
//
// Endpoint: POST /team/member_delete (Python: none).
func (s *TeamsService) RemoveMember(ctx context.Context, teamID, userID, userEmail string, opts ...Option) (*Team, error) {
	const prefix = "POST /team/member_delete: "
	if teamID == "" {
		return nil, errors.New(prefix + "team id is required")
	}
	if userID == "" && userEmail == "" {
		return nil, errors.New(prefix + "user id or user email is required")
	}
	body := gen.TeamMemberDeleteRequest{TeamID: teamID, UserID: userID}
	if userID == "" {
		body.UserEmail = userEmail
	}
	r := newRequest(http.MethodPost, "/team/member_delete").
		with(gen.NewTeamMemberDeleteRequest(s.client.server, body))
	team := new(Team)
	return result(team, s.client.doJSON(ctx, r, team, opts))
}

// Block marks a team blocked, which makes requests with its keys fail
// until [TeamsService.Unblock]. The proxy does not refresh its cached team
// object, so keys it has cached keep working until the cache expires (a
// 1.88.0 proxy answered a chat right after the block). It returns the
// team. An unknown team is an error matching [ErrNotFound].
//
// Endpoint: POST /team/block (Python: none).
func (s *TeamsService) Block(ctx context.Context, teamID string, opts ...Option) (*Team, error) {
	if teamID == "" {
		return nil, errors.New("POST /team/block: team id is required")
	}
	r := newRequest(http.MethodPost, "/team/block").
		with(gen.NewTeamBlockRequest(s.client.server, gen.TeamBlockRequest{TeamID: teamID}))
	team := new(Team)
	return result(team, s.client.doJSON(ctx, r, team, opts))
}

// Unblock unblocks a team (a team that is not blocked is no error) and
// returns it. An unknown team is an error matching [ErrNotFound].
//
// Endpoint: POST /team/unblock (Python: none).
func (s *TeamsService) Unblock(ctx context.Context, teamID string, opts ...Option) (*Team, error) {
	if teamID == "" {
		return nil, errors.New("POST /team/unblock: team id is required")
	}
	r := newRequest(http.MethodPost, "/team/unblock").
		with(gen.NewTeamUnblockRequest(s.client.server, gen.TeamBlockRequest{TeamID: teamID}))
	team := new(Team)
	return result(team, s.client.doJSON(ctx, r, team, opts))
}

// teamModels checks the arguments of AddModels and RemoveModels.
func teamModels(prefix, teamID string, models []string) (gen.TeamModelsRequest, error) {
	if teamID == "" {
		return gen.TeamModelsRequest{}, errors.New(prefix + "team id is required")
	}
	if len(models) == 0 {
		return gen.TeamModelsRequest{}, errors.New(prefix + "at least one model is required")
	}
	return gen.TeamModelsRequest{TeamID: teamID, Models: append([]string(nil), models...)}, nil
}

// AddModels adds models to the team's allowed models and returns the team.
// A team with no models may use every model; adding to it keeps that
// access as the special model "all-proxy-models". The proxy does not keep
// the order of the list.
//
// Endpoint: POST /team/model/add (Python: none).
func (s *TeamsService) AddModels(ctx context.Context, teamID string, models []string, opts ...Option) (*Team, error) {
	body, err := teamModels("POST /team/model/add: ", teamID, models)
	if err != nil {
		return nil, err
	}
	r := newRequest(http.MethodPost, "/team/model/add").
		with(gen.NewTeamModelAddRequest(s.client.server, body))
	team := new(Team)
	return result(team, s.client.doJSON(ctx, r, team, opts))
}

// RemoveModels removes models from the team's allowed models (models it
// does not have are ignored) and returns the team. Removing the last model
// leaves an empty list, which means every model.
//
// Endpoint: POST /team/model/delete (Python: none).
func (s *TeamsService) RemoveModels(ctx context.Context, teamID string, models []string, opts ...Option) (*Team, error) {
	body, err := teamModels("POST /team/model/delete: ", teamID, models)
	if err != nil {
		return nil, err
	}
	r := newRequest(http.MethodPost, "/team/model/delete").
		with(gen.NewTeamModelDeleteRequest(s.client.server, body))
	team := new(Team)
	return result(team, s.client.doJSON(ctx, r, team, opts))
}

// Permissions returns the routes the team's non-admin members may call,
// and every route that can be granted.
//
// Endpoint: GET /team/permissions_list (Python: none).
func (s *TeamsService) Permissions(ctx context.Context, teamID string, opts ...Option) (*TeamPermissions, error) {
	if teamID == "" {
		return nil, errors.New("GET /team/permissions_list: team id is required")
	}
	r := newRequest(http.MethodGet, "/team/permissions_list").
		with(gen.NewTeamPermissionsListRequest(s.client.server, &gen.TeamPermissionsListParams{TeamID: &teamID}))
	out := new(TeamPermissions)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// SetPermissions replaces the routes the team's non-admin members may call
// (nil or empty clears them) and returns the team. The proxy does not check
// the routes against [TeamPermissions].AllAvailablePermissions.
//
// Endpoint: POST /team/permissions_update (Python: none).
func (s *TeamsService) SetPermissions(ctx context.Context, teamID string, routes []string, opts ...Option) (*Team, error) {
	if teamID == "" {
		return nil, errors.New("POST /team/permissions_update: team id is required")
	}
	body := gen.TeamPermissionsUpdateRequest{TeamID: teamID, TeamMemberPermissions: append([]string{}, routes...)}
	r := newRequest(http.MethodPost, "/team/permissions_update").
		with(gen.NewTeamPermissionsUpdateRequest(s.client.server, body))
	team := new(Team)
	return result(team, s.client.doJSON(ctx, r, team, opts))
}

// TeamActivityOptions selects the days of [TeamsService.DailyActivity].
// Start and End are required (the proxy answers 400 without them); they
// are sent as dates (YYYY-MM-DD, the time of day is dropped). Empty
// fields are not sent.
type TeamActivityOptions struct {
	// TeamIDs keeps these teams (none: every team the caller may see).
	TeamIDs []string
	// ExcludeTeamIDs leaves these teams out.
	ExcludeTeamIDs []string
	// Start and End are the first and last day.
	Start, End time.Time
	// Model keeps the activity of this model.
	Model string
	// APIKey keeps the activity of this key (its hash).
	APIKey string
	// Page is the page of days, from 1 (the proxy's default 1).
	Page int
	// PageSize is the number of days a page (the proxy's default 10).
	PageSize int
}

// DailyActivity returns the teams' spend, tokens and requests per day,
// broken down by model, key, provider and endpoint.
//
// Endpoint: GET /team/daily/activity (Python: none).
func (s *TeamsService) DailyActivity(ctx context.Context, opt *TeamActivityOptions, opts ...Option) (*TeamDailyActivity, error) {
	const prefix = "GET /team/daily/activity: "
	if opt == nil || opt.Start.IsZero() || opt.End.IsZero() {
		return nil, errors.New(prefix + "start and end dates are required")
	}
	if opt.End.Before(opt.Start) {
		return nil, errors.New(prefix + "end is before start")
	}
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	num := func(n int) *int {
		if n == 0 {
			return nil
		}
		return &n
	}
	params := &gen.TeamDailyActivityParams{
		TeamIds:        str(strings.Join(opt.TeamIDs, ",")),
		ExcludeTeamIds: str(strings.Join(opt.ExcludeTeamIDs, ",")),
		StartDate:      str(opt.Start.Format(time.DateOnly)),
		EndDate:        str(opt.End.Format(time.DateOnly)),
		Model:          str(opt.Model),
		APIKey:         str(opt.APIKey),
		Page:           num(opt.Page),
		PageSize:       num(opt.PageSize),
	}
	r := newRequest(http.MethodGet, "/team/daily/activity").
		with(gen.NewTeamDailyActivityRequest(s.client.server, params))
	out := new(TeamDailyActivity)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}
