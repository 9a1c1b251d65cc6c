package proxytest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestKeyResetSpend(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}))
	key := genKey(t, srv, map[string]any{"spend": 5.0, "max_budget": 3.0})
	path := "/key/" + key + "/reset_spend"

	m := mustOK(t, call(t, srv, "POST", path, srv.MasterKey, map[string]any{"reset_to": 2.5})).Map(t)
	if m["key_hash"] != sha(key) || m["spend"] != 2.5 || m["previous_spend"] != 5.0 || m["max_budget"] != 3.0 || m["budget_reset_at"] != nil {
		t.Errorf("reset = %v", m)
	}
	if got := get(mustOK(t, call(t, srv, "GET", "/key/info?key="+key, srv.MasterKey, nil)).Map(t), "info", "spend"); got != 2.5 {
		t.Errorf("spend after reset = %v", got)
	}
	// By hash; above the current spend, negative, and a string are refused.
	mustOK(t, call(t, srv, "POST", "/key/"+sha(key)+"/reset_spend", srv.MasterKey, map[string]any{"reset_to": 0}))
	if got := get(detail(t, call(t, srv, "POST", path, srv.MasterKey, map[string]any{"reset_to": 1}), 400), "error"); got != "reset_to (1.0) must be <= current spend (0.0)" {
		t.Errorf("above spend: %v", got)
	}
	if got := get(detail(t, call(t, srv, "POST", path, srv.MasterKey, map[string]any{"reset_to": -1}), 400), "error"); got != "reset_to must be >= 0" {
		t.Errorf("negative: %v", got)
	}
	if r := call(t, srv, "POST", path, srv.MasterKey, map[string]any{"reset_to": "x"}); r.Status != 422 {
		t.Errorf("string reset_to: %d %s", r.Status, r.Body)
	}
	// Above the key's max_budget.
	over := genKey(t, srv, map[string]any{"spend": 10.0, "max_budget": 4.0})
	if got := get(detail(t, call(t, srv, "POST", "/key/"+over+"/reset_spend", srv.MasterKey, map[string]any{"reset_to": 5}), 400), "error"); got != "reset_to (5.0) must be <= budget (4.0)" {
		t.Errorf("above budget: %v", got)
	}
	// A missing key is 404 and its message does not echo the key.
	r := call(t, srv, "POST", "/key/sk-test-missing/reset_spend", srv.MasterKey, map[string]any{"reset_to": 0})
	if got := get(detail(t, r, 404), "error"); got != "Key "+sha("sk-test-missing")+" not found." {
		t.Errorf("missing: %v", got)
	}
	// An internal user who is no admin of the key's team may not.
	if got := get(detail(t, call(t, srv, "POST", "/key/"+over+"/reset_spend", "sk-test-alice", map[string]any{"reset_to": 1}), 403), "error"); got != "You must be a proxy admin or team admin to reset key spend" {
		t.Errorf("internal user: %v", got)
	}
}

