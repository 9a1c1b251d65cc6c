package proxytest_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/gen"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestNewServer(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") || strings.HasSuffix(srv.URL, "/") {
		t.Errorf("URL = %q, want http://127.0.0.1:<port> without a trailing slash", srv.URL)
	}
	if proxytest.DefaultMasterKey != "sk-master-proxytest" || srv.MasterKey != proxytest.DefaultMasterKey {
		t.Errorf("MasterKey = %q, want %q", srv.MasterKey, proxytest.DefaultMasterKey)
	}
	r := mustOK(t, call(t, srv, "GET", "/health/liveliness", "", nil))
	if got := r.JSON(t); got != "I'm alive!" {
		t.Errorf("liveliness = %v", got)
	}
}

func TestWithMasterKey(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithMasterKey("sk-other-master"))
	if srv.MasterKey != "sk-other-master" {
		t.Fatalf("MasterKey = %q", srv.MasterKey)
	}
	mustOK(t, call(t, srv, "GET", "/key/list", "sk-other-master", nil))
	wantProxyError(t, call(t, srv, "GET", "/key/list", proxytest.DefaultMasterKey, nil), 401, "token_not_found_in_db", "Unable to find token in cache")
}

func TestNewUnstartedServer(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewUnstartedServer()
	defer srv.Close()
	if srv.URL != "" {
		t.Errorf("URL before Start = %q, want empty", srv.URL)
	}
	srv.SetFaults(proxytest.ErrorStatus(http.StatusTeapot, 0).On("healthLiveliness"))
	srv.Start()
	if r := call(t, srv, "GET", "/health/liveliness", "", nil); r.Status != http.StatusTeapot {
		t.Errorf("status = %d, want the fault's 418", r.Status)
	}
	assertPanics(t, "second Start", srv.Start)
}

func TestServerHandler(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewUnstartedServer()
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	resp, err := ts.Client().Get(ts.URL + "/health/readiness")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	assertPanics(t, "Client before Start", func() { srv.Client() })
}

func TestOptionPanics(t *testing.T) {
	t.Parallel()
	for name, f := range map[string]func(){
		"model without name":  func() { proxytest.WithModels(proxytest.Model{Params: map[string]any{"model": "openai/x"}}) },
		"model without model": func() { proxytest.WithModels(proxytest.Model{Name: "x"}) },
		"duplicate model ids": func() {
			proxytest.NewServer(proxytest.WithModels(proxytest.DefaultModels()[0], proxytest.DefaultModels()[0]))
		},
		"empty master key":       func() { proxytest.WithMasterKey("") },
		"nil clock":              func() { proxytest.WithClock(nil) },
		"fault probability":      func() { proxytest.WithFault(proxytest.DropConnection().WithProbability(1.5)) },
		"fault kind":             func() { proxytest.WithFault(proxytest.Fault{}) },
		"fault status":           func() { proxytest.WithFault(proxytest.ErrorStatus(42, 0)) },
		"user without id":        func() { proxytest.WithUsers(proxytest.User{Email: "a@b.c"}) },
		"user key without sk-":   func() { proxytest.WithUsers(proxytest.User{ID: "u", Key: "nope"}) },
		"sso user without id":    func() { proxytest.WithSSOUser(proxytest.User{}) },
		"team without id":        func() { proxytest.WithTeams(proxytest.Team{Alias: "x"}) },
		"SetFaults invalid":      func() { proxytest.NewUnstartedServer().SetFaults(proxytest.CutStream(-1)) },
		"fault negative latency": func() { proxytest.WithFault(proxytest.Latency(-time.Second)) },
	} {
		assertPanics(t, name, f)
	}
}

func assertPanics(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: no panic", name)
		}
	}()
	f()
}

func TestUnknownRoutes(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	r := call(t, srv, "GET", "/no/such/route", srv.MasterKey, nil)
	if got := detail(t, r, 404); got != "Not Found" {
		t.Errorf("detail = %v", got)
	}
	r = call(t, srv, "DELETE", "/models", srv.MasterKey, nil)
	if got := detail(t, r, 405); got != "Method Not Allowed" {
		t.Errorf("detail = %v", got)
	}
	// The newer CLI login route is missing from older proxies.
	r = call(t, srv, "POST", "/sso/cli/start", "", nil)
	if got := detail(t, r, 404); got != "Not Found" {
		t.Errorf("detail = %v", got)
	}
}

