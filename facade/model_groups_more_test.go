package facade

import (
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestModelGroupsService_MakePublic(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	var want string
	mux.HandleFunc("/model_group/make_public", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testJSONBody(t, r, want)
		if want == `{"model_groups":["down"]}` {
			writeJSON(w, http.StatusInternalServerError, `{"detail":{"error":"Set `+"`'STORE_MODEL_IN_DB='True'`"+` in your env to enable this feature."}}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"message":"Successfully updated public model groups","public_model_groups":["gpt-4o"],"updated_by":"u1"}`)
	})
	want = `{"model_groups":["gpt-4o"]}`
	got, err := c.ModelGroups.MakePublic(t.Context(), []string{"gpt-4o"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&ModelGroupMakePublicResponse{Message: "Successfully updated public model groups", PublicModelGroups: []string{"gpt-4o"},
		UpdatedBy: "u1"}, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	want = `{"model_groups":[]}`
	if _, err := c.ModelGroups.MakePublic(t.Context(), []string{}); err != nil {
		t.Fatal(err)
	}
	want = `{"model_groups":["down"]}`
	if _, err := c.ModelGroups.MakePublic(t.Context(), []string{"down"}); !errors.Is(err, ErrServer) {
		t.Errorf("no model store: %v", err)
	}
	if _, err := c.ModelGroups.MakePublic(t.Context(), nil); err == nil {
		t.Error("nil groups: no error")
	}
}
