package proxytest_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestUserNew(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithTeams(proxytest.Team{ID: "t1"}))
	m := mustOK(t, call(t, srv, "POST", "/user/new", srv.MasterKey, map[string]any{
		"user_email": "ann@example.com", "user_role": "internal_user", "teams": []string{"t1"}, "key_alias": "ann-key", "max_budget": 5,
	})).Map(t)
	id, _ := m["user_id"].(string)
	key, _ := m["key"].(string)
	// Like the proxy's NewUserResponse, no token (hash) beside the key.
	if !uuidRE.MatchString(id) || key == "" || m["token"] != nil || m["key_alias"] != "ann-key" ||
		m["user_email"] != "ann@example.com" || m["max_budget"] != 5.0 || cmp.Diff([]any{"t1"}, m["teams"]) != "" {
		t.Fatalf("new user = %v", m)
	}
	// The auto-created key belongs to the user and works.
	info := mustOK(t, call(t, srv, "GET", "/key/info", key, nil)).Map(t)
	if get(info, "info", "user_id") != id {
		t.Errorf("key owner = %v", get(info, "info", "user_id"))
	}
	wantProxyError(t, call(t, srv, "POST", "/user/new", srv.MasterKey, map[string]any{"user_email": "ann@example.com"}), 400, "auth_error", "already exists")

	noKey := mustOK(t, call(t, srv, "POST", "/user/new", srv.MasterKey, map[string]any{"user_id": "bob", "auto_create_key": false})).Map(t)
	if noKey["key"] != "" || noKey["token"] != nil || noKey["user_id"] != "bob" {
		t.Errorf("auto_create_key=false = %v", noKey)
	}
	// A user created without a role has none (the proxy stores null).
	if info := mustOK(t, call(t, srv, "GET", "/user/info?user_id=bob", srv.MasterKey, nil)).Map(t); get(info, "user_info", "user_role") != nil || noKey["user_role"] != nil {
		t.Errorf("role of a user made without one: %v", get(info, "user_info", "user_role"))
	}
	if ks := mustOK(t, call(t, srv, "GET", "/key/list?user_id=bob", srv.MasterKey, nil)).Map(t); ks["total_count"] != 0.0 {
		t.Errorf("bob has keys: %v", ks)
	}
}

func TestUserInfo(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	id, key := newUser(t, srv, map[string]any{"user_id": "carol", "user_alias": "Carol"})
	other, _ := newUser(t, srv, map[string]any{"user_id": "dave"})

	for _, caller := range []string{srv.MasterKey, key} {
		m := mustOK(t, call(t, srv, "GET", "/user/info?user_id="+id, caller, nil)).Map(t)
		if m["user_id"] != id || get(m, "user_info", "user_alias") != "Carol" || get(m, "keys", 0, "key_name") == nil {
			t.Errorf("info = %v", m)
		}
		if get(m, "keys", 0, "token") != sha(key) || get(m, "keys", 0, "team_alias") != "None" {
			t.Errorf("user/info keys carry the token, and the string None as team_alias: %v", get(m, "keys", 0))
		}
	}
	// A non-admin without user_id gets its own record, and not another's.
	if m := mustOK(t, call(t, srv, "GET", "/user/info", key, nil)).Map(t); m["user_id"] != id {
		t.Errorf("own info = %v", m)
	}
	wantProxyError(t, call(t, srv, "GET", "/user/info?user_id="+other, key, nil), 403, "auth_error", "key not allowed to access this user's info")
	// An admin without user_id gets every key and team, as its own user
	// (default_user_id for the master key), which has no row yet.
	m := mustOK(t, call(t, srv, "GET", "/user/info", srv.MasterKey, nil)).Map(t)
	if m["user_id"] != "default_user_id" || m["user_info"] != nil || len(m["keys"].([]any)) != 2 {
		t.Errorf("admin info = %v", m)
	}
	// An unknown user is a 404.
	wantProxyError(t, call(t, srv, "GET", "/user/info?user_id=ghost", srv.MasterKey, nil), 404, "internal_server_error", "User ghost not found")
}

