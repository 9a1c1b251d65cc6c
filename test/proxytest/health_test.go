package proxytest_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestHealth(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	live := mustOK(t, call(t, srv, "GET", "/health/liveliness", "", nil))
	if string(live.Body) != `"I'm alive!"` {
		t.Errorf("liveliness = %s", live.Body)
	}
	// Since 1.88 the public readiness has only status and db.
	ready := mustOK(t, call(t, srv, "GET", "/health/readiness", "", nil)).Map(t)
	if diff := cmp.Diff(map[string]any{"status": "healthy", "db": "connected"}, ready); diff != "" {
		t.Errorf("readiness (-want +got):\n%s", diff)
	}
	// The rest, with the version, is for proxy admins.
	wantProxyError(t, call(t, srv, "GET", "/health/readiness/details", "", nil), 401, "auth_error", "No api key passed in.")
	wantProxyError(t, call(t, srv, "GET", "/health/readiness/details", genKey(t, srv, nil), nil), 401, "auth_error", "Only proxy admin")
	details := mustOK(t, call(t, srv, "GET", "/health/readiness/details", srv.MasterKey, nil)).Map(t)
	if details["litellm_version"] != "1.88.0" || details["db"] != "connected" || details["cache"] != nil || details["log_level"] != "WARNING" {
		t.Errorf("details = %v", details)
	}
	if cbs, _ := details["success_callbacks"].([]any); len(cbs) == 0 {
		t.Errorf("details success_callbacks = %v", details["success_callbacks"])
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

func TestHealthVersionsAndNoDB(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		opts        []proxytest.Option
		db, version string
		extra       string // a member only that version has
	}{
		{"1.88 with a database", nil, "connected", "1.88.0", ""},
		{"1.88 without a database", []proxytest.Option{proxytest.WithNoDatabase()}, "Not connected", "1.88.0", ""},
		{"1.106", []proxytest.Option{proxytest.WithVersion(proxytest.Version1_106), proxytest.WithNoDatabase()}, "Not connected", "1.106.12", "show_no_redis_warning"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, tt.opts...)
			ready := mustOK(t, call(t, srv, "GET", "/health/readiness", "", nil)).Map(t)
			if diff := cmp.Diff(map[string]any{"status": "healthy", "db": tt.db}, ready); diff != "" {
				t.Errorf("readiness (-want +got):\n%s", diff)
			}
			d := mustOK(t, call(t, srv, "GET", "/health/readiness/details", srv.MasterKey, nil)).Map(t)
			if d["litellm_version"] != tt.version || d["db"] != tt.db {
				t.Errorf("details = %v", d)
			}
			if _, ok := d[tt.extra]; tt.extra != "" && !ok {
				t.Errorf("details lack %s: %v", tt.extra, d)
			}
		})
	}
}
