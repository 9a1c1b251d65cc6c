package proxytest_test

import (
	"net/http"
	"testing"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestTagQuirks holds the emulator to the real proxy's tag endpoints
// (tag_management_endpoints.py of 1.88.0), which re-raise their own 400
// and 404 as HTTP 500.
func TestTagQuirks(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mk := srv.MasterKey
	r := mustOK(t, call(t, srv, "POST", "/tag/new", mk, map[string]any{"name": "t1", "description": "d", "max_budget": 3, "budget_duration": "1d"}))
	if get(r.JSON(t), "message") != "Tag t1 created successfully" || get(r.JSON(t), "tag", "created_by") != "default_user_id" {
		t.Errorf("new: %s", r.Body)
	}
	if d := detail(t, call(t, srv, "POST", "/tag/new", mk, map[string]any{"name": "t1"}), http.StatusInternalServerError); d != "400: Tag t1 already exists" {
		t.Errorf("duplicate: detail %v", d)
	}
	mustOK(t, call(t, srv, "POST", "/tag/new", mk, map[string]any{"name": "t2"}))
	// Update replaces description and models; the budget fields change the tag's budget.
	r = mustOK(t, call(t, srv, "POST", "/tag/update", mk, map[string]any{"name": "t1", "max_budget": 6}))
	if get(r.JSON(t), "tag", "description") != nil {
		t.Errorf("update kept the description: %s", r.Body)
	}
	r = mustOK(t, call(t, srv, "POST", "/tag/info", mk, map[string]any{"names": []string{"t1"}}))
	if got := get(r.JSON(t), "t1", "litellm_budget_table", "max_budget"); got != 6.0 {
		t.Errorf("info: max_budget %v, want 6", got)
	}
	if d := detail(t, call(t, srv, "POST", "/tag/info", mk, map[string]any{"names": []string{"t1", "zz"}}), http.StatusInternalServerError); d != "404: Tags not found: ['zz']" {
		t.Errorf("info unknown: detail %v", d)
	}
	// The list is in row order: the updated t1 comes after t2.
	r = mustOK(t, call(t, srv, "GET", "/tag/list", mk, nil))
	if l, _ := r.JSON(t).([]any); len(l) != 2 || get(l[0], "name") != "t2" || get(l[1], "name") != "t1" {
		t.Errorf("list: %s", r.Body)
	}
	if d := detail(t, call(t, srv, "GET", "/tag/list?start_date=2026-01-01", mk, nil), http.StatusBadRequest); d != "start_date and end_date must be provided together" {
		t.Errorf("list one date: detail %v", d)
	}
	// A config model is not in the database: tagging its deployment fails, the tag stays.
	if d := detail(t, call(t, srv, "POST", "/tag/new", mk, map[string]any{"name": "t3", "models": []string{"gpt-4o"}}), http.StatusInternalServerError); d == nil {
		t.Error("tag of a config model: no error")
	}
	mustOK(t, call(t, srv, "POST", "/tag/info", mk, map[string]any{"names": []string{"t3"}}))
	mustOK(t, call(t, srv, "POST", "/tag/delete", mk, map[string]any{"name": "t1"}))
	if d := detail(t, call(t, srv, "POST", "/tag/delete", mk, map[string]any{"name": "t1"}), http.StatusInternalServerError); d != "404: Tag t1 not found" {
		t.Errorf("delete unknown: detail %v", d)
	}
}

// TestTagListInternalUser: LiteLLM 1.88.0 fails /tag/list for internal
// users; 1.106.12 scopes it to the tags their keys produced (none here).
func TestTagListInternalUser(t *testing.T) {
	t.Parallel()
	for _, v := range proxytest.Versions {
		srv := newServer(t, proxytest.WithVersion(v))
		mustOK(t, call(t, srv, "POST", "/user/new", srv.MasterKey, map[string]any{"user_id": "u1", "user_role": "internal_user"}))
		key := genKey(t, srv, map[string]any{"user_id": "u1"})
		r := call(t, srv, "GET", "/tag/list", key, nil)
		if v == proxytest.Version1_88 {
			detail(t, r, http.StatusInternalServerError)
			continue
		}
		if l, _ := mustOK(t, r).JSON(t).([]any); l == nil || len(l) != 0 {
			t.Errorf("%s: list %s, want []", v, r.Body)
		}
	}
}