func TestKeyBulkUpdate(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}))
	a := genKey(t, srv, map[string]any{"key_alias": "bulk-a"})
	b := genKey(t, srv, nil)
	mustOK(t, call(t, srv, "POST", "/team/new", srv.MasterKey, map[string]any{"team_id": "bulk-team"}))

	m := mustOK(t, call(t, srv, "POST", "/key/bulk_update", srv.MasterKey, map[string]any{"keys": []any{
		map[string]any{"key": a, "max_budget": 7.5, "team_id": "bulk-team"},
		map[string]any{"key": sha(b), "max_budget": 1},
		map[string]any{"key": "sk-test-missing", "max_budget": 1},
		map[string]any{"key": b, "tags": []string{"prod"}},
		map[string]any{"key": b, "team_id": "no-such-team"},
	}})).Map(t)
	if m["total_requested"] != 5.0 {
		t.Errorf("total_requested = %v", m["total_requested"])
	}
	ok, _ := m["successful_updates"].([]any)
	failed, _ := m["failed_updates"].([]any)
	if len(ok) != 2 || len(failed) != 3 {
		t.Fatalf("updates: %v", m)
	}
	if get(ok[0], "key") != a || get(ok[0], "key_info", "max_budget") != 7.5 || get(ok[0], "key_info", "team_id") != "bulk-team" ||
		get(ok[0], "key_info", "token") != nil || get(ok[1], "key_info", "max_budget") != 1.0 {
		t.Errorf("successful = %v", ok)
	}
	if get(failed[0], "failed_reason") != "Key not found." || get(failed[0], "key_info") != nil {
		t.Errorf("missing key = %v", failed[0])
	}
	if r, _ := get(failed[1], "failed_reason").(string); !strings.HasPrefix(r, "This feature is only available for LiteLLM Enterprise users: tags.") ||
		get(failed[1], "key_info", "max_budget") != 1.0 {
		t.Errorf("enterprise tags = %v", failed[1])
	}
	if get(failed[2], "failed_reason") != "Team doesn't exist in db. Team=no-such-team. Create team via `/team/new` call." {
		t.Errorf("missing team = %v", failed[2])
	}

	if got := get(detail(t, call(t, srv, "POST", "/key/bulk_update", srv.MasterKey, map[string]any{"keys": []any{}}), 400), "error"); got != "No keys provided for update" {
		t.Errorf("no keys: %v", got)
	}
	if got := get(detail(t, call(t, srv, "POST", "/key/bulk_update", "sk-test-alice", map[string]any{"keys": []any{map[string]any{"key": a}}}), 403), "error"); got != "Only proxy admins can perform bulk key updates" {
		t.Errorf("internal user: %v", got)
	}
	if r := call(t, srv, "POST", "/key/bulk_update", srv.MasterKey, map[string]any{}); r.Status != 422 {
		t.Errorf("no keys field: %d %s", r.Status, r.Body)
	}
}

func TestUserBulkUpdate(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}, proxytest.User{ID: "bob", Key: "sk-test-bob"}))
	m := mustOK(t, call(t, srv, "POST", "/user/bulk_update", srv.MasterKey, map[string]any{"users": []any{
		map[string]any{"user_id": "alice", "max_budget": 12.5},
		map[string]any{"user_id": "carol", "user_alias": "Carol"},
	}})).Map(t)
	if m["total_requested"] != 2.0 || m["successful_updates"] != 2.0 || m["failed_updates"] != 0.0 {
		t.Fatalf("bulk update = %v", m)
	}
	if get(m, "results", 0, "user_id") != "alice" || get(m, "results", 0, "success") != true ||
		get(m, "results", 0, "updated_user", "data", "max_budget") != 12.5 || get(m, "results", 1, "updated_user", "data", "user_alias") != "Carol" {
		t.Errorf("results = %v", m["results"])
	}
	// carol was upserted, as /user/update does.
	if got := get(mustOK(t, call(t, srv, "GET", "/user/info?user_id=carol", srv.MasterKey, nil)).Map(t), "user_info", "user_alias"); got != "Carol" {
		t.Errorf("carol's alias = %v", got)
	}

	// Every user at once: user_id and user_email in user_updates are not taken.
	m = mustOK(t, call(t, srv, "POST", "/user/bulk_update", srv.MasterKey, map[string]any{"all_users": true,
		"user_updates": map[string]any{"max_budget": 3, "user_id": "ignored"}})).Map(t)
	if m["total_requested"] != 3.0 || m["successful_updates"] != 3.0 || get(m, "results", 0, "user_id") != "carol" ||
		get(m, "results", 0, "updated_user", "max_budget") != 3.0 || get(m, "results", 0, "updated_user", "user_id") != "carol" {
		t.Errorf("all users = %v", m)
	}
	if got := get(mustOK(t, call(t, srv, "GET", "/user/info?user_id=bob", srv.MasterKey, nil)).Map(t), "user_info", "max_budget"); got != 3.0 {
		t.Errorf("bob's max_budget = %v", got)
	}

	if got := get(detail(t, call(t, srv, "POST", "/user/bulk_update", srv.MasterKey, map[string]any{}), 400), "error"); got !=
		"Must specify either 'users' for individual updates or 'all_users=True' with 'user_updates' for bulk updates" {
		t.Errorf("empty body: %v", got)
	}
	if r := call(t, srv, "POST", "/user/bulk_update", srv.MasterKey, map[string]any{"users": []any{map[string]any{"max_budget": 1}}}); r.Status != 422 {
		t.Errorf("user without id or email: %d %s", r.Status, r.Body)
	}
	wantProxyError(t, call(t, srv, "POST", "/user/bulk_update", "sk-test-alice", map[string]any{"users": []any{map[string]any{"user_id": "alice"}}}),
		401, "auth_error", "Only proxy admin can be used")
}

