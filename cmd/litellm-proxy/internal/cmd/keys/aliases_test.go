package keys

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestNewCmdAliases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, argv, wantErr string
		want                AliasesOptions
	}{
		{name: "none", argv: "", want: AliasesOptions{Format: "table"}},
		{name: "filters", argv: "--search prod --team-id t1", want: AliasesOptions{Format: "table", Search: "prod", TeamID: "t1"}},
		{name: "positional", argv: "x", wantErr: "unexpected argument(s): x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, _ := cmdtest.NewFactory(nil, "")
			var got *AliasesOptions
			err := cmdtest.Run(f, NewCmdAliases(f, func(o *AliasesOptions) error { got = o; return nil }), tt.argv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.IO, got.Client = nil, nil
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAliasesAndHealthRun runs "keys aliases" and "keys health" against
// the emulator.
func TestAliasesAndHealthRun(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	t.Cleanup(srv.Close)
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	if err != nil {
		t.Fatal(err)
	}
	for _, alias := range []string{"prod-b", "staging", "prod-a"} {
		if _, err := c.Keys.Generate(t.Context(), &facade.KeyGenerateRequest{KeyAlias: alias}); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"LITELLM_PROXY_URL": srv.URL, "LITELLM_PROXY_API_KEY": srv.MasterKey}
	tests := []struct {
		name, argv string
		health     bool
		wantOut    string
	}{
		{name: "table", argv: "--search PROD", wantOut: "Alias\nprod-a\nprod-b\n"},
		{name: "json", argv: "--format json", wantOut: "[\n  \"prod-a\",\n  \"prod-b\",\n  \"staging\"\n]\n"},
		{name: "none found", argv: "--search nope", wantOut: ""},
		{name: "health", health: true, wantOut: "{\n  \"key\": \"healthy\",\n  \"logging_callbacks\": null\n}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, st := cmdtest.NewFactory(env, "")
			cmd := NewCmdAliases(f, nil)
			if tt.health {
				cmd = NewCmdHealth(f, nil)
			}
			if err := cmdtest.Run(f, cmd, tt.argv); err != nil {
				t.Fatal(err)
			}
			if got := regexp.MustCompile(`[ \t]+\n`).ReplaceAllString(st.Out.String(), "\n"); got != tt.wantOut {
				t.Errorf("stdout = %q, want %q", got, tt.wantOut)
			}
		})
	}
}
