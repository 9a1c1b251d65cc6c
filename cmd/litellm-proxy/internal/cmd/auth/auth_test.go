package auth

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

func TestNewCmdLogin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		argv     string
		interval time.Duration
		timeout  time.Duration
		team     string
		noBrow   bool
		wantErr  string
	}{
		{argv: "", interval: 2 * time.Second, timeout: 5 * time.Minute},
		{argv: "--no-browser --poll-interval 100ms --login-timeout 1m --team t1", interval: 100 * time.Millisecond, timeout: time.Minute, team: "t1", noBrow: true},
		{argv: "--poll-interval -1s", wantErr: "--poll-interval must be positive"},
		{argv: "--login-timeout 0s", wantErr: "--login-timeout must be positive"},
		{argv: "extra", wantErr: "unexpected argument(s): extra"},
	}
	for _, tt := range tests {
		f, _ := cmdtest.NewFactory(nil, "")
		var got *LoginOptions
		err := cmdtest.Run(f, NewCmdLogin(f, func(o *LoginOptions) error { got = o; return nil }), tt.argv)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error = %v, want %q", tt.argv, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", tt.argv, err)
		}
		if got.PollInterval != tt.interval || got.LoginTimeout != tt.timeout || got.Team != tt.team || got.NoBrowser != tt.noBrow {
			t.Errorf("%q: got %+v", tt.argv, got)
		}
		if id := got.NewSessionID(); !strings.HasPrefix(id, "sk-") || len(id) != 39 {
			t.Errorf("session id %q, want sk-<uuid4>", id)
		}
	}
}

func TestSelectTeam(t *testing.T) {
	t.Parallel()
	var res facade.SSOPollResponse
	body := `{"status": "ready", "requires_team_selection": true, "teams": ["a", "b"],
		"team_details": [{"team_id": "a", "team_alias": "Alpha"}, {"team_id": "b", "team_alias": "Beta"}]}`
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		team, stdin string
		prompt      bool
		want        string
		wantErr     string
	}{
		{team: "b", want: "b"},
		{team: "Beta", want: "b"},
		{team: "skip", want: "a"},
		{team: "zzz", wantErr: `--team "zzz" is not one of your teams: a, b`},
		{wantErr: "pass --team with one of a, b"},
		{prompt: true, stdin: "x\n0\n2\n", want: "b"},
		{prompt: true, stdin: "skip\n", want: "a"},
		{prompt: true, stdin: "", wantErr: "cancelled"},
	}
	for _, tt := range tests {
		ios, in, _, _ := iostreams.Test()
		in.WriteString(tt.stdin)
		ios.SetStdinTTY(tt.prompt)
		ios.SetStdoutTTY(tt.prompt)
		got, err := selectTeam(t.Context(), &LoginOptions{IO: ios, Team: tt.team}, &res)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("team %q stdin %q: error = %v, want %q", tt.team, tt.stdin, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("team %q stdin %q: got %q, %v; want %q", tt.team, tt.stdin, got, err, tt.want)
		}
	}
}
