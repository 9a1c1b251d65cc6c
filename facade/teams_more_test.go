package facade

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTeamsService_BulkAddMembers(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	var want string
	mux.HandleFunc("/team/bulk_member_add", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testJSONBody(t, r, want)
		writeJSON(w, http.StatusOK, `{"team_id":"t1","results":[{"user_id":"u1","user_email":null,"success":false,"error":"404: boom",`+
			`"updated_user":null,"updated_team_membership":null}],"total_requested":1,"successful_additions":0,"failed_additions":1,"updated_team":null}`)
	})
	budget := 2.5
	want = `{"team_id":"t1","members":[{"user_id":"u1","role":"user"}],"max_budget_in_team":2.5}`
	got, err := c.Teams.BulkAddMembers(t.Context(), "t1", []Member{{UserID: "u1", Role: MemberRoleUser}}, &budget)
	if err != nil {
		t.Fatal(err)
	}
	wantRes := &TeamBulkMemberAddResponse{TeamID: "t1", TotalRequested: 1, FailedAdditions: 1,
		Results: []TeamBulkMemberAddResult{{UserID: "u1", Error: "404: boom"}}}
	if diff := cmp.Diff(wantRes, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	want = `{"team_id":"t1","all_users":true}`
	if _, err := c.Teams.AddAllUsers(t.Context(), "t1", nil); err != nil {
		t.Fatal(err)
	}

	c2, mux2, _ := setup(t)
	mux2.HandleFunc("/", svcNotCalled(t))
	for _, members := range [][]Member{nil, {{UserID: "u1"}}, {{Role: MemberRoleUser}}} {
		if _, err := c2.Teams.BulkAddMembers(t.Context(), "t1", members, nil); err == nil {
			t.Errorf("BulkAddMembers(%v): no error", members)
		}
	}
	if _, err := c2.Teams.AddAllUsers(t.Context(), "", nil); err == nil {
		t.Error("AddAllUsers without a team: no error")
	}
}

func TestTeamsService_Me(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/team/t1/members/me", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		writeJSON(w, http.StatusOK, `{"user_id":"u1","team_id":"t1","team_alias":null,"role":"user","user_email":null,"spend":1.5,"total_spend":2,"budget_id":"b1","litellm_budget_table":{"max_budget":6}}`)
	})
	got, err := c.Teams.Me(t.Context(), "t1")
	if err != nil {
		t.Fatal(err)
	}
	want := &TeamMemberInfo{UserID: "u1", TeamID: "t1", Role: "user", Spend: 1.5, TotalSpend: 2, BudgetID: "b1",
		LitellmBudgetTable: map[string]any{"max_budget": 6.0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	if _, err := c.Teams.Me(t.Context(), ""); err == nil {
		t.Error("Me without a team: no error")
	}
}

func TestTeamsService_AddPermissions(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	var want string
	mux.HandleFunc("/team/permissions_bulk_update", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testJSONBody(t, r, want)
		writeJSON(w, http.StatusOK, `{"message":"Team permissions updated successfully","teams_updated":2,"permissions_appended":["/key/list"]}`)
	})
	want = `{"permissions":["/key/list"],"team_ids":["t1","t2"]}`
	got, err := c.Teams.AddPermissions(t.Context(), []string{"t1", "t2"}, []string{"/key/list"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&TeamPermissionsBulkUpdateResponse{Message: "Team permissions updated successfully", TeamsUpdated: 2,
		PermissionsAppended: []string{"/key/list"}}, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	want = `{"permissions":["/key/list"],"apply_to_all_teams":true}`
	if _, err := c.Teams.AddPermissionsToAll(t.Context(), []string{"/key/list"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Teams.AddPermissions(t.Context(), nil, []string{"/key/list"}); err == nil {
		t.Error("no teams: no error")
	}
	if _, err := c.Teams.AddPermissionsToAll(t.Context(), nil); err == nil {
		t.Error("no permissions: no error")
	}
}
