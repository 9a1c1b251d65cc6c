package facade

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/gen"
)

func TestTeamsService_manage(t *testing.T) {
	t.Parallel()
	budget, limit := 75.0, 10
	teamJSON := `{"team_id":"t1","team_alias":"Platform","models":["gpt-4o"],"blocked":true,"max_budget":75.0,
		"members_with_roles":[{"role":"admin","user_id":"default_user_id","user_email":null}],"team_member_permissions":["/key/generate"],
		"access_group_ids":[],"router_settings":{},"policies":[],"projects":null}`
	team := &Team{TeamID: "t1", TeamAlias: "Platform", Models: []string{"gpt-4o"}, Blocked: true, MaxBudget: budget,
		MembersWithRoles: []Member{{Role: MemberRoleAdmin, UserID: "default_user_id"}}, TeamMemberPermissions: []string{"/key/generate"},
		AccessGroupIds: []string{}, RouterSettings: map[string]any{}}
	start := time.Date(2026, 11, 25, 15, 4, 0, 0, time.UTC)
	end := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, method, path string
		query              url.Values
		wantBody, response string
		status             int
		call               func(ctx context.Context, c *Client) (any, error)
		want               any
		wantErr            error
	}{
		{name: "update returns data", method: http.MethodPost, path: "/team/update",
			wantBody: `{"team_id":"t1","team_alias":"Platform","max_budget":75,"blocked":false}`,
			response: `{"team_id":"t1","data":` + teamJSON + `}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				blocked := false
				return c.Teams.Update(ctx, &TeamUpdateRequest{TeamID: "t1", TeamAlias: "Platform", MaxBudget: &budget, Blocked: &blocked})
			}, want: team},
		{name: "update unknown team", method: http.MethodPost, path: "/team/update", wantBody: `{"team_id":"x"}`, status: 404,
			response: `{"error":{"message":"{'error': 'Team not found, passed team_id=x'}","type":"internal_server_error","param":"None","code":"404"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Teams.Update(ctx, &TeamUpdateRequest{TeamID: "x"})
			},
			wantErr: ErrNotFound},
		{name: "update member", method: http.MethodPost, path: "/team/member_update",
			wantBody: `{"team_id":"t1","user_id":"u1","role":"user","max_budget_in_team":75,"rpm_limit":10}`,
			response: `{"user_id":"u1","user_email":null,"team_id":"t1","max_budget_in_team":75.0,"tpm_limit":null,"rpm_limit":10,"allowed_models":null}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Teams.UpdateMember(ctx, &TeamMemberUpdateRequest{TeamID: "t1", UserID: "u1", Role: TeamMemberUpdateRoleUser,
					MaxBudgetInTeam: &budget, RpmLimit: &limit})
			}, want: &TeamMemberUpdateResponse{UserID: "u1", TeamID: "t1", MaxBudgetInTeam: &budget, RpmLimit: &limit}},
		{name: "remove member by email", method: http.MethodPost, path: "/team/member_delete",
			wantBody: `{"team_id":"t1","user_email":"a@example.com"}`, response: teamJSON,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Teams.RemoveMember(ctx, "t1", "", "a@example.com")
			}, want: team},
		{name: "remove member not in team", method: http.MethodPost, path: "/team/member_delete",
			wantBody: `{"team_id":"t1","user_id":"u1"}`, status: 400, response: `{"detail":{"error":"User not found in team"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Teams.RemoveMember(ctx, "t1", "u1", "ignored@example.com")
			},
			wantErr: ErrBadRequest},
		{name: "get decodes the whole /team/info answer", method: http.MethodGet, path: "/team/info", query: url.Values{"team_id": {"t1"}},
			response: `{"team_id":"t1","team_info":{"team_id":"t1","soft_budget":5.0,"default_team_member_models":["gpt-4o"],
				"members_with_roles":[{"user_id":"u1","user_email":null,"role":"user"}],"team_member_budget_table":{"budget_id":"b1","max_budget":2.0},
				"access_group_models":null,"budget_limits":null,"object_permission":null,"litellm_model_table":null},
				"keys":[{"token":"abc","key_alias":"k","team_id":"t1"}],
				"team_memberships":[{"user_id":"u1","team_id":"t1","budget_id":"b1","spend":0.0,"total_spend":1.5,"litellm_budget_table":{"max_budget":7.0}}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				info, err := c.Teams.Get(ctx, "t1")
				if err != nil {
					return nil, err
				}
				return []any{info.TeamInfo.SoftBudget, info.TeamInfo.DefaultTeamMemberModels, info.TeamInfo.MembersWithRoles[0].UserID,
					info.TeamInfo.TeamMemberBudgetTable["max_budget"], info.Keys[0].KeyAlias, info.TeamMemberships[0].TotalSpend,
					info.TeamMemberships[0].LitellmBudgetTable["max_budget"]}, nil
			}, want: []any{5.0, []string{"gpt-4o"}, "u1", 2.0, "k", 1.5, 7.0}},
		{name: "block", method: http.MethodPost, path: "/team/block", wantBody: `{"team_id":"t1"}`, response: teamJSON,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Teams.Block(ctx, "t1") }, want: team},
		{name: "block unknown", method: http.MethodPost, path: "/team/block", wantBody: `{"team_id":"x"}`, status: 404,
			response: `{"detail":{"error":"Team not found, passed team_id=x"}}`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Teams.Block(ctx, "x") }, wantErr: ErrNotFound},
		{name: "unblock", method: http.MethodPost, path: "/team/unblock", wantBody: `{"team_id":"t1"}`, response: teamJSON,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Teams.Unblock(ctx, "t1") }, want: team},
		{name: "add models", method: http.MethodPost, path: "/team/model/add", wantBody: `{"team_id":"t1","models":["gpt-4o"]}`,
			response: teamJSON,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Teams.AddModels(ctx, "t1", []string{"gpt-4o"})
			}, want: team},
		{name: "remove models", method: http.MethodPost, path: "/team/model/delete", wantBody: `{"team_id":"t1","models":["o1"]}`,
			response: teamJSON,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Teams.RemoveModels(ctx, "t1", []string{"o1"})
			}, want: team},
		{name: "permissions", method: http.MethodGet, path: "/team/permissions_list", query: url.Values{"team_id": {"t1"}},
			response: `{"team_id":"t1","team_member_permissions":[],"all_available_permissions":["/key/generate","/key/update"]}`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Teams.Permissions(ctx, "t1") },
			want:     &TeamPermissions{TeamID: "t1", TeamMemberPermissions: []string{}, AllAvailablePermissions: []string{"/key/generate", "/key/update"}}},
		{name: "set permissions to none", method: http.MethodPost, path: "/team/permissions_update",
			wantBody: `{"team_id":"t1","team_member_permissions":[]}`, response: teamJSON,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Teams.SetPermissions(ctx, "t1", nil) }, want: team},
		{name: "daily activity", method: http.MethodGet, path: "/team/daily/activity",
			query: url.Values{"team_ids": {"t1,t2"}, "start_date": {"2026-11-25"}, "end_date": {"2026-12-03"}, "page": {"2"}},
			response: `{"results":[{"date":"2026-12-02","metrics":{"spend":0.5,"prompt_tokens":40,"total_tokens":120,"api_requests":4},
				"breakdown":{"models":{"openai/gpt-4o":{"metrics":{"api_requests":4},"metadata":{},"api_key_breakdown":{"abc":{"metrics":{"api_requests":4},"metadata":{"key_alias":"k"}}}}}}}],
				"metadata":{"total_spend":0.5,"total_api_requests":4,"page":2,"total_pages":2,"has_more":false}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Teams.DailyActivity(ctx, &TeamActivityOptions{TeamIDs: []string{"t1", "t2"}, Start: start, End: end, Page: 2})
			},
			want: &TeamDailyActivity{
				Results: []DailySpend{{Date: "2026-12-02", Metrics: SpendMetrics{Spend: 0.5, PromptTokens: 40, TotalTokens: 120, APIRequests: 4},
					Breakdown: activityBreakdown()}},
				Metadata: gen.DailySpendMetadata{TotalSpend: 0.5, TotalAPIRequests: 4, Page: 2, TotalPages: 2},
			}},
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

// activityBreakdown is the breakdown of the daily activity case.
func activityBreakdown() gen.SpendBreakdown {
	return gen.SpendBreakdown{Models: map[string]gen.SpendMetricWithMetadata{"openai/gpt-4o": {
		Metrics: SpendMetrics{APIRequests: 4}, Metadata: map[string]any{},
		APIKeyBreakdown: map[string]gen.SpendKeyMetric{"abc": {Metrics: SpendMetrics{APIRequests: 4}, Metadata: gen.SpendKeyMetadata{KeyAlias: "k"}}},
	}}}
}

func TestTeamsService_manage_invalid(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	ctx := t.Context()
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for name, call := range map[string]func() error{
		"update nil":            func() error { _, err := c.Teams.Update(ctx, nil); return err },
		"update no id":          func() error { _, err := c.Teams.Update(ctx, &TeamUpdateRequest{}); return err },
		"update member no team": func() error { _, err := c.Teams.UpdateMember(ctx, &TeamMemberUpdateRequest{UserID: "u"}); return err },
		"update member no user": func() error { _, err := c.Teams.UpdateMember(ctx, &TeamMemberUpdateRequest{TeamID: "t"}); return err },
		"remove member no team": func() error { _, err := c.Teams.RemoveMember(ctx, "", "u", ""); return err },
		"remove member no user": func() error { _, err := c.Teams.RemoveMember(ctx, "t", "", ""); return err },
		"block no id":           func() error { _, err := c.Teams.Block(ctx, ""); return err },
		"unblock no id":         func() error { _, err := c.Teams.Unblock(ctx, ""); return err },
		"add models none":       func() error { _, err := c.Teams.AddModels(ctx, "t", nil); return err },
		"remove models no id":   func() error { _, err := c.Teams.RemoveModels(ctx, "", []string{"m"}); return err },
		"permissions no id":     func() error { _, err := c.Teams.Permissions(ctx, ""); return err },
		"set permissions no id": func() error { _, err := c.Teams.SetPermissions(ctx, "", nil); return err },
		"activity nil":          func() error { _, err := c.Teams.DailyActivity(ctx, nil); return err },
		"activity no end":       func() error { _, err := c.Teams.DailyActivity(ctx, &TeamActivityOptions{Start: day}); return err },
		"activity reversed": func() error {
			_, err := c.Teams.DailyActivity(ctx, &TeamActivityOptions{Start: day, End: day.AddDate(0, 0, -1)})
			return err
		},
	} {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
