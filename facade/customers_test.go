package facade

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCustomersService(t *testing.T) {
	t.Parallel()
	limit := 5.0
	custJSON := `{"user_id":"c1","alias":"Acme","spend":0.0,"allowed_model_region":"eu","default_model":null,"budget_id":"b1",
		"litellm_budget_table":{"budget_id":"b1","max_budget":5.0},"object_permission":null,"blocked":false}`
	want := &Customer{UserID: "c1", Alias: "Acme", AllowedModelRegion: "eu", BudgetID: "b1",
		LitellmBudgetTable: &Budget{BudgetID: "b1", MaxBudget: &limit}}
	tests := []struct {
		name, method, path string
		query              url.Values
		wantBody, response string
		status             int
		call               func(ctx context.Context, c *Client) (any, error)
		want               any
		wantErr            error
	}{
		{name: "create", method: http.MethodPost, path: "/customer/new",
			wantBody: `{"user_id":"c1","alias":"Acme","allowed_model_region":"eu","max_budget":5}`, response: custJSON,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Customers.Create(ctx, &CustomerNewRequest{UserID: "c1", Alias: "Acme", AllowedModelRegion: "eu", MaxBudget: &limit})
			}, want: want},
		{name: "update", method: http.MethodPost, path: "/customer/update", wantBody: `{"user_id":"c1","alias":"Acme"}`, response: custJSON,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Customers.Update(ctx, &CustomerUpdateRequest{UserID: "c1", Alias: "Acme"})
			}, want: want},
		{name: "update unknown", method: http.MethodPost, path: "/customer/update", wantBody: `{"user_id":"x"}`, status: 404,
			response: `{"error":{"message":"End User Id=x does not exist in db","type":"not_found","param":"user_id","code":"404"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Customers.Update(ctx, &CustomerUpdateRequest{UserID: "x"})
			},
			wantErr: ErrNotFound},
		{name: "get", method: http.MethodGet, path: "/customer/info", query: url.Values{"end_user_id": {"c1"}}, response: custJSON,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Customers.Get(ctx, "c1") }, want: want},
		{name: "list", method: http.MethodGet, path: "/customer/list", query: url.Values{}, response: "[" + custJSON + "]",
			call: func(ctx context.Context, c *Client) (any, error) { return c.Customers.List(ctx) }, want: []Customer{*want}},
		{name: "delete", method: http.MethodPost, path: "/customer/delete", wantBody: `{"user_ids":["c1"]}`,
			response: `{"deleted_customers":1,"message":"Successfully deleted customers with ids: ['c1']"}`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Customers.Delete(ctx, []string{"c1"}) },
			want:     &CustomerDeleteResponse{DeletedCustomers: 1, Message: "Successfully deleted customers with ids: ['c1']"}},
		{name: "block", method: http.MethodPost, path: "/customer/block", wantBody: `{"user_ids":["c1"]}`,
			response: `{"blocked_users":[{"user_id":"c1","blocked":true}]}`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Customers.Block(ctx, []string{"c1"}) },
			want:     []Customer{{UserID: "c1", Blocked: true}}},
		{name: "unblock on an open-source proxy", method: http.MethodPost, path: "/customer/unblock", wantBody: `{"user_ids":["c1"]}`,
			status: 400, response: `{"detail":{"error":"Blocked user check was never set. This call has no effect."}}`,
			call:    func(ctx context.Context, c *Client) (any, error) { return c.Customers.Unblock(ctx, []string{"c1"}) },
			wantErr: ErrBadRequest},
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

func TestCustomersService_invalid(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	ctx := t.Context()
	for name, call := range map[string]func() error{
		"create nil":     func() error { _, err := c.Customers.Create(ctx, nil); return err },
		"create no id":   func() error { _, err := c.Customers.Create(ctx, &CustomerNewRequest{}); return err },
		"update no id":   func() error { _, err := c.Customers.Update(ctx, &CustomerUpdateRequest{}); return err },
		"get no id":      func() error { _, err := c.Customers.Get(ctx, ""); return err },
		"delete no ids":  func() error { _, err := c.Customers.Delete(ctx, nil); return err },
		"block no ids":   func() error { _, err := c.Customers.Block(ctx, nil); return err },
		"unblock no ids": func() error { _, err := c.Customers.Unblock(ctx, nil); return err },
	} {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
