package facade

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestSSOService_LoginURL(t *testing.T) {
	t.Parallel()
	c, err := New("https://gw.example.com/litellm/")
	if err != nil {
		t.Fatal(err)
	}
	got := c.SSO.LoginURL("sk-session-1", "sk-old key&x=1")
	u, err := url.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	if u.Path != "/litellm/sso/key/generate" {
		t.Errorf("path = %s", u.Path)
	}
	want := url.Values{"source": {"litellm-cli"}, "key": {"sk-session-1"}, "existing_key": {"sk-old key&x=1"}}
	if u.Query().Encode() != want.Encode() {
		t.Errorf("query = %v, want %v (existing_key URL-encoded)", u.Query(), want)
	}
	if strings.Contains(c.SSO.LoginURL("sk-s", ""), "existing_key") {
		t.Error("existing_key sent without a stored key")
	}
}

func TestSSOService_Poll(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("GET /sso/cli/poll/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") != "sk-session-1" {
			t.Errorf("id = %s", r.PathValue("id"))
		}
		testHeader(t, r, "Authorization", "") // the poll carries no API key
		testHeader(t, r, "X-Litellm-Cli-Poll-Secret", "s3cret")
		testQuery(t, r, url.Values{"team_id": {"team-b"}})
		writeJSON(w, 200, `{"status":"ready","key":"sk-session-1","user_id":"u1","team_id":"team-b","teams":["team-a","team-b"],
			"team_details":[{"team_id":"team-a","team_alias":"A"}]}`)
	})
	got, err := c.SSO.Poll(t.Context(), "sk-session-1", &SSOPollOptions{TeamID: "team-b", PollSecret: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != SSOStatusReady || got.TeamID != "team-b" || got.TeamDetails[0] != (SSOTeamDetail{TeamID: "team-a", TeamAlias: "A"}) {
		t.Errorf("got %+v", got)
	}
	if _, err := c.SSO.Poll(t.Context(), "..", nil); err == nil {
		t.Error("a dot-segment key id was accepted")
	}
}

func TestSSOService_Start(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("POST /sso/cli/start", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Authorization", "")
		writeJSON(w, 200, `{"login_id":"sk-l","poll_secret":"p","user_code":"ABCD-EFGH"}`)
	})
	got, err := c.SSO.Start(t.Context())
	if err != nil || got.UserCode != "ABCD-EFGH" {
		t.Fatalf("got %+v, %v", got, err)
	}
	c2, mux2, _ := setup(t)
	mux2.HandleFunc("POST /sso/cli/start", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 404, `{"detail":"Not Found"}`)
	})
	if _, err := c2.SSO.Start(t.Context()); !errors.Is(err, ErrNotFound) {
		t.Errorf("an older proxy: err = %v, want ErrNotFound", err)
	}
}
