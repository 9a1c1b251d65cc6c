package tags

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestNewCmdAnalytics(t *testing.T) {
	t.Parallel()
	type newCmd func(*cmdutil.Factory, func(*AnalyticsOptions) error) *cobra.Command
	tests := []struct {
		name, argv, wantErr string
		cmd                 newCmd
		want                AnalyticsOptions
	}{
		{name: "activity", cmd: NewCmdActivity, argv: "--start-date 2026-01-01 --end-date 2026-01-31 --tag a,b --tag c --model m --api-key h --page 2 --page-size 5",
			want: AnalyticsOptions{Format: "table", Start: "2026-01-01", End: "2026-01-31", Tags: []string{"a", "b", "c"}, Model: "m", APIKey: "h", Page: 2, Size: 5}},
		{name: "activity no dates", cmd: NewCmdActivity, argv: "--tag a", wantErr: "--start-date and --end-date are required"},
		{name: "summary", cmd: NewCmdSummary, argv: "--start-date 2026-01-01 --end-date 2026-01-31 --contains curl",
			want: AnalyticsOptions{Format: "table", Start: "2026-01-01", End: "2026-01-31", Contains: "curl"}},
		{name: "summary no end", cmd: NewCmdSummary, argv: "--start-date 2026-01-01", wantErr: "--start-date and --end-date are required"},
		{name: "distinct", cmd: NewCmdDistinct, argv: "", want: AnalyticsOptions{Format: "table"}},
		{name: "distinct positional", cmd: NewCmdDistinct, argv: "x", wantErr: "unexpected argument(s): x"},
		{name: "active users default", cmd: NewCmdActiveUsers, argv: "", want: AnalyticsOptions{Format: "table", Period: "dau"}},
		{name: "active users mau", cmd: NewCmdActiveUsers, argv: "--period mau --tag prod",
			want: AnalyticsOptions{Format: "table", Period: "mau", Tags: []string{"prod"}}},
		{name: "active users bad period", cmd: NewCmdActiveUsers, argv: "--period year", wantErr: "period"},
		{name: "user usage", cmd: NewCmdUserUsage, argv: "--page 3 --page-size 20", want: AnalyticsOptions{Format: "table", Page: 3, Size: 20}},
		{name: "user usage big page", cmd: NewCmdUserUsage, argv: "--page-size 1001", wantErr: "page-size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, _ := cmdtest.NewFactory(nil, "")
			var got *AnalyticsOptions
			err := cmdtest.Run(f, tt.cmd(f, func(o *AnalyticsOptions) error { got = o; return nil }), tt.argv)
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

// TestAnalyticsRun runs the tag analytics commands against the emulator
// after a tagged chat by a user's key.
func TestAnalyticsRun(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	t.Cleanup(srv.Close)
	admin, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	if err != nil {
		t.Fatal(err)
	}
	u, err := admin.Users.Create(t.Context(), &facade.UserNewRequest{UserID: "alice", UserEmail: "alice@example.com", UserRole: "internal_user"})
	if err != nil {
		t.Fatal(err)
	}
	alice, _ := facade.New(srv.URL, facade.WithAPIKey(u.Key))
	if _, err := alice.Chat.Completions.Create(t.Context(), &facade.ChatCompletionRequest{Model: "gpt-4o",
		Messages: []facade.ChatMessage{facade.UserMessage("hi")}, Metadata: map[string]any{"tags": []string{"prod"}}}); err != nil {
		t.Fatal(err)
	}
	day := time.Now().UTC().Format(time.DateOnly)
	dates := " --start-date " + day + " --end-date " + day
	env := map[string]string{"LITELLM_PROXY_URL": srv.URL, "LITELLM_PROXY_API_KEY": srv.MasterKey}
	for _, tt := range []struct {
		cmd        func(*cmdutil.Factory, func(*AnalyticsOptions) error) *cobra.Command
		argv, want string
	}{
		{NewCmdActivity, dates + " --tag prod", `(?m)^` + day + `\t\S+\t1\t0\t\d+$`},
		{NewCmdActivity, dates + " --format json", `"total_api_requests": 3`},
		{NewCmdSummary, dates + " --tag prod", `(?m)^prod\t1\t1\t0\t\d+\t`},
		{NewCmdSummary, dates + " --tag prod --format json", `(?s)^\[\s*\{.*"tag": "prod".*\}\s*\]\s*$`},
		{NewCmdDistinct, "", `(?m)^prod$`},
		{NewCmdDistinct, "--format json", `"tag": "prod"`},
		{NewCmdActiveUsers, "--tag prod", `(?m)^prod\t` + day + `\t-\t-\t1$`},
		{NewCmdActiveUsers, "--period wau --tag prod", `(?m)^prod\tWeek 7 \(\w{3} \d\d\)\t\S+ 00:00:00\t\S+ 00:00:00\t1$`},
		{NewCmdUserUsage, "--tag prod", `(?m)^alice\talice@example.com\tprod\t1\t0\t\d+\t`},
		{NewCmdUserUsage, "--page 1 --format json", `"user_id": "alice"`},
	} {
		f, st := cmdtest.NewFactory(env, "")
		if err := cmdtest.Run(f, tt.cmd(f, nil), tt.argv); err != nil {
			t.Fatalf("%s: %v", tt.argv, err)
		}
		if !regexp.MustCompile(tt.want).MatchString(st.Out.String()) {
			t.Errorf("%s: stdout lacks %s:\n%s", tt.argv, tt.want, st.Out)
		}
	}
}