func TestUserInfoV2(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mustOK(t, call(t, srv, "POST", "/team/new", srv.MasterKey, map[string]any{"team_id": "t1"}))
	_, key := newUser(t, srv, map[string]any{"user_id": "carol", "user_alias": "Carol", "user_role": "internal_user", "teams": []string{"t1"}})
	_, daveKey := newUser(t, srv, map[string]any{"user_id": "dave"})
	keyless := genKey(t, srv, nil)

	want := map[string]any{"user_id": "carol", "user_email": nil, "user_alias": "Carol", "user_role": "internal_user",
		"spend": 0.0, "max_budget": nil, "models": []any{}, "budget_duration": nil, "budget_reset_at": nil,
		"metadata": map[string]any{}, "sso_user_id": nil, "teams": []any{"t1"}}
	for _, tt := range []struct{ name, path, caller string }{
		{"admin by id", "/v2/user/info?user_id=carol", srv.MasterKey},
		{"self by id", "/v2/user/info?user_id=carol", key},
		{"self without id", "/v2/user/info", key},
	} {
		m := mustOK(t, call(t, srv, "GET", tt.path, tt.caller, nil)).Map(t)
		for f, v := range want {
			if diff := cmp.Diff(v, m[f]); diff != "" {
				t.Errorf("%s: %s (-want +got):\n%s", tt.name, f, diff)
			}
		}
		if len(m) != 14 || m["created_at"] == nil || m["updated_at"] == nil {
			t.Errorf("%s: fields = %v, want the 14 of UserInfoV2Response", tt.name, m)
		}
	}
	// The master key's own user exists once it created a team.
	if m := mustOK(t, call(t, srv, "GET", "/v2/user/info", srv.MasterKey, nil)).Map(t); m["user_id"] != "default_user_id" ||
		cmp.Diff([]any{"t1"}, m["teams"]) != "" {
		t.Errorf("master's own user = %v", m)
	}
	// Another user's info, an unknown user: 404 alike.
	wantProxyError(t, call(t, srv, "GET", "/v2/user/info?user_id=carol", daveKey, nil), 404, "internal_server_error", "User not found: carol")
	wantProxyError(t, call(t, srv, "GET", "/v2/user/info?user_id=ghost", srv.MasterKey, nil), 404, "internal_server_error", "User not found: ghost")
	// A key without a user must name one.
	wantProxyError(t, call(t, srv, "GET", "/v2/user/info", keyless, nil), 400, "internal_server_error", "user_id is required")
}

