package proxytest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestOrganizationAuth holds the organization routes to the proxy's rules
// for callers who are not proxy admins (auth_checks_organization.py and
// _verify_org_access).
func TestOrganizationAuth(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mk := srv.MasterKey
	mustOK(t, call(t, srv, "POST", "/organization/new", mk, map[string]any{"organization_id": "acme", "organization_alias": "Acme"}))
	mustOK(t, call(t, srv, "POST", "/organization/new", mk, map[string]any{"organization_id": "globex", "organization_alias": "Globex"}))
	_, adminKey := newUser(t, srv, map[string]any{"user_id": "oa", "user_role": "internal_user"})
	_, userKey := newUser(t, srv, map[string]any{"user_id": "ou", "user_role": "internal_user"})
	_, outsiderKey := newUser(t, srv, map[string]any{"user_id": "outsider", "user_role": "internal_user"})
	mustOK(t, call(t, srv, "POST", "/organization/member_add", mk, map[string]any{"organization_id": "acme",
		"member": []any{map[string]any{"user_id": "oa", "role": "org_admin"}, map[string]any{"user_id": "ou", "role": "internal_user"}}}))
	noUserKey := genKey(t, srv, nil)

	tests := []struct {
		name, method, path, key string
		body                    any
		status                  int
		msg                     string // in the error message or detail
	}{
		{"non-admin creates", "POST", "/organization/new", userKey, map[string]any{"organization_alias": "x"},
			http.StatusUnauthorized, "Only proxy admins can create new organizations. You are internal_user"},
		{"key without user creates", "POST", "/organization/new", noUserKey, map[string]any{"organization_alias": "x"},
			http.StatusUnauthorized, "Only proxy admin can be used"},
		{"org admin reads", "GET", "/organization/info?organization_id=acme", adminKey, nil, http.StatusOK, ""},
		{"member reads", "GET", "/organization/info?organization_id=acme", userKey, nil,
			http.StatusUnauthorized, "You do not have the required role to perform /organization/info in Organization acme"},
		{"org admin of another org", "GET", "/organization/info?organization_id=globex", adminKey, nil,
			http.StatusUnauthorized, "You do not have a role within the selected organization"},
		{"outsider", "GET", "/organization/info?organization_id=acme", outsiderKey, nil,
			http.StatusUnauthorized, "you are not a member of any organization"},
		{"org admin updates", "PATCH", "/organization/update", adminKey, map[string]any{"organization_id": "acme", "organization_alias": "Acme 2"},
			http.StatusOK, ""},
		{"member updates", "PATCH", "/organization/update", userKey, map[string]any{"organization_id": "acme"},
			http.StatusForbidden, "You do not have access to this organization"},
		{"org admin deletes", "DELETE", "/organization/delete", adminKey, map[string]any{"organization_ids": []string{"acme"}},
			http.StatusUnauthorized, "Only proxy admins can delete organizations"},
		{"update without id", "PATCH", "/organization/update", mk, map[string]any{"organization_alias": "x"},
			http.StatusBadRequest, "organization_id is required"},
		{"negative budget", "POST", "/organization/new", mk, map[string]any{"organization_alias": "x", "max_budget": -1},
			http.StatusBadRequest, "max_budget must be a non-negative finite number"},
		{"member update to a proxy role", "PATCH", "/organization/member_update", mk,
			map[string]any{"organization_id": "acme", "user_id": "ou", "role": "proxy_admin"}, http.StatusUnprocessableEntity, "Invalid role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, srv, tt.method, tt.path, tt.key, tt.body)
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tt.status, r.Body)
			}
			if !strings.Contains(string(r.Body), tt.msg) {
				t.Errorf("body %s does not contain %q", r.Body, tt.msg)
			}
		})
	}

	// A member lists the organizations it is in; an outsider none.
	if got := get(call(t, srv, "GET", "/organization/list", userKey, nil).JSON(t), 0, "organization_id"); got != "acme" {
		t.Errorf("member's list: first organization %v, want acme", got)
	}
	if got := call(t, srv, "GET", "/organization/list", outsiderKey, nil).JSON(t).([]any); len(got) != 0 {
		t.Errorf("outsider's list: %v, want []", got)
	}
}

// TestOrganizationEnterpriseGate: LiteLLM 1.106.12 refuses the organization
// routes without an Enterprise license, with or without a database.
func TestOrganizationEnterpriseGate(t *testing.T) {
	t.Parallel()
	for _, opts := range [][]proxytest.Option{
		{proxytest.WithVersion(proxytest.Version1_106)},
		{proxytest.WithVersion(proxytest.Version1_106), proxytest.WithNoDatabase()},
	} {
		srv := newServer(t, opts...)
		r := call(t, srv, "GET", "/organization/list", srv.MasterKey, nil)
		if d, _ := get(detail(t, r, http.StatusForbidden), "error").(string); !strings.HasPrefix(d, "Organizations are only available for LiteLLM Enterprise users") {
			t.Errorf("detail %q", d)
		}
	}
}

// TestOrganizationDeleteCascades: deleting an organization deletes its
// teams and keys, as the proxy's delete_many calls do.
func TestOrganizationDeleteCascades(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mk := srv.MasterKey
	mustOK(t, call(t, srv, "POST", "/organization/new", mk, map[string]any{"organization_id": "acme", "organization_alias": "Acme"}))
	key := genKey(t, srv, map[string]any{"organization_id": "acme"})
	other := genKey(t, srv, nil)
	r := mustOK(t, call(t, srv, "DELETE", "/organization/delete", mk, map[string]any{"organization_ids": []string{"acme"}}))
	if got := get(r.JSON(t), 0, "organization_id"); got != "acme" {
		t.Fatalf("deleted %v, want acme", got)
	}
	if r := call(t, srv, "GET", "/key/info?key="+key, mk, nil); r.Status == http.StatusOK {
		t.Errorf("the organization's key survived: %s", r.Body)
	}
	mustOK(t, call(t, srv, "GET", "/key/info?key="+other, mk, nil))
}
