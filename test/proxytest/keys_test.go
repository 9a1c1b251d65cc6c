package proxytest_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

func sha(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

func fixedClock() func() time.Time {
	return func() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) }
}

func TestKeyGenerate(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithClock(fixedClock()))
	r := mustOK(t, call(t, srv, "POST", "/key/generate", srv.MasterKey, map[string]any{
		"key_alias": "ci", "models": []string{"gpt-4o"}, "duration": "30d", "max_budget": 10,
		"metadata": map[string]any{"owner": "ci"},
	}))
	m := r.Map(t)
	key, _ := m["key"].(string)
	if !strings.HasPrefix(key, "sk-") || len(key) != 25 {
		t.Errorf("key = %q, want sk- and 22 urlsafe characters", key)
	}
	want := map[string]any{
		"token": sha(key), "token_id": sha(key), "key_name": "sk-..." + key[len(key)-4:], "key_alias": "ci",
		"models": []any{"gpt-4o"}, "max_budget": 10.0, "metadata": map[string]any{"owner": "ci"},
		"expires": "2025-07-01T12:00:00.000000+00:00", "duration": nil, "spend": 0.0, "tags": nil,
		"created_by": "default_user_id",
	}
	for k, v := range want {
		if diff := cmp.Diff(v, m[k]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", k, diff)
		}
	}

	custom := mustOK(t, call(t, srv, "POST", "/key/generate", srv.MasterKey, map[string]any{"key": "sk-test-custom"})).Map(t)
	if custom["key"] != "sk-test-custom" || custom["token"] != sha("sk-test-custom") || custom["expires"] != nil {
		t.Errorf("custom key response: %v", custom)
	}
	wantProxyError(t, call(t, srv, "POST", "/key/generate", srv.MasterKey, map[string]any{"key": "test-nope"}),
		400, "auth_error", "Invalid key format. LiteLLM Virtual Key must start with 'sk-'.")
	wantProxyError(t, call(t, srv, "POST", "/key/generate", srv.MasterKey, map[string]any{"key_alias": "ci"}),
		400, "auth_error", "Key with alias 'ci' already exists")
	wantProxyError(t, call(t, srv, "POST", "/key/generate", srv.MasterKey, map[string]any{"duration": "soon"}),
		500, "internal_server_error", "Invalid duration format")
	// The proxy does not check that the team exists.
	if m := mustOK(t, call(t, srv, "POST", "/key/generate", srv.MasterKey, map[string]any{"team_id": "ghost"})).Map(t); m["team_id"] != "ghost" {
		t.Errorf("key of an unknown team: %v", m)
	}
	// Tags, guardrails and the like need an Enterprise licence.
	wantProxyError(t, call(t, srv, "POST", "/key/generate", srv.MasterKey, map[string]any{"tags": []string{"a"}}),
		403, "internal_server_error", "only available for LiteLLM Enterprise users: tags")
	ent := newServer(t, proxytest.WithEnterprise())
	if m := mustOK(t, call(t, ent, "POST", "/key/generate", ent.MasterKey, map[string]any{"tags": []string{"a"}})).Map(t); cmp.Diff([]any{"a"}, m["tags"]) != "" {
		t.Errorf("enterprise tags = %v", m["tags"])
	}
}

func TestKeyDurations(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithClock(fixedClock()))
	for d, want := range map[string]string{
		"30s": "2025-06-01T12:00:30.000000+00:00", "30m": "2025-06-01T12:30:00.000000+00:00",
		"24h": "2025-06-02T12:00:00.000000+00:00", "24hr": "2025-06-02T12:00:00.000000+00:00",
		"7d": "2025-06-08T12:00:00.000000+00:00",
	} {
		r := mustOK(t, call(t, srv, "POST", "/key/generate", srv.MasterKey, map[string]any{"duration": d}))
		if got := r.Map(t)["expires"]; got != want {
			t.Errorf("duration %s: expires = %v, want %s", d, got, want)
		}
	}
}

