package facade

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTagsService(t *testing.T) {
	t.Parallel()
	limit := 3.0
	tagJSON := `{"name":"t1","description":"d","models":["gpt-4o"],"model_info":{},"created_at":"2026-01-01T00:00:00+00:00",
		"updated_at":"2026-01-01T00:00:00+00:00","created_by":"default_user_id"}`
	want := Tag{Name: "t1", Description: "d", Models: []string{"gpt-4o"}, ModelInfo: map[string]string{},
		CreatedAt: "2026-01-01T00:00:00+00:00", UpdatedAt: "2026-01-01T00:00:00+00:00", CreatedBy: "default_user_id"}
	withBudget := want
	withBudget.LitellmBudgetTable = &Budget{BudgetID: "b1", MaxBudget: &limit}
	infoJSON := `{"t1":` + tagJSON[:len(tagJSON)-1] + `,"litellm_budget_table":{"budget_id":"b1","max_budget":3.0}}}`
	tests := []struct {
		name, method, path string
		query              url.Values
		wantBody, response string
		status             int
		call               func(ctx context.Context, c *Client) (any, error)
		want               any
		wantErr            []error
	}{
		{name: "create", method: http.MethodPost, path: "/tag/new",
			wantBody: `{"name":"t1","description":"d","models":["gpt-4o"],"max_budget":3}`,
			response: `{"message":"Tag t1 created successfully","tag":` + tagJSON + `}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tags.Create(ctx, &TagNewRequest{Name: "t1", Description: "d", Models: []string{"gpt-4o"}, MaxBudget: &limit})
			}, want: &TagResponse{Message: "Tag t1 created successfully", Tag: want}},
		{name: "create existing: HTTP 500 re-raising a 400", method: http.MethodPost, path: "/tag/new", wantBody: `{"name":"t1"}`,
			status: 500, response: `{"detail":"400: Tag t1 already exists"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tags.Create(ctx, &TagNewRequest{Name: "t1"})
			},
			wantErr: []error{ErrBadRequest, ErrServer}},
		{name: "update", method: http.MethodPost, path: "/tag/update", wantBody: `{"name":"t1","description":"d"}`,
			response: `{"message":"Tag t1 updated successfully","tag":` + tagJSON + `}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tags.Update(ctx, &TagUpdateRequest{Name: "t1", Description: "d"})
			}, want: &TagResponse{Message: "Tag t1 updated successfully", Tag: want}},
		{name: "update unknown", method: http.MethodPost, path: "/tag/update", wantBody: `{"name":"x"}`,
			status: 500, response: `{"detail":"404: Tag x not found"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Tags.Update(ctx, &TagUpdateRequest{Name: "x"})
			},
			wantErr: []error{ErrNotFound}},
		{name: "info", method: http.MethodPost, path: "/tag/info", wantBody: `{"names":["t1"]}`, response: infoJSON,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Tags.Info(ctx, []string{"t1"}) },
			want: map[string]Tag{"t1": withBudget}},
		{name: "get", method: http.MethodPost, path: "/tag/info", wantBody: `{"names":["t1"]}`, response: infoJSON,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Tags.Get(ctx, "t1") },
			want: &withBudget},
		{name: "get unknown", method: http.MethodPost, path: "/tag/info", wantBody: `{"names":["x"]}`,
			status: 500, response: `{"detail":"404: Tags not found: ['x']"}`,
			call:    func(ctx context.Context, c *Client) (any, error) { return c.Tags.Get(ctx, "x") },
			wantErr: []error{ErrNotFound}},
		{name: "list", method: http.MethodGet, path: "/tag/list", query: url.Values{}, response: "[" + tagJSON + "]",
			call: func(ctx context.Context, c *Client) (any, error) { return c.Tags.List(ctx, nil) }, want: []Tag{want}},
		{name: "list in a window", method: http.MethodGet, path: "/tag/list",
			query: url.Values{"start_date": {"2026-01-01"}, "end_date": {"2026-01-31"}}, response: "[]",
			call: func(ctx context.Context, c *Client) (any, error) {
				from, to := "2026-01-01", "2026-01-31"
				return c.Tags.List(ctx, &TagListOptions{StartDate: &from, EndDate: &to})
			}, want: []Tag{}},
		{name: "delete", method: http.MethodPost, path: "/tag/delete", wantBody: `{"name":"t1"}`,
			response: `{"message":"Tag t1 deleted successfully"}`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Tags.Delete(ctx, "t1") },
			want:     &TagDeleteResponse{Message: "Tag t1 deleted successfully"}},
		{name: "a real 500 stays a server error only", method: http.MethodPost, path: "/tag/delete", wantBody: `{"name":"t1"}`,
			status: 500, response: `{"detail":"Database not connected"}`,
			call:    func(ctx context.Context, c *Client) (any, error) { return c.Tags.Delete(ctx, "t1") },
			wantErr: []error{ErrServer}},
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
				for _, want := range tt.wantErr {
					if !errors.Is(err, want) {
						t.Errorf("err = %v, want %v", err, want)
					}
				}
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status {
					t.Errorf("err = %#v, want an *APIError of status %d", err, tt.status)
				}
				if tt.status == 500 && len(tt.wantErr) == 1 && tt.wantErr[0] == ErrServer && errors.Is(err, ErrNotFound) {
					t.Errorf("a plain 500 matches ErrNotFound")
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

func TestTagsService_invalid(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	ctx := t.Context()
	for name, call := range map[string]func() error{
		"create nil":     func() error { _, err := c.Tags.Create(ctx, nil); return err },
		"create no name": func() error { _, err := c.Tags.Create(ctx, &TagNewRequest{}); return err },
		"update no name": func() error { _, err := c.Tags.Update(ctx, &TagUpdateRequest{}); return err },
		"info no names":  func() error { _, err := c.Tags.Info(ctx, nil); return err },
		"get no name":    func() error { _, err := c.Tags.Get(ctx, ""); return err },
		"delete no name": func() error { _, err := c.Tags.Delete(ctx, ""); return err },
	} {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