func TestValidation(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	type item = map[string]any
	tests := []struct {
		name, method, path string
		body               any
		want               []item // loc and type of each detail item
	}{
		{"missing field", "POST", "/user/delete", map[string]any{},
			[]item{{"loc": []any{"body", "user_ids"}, "type": "missing"}}},
		{"wrong type", "POST", "/key/block", map[string]any{"key": 4},
			[]item{{"loc": []any{"body", "key"}, "type": "string_type"}}},
		{"query minimum", "GET", "/key/list?page=0", nil, []item{{"loc": []any{"query", "page"}, "type": "greater_than_equal"}}},
		{"query maximum", "GET", "/key/list?size=500", nil, []item{{"loc": []any{"query", "size"}, "type": "less_than_equal"}}},
		{"query not an int", "GET", "/key/list?page=abc", nil, []item{{"loc": []any{"query", "page"}, "type": "int_parsing"}}},
		{"query enum", "GET", "/key/list?sort_order=sideways", nil, []item{{"loc": []any{"query", "sort_order"}, "type": "enum"}}},
		{"invalid JSON", "POST", "/key/generate", "{nope", []item{{"loc": []any{"body", 0.0}, "type": "json_invalid"}}},
		{"missing body", "POST", "/user/delete", nil, []item{{"loc": []any{"body"}, "type": "missing"}}},
		{"model validator", "POST", "/key/delete", map[string]any{"keys": nil, "key_aliases": nil},
			[]item{{"loc": []any{"body"}, "type": "value_error"}}},
		{"update user without id", "POST", "/user/update", map[string]any{"user_alias": "x"},
			[]item{{"loc": []any{"body"}, "type": "value_error"}}},
		{"member without id", "POST", "/team/member_add", map[string]any{"team_id": "t", "member": map[string]any{"role": "user"}},
			[]item{{"loc": []any{"body"}, "type": "value_error"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, srv, tt.method, tt.path, srv.MasterKey, tt.body)
			d, ok := detail(t, r, 422).([]any)
			if !ok {
				t.Fatalf("detail is not a list: %s", r.Body)
			}
			var got []item
			for _, e := range d {
				m := e.(map[string]any)
				if _, ok := m["msg"].(string); !ok {
					t.Errorf("item without msg: %v", m)
				}
				got = append(got, item{"loc": m["loc"], "type": m["type"]})
			}
			sort.Slice(got, func(i, j int) bool { return fmt.Sprint(got[i]["loc"]) < fmt.Sprint(got[j]["loc"]) })
			want := slices.Clone(tt.want)
			sort.Slice(want, func(i, j int) bool { return fmt.Sprint(want[i]["loc"]) < fmt.Sprint(want[j]["loc"]) })
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("detail items (-want +got):\n%s\nbody: %s", diff, r.Body)
			}
		})
	}
}

