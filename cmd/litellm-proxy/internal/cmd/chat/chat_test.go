package chat

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/facade"
)

func TestNewCmdCompletions(t *testing.T) {
	t.Parallel()
	f64 := func(v float64) *float64 { return &v }
	i := func(v int) *int { return &v }
	tests := []struct {
		name    string
		argv    string
		want    CompletionsOptions
		wantErr string
	}{
		{
			name: "upstream test",
			argv: `gpt-4 -m "user:Hello!" --temperature 0.7 --max-tokens 100`,
			want: CompletionsOptions{Model: "gpt-4", Messages: []facade.ChatMessage{facade.UserMessage("Hello!")},
				Temperature: f64(0.7), MaxTokens: i(100)},
		},
		{
			name: "all options, several messages, trimmed",
			argv: `gpt-4 -m "system: You are a helpful assistant " -m "user:a:b" --top-p 0.9 --n 1 --presence-penalty 0.5 --frequency-penalty 0.5 --user test-user -t 0 --stream`,
			want: CompletionsOptions{Model: "gpt-4",
				Messages:    []facade.ChatMessage{facade.SystemMessage("You are a helpful assistant"), facade.UserMessage("a:b")},
				Temperature: f64(0), TopP: f64(0.9), N: i(1), PresencePenalty: f64(0.5), FrequencyPenalty: f64(0.5),
				User: "test-user", Stream: true},
		},
		{name: "no message", argv: "gpt-4", wantErr: "At least one message is required"},
		{name: "bad message", argv: "gpt-4 -m invalid-format", wantErr: "Invalid message format: invalid-format. Expected format: 'role:content'"},
		{name: "empty role", argv: "gpt-4 -m :hi", wantErr: "Invalid message format: :hi."},
		{name: "no model", argv: "", wantErr: "MODEL is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, _ := cmdtest.NewFactory(nil, "")
			var got *CompletionsOptions
			err := cmdtest.Run(f, NewCmdCompletions(f, func(o *CompletionsOptions) error { got = o; return nil }), tt.argv)
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

func TestNewCmdChat(t *testing.T) {
	t.Parallel()
	f, _ := cmdtest.NewFactory(nil, "")
	var got *Options
	if err := cmdtest.Run(f, newCmdChat(f, func(o *Options) error { got = o; return nil }), "gpt-4o -s 'Be brief.' --max-tokens 50"); err != nil {
		t.Fatal(err)
	}
	if got.Model != "gpt-4o" || got.System != "Be brief." || got.Temperature != 0.7 || got.MaxTokens == nil || *got.MaxTokens != 50 {
		t.Errorf("options = %+v", got)
	}
}
