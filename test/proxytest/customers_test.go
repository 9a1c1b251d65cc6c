package proxytest_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestCustomerQuirks holds the emulator to the real proxy's customer
// behaviour that the recorded corpus does not show in full.
func TestCustomerQuirks(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mk := srv.MasterKey
	mustOK(t, call(t, srv, "POST", "/customer/new", mk, map[string]any{"user_id": "c1", "max_budget": 3}))

	// blocked: false equals a default, which /customer/update skips: it does not unblock.
	mustOK(t, call(t, srv, "POST", "/customer/block", mk, map[string]any{"user_ids": []string{"c1"}}))
	r := mustOK(t, call(t, srv, "POST", "/customer/update", mk, map[string]any{"user_id": "c1", "blocked": false, "alias": "A"}))
	if m := r.Map(t); m["blocked"] != true || m["alias"] != "A" {
		t.Errorf("after update: blocked %v alias %v, want true and A", m["blocked"], m["alias"])
	}
	// max_budget updates the customer's own budget row.
	r = mustOK(t, call(t, srv, "POST", "/customer/update", mk, map[string]any{"user_id": "c1", "max_budget": 7}))
	if got := get(r.JSON(t), "litellm_budget_table", "max_budget"); got != 7.0 {
		t.Errorf("budget max_budget = %v, want 7", got)
	}
	// default_model must be a model of the proxy.
	r = call(t, srv, "POST", "/customer/new", mk, map[string]any{"user_id": "c2", "default_model": "nope"})
	if d, _ := get(detail(t, r, http.StatusUnprocessableEntity), "error").(string); !strings.HasPrefix(d, "Default Model not on proxy.") {
		t.Errorf("detail %q", d)
	}
	// One unknown id fails the whole delete.
	wantProxyError(t, call(t, srv, "POST", "/customer/delete", mk, map[string]any{"user_ids": []string{"c1", "zz"}}),
		http.StatusNotFound, "not_found", "End User Id(s)=zz do not exist in db")
	mustOK(t, call(t, srv, "GET", "/customer/info?end_user_id=c1", mk, nil))
	// A chat naming a customer reports its region.
	mustOK(t, call(t, srv, "POST", "/customer/update", mk, map[string]any{"user_id": "c1", "allowed_model_region": "eu"}))
	chat := map[string]any{"model": "gpt-4o", "user": "c1", "messages": []any{map[string]any{"role": "user", "content": "hi"}}}
	if r := mustOK(t, call(t, srv, "POST", "/chat/completions", mk, chat)); r.Header.Get("x-litellm-model-region") != "eu" {
		t.Errorf("x-litellm-model-region = %q, want eu", r.Header.Get("x-litellm-model-region"))
	}
}
