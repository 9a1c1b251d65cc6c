package proxytest_test

import (
	"net/http"
	"testing"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestMCPServers holds the emulator to the real proxy's MCP server routes
// beyond what the recorded corpus shows: admin-only writes, the sanitized
// views of other callers, credentials never answered, the 202s.
func TestMCPServers(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}))
	mk, alice := srv.MasterKey, "sk-test-alice"
	body := map[string]any{"server_id": "s1", "server_name": "docs", "url": "http://127.0.0.1:9/mcp?token=secret",
		"transport": "http", "auth_type": "bearer_token", "credentials": map[string]any{"auth_value": "upstream-secret"},
		"static_headers": map[string]any{"X-Api-Key": "h-secret"}, "mcp_access_groups": []any{"g2", "g1"}}
	r := call(t, srv, "POST", "/v1/mcp/server", mk, body)
	if r.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	if m := r.Map(t); m["credentials"] != nil || m["alias"] != "docs" || m["created_by"] != "default_user_id" {
		t.Errorf("create answered credentials %v alias %v created_by %v", m["credentials"], m["alias"], m["created_by"])
	}
	// Only a proxy admin writes; the check comes from the endpoint (403 detail), not the route.
	if d := get(detail(t, call(t, srv, "POST", "/v1/mcp/server", alice, map[string]any{"server_name": "x"}), http.StatusForbidden), "error"); d == nil {
		t.Error("non-admin create: no detail error")
	}
	detail(t, call(t, srv, "PUT", "/v1/mcp/server", alice, map[string]any{"server_id": "s1"}), http.StatusForbidden)
	detail(t, call(t, srv, "DELETE", "/v1/mcp/server/s1", alice, nil), http.StatusForbidden)
	detail(t, call(t, srv, "POST", "/v1/mcp/server", mk, map[string]any{"server_name": "has-dash"}), http.StatusBadRequest)
	detail(t, call(t, srv, "POST", "/v1/mcp/server", mk, body), http.StatusBadRequest)

	// A non-admin neither sees a server not open to every key, nor, once it is, its URL and headers.
	if l := mustOK(t, call(t, srv, "GET", "/v1/mcp/server", alice, nil)).JSON(t).([]any); len(l) != 0 {
		t.Errorf("non-admin list: %v", l)
	}
	detail(t, call(t, srv, "GET", "/v1/mcp/server/s1", alice, nil), http.StatusForbidden)
	r = call(t, srv, "PUT", "/v1/mcp/server", mk, map[string]any{"server_id": "s1", "allow_all_keys": true, "description": "d"})
	if m := r.Map(t); r.Status != http.StatusAccepted || m["description"] != "d" || m["url"] == nil {
		t.Fatalf("update: %d %s", r.Status, r.Body)
	}
	if m := mustOK(t, call(t, srv, "GET", "/v1/mcp/server/s1", alice, nil)).Map(t); m["url"] != nil || m["static_headers"] != nil || m["credentials"] != nil {
		t.Errorf("non-admin get shows url %v static_headers %v credentials %v", m["url"], m["static_headers"], m["credentials"])
	}
	if g := get(mustOK(t, call(t, srv, "GET", "/v1/mcp/access_groups", alice, nil)).JSON(t), "access_groups"); len(g.([]any)) != 2 || g.([]any)[0] != "g1" {
		t.Errorf("access groups %v, want sorted [g1 g2]", g)
	}
	if h := mustOK(t, call(t, srv, "GET", "/v1/mcp/server/health?server_ids=s1&server_ids=nope", mk, nil)).JSON(t).([]any); len(h) != 1 {
		t.Errorf("health %v, want s1 only", h)
	}

	r = call(t, srv, "DELETE", "/v1/mcp/server/s1", mk, nil)
	if r.Status != http.StatusAccepted || len(r.Body) != 0 || r.Header.Get("Content-Type") != "" {
		t.Errorf("delete: %d %q content type %q, want 202, empty, none", r.Status, r.Body, r.Header.Get("Content-Type"))
	}
	detail(t, call(t, srv, "DELETE", "/v1/mcp/server/s1", mk, nil), http.StatusNotFound)
	detail(t, call(t, srv, "GET", "/v1/mcp/server/s1", mk, nil), http.StatusNotFound)
}

// TestMCPServersNoDB: without a database the config's servers (none) are
// listed; writes and get fail with the detail envelope; 422s come first.
func TestMCPServersNoDB(t *testing.T) {
	t.Parallel()
	for _, v := range proxytest.Versions {
		srv := newServer(t, proxytest.WithNoDatabase(), proxytest.WithVersion(v))
		mk := srv.MasterKey
		if l := mustOK(t, call(t, srv, "GET", "/v1/mcp/server", mk, nil)).JSON(t).([]any); len(l) != 0 {
			t.Errorf("%s: list %v", v, l)
		}
		mustOK(t, call(t, srv, "GET", "/v1/mcp/tools", mk, nil))
		for _, c := range []struct{ method, path string }{{"POST", "/v1/mcp/server"}, {"PUT", "/v1/mcp/server"},
			{"GET", "/v1/mcp/server/s1"}, {"DELETE", "/v1/mcp/server/s1"}} {
			detail(t, call(t, srv, c.method, c.path, mk, map[string]any{"server_id": "s1"}), http.StatusInternalServerError)
		}
		r := call(t, srv, "PUT", "/v1/mcp/server", mk, map[string]any{"description": "x"})
		items, _ := get(r.JSON(t), "detail").([]any)
		if r.Status != http.StatusUnprocessableEntity || len(items) != 1 {
			t.Fatalf("%s: update without server_id: %d %s", v, r.Status, r.Body)
		}
		_, hasInput := items[0].(map[string]any)["input"]
		if hasInput != (v == proxytest.Version1_88) {
			t.Errorf("%s: 422 item has input = %v (1.106.12 keeps only type, loc and msg)", v, hasInput)
		}
	}
}
