package proxytest_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestTeamsManage follows the recorded real 1.88.0 exchanges of the team
// routes beyond create/read/delete (corpus real-1.88.0-db-breadth.jsonl).
func TestTeamsManage(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}))
	mk := srv.MasterKey
	mustOK(t, call(t, srv, "POST", "/team/new", mk, map[string]any{"team_id": "t1", "models": []string{"fake-gpt"}, "max_budget": 50}))
	mustOK(t, call(t, srv, "POST", "/team/member_add", mk, map[string]any{"team_id": "t1", "member": map[string]any{"role": "user", "user_id": "alice"}}))

	up := mustOK(t, call(t, srv, "POST", "/team/update", mk, map[string]any{"team_id": "t1", "team_alias": "renamed", "max_budget": 75,
		"metadata": map[string]any{"owner": "c2"}})).Map(t)
	if up["team_id"] != "t1" || get(up, "data", "team_alias") != "renamed" || get(up, "data", "max_budget") != 75.0 ||
		get(up, "data", "metadata", "owner") != "c2" || get(up, "data", "projects") != nil || get(up, "data", "models", 0) != "fake-gpt" {
		t.Fatalf("update = %v", up)
	}
	wantProxyError(t, call(t, srv, "POST", "/team/update", mk, map[string]any{"team_id": "nope"}), 404, "internal_server_error",
		"{'error': 'Team not found, passed team_id=nope'}")
	wantProxyError(t, call(t, srv, "POST", "/team/update", "sk-test-alice", map[string]any{"team_id": "t1"}), 401, "auth_error",
		"Only proxy admin can be used")

	mu := mustOK(t, call(t, srv, "POST", "/team/member_update", mk, map[string]any{"team_id": "t1", "user_id": "alice", "role": "user",
		"max_budget_in_team": 5, "tpm_limit": 1000, "rpm_limit": 10})).Map(t)
	if diff := cmp.Diff(map[string]any{"user_id": "alice", "user_email": nil, "team_id": "t1", "max_budget_in_team": 5.0,
		"tpm_limit": 1000.0, "rpm_limit": 10.0, "allowed_models": nil}, mu); diff != "" {
		t.Errorf("member_update (-want +got):\n%s", diff)
	}
	mustOK(t, call(t, srv, "POST", "/team/member_update", mk, map[string]any{"team_id": "t1", "user_id": "alice", "max_budget_in_team": 7}))
	info := mustOK(t, call(t, srv, "GET", "/team/info?team_id=t1", mk, nil)).Map(t)
	if get(info, "team_memberships", 0, "litellm_budget_table", "max_budget") != 7.0 ||
		get(info, "team_memberships", 0, "litellm_budget_table", "tpm_limit") != 1000.0 {
		t.Errorf("membership after two updates = %v", get(info, "team_memberships"))
	}
	// A user outside the team: 200, nothing changes.
	mustOK(t, call(t, srv, "POST", "/team/member_update", mk, map[string]any{"team_id": "t1", "user_id": "stranger", "role": "user"}))
	if got := detail(t, call(t, srv, "POST", "/team/member_update", mk, map[string]any{"team_id": "nope", "user_id": "alice"}), 400); get(got, "error") != "Team id=nope does not exist in db" {
		t.Errorf("member_update unknown team = %v", got)
	}
	if got := detail(t, call(t, srv, "POST", "/team/member_update", "sk-test-alice", map[string]any{"team_id": "t1", "user_id": "alice", "role": "user"}), 403); get(got, "error") != "Call not allowed. User not proxy admin OR team admin. route=/team/member_delete, team_id=t1" {
		t.Errorf("member_update by a member = %v", got)
	}
	if r := call(t, srv, "POST", "/team/member_update", mk, map[string]any{"team_id": "t1", "user_id": "alice", "role": "owner"}); r.Status != 422 {
		t.Errorf("bad role: status %d", r.Status)
	}

	del := mustOK(t, call(t, srv, "POST", "/team/member_delete", mk, map[string]any{"team_id": "t1", "user_id": "alice"})).Map(t)
	if n := len(get(del, "members_with_roles").([]any)); n != 1 {
		t.Errorf("members after delete = %v", get(del, "members_with_roles"))
	}
	if got := detail(t, call(t, srv, "POST", "/team/member_delete", mk, map[string]any{"team_id": "t1", "user_id": "alice"}), 400); get(got, "error") != "User not found in team" {
		t.Errorf("second delete = %v", got)
	}
	if r := call(t, srv, "POST", "/team/member_delete", mk, map[string]any{"team_id": "t1"}); r.Status != 422 {
		t.Errorf("member_delete without user: status %d", r.Status)
	}

	if b := mustOK(t, call(t, srv, "POST", "/team/block", mk, map[string]any{"team_id": "t1"})).Map(t); b["blocked"] != true {
		t.Errorf("block = %v", b)
	}
	if got := mustOK(t, call(t, srv, "GET", "/team/info?team_id=t1", mk, nil)).Map(t); get(got, "team_info", "blocked") != true {
		t.Errorf("team info after block = %v", got["team_info"])
	}
	for range 2 { // unblocking an unblocked team is no error
		if b := mustOK(t, call(t, srv, "POST", "/team/unblock", mk, map[string]any{"team_id": "t1"})).Map(t); b["blocked"] != false {
			t.Errorf("unblock = %v", b)
		}
	}
	if got := detail(t, call(t, srv, "POST", "/team/block", mk, map[string]any{"team_id": "nope"}), 404); get(got, "error") != "Team not found, passed team_id=nope" {
		t.Errorf("block unknown = %v", got)
	}

	add := mustOK(t, call(t, srv, "POST", "/team/model/add", mk, map[string]any{"team_id": "t1", "models": []string{"c2-extra-model"}})).Map(t)
	if diff := cmp.Diff([]any{"c2-extra-model", "fake-gpt"}, add["models"]); diff != "" {
		t.Errorf("model/add models (-want +got):\n%s", diff)
	}
	rm := mustOK(t, call(t, srv, "POST", "/team/model/delete", mk, map[string]any{"team_id": "t1", "models": []string{"c2-extra-model", "never"}})).Map(t)
	if diff := cmp.Diff([]any{"fake-gpt"}, rm["models"]); diff != "" {
		t.Errorf("model/delete models (-want +got):\n%s", diff)
	}
	wantProxyError(t, call(t, srv, "POST", "/team/model/add", "sk-test-alice", map[string]any{"team_id": "t1", "models": []string{"x"}}), 401, "auth_error",
		"Route=/team/model/add")

	pl := mustOK(t, call(t, srv, "GET", "/team/permissions_list?team_id=t1", mk, nil)).Map(t)
	if diff := cmp.Diff([]any{}, pl["team_member_permissions"]); diff != "" || get(pl, "all_available_permissions", 0) != "/key/generate" {
		t.Errorf("permissions_list = %v", pl)
	}
	pu := mustOK(t, call(t, srv, "POST", "/team/permissions_update", mk, map[string]any{"team_id": "t1", "team_member_permissions": []string{"/not/a/route"}})).Map(t)
	if diff := cmp.Diff([]any{"/not/a/route"}, pu["team_member_permissions"]); diff != "" {
		t.Errorf("permissions_update (-want +got):\n%s", diff)
	}
	if got := detail(t, call(t, srv, "GET", "/team/permissions_list?team_id=nope", mk, nil), 404); get(got, "error") != "Team doesn't exist in db. Team=nope. Create team via `/team/new` call." {
		t.Errorf("permissions_list unknown = %v", got)
	}

	act := mustOK(t, call(t, srv, "GET", "/team/daily/activity?team_ids=t1&start_date=2026-11-25&end_date=2026-12-03", mk, nil)).Map(t)
	if diff := cmp.Diff([]any{}, act["results"]); diff != "" || get(act, "metadata", "page") != 1.0 || get(act, "metadata", "has_more") != false {
		t.Errorf("daily activity = %v", act)
	}
	if got := detail(t, call(t, srv, "GET", "/team/daily/activity?team_ids=t1", mk, nil), 400); get(got, "error") != "Please provide start_date and end_date" {
		t.Errorf("daily activity without dates = %v", got)
	}
}

