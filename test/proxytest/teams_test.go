package proxytest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestTeams(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	team := mustOK(t, call(t, srv, "POST", "/team/new", srv.MasterKey, map[string]any{
		"team_alias": "Platform", "models": []string{"gpt-4o"}, "max_budget": 100,
		"members_with_roles": []any{map[string]any{"user_id": "lead", "role": "admin"}},
	})).Map(t)
	id, _ := team["team_id"].(string)
	if !uuidRE.MatchString(id) || team["team_alias"] != "Platform" || team["blocked"] != false ||
		cmp.Diff([]any{map[string]any{"user_id": "lead", "user_email": nil, "role": "admin"}}, team["members_with_roles"]) != "" {
		t.Fatalf("new team = %v", team)
	}
	mustOK(t, call(t, srv, "POST", "/team/new", srv.MasterKey, map[string]any{"team_id": "ops", "team_alias": "Ops"}))
	wantProxyError(t, call(t, srv, "POST", "/team/new", srv.MasterKey, map[string]any{"team_id": "ops"}), 400, "auth_error",
		"Team id = ops already exists. Please use a different team id.")

	// Members are added, created when unknown, and not added twice. The
	// team's creator (the master key's default_user_id) is an admin too; a
	// member with a budget in the team gets a membership row.
	add := mustOK(t, call(t, srv, "POST", "/team/member_add", srv.MasterKey, map[string]any{
		"team_id": id, "member": []any{map[string]any{"user_email": "new@example.com", "role": "user"}, map[string]any{"user_id": "lead", "role": "user"}},
		"max_budget_in_team": 5,
	})).Map(t)
	if len(add["updated_users"].([]any)) != 1 || get(add, "updated_users", 0, "user_email") != "new@example.com" ||
		len(add["members_with_roles"].([]any)) != 3 || get(add, "members_with_roles", 1, "user_id") != "default_user_id" ||
		get(add, "updated_team_memberships", 0, "team_id") != id ||
		get(add, "updated_team_memberships", 0, "litellm_budget_table", "max_budget") != 5.0 {
		t.Errorf("member_add = %v", add)
	}
	// Assigning a team admin is an Enterprise feature.
	if got := detail(t, call(t, srv, "POST", "/team/member_add", srv.MasterKey, map[string]any{"team_id": id, "member": map[string]any{"user_id": "boss", "role": "admin"}}), 400); !strings.Contains(fmt.Sprint(get(got, "error")), "Assigning team admins is a premium feature") {
		t.Errorf("admin member on OSS = %v", got)
	}
	wantProxyError(t, call(t, srv, "POST", "/team/member_add", srv.MasterKey, map[string]any{"team_id": id, "member": map[string]any{"user_id": "lead", "role": "user"}}),
		400, "team_member_already_in_team", "User already in team. Member: user_id=lead, user_email=None. Existing members=[Member(user_id='lead', user_email=None, role='admin'), Member(user_id='default_user_id', user_email=None, role='admin'), Member(user_id=")
	if got := detail(t, call(t, srv, "POST", "/team/member_add", srv.MasterKey, map[string]any{"team_id": "ghost", "member": map[string]any{"user_id": "x", "role": "user"}}), 404); get(got, "error") != "Team doesn't exist in db. Team=ghost. Create team via `/team/new` call." {
		t.Errorf("detail = %v", got)
	}

	list := mustOK(t, call(t, srv, "GET", "/team/list", srv.MasterKey, nil)).JSON(t).([]any)
	if len(list) != 2 || get(list, 0, "team_id") != id || get(list, 0, "team_memberships") == nil || get(list, 0, "keys") == nil {
		t.Errorf("list = %v", list)
	}
	list = mustOK(t, call(t, srv, "GET", "/team/list?user_id=lead", srv.MasterKey, nil)).JSON(t).([]any)
	if len(list) != 1 {
		t.Errorf("list for lead = %v", list)
	}

	v2 := mustOK(t, call(t, srv, "GET", "/v2/team/list?page=1&page_size=1", srv.MasterKey, nil)).Map(t)
	if v2["total"] != 2.0 || v2["total_pages"] != 2.0 || v2["page_size"] != 1.0 || get(v2, "teams", 0, "members_count") != 3.0 {
		t.Errorf("v2 = %v", v2)
	}
	if v2 = mustOK(t, call(t, srv, "GET", "/v2/team/list?team_alias=plat", srv.MasterKey, nil)).Map(t); v2["total"] != 1.0 {
		t.Errorf("v2 alias filter = %v", v2)
	}

	key := genKey(t, srv, map[string]any{"team_id": id})
	info := mustOK(t, call(t, srv, "GET", "/team/info?team_id="+id, srv.MasterKey, nil)).Map(t)
	if info["team_id"] != id || get(info, "team_info", "team_alias") != "Platform" || get(info, "keys", 0, "token") != sha(key) ||
		len(info["team_memberships"].([]any)) != 1 {
		t.Errorf("info = %v", info)
	}
	wantProxyError(t, call(t, srv, "GET", "/team/info?team_id=ghost", srv.MasterKey, nil), 404, "auth_error",
		"{'message': 'Team not found, passed team id: ghost.'}")
	wantProxyError(t, call(t, srv, "GET", "/team/info", srv.MasterKey, nil), 422, "auth_error",
		"{'message': 'Malformed request. No team id passed in.'}")

	del := mustOK(t, call(t, srv, "POST", "/team/delete", srv.MasterKey, map[string]any{"team_ids": []string{id}})).Map(t)
	if diff := cmp.Diff(map[string]any{"deleted_teams": []any{id}}, del); diff != "" {
		t.Errorf("delete (-want +got):\n%s", diff)
	}
	wantProxyError(t, call(t, srv, "GET", "/key/info", key, nil), 401, "token_not_found_in_db", "")
	if got := detail(t, call(t, srv, "POST", "/team/delete", srv.MasterKey, map[string]any{"team_ids": []string{id}}), 404); get(got, "error") != "Team not found, passed team_id="+id {
		t.Errorf("detail = %v", got)
	}
}

