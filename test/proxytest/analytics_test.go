package proxytest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// analyticsFixture makes two internal users with a key each and four
// tagged chats: u1 [a], u1 [a b], u2 [a], the master key [b]. Go's client
// adds the User-Agent tags "User-Agent: Go-http-client" and
// "User-Agent: Go-http-client/1.1" to each.
func analyticsFixture(t *testing.T, opts ...proxytest.Option) (srv *proxytest.Server, k1, k2 string) {
	t.Helper()
	clock := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	srv = newServer(t, append([]proxytest.Option{proxytest.WithClock(func() time.Time { return clock })}, opts...)...)
	mk := srv.MasterKey
	for _, u := range []string{"u1", "u2"} {
		mustOK(t, call(t, srv, "POST", "/user/new", mk, map[string]any{"user_id": u, "user_role": "internal_user", "user_email": u + "@example.com"}))
	}
	mustOK(t, call(t, srv, "POST", "/team/new", mk, map[string]any{"team_id": "t1"}))
	k1 = genKey(t, srv, map[string]any{"user_id": "u1", "team_id": "t1"})
	k2 = genKey(t, srv, map[string]any{"user_id": "u2"})
	chat := func(key string, tags ...any) {
		mustOK(t, call(t, srv, "POST", "/chat/completions", key, map[string]any{"model": "gpt-4o",
			"messages": []any{map[string]any{"role": "user", "content": "hi"}}, "metadata": map[string]any{"tags": tags}}))
	}
	chat(k1, "a")
	chat(k1, "a", "b")
	chat(k2, "a")
	chat(mk, "b")
	return srv, k1, k2
}

const (
	uaName = "User-Agent: Go-http-client"
	uaFull = "User-Agent: Go-http-client/1.1"
)

func TestTagSummaryAndDistinct(t *testing.T) {
	t.Parallel()
	srv, k1, _ := analyticsFixture(t)
	mk := srv.MasterKey
	r := mustOK(t, call(t, srv, "GET", "/tag/summary?start_date=2026-12-01&end_date=2026-12-02", mk, nil))
	type row struct {
		Tag             string
		Users, Requests float64
	}
	var got []row
	for _, e := range get(r.JSON(t), "results").([]any) {
		got = append(got, row{get(e, "tag").(string), get(e, "unique_users").(float64), get(e, "total_requests").(float64)})
	}
	want := []row{{uaName, 2, 4}, {uaFull, 2, 4}, {"a", 2, 3}, {"b", 1, 2}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	r = mustOK(t, call(t, srv, "GET", "/tag/summary?start_date=2026-12-01&end_date=2026-12-02&tag_filter=GO-HTTP", mk, nil))
	if n := len(get(r.JSON(t), "results").([]any)); n != 2 {
		t.Errorf("tag_filter (ILIKE): %d tags, want 2: %s", n, r.Body)
	}
	r = mustOK(t, call(t, srv, "GET", "/tag/summary?start_date=2026-12-01&end_date=2026-12-02&tag_filter=x&tag_filters=a&tag_filters=b", mk, nil))
	if n := len(get(r.JSON(t), "results").([]any)); n != 2 {
		t.Errorf("tag_filters: %d tags, want 2: %s", n, r.Body)
	}
	r = mustOK(t, call(t, srv, "GET", "/tag/summary?start_date=2026-12-03&end_date=2026-12-04", mk, nil))
	if n := len(get(r.JSON(t), "results").([]any)); n != 0 {
		t.Errorf("other days: %d tags, want 0", n)
	}
	if d := detail(t, call(t, srv, "GET", "/tag/summary?start_date=12/01/2026&end_date=2026-12-02", mk, nil), http.StatusBadRequest); d !=
		"Invalid date format. Use YYYY-MM-DD: time data '12/01/2026' does not match format '%Y-%m-%d'" {
		t.Errorf("bad date: %v", d)
	}
	wantProxyError(t, call(t, srv, "GET", "/tag/summary?start_date=2026-12-01&end_date=2026-12-02", k1, nil), 401, "auth_error", "Only proxy admin can be used")

	r = mustOK(t, call(t, srv, "GET", "/tag/distinct", mk, nil))
	var tags []string
	for _, e := range get(r.JSON(t), "results").([]any) {
		tags = append(tags, get(e, "tag").(string))
	}
	if diff := cmp.Diff([]string{uaName, uaFull, "a", "b"}, tags); diff != "" {
		t.Errorf("distinct (-want +got):\n%s", diff)
	}
}

func TestTagDailyActivity(t *testing.T) {
	t.Parallel()
	for _, v := range []string{proxytest.Version1_88, proxytest.Version1_106} {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			srv, k1, _ := analyticsFixture(t, proxytest.WithVersion(v))
			q := "/tag/daily/activity?start_date=2026-12-01&end_date=2026-12-02&tags=a"
			r := mustOK(t, call(t, srv, "GET", q, srv.MasterKey, nil))
			if got := get(r.JSON(t), "metadata", "total_api_requests"); got != 3.0 {
				t.Errorf("tag a: total_api_requests %v, want 3: %s", got, r.Body)
			}
			if got := get(r.JSON(t), "results", 0, "breakdown", "entities", "a", "metrics", "api_requests"); got != 3.0 {
				t.Errorf("entity a: %v", got)
			}
			// Both tags: the request tagged a and b counts for each.
			r = mustOK(t, call(t, srv, "GET", q+",b", srv.MasterKey, nil))
			if got := get(r.JSON(t), "metadata", "total_api_requests"); got != 5.0 {
				t.Errorf("tags a,b: total_api_requests %v, want 5", got)
			}
			if d := get(detail(t, call(t, srv, "GET", "/tag/daily/activity", srv.MasterKey, nil), http.StatusBadRequest), "error"); d != "Please provide start_date and end_date" {
				t.Errorf("no dates: %v", d)
			}
			// An internal user sees its own keys' activity (1.106); 1.88.0
			// fails looking its keys up.
			r = call(t, srv, "GET", q, k1, nil)
			if v == proxytest.Version1_88 {
				if r.Status != http.StatusInternalServerError || get(r.JSON(t), "error", "message") != "Internal server error" {
					t.Errorf("internal user on 1.88: %d %s", r.Status, r.Body)
				}
				return
			}
			if got := get(mustOK(t, r).JSON(t), "metadata", "total_api_requests"); got != 2.0 {
				t.Errorf("internal user: total_api_requests %v, want 2: %s", got, r.Body)
			}
			r = mustOK(t, call(t, srv, "GET", q+"&api_key=not-my-key", k1, nil))
			if got := get(r.JSON(t), "results"); len(got.([]any)) != 0 {
				t.Errorf("another key: %s", r.Body)
			}
		})
	}
}