func TestKeyInfoUpdateBlockDelete(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithClock(fixedClock()), proxytest.WithTeams(proxytest.Team{ID: "t1"}))
	key := genKey(t, srv, map[string]any{"key_alias": "svc", "duration": "1h"})
	hash := sha(key)

	for _, q := range []string{"?key=" + url.QueryEscape(key), "?key=" + hash} {
		m := mustOK(t, call(t, srv, "GET", "/key/info"+q, srv.MasterKey, nil)).Map(t)
		if get(m, "info", "key_alias") != "svc" || get(m, "info", "key_name") != "sk-..."+key[len(key)-4:] {
			t.Errorf("info%s = %v", q, m)
		}
		if _, ok := get(m, "info").(map[string]any)["token"]; ok {
			t.Errorf("info%s shows the token", q)
		}
	}
	// Without a key parameter, the calling key.
	if m := mustOK(t, call(t, srv, "GET", "/key/info", key, nil)).Map(t); get(m, "info", "key_alias") != "svc" {
		t.Errorf("own info = %v", m)
	}
	wantProxyError(t, call(t, srv, "GET", "/key/info?key=sk-test-missing", srv.MasterKey, nil), 404, "not_found_error", "Key not found in database")

	upd := mustOK(t, call(t, srv, "POST", "/key/update", srv.MasterKey, map[string]any{
		"key": key, "models": []string{"claude-3-5-sonnet"}, "team_id": "t1", "metadata": map[string]any{"v": 2}, "duration": "-1",
	})).Map(t)
	for k, v := range map[string]any{"key": key, "token": hash, "team_id": "t1", "models": []any{"claude-3-5-sonnet"},
		"metadata": map[string]any{"v": 2.0}, "expires": nil, "key_alias": "svc"} {
		if diff := cmp.Diff(v, upd[k]); diff != "" {
			t.Errorf("update %s (-want +got):\n%s", k, diff)
		}
	}
	wantProxyError(t, call(t, srv, "POST", "/key/update", srv.MasterKey, map[string]any{"key": "sk-test-missing"}), 404, "auth_error", "not found")

	b := mustOK(t, call(t, srv, "POST", "/key/block", srv.MasterKey, map[string]any{"key": key})).Map(t)
	if b["blocked"] != true || b["token"] != hash {
		t.Errorf("block = %v", b)
	}
	wantProxyError(t, call(t, srv, "GET", "/key/info", key, nil), 401, "auth_error", "Key is blocked")
	if u := mustOK(t, call(t, srv, "POST", "/key/unblock", srv.MasterKey, map[string]any{"key": hash})).Map(t); u["blocked"] != false {
		t.Errorf("unblock = %v", u)
	}
	mustOK(t, call(t, srv, "GET", "/key/info", key, nil))
	wantProxyError(t, call(t, srv, "POST", "/key/block", srv.MasterKey, map[string]any{"key": "sk-test-missing"}), 404, "bad_request_error", "not found")

	other := genKey(t, srv, map[string]any{"key_alias": "other"})
	d := mustOK(t, call(t, srv, "POST", "/key/delete", srv.MasterKey, map[string]any{"keys": []string{key}, "key_aliases": nil})).Map(t)
	if diff := cmp.Diff(map[string]any{"deleted_keys": []any{key}}, d); diff != "" {
		t.Errorf("delete (-want +got):\n%s", diff)
	}
	mustOK(t, call(t, srv, "POST", "/key/delete", srv.MasterKey, map[string]any{"key_aliases": []string{"other"}}))
	wantProxyError(t, call(t, srv, "GET", "/key/info", other, nil), 401, "token_not_found_in_db", sha(other))
	e := wantProxyError(t, call(t, srv, "POST", "/key/delete", srv.MasterKey, map[string]any{"keys": []string{key}}), 404, "auth_error", "")
	if e["message"] != "{'error': 'No keys found'}" {
		t.Errorf("message = %q", e["message"])
	}
}