// TestTeamDailyActivity: the team's chats show in its daily activity, as
// the recorded spend.team.daily_activity_after_chat exchange has them.
func TestTeamDailyActivity(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mk := srv.MasterKey
	mustOK(t, call(t, srv, "POST", "/team/new", mk, map[string]any{"team_id": "t1", "team_alias": "One"}))
	key, _ := mustOK(t, call(t, srv, "POST", "/key/generate", mk, map[string]any{"team_id": "t1", "key_alias": "k1"})).Map(t)["key"].(string)
	for range 2 {
		mustOK(t, call(t, srv, "POST", "/chat/completions", key, map[string]any{"model": "gpt-4o",
			"messages": []any{map[string]any{"role": "user", "content": "hi"}}}))
	}
	mustOK(t, call(t, srv, "POST", "/chat/completions", mk, map[string]any{"model": "gpt-4o",
		"messages": []any{map[string]any{"role": "user", "content": "not a team's"}}}))
	day := time.Now().UTC().Format(time.DateOnly)
	act := mustOK(t, call(t, srv, "GET", "/team/daily/activity?team_ids=t1&start_date=2020-01-01&end_date=2099-01-01", mk, nil)).Map(t)
	if get(act, "results", 0, "date") != day || get(act, "results", 0, "metrics", "api_requests") != 2.0 ||
		get(act, "metadata", "total_api_requests") != 2.0 || get(act, "metadata", "total_pages") != 1.0 ||
		get(act, "results", 0, "breakdown", "model_groups", "gpt-4o", "metrics", "successful_requests") != 2.0 ||
		get(act, "results", 0, "breakdown", "entities", "t1", "metadata", "team_alias") != "One" {
		t.Fatalf("activity = %v", act)
	}
	keys, _ := get(act, "results", 0, "breakdown", "api_keys").(map[string]any)
	for _, v := range keys {
		if get(v, "metadata", "key_alias") != "k1" || get(v, "metadata", "team_id") != "t1" {
			t.Errorf("api_keys entry = %v", v)
		}
	}
	if len(keys) != 1 {
		t.Errorf("api_keys = %v", keys)
	}
	none := mustOK(t, call(t, srv, "GET", "/team/daily/activity?team_ids=t1&start_date=2020-01-01&end_date=2020-01-02", mk, nil)).Map(t)
	if n := len(none["results"].([]any)); n != 0 || get(none, "metadata", "total_pages") != 0.0 {
		t.Errorf("empty range = %v", none)
	}
}

// TestTeamBlockedKeys: as the recorded team.blocked.chat_with_team_key,
// a key of a team just blocked still chats: /team/block does not refresh
// the proxy's cached team object, which auth_checks.common_checks reads.
func TestTeamBlockedKeys(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mk := srv.MasterKey
	mustOK(t, call(t, srv, "POST", "/team/new", mk, map[string]any{"team_id": "t1"}))
	key, _ := mustOK(t, call(t, srv, "POST", "/key/generate", mk, map[string]any{"team_id": "t1"})).Map(t)["key"].(string)
	chat := map[string]any{"model": "gpt-4o", "messages": []any{map[string]any{"role": "user", "content": "hi"}}}
	mustOK(t, call(t, srv, "POST", "/team/block", mk, map[string]any{"team_id": "t1"}))
	mustOK(t, call(t, srv, "POST", "/chat/completions", key, chat))
}