func TestTagActiveUsers(t *testing.T) {
	t.Parallel()
	srv, _, _ := analyticsFixture(t)
	mk := srv.MasterKey
	type row struct {
		Tag, Date, Start, End string
		Users                 float64
	}
	rows := func(path string) []row {
		var out []row
		for _, e := range get(mustOK(t, call(t, srv, "GET", path, mk, nil)).JSON(t), "results").([]any) {
			s, _ := get(e, "period_start").(string)
			en, _ := get(e, "period_end").(string)
			out = append(out, row{get(e, "tag").(string), get(e, "date").(string), s, en, get(e, "active_users").(float64)})
		}
		return out
	}
	for _, tt := range []struct {
		path string
		want []row
	}{
		{"/tag/dau?tag_filters=a&tag_filters=b", []row{{"a", "2026-12-02", "", "", 2}, {"b", "2026-12-02", "", "", 1}}},
		{"/tag/wau?tag_filter=b", []row{{"b", "Week 7 (Nov 27)", "2026-11-27 00:00:00", "2026-12-03 00:00:00", 1}}},
		{"/tag/mau?tag_filters=a", []row{{"a", "Month 7 (Nov)", "2026-11-04 00:00:00", "2026-12-03 00:00:00", 2}}},
	} {
		if diff := cmp.Diff(tt.want, rows(tt.path)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.path, diff)
		}
	}
}

func TestTagPerUserAnalytics(t *testing.T) {
	t.Parallel()
	srv, _, _ := analyticsFixture(t)
	r := mustOK(t, call(t, srv, "GET", "/tag/user-agent/per-user-analytics", srv.MasterKey, nil))
	m := r.Map(t)
	if m["total_count"] != 2.0 || m["total_pages"] != 1.0 || m["page_size"] != 50.0 {
		t.Errorf("page: %s", r.Body)
	}
	// u1: its two requests counted once per tag (a; a, b; and two
	// User-Agent tags each).
	want := map[string]any{"user_id": "u1", "user_email": "u1@example.com", "user_agent": "a", "successful_requests": 7.0,
		"failed_requests": 0.0, "total_requests": 7.0}
	got := get(m, "results", 0).(map[string]any)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("u1 %s = %v, want %v", k, got[k], v)
		}
	}
	r = mustOK(t, call(t, srv, "GET", "/tag/user-agent/per-user-analytics?tag_filter=b&page_size=1&page=1", srv.MasterKey, nil))
	if m := r.Map(t); m["total_count"] != 1.0 || get(m, "results", 0, "successful_requests") != 1.0 {
		t.Errorf("tag b: %s", r.Body)
	}
	if r := call(t, srv, "GET", "/tag/user-agent/per-user-analytics?page=0", srv.MasterKey, nil); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("page 0: %d %s", r.Status, r.Body)
	}
}

