package facade

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOrganizationsService(t *testing.T) {
	t.Parallel()
	budget := 10.0
	orgJSON := `{"organization_id":"o1","organization_alias":"acme","budget_id":"b1","spend":0.0,"models":["gpt-4o"],
		"litellm_budget_table":{"budget_id":"b1","max_budget":10.0,"tpm_limit":null},"members":[],"teams":[]}`
	wantOrg := &Organization{OrganizationID: "o1", OrganizationAlias: "acme", BudgetID: "b1", Models: []string{"gpt-4o"},
		LitellmBudgetTable: &Budget{BudgetID: "b1", MaxBudget: &budget}, Members: []OrganizationMembership{}, Teams: []Team{}}
	tests := []struct {
		name      string
		method    string
		path      string
		query     url.Values
		wantBody  string // "" for no body
		response  string
		call      func(ctx context.Context, c *Client) (any, error)
		want      any
		wantError error
	}{
		{
			name: "create", method: http.MethodPost, path: "/organization/new",
			wantBody: `{"organization_alias":"acme","max_budget":10,"models":["gpt-4o"]}`, response: orgJSON,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Organizations.Create(ctx, &OrganizationNewRequest{OrganizationAlias: "acme", MaxBudget: &budget, Models: []string{"gpt-4o"}})
			},
			want: wantOrg,
		},
		{
			name: "update", method: http.MethodPatch, path: "/organization/update",
			wantBody: `{"organization_id":"o1","organization_alias":"acme"}`, response: orgJSON,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Organizations.Update(ctx, &OrganizationUpdateRequest{OrganizationID: "o1", OrganizationAlias: "acme"})
			},
			want: wantOrg,
		},
		{
			name: "delete", method: http.MethodDelete, path: "/organization/delete",
			wantBody: `{"organization_ids":["o1"]}`, response: "[" + orgJSON + "]",
			call: func(ctx context.Context, c *Client) (any, error) { return c.Organizations.Delete(ctx, []string{"o1"}) },
			want: []Organization{*wantOrg},
		},
		{
			name: "delete unknown is not found", method: http.MethodDelete, path: "/organization/delete",
			wantBody: `{"organization_ids":["nope"]}`, response: `404 {"detail":{"error":"Organization=nope not found"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Organizations.Delete(ctx, []string{"nope"})
			},
			wantError: ErrNotFound,
		},
		{
			name: "list with filters", method: http.MethodGet, path: "/organization/list",
			query: url.Values{"org_id": {"o1"}, "org_alias": {"ac"}}, response: "[" + orgJSON + "]",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Organizations.List(ctx, &OrganizationListOptions{ID: "o1", Alias: "ac"})
			},
			want: []Organization{*wantOrg},
		},
		{
			name: "list null is empty", method: http.MethodGet, path: "/organization/list", query: url.Values{}, response: `null`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Organizations.List(ctx, nil) },
			want: []Organization{},
		},
		{
			name: "get", method: http.MethodGet, path: "/organization/info", query: url.Values{"organization_id": {"o1"}}, response: orgJSON,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Organizations.Get(ctx, "o1") },
			want: wantOrg,
		},
		{
			name: "get unknown", method: http.MethodGet, path: "/organization/info", query: url.Values{"organization_id": {"x"}},
			response:  `404 {"detail":{"error":"Organization not found"}}`,
			call:      func(ctx context.Context, c *Client) (any, error) { return c.Organizations.Get(ctx, "x") },
			wantError: ErrNotFound,
		},
		{
			name: "get many", method: http.MethodPost, path: "/organization/info",
			wantBody: `{"organizations":["o1","o2"]}`, response: `[]`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Organizations.GetMany(ctx, []string{"o1", "o2"})
			},
			want: []Organization{},
		},
		{
			name: "add members", method: http.MethodPost, path: "/organization/member_add",
			wantBody: `{"organization_id":"o1","member":[{"role":"org_admin","user_id":"u1"}],"max_budget_in_organization":10}`,
			response: `{"organization_id":"o1","updated_users":[{"user_id":"u1"}],
				"updated_organization_memberships":[{"user_id":"u1","organization_id":"o1","user_role":"org_admin","budget_id":null}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Organizations.AddMembers(ctx, "o1", []OrganizationMember{{UserID: "u1", Role: OrgRoleAdmin}}, &budget)
			},
			want: &OrganizationMemberAddResponse{OrganizationID: "o1", UpdatedUsers: []User{{UserID: "u1"}},
				UpdatedOrganizationMemberships: []OrganizationMembership{{UserID: "u1", OrganizationID: "o1", UserRole: "org_admin"}}},
		},
		{
			name: "update member", method: http.MethodPatch, path: "/organization/member_update",
			wantBody: `{"organization_id":"o1","user_id":"u1","role":"internal_user"}`,
			response: `{"user_id":"u1","organization_id":"o1","user_role":"internal_user"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Organizations.UpdateMember(ctx, &OrganizationMemberUpdateRequest{OrganizationID: "o1", UserID: "u1", Role: OrgRoleUser})
			},
			want: &OrganizationMembership{UserID: "u1", OrganizationID: "o1", UserRole: "internal_user"},
		},
		{
			name: "delete member", method: http.MethodDelete, path: "/organization/member_delete",
			wantBody: `{"organization_id":"o1","user_id":"u1"}`, response: `{"user_id":"u1","organization_id":"o1","user_role":"org_admin"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Organizations.DeleteMember(ctx, "o1", "u1")
			},
			want: &OrganizationMembership{UserID: "u1", OrganizationID: "o1", UserRole: "org_admin"},
		},
		{
			name: "delete member who is not one: null is nil, nil", method: http.MethodDelete, path: "/organization/member_delete",
			wantBody: `{"organization_id":"o1","user_id":"u9"}`, response: `null`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Organizations.DeleteMember(ctx, "o1", "u9")
			},
			want: (*OrganizationMembership)(nil),
		},
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
				status, body := http.StatusOK, tt.response
				if len(body) > 4 && body[3] == ' ' && body[0] >= '1' && body[0] <= '5' {
					status = int(body[0]-'0')*100 + int(body[1]-'0')*10 + int(body[2]-'0')
					body = body[4:]
				}
				writeJSON(w, status, body)
			})
			got, err := tt.call(t.Context(), c)
			if tt.wantError != nil {
				if !errors.Is(err, tt.wantError) {
					t.Fatalf("err = %v, want %v", err, tt.wantError)
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

func TestOrganizationsService_invalid(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	ctx := t.Context()
	calls := map[string]func() error{
		"create nil":           func() error { _, err := c.Organizations.Create(ctx, nil); return err },
		"create without alias": func() error { _, err := c.Organizations.Create(ctx, &OrganizationNewRequest{}); return err },
		"update without id":    func() error { _, err := c.Organizations.Update(ctx, &OrganizationUpdateRequest{}); return err },
		"delete no ids":        func() error { _, err := c.Organizations.Delete(ctx, nil); return err },
		"get no id":            func() error { _, err := c.Organizations.Get(ctx, ""); return err },
		"get many no ids":      func() error { _, err := c.Organizations.GetMany(ctx, nil); return err },
		"add no members":       func() error { _, err := c.Organizations.AddMembers(ctx, "o1", nil, nil); return err },
		"add no org": func() error {
			_, err := c.Organizations.AddMembers(ctx, "", []OrganizationMember{{UserID: "u"}}, nil)
			return err
		},
		"update member no user": func() error {
			_, err := c.Organizations.UpdateMember(ctx, &OrganizationMemberUpdateRequest{OrganizationID: "o1"})
			return err
		},
		"delete member no user": func() error { _, err := c.Organizations.DeleteMember(ctx, "o1", ""); return err },
	}
	for name, call := range calls {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
