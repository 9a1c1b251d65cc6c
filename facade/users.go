package facade

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"

	"github.com/litellm-go/proxyclient/gen"
)

// UsersService manages the proxy's internal users
// (https://docs.litellm.ai/docs/proxy/users). Creating and deleting users
// needs an admin key. To record who made a change in the proxy's audit log,
// pass WithHeader("litellm-changed-by", who) to the call.
type UsersService service

// Wire types of the user endpoints, named here so that users import only facade.
type (
	// User is a user row (LiteLLM_UserTable); KeyCount is set only by
	// [UsersService.List].
	User = gen.UserRecord
	// UserList is one page of [UsersService.List].
	UserList = gen.UserList
	// UserInfo is the response of [UsersService.Get]: the user, their keys
	// and their teams. Asked without a user id by a proxy admin, it holds
	// every key and team and an empty UserInfo.
	UserInfo = gen.UserInfo
	// UserInfoV2 is the response of [UsersService.GetV2]: the user's own
	// fields and the ids of their teams, without keys or team objects.
	UserInfoV2 = gen.UserInfoV2
	// UserNewRequest is the body of POST /user/new. Every field is
	// optional; unless AutoCreateKey is false, the proxy also creates a key
	// for the user and returns it in UserNewResponse.Key.
	UserNewRequest = gen.UserNewRequest
	// UserNewRequestTeam is one element of UserNewRequest.Teams when it
	// carries a budget or role per team (Teams may also be a []string of
	// team ids).
	UserNewRequestTeam = gen.UserNewRequestTeam
	// UserNewResponse is the created user and its new key.
	UserNewResponse = gen.UserNewResponse
	// UserUpdateRequest is the body of POST /user/update; UserID or
	// UserEmail names the user. Pointer fields are sent only when set.
	UserUpdateRequest = gen.UserUpdateRequest
	// UserUpdateResponse is the updated user row and its id.
	UserUpdateResponse = gen.UserUpdateResponse
)

// User roles, for UserNewRequest.UserRole, UserUpdateRequest.UserRole and
// UserListOptions.Role. They are untyped so that they fit all three fields.
const (
	UserRoleProxyAdmin         = "proxy_admin"
	UserRoleProxyAdminViewer   = "proxy_admin_viewer"
	UserRoleInternalUser       = "internal_user"
	UserRoleInternalUserViewer = "internal_user_viewer"
)

// UserListOptions filters and pages [UsersService.List]. Zero fields are
// not sent, so the proxy's defaults apply (page 1, 25 users per page,
// ascending). It replaces the generated parameter struct, whose fields are
// all pointers.
type UserListOptions struct {
	// Role keeps users with this role ("proxy_admin", "internal_user", ...).
	Role string
	// UserIDs keeps these users (sent comma-separated).
	UserIDs []string
	// SSOUserIDs keeps users with these SSO ids (sent comma-separated).
	SSOUserIDs []string
	// UserEmail keeps users whose email contains this text.
	UserEmail string
	// Team keeps members of this team id.
	Team string
	// OrganizationIDs keeps members of these organizations (sent
	// comma-separated; proxy v1.88 and later).
	OrganizationIDs []string
	// Page is the page to return, from 1.
	Page int
	// PageSize is the number of users per page (1 to 100).
	PageSize int
	// SortBy is the field to sort by (user_id, user_email, created_at, spend, ...).
	SortBy string
	// SortOrder is "asc" or "desc".
	SortOrder string
}