// clock is a settable clock for WithClock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestAuth(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}
	srv := newServer(t, proxytest.WithClock(clk.Now), proxytest.WithUsers(
		proxytest.User{ID: "alice", Role: "internal_user", Key: "sk-test-alice"},
		proxytest.User{ID: "root", Role: "proxy_admin", Key: "sk-test-root"},
	))
	generated := genKey(t, srv, nil)
	restricted := genKey(t, srv, map[string]any{"models": []string{"claude-3-5-sonnet"}})
	expiring := genKey(t, srv, map[string]any{"duration": "1s"})
	blocked := genKey(t, srv, nil)
	mustOK(t, call(t, srv, "POST", "/key/block", srv.MasterKey, map[string]any{"key": blocked}))
	clk.Advance(2 * time.Second)

	chat := map[string]any{"model": "gpt-4o", "messages": []any{map[string]any{"role": "user", "content": "hi"}}}
	hdr := func(k, v string) http.Header { h := http.Header{}; h.Set(k, v); return h }
	tests := []struct {
		name   string
		method string
		path   string
		header http.Header
		body   any
		status int
		typ    string // ProxyError type, "" for success
		msg    string
	}{
		{"no key", "GET", "/key/list", nil, nil, 401, "auth_error", "Authentication Error, No api key passed in."},
		{"unknown key", "GET", "/key/list", bearer("sk-test-unknown"), nil, 401, "token_not_found_in_db", "Invalid proxy server token passed. Received API Key = sk-...nown, Key Hash (Token) ="},
		{"malformed", "GET", "/key/list", hdr("Authorization", "Token sk-test-alice"), nil, 401, "auth_error", "Malformed API Key passed in. Ensure Key has `Bearer ` prefix."},
		{"master key", "GET", "/key/list", bearer(srv.MasterKey), nil, 200, "", ""},
		{"x-litellm-api-key raw", "GET", "/key/list", hdr("x-litellm-api-key", srv.MasterKey), nil, 200, "", ""},
		{"x-litellm-api-key bearer", "GET", "/key/list", hdr("x-litellm-api-key", "Bearer "+srv.MasterKey), nil, 200, "", ""},
		{"x-api-key", "GET", "/key/list", hdr("x-api-key", srv.MasterKey), nil, 200, "", ""},
		{"generated key, info route", "GET", "/key/info", bearer(generated), nil, 200, "", ""},
		{"generated key, chat", "POST", "/chat/completions", bearer(generated), chat, 200, "", ""},
		{"generated key, admin route", "GET", "/user/list", bearer(generated), nil, 401, "auth_error", "Authentication Error, Only proxy admin can be used"},
		{"internal user, admin route", "POST", "/team/new", bearer("sk-test-alice"), map[string]any{}, 401, "auth_error", "Route=/team/new. Your role=internal_user. Your user_id=alice"},
		{"internal user, own key", "POST", "/key/generate", bearer("sk-test-alice"), map[string]any{}, 200, "", ""},
		{"internal user, other user's key", "POST", "/key/generate", bearer("sk-test-alice"), map[string]any{"user_id": "bob"}, 403, "auth_error", "User can only create keys for themselves"},
		{"admin user", "GET", "/user/list", bearer("sk-test-root"), nil, 200, "", ""},
		{"model restriction", "POST", "/chat/completions", bearer(restricted), chat, 403, "key_model_access_denied", "This key can only access models=['claude-3-5-sonnet']. Tried to access gpt-4o"},
		{"expired key", "POST", "/chat/completions", bearer(expiring), chat, 400, "expired_key", "Authentication Error - Expired Key."},
		{"blocked key", "GET", "/key/info", bearer(blocked), nil, 401, "auth_error", "Authentication Error, Key is blocked. Update via `/key/unblock` if you're an admin."},
		{"public route", "GET", "/health/readiness", nil, nil, 200, "", ""},
		{"public route with a bad key", "GET", "/health/liveliness", bearer("sk-test-unknown"), nil, 200, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := callHeader(t, srv, tt.method, tt.path, tt.body, tt.header)
			if tt.typ == "" {
				mustOK(t, r)
				return
			}
			wantProxyError(t, r, tt.status, tt.typ, tt.msg)
			if strings.Contains(string(r.Body), "sk-test-unknown") {
				t.Errorf("error echoes the key: %s", r.Body)
			}
		})
	}
}