func TestKeyList(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	var keys []string
	for i, alias := range []string{"b-key", "a-key", "c-key"} {
		keys = append(keys, genKey(t, srv, map[string]any{"key_alias": alias, "user_id": fmt.Sprintf("user-%d", i%2)}))
	}
	list := func(q string) map[string]any {
		t.Helper()
		return mustOK(t, call(t, srv, "GET", "/key/list"+q, srv.MasterKey, nil)).Map(t)
	}
	m := list("")
	if diff := cmp.Diff([]any{sha(keys[2]), sha(keys[1]), sha(keys[0])}, m["keys"]); diff != "" {
		t.Errorf("default: hashes, newest first (-want +got):\n%s", diff)
	}
	if m["total_count"] != 3.0 || m["current_page"] != 1.0 || m["total_pages"] != 1.0 {
		t.Errorf("paging = %v", m)
	}
	m = list("?size=2&page=2&sort_by=key_alias&sort_order=asc")
	if diff := cmp.Diff([]any{sha(keys[2])}, m["keys"]); diff != "" || m["total_pages"] != 2.0 || m["current_page"] != 2.0 {
		t.Errorf("page 2 by alias: %v (-want +got):\n%s", m, diff)
	}
	m = list("?return_full_object=true&key_alias=a-key")
	if get(m, "keys", 0, "token") != sha(keys[1]) || get(m, "keys", 0, "key_alias") != "a-key" || m["total_count"] != 1.0 {
		t.Errorf("full object = %v", m)
	}
	if m = list("?user_id=user-0"); m["total_count"] != 2.0 {
		t.Errorf("user filter = %v", m)
	}
	if m = list("?key_hash=" + sha(keys[0])); cmp.Diff([]any{sha(keys[0])}, m["keys"]) != "" {
		t.Errorf("hash filter = %v", m)
	}
}

func TestKeysOfInternalUser(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}, proxytest.User{ID: "bob", Key: "sk-test-bob"}))
	own := mustOK(t, call(t, srv, "POST", "/key/generate", "sk-test-alice", map[string]any{"key_alias": "mine"})).Map(t)
	if own["user_id"] != "alice" {
		t.Errorf("a user's key belongs to the user: %v", own["user_id"])
	}
	m := mustOK(t, call(t, srv, "GET", "/key/list", "sk-test-alice", nil)).Map(t)
	if m["total_count"] != 2.0 {
		t.Errorf("alice sees %v keys, want her 2", m["total_count"])
	}
	wantProxyError(t, call(t, srv, "GET", "/key/list?user_id=bob", "sk-test-alice", nil), 403, "internal_server_error", "another user's keys")
	wantProxyError(t, call(t, srv, "POST", "/key/delete", "sk-test-alice", map[string]any{"keys": []string{"sk-test-bob"}}), 403, "auth_error", "not authorized to delete")
	wantProxyError(t, call(t, srv, "GET", "/key/info?key=sk-test-bob", "sk-test-alice", nil), 403, "auth_error", "not allowed to access this key's info")
	mustOK(t, call(t, srv, "POST", "/key/update", "sk-test-alice", map[string]any{"key": own["key"], "key_alias": "renamed"}))
}

