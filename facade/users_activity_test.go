package facade

import (
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUsersService_DailyActivity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		ao       *UserActivityOptions
		query    url.Values
		status   int
		response string
		want     *SpendAnalytics
		wantErr  error
	}{
		{name: "one user", ao: &UserActivityOptions{Start: "2026-01-01", End: "2026-01-31", UserID: "u1", Page: 2, Size: 10, Timezone: 480},
			query: url.Values{"start_date": {"2026-01-01"}, "end_date": {"2026-01-31"}, "user_id": {"u1"}, "page": {"2"},
				"page_size": {"10"}, "timezone": {"480"}},
			response: `{"results":[{"date":"2026-01-02","metrics":{"spend":0.5,"api_requests":2}}],"metadata":{"total_spend":0.5,"page":2,"total_pages":2}}`,
			want: &SpendAnalytics{Results: []DailySpend{{Date: "2026-01-02", Metrics: SpendMetrics{Spend: 0.5, APIRequests: 2}}},
				Metadata: DailySpendTotals{TotalSpend: 0.5, Page: 2, TotalPages: 2}}},
		{name: "another user's, as a non-admin", ao: &UserActivityOptions{Start: "2026-01-01", End: "2026-01-31", UserID: "u2"},
			query:  url.Values{"start_date": {"2026-01-01"}, "end_date": {"2026-01-31"}, "user_id": {"u2"}},
			status: http.StatusForbidden, response: `{"detail":{"error":"Non-admin users can only view their own spend data."}}`,
			wantErr: ErrForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/user/daily/activity", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodGet)
				testQuery(t, r, tt.query)
				writeJSON(w, max(tt.status, http.StatusOK), tt.response)
			})
			got, err := c.Users.DailyActivity(t.Context(), tt.ao)
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
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	for _, ao := range []*UserActivityOptions{nil, {Start: "2026-01-01"}, {End: "2026-01-01"}} {
		if _, err := c.Users.DailyActivity(t.Context(), ao); err == nil {
			t.Errorf("DailyActivity(%+v): no error", ao)
		}
	}
}
