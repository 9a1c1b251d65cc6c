package facade

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSpendService(t *testing.T) {
	t.Parallel()
	rowJSON := `{"request_id":"chatcmpl-1","call_type":"acompletion","api_key":"abc","spend":0.5,"total_tokens":3,
		"prompt_tokens":1,"completion_tokens":2,"startTime":"2026-12-02T04:17:23.761000Z","model":"openai/gpt-4o",
		"model_group":"gpt-4o","user":"u1","request_tags":["prod"],"team_id":"t1","end_user":"c1","messages":{},"response":{}}`
	row := SpendLog{RequestID: "chatcmpl-1", CallType: "acompletion", APIKey: "abc", Spend: 0.5, TotalTokens: 3, PromptTokens: 1,
		CompletionTokens: 2, StartTime: "2026-12-02T04:17:23.761000Z", Model: "openai/gpt-4o", ModelGroup: "gpt-4o", User: "u1",
		RequestTags: []string{"prod"}, TeamID: "t1", EndUser: "c1", Messages: map[string]any{}, Response: map[string]any{}}
	tests := []struct {
		name, method, path string
		query              url.Values
		wantBody, response string
		status             int
		call               func(ctx context.Context, c *Client) (any, error)
		want               any
		wantErr            error
	}{
		{name: "logs", method: http.MethodGet, path: "/spend/logs", query: url.Values{"api_key": {"abc"}}, response: "[" + rowJSON + "]",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Spend.Logs(ctx, &SpendLogOptions{APIKey: "abc"})
			},
			want: []SpendLog{row}},
		{name: "logs in a date range are rows", method: http.MethodGet, path: "/spend/logs",
			query: url.Values{"start_date": {"2026-12-01"}, "end_date": {"2026-12-03"}, "summarize": {"false"}}, response: "[]",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Spend.Logs(ctx, &SpendLogOptions{Start: "2026-12-01", End: "2026-12-03"})
			}, want: []SpendLog{}},
		{name: "logs without a database", method: http.MethodGet, path: "/spend/logs", query: url.Values{}, status: 500,
			response: `{"error":{"message":"/spend/logs ErrorDatabase not connected.","type":"internal_error","param":"None","code":"500"}}`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Spend.Logs(ctx, nil) }, wantErr: ErrServer},
		{name: "logs page", method: http.MethodGet, path: "/spend/logs/v2",
			query:    url.Values{"start_date": {"2026-12-01"}, "end_date": {"2026-12-03"}, "team_id": {"t1"}, "page": {"2"}, "page_size": {"1"}},
			response: `{"data":[` + rowJSON + `],"total":2,"page":2,"page_size":1,"total_pages":2}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Spend.LogsPage(ctx, &SpendLogPageOptions{Start: "2026-12-01", End: "2026-12-03", TeamID: "t1", Page: 2, Size: 1})
			}, want: &SpendLogPage{Data: []SpendLog{row}, Total: 2, Page: 2, PageSize: 1, TotalPages: 2}},
		{name: "tags", method: http.MethodGet, path: "/spend/tags", query: url.Values{"start_date": {"2026-12-01"}},
			response: `[{"individual_request_tag":"prod","log_count":2,"total_spend":1.5}]`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Spend.Tags(ctx, "2026-12-01", "") },
			want:     []SpendTag{{IndividualRequestTag: "prod", LogCount: 2, TotalSpend: 1.5}}},
		{name: "report on an open-source proxy", method: http.MethodGet, path: "/global/spend/report",
			query:  url.Values{"start_date": {"2026-12-01"}, "end_date": {"2026-12-03"}, "group_by": {"customer"}},
			status: 400, response: `{"detail":{"error":"/spend/report endpoint You must be a LiteLLM Enterprise user to use this feature."}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Spend.Report(ctx, &SpendReportOptions{Start: "2026-12-01", End: "2026-12-03", GroupBy: "customer"})
			}, wantErr: ErrBadRequest},
		{name: "organization activity", method: http.MethodGet, path: "/organization/daily/activity",
			query:    url.Values{"organization_ids": {"o1,o2"}, "start_date": {"2026-12-01"}, "end_date": {"2026-12-03"}, "page_size": {"5"}},
			response: `{"results":[{"date":"2026-12-02","metrics":{"spend":1.5,"api_requests":2}}],"metadata":{"total_spend":1.5,"page":1,"total_pages":1,"has_more":false}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Spend.OrganizationActivity(ctx, &ActivityOptions{IDs: []string{"o1", "o2"}, Start: "2026-12-01", End: "2026-12-03", Size: 5})
			}, want: &SpendAnalytics{Results: []DailySpend{{Date: "2026-12-02", Metrics: SpendMetrics{Spend: 1.5, APIRequests: 2}}},
				Metadata: DailySpendTotals{TotalSpend: 1.5, Page: 1, TotalPages: 1}}},
		{name: "customer activity", method: http.MethodGet, path: "/customer/daily/activity",
			query:    url.Values{"exclude_end_user_ids": {"c9"}, "start_date": {"2026-12-01"}, "end_date": {"2026-12-03"}},
			response: `{"results":[],"metadata":{"page":1,"total_pages":0,"has_more":false}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Spend.CustomerActivity(ctx, &ActivityOptions{Exclude: []string{"c9"}, Start: "2026-12-01", End: "2026-12-03"})
			}, want: &SpendAnalytics{Results: []DailySpend{}, Metadata: DailySpendTotals{Page: 1}}},
		{name: "calculate", method: http.MethodPost, path: "/spend/calculate",
			wantBody: `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}`, response: `{"cost":7e-06}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Spend.Calculate(ctx, &SpendCalculateRequest{Model: "gpt-4o", Messages: []ChatMessage{{Role: "user", Content: "hi"}}})
			}, want: 7e-06},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc(tt.path, func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, tt.method)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				if tt.query != nil {
					testQuery(t, r, tt.query)
				}
				if tt.wantBody != "" {
					testJSONBody(t, r, tt.wantBody)
				}
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

func TestSpendService_AllLogs(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/spend/logs/v2", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("page") {
		case "1":
			writeJSON(w, 200, `{"data":[{"request_id":"a"},{"request_id":"b"}],"total":3,"page":1,"page_size":2,"total_pages":2}`)
		default:
			writeJSON(w, 200, `{"data":[{"request_id":"c"}],"total":3,"page":2,"page_size":2,"total_pages":2}`)
		}
	})
	var ids []string
	for row, err := range c.Spend.AllLogs(t.Context(), &SpendLogPageOptions{Start: "2026-12-01", End: "2026-12-03", Size: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, row.RequestID)
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
}

func TestSpendService_invalid(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	ctx := t.Context()
	for name, call := range map[string]func() error{
		"page nil": func() error { _, err := c.Spend.LogsPage(ctx, nil); return err },
		"page no dates": func() error {
			_, err := c.Spend.LogsPage(ctx, &SpendLogPageOptions{Start: "2026-12-01"})
			return err
		},
		"report nil":     func() error { _, err := c.Spend.Report(ctx, nil); return err },
		"calculate nil":  func() error { _, err := c.Spend.Calculate(ctx, nil); return err },
		"calculate none": func() error { _, err := c.Spend.Calculate(ctx, &SpendCalculateRequest{}); return err },
		"org no dates":   func() error { _, err := c.Spend.OrganizationActivity(ctx, &ActivityOptions{}); return err },
		"customer nil":   func() error { _, err := c.Spend.CustomerActivity(ctx, nil); return err },
	} {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
