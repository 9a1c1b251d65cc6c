package facade

import (
	"context"
	"fmt"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// Wire types of the bulk user update.
type (
	// UserBulkUpdateResponse is the answer of POST /user/bulk_update: one
	// result a user, and the counts.
	UserBulkUpdateResponse = gen.UserBulkUpdateResponse
	// UserBulkUpdateResult is the outcome for one user: Success, and
	// UpdatedUser (what /user/update answers) or Error.
	UserBulkUpdateResult = gen.UserBulkUpdateResult
)

// BulkUpdate updates several users at once (at most 500; proxy admins
// only), each named by UserID or UserEmail. Each is a /user/update of its
// own, so, as there, a UserEmail no user has creates a user. A user that
// fails is a result with Success false and the error; a nil error does not
// mean every user changed.
//
// Endpoint: POST /user/bulk_update (Python: none).
func (s *UsersService) BulkUpdate(ctx context.Context, users []UserUpdateRequest, opts ...Option) (*UserBulkUpdateResponse, error) {
	const method, path = http.MethodPost, "/user/bulk_update"
	if len(users) == 0 {
		return nil, fmt.Errorf("%s %s: no users to update", method, path)
	}
	for i, u := range users {
		if u.UserID == "" && u.UserEmail == "" {
			return nil, fmt.Errorf("%s %s: user %d has neither a user id nor a user email", method, path, i)
		}
	}
	return s.bulkUpdate(ctx, gen.UserBulkUpdateRequest{Users: users}, opts)
}

// UpdateAll gives every user of the proxy the fields set in updates
// (proxy admins only; at most 500 users). Its UserID and UserEmail are
// not taken. The proxy answers 400 when it has no users.
//
// Endpoint: POST /user/bulk_update (Python: none).
func (s *UsersService) UpdateAll(ctx context.Context, updates *UserUpdateRequest, opts ...Option) (*UserBulkUpdateResponse, error) {
	const method, path = http.MethodPost, "/user/bulk_update"
	if updates == nil {
		return nil, fmt.Errorf("%s %s: nil updates", method, path)
	}
	u := *updates
	u.UserID, u.UserEmail = "", ""
	return s.bulkUpdate(ctx, gen.UserBulkUpdateRequest{AllUsers: true, UserUpdates: u}, opts)
}

func (s *UsersService) bulkUpdate(ctx context.Context, body gen.UserBulkUpdateRequest, opts []Option) (*UserBulkUpdateResponse, error) {
	r := newRequest(http.MethodPost, "/user/bulk_update").
		with(gen.NewUserBulkUpdateRequest(s.client.server, nil, body))
	out := new(UserBulkUpdateResponse)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// DailyActivityAggregated returns the users' spend, tokens and requests
// per day over the whole range in one answer (Page and Size of ao are not
// used; the metadata says page 1 of 1), summed over the users: the
// breakdown has models, providers and keys but no per-user entities.
// Proxy admins only; ao.UserID keeps one user's activity.
//
// Endpoint: GET /user/daily/activity/aggregated (Python: none).
func (s *UsersService) DailyActivityAggregated(ctx context.Context, ao *UserActivityOptions, opts ...Option) (*SpendAnalytics, error) {
	const method, path = http.MethodGet, "/user/daily/activity/aggregated"
	if ao == nil || ao.Start == "" || ao.End == "" {
		return nil, fmt.Errorf("%s %s: start and end dates are required", method, path)
	}
	if ao.Page != 0 || ao.Size != 0 {
		return nil, fmt.Errorf("%s %s: the aggregated activity is not paged (Page and Size must be 0)", method, path)
	}
	r := newRequest(method, path).
		with(gen.NewUserDailyActivityAggregatedRequest(s.client.server, &gen.UserDailyActivityAggregatedParams{
			StartDate: setOrNil(ao.Start), EndDate: setOrNil(ao.End), UserID: setOrNil(ao.UserID), Model: setOrNil(ao.Model),
			APIKey: setOrNil(ao.APIKey), Timezone: setOrNil(ao.Timezone)}))
	res := new(SpendAnalytics)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}

// UserAvailableUsers is the answer of GET /user/available_users: users
// and teams used, and the licence's limits (nil for none).
type UserAvailableUsers = gen.UserAvailableUsers

// AvailableUsers returns how many users and teams the proxy has, and the
// licence's limits on them and what remains (nil without a limit, as on an
// open-source proxy without SSO). Proxy admins only.
//
// Endpoint: GET /user/available_users (Python: none).
func (s *UsersService) AvailableUsers(ctx context.Context, opts ...Option) (*UserAvailableUsers, error) {
	r := newRequest(http.MethodGet, "/user/available_users").with(gen.NewUserAvailableUsersRequest(s.client.server))
	out := new(UserAvailableUsers)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}