func TestTeamsForMembers(t *testing.T) {
	t.Parallel()
	srv := newServer(t,
		proxytest.WithTeams(proxytest.Team{ID: "a", Alias: "Alpha"}, proxytest.Team{ID: "b"}, proxytest.Team{ID: "c"}),
		proxytest.WithUsers(proxytest.User{ID: "alice", Teams: []string{"a"}, Key: "sk-test-alice"}))
	// A non-admin lists its own teams, and nobody else's.
	v2 := mustOK(t, call(t, srv, "GET", "/v2/team/list?user_id=alice", "sk-test-alice", nil)).Map(t)
	if v2["total"] != 1.0 || get(v2, "teams", 0, "team_alias") != "Alpha" {
		t.Errorf("own teams = %v", v2)
	}
	detail(t, call(t, srv, "GET", "/team/list", "sk-test-alice", nil), 401)
	detail(t, call(t, srv, "GET", "/v2/team/list?user_id=bob", "sk-test-alice", nil), 401)
	// /team/available: every team the user is not in.
	av := mustOK(t, call(t, srv, "GET", "/team/available", "sk-test-alice", nil)).JSON(t).([]any)
	if len(av) != 2 || get(av, 0, "team_id") != "b" || get(av, 1, "team_id") != "c" {
		t.Errorf("available = %v", av)
	}
	// A team admin may add members.
	wantDetail := map[string]any{"error": "Call not allowed. User not proxy admin OR team admin. route=/team/member_add, team_id=a"}
	got := detail(t, call(t, srv, "POST", "/team/member_add", "sk-test-alice", map[string]any{"team_id": "a", "member": map[string]any{"user_id": "x", "role": "user"}}), 403)
	if diff := cmp.Diff(wantDetail, got); diff != "" {
		t.Errorf("detail (-want +got):\n%s", diff)
	}

	srv2 := newServer(t, proxytest.WithTeams(proxytest.Team{ID: "a"}, proxytest.Team{ID: "b"}), proxytest.WithAvailableTeams("b", "ghost"))
	av = mustOK(t, call(t, srv2, "GET", "/team/available", srv2.MasterKey, nil)).JSON(t).([]any)
	if len(av) != 1 || get(av, 0, "team_id") != "b" {
		t.Errorf("WithAvailableTeams = %v", av)
	}
}
