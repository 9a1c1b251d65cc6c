package spend

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestNewCmdSpend(t *testing.T) {
	t.Parallel()
	type newCmd func(*cmdutil.Factory, func(*Options) error) *cobra.Command
	tests := []struct {
		name, argv, wantErr string
		cmd                 newCmd
		want                Options
	}{
		{name: "logs", cmd: NewCmdLogs, argv: "", want: Options{Format: "table"}},
		{name: "logs filters", cmd: NewCmdLogs, argv: "--key sk-x --user u --request-id r --start 2026-01-01 --end 2026-01-02",
			want: Options{Format: "table", Key: "sk-x", User: "u", RequestID: "r", Start: "2026-01-01", End: "2026-01-02"}},
		{name: "logs half a range", cmd: NewCmdLogs, argv: "--end 2026-01-02", wantErr: "--start and --end go together"},
		{name: "logs positional", cmd: NewCmdLogs, argv: "x", wantErr: "unexpected argument(s): x"},
		{name: "tags", cmd: NewCmdTags, argv: "--start 2026-01-01", want: Options{Format: "table", Start: "2026-01-01"}},
		{name: "report", cmd: NewCmdReport, argv: "--start 2026-01-01 --end 2026-01-02 --group-by customer",
			want: Options{Start: "2026-01-01", End: "2026-01-02", GroupBy: "customer"}},
		{name: "report without dates", cmd: NewCmdReport, argv: "", wantErr: "--start and --end are required"},
		{name: "report bad group", cmd: NewCmdReport, argv: "--start a --end b --group-by x", wantErr: "group-by"},
		{name: "calculate", cmd: NewCmdCalculate, argv: "gpt-4o how much", want: Options{Model: "gpt-4o", Text: "how much"}},
		{name: "calculate no text", cmd: NewCmdCalculate, argv: "gpt-4o", wantErr: "a model and a text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, _ := cmdtest.NewFactory(nil, "")
			var got *Options
			err := cmdtest.Run(f, tt.cmd(f, func(o *Options) error { got = o; return nil }), tt.argv)
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

// TestSpendRun runs "spend logs" and "spend tags" against the emulator
// after a tagged chat.
func TestSpendRun(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	t.Cleanup(srv.Close)
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Chat.Completions.Create(t.Context(), &facade.ChatCompletionRequest{Model: "gpt-4o", User: "cust",
		Metadata: map[string]any{"tags": []string{"billing"}}, Messages: []facade.ChatMessage{facade.UserMessage("hi")}}); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"LITELLM_PROXY_URL": srv.URL, "LITELLM_PROXY_API_KEY": srv.MasterKey}
	tests := []struct {
		name, argv string
		cmd        func(*cmdutil.Factory, func(*Options) error) *cobra.Command
		wantOut    []string
	}{
		{name: "logs", cmd: NewCmdLogs, wantOut: []string{"Request ID\tTime\tModel", "\tgpt-4o\tlitellm_proxy_master_key\tdefault_user_id\tcust\t"}},
		{name: "tags json", cmd: NewCmdTags, argv: "--format json", wantOut: []string{`"individual_request_tag": "billing"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, ios := cmdtest.NewFactory(env, "")
			if err := cmdtest.Run(f, tt.cmd(f, nil), tt.argv); err != nil {
				t.Fatal(err)
			}
			out := ios.Out.String()
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}
