package proxytest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestSpendLogs holds the spend routes to what the emulator's chats booked.
func TestSpendLogs(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mk := srv.MasterKey
	key := genKey(t, srv, map[string]any{"key_alias": "spender"})
	chat := map[string]any{"model": "gpt-4o", "user": "cust-1", "metadata": map[string]any{"tags": []string{"prod"}},
		"messages": []any{map[string]any{"role": "user", "content": "what does it cost"}}}
	mustOK(t, call(t, srv, "POST", "/chat/completions", key, chat))
	mustOK(t, call(t, srv, "POST", "/chat/completions", mk, chat))

	rows, _ := mustOK(t, call(t, srv, "GET", "/spend/logs?api_key="+key, mk, nil)).JSON(t).([]any)
	if len(rows) != 1 {
		t.Fatalf("/spend/logs?api_key: %d rows, want 1", len(rows))
	}
	row := rows[0].(map[string]any)
	if row["end_user"] != "cust-1" || row["model_group"] != "gpt-4o" || row["spend"].(float64) <= 0 {
		t.Errorf("row: end_user %v model_group %v spend %v", row["end_user"], row["model_group"], row["spend"])
	}
	if tags := row["request_tags"].([]any); len(tags) == 0 || tags[0] != "prod" {
		t.Errorf("request_tags %v, want prod first", tags)
	}

	day := time.Now().UTC().Format(time.DateOnly)
	// end_date is a midnight: the rows of that day are after it.
	tomorrow := time.Now().UTC().AddDate(0, 0, 1).Format(time.DateOnly)
	tests := []struct {
		name, path string
		check      func(t *testing.T, v any)
	}{
		{"all", "/spend/logs", func(t *testing.T, v any) {
			if n := len(v.([]any)); n != 2 {
				t.Errorf("%d rows, want 2", n)
			}
		}},
		{"summary", "/spend/logs?start_date=" + day + "&end_date=" + tomorrow, func(t *testing.T, v any) {
			days := v.([]any)
			if d := days[0].(map[string]any); len(days) != 2 || d["startTime"] != day || d["litellm_proxy_master_key"] == nil {
				t.Errorf("summary %v", days)
			}
		}},
		{"rows in range", "/spend/logs?summarize=false&start_date=2000-01-01&end_date=2100-01-01", func(t *testing.T, v any) {
			if n := len(v.([]any)); n != 2 {
				t.Errorf("%d rows, want 2", n)
			}
		}},
		{"v2 page", "/spend/logs/v2?start_date=2000-01-01&end_date=2100-01-01&page_size=1&page=2", func(t *testing.T, v any) {
			m := v.(map[string]any)
			if m["total"] != 2.0 || m["total_pages"] != 2.0 || len(m["data"].([]any)) != 1 {
				t.Errorf("page %v", m)
			}
		}},
		{"v2 key alias", "/spend/logs/v2?start_date=2000-01-01&end_date=2100-01-01&key_alias=spend", func(t *testing.T, v any) {
			if m := v.(map[string]any); m["total"] != 1.0 {
				t.Errorf("total %v, want 1", m["total"])
			}
		}},
		{"customer activity", "/customer/daily/activity?start_date=" + day + "&end_date=" + day, func(t *testing.T, v any) {
			m := v.(map[string]any)
			res := m["results"].([]any)
			if len(res) != 1 || get(m, "metadata", "total_api_requests") != 2.0 {
				t.Fatalf("activity %v", m)
			}
			if e := get(res[0], "breakdown", "entities", "cust-1", "metrics", "api_requests"); e != 2.0 {
				t.Errorf("cust-1 requests %v, want 2", e)
			}
		}},
		{"customer activity excluded", "/customer/daily/activity?exclude_end_user_ids=cust-1&start_date=" + day + "&end_date=" + day, func(t *testing.T, v any) {
			if res := v.(map[string]any)["results"].([]any); len(res) != 0 {
				t.Errorf("results %v, want none", res)
			}
		}},
		{"organization activity", "/organization/daily/activity?start_date=" + day + "&end_date=" + day, func(t *testing.T, v any) {
			if p := get(v, "metadata", "page"); p != 1.0 {
				t.Errorf("page %v", p)
			}
		}},
		{"tags", "/spend/tags", func(t *testing.T, v any) {
			for _, row := range v.([]any) {
				if m := row.(map[string]any); m["individual_request_tag"] == "prod" {
					if m["log_count"] != 2.0 {
						t.Errorf("prod: %v", m)
					}
					return
				}
			}
			t.Errorf("no prod tag in %v", v)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, mustOK(t, call(t, srv, "GET", tt.path, mk, nil)).JSON(t)) })
	}
	wantProxyError(t, call(t, srv, "GET", "/spend/logs/v2", mk, nil), http.StatusBadRequest, "bad_request", "Start date and end date are required")
	if d := get(detail(t, call(t, srv, "GET", "/global/spend/report?start_date="+day+"&end_date="+day, mk, nil), http.StatusBadRequest), "error"); d == nil {
		t.Error("global report: no Enterprise error")
	}
}