func TestTeamBulkMemberAdd(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}, proxytest.User{ID: "bob", Key: "sk-test-bob"}))
	mustOK(t, call(t, srv, "POST", "/team/new", srv.MasterKey, map[string]any{"team_id": "bulk-team"}))

	m := mustOK(t, call(t, srv, "POST", "/team/bulk_member_add", srv.MasterKey, map[string]any{"team_id": "bulk-team",
		"members":            []any{map[string]any{"user_id": "alice", "role": "user"}, map[string]any{"user_email": "new@example.com", "role": "user"}},
		"max_budget_in_team": 4})).Map(t)
	if m["team_id"] != "bulk-team" || m["total_requested"] != 2.0 || m["successful_additions"] != 2.0 || m["failed_additions"] != 0.0 {
		t.Fatalf("bulk add = %v", m)
	}
	if get(m, "results", 0, "updated_user", "user_id") != "alice" || get(m, "results", 0, "updated_team_membership", "team_id") != "bulk-team" ||
		get(m, "results", 1, "user_email") != "new@example.com" || get(m, "results", 1, "updated_user", "user_email") != "new@example.com" ||
		get(m, "results", 1, "updated_team_membership") != nil || get(m, "updated_team", "team_id") != "bulk-team" {
		t.Errorf("results = %v", m)
	}

	// Adding them again fails as /team/member_add does: every member is
	// failed, with HTTP 200 (a ProxyException prints as "").
	m = mustOK(t, call(t, srv, "POST", "/team/bulk_member_add", srv.MasterKey, map[string]any{"team_id": "bulk-team",
		"members": []any{map[string]any{"user_id": "alice", "role": "user"}}})).Map(t)
	if m["failed_additions"] != 1.0 || get(m, "results", 0, "success") != false || get(m, "results", 0, "error") != "" || m["updated_team"] != nil {
		t.Errorf("again = %v", m)
	}
	m = mustOK(t, call(t, srv, "POST", "/team/bulk_member_add", srv.MasterKey, map[string]any{"team_id": "no-such-team",
		"members": []any{map[string]any{"user_id": "bob", "role": "user"}}})).Map(t)
	if got := get(m, "results", 0, "error"); got != "404: {'error': \"Team doesn't exist in db. Team=no-such-team. Create team via `/team/new` call.\"}" {
		t.Errorf("missing team error = %v", got)
	}

	// Every user (alice, bob, the new user and default_user_id, which
	// /team/new made), as role user: bob is the one not yet in the team,
	// the others are skipped.
	m = mustOK(t, call(t, srv, "POST", "/team/bulk_member_add", srv.MasterKey, map[string]any{"team_id": "bulk-team", "all_users": true})).Map(t)
	if m["total_requested"] != 4.0 || m["successful_additions"] != 4.0 || get(m, "updated_team", "updated_users", 0, "user_id") != "bob" {
		t.Errorf("all users = %v", m)
	}
	if got := get(detail(t, call(t, srv, "POST", "/team/bulk_member_add", srv.MasterKey, map[string]any{"team_id": "bulk-team"}), 400), "error"); got != "At least one member is required" {
		t.Errorf("no members: %v", got)
	}
	if r := call(t, srv, "POST", "/team/bulk_member_add", srv.MasterKey, map[string]any{"team_id": "bulk-team", "members": []any{map[string]any{"role": "user"}}}); r.Status != 422 {
		t.Errorf("member without id or email: %d %s", r.Status, r.Body)
	}
	wantProxyError(t, call(t, srv, "POST", "/team/bulk_member_add", "sk-test-alice", map[string]any{"team_id": "bulk-team", "all_users": true}),
		401, "auth_error", "Only proxy admin can be used")
}

