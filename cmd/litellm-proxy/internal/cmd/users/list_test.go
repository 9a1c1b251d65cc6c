package users

import (
	"regexp"
	"testing"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestListRun runs "users list" against the emulator: one page and every
// page (Users.All), as a table and as the JSON list of users.
func TestListRun(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	t.Cleanup(srv.Close)
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []*facade.UserNewRequest{
		{UserID: "u1", UserEmail: "a@b.c", UserRole: facade.UserRoleInternalUser},
		{UserID: "u2", UserRole: facade.UserRoleProxyAdmin},
	} {
		if _, err := c.Users.Create(t.Context(), req); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"LITELLM_PROXY_URL": srv.URL, "LITELLM_PROXY_API_KEY": srv.MasterKey}
	tests := []struct {
		name, argv string
		want       []string // regular expressions, each matching a line of stdout
		notWant    string
	}{
		{
			name: "table", argv: "",
			want: []string{`^User ID\tEmail\tRole\tTeams$`, `^u1\ta@b\.c\tinternal_user\t$`, `^u2\tNone\tproxy_admin\t$`},
		},
		{name: "one page", argv: "--page-size 1 --format json", want: []string{`^\[$`, `^    "user_id": "u1",$`}, notWant: `"user_id": "u2"`},
		{name: "every page", argv: "--all --page-size 1 --format json", want: []string{`^\[$`, `^    "user_id": "u1",$`, `^    "user_id": "u2",$`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, st := cmdtest.NewFactory(env, "")
			if err := cmdtest.Run(f, NewCmdList(f, nil), tt.argv); err != nil {
				t.Fatal(err)
			}
			for _, re := range tt.want {
				if !regexp.MustCompile("(?m)" + re).MatchString(st.Out.String()) {
					t.Errorf("stdout lacks %s:\n%s", re, st.Out)
				}
			}
			if tt.notWant != "" && regexp.MustCompile(tt.notWant).MatchString(st.Out.String()) {
				t.Errorf("stdout has %s:\n%s", tt.notWant, st.Out)
			}
		})
	}
}
