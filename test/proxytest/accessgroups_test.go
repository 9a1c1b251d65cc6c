package proxytest_test

import (
	"strings"
	"testing"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestModelAccessGroups: a group lives on database deployments only, and a
// key whose models list it may call the group's models (config-file
// deployments that carry it in model_info.access_groups too).
func TestModelAccessGroups(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithModels(
		proxytest.Model{Name: "gpt-4o", Params: map[string]any{"model": "openai/gpt-4o"}},
		proxytest.Model{Name: "cfg-eu", Params: map[string]any{"model": "openai/gpt-4o"}, Info: map[string]any{"access_groups": []any{"eu"}}},
	))
	mk := srv.MasterKey
	mustOK(t, call(t, srv, "POST", "/model/new", mk, map[string]any{"model_name": "db-eu",
		"litellm_params": map[string]any{"model": "openai/gpt-4o"}, "model_info": map[string]any{"id": "db-eu-1"}}))

	// A config-file model cannot join; the proxy says so after its name check.
	r := call(t, srv, "POST", "/access_group/new", mk, map[string]any{"access_group": "x", "model_names": []any{"gpt-4o"}})
	if r.Status != 400 || !strings.Contains(string(r.Body), "only supported for database models") {
		t.Errorf("config model: %d %s", r.Status, r.Body)
	}
	r = call(t, srv, "POST", "/access_group/new", mk, map[string]any{"access_group": "x", "model_ids": []any{"no-such-id"}})
	if r.Status != 400 || !strings.Contains(string(r.Body), "Deployment with model_id 'no-such-id' not found in Database.") {
		t.Errorf("unknown id: %d %s", r.Status, r.Body)
	}
	// The config file's group is not listed: the list reads database deployments.
	if m := mustOK(t, call(t, srv, "GET", "/access_group/list", mk, nil)).Map(t); len(m["access_groups"].([]any)) != 0 {
		t.Errorf("list before create: %v", m)
	}
	mustOK(t, call(t, srv, "POST", "/access_group/new", mk, map[string]any{"access_group": "eu", "model_names": []any{"db-eu"}}))
	info := mustOK(t, call(t, srv, "GET", "/access_group/eu/info", mk, nil)).Map(t)
	if info["deployment_count"] != 1.0 || len(info["model_names"].([]any)) != 1 {
		t.Errorf("info: %v", info)
	}
	// /model/info shows the group in model_info.access_groups.
	if mi := mustOK(t, call(t, srv, "GET", "/model/info?litellm_model_id=db-eu-1", mk, nil)); !strings.Contains(string(mi.Body), `"access_groups":["eu"]`) {
		t.Errorf("model info: %s", mi.Body)
	}

	key := mustOK(t, call(t, srv, "POST", "/key/generate", mk, map[string]any{"models": []any{"eu"}})).Map(t)["key"].(string)
	for _, model := range []string{"db-eu", "cfg-eu"} {
		mustOK(t, call(t, srv, "POST", "/chat/completions", key, chatBody(model, "hi")))
	}
	if r := call(t, srv, "POST", "/chat/completions", key, chatBody("gpt-4o", "hi")); r.Status != 403 {
		t.Errorf("model outside the group: %d %s", r.Status, r.Body)
	}
	// An admin route: the key's user has no role.
	if r := call(t, srv, "GET", "/access_group/list", key, nil); r.Status != 401 || !strings.Contains(string(r.Body), "Route=/access_group/list") {
		t.Errorf("virtual key: %d %s", r.Status, r.Body)
	}
	mustOK(t, call(t, srv, "DELETE", "/access_group/eu/delete", mk, nil))
	if r := call(t, srv, "POST", "/chat/completions", key, chatBody("db-eu", "hi")); r.Status != 403 {
		t.Errorf("after delete: %d %s", r.Status, r.Body)
	}
	// The config file's deployment still carries the group.
	mustOK(t, call(t, srv, "POST", "/chat/completions", key, chatBody("cfg-eu", "hi")))
}

// TestModelAccessGroupsVersions: 1.88 tags the models before a missing one,
// 1.106 checks every name first; 1.106 adds spend and budget to the group.
func TestModelAccessGroupsVersions(t *testing.T) {
	t.Parallel()
	for _, v := range proxytest.Versions {
		srv := newServer(t, proxytest.WithVersion(v))
		mk := srv.MasterKey
		mustOK(t, call(t, srv, "POST", "/model/new", mk, map[string]any{"model_name": "db-a", "litellm_params": map[string]any{"model": "openai/gpt-4o"}}))
		r := call(t, srv, "POST", "/access_group/new", mk, map[string]any{"access_group": "g", "model_names": []any{"db-a", "gpt-4o"}})
		if r.Status != 400 {
			t.Fatalf("%s: %d %s", v, r.Status, r.Body)
		}
		list := mustOK(t, call(t, srv, "GET", "/access_group/list", mk, nil)).Map(t)["access_groups"].([]any)
		switch {
		case v == proxytest.Version1_88 && len(list) != 1:
			t.Errorf("1.88 keeps the tag of db-a: %v", list)
		case v == proxytest.Version1_106 && len(list) != 0:
			t.Errorf("1.106 tags nothing: %v", list)
		}
		mustOK(t, call(t, srv, "POST", "/access_group/new", mk, map[string]any{"access_group": "h", "model_names": []any{"db-a"}}))
		info := mustOK(t, call(t, srv, "GET", "/access_group/h/info", mk, nil)).Map(t)
		if _, ok := info["spend"]; ok != (v == proxytest.Version1_106) {
			t.Errorf("%s: info %v", v, info)
		}
	}
}

