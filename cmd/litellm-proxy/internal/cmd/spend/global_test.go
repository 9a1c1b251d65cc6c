package spend

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestNewCmdGlobal(t *testing.T) {
	t.Parallel()
	f, _ := cmdtest.NewFactory(nil, "")
	var got *GlobalOptions
	if err := cmdtest.Run(f, NewCmdGlobalTags(f, func(o *GlobalOptions) error { got = o; return nil }), "--start 2026-01-01 --end 2026-01-31 --tag a,b"); err != nil {
		t.Fatal(err)
	}
	got.IO, got.Client = nil, nil
	if diff := cmp.Diff(GlobalOptions{Format: "table", Start: "2026-01-01", End: "2026-01-31", Tags: []string{"a", "b"}}, *got); diff != "" {
		t.Errorf("options (-want +got):\n%s", diff)
	}
	f, _ = cmdtest.NewFactory(nil, "")
	if err := cmdtest.Run(f, NewCmdGlobalTags(f, func(*GlobalOptions) error { return nil }), "--start 2026-01-01"); err == nil ||
		!strings.Contains(err.Error(), "--start and --end are required") {
		t.Errorf("no end: %v", err)
	}
	// Without a terminal, reset needs --yes.
	f, _ = cmdtest.NewFactory(nil, "")
	err := cmdtest.Run(f, NewCmdReset(f, func(*GlobalOptions) error { return nil }), "")
	var fe *cmdutil.FlagError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "--yes is required") {
		t.Errorf("reset without --yes: %v", err)
	}
	f, _ = cmdtest.NewFactory(nil, "")
	got = nil
	if err := cmdtest.Run(f, NewCmdReset(f, func(o *GlobalOptions) error { got = o; return nil }), "-y"); err != nil || !got.Yes {
		t.Errorf("reset -y: %v %+v", err, got)
	}
}

// TestResetRun resets against the emulator: on a terminal it asks, and
// only "reset" goes on.
func TestResetRun(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	t.Cleanup(srv.Close)
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	if err != nil {
		t.Fatal(err)
	}
	k, err := c.Keys.Generate(t.Context(), &facade.KeyGenerateRequest{})
	if err != nil {
		t.Fatal(err)
	}
	user, _ := facade.New(srv.URL, facade.WithAPIKey(k.Key))
	if _, err := user.Chat.Completions.Create(t.Context(), &facade.ChatCompletionRequest{Model: "gpt-4o",
		Messages: []facade.ChatMessage{facade.UserMessage("hi")}, Metadata: map[string]any{"tags": []string{"prod"}}}); err != nil {
		t.Fatal(err)
	}
	keySpend := func() float64 {
		info, err := c.Keys.Info(t.Context(), k.Key)
		if err != nil {
			t.Fatal(err)
		}
		return info.Info.Spend
	}
	if keySpend() == 0 {
		t.Fatal("no spend booked")
	}
	env := map[string]string{"LITELLM_PROXY_URL": srv.URL, "LITELLM_PROXY_API_KEY": srv.MasterKey}
	for _, tt := range []struct {
		answer  string
		wantErr error
	}{{"no\n", cmdutil.ErrCancel}, {"reset\n", nil}} {
		f, st := cmdtest.NewFactory(env, "")
		f.IOStreams.SetStdinTTY(true)
		f.IOStreams.SetStdoutTTY(true)
		st.In.WriteString(tt.answer)
		err := cmdtest.Run(f, NewCmdReset(f, nil), "")
		if !errors.Is(err, tt.wantErr) {
			t.Fatalf("answer %q: err %v, want %v", tt.answer, err, tt.wantErr)
		}
		if !strings.Contains(st.Out.String(), `Type "reset" to continue`) {
			t.Errorf("answer %q: no prompt: %s", tt.answer, st.Out)
		}
		if got := keySpend(); (got == 0) != (tt.wantErr == nil) {
			t.Errorf("answer %q: key spend %v", tt.answer, got)
		}
		if tt.wantErr == nil && !strings.Contains(st.Out.String(), `"status": "success"`) {
			t.Errorf("answer %q: stdout %s", tt.answer, st.Out)
		}
	}
	day := time.Now().UTC().Format(time.DateOnly)
	f, st := cmdtest.NewFactory(env, "")
	if err := cmdtest.Run(f, NewCmdGlobalTags(f, nil), "--start "+day+" --end "+day+" --tag prod"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(st.Out.String(), "prod\t1\t") {
		t.Errorf("global-tags after the reset (the logs stay): %s", st.Out)
	}
}