func TestTeamCallbacks(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mustOK(t, call(t, srv, "POST", "/team/new", srv.MasterKey, map[string]any{"team_id": "cb-team", "metadata": map[string]any{
		"callback_settings": map[string]any{"success_callback": []string{"langfuse"}, "callback_vars": map[string]any{"langfuse_host": "https://lf.example"}}}}))

	m := mustOK(t, call(t, srv, "GET", "/team/cb-team/callback", srv.MasterKey, nil)).Map(t)
	if m["status"] != "success" || get(m, "data", "team_id") != "cb-team" || get(m, "data", "success_callbacks", 0) != "langfuse" ||
		get(m, "data", "callback_vars", "langfuse_host") != "https://lf.example" || len(get(m, "data", "failure_callbacks").([]any)) != 0 {
		t.Errorf("get = %v", m)
	}

	add := map[string]any{"callback_name": "langfuse", "callback_vars": map[string]any{"langfuse_public_key": "pk-test", "langfuse_secret_key": "sk-test-secret"}}
	r := mustOK(t, call(t, srv, "POST", "/team/cb-team/callback", srv.MasterKey, add))
	if strings.Contains(string(r.Body), "sk-test-secret") {
		t.Errorf("the callback's secret is in the answer: %s", r.Body)
	}
	m = r.Map(t)
	if m["status"] != "success" || get(m, "data", "team_id") != "cb-team" || get(m, "data", "metadata", "logging", 0, "callback_type") != "success_and_failure" ||
		get(m, "data", "metadata", "logging", 0, "callback_vars", "langfuse_public_key") == nil {
		t.Errorf("add = %v", m)
	}
	wantProxyError(t, call(t, srv, "POST", "/team/cb-team/callback", srv.MasterKey, add), 400, "bad_request_error",
		"callback_name = langfuse already exists in team_callback_settings, for team_id = cb-team and event = success_and_failure")
	add["callback_type"] = "failure"
	mustOK(t, call(t, srv, "POST", "/team/cb-team/callback", srv.MasterKey, add))
	for _, vars := range []map[string]any{{"not_a_var": "x"}, {"langfuse_secret_key": "os.environ/LANGFUSE_SECRET"}} {
		if r := call(t, srv, "POST", "/team/cb-team/callback", srv.MasterKey, map[string]any{"callback_name": "langfuse", "callback_vars": vars}); r.Status != 422 {
			t.Errorf("vars %v: %d %s", vars, r.Status, r.Body)
		}
	}
	if got := get(detail(t, call(t, srv, "POST", "/team/nope/callback", srv.MasterKey, map[string]any{"callback_name": "langfuse", "callback_vars": map[string]any{}}), 400), "error"); got != "Team id = nope does not exist. Please use a different team id." {
		t.Errorf("missing team (add): %v", got)
	}

	// disable_logging empties callback_settings' callbacks (not metadata.logging).
	m = mustOK(t, call(t, srv, "POST", "/team/cb-team/disable_logging", srv.MasterKey, nil)).Map(t)
	if m["message"] != "Logging disabled for team cb-team" || get(m, "data", "team_id") != "cb-team" {
		t.Errorf("disable = %v", m)
	}
	m = mustOK(t, call(t, srv, "GET", "/team/cb-team/callback", srv.MasterKey, nil)).Map(t)
	if len(get(m, "data", "success_callbacks").([]any)) != 0 || get(m, "data", "callback_vars", "langfuse_host") != "https://lf.example" {
		t.Errorf("after disable = %v", m)
	}
	for _, path := range []string{"/team/nope/callback", "/team/nope/disable_logging"} {
		method := "GET"
		if strings.HasSuffix(path, "disable_logging") {
			method = "POST"
		}
		if got := get(detail(t, call(t, srv, method, path, srv.MasterKey, nil), 404), "error"); got != "Team id = nope does not exist." {
			t.Errorf("%s: %v", path, got)
		}
	}
}

