package facade

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBudgetsService(t *testing.T) {
	t.Parallel()
	limit, tpm := 5.0, 1000
	budgetJSON := `{"budget_id":"b1","max_budget":5.0,"soft_budget":null,"tpm_limit":1000,"budget_duration":"30d",
		"budget_reset_at":"2027-01-01T00:00:00Z","allowed_models":[],"created_by":"default_user_id"}`
	want := &Budget{BudgetID: "b1", MaxBudget: &limit, TpmLimit: &tpm, BudgetDuration: "30d",
		BudgetResetAt: "2027-01-01T00:00:00Z", AllowedModels: []string{}, CreatedBy: "default_user_id"}
	tests := []struct {
		name, method, path string
		query              url.Values
		wantBody           string
		response           string
		status             int
		call               func(ctx context.Context, c *Client) (any, error)
		want               any
		wantErr            error
	}{
		{name: "create", method: http.MethodPost, path: "/budget/new", wantBody: `{"budget_id":"b1","max_budget":5,"tpm_limit":1000,"budget_duration":"30d"}`,
			response: budgetJSON, call: func(ctx context.Context, c *Client) (any, error) {
				return c.Budgets.Create(ctx, &BudgetNewRequest{BudgetID: "b1", MaxBudget: &limit, TpmLimit: &tpm, BudgetDuration: "30d"})
			}, want: want},
		{name: "create with nil sends {}", method: http.MethodPost, path: "/budget/new", wantBody: `{}`, response: budgetJSON,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Budgets.Create(ctx, nil) }, want: want},
		{name: "create duplicate", method: http.MethodPost, path: "/budget/new", wantBody: `{"budget_id":"b1"}`, status: 400,
			response: `{"detail":{"error":"Budget with id 'b1' already exists."}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Budgets.Create(ctx, &BudgetNewRequest{BudgetID: "b1"})
			},
			wantErr: ErrBadRequest},
		{name: "update", method: http.MethodPost, path: "/budget/update", wantBody: `{"budget_id":"b1","max_budget":5}`, response: budgetJSON,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Budgets.Update(ctx, &BudgetNewRequest{BudgetID: "b1", MaxBudget: &limit})
			}, want: want},
		{name: "update unknown: null is not found", method: http.MethodPost, path: "/budget/update", wantBody: `{"budget_id":"nope"}`, response: `null`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Budgets.Update(ctx, &BudgetNewRequest{BudgetID: "nope"})
			},
			wantErr: ErrNotFound},
		{name: "get", method: http.MethodPost, path: "/budget/info", wantBody: `{"budgets":["b1","b2"]}`, response: "[" + budgetJSON + "]",
			call: func(ctx context.Context, c *Client) (any, error) { return c.Budgets.Get(ctx, []string{"b1", "b2"}) },
			want: []Budget{*want}},
		{name: "settings", method: http.MethodGet, path: "/budget/settings", query: url.Values{"budget_id": {"b1"}},
			response: `[{"field_name":"max_budget","field_type":"Float","field_description":"d","field_value":5.0,"stored_in_db":true,
				"field_default_value":null,"premium_field":false,"nested_fields":null}]`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Budgets.Settings(ctx, "b1") },
			want: []BudgetSetting{{FieldName: "max_budget", FieldType: "Float", FieldDescription: "d", FieldValue: 5.0, StoredInDB: true}}},
		{name: "list", method: http.MethodGet, path: "/budget/list", query: url.Values{}, response: "[" + budgetJSON + "]",
			call: func(ctx context.Context, c *Client) (any, error) { return c.Budgets.List(ctx) }, want: []Budget{*want}},
		{name: "delete", method: http.MethodPost, path: "/budget/delete", wantBody: `{"id":"b1"}`, response: budgetJSON,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Budgets.Delete(ctx, "b1") }, want: want},
		{name: "delete unknown: null is not found", method: http.MethodPost, path: "/budget/delete", wantBody: `{"id":"nope"}`, response: `null`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Budgets.Delete(ctx, "nope") }, wantErr: ErrNotFound},
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

func TestBudgetsService_invalid(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	ctx := t.Context()
	for name, call := range map[string]func() error{
		"update nil":     func() error { _, err := c.Budgets.Update(ctx, nil); return err },
		"update no id":   func() error { _, err := c.Budgets.Update(ctx, &BudgetNewRequest{}); return err },
		"get no ids":     func() error { _, err := c.Budgets.Get(ctx, nil); return err },
		"settings no id": func() error { _, err := c.Budgets.Settings(ctx, ""); return err },
		"delete no id":   func() error { _, err := c.Budgets.Delete(ctx, ""); return err },
	} {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
