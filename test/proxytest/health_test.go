package proxytest_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHealth(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	live := mustOK(t, call(t, srv, "GET", "/health/liveliness", "", nil))
	if string(live.Body) != `"I'm alive!"` {
		t.Errorf("liveliness = %s", live.Body)
	}
	ready := mustOK(t, call(t, srv, "GET", "/health/readiness", "", nil)).Map(t)
	want := map[string]any{"status": "healthy", "db": "Not connected", "cache": nil, "litellm_version": "1.88.0",
		"success_callbacks": []any{}, "use_aiohttp_transport": true}
	if diff := cmp.Diff(want, ready); diff != "" {
		t.Errorf("readiness (-want +got):\n%s", diff)
	}

	ok := mustOK(t, call(t, srv, "POST", "/health/test_connection", srv.MasterKey, map[string]any{
		"mode": "chat", "litellm_params": map[string]any{"model": "openai/gpt-4o", "api_key": "sk-test-upstream"},
	})).Map(t)
	if ok["status"] != "success" || get(ok, "result", "model") != "openai/gpt-4o" || get(ok, "result", "api_key") != nil {
		t.Errorf("test_connection = %v", ok)
	}
	bad := mustOK(t, call(t, srv, "POST", "/health/test_connection", srv.MasterKey, map[string]any{
		"litellm_params": map[string]any{"model": "nowhere/model"},
	})).Map(t)
	if bad["status"] != "error" || get(bad, "result", "error") == nil {
		t.Errorf("test_connection to an unknown model = %v", bad)
	}
	wantProxyError(t, call(t, srv, "POST", "/health/test_connection", genKey(t, srv, nil), map[string]any{}), 401, "auth_error", "Only proxy admin")
}