func TestTeamMemberMe(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}, proxytest.User{ID: "bob", Key: "sk-test-bob"}))
	mustOK(t, call(t, srv, "POST", "/team/new", srv.MasterKey, map[string]any{"team_id": "me-team", "team_alias": "Me"}))
	mustOK(t, call(t, srv, "POST", "/team/member_add", srv.MasterKey, map[string]any{"team_id": "me-team",
		"member": map[string]any{"user_id": "alice", "role": "user"}, "max_budget_in_team": 6}))

	m := mustOK(t, call(t, srv, "GET", "/team/me-team/members/me", "sk-test-alice", nil)).Map(t)
	if m["user_id"] != "alice" || m["team_id"] != "me-team" || m["team_alias"] != "Me" || m["role"] != "user" || m["spend"] != 0.0 ||
		get(m, "litellm_budget_table", "max_budget") != 6.0 || m["budget_id"] != get(m, "litellm_budget_table", "budget_id") {
		t.Errorf("alice = %v", m)
	}
	// The master key's user made the team, so it is its admin (no budget row).
	m = mustOK(t, call(t, srv, "GET", "/team/me-team/members/me", srv.MasterKey, nil)).Map(t)
	if m["user_id"] != "default_user_id" || m["role"] != "admin" || m["litellm_budget_table"] != nil {
		t.Errorf("master key = %v", m)
	}
	if got := get(detail(t, call(t, srv, "GET", "/team/me-team/members/me", "sk-test-bob", nil), 404), "error"); got != "User user_id=bob is not a member of team_id=me-team." {
		t.Errorf("bob: %v", got)
	}
	if got := get(detail(t, call(t, srv, "GET", "/team/nope/members/me", "sk-test-bob", nil), 404), "error"); got != "Team doesn't exist in db. Team=nope. Create team via `/team/new` call." {
		t.Errorf("missing team: %v", got)
	}
	keyless := genKey(t, srv, nil)
	if got := get(detail(t, call(t, srv, "GET", "/team/me-team/members/me", keyless, nil), 400), "error"); got != "API key has no associated user_id; cannot resolve 'me' for team membership." {
		t.Errorf("key without a user: %v", got)
	}
}

func TestKeyGenerateServiceAccount(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}, proxytest.User{ID: "bob", Key: "sk-test-bob"}))
	mustOK(t, call(t, srv, "POST", "/team/new", srv.MasterKey, map[string]any{"team_id": "sa-team"}))
	mustOK(t, call(t, srv, "POST", "/team/member_add", srv.MasterKey, map[string]any{"team_id": "sa-team", "member": map[string]any{"user_id": "alice", "role": "user"}}))

	m := mustOK(t, call(t, srv, "POST", "/key/service-account/generate", srv.MasterKey, map[string]any{"team_id": "sa-team", "key_alias": "svc", "user_id": "alice"})).Map(t)
	key, _ := m["key"].(string)
	if !strings.HasPrefix(key, "sk-") || m["team_id"] != "sa-team" || m["user_id"] != nil || m["key_alias"] != "svc" {
		t.Errorf("service account key = %v", m)
	}
	info := mustOK(t, call(t, srv, "GET", "/key/info?key="+key, srv.MasterKey, nil)).Map(t)
	if get(info, "info", "user_id") != nil || get(info, "info", "team_id") != "sa-team" {
		t.Errorf("key info = %v", info)
	}
	// A team member may make one; another user may not.
	mustOK(t, call(t, srv, "POST", "/key/service-account/generate", "sk-test-alice", map[string]any{"team_id": "sa-team"}))
	for _, tc := range []struct {
		key  string
		body map[string]any
		want string
	}{
		{srv.MasterKey, map[string]any{}, "team_id is required for service account keys. Please specify `team_id` in the request body."},
		{srv.MasterKey, map[string]any{"team_id": "nope"}, "team_id does not exist in the database. Please specify a valid `team_id` in the request body."},
		{srv.MasterKey, map[string]any{"team_id": "sa-team", "user_id": "bob"}, "User=bob not assigned to team=sa-team"},
		{"sk-test-bob", map[string]any{"team_id": "sa-team"}, "User=bob not assigned to team=sa-team"},
	} {
		if got := detail(t, call(t, srv, "POST", "/key/service-account/generate", tc.key, tc.body), 400); got != tc.want {
			t.Errorf("%v: %v", tc.body, got)
		}
	}
}

