package facade

import (
	"context"
	"errors"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// Wire types of the global spend endpoints, named here so that users
// import only facade.
type (
	// GlobalSpendTag is the request count and spend (rounded to 4 places)
	// of one request tag in [SpendService.GlobalTags].
	GlobalSpendTag = gen.GlobalSpendTag
	// SpendResetResponse is the answer of [SpendService.Reset].
	SpendResetResponse = gen.GlobalSpendResetResponse
)

// GlobalSpendTagsOptions select [SpendService.GlobalTags]: Start and End
// (YYYY-MM-DD) are required; Tags keeps those tags (all when empty).
type GlobalSpendTagsOptions struct {
	Start, End string
	Tags       []string
}

// GlobalTags returns the request count and spend of every request tag
// (the User-Agent tags the proxy adds included) of the days go.Start to
// go.End, highest spend first. Proxy admins, admin viewers and keys with
// the get_spend_routes permission may call it. Unlike [SpendService.Tags]
// it needs the dates and rounds the spend to 4 places.
//
// Endpoint: GET /global/spend/tags (Python: none).
func (s *SpendService) GlobalTags(ctx context.Context, o *GlobalSpendTagsOptions, opts ...Option) ([]GlobalSpendTag, error) {
	if o == nil || o.Start == "" || o.End == "" {
		return nil, errors.New("GET /global/spend/tags: start and end dates are required")
	}
	r := newRequest(http.MethodGet, "/global/spend/tags").
		with(gen.NewGlobalSpendTagsRequest(s.client.server, &gen.GlobalSpendTagsParams{
			StartDate: setOrNil(o.Start), EndDate: setOrNil(o.End), Tags: joinIDs(o.Tags)}))
	var res gen.GlobalSpendTags
	err := s.client.doJSON(ctx, r, &res, opts)
	return result(arrayResult(&res.SpendPerTag, err))
}

// Reset sets the spend of every virtual key and every team to 0, which
// restarts their budgets; the spend logs, and the users' and customers'
// spend, stay. It cannot be undone. Only the master key may call it: any
// other key, a proxy admin's included, gets an error matching
// [ErrUnauthorized].
//
// Endpoint: POST /global/spend/reset (Python: none).
func (s *SpendService) Reset(ctx context.Context, opts ...Option) (*SpendResetResponse, error) {
	r := newRequest(http.MethodPost, "/global/spend/reset").
		with(gen.NewGlobalSpendResetRequest(s.client.server))
	res := new(SpendResetResponse)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}
