package proxytest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestNoDatabase checks the no-database mode: what works, the auth errors,
// and a sample of the routes' own no-database answers (all of them are held
// to the real proxy by test/differential).
func TestNoDatabase(t *testing.T) {
	t.Parallel()
	type envelope int
	const (
		proxyEnv  envelope = iota // {"error": {...}}
		detailEnv                 // {"detail": {"error": ...}}
		bareEnv                   // the error object itself, with HTTP 200
	)
	tests := []struct {
		name, method, path string
		key                string // "master", "bad" or ""
		body               any
		version            string
		status             int
		env                envelope
		typ, msg           string
	}{
		{"chat works", "POST", "/chat/completions", "master", chatBody("gpt-4o", "hi"), "", 200, 0, "", ""},
		{"models work", "GET", "/v1/models", "master", nil, "", 200, 0, "", ""},
		{"credentials list works", "GET", "/credentials", "master", nil, "", 200, 0, "", ""},
		{"no key", "GET", "/models", "", nil, "", 401, proxyEnv, "auth_error", "No api key passed in."},
		{"a key that is not the master key", "GET", "/models", "bad", nil, "", 400, proxyEnv, "no_db_connection", "No connected db."},
		{"key generate", "POST", "/key/generate", "master", map[string]any{}, "", 500, proxyEnv, "internal_server_error", "DB not connected"},
		{"key list", "GET", "/key/list", "master", nil, "", 500, proxyEnv, "internal_server_error", "Authentication Error, Database not connected"},
		{"user new is a 400", "POST", "/user/new", "master", map[string]any{}, "", 400, proxyEnv, "internal_server_error", "DB not connected"},
		{"user list", "GET", "/user/list", "master", nil, "", 500, detailEnv, "", "No db connected. prisma client=None"},
		{"team list is a 400", "GET", "/team/list", "master", nil, "", 400, detailEnv, "", "DB not connected"},
		{"model new", "POST", "/model/new", "master", map[string]any{"model_name": "m", "litellm_params": map[string]any{"model": "openai/m"}}, "", 500, proxyEnv, "auth_error", "No DB Connected"},
		{"credential get", "GET", "/credentials/by_name/c1", "master", nil, "", 404, proxyEnv, "internal_server_error", "Credential not found. Got credential name: c1"},
		{"credential delete answers 200", "DELETE", "/credentials/c1", "master", nil, "", 200, bareEnv, "internal_server_error", "DB not connected"},
		{"1.106: credential delete is a 500", "DELETE", "/credentials/c1", "master", nil, proxytest.Version1_106, 500, proxyEnv, "internal_server_error", "This endpoint needs a database"},
		{"body validation comes first", "POST", "/user/delete", "master", map[string]any{}, "", 422, 0, "", ""},
	}
	servers := map[string]*proxytest.Server{
		"":                     newServer(t, proxytest.WithNoDatabase()),
		proxytest.Version1_106: newServer(t, proxytest.WithNoDatabase(), proxytest.WithVersion(proxytest.Version1_106)),
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := servers[tt.version]
			key := map[string]string{"master": srv.MasterKey, "bad": "sk-not-the-master-key"}[tt.key]
			r := call(t, srv, tt.method, tt.path, key, tt.body)
			switch {
			case tt.status == 422:
				if _, ok := detail(t, r, 422).([]any); !ok {
					t.Errorf("not a validation error: %s", r.Body)
				}
			case tt.typ == "" && tt.msg == "":
				mustOK(t, r)
			case tt.env == proxyEnv:
				wantProxyError(t, r, tt.status, tt.typ, tt.msg)
			case tt.env == detailEnv:
				if d, _ := get(detail(t, r, tt.status), "error").(string); !strings.Contains(d, tt.msg) {
					t.Errorf("detail.error = %q, want %q", d, tt.msg)
				}
			case tt.env == bareEnv:
				m := mustOK(t, r).Map(t)
				if m["type"] != tt.typ || m["code"] != "500" || !strings.Contains(fmt.Sprint(m["message"]), tt.msg) {
					t.Errorf("body = %v", m)
				}
			}
		})
	}
	// Readiness says so.
	if got := mustOK(t, call(t, servers[""], "GET", "/health/readiness", "", nil)).Map(t)["db"]; got != "Not connected" {
		t.Errorf("readiness db = %v", got)
	}
}