// TestUserDailyActivityAggregated: the day's activity of every user (or
// user_id), summed over the users, in one page.
func TestUserDailyActivityAggregated(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mk := srv.MasterKey
	for _, u := range []string{"u1", "u2"} {
		mustOK(t, call(t, srv, "POST", "/user/new", mk, map[string]any{"user_id": u, "user_role": "internal_user"}))
		key := genKey(t, srv, map[string]any{"user_id": u})
		chat := map[string]any{"model": "gpt-4o", "messages": []any{map[string]any{"role": "user", "content": "hi"}}}
		mustOK(t, call(t, srv, "POST", "/chat/completions", key, chat))
		if u == "u1" {
			wantProxyError(t, call(t, srv, "GET", "/user/daily/activity/aggregated?start_date=2026-01-01&end_date=2026-01-02", key, nil),
				401, "auth_error", "Only proxy admin can be used")
		}
	}
	day := time.Now().UTC().Format(time.DateOnly)
	q := "/user/daily/activity/aggregated?start_date=" + day + "&end_date=" + day
	m := mustOK(t, call(t, srv, "GET", q, mk, nil)).Map(t)
	if get(m, "metadata", "total_api_requests") != 2.0 || get(m, "metadata", "page") != 1.0 || get(m, "metadata", "total_pages") != 1.0 ||
		get(m, "metadata", "has_more") != false || get(m, "results", 0, "metrics", "api_requests") != 2.0 ||
		len(get(m, "results", 0, "breakdown", "entities").(map[string]any)) != 0 || len(get(m, "results", 0, "breakdown", "api_keys").(map[string]any)) != 2 {
		t.Errorf("aggregated = %v", m)
	}
	m = mustOK(t, call(t, srv, "GET", q+"&user_id=u2", mk, nil)).Map(t)
	if get(m, "metadata", "total_api_requests") != 1.0 {
		t.Errorf("u2 = %v", m)
	}
	// An empty range is still page 1 of 1.
	m = mustOK(t, call(t, srv, "GET", "/user/daily/activity/aggregated?start_date=2020-01-01&end_date=2020-01-02", mk, nil)).Map(t)
	if len(m["results"].([]any)) != 0 || get(m, "metadata", "total_pages") != 1.0 {
		t.Errorf("empty = %v", m)
	}
	if d := get(detail(t, call(t, srv, "GET", "/user/daily/activity/aggregated", mk, nil), http.StatusBadRequest), "error"); d != "Please provide start_date and end_date" {
		t.Errorf("no dates: %v", d)
	}
}

func TestUserAvailableUsers(t *testing.T) {
	t.Parallel()
	for _, v := range proxytest.Versions {
		srv := newServer(t, proxytest.WithVersion(v), proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}))
		mustOK(t, call(t, srv, "POST", "/user/new", srv.MasterKey, map[string]any{"user_id": "gone", "metadata": map[string]any{"scim_active": false}}))
		mustOK(t, call(t, srv, "POST", "/team/new", srv.MasterKey, map[string]any{"team_id": "t1"}))
		m := mustOK(t, call(t, srv, "GET", "/user/available_users", srv.MasterKey, nil)).Map(t)
		// alice, gone and default_user_id (made by /team/new); 1.106 does not count gone.
		users := 3.0
		if v == proxytest.Version1_106 {
			users = 2
		}
		if m["total_users_used"] != users || m["total_teams_used"] != 1.0 || m["total_users"] != nil || m["total_users_remaining"] != nil ||
			m["total_teams"] != nil || m["total_teams_remaining"] != nil {
			t.Errorf("%s: available users = %v", v, m)
		}
		wantProxyError(t, call(t, srv, "GET", "/user/available_users", "sk-test-alice", nil), 401, "auth_error", "Only proxy admin can be used")
	}
}

