package facade

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"strings"

	"github.com/litellm-go/proxyclient/gen"
)

// SpendService reads what the proxy booked for its LLM calls: the spend
// log rows (one per request, with its cost, tokens, key, user, team,
// customer and tags), spend per tag, and the cost of a request before it
// is made. The spend routes need a database, except Calculate. A proxy
// admin sees every row; an internal user only its own.
type SpendService service

// Wire types of the spend endpoints, named here so that users import only
// facade.
type (
	// SpendLog is a spend log row: one LLM request. APIKey is the hashed
	// key ("litellm_proxy_master_key" for the master key), User the
	// internal user of the key, EndUser the request's customer.
	SpendLog = gen.SpendLog
	// SpendLogPage is a page of [SpendService.LogsPage].
	SpendLogPage = gen.SpendLogsPage
	// SpendTag is the request count and spend of one request tag.
	SpendTag = gen.SpendTagRow
	// SpendReportDay is one day of the Enterprise spend report.
	SpendReportDay = gen.GlobalSpendReportDay
	// SpendCalculateRequest is the body of [SpendService.Calculate]: Model
	// with Messages, or a CompletionResponse.
	SpendCalculateRequest = gen.SpendCalculateRequest
	// SpendAnalytics is the answer of the daily activity routes: one entry
	// per day (metrics and their breakdown by model, provider, key, ...),
	// totals and the page position.
	SpendAnalytics = gen.SpendAnalyticsPaginatedResponse
	// DailySpend is one day of [SpendAnalytics].
	DailySpend = gen.DailySpendData
	// DailySpendTotals are the totals and the page position of
	// [SpendAnalytics].
	DailySpendTotals = gen.DailySpendMetadata
	// SpendMetrics are the counters of a day or of a breakdown entry.
	SpendMetrics = gen.SpendMetrics
)

// SpendLogOptions filter [SpendService.Logs]. Start and End (YYYY-MM-DD,
// UTC midnights: End's own requests are after it) select a time range.
type SpendLogOptions struct {
	// APIKey is a key (sk-..., hashed by the proxy) or a hashed key.
	APIKey string
	// UserID is the internal user of the key.
	UserID    string
	RequestID string
	Start     string
	End       string
}

// Logs returns the spend log rows opts selects, newest first. The proxy
// does not page this route; see [SpendService.LogsPage] for large logs.
// With a date range, Logs asks for the rows (summarize=false), never the
// proxy's per-day summary. opts may be nil.
//
// Endpoint: GET /spend/logs (Python: none).
func (s *SpendService) Logs(ctx context.Context, opts *SpendLogOptions, callOpts ...Option) ([]SpendLog, error) {
	var o SpendLogOptions
	if opts != nil {
		o = *opts
	}
	summarize := false
	p := &gen.SpendLogsParams{APIKey: setOrNil(o.APIKey), UserID: setOrNil(o.UserID), RequestID: setOrNil(o.RequestID),
		StartDate: setOrNil(o.Start), EndDate: setOrNil(o.End)}
	if o.Start != "" && o.End != "" {
		p.Summarize = &summarize
	}
	r := newRequest(http.MethodGet, "/spend/logs").
		with(gen.NewSpendLogsRequest(s.client.server, p))
	rows := new([]SpendLog)
	return result(arrayResult(rows, s.client.doJSON(ctx, r, rows, callOpts)))
}

// SpendLogPageOptions filter and page [SpendService.LogsPage]. Start and
// End are required: "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS", UTC. An empty
// field filters nothing.
type SpendLogPageOptions struct {
	Start, End string
	// APIKey is a hashed key (not hashed by the proxy on this route).
	APIKey, UserID, RequestID, TeamID string
	// MinSpend and MaxSpend bound the spend of a row (nil: no bound).
	MinSpend, MaxSpend *float64
	// Status is success or failure.
	Status                   string
	Model, ModelID, KeyAlias string
	// EndUser is the customer of the request.
	EndUser                 string
	ErrorCode, ErrorMessage string
	// SortBy is spend, total_tokens, startTime (the default), endTime,
	// request_duration_ms, model or ttft_ms; SortOrder asc or desc (the
	// default).
	SortBy, SortOrder string
	// Page starts at 1; Size is 1 to 100 (the proxy's default is 50).
	Page, Size int
}