// TestAccessGroupsNoDB: the no-database answers of both versions.
func TestAccessGroupsNoDB(t *testing.T) {
	t.Parallel()
	for _, v := range proxytest.Versions {
		srv := newServer(t, proxytest.WithNoDatabase(), proxytest.WithVersion(v))
		mk := srv.MasterKey
		for _, tc := range []struct {
			method, path string
			body         any
			status       int
			want         string
		}{
			{"GET", "/access_group/list", nil, 500, `{"detail":{"error":"Database not connected."}}`},
			{"PUT", "/access_group/g/update", map[string]any{}, 500, `{"detail":{"error":"Database not connected."}}`},
			{"DELETE", "/access_group/g/delete", nil, 500, `{"detail":{"error":"Database not connected."}}`},
			// The body checks come first.
			{"POST", "/access_group/new", map[string]any{"access_group": "g"}, 400, "Either model_names or model_ids must be provided and non-empty"},
			{"POST", "/access_group/new", map[string]any{"access_group": "g", "model_names": []any{"nope"}}, 400, "Model(s) not found: nope"},
			{"POST", "/access_group/new", map[string]any{"access_group": "g", "model_ids": []any{"x"}}, 500, "Database not connected. Cannot create access group."},
			{"GET", "/v1/access_group", nil, 500, `{"detail":{"error":"DB not connected. `},
			{"DELETE", "/v1/unified_access_group/x", nil, 500, `{"detail":{"error":"DB not connected. `},
		} {
			r := call(t, srv, tc.method, tc.path, mk, tc.body)
			if r.Status != tc.status || !strings.Contains(string(r.Body), tc.want) {
				t.Errorf("%s %s %s: %d %s, want %d %s", v, tc.method, tc.path, r.Status, r.Body, tc.status, tc.want)
			}
		}
		r := call(t, srv, "GET", "/v1/access_group", mk, nil)
		if long := strings.Contains(string(r.Body), "set DATABASE_URL"); long != (v == proxytest.Version1_106) {
			t.Errorf("%s: %s", v, r.Body)
		}
	}
}

// TestUnifiedAccessGroups: create (201), list newest first, update, delete (204).
func TestUnifiedAccessGroups(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mk := srv.MasterKey
	r := call(t, srv, "POST", "/v1/access_group", mk, map[string]any{"access_group_name": "a", "assigned_team_ids": []any{"t1"}})
	if r.Status != 201 {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	id := r.Map(t)["access_group_id"].(string)
	if r := call(t, srv, "POST", "/v1/unified_access_group", mk, map[string]any{"access_group_name": "a"}); r.Status != 409 || string(r.Body) != `{"detail":"Access group 'a' already exists"}` {
		t.Errorf("duplicate: %d %s", r.Status, r.Body)
	}
	r = call(t, srv, "POST", "/v1/unified_access_group", mk, map[string]any{"access_group_name": "b"})
	id2 := r.Map(t)["access_group_id"].(string)
	list := mustOK(t, call(t, srv, "GET", "/v1/access_group", mk, nil)).JSON(t).([]any)
	if len(list) != 2 || list[0].(map[string]any)["access_group_id"] != id2 {
		t.Errorf("list: %v", list)
	}
	if r := call(t, srv, "PUT", "/v1/access_group/"+id, mk, map[string]any{"access_group_name": "b"}); r.Status != 409 {
		t.Errorf("rename to a name in use: %d %s", r.Status, r.Body)
	}
	g := mustOK(t, call(t, srv, "PUT", "/v1/access_group/"+id, mk, map[string]any{"assigned_team_ids": nil, "description": "d"})).Map(t)
	if len(g["assigned_team_ids"].([]any)) != 0 || g["description"] != "d" {
		t.Errorf("update: %v", g)
	}
	r = call(t, srv, "DELETE", "/v1/unified_access_group/"+id, mk, nil)
	if r.Status != 204 || len(r.Body) != 0 {
		t.Errorf("delete: %d %q", r.Status, r.Body)
	}
	if r := call(t, srv, "GET", "/v1/access_group/"+id, mk, nil); r.Status != 404 || string(r.Body) != `{"detail":"Access group '`+id+`' not found"}` {
		t.Errorf("get deleted: %d %s", r.Status, r.Body)
	}
}