func TestTeamPermissionsBulkUpdate(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mk := srv.MasterKey
	mustOK(t, call(t, srv, "POST", "/team/new", mk, map[string]any{"team_id": "p1", "team_member_permissions": []string{"/key/info"}}))
	mustOK(t, call(t, srv, "POST", "/team/new", mk, map[string]any{"team_id": "p2"}))
	perms := func(id string) any {
		return get(mustOK(t, call(t, srv, "GET", "/team/info?team_id="+id, mk, nil)).Map(t), "team_info", "team_member_permissions")
	}

	m := mustOK(t, call(t, srv, "POST", "/team/permissions_bulk_update", mk, map[string]any{"permissions": []string{"/key/list", "/key/info"}, "team_ids": []string{"p1"}})).Map(t)
	if m["teams_updated"] != 1.0 || m["message"] != "Team permissions updated successfully" || get(m, "permissions_appended", 0) != "/key/list" {
		t.Errorf("p1 = %v", m)
	}
	if got := perms("p1"); len(got.([]any)) != 2 || get(got, 0) != "/key/info" || get(got, 1) != "/key/list" {
		t.Errorf("p1 permissions = %v", got)
	}
	// Every team: p1 has them all already, p2 changes.
	m = mustOK(t, call(t, srv, "POST", "/team/permissions_bulk_update", mk, map[string]any{"permissions": []string{"/key/list"}, "apply_to_all_teams": true})).Map(t)
	if m["teams_updated"] != 1.0 || get(perms("p2"), 0) != "/key/list" {
		t.Errorf("all teams = %v", m)
	}
	m = mustOK(t, call(t, srv, "POST", "/team/permissions_bulk_update", mk, map[string]any{"permissions": []string{}})).Map(t)
	if m["message"] != "No permissions provided" || m["teams_updated"] != 0.0 || m["permissions_appended"] != nil {
		t.Errorf("no permissions = %v", m)
	}
	for _, tc := range []struct {
		body   map[string]any
		status int
		want   string
	}{
		{map[string]any{"permissions": []string{"/key/list"}}, 400, "Must provide team_ids or set apply_to_all_teams=true"},
		{map[string]any{"permissions": []string{"/key/list"}, "team_ids": []string{"p1"}, "apply_to_all_teams": true}, 400, "Cannot set both apply_to_all_teams=true and team_ids"},
		{map[string]any{"permissions": []string{"/key/list"}, "team_ids": []string{"p1", "zz", "aa"}}, 404, "Team(s) not found: ['aa', 'zz']"},
	} {
		if got := get(detail(t, call(t, srv, "POST", "/team/permissions_bulk_update", mk, tc.body), tc.status), "error"); got != tc.want {
			t.Errorf("%v: %v", tc.body, got)
		}
	}
	r := call(t, srv, "POST", "/team/permissions_bulk_update", mk, map[string]any{"permissions": []string{"/not/a/route"}, "team_ids": []string{"p1"}})
	if r.Status != 422 || get(r.Map(t), "detail", 0, "type") != "enum" {
		t.Errorf("bad permission: %d %s", r.Status, r.Body)
	}
}