// routeClasses is who may call each operation of the spec; a new operation
// must be added here (and to the emulator's route gating).
var routeClasses = map[string]string{
	"healthLiveliness": "public", "healthReadiness": "public", "ssoKeyGenerate": "public", "ssoCallback": "public",
	"ssoCLIPoll": "public", "ssoCLIStart": "public",
	"cliAuthDiscovery": "public", "cliAuthRegister": "public", "cliAuthAuthorize": "public",
	"cliAuthAuthorizeComplete": "public", "cliAuthToken": "public", "cliAuthRevoke": "public",
	"chatCompletion": "any", "chatCompletionV1": "any", "modelList": "any", "modelListV1": "any", "modelInfo": "any",
	"modelInfoV1": "any", "modelGroupInfo": "any", "keyInfo": "any", "keyList": "any", "keyHealth": "any", "keyAliases": "any", "userDailyActivity": "endpoint", "teamList": "any",
	"teamListV2": "any", "teamAvailable": "any", "teamInfo": "any", "userInfo": "any", "userInfoV2": "any",
	"keyGenerate": "keys", "keyUpdate": "keys", "keyDelete": "keys", "keyRegenerate": "keys",
	"keyRegenerateByPath": "keys", "keyBlock": "keys", "keyUnblock": "keys",
	// The rest of families 1-7 (issue 14, rest.go).
	"keyResetSpend": "keys", "keyBulkUpdate": "keys", "teamKeyBulkUpdate": "keys", "modelGroupMakePublic": "admin", "keyGenerateServiceAccount": "keys", "userBulkUpdate": "admin", "teamBulkMemberAdd": "admin",
	"teamCallbacksGet": "admin", "teamCallbackAdd": "admin", "teamDisableLogging": "admin", "teamMemberMe": "endpoint", "userDailyActivityAggregated": "admin", "userAvailableUsers": "admin", "teamPermissionsBulkUpdate": "admin",
	"teamMemberAdd": "endpoint", "modelNew": "endpoint", "modelUpdate": "endpoint", "modelPatch": "endpoint", "modelDelete": "endpoint",
	"credentialList": "admin", "credentialCreate": "admin", "credentialGet": "admin", "credentialUpdate": "admin",
	"credentialDelete": "admin", "userNew": "admin", "userList": "admin", "userUpdate": "admin", "userDelete": "admin",
	"teamNew": "admin", "teamDelete": "admin", "healthTestConnection": "admin", "healthReadinessDetails": "admin",
	// Organizations: list is an info route; the others check the caller in the endpoint.
	"organizationList": "any", "organizationNew": "endpoint", "organizationUpdate": "endpoint",
	"organizationDelete": "endpoint", "organizationInfo": "endpoint", "organizationInfoBatch": "endpoint",
	"organizationMemberAdd": "endpoint", "organizationMemberUpdate": "endpoint", "organizationMemberDelete": "endpoint",
	"budgetNew": "admin", "budgetUpdate": "admin", "budgetInfo": "admin", "budgetSettings": "admin", "budgetList": "admin",
	"budgetDelete": "admin", "customerNew": "admin", "customerUpdate": "admin", "customerInfo": "admin",
	"tagNew": "admin", "tagUpdate": "admin", "tagInfo": "admin", "tagDelete": "admin", "tagList": "endpoint",
	"customerList": "admin", "customerDelete": "admin", "customerBlock": "admin", "customerUnblock": "admin",
	"spendLogs": "any", "spendLogsV2": "any", "spendTags": "any", "spendCalculate": "any", "globalSpendReport": "admin",
	"organizationDailyActivity": "endpoint", "customerDailyActivity": "admin",
	// Model access groups (issue 14, family 8): proxy admin routes, both kinds.
	"accessGroupNew": "admin", "accessGroupList": "admin", "accessGroupInfo": "admin", "accessGroupUpdate": "admin",
	"accessGroupDelete": "admin", "accessGroupV1List": "admin", "accessGroupV1Create": "admin", "accessGroupV1Get": "admin",
	"accessGroupV1Update": "admin", "accessGroupV1Delete": "admin", "unifiedAccessGroupList": "admin",
	"unifiedAccessGroupCreate": "admin", "unifiedAccessGroupGet": "admin", "unifiedAccessGroupUpdate": "admin",
	"unifiedAccessGroupDelete": "admin",
	// Guardrails (issue 14, family 8): the lists and apply_guardrail take any key.
	"guardrailList": "any", "guardrailListV2": "any", "guardrailApply": "any", "guardrailApplyAlias": "any",
	"guardrailCreate": "admin", "guardrailGet": "admin", "guardrailInfo": "admin", "guardrailUpdate": "admin",
	"guardrailPatch": "admin", "guardrailDelete": "admin",
	"guardrailRegister": "endpoint", "guardrailSubmissionList": "endpoint", "guardrailSubmissionGet": "endpoint",
	"guardrailSubmissionApprove": "admin", "guardrailSubmissionReject": "admin",
	// Prompts (issue 14, family 8): every route is for proxy admins (the
	// route checks refuse other keys; the endpoints check the role again).
	"promptCreate": "admin", "promptList": "admin", "promptTest": "admin", "promptGet": "admin", "promptInfo": "admin",
	"promptUpdate": "admin", "promptPatch": "admin", "promptDelete": "admin", "promptVersions": "admin",
	"teamUpdate": "admin", "teamBlock": "admin", "teamUnblock": "admin", "teamModelAdd": "admin", "teamModelDelete": "admin",
	"teamMemberUpdate": "endpoint", "teamMemberDelete": "endpoint", "teamPermissionsList": "endpoint",
	"teamPermissionsUpdate": "endpoint", "teamDailyActivity": "endpoint",
	// MCP servers (issue 14, family 8): any key; create, update and delete check for a proxy admin in the endpoint.
	"mcpServerList": "any", "mcpServerGet": "any", "mcpServerHealth": "any", "mcpAccessGroups": "any", "mcpTools": "any",
	"mcpServerCreate": "endpoint", "mcpServerUpdate": "endpoint", "mcpServerDelete": "endpoint",
	// Vector store management (family 8): the list is an LLM API route.
	"vectorStoreNew": "admin", "vectorStoreList": "any", "vectorStoreListV1": "any", "vectorStoreInfo": "admin",
	"vectorStoreUpdate": "admin", "vectorStoreDelete": "admin",
	// Tag and spend analytics: admins and admin viewers, the tag daily activity also internal users; the spend reset the master key only.
	"tagDailyActivity": "endpoint", "tagSummary": "admin", "tagDistinct": "admin", "tagDau": "admin", "tagWau": "admin",
	"tagMau": "admin", "tagPerUserAnalytics": "admin", "globalSpendTags": "admin", "globalSpendReset": "master",
}

