package proxytest_test

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

var (
	formRE  = regexp.MustCompile(`<form method="get" action="([^"]+)">`)
	inputRE = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)

// approveURL reads the approval form of the SSO page and returns the URL its
// button submits.
func approveURL(t *testing.T, page string) string {
	t.Helper()
	m := formRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no form in %s", page)
	}
	q := url.Values{}
	for _, in := range inputRE.FindAllStringSubmatch(page, -1) {
		q.Set(html.UnescapeString(in[1]), html.UnescapeString(in[2]))
	}
	return m[1] + "?" + q.Encode()
}

func loginURL(id string, extra ...string) string {
	q := url.Values{"source": {"litellm-cli"}, "key": {id}}
	for i := 0; i+1 < len(extra); i += 2 {
		q.Set(extra[i], extra[i+1])
	}
	return "/sso/key/generate?" + q.Encode()
}

func TestSSOLogin(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithClock(fixedClock()))
	id := "sk-5f0e0a2c-1111-4222-8333-444455556666"
	poll := func() map[string]any { return mustOK(t, call(t, srv, "GET", "/sso/cli/poll/"+id, "", nil)).Map(t) }
	if got := poll(); !cmp.Equal(got, map[string]any{"status": "pending"}) {
		t.Errorf("before login: %v", got)
	}

	page := mustOK(t, call(t, srv, "GET", loginURL(id), "", nil))
	if !strings.HasPrefix(page.Header.Get("Content-Type"), "text/html") {
		t.Errorf("content type %q", page.Header.Get("Content-Type"))
	}
	u := approveURL(t, string(page.Body))
	if !strings.HasPrefix(u, "/sso/callback?") || !strings.Contains(u, "state=litellm-session-token%3A"+id) || !strings.Contains(u, "code=proxytest") {
		t.Errorf("approve URL = %s", u)
	}
	if got := poll(); got["status"] != "pending" {
		t.Errorf("before approval: %v", got)
	}
	done := mustOK(t, call(t, srv, "GET", u, "", nil))
	if !strings.Contains(string(done.Body), "Login successful") {
		t.Errorf("callback page = %s", done.Body)
	}
	want := map[string]any{"status": "ready", "key": id, "user_id": "sso-user", "team_id": nil, "teams": []any{},
		"user_email": "sso-user@example.com", "user_role": "proxy_admin"}
	if diff := cmp.Diff(want, poll()); diff != "" {
		t.Errorf("ready (-want +got):\n%s", diff)
	}
	// The session id is now a key: owned by the SSO user, for 24 hours, and
	// (the default user being a proxy admin) good for admin routes.
	info := mustOK(t, call(t, srv, "GET", "/key/info", id, nil)).Map(t)
	if get(info, "info", "user_id") != "sso-user" || get(info, "info", "expires") != "2025-06-02T12:00:00.000000+00:00" {
		t.Errorf("key = %v", info)
	}
	mustOK(t, call(t, srv, "GET", "/user/list", id, nil))

	// A new login that rotates the stored key.
	id2 := "sk-7a7a7a7a-1111-4222-8333-444455556666"
	page = mustOK(t, call(t, srv, "GET", loginURL(id2, "existing_key", id), "", nil))
	mustOK(t, call(t, srv, "GET", approveURL(t, string(page.Body)), "", nil))
	mustOK(t, call(t, srv, "GET", "/key/info", id2, nil))
	wantProxyError(t, call(t, srv, "GET", "/key/info", id, nil), 401, "token_not_found_in_db", "")
}

func TestSSOErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	if got := detail(t, call(t, srv, "GET", loginURL("not-a-key"), "", nil), 400); got != "Invalid key parameter. Must be a valid key ID starting with 'sk-'" {
		t.Errorf("detail = %v", got)
	}
	if got := detail(t, call(t, srv, "GET", "/sso/cli/poll/abc", "", nil), 400); got != "Invalid key ID format" {
		t.Errorf("detail = %v", got)
	}
	detail(t, call(t, srv, "GET", "/sso/callback?code=x&state=litellm-session-token:nope", "", nil), 400)
	detail(t, call(t, srv, "GET", "/sso/callback?code=x&state=ui-login", "", nil), 400)
	// An unknown session is pending, as upstream.
	if got := mustOK(t, call(t, srv, "GET", "/sso/cli/poll/sk-unknown", "", nil)).Map(t); got["status"] != "pending" {
		t.Errorf("unknown session = %v", got)
	}
}

