package facade

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUsersService_BulkUpdate(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	var want string
	mux.HandleFunc("/user/bulk_update", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testJSONBody(t, r, want)
		writeJSON(w, http.StatusOK, `{"results":[{"user_id":"u1","user_email":null,"success":true,"error":null,"updated_user":{"user_id":"u1"}},`+
			`{"user_id":null,"user_email":"x@example.com","success":false,"error":"boom","updated_user":null}],`+
			`"total_requested":2,"successful_updates":1,"failed_updates":1}`)
	})
	five := 5.0
	want = `{"users":[{"user_id":"u1","max_budget":5},{"user_email":"x@example.com","user_alias":"X"}]}`
	got, err := c.Users.BulkUpdate(t.Context(), []UserUpdateRequest{{UserID: "u1", MaxBudget: &five}, {UserEmail: "x@example.com", UserAlias: "X"}})
	if err != nil {
		t.Fatal(err)
	}
	wantRes := &UserBulkUpdateResponse{TotalRequested: 2, SuccessfulUpdates: 1, FailedUpdates: 1, Results: []UserBulkUpdateResult{
		{UserID: "u1", Success: true, UpdatedUser: map[string]any{"user_id": "u1"}},
		{UserEmail: "x@example.com", Error: "boom"}}}
	if diff := cmp.Diff(wantRes, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	want = `{"all_users":true,"user_updates":{"max_budget":5}}`
	if _, err := c.Users.UpdateAll(t.Context(), &UserUpdateRequest{UserID: "dropped", MaxBudget: &five}); err != nil {
		t.Fatal(err)
	}

	c2, mux2, _ := setup(t)
	mux2.HandleFunc("/", svcNotCalled(t))
	for _, users := range [][]UserUpdateRequest{nil, {{UserAlias: "no id"}}} {
		if _, err := c2.Users.BulkUpdate(t.Context(), users); err == nil {
			t.Errorf("BulkUpdate(%v): no error", users)
		}
	}
	if _, err := c2.Users.UpdateAll(t.Context(), nil); err == nil {
		t.Error("UpdateAll(nil): no error")
	}
}

func TestUsersService_DailyActivityAggregated(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/user/daily/activity/aggregated", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testQuery(t, r, url.Values{"start_date": {"2026-01-01"}, "end_date": {"2026-01-31"}, "user_id": {"u1"}, "timezone": {"480"}})
		writeJSON(w, http.StatusOK, `{"results":[{"date":"2026-01-02","metrics":{"spend":0.5,"api_requests":2}}],"metadata":{"total_spend":0.5,"page":1,"total_pages":1,"has_more":false}}`)
	})
	got, err := c.Users.DailyActivityAggregated(t.Context(), &UserActivityOptions{Start: "2026-01-01", End: "2026-01-31", UserID: "u1", Timezone: 480})
	if err != nil {
		t.Fatal(err)
	}
	want := &SpendAnalytics{Results: []DailySpend{{Date: "2026-01-02", Metrics: SpendMetrics{Spend: 0.5, APIRequests: 2}}},
		Metadata: DailySpendTotals{TotalSpend: 0.5, Page: 1, TotalPages: 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	for _, ao := range []*UserActivityOptions{nil, {Start: "2026-01-01"}, {Start: "2026-01-01", End: "2026-01-02", Page: 2}} {
		if _, err := c.Users.DailyActivityAggregated(t.Context(), ao); err == nil {
			t.Errorf("DailyActivityAggregated(%+v): no error", ao)
		}
	}
}

func TestUsersService_AvailableUsers(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/user/available_users", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		writeJSON(w, http.StatusOK, `{"total_users":5,"total_teams":null,"total_users_used":3,"total_teams_used":1,"total_teams_remaining":null,"total_users_remaining":2}`)
	})
	got, err := c.Users.AvailableUsers(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	five, two := 5, 2
	if diff := cmp.Diff(&UserAvailableUsers{TotalUsers: &five, TotalUsersUsed: 3, TotalTeamsUsed: 1, TotalUsersRemaining: &two}, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
}