// TestSpendCalculate checks /spend/calculate's answers and errors.
func TestSpendCalculate(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mk := srv.MasterKey
	msgs := []any{map[string]any{"role": "user", "content": "one two three"}}
	r := mustOK(t, call(t, srv, "POST", "/spend/calculate", mk, map[string]any{"model": "gpt-4o", "messages": msgs}))
	if c, _ := r.Map(t)["cost"].(float64); c <= 0 {
		t.Errorf("cost %v, want > 0", c)
	}
	wantProxyError(t, call(t, srv, "POST", "/spend/calculate", mk, map[string]any{}), http.StatusBadRequest, "None",
		"Bad Request - Either 'model' or 'completion_response' must be provided")
	wantProxyError(t, call(t, srv, "POST", "/spend/calculate", mk, map[string]any{"model": "gpt-4o"}), http.StatusBadRequest, "None",
		"Bad Request - messages must be provided if 'model' is provided")
}

// TestSpendNoDB checks the no-database answers (checked against real 1.88.0
// and 1.106.12 proxies).
func TestSpendNoDB(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithNoDatabase())
	mk := srv.MasterKey
	const db = "Database not connected. Connect a database to your proxy - https://docs.litellm.ai/docs/simple_proxy#managing-auth---virtual-keys"
	tests := []struct {
		path, typ, msg string
		status         int
	}{
		{"/spend/logs", "internal_error", "/spend/logs Error" + db, 500},
		{"/spend/tags", "internal_error", "/spend/tags Error" + db, 500},
		{"/spend/logs/v2?start_date=2026-01-01&end_date=2026-12-31", "internal_error", "Prisma Client is not initialized", 401},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			wantProxyError(t, call(t, srv, "GET", tt.path, mk, nil), tt.status, tt.typ, tt.msg)
		})
	}
	if d := get(detail(t, call(t, srv, "GET", "/global/spend/report", mk, nil), http.StatusBadRequest), "error"); d != "Please provide start_date and end_date" {
		t.Errorf("report without dates: %v", d)
	}
	for _, p := range []string{"/organization/daily/activity", "/customer/daily/activity"} {
		if d := get(detail(t, call(t, srv, "GET", p, mk, nil), http.StatusInternalServerError), "error"); d != "DB not connected. See https://docs.litellm.ai/docs/proxy/virtual_keys" {
			t.Errorf("%s without db: %v", p, d)
		}
	}
	if d := get(detail(t, call(t, srv, "GET", "/global/spend/report?start_date=2026-01-01&end_date=2026-12-31", mk, nil), http.StatusBadRequest), "error"); d != db {
		t.Errorf("report without db: %v", d)
	}
	mustOK(t, call(t, srv, "POST", "/spend/calculate", mk, map[string]any{"model": "gpt-4o", "messages": []any{map[string]any{"role": "user", "content": "x"}}}))
}