func TestRouteGating(t *testing.T) {
	t.Parallel()
	doc, err := gen.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}))
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			class, ok := routeClasses[lowerFirst(op.OperationID)]
			if !ok {
				t.Errorf("%s %s: operation %q has no route class in this test", method, path, op.OperationID)
				continue
			}
			p := strings.NewReplacer("{model_id}", "m", "{key}", "sk-x", "{credential_name}", "c", "{key_id}", "sk-x").Replace(path)
			var body any
			if op.RequestBody != nil {
				body = map[string]any{}
			}
			t.Run(op.OperationID, func(t *testing.T) {
				anon := call(t, srv, method, p, "", body)
				if class == "public" {
					if anon.Status == 401 {
						t.Errorf("public route answered 401: %s", anon.Body)
					}
					return
				}
				wantProxyError(t, anon, 401, "auth_error", "No api key passed in")
				user := call(t, srv, method, p, "sk-test-alice", body)
				if class == "admin" {
					wantProxyError(t, user, 401, "auth_error", "Only proxy admin can be used")
				} else if class == "master" {
					wantProxyError(t, user, 401, "auth_error", "which is only for MASTER KEY")
				} else if user.Status == 401 && strings.Contains(string(user.Body), "Only proxy admin can be used") {
					t.Errorf("internal_user got 401 on a %s route: %s", class, user.Body)
				}
			})
		}
	}
	for op := range routeClasses {
		found := false
		for _, item := range doc.Paths.Map() {
			for _, o := range item.Operations() {
				found = found || strings.EqualFold(o.OperationID, op)
			}
		}
		if !found {
			t.Errorf("operation %q is not in the spec any more", op)
		}
	}
}

// lowerFirst undoes the generator's capitalisation of the embedded spec's
// operationIds.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func TestTrailingSlashRedirect(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(srv.URL + "/health/liveliness/?x=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTemporaryRedirect || resp.Header.Get("Location") != "/health/liveliness?x=1" {
		t.Errorf("status %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestCloseCutsLatencyShort(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer(proxytest.WithFault(proxytest.Latency(time.Hour)))
	errc := make(chan error, 1)
	go func() {
		resp, err := srv.Client().Get(srv.URL + "/health/liveliness")
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	for srv.RequestCount("") == 0 {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	srv.Close()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Close took %v", d)
	}
	if err := <-errc; err == nil {
		t.Error("the interrupted request got a response")
	}
}
