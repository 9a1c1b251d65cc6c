package users

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestNewCmdActivity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, argv, wantErr string
		want                facade.UserActivityOptions
	}{
		{name: "range", argv: "--start-date 2026-01-01 --end-date 2026-01-31",
			want: facade.UserActivityOptions{Start: "2026-01-01", End: "2026-01-31"}},
		{name: "all", argv: "--start-date 2026-01-01 --end-date 2026-01-31 --user-id u1 --model m --page 2 --page-size 10",
			want: facade.UserActivityOptions{Start: "2026-01-01", End: "2026-01-31", UserID: "u1", Model: "m", Page: 2, Size: 10}},
		{name: "no dates", argv: "--user-id u1", wantErr: "--start-date and --end-date are required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, _ := cmdtest.NewFactory(nil, "")
			var got *ActivityOptions
			err := cmdtest.Run(f, NewCmdActivity(f, func(o *ActivityOptions) error { got = o; return nil }), tt.argv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got.UserActivityOptions); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

// TestActivityRun runs "users activity" against the emulator after a chat.
func TestActivityRun(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	t.Cleanup(srv.Close)
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Chat.Completions.Create(t.Context(), &facade.ChatCompletionRequest{Model: "gpt-4o",
		Messages: []facade.ChatMessage{facade.UserMessage("hi")}}); err != nil {
		t.Fatal(err)
	}
	day := time.Now().UTC().Format(time.DateOnly)
	env := map[string]string{"LITELLM_PROXY_URL": srv.URL, "LITELLM_PROXY_API_KEY": srv.MasterKey}
	for _, tt := range []struct{ argv, want string }{
		{argv: "--start-date " + day + " --end-date " + day, want: `(?m)^` + day + `\t\S+\t1\t0\t\d+$`},
		{argv: "--start-date " + day + " --end-date " + day + " --format json", want: `"total_api_requests": 1`},
	} {
		f, st := cmdtest.NewFactory(env, "")
		if err := cmdtest.Run(f, NewCmdActivity(f, nil), tt.argv); err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(tt.want).MatchString(st.Out.String()) {
			t.Errorf("%s: stdout lacks %s:\n%s", tt.argv, tt.want, st.Out)
		}
	}
}