func TestGlobalSpendTags(t *testing.T) {
	t.Parallel()
	srv, k1, _ := analyticsFixture(t)
	mk := srv.MasterKey
	r := mustOK(t, call(t, srv, "GET", "/global/spend/tags?start_date=2026-12-02&end_date=2026-12-02&tags=a,b", mk, nil))
	counts := map[string]float64{}
	for _, e := range get(r.JSON(t), "spend_per_tag").([]any) {
		counts[get(e, "name").(string)] = get(e, "log_count").(float64)
	}
	if diff := cmp.Diff(map[string]float64{"a": 3, "b": 2}, counts); diff != "" {
		t.Errorf("tags a,b (-want +got):\n%s", diff)
	}
	r = mustOK(t, call(t, srv, "GET", "/global/spend/tags?start_date=2026-12-02&end_date=2026-12-02&tags=all-tags", mk, nil))
	if n := len(get(r.JSON(t), "spend_per_tag").([]any)); n != 4 {
		t.Errorf("all-tags: %d tags, want 4", n)
	}
	r = mustOK(t, call(t, srv, "GET", "/global/spend/tags?start_date=2026-12-03&end_date=2026-12-04", mk, nil))
	if n := len(get(r.JSON(t), "spend_per_tag").([]any)); n != 0 {
		t.Errorf("other days: %d tags", n)
	}
	wantProxyError(t, call(t, srv, "GET", "/global/spend/tags", mk, nil), 400, "bad_request", "Please provide start_date and end_date")
	wantProxyError(t, call(t, srv, "GET", "/global/spend/tags?start_date=2026-12-02&end_date=2026-12-02", k1, nil), 401, "auth_error", "Only proxy admin can be used")
	spender := genKey(t, srv, map[string]any{"user_id": "u1", "permissions": map[string]any{"get_spend_routes": true}})
	mustOK(t, call(t, srv, "GET", "/global/spend/tags?start_date=2026-12-02&end_date=2026-12-02", spender, nil))
}

func TestGlobalSpendReset(t *testing.T) {
	t.Parallel()
	srv, k1, _ := analyticsFixture(t)
	mk := srv.MasterKey
	spend := func() (key, team, user float64) {
		key = get(mustOK(t, call(t, srv, "GET", "/key/info?key="+k1, mk, nil)).JSON(t), "info", "spend").(float64)
		team = get(mustOK(t, call(t, srv, "GET", "/team/info?team_id=t1", mk, nil)).JSON(t), "team_info", "spend").(float64)
		user = get(mustOK(t, call(t, srv, "GET", "/user/info?user_id=u1", mk, nil)).JSON(t), "user_info", "spend").(float64)
		return key, team, user
	}
	if k, tm, u := spend(); k == 0 || tm == 0 || u == 0 {
		t.Fatalf("spend before the reset: key %v, team %v, user %v; want all > 0", k, tm, u)
	}
	_, admin := newUser(t, srv, map[string]any{"user_id": "boss", "user_role": "proxy_admin"})
	for _, key := range []string{admin, k1, "sk-unknown"} {
		wantProxyError(t, call(t, srv, "POST", "/global/spend/reset", key, nil), 401, "auth_error",
			"Authentication Error, Tried to access route=/global/spend/reset, which is only for MASTER KEY")
	}
	r := mustOK(t, call(t, srv, "POST", "/global/spend/reset", mk, nil))
	if diff := cmp.Diff(map[string]any{"message": "Spend for all API Keys and Teams reset successfully", "status": "success"}, r.Map(t)); diff != "" {
		t.Errorf("answer (-want +got):\n%s", diff)
	}
	if k, tm, u := spend(); k != 0 || tm != 0 || u == 0 {
		t.Errorf("spend after the reset: key %v, team %v (want 0), user %v (want kept)", k, tm, u)
	}
	// The spend logs stay.
	r = mustOK(t, call(t, srv, "GET", "/global/spend/tags?start_date=2026-12-02&end_date=2026-12-02&tags=a", mk, nil))
	if got := get(r.JSON(t), "spend_per_tag", 0, "log_count"); got != 3.0 {
		t.Errorf("tag a after the reset: %v", got)
	}
}

func TestAnalyticsNoDB(t *testing.T) {
	t.Parallel()
	for _, v := range []string{proxytest.Version1_88, proxytest.Version1_106} {
		srv := newServer(t, proxytest.WithNoDatabase(), proxytest.WithVersion(v))
		mk := srv.MasterKey
		if d := detail(t, call(t, srv, "GET", "/tag/daily/activity", mk, nil), 500); d != "Database not connected" {
			t.Errorf("%s daily activity: %v", v, d)
		}
		for _, p := range []string{"/tag/summary?start_date=x&end_date=y", "/tag/distinct", "/tag/dau", "/tag/wau", "/tag/mau", "/tag/user-agent/per-user-analytics"} {
			d, _ := get(detail(t, call(t, srv, "GET", p, mk, nil), 500), "error").(string)
			if want := "DB not connected."; len(d) < len(want) || d[:len(want)] != want {
				t.Errorf("%s %s: %q", v, p, d)
			}
		}
		wantProxyError(t, call(t, srv, "GET", "/global/spend/tags", mk, nil), 500, "internal_error", "/spend/tags ErrorDatabase not connected.")
		wantProxyError(t, call(t, srv, "POST", "/global/spend/reset", mk, nil), 401, "internal_error", "Prisma Client is not initialized")
		wantProxyError(t, call(t, srv, "POST", "/global/spend/reset", "sk-other", nil), 401, "auth_error", "which is only for MASTER KEY")
		wantProxyError(t, call(t, srv, "GET", "/tag/dau", "sk-other", nil), 400, "no_db_connection", "No connected db.")
	}
}