func (o *SpendLogPageOptions) params() *gen.SpendLogsV2Params {
	return &gen.SpendLogsV2Params{
		StartDate: setOrNil(o.Start), EndDate: setOrNil(o.End), APIKey: setOrNil(o.APIKey), UserID: setOrNil(o.UserID),
		RequestID: setOrNil(o.RequestID), TeamID: setOrNil(o.TeamID), MinSpend: o.MinSpend, MaxSpend: o.MaxSpend,
		StatusFilter: setOrNil(o.Status), Model: setOrNil(o.Model), ModelID: setOrNil(o.ModelID),
		KeyAlias: setOrNil(o.KeyAlias), EndUser: setOrNil(o.EndUser), ErrorCode: setOrNil(o.ErrorCode),
		ErrorMessage: setOrNil(o.ErrorMessage), SortBy: setOrNil(o.SortBy), SortOrder: setOrNil(o.SortOrder),
		Page: setOrNil(o.Page), PageSize: setOrNil(o.Size),
	}
}

// LogsPage returns one page of the spend log rows lo selects (newest
// first unless lo.SortBy and lo.SortOrder say otherwise; page 1 and 50
// rows unless lo.Page and lo.Size say otherwise, at most 100). See
// [SpendService.AllLogs] for every page.
//
// Endpoint: GET /spend/logs/v2 (Python: none).
func (s *SpendService) LogsPage(ctx context.Context, lo *SpendLogPageOptions, opts ...Option) (*SpendLogPage, error) {
	return result(s.logsPage(ctx, lo, opts))
}

// logsPage is LogsPage for AllLogs: errRequestReturned is an error like
// any other.
func (s *SpendService) logsPage(ctx context.Context, lo *SpendLogPageOptions, opts []Option) (*SpendLogPage, error) {
	if lo == nil || lo.Start == "" || lo.End == "" {
		return nil, errors.New("GET /spend/logs/v2: start and end dates are required")
	}
	r := newRequest(http.MethodGet, "/spend/logs/v2").
		with(gen.NewSpendLogsV2Request(s.client.server, lo.params()))
	page := new(SpendLogPage)
	return page, s.client.doJSON(ctx, r, page, opts)
}

// AllLogs returns every spend log row lo selects, page after page (100 a
// page unless lo.Size says otherwise, from lo.Page or 1), as the loop
// consumes them. It copies lo and never changes it. It stops at the last
// page, at an empty page, when the loop breaks, or at the first error,
// which it yields.
//
// Endpoint: GET /spend/logs/v2, once per page (Python: none).
func (s *SpendService) AllLogs(ctx context.Context, lo *SpendLogPageOptions, opts ...Option) iter.Seq2[*SpendLog, error] {
	var o SpendLogPageOptions
	if lo != nil {
		o = *lo
	}
	if o.Size == 0 {
		o.Size = defaultPageSize
	}
	return pages(ctx, o.Page, func(ctx context.Context, page int) ([]SpendLog, int, error) {
		po := o
		po.Page = page
		p, err := s.logsPage(ctx, &po, opts)
		if err != nil {
			return nil, 0, err
		}
		return p.Data, p.TotalPages, nil
	})
}

// Tags returns the request count and spend of every request tag (the
// User-Agent tags the proxy adds included), optionally between start and
// end (YYYY-MM-DD; either may be empty).
//
// Endpoint: GET /spend/tags (Python: none).
func (s *SpendService) Tags(ctx context.Context, start, end string, opts ...Option) ([]SpendTag, error) {
	r := newRequest(http.MethodGet, "/spend/tags").
		with(gen.NewSpendTagsRequest(s.client.server, &gen.SpendTagsParams{StartDate: setOrNil(start), EndDate: setOrNil(end)}))
	rows := new([]SpendTag)
	return result(arrayResult(rows, s.client.doJSON(ctx, r, rows, opts)))
}

// SpendReportOptions select [SpendService.Report]. Start and End
// (YYYY-MM-DD) are required; GroupBy is team (the default), customer or
// api_key. The other fields narrow the report to one key, user, team or
// customer.
type SpendReportOptions struct {
	Start, End, GroupBy                        string
	APIKey, InternalUserID, TeamID, CustomerID string
}

