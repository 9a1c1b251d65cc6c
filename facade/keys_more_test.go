package facade

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestKeysService_ResetSpend(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/key/sk-test-one/reset_spend", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testJSONBody(t, r, `{"reset_to":1.5}`)
		writeJSON(w, http.StatusOK, `{"key_hash":"abc","spend":1.5,"previous_spend":4,"max_budget":10,"budget_reset_at":null}`)
	})
	mux.HandleFunc("/key/sk-test-two/reset_spend", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusBadRequest, `{"detail":{"error":"reset_to (9.0) must be <= current spend (0.0)"}}`)
	})
	got, err := c.Keys.ResetSpend(t.Context(), "sk-test-one", 1.5)
	if err != nil {
		t.Fatal(err)
	}
	ten := 10.0
	if diff := cmp.Diff(&KeyResetSpendResponse{KeyHash: "abc", Spend: 1.5, PreviousSpend: 4, MaxBudget: &ten}, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	_, err = c.Keys.ResetSpend(t.Context(), "sk-test-two", 9)
	if !errors.Is(err, ErrBadRequest) || strings.Contains(err.Error(), "sk-test-two") {
		t.Errorf("err = %v, want ErrBadRequest without the key", err)
	}

	c2, mux2, _ := setup(t)
	mux2.HandleFunc("/", svcNotCalled(t))
	if _, err := c2.Keys.ResetSpend(t.Context(), "", 0); err == nil {
		t.Error("empty key: no error")
	}
	if _, err := c2.Keys.ResetSpend(t.Context(), "sk-test-x", -1); err == nil {
		t.Error("negative reset_to: no error")
	}
}

func TestKeysService_BulkUpdate(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/key/bulk_update", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testJSONBody(t, r, `{"keys":[{"key":"sk-test-a","max_budget":0,"team_id":"t1"},{"key":"sk-test-b","budget_id":"b1"}]}`)
		writeJSON(w, http.StatusOK, `{"total_requested":2,"successful_updates":[{"key":"sk-test-a","key_info":{"max_budget":0}}],`+
			`"failed_updates":[{"key":"sk-test-b","key_info":null,"failed_reason":"Key not found."}]}`)
	})
	zero := 0.0
	got, err := c.Keys.BulkUpdate(t.Context(), []KeyBulkUpdateItem{{Key: "sk-test-a", MaxBudget: &zero, TeamID: "t1"}, {Key: "sk-test-b", BudgetID: "b1"}})
	if err != nil {
		t.Fatal(err)
	}
	want := &KeyBulkUpdateResponse{TotalRequested: 2,
		SuccessfulUpdates: []KeyBulkUpdateSuccess{{Key: "sk-test-a", KeyInfo: map[string]any{"max_budget": 0.0}}},
		FailedUpdates:     []KeyBulkUpdateFailure{{Key: "sk-test-b", FailedReason: "Key not found."}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}

	c2, mux2, _ := setup(t)
	mux2.HandleFunc("/", svcNotCalled(t))
	for _, items := range [][]KeyBulkUpdateItem{nil, {{MaxBudget: &zero}}} {
		if _, err := c2.Keys.BulkUpdate(t.Context(), items); err == nil {
			t.Errorf("BulkUpdate(%v): no error", items)
		}
	}
}

func TestKeysService_GenerateServiceAccount(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/key/service-account/generate", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testJSONBody(t, r, `{"key_alias":"svc","team_id":"t1"}`)
		writeJSON(w, http.StatusOK, `{"key":"sk-test-new","key_alias":"svc","team_id":"t1","user_id":null,"token":"abc"}`)
	})
	got, err := c.Keys.GenerateServiceAccount(t.Context(), &KeyGenerateRequest{KeyAlias: "svc", TeamID: "t1"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Key != "sk-test-new" || got.TeamID != "t1" || got.UserID != "" {
		t.Errorf("result = %+v", got)
	}
	for _, req := range []*KeyGenerateRequest{nil, {}, {TeamID: "t1", UserID: "u1"}} {
		if _, err := c.Keys.GenerateServiceAccount(t.Context(), req); err == nil {
			t.Errorf("GenerateServiceAccount(%+v): no error", req)
		}
	}
}

func TestKeysService_UpdateTeamKeys(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	var want string
	mux.HandleFunc("/team/key/bulk_update", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testJSONBody(t, r, want)
		writeJSON(w, http.StatusOK, `{"total_requested":1,"successful_updates":[{"key":"sk-test-a","key_info":{"max_budget":3}}],"failed_updates":[]}`)
	})
	three := 3.0
	want = `{"team_id":"t1","key_ids":["sk-test-a"],"update_fields":{"max_budget":3}}`
	got, err := c.Keys.UpdateTeamKeys(t.Context(), "t1", []string{"sk-test-a"}, &TeamKeyBulkUpdateFields{MaxBudget: &three})
	if err != nil {
		t.Fatal(err)
	}
	if got.TotalRequested != 1 || len(got.SuccessfulUpdates) != 1 || len(got.FailedUpdates) != 0 {
		t.Errorf("result = %+v", got)
	}
	want = `{"team_id":"t1","all_keys_in_team":true,"update_fields":{"metadata":{"env":"prod"}}}`
	if _, err := c.Keys.UpdateAllTeamKeys(t.Context(), "t1", &TeamKeyBulkUpdateFields{Metadata: map[string]any{"env": "prod"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Keys.UpdateTeamKeys(t.Context(), "t1", nil, &TeamKeyBulkUpdateFields{}); err == nil {
		t.Error("no keys: no error")
	}
	if _, err := c.Keys.UpdateAllTeamKeys(t.Context(), "", &TeamKeyBulkUpdateFields{}); err == nil {
		t.Error("no team: no error")
	}
	if _, err := c.Keys.UpdateAllTeamKeys(t.Context(), "t1", nil); err == nil {
		t.Error("nil fields: no error")
	}
}