func (o *UserListOptions) params() *gen.UserListParams {
	p := &gen.UserListParams{}
	if o == nil {
		return p
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
	p.Role = str(o.Role)
	p.UserIds = str(strings.Join(o.UserIDs, ","))
	p.SSOUserIds = str(strings.Join(o.SSOUserIDs, ","))
	p.UserEmail = str(o.UserEmail)
	p.Team = str(o.Team)
	p.OrganizationIds = str(strings.Join(o.OrganizationIDs, ","))
	p.Page = num(o.Page)
	p.PageSize = num(o.PageSize)
	p.SortBy = str(o.SortBy)
	if o.SortOrder != "" {
		so := gen.UserListParamsSortOrder(o.SortOrder)
		p.SortOrder = &so
	}
	return p
}

// Create creates a user. req may be nil: the proxy then creates a user with
// a generated id and its defaults (the body is {}).
//
// Endpoint: POST /user/new (Python: UsersManagementClient.create_user).
func (s *UsersService) Create(ctx context.Context, req *UserNewRequest, opts ...Option) (*UserNewResponse, error) {
	var body UserNewRequest
	if req != nil {
		body = *req
	}
	r := newRequest(http.MethodPost, "/user/new").
		with(gen.NewUserNewRequest(s.client.server, body))
	user := new(UserNewResponse)
	return result(user, s.client.doJSON(ctx, r, user, opts))
}

// Get returns a user with their keys and teams. An empty userID asks for
// the caller's own user (for a proxy admin: every key and team, and no user).
//
// Endpoint: GET /user/info (Python: UsersManagementClient.get_user).
func (s *UsersService) Get(ctx context.Context, userID string, opts ...Option) (*UserInfo, error) {
	params := &gen.UserInfoParams{}
	if userID != "" {
		params.UserID = &userID
	}
	r := newRequest(http.MethodGet, "/user/info").
		with(gen.NewUserInfoRequest(s.client.server, params))
	info := new(UserInfo)
	return result(info, s.client.doJSON(ctx, r, info, opts))
}

// GetV2 returns a user without their keys and teams (only the team ids):
// the lighter form of [UsersService.Get] (proxy v1.88 has it, v1.80 not). An
// empty userID asks for the caller's own user (the master key's user is
// "default_user_id", which exists once the master key has created a team).
// A user that does not exist, or that the caller may not read (only admins
// read any user, team admins the members of their teams), is an error
// matching [ErrNotFound].
//
// Endpoint: GET /v2/user/info (Python: none).
func (s *UsersService) GetV2(ctx context.Context, userID string, opts ...Option) (*UserInfoV2, error) {
	params := &gen.UserInfoV2Params{}
	if userID != "" {
		params.UserID = &userID
	}
	r := newRequest(http.MethodGet, "/v2/user/info").
		with(gen.NewUserInfoV2Request(s.client.server, params))
	info := new(UserInfoV2)
	return result(info, s.client.doJSON(ctx, r, info, opts))
}

// List returns one page of users; opt may be nil. Unlike the Python client,
// which returns only the users, it returns the whole page with its totals.
//
// Endpoint: GET /user/list (Python: UsersManagementClient.list_users).
func (s *UsersService) List(ctx context.Context, opt *UserListOptions, opts ...Option) (*UserList, error) {
	return result(s.list(ctx, opt, opts))
}

// list is List for All: errRequestReturned is an error like any other.
func (s *UsersService) list(ctx context.Context, opt *UserListOptions, opts []Option) (*UserList, error) {
	r := newRequest(http.MethodGet, "/user/list").
		with(gen.NewUserListRequest(s.client.server, opt.params()))
	list := new(UserList)
	return list, s.client.doJSON(ctx, r, list, opts)
}

// All returns every user that opt selects, page after page, starting at
// opt.Page (or 1), asking for 100 users a page unless opt.PageSize is set. It
// does not change opt. The iteration stops at the first error, which it
// yields; with [ReturnRequest] it stores the request of the first page and
// yields nothing.
//
// Endpoint: GET /user/list, once per page (Python: none; list_users returns one page).
func (s *UsersService) All(ctx context.Context, opt *UserListOptions, opts ...Option) iter.Seq2[*User, error] {
	var o UserListOptions
	if opt != nil {
		o = *opt
		o.UserIDs = append([]string(nil), opt.UserIDs...)
		o.SSOUserIDs = append([]string(nil), opt.SSOUserIDs...)
		o.OrganizationIDs = append([]string(nil), opt.OrganizationIDs...)
	}
	if o.PageSize == 0 {
		o.PageSize = defaultPageSize
	}
	return pages(ctx, o.Page, func(ctx context.Context, page int) ([]User, int, error) {
		po := o
		po.Page = page
		list, err := s.list(ctx, &po, opts)
		if err != nil {
			return nil, 0, err
		}
		return list.Users, list.TotalPages, nil
	})
}

// Update changes a user, named by req.UserID or req.UserEmail (one is
// required). Beware: when only UserEmail is set and no user has that email,
// the proxy creates a new user.
//
// Endpoint: POST /user/update (Python: none).
func (s *UsersService) Update(ctx context.Context, req *UserUpdateRequest, opts ...Option) (*UserUpdateResponse, error) {
	if req == nil {
		return nil, errors.New("POST /user/update: nil request")
	}
	if req.UserID == "" && req.UserEmail == "" {
		return nil, errors.New("POST /user/update: user id or user email is required")
	}
	r := newRequest(http.MethodPost, "/user/update").
		with(gen.NewUserUpdateRequest(s.client.server, *req))
	updated := new(UserUpdateResponse)
	return result(updated, s.client.doJSON(ctx, r, updated, opts))
}

// Delete deletes users, with their keys and memberships, and returns the
// number of users deleted (the proxy answers a bare JSON integer). An
// unknown id fails the whole call with an error matching [ErrNotFound].
//
// Endpoint: POST /user/delete (Python: UsersManagementClient.delete_user).
func (s *UsersService) Delete(ctx context.Context, userIDs []string, opts ...Option) (int, error) {
	const method, path = http.MethodPost, "/user/delete"
	if len(userIDs) == 0 {
		return 0, errors.New("POST /user/delete: at least one user id is required")
	}
	for i, id := range userIDs {
		if id == "" {
			return 0, fmt.Errorf("POST /user/delete: user id %d is empty", i)
		}
	}
	body := gen.UserDeleteRequest{UserIds: append([]string(nil), userIDs...)}
	r := newRequest(method, path).
		with(gen.NewUserDeleteRequest(s.client.server, nil, body))
	var n int
	err := s.client.doJSON(ctx, r, &n, opts)
	return result(n, err)
}

// UserActivityOptions select the days of [UsersService.DailyActivity].
// Start and End (YYYY-MM-DD) are required.
type UserActivityOptions struct {
	// Start and End are the first and last day.
	Start, End string
	// UserID is the user (a proxy admin may leave it empty for every
	// user; others get their own data, and may name only themselves).
	UserID string
	// Model keeps the activity of this model.
	Model string
	// APIKey keeps the activity of this key (its hash).
	APIKey string
	// Page (from 1) and Size (1 to 1000, the proxy's default 50) page the
	// daily spend rows (one per day, user, key and model).
	Page, Size int
	// Timezone is the offset of the caller's days, in minutes west of UTC
	// (JavaScript's getTimezoneOffset: 480 for PST); 0 is not sent.
	Timezone int
}

// DailyActivity returns the users' spend, tokens and requests per day,
// with their breakdown by model, provider, key and user. A caller that is
// not a proxy admin gets its own activity only: naming another user is an
// error matching [ErrForbidden], and so is a key without a user.
//
// Endpoint: GET /user/daily/activity (Python: none).
func (s *UsersService) DailyActivity(ctx context.Context, ao *UserActivityOptions, opts ...Option) (*SpendAnalytics, error) {
	if ao == nil || ao.Start == "" || ao.End == "" {
		return nil, errors.New("GET /user/daily/activity: start and end dates are required")
	}
	r := newRequest(http.MethodGet, "/user/daily/activity").
		with(gen.NewUserDailyActivityRequest(s.client.server, &gen.UserDailyActivityParams{
			StartDate: setOrNil(ao.Start), EndDate: setOrNil(ao.End), UserID: setOrNil(ao.UserID), Model: setOrNil(ao.Model),
			APIKey: setOrNil(ao.APIKey), Page: setOrNil(ao.Page), PageSize: setOrNil(ao.Size), Timezone: setOrNil(ao.Timezone)}))
	res := new(SpendAnalytics)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}