// Report returns the spend per day grouped by team, customer or key. It is
// an Enterprise feature: an open-source proxy answers HTTP 400
// ([ErrBadRequest]).
//
// Endpoint: GET /global/spend/report (Python: none).
func (s *SpendService) Report(ctx context.Context, ro *SpendReportOptions, opts ...Option) ([]SpendReportDay, error) {
	if ro == nil || ro.Start == "" || ro.End == "" {
		return nil, errors.New("GET /global/spend/report: start and end dates are required")
	}
	r := newRequest(http.MethodGet, "/global/spend/report").
		with(gen.NewGlobalSpendReportRequest(s.client.server, &gen.GlobalSpendReportParams{
			StartDate: setOrNil(ro.Start), EndDate: setOrNil(ro.End), GroupBy: setOrNil(ro.GroupBy), APIKey: setOrNil(ro.APIKey),
			InternalUserID: setOrNil(ro.InternalUserID), TeamID: setOrNil(ro.TeamID), CustomerID: setOrNil(ro.CustomerID)}))
	rows := new([]SpendReportDay)
	return result(arrayResult(rows, s.client.doJSON(ctx, r, rows, opts)))
}

// Calculate returns the cost in USD of req: of its Messages for its Model
// (the proxy's prices for the model, else litellm's cost map), or of its
// CompletionResponse. It needs no database.
//
// Endpoint: POST /spend/calculate (Python: none).
func (s *SpendService) Calculate(ctx context.Context, req *SpendCalculateRequest, opts ...Option) (float64, error) {
	if req == nil || (req.Model == "" && req.CompletionResponse == nil) {
		return 0, errors.New("POST /spend/calculate: a model with messages, or a completion response, is required")
	}
	r := newRequest(http.MethodPost, "/spend/calculate").
		with(gen.NewSpendCalculateRequest(s.client.server, *req))
	var res gen.SpendCalculateResponse
	err := s.client.doJSON(ctx, r, &res, opts)
	return result(res.Cost, err)
}

// ActivityOptions select a daily activity route: Start and End
// (YYYY-MM-DD) are required; IDs are the entities (all when empty),
// Exclude those left out; Model and APIKey (a hashed key) narrow the rows.
// Page starts at 1; Size is the number of daily spend rows (one per day,
// entity, key and model) a page holds, 10 by default.
type ActivityOptions struct {
	Start, End    string
	IDs, Exclude  []string
	Model, APIKey string
	Page, Size    int
}

// joinIDs is a comma-separated id list, or nil for none.
func joinIDs(ids []string) *string { return setOrNil(strings.Join(ids, ",")) }

// OrganizationActivity returns the spend, tokens and requests per day of
// the organizations ao selects, with their breakdown by model, provider,
// key and organization. A caller that is not a proxy admin may ask only
// for organizations it is org_admin of ([ErrForbidden] otherwise). 1.106
// proxies without an Enterprise license answer [ErrForbidden].
//
// Endpoint: GET /organization/daily/activity (Python: none).
func (s *SpendService) OrganizationActivity(ctx context.Context, ao *ActivityOptions, opts ...Option) (*SpendAnalytics, error) {
	if ao == nil || ao.Start == "" || ao.End == "" {
		return nil, errors.New("GET /organization/daily/activity: start and end dates are required")
	}
	r := newRequest(http.MethodGet, "/organization/daily/activity").
		with(gen.NewOrganizationDailyActivityRequest(s.client.server, &gen.OrganizationDailyActivityParams{
			OrganizationIds: joinIDs(ao.IDs), ExcludeOrganizationIds: joinIDs(ao.Exclude), StartDate: setOrNil(ao.Start),
			EndDate: setOrNil(ao.End), Model: setOrNil(ao.Model), APIKey: setOrNil(ao.APIKey), Page: setOrNil(ao.Page),
			PageSize: setOrNil(ao.Size)}))
	res := new(SpendAnalytics)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}

// CustomerActivity returns the spend, tokens and requests per day of the
// customers (end users) ao selects, with their breakdown by model,
// provider, key and customer.
//
// Endpoint: GET /customer/daily/activity (Python: none).
func (s *SpendService) CustomerActivity(ctx context.Context, ao *ActivityOptions, opts ...Option) (*SpendAnalytics, error) {
	if ao == nil || ao.Start == "" || ao.End == "" {
		return nil, errors.New("GET /customer/daily/activity: start and end dates are required")
	}
	r := newRequest(http.MethodGet, "/customer/daily/activity").
		with(gen.NewCustomerDailyActivityRequest(s.client.server, &gen.CustomerDailyActivityParams{
			EndUserIds: joinIDs(ao.IDs), ExcludeEndUserIds: joinIDs(ao.Exclude), StartDate: setOrNil(ao.Start),
			EndDate: setOrNil(ao.End), Model: setOrNil(ao.Model), APIKey: setOrNil(ao.APIKey), Page: setOrNil(ao.Page),
			PageSize: setOrNil(ao.Size)}))
	res := new(SpendAnalytics)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}