func TestUserListUpdateDelete(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithTeams(proxytest.Team{ID: "t1"}))
	for i := range 5 {
		role := "internal_user"
		if i == 4 {
			role = "proxy_admin"
		}
		body := map[string]any{"user_id": fmt.Sprintf("u%d", i), "user_email": fmt.Sprintf("u%d@example.com", i), "user_role": role}
		if i < 2 {
			body["teams"] = []string{"t1"}
		}
		newUser(t, srv, body)
	}
	list := func(q string) map[string]any {
		t.Helper()
		return mustOK(t, call(t, srv, "GET", "/user/list"+q, srv.MasterKey, nil)).Map(t)
	}
	m := list("?page=2&page_size=2")
	if m["total"] != 5.0 || m["page"] != 2.0 || m["page_size"] != 2.0 || m["total_pages"] != 3.0 ||
		get(m, "users", 0, "user_id") != "u2" || get(m, "users", 0, "key_count") != 1.0 {
		t.Errorf("page 2 = %v", m)
	}
	if m = list("?role=proxy_admin"); m["total"] != 1.0 || get(m, "users", 0, "user_id") != "u4" {
		t.Errorf("role filter = %v", m)
	}
	if m = list("?user_ids=u1,u3"); m["total"] != 2.0 {
		t.Errorf("ids filter = %v", m)
	}
	if m = list("?team=t1&sort_order=desc"); m["total"] != 2.0 || get(m, "users", 0, "user_id") != "u1" {
		t.Errorf("team filter = %v", m)
	}
	if m = list("?user_email=U3@"); m["total"] != 1.0 {
		t.Errorf("email filter = %v", m)
	}

	u := mustOK(t, call(t, srv, "POST", "/user/update", srv.MasterKey, map[string]any{"user_id": "u0", "user_alias": "Zero", "max_budget": 1.5})).Map(t)
	if u["user_id"] != "u0" || get(u, "data", "user_alias") != "Zero" || get(u, "data", "max_budget") != 1.5 || cmp.Diff([]any{"t1"}, get(u, "data", "teams")) != "" {
		t.Errorf("update = %v", u)
	}
	u = mustOK(t, call(t, srv, "POST", "/user/update", srv.MasterKey, map[string]any{"user_email": "u1@example.com", "user_role": "proxy_admin_viewer"})).Map(t)
	if u["user_id"] != "u1" || get(u, "data", "user_role") != "proxy_admin_viewer" {
		t.Errorf("update by email = %v", u)
	}

	d := mustOK(t, call(t, srv, "POST", "/user/delete", srv.MasterKey, map[string]any{"user_ids": []string{"u0", "u1"}}))
	if string(d.Body) != "2" {
		t.Errorf("delete body = %s, want the bare integer 2", d.Body)
	}
	if m = list(""); m["total"] != 3.0 {
		t.Errorf("after delete = %v", m)
	}
	if ks := mustOK(t, call(t, srv, "GET", "/key/list?user_id=u0", srv.MasterKey, nil)).Map(t); ks["total_count"] != 0.0 {
		t.Errorf("deleted user's keys remain: %v", ks)
	}
	team := mustOK(t, call(t, srv, "GET", "/team/info?team_id=t1", srv.MasterKey, nil)).Map(t)
	if n := len(get(team, "team_info", "members_with_roles").([]any)); n != 0 {
		t.Errorf("deleted users still in the team: %v", team)
	}
	got := detail(t, call(t, srv, "POST", "/user/delete", srv.MasterKey, map[string]any{"user_ids": []string{"ghost"}}), 404)
	if diff := cmp.Diff(map[string]any{"error": "User not found, passed user_id=ghost"}, got); diff != "" {
		t.Errorf("detail (-want +got):\n%s", diff)
	}
}

// TestUserDailyActivity: the activity of the chats a user's key made, for
// an admin and for the user; another user's is 403 to a non-admin.
func TestUserDailyActivity(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mk := srv.MasterKey
	mustOK(t, call(t, srv, "POST", "/user/new", mk, map[string]any{"user_id": "u1", "user_role": "internal_user"}))
	key := genKey(t, srv, map[string]any{"user_id": "u1"})
	chat := map[string]any{"model": "gpt-4o", "messages": []any{map[string]any{"role": "user", "content": "hi"}}}
	mustOK(t, call(t, srv, "POST", "/chat/completions", key, chat))
	day := time.Now().UTC().Format(time.DateOnly)
	q := "/user/daily/activity?start_date=" + day + "&end_date=" + day
	for _, c := range []struct{ key, path string }{{mk, q + "&user_id=u1"}, {key, q}} {
		r := mustOK(t, call(t, srv, "GET", c.path, c.key, nil))
		if got := get(r.JSON(t), "metadata", "total_api_requests"); got != 1.0 {
			t.Errorf("%s: total_api_requests %v, want 1: %s", c.path, got, r.Body)
		}
		if got := get(r.JSON(t), "results", 0, "breakdown", "entities", "u1", "metrics", "api_requests"); got != 1.0 {
			t.Errorf("%s: entity u1 api_requests %v, want 1", c.path, got)
		}
	}
	if d := get(detail(t, call(t, srv, "GET", q+"&user_id=u2", key, nil), http.StatusForbidden), "error"); d != "Non-admin users can only view their own spend data." {
		t.Errorf("another user: %v", d)
	}
	if d := get(detail(t, call(t, srv, "GET", "/user/daily/activity", mk, nil), http.StatusBadRequest), "error"); d != "Please provide start_date and end_date" {
		t.Errorf("no dates: %v", d)
	}
}
