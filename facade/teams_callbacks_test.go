package facade

import (
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTeamsService_Callbacks(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/team/t%2F1/callback", func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			writeJSON(w, http.StatusOK, `{"status":"success","data":{"team_id":"t/1","success_callbacks":["langfuse"],"failure_callbacks":[],"callback_vars":{"langfuse_host":"h"}}}`)
		case http.MethodPost:
			testJSONBody(t, r, `{"callback_name":"langfuse","callback_type":"failure","callback_vars":{"langfuse_public_key":"pk"}}`)
			writeJSON(w, http.StatusOK, `{"status":"success","data":{"team_id":"t/1","metadata":{"logging":[]}}}`)
		}
	})
	mux.HandleFunc("/team/t%2F1/disable_logging", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		writeJSON(w, http.StatusOK, `{"status":"success","message":"Logging disabled for team t/1","data":{"team_id":"t/1","success_callbacks":[],"failure_callbacks":[]}}`)
	})
	mux.HandleFunc("/team/gone/callback", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, `{"detail":{"error":"Team id = gone does not exist."}}`)
	})
	got, err := c.Teams.Callbacks(t.Context(), "t/1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&TeamCallbacks{TeamID: "t/1", SuccessCallbacks: []string{"langfuse"}, FailureCallbacks: []string{},
		CallbackVars: map[string]string{"langfuse_host": "h"}}, got); diff != "" {
		t.Errorf("callbacks (-want +got):\n%s", diff)
	}
	tm, err := c.Teams.AddCallback(t.Context(), "t/1", &TeamCallbackAddRequest{CallbackName: "langfuse", CallbackType: TeamCallbackFailure,
		CallbackVars: map[string]string{"langfuse_public_key": "pk"}})
	if err != nil || tm.TeamID != "t/1" {
		t.Fatalf("add = %+v, %v", tm, err)
	}
	d, err := c.Teams.DisableLogging(t.Context(), "t/1")
	if err != nil || d.TeamID != "t/1" || d.SuccessCallbacks == nil {
		t.Fatalf("disable = %+v, %v", d, err)
	}
	if _, err := c.Teams.Callbacks(t.Context(), "gone"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing team: %v", err)
	}

	c2, mux2, _ := setup(t)
	mux2.HandleFunc("/", svcNotCalled(t))
	if _, err := c2.Teams.Callbacks(t.Context(), ""); err == nil {
		t.Error("Callbacks without a team: no error")
	}
	if _, err := c2.Teams.AddCallback(t.Context(), "t1", &TeamCallbackAddRequest{}); err == nil {
		t.Error("AddCallback without a name: no error")
	}
	if _, err := c2.Teams.AddCallback(t.Context(), "t1", nil); err == nil {
		t.Error("AddCallback(nil): no error")
	}
	if _, err := c2.Teams.DisableLogging(t.Context(), ""); err == nil {
		t.Error("DisableLogging without a team: no error")
	}
}
