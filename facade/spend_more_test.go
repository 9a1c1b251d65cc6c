package facade

import (
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSpendService_GlobalTags(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/global/spend/tags", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testQuery(t, r, url.Values{"start_date": {"2026-12-01"}, "end_date": {"2026-12-03"}, "tags": {"prod,dev"}})
		writeJSON(w, 200, `{"spend_per_tag":[{"name":"prod","spend":0.0012,"log_count":4}]}`)
	})
	got, err := c.Spend.GlobalTags(t.Context(), &GlobalSpendTagsOptions{Start: "2026-12-01", End: "2026-12-03", Tags: []string{"prod", "dev"}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]GlobalSpendTag{{Name: "prod", Spend: 0.0012, LogCount: 4}}, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
}

func TestSpendService_Reset(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, response string
		status         int
		want           *SpendResetResponse
		wantErr        error
	}{
		{name: "master key", response: `{"message":"Spend for all API Keys and Teams reset successfully","status":"success"}`,
			want: &SpendResetResponse{Message: "Spend for all API Keys and Teams reset successfully", Status: "success"}},
		{name: "another key", status: 401,
			response: `{"error":{"message":"Authentication Error, Tried to access route=/global/spend/reset, which is only for MASTER KEY","type":"auth_error","param":"None","code":"401"}}`,
			wantErr:  ErrUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/global/spend/reset", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodPost)
				writeJSON(w, max(tt.status, http.StatusOK), tt.response)
			})
			got, err := c.Spend.Reset(t.Context())
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
		})
	}
}
