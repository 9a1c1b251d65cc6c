package keys

import (
	"regexp"
	"strings"
	"testing"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestListRun runs "keys list" against the emulator: one page and every
// page (Keys.All), as a table piped and on a terminal, and as JSON.
func TestListRun(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	t.Cleanup(srv.Close)
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	if err != nil {
		t.Fatal(err)
	}
	spend := 2.5
	for _, req := range []*facade.KeyGenerateRequest{{KeyAlias: "a", UserID: "u1", Spend: &spend}, {KeyAlias: "b"}, {}} {
		if _, err := c.Keys.Generate(t.Context(), req); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"LITELLM_PROXY_URL": srv.URL, "LITELLM_PROXY_API_KEY": srv.MasterKey}
	tests := []struct {
		name, argv string
		tty        bool
		wantOut    []string // regular expressions, each matching a line
		wantErrOut string
	}{
		{
			name: "one page, piped", argv: "--size 2",
			wantOut:    []string{`^Key Hash\tAlias\tUser ID\tTeam ID\tSpend$`, `^[0-9a-f]{64}\tNone\tNone\tNone\t0$`, `^[0-9a-f]{64}\tb\tNone\tNone\t0$`},
			wantErrOut: "Showing 2 keys out of 3\n",
		},
		{
			name: "every page, piped", argv: "--all --size 1",
			wantOut:    []string{`^[0-9a-f]{64}\ta\tu1\tNone\t2\.5$`, `\tb\tNone\t`, `^[0-9a-f]{64}\tNone\tNone\tNone\t0$`},
			wantErrOut: "Showing 3 keys out of 3\n",
		},
		{
			name: "on a terminal", argv: "--all", tty: true,
			wantOut: []string{`^Showing 3 keys out of 3$`, `^\s+API Keys$`, `^Key Hash\s+Alias\s+User ID\s+Team ID\s+Spend$`},
		},
		{
			name: "every page as JSON", argv: "--all --size 2 --format json",
			wantOut: []string{`^  "keys": \[$`, `^  "total_count": 3$`, `^      "key_alias": "a",$`, `^      "key_alias": "b",$`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, st := cmdtest.NewFactory(env, "")
			f.IOStreams.SetStdoutTTY(tt.tty)
			if err := cmdtest.Run(f, NewCmdList(f, nil), tt.argv); err != nil {
				t.Fatal(err)
			}
			for _, re := range tt.wantOut {
				if !regexp.MustCompile("(?m)" + re).MatchString(st.Out.String()) {
					t.Errorf("stdout lacks %s:\n%s", re, st.Out)
				}
			}
			if st.ErrOut.String() != tt.wantErrOut {
				t.Errorf("stderr = %q, want %q", st.ErrOut, tt.wantErrOut)
			}
			if !strings.Contains(tt.argv, "json") && strings.Contains(st.Out.String(), "sk-") {
				t.Errorf("a key is shown:\n%s", st.Out)
			}
		})
	}
}