func TestTeamKeyBulkUpdate(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}, proxytest.User{ID: "bob", Key: "sk-test-bob"}))
	mk := srv.MasterKey
	mustOK(t, call(t, srv, "POST", "/team/new", mk, map[string]any{"team_id": "kt"}))
	mustOK(t, call(t, srv, "POST", "/team/member_add", mk, map[string]any{"team_id": "kt", "member": map[string]any{"user_id": "alice", "role": "user"}}))
	a := genKey(t, srv, map[string]any{"team_id": "kt"})
	b := genKey(t, srv, map[string]any{"team_id": "kt"})
	blocked := genKey(t, srv, map[string]any{"team_id": "kt"})
	mustOK(t, call(t, srv, "POST", "/key/block", mk, map[string]any{"key": blocked}))
	other := genKey(t, srv, nil)

	m := mustOK(t, call(t, srv, "POST", "/team/key/bulk_update", mk, map[string]any{"team_id": "kt", "key_ids": []string{a, sha(a), other},
		"update_fields": map[string]any{"max_budget": 9, "tpm_limit": 100}})).Map(t)
	if m["total_requested"] != 2.0 || get(m, "successful_updates", 0, "key") != a || get(m, "successful_updates", 0, "key_info", "max_budget") != 9.0 ||
		get(m, "successful_updates", 0, "key_info", "tpm_limit") != 100.0 || get(m, "failed_updates", 0, "failed_reason") != "Key not found in team kt" {
		t.Errorf("key_ids = %v", m)
	}
	// All keys of the team but the blocked one.
	m = mustOK(t, call(t, srv, "POST", "/team/key/bulk_update", mk, map[string]any{"team_id": "kt", "all_keys_in_team": true,
		"update_fields": map[string]any{"metadata": map[string]any{"env": "prod"}}})).Map(t)
	if m["total_requested"] != 2.0 || len(m["successful_updates"].([]any)) != 2 {
		t.Errorf("all keys = %v", m)
	}
	if got := get(mustOK(t, call(t, srv, "GET", "/key/info?key="+b, mk, nil)).Map(t), "info", "metadata", "env"); got != "prod" {
		t.Errorf("b's metadata env = %v", got)
	}
	// Enterprise-only tags fail each key.
	m = mustOK(t, call(t, srv, "POST", "/team/key/bulk_update", mk, map[string]any{"team_id": "kt", "key_ids": []string{a},
		"update_fields": map[string]any{"tags": []string{"x"}}})).Map(t)
	if len(m["failed_updates"].([]any)) != 1 || get(m, "failed_updates", 0, "key_info", "team_id") != "kt" {
		t.Errorf("tags = %v", m)
	}
	if got := get(detail(t, call(t, srv, "POST", "/team/key/bulk_update", mk, map[string]any{"team_id": "none", "all_keys_in_team": true,
		"update_fields": map[string]any{}}), 404), "error"); got != "No keys found for team none" {
		t.Errorf("no keys: %v", got)
	}
	for _, body := range []map[string]any{
		{"team_id": "kt", "update_fields": map[string]any{}},
		{"team_id": "kt", "key_ids": []string{a}, "all_keys_in_team": true, "update_fields": map[string]any{}},
		{"team_id": "kt", "key_ids": []string{a}, "update_fields": map[string]any{"user_id": "bob"}},
	} {
		if r := call(t, srv, "POST", "/team/key/bulk_update", mk, body); r.Status != 422 {
			t.Errorf("%v: %d %s", body, r.Status, r.Body)
		}
	}
	// alice is a member without /key/update; bob is no member.
	wantProxyError(t, call(t, srv, "POST", "/team/key/bulk_update", "sk-test-alice", map[string]any{"team_id": "kt", "key_ids": []string{a},
		"update_fields": map[string]any{"max_budget": 1}}), 401, "team_member_permission_error", "Team member does not have permissions for endpoint: /key/update")
	wantProxyError(t, call(t, srv, "POST", "/team/key/bulk_update", "sk-test-bob", map[string]any{"team_id": "kt", "key_ids": []string{a},
		"update_fields": map[string]any{"max_budget": 1}}), 401, "team_member_permission_error", "User bob does not belong to team kt")
	mustOK(t, call(t, srv, "POST", "/team/permissions_update", mk, map[string]any{"team_id": "kt", "team_member_permissions": []string{"/key/update"}}))
	mustOK(t, call(t, srv, "POST", "/team/key/bulk_update", "sk-test-alice", map[string]any{"team_id": "kt", "key_ids": []string{a},
		"update_fields": map[string]any{"max_budget": 1}}))
}

func TestModelGroupMakePublic(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}))
	m := mustOK(t, call(t, srv, "POST", "/model_group/make_public", srv.MasterKey, map[string]any{"model_groups": []string{"gpt-4o", "not-checked"}})).Map(t)
	if m["message"] != "Successfully updated public model groups" || get(m, "public_model_groups", 1) != "not-checked" || m["updated_by"] != "default_user_id" {
		t.Errorf("make public = %v", m)
	}
	if r := call(t, srv, "POST", "/model_group/make_public", srv.MasterKey, map[string]any{"model_groups": []string{}, "extra": 1}); r.Status != 422 {
		t.Errorf("extra field: %d %s", r.Status, r.Body)
	}
	wantProxyError(t, call(t, srv, "POST", "/model_group/make_public", "sk-test-alice", map[string]any{"model_groups": []string{}}), 401, "auth_error", "Only proxy admin can be used")

	// A config without store_model_in_db refuses, as the proxy does.
	cfg := &proxytest.LiteLLMConfig{Models: []proxytest.Model{{Name: "gpt-4o", Params: map[string]any{"model": "openai/gpt-4o"}}}}
	noStore := newServer(t, cfg.Option())
	if got := get(detail(t, call(t, noStore, "POST", "/model_group/make_public", noStore.MasterKey, map[string]any{"model_groups": []string{"gpt-4o"}}), 500), "error"); got !=
		"Set `'STORE_MODEL_IN_DB='True'` in your env to enable this feature." {
		t.Errorf("no model store: %v", got)
	}
}
