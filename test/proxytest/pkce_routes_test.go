package proxytest_test

import (
	"net/http"
	"testing"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestPKCERoutesVersionGated checks that the login --pkce routes of the
// spec are served by a 1.106 emulator only: 1.88 answers 404 as the real
// 1.88 does.
func TestPKCERoutesVersionGated(t *testing.T) {
	t.Parallel()
	routes := []struct{ method, path string }{
		{http.MethodGet, "/.well-known/litellm-cli-auth"},
		{http.MethodPost, "/register"},
		{http.MethodGet, "/authorize"},
		{http.MethodPost, "/authorize/complete"},
		{http.MethodPost, "/token"},
		{http.MethodPost, "/revoke"},
	}
	old := newServer(t, proxytest.WithVersion(proxytest.Version1_88))
	for _, r := range routes {
		t.Run("1.88 "+r.method+" "+r.path, func(t *testing.T) {
			var body any
			if r.method == http.MethodPost {
				body = map[string]any{}
			}
			if got := call(t, old, r.method, r.path, "", body); got.Status != http.StatusNotFound {
				t.Errorf("status = %d, want 404: %s", got.Status, got.Body)
			}
		})
	}
	srv := newServer(t, proxytest.WithVersion(proxytest.Version1_106))
	if got := call(t, srv, http.MethodGet, "/.well-known/litellm-cli-auth", "", nil); got.Status != http.StatusOK {
		t.Errorf("1.106 discovery: status = %d, want 200: %s", got.Status, got.Body)
	}
}