func TestSSOTeamSelection(t *testing.T) {
	t.Parallel()
	srv := newServer(t,
		proxytest.WithTeams(proxytest.Team{ID: "t-a", Alias: "Alpha"}),
		proxytest.WithSSOUser(proxytest.User{ID: "dev", Email: "dev@example.com", Role: "internal_user", Teams: []string{"t-a", "t-b"}}),
		proxytest.WithSSOAutoApprove())
	id := "sk-0b0b0b0b-1111-4222-8333-444455556666"
	page := mustOK(t, call(t, srv, "GET", loginURL(id), "", nil))
	if !strings.Contains(string(page.Body), "Login successful") {
		t.Fatalf("auto-approve page = %s", page.Body)
	}
	want := map[string]any{"status": "ready", "requires_team_selection": true, "user_id": "dev", "teams": []any{"t-a", "t-b"},
		"team_details": []any{map[string]any{"team_id": "t-a", "team_alias": "Alpha"}, map[string]any{"team_id": "t-b", "team_alias": nil}}}
	got := mustOK(t, call(t, srv, "GET", "/sso/cli/poll/"+id, "", nil)).Map(t)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("selection (-want +got):\n%s", diff)
	}
	detail(t, call(t, srv, "GET", "/sso/cli/poll/"+id+"?team_id=t-zzz", "", nil), 400)
	got = mustOK(t, call(t, srv, "GET", "/sso/cli/poll/"+id+"?team_id=t-b", "", nil)).Map(t)
	if got["status"] != "ready" || got["key"] != id || got["team_id"] != "t-b" {
		t.Errorf("after selection = %v", got)
	}
	info := mustOK(t, call(t, srv, "GET", "/key/info", id, nil)).Map(t)
	if get(info, "info", "team_id") != "t-b" {
		t.Errorf("key team = %v", get(info, "info", "team_id"))
	}
	// The user is an internal_user: no admin routes.
	wantProxyError(t, call(t, srv, "GET", "/user/list", id, nil), 401, "auth_error", "Only proxy admin")

	// One team: assigned at once.
	srv1 := newServer(t, proxytest.WithSSOUser(proxytest.User{ID: "solo", Teams: []string{"only"}}), proxytest.WithSSOAutoApprove())
	mustOK(t, call(t, srv1, "GET", loginURL(id), "", nil))
	got = mustOK(t, call(t, srv1, "GET", "/sso/cli/poll/"+id, "", nil)).Map(t)
	if got["team_id"] != "only" || got["key"] != id {
		t.Errorf("single team = %v", got)
	}
}

func TestSSOStartFlow(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithSSOStartFlow())
	start := mustOK(t, call(t, srv, "POST", "/sso/cli/start", "", nil)).Map(t)
	id, _ := start["login_id"].(string)
	secret, _ := start["poll_secret"].(string)
	code, _ := start["user_code"].(string)
	if !strings.HasPrefix(id, "sk-") || !uuidRE.MatchString(strings.TrimPrefix(id, "sk-")) || len(secret) < 32 ||
		!regexp.MustCompile(`^[A-Z]{4}-[A-Z]{4}$`).MatchString(code) {
		t.Fatalf("start = %v", start)
	}
	hdr := func(s string) map[string][]string { return map[string][]string{"X-Litellm-Cli-Poll-Secret": {s}} }
	detail(t, callHeader(t, srv, "GET", "/sso/cli/poll/"+id, nil, nil), 403)
	detail(t, callHeader(t, srv, "GET", "/sso/cli/poll/"+id, nil, hdr("wrong")), 403)
	if got := mustOK(t, callHeader(t, srv, "GET", "/sso/cli/poll/"+id, nil, hdr(secret))).Map(t); got["status"] != "pending" {
		t.Errorf("pending = %v", got)
	}
	page := mustOK(t, call(t, srv, "GET", loginURL(id), "", nil))
	if !strings.Contains(string(page.Body), code) {
		t.Errorf("the page does not show the verification code: %s", page.Body)
	}
	mustOK(t, call(t, srv, "GET", approveURL(t, string(page.Body)), "", nil))
	got := mustOK(t, callHeader(t, srv, "GET", "/sso/cli/poll/"+id, nil, hdr(secret))).Map(t)
	if got["status"] != "ready" || got["key"] != id {
		t.Errorf("ready = %v", got)
	}
	detail(t, callHeader(t, srv, "GET", "/sso/cli/poll/"+id, nil, hdr("wrong")), 403)
}
