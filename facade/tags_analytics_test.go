package facade

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTagsService_analytics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, path string
		query      url.Values
		response   string
		status     int
		call       func(ctx context.Context, c *Client) (any, error)
		want       any
		wantErr    error
	}{
		{name: "daily activity", path: "/tag/daily/activity",
			query:    url.Values{"tags": {"prod,dev"}, "start_date": {"2026-12-01"}, "end_date": {"2026-12-03"}, "model": {"gpt-4o"}, "page": {"2"}, "page_size": {"5"}},
			response: `{"results":[{"date":"2026-12-02","metrics":{"spend":1.5,"api_requests":2}}],"metadata":{"total_spend":1.5,"page":2,"total_pages":2,"has_more":false}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tags.DailyActivity(ctx, &TagActivityOptions{Tags: []string{"prod", "dev"}, Start: "2026-12-01", End: "2026-12-03", Model: "gpt-4o", Page: 2, Size: 5})
			}, want: &SpendAnalytics{Results: []DailySpend{{Date: "2026-12-02", Metrics: SpendMetrics{Spend: 1.5, APIRequests: 2}}},
				Metadata: DailySpendTotals{TotalSpend: 1.5, Page: 2, TotalPages: 2}}},
		{name: "daily activity without a database", path: "/tag/daily/activity",
			query:  url.Values{"start_date": {"2026-12-01"}, "end_date": {"2026-12-03"}},
			status: 500, response: `{"detail":"Database not connected"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tags.DailyActivity(ctx, &TagActivityOptions{Start: "2026-12-01", End: "2026-12-03"})
			}, wantErr: ErrServer},
		{name: "summary, exact tags", path: "/tag/summary",
			query:    url.Values{"start_date": {"2026-12-01"}, "end_date": {"2026-12-03"}, "tag_filter": {"pro"}, "tag_filters": {"prod", "dev"}},
			response: `{"results":[{"tag":"prod","unique_users":2,"total_requests":3,"successful_requests":3,"failed_requests":0,"total_tokens":30,"total_spend":0.25}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tags.Summary(ctx, &TagSummaryOptions{Start: "2026-12-01", End: "2026-12-03", TagFilter: TagFilter{Contains: "pro", Tags: []string{"prod", "dev"}}})
			}, want: []TagSummary{{Tag: "prod", UniqueUsers: 2, TotalRequests: 3, SuccessfulRequests: 3, TotalTokens: 30, TotalSpend: 0.25}}},
		{name: "summary, bad date", path: "/tag/summary", query: url.Values{"start_date": {"x"}, "end_date": {"y"}},
			status: 400, response: `{"detail":"Invalid date format. Use YYYY-MM-DD: time data 'x' does not match format '%Y-%m-%d'"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tags.Summary(ctx, &TagSummaryOptions{Start: "x", End: "y"})
			}, wantErr: ErrBadRequest},
		{name: "distinct", path: "/tag/distinct", query: url.Values{},
			response: `{"results":[{"tag":"User-Agent: curl"},{"tag":"prod"}]}`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Tags.Distinct(ctx) },
			want:     []string{"User-Agent: curl", "prod"}},
		{name: "distinct, none", path: "/tag/distinct", query: url.Values{}, response: `{"results":[]}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Tags.Distinct(ctx) }, want: []string{}},
		{name: "dau", path: "/tag/dau", query: url.Values{"tag_filter": {"curl"}},
			response: `{"results":[{"tag":"User-Agent: curl","active_users":2,"date":"2026-12-02","period_start":null,"period_end":null}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tags.DailyActiveUsers(ctx, &TagFilter{Contains: "curl"})
			}, want: []TagActiveUsers{{Tag: "User-Agent: curl", ActiveUsers: 2, Date: "2026-12-02"}}},
		{name: "wau", path: "/tag/wau", query: url.Values{},
			response: `{"results":[{"tag":"prod","active_users":1,"date":"Week 7 (Nov 27)","period_start":"2026-11-27 00:00:00","period_end":"2026-12-03 00:00:00"}]}`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Tags.WeeklyActiveUsers(ctx, nil) },
			want: []TagActiveUsers{{Tag: "prod", ActiveUsers: 1, Date: "Week 7 (Nov 27)", PeriodStart: "2026-11-27 00:00:00",
				PeriodEnd: "2026-12-03 00:00:00"}}},
		{name: "mau", path: "/tag/mau", query: url.Values{"tag_filters": {"prod"}}, response: `{"results":[]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tags.MonthlyActiveUsers(ctx, &TagFilter{Tags: []string{"prod"}})
			}, want: []TagActiveUsers{}},
		{name: "mau, not an admin", path: "/tag/mau", query: url.Values{}, status: 401,
			response: `{"error":{"message":"Authentication Error, Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=/tag/mau.","type":"auth_error","param":"None","code":"401"}}`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Tags.MonthlyActiveUsers(ctx, nil) }, wantErr: ErrUnauthorized},
		{name: "user usage", path: "/tag/user-agent/per-user-analytics", query: url.Values{"page": {"2"}, "page_size": {"1"}},
			response: `{"results":[{"user_id":"u1","user_email":"u1@example.com","user_agent":"User-Agent: curl","successful_requests":3,"failed_requests":0,"total_requests":3,"total_tokens":30,"spend":0.5}],"total_count":2,"page":2,"page_size":1,"total_pages":2}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tags.UserUsage(ctx, &TagUserUsageOptions{Page: 2, Size: 1})
			}, want: &TagUserUsagePage{Results: []TagUserUsage{{UserID: "u1", UserEmail: "u1@example.com", UserAgent: "User-Agent: curl",
				SuccessfulRequests: 3, TotalRequests: 3, TotalTokens: 30, Spend: 0.5}}, TotalCount: 2, Page: 2, PageSize: 1, TotalPages: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc(tt.path, func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodGet)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testQuery(t, r, tt.query)
				writeJSON(w, max(tt.status, http.StatusOK), tt.response)
			})
			got, err := tt.call(t.Context(), c)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTagsService_AllUserUsage(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/tag/user-agent/per-user-analytics", func(w http.ResponseWriter, r *http.Request) {
		if got := r.URL.Query().Get("tag_filter"); got != "curl" {
			t.Errorf("tag_filter %q", got)
		}
		switch r.URL.Query().Get("page") {
		case "1":
			writeJSON(w, 200, `{"results":[{"user_id":"a"},{"user_id":"b"}],"total_count":3,"page":1,"page_size":2,"total_pages":2}`)
		default:
			writeJSON(w, 200, `{"results":[{"user_id":"c"}],"total_count":3,"page":2,"page_size":2,"total_pages":2}`)
		}
	})
	uo := &TagUserUsageOptions{TagFilter: TagFilter{Contains: "curl"}, Size: 2}
	var ids []string
	for u, err := range c.Tags.AllUserUsage(t.Context(), uo) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.UserID)
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if uo.Page != 0 {
		t.Errorf("AllUserUsage changed the caller's options: page %d", uo.Page)
	}
}

func TestTagsService_analyticsInvalid(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	ctx := t.Context()
	for name, call := range map[string]func() error{
		"activity nil": func() error { _, err := c.Tags.DailyActivity(ctx, nil); return err },
		"activity no end": func() error {
			_, err := c.Tags.DailyActivity(ctx, &TagActivityOptions{Start: "2026-12-01"})
			return err
		},
		"summary nil":      func() error { _, err := c.Tags.Summary(ctx, nil); return err },
		"summary no start": func() error { _, err := c.Tags.Summary(ctx, &TagSummaryOptions{End: "2026-12-01"}); return err },
		"global tags nil":  func() error { _, err := c.Spend.GlobalTags(ctx, nil); return err },
		"global tags dates": func() error {
			_, err := c.Spend.GlobalTags(ctx, &GlobalSpendTagsOptions{Start: "2026-12-01"})
			return err
		},
	} {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
