package facade

import (
	"context"
	"errors"
	"iter"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// Wire types of the tag analytics endpoints, named here so that users
// import only facade.
type (
	// TagSummary is the usage of one tag over a period: the distinct users
	// of the keys that made its requests, and its requests, tokens and
	// spend.
	TagSummary = gen.TagSummaryMetrics
	// TagActiveUsers is the number of distinct users of one tag in one
	// period. Date is the day (DAU), or a label such as "Week 7 (Nov 27)"
	// or "Month 7 (Nov)" with PeriodStart and PeriodEnd, the period's
	// first and last day ("YYYY-MM-DD 00:00:00").
	TagActiveUsers = gen.TagActiveUsers
	// TagUserUsage is the usage of one user in the tag analytics: its
	// requests, tokens and spend, and UserAgent, the tag of its first
	// daily tag spend row.
	TagUserUsage = gen.PerUserMetrics
	// TagUserUsagePage is a page of [TagsService.UserUsage].
	TagUserUsagePage = gen.PerUserAnalyticsResponse
)

// TagActivityOptions select [TagsService.DailyActivity]: Start and End
// (YYYY-MM-DD) are required; Tags are the tags (all when empty); Model and
// APIKey (a hashed key) narrow the rows. Page starts at 1; Size is the
// number of daily tag spend rows (one per day, tag, key and model) a page
// holds, 10 by default.
type TagActivityOptions struct {
	Start, End    string
	Tags          []string
	Model, APIKey string
	Page, Size    int
}

// DailyActivity returns the spend, tokens and requests per day of the
// request tags ao selects, with their breakdown by model, provider, key
// and tag. A request with several tags counts once for each. Proxy admins
// and admin viewers see every key's requests; an internal user only its
// own keys' (LiteLLM 1.88.0 answers internal users HTTP 500, a bug of its
// own).
//
// Endpoint: GET /tag/daily/activity (Python: none).
func (s *TagsService) DailyActivity(ctx context.Context, ao *TagActivityOptions, opts ...Option) (*SpendAnalytics, error) {
	if ao == nil || ao.Start == "" || ao.End == "" {
		return nil, errors.New("GET /tag/daily/activity: start and end dates are required")
	}
	r := newRequest(http.MethodGet, "/tag/daily/activity").
		with(gen.NewTagDailyActivityRequest(s.client.server, &gen.TagDailyActivityParams{
			Tags: joinIDs(ao.Tags), StartDate: setOrNil(ao.Start), EndDate: setOrNil(ao.End), Model: setOrNil(ao.Model),
			APIKey: setOrNil(ao.APIKey), Page: setOrNil(ao.Page), PageSize: setOrNil(ao.Size)}))
	res := new(SpendAnalytics)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}

// TagFilter narrows the tag analytics to some tags: Tags, when set, are
// the exact tags; otherwise Contains keeps the tags that contain it
// (case-insensitively, but in [TagsService.UserUsage]). The zero value
// keeps every tag.
type TagFilter struct {
	Contains string
	Tags     []string
}

// params are the filter's query parameters (tag_filter, tag_filters).
func (f *TagFilter) params() (filter *string, filters *[]string) {
	if f == nil {
		return nil, nil
	}
	if len(f.Tags) > 0 {
		tags := append([]string(nil), f.Tags...)
		filters = &tags
	}
	return setOrNil(f.Contains), filters
}

// TagSummaryOptions select [TagsService.Summary]: Start and End
// (YYYY-MM-DD) are required.
type TagSummaryOptions struct {
	Start, End string
	TagFilter
}

// Summary returns, per request tag used from so.Start to so.End, its
// distinct users (of the keys that made its requests), requests, tokens
// and spend, the most requests first. The User-Agent tags the proxy adds
// to every request are tags too. Proxy admins and admin viewers only.
//
// Endpoint: GET /tag/summary (Python: none).
func (s *TagsService) Summary(ctx context.Context, so *TagSummaryOptions, opts ...Option) ([]TagSummary, error) {
	if so == nil || so.Start == "" || so.End == "" {
		return nil, errors.New("GET /tag/summary: start and end dates are required")
	}
	filter, filters := so.TagFilter.params()
	r := newRequest(http.MethodGet, "/tag/summary").
		with(gen.NewTagSummaryRequest(s.client.server, &gen.TagSummaryParams{
			StartDate: so.Start, EndDate: so.End, TagFilter: filter, TagFilters: filters}))
	var res gen.TagSummaryResponse
	err := s.client.doJSON(ctx, r, &res, opts)
	return result(arrayResult(&res.Results, err))
}

// Distinct returns the tags requests used that are User-Agent tags
// ("User-Agent: curl/8.5.0") or have no colon, the most used first, at
// most 250. Proxy admins and admin viewers only.
//
// Endpoint: GET /tag/distinct (Python: none).
func (s *TagsService) Distinct(ctx context.Context, opts ...Option) ([]string, error) {
	r := newRequest(http.MethodGet, "/tag/distinct").
		with(gen.NewTagDistinctRequest(s.client.server))
	var res gen.DistinctTagsResponse
	if err := s.client.doJSON(ctx, r, &res, opts); err != nil {
		return result([]string(nil), err)
	}
	tags := make([]string, len(res.Results))
	for i, t := range res.Results {
		tags[i] = t.Tag
	}
	return tags, nil
}

// activeUsers decodes an ActiveUsersAnalyticsResponse's results.
func (s *TagsService) activeUsers(ctx context.Context, r *request, opts []Option) ([]TagActiveUsers, error) {
	var res gen.ActiveUsersAnalyticsResponse
	err := s.client.doJSON(ctx, r, &res, opts)
	return result(arrayResult(&res.Results, err))
}

// DailyActiveUsers returns the distinct users (of the keys that made the
// requests; the master key has none) per tag and day, for the days from
// seven days before UTC tomorrow to UTC tomorrow, the latest day first.
// f may be nil. Proxy admins and admin viewers only.
//
// Endpoint: GET /tag/dau (Python: none).
func (s *TagsService) DailyActiveUsers(ctx context.Context, f *TagFilter, opts ...Option) ([]TagActiveUsers, error) {
	filter, filters := f.params()
	r := newRequest(http.MethodGet, "/tag/dau").
		with(gen.NewTagDauRequest(s.client.server, &gen.TagDauParams{TagFilter: filter, TagFilters: filters}))
	return s.activeUsers(ctx, r, opts)
}

// WeeklyActiveUsers returns the distinct users per tag and week, for the
// seven weeks that end on UTC tomorrow, the earliest week ("Week 1") first.
// f may be nil. Proxy admins and admin viewers only.
//
// Endpoint: GET /tag/wau (Python: none).
func (s *TagsService) WeeklyActiveUsers(ctx context.Context, f *TagFilter, opts ...Option) ([]TagActiveUsers, error) {
	filter, filters := f.params()
	r := newRequest(http.MethodGet, "/tag/wau").
		with(gen.NewTagWauRequest(s.client.server, &gen.TagWauParams{TagFilter: filter, TagFilters: filters}))
	return s.activeUsers(ctx, r, opts)
}

// MonthlyActiveUsers returns the distinct users per tag and 30-day month,
// for the seven months that end on UTC tomorrow, the earliest month
// ("Month 1") first. f may be nil. Proxy admins and admin viewers only.
//
// Endpoint: GET /tag/mau (Python: none).
func (s *TagsService) MonthlyActiveUsers(ctx context.Context, f *TagFilter, opts ...Option) ([]TagActiveUsers, error) {
	filter, filters := f.params()
	r := newRequest(http.MethodGet, "/tag/mau").
		with(gen.NewTagMauRequest(s.client.server, &gen.TagMauParams{TagFilter: filter, TagFilters: filters}))
	return s.activeUsers(ctx, r, opts)
}

// TagUserUsageOptions filter and page [TagsService.UserUsage]. Page starts
// at 1; Size is 1 to 1000 (the proxy's default 50). Contains matches case
// sensitively here.
type TagUserUsageOptions struct {
	TagFilter
	Page, Size int
}

// UserUsage returns a page of the users (of the keys that made the
// requests of the last 30 days) with their requests, tokens and spend in
// the daily tag spend (a request counts once per matching tag, User-Agent
// tags included), the most successful requests first. uo may be nil. See
// [TagsService.AllUserUsage] for every page. Proxy admins and admin
// viewers only.
//
// Endpoint: GET /tag/user-agent/per-user-analytics (Python: none).
func (s *TagsService) UserUsage(ctx context.Context, uo *TagUserUsageOptions, opts ...Option) (*TagUserUsagePage, error) {
	return result(s.userUsage(ctx, uo, opts))
}

// userUsage is UserUsage for AllUserUsage: errRequestReturned is an error
// like any other.
func (s *TagsService) userUsage(ctx context.Context, uo *TagUserUsageOptions, opts []Option) (*TagUserUsagePage, error) {
	var o TagUserUsageOptions
	if uo != nil {
		o = *uo
	}
	filter, filters := o.TagFilter.params()
	r := newRequest(http.MethodGet, "/tag/user-agent/per-user-analytics").
		with(gen.NewTagPerUserAnalyticsRequest(s.client.server, &gen.TagPerUserAnalyticsParams{
			TagFilter: filter, TagFilters: filters, Page: setOrNil(o.Page), PageSize: setOrNil(o.Size)}))
	page := new(TagUserUsagePage)
	return page, s.client.doJSON(ctx, r, page, opts)
}

// AllUserUsage returns every user of [TagsService.UserUsage], page after
// page (100 a page unless uo.Size says otherwise, from uo.Page or 1), as
// the loop consumes them. It copies uo and never changes it. It stops at
// the last page, at an empty page, when the loop breaks, or at the first
// error, which it yields.
//
// Endpoint: GET /tag/user-agent/per-user-analytics, once per page (Python: none).
func (s *TagsService) AllUserUsage(ctx context.Context, uo *TagUserUsageOptions, opts ...Option) iter.Seq2[*TagUserUsage, error] {
	var o TagUserUsageOptions
	if uo != nil {
		o = *uo
	}
	if o.Size == 0 {
		o.Size = defaultPageSize
	}
	return pages(ctx, o.Page, func(ctx context.Context, page int) ([]TagUserUsage, int, error) {
		po := o
		po.Page = page
		p, err := s.userUsage(ctx, &po, opts)
		if err != nil {
			return nil, 0, err
		}
		return p.Results, p.TotalPages, nil
	})
}