func TestKeyRegenerate(t *testing.T) {
	t.Parallel()
	// An open-source proxy refuses: regenerating is an Enterprise feature.
	oss := newServer(t)
	ossKey := genKey(t, oss, map[string]any{"key_alias": "rot"})
	for _, path := range []string{"/key/" + ossKey + "/regenerate", "/key/regenerate?key=" + sha(ossKey), "/key/sk-test-missing/regenerate"} {
		wantProxyError(t, call(t, oss, "POST", path, oss.MasterKey, nil), 500, "internal_server_error", "Regenerating Virtual Keys is an Enterprise feature")
	}

	srv := newServer(t, proxytest.WithEnterprise())
	key := genKey(t, srv, map[string]any{"key_alias": "rot", "models": []string{"gpt-4o"}})

	m := mustOK(t, call(t, srv, "POST", "/key/"+key+"/regenerate", srv.MasterKey, nil)).Map(t)
	fresh, _ := m["key"].(string)
	if fresh == key || !strings.HasPrefix(fresh, "sk-") || m["token"] != sha(fresh) || m["key_alias"] != "rot" ||
		cmp.Diff([]any{"gpt-4o"}, m["models"]) != "" {
		t.Errorf("regenerate = %v", m)
	}
	wantProxyError(t, call(t, srv, "GET", "/key/info", key, nil), 401, "token_not_found_in_db", "")
	mustOK(t, call(t, srv, "GET", "/key/info", fresh, nil))

	// POST /key/regenerate with the key in the query, a chosen new key and new settings.
	m = mustOK(t, call(t, srv, "POST", "/key/regenerate?key="+sha(fresh), srv.MasterKey,
		map[string]any{"new_key": "sk-test-rotated", "key_alias": "rot2"})).Map(t)
	if m["key"] != "sk-test-rotated" || m["key_alias"] != "rot2" {
		t.Errorf("regenerate with new_key = %v", m)
	}
	mustOK(t, call(t, srv, "GET", "/key/info", "sk-test-rotated", nil))
	// The body's key wins over the query's.
	m = mustOK(t, call(t, srv, "POST", "/key/regenerate?key=sk-test-ignored", srv.MasterKey, map[string]any{"key": "sk-test-rotated"})).Map(t)
	if m["key_alias"] != "rot2" {
		t.Errorf("body key = %v", m)
	}
	wantProxyError(t, call(t, srv, "POST", "/key/regenerate", srv.MasterKey, nil), 400, "auth_error", "No key passed in.")
	wantProxyError(t, call(t, srv, "POST", "/key/sk-test-missing/regenerate", srv.MasterKey, nil), 404, "auth_error", "not found")
	wantProxyError(t, call(t, srv, "POST", "/key/regenerate", srv.MasterKey, map[string]any{"key": m["key"], "new_key": "bad"}), 400, "auth_error", "must start with 'sk-'")
}

func TestKeyManagementRoles(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithUsers(proxytest.User{ID: "rec-user-7e24a41e", Key: "sk-test-rec-user"}))
	// A key without a user has no role: it may read its own info but not manage keys.
	keyless := genKey(t, srv, nil)
	mustOK(t, call(t, srv, "GET", "/key/info", keyless, nil))
	wantProxyError(t, call(t, srv, "POST", "/key/delete", keyless, map[string]any{"keys": []string{keyless}}), 401, "auth_error",
		"Route=/key/delete. Your role=unknown. Your user_id=unknown")
	// Admin routes name the caller's role and a masked user id.
	wantProxyError(t, call(t, srv, "POST", "/user/new", "sk-test-rec-user", map[string]any{}), 401, "auth_error",
		"Route=/user/new. Your role=internal_user. Your user_id=rec-us*********1e")
	// Blocking needs an admin (or team admin), even for one's own key.
	own := genKey(t, srv, map[string]any{"user_id": "rec-user-7e24a41e"})
	if got := detail(t, call(t, srv, "POST", "/key/block", "sk-test-rec-user", map[string]any{"key": own}), 403); !strings.Contains(fmt.Sprint(get(got, "error")),
		"Only proxy admins, team admins, or org admins can call /key/block. user_role=internal_user, user_id=rec-user-7e24a41e") {
		t.Errorf("block by its owner: %v", got)
	}
	// Deleting known and unknown keys deletes the known ones and echoes all.
	d := mustOK(t, call(t, srv, "POST", "/key/delete", srv.MasterKey, map[string]any{"keys": []string{own, "sk-test-not-a-key"}})).Map(t)
	if diff := cmp.Diff(map[string]any{"deleted_keys": []any{own, "sk-test-not-a-key"}}, d); diff != "" {
		t.Errorf("mixed delete (-want +got):\n%s", diff)
	}
}
