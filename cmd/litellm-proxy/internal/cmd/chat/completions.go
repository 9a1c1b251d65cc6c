package chat

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// CompletionsOptions are the inputs of "chat completions".
type CompletionsOptions struct {
	IO               *iostreams.IOStreams
	Client           func() (*facade.Client, error)
	Model            string
	Messages         []facade.ChatMessage
	Temperature      *float64
	TopP             *float64
	N                *int
	MaxTokens        *int
	PresencePenalty  *float64
	FrequencyPenalty *float64
	User             string
	Stream           bool
}

// NewCmdCompletions returns "chat completions".
func NewCmdCompletions(f *cmdutil.Factory, runF func(*CompletionsOptions) error) *cobra.Command {
	opts := &CompletionsOptions{IO: f.IOStreams, Client: f.Client}
	var messages []string
	var temperature, topP, presence, frequency float64
	var n, maxTokens int
	cmd := &cobra.Command{
		Use:   "completions [MODEL] -m 'role:content'... [flags]",
		Short: "Send a chat completion request",
		Long: cmdutil.Heredoc(`
			Send the messages to MODEL (POST /chat/completions) and print the completion
			as JSON, or with --stream print the reply's text as it arrives. Without
			MODEL the profile's model is used ('litellm-proxy config set model NAME').

			Each -m/--message is "role:content", split at the first colon, both parts
			trimmed; roles are system, user, assistant, ... At least one is required.
			Sampling flags are sent only when given.`),
		Example: `  litellm-proxy chat completions gpt-4o -m "user:Hello!"
  litellm-proxy chat completions gpt-4o -m "system:You are terse." -m "user:Name a colour." --temperature 0.2 --max-tokens 20
  litellm-proxy chat completions gpt-4o -m "user:Tell me a story" --stream`,
		Args: cmdutil.RangeArgs(0, 1, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Model = args[0]
			} else if opts.Model = cmdutil.ProfileSetting(f, facade.SettingModel); opts.Model == "" {
				return cmdutil.FlagErrorf("MODEL is required: the model to ask (or set one with 'litellm-proxy config set model NAME')")
			}
			if len(messages) == 0 {
				return cmdutil.FlagErrorf("At least one message is required")
			}
			var err error
			if opts.Messages, err = ParseMessages(messages); err != nil {
				return err
			}
			set := func(name string, v float64) *float64 {
				if cmdutil.Changed(cmd, name) {
					return cmdutil.Ptr(v)
				}
				return nil
			}
			opts.Temperature, opts.TopP = set("temperature", temperature), set("top-p", topP)
			opts.PresencePenalty, opts.FrequencyPenalty = set("presence-penalty", presence), set("frequency-penalty", frequency)
			if cmdutil.Changed(cmd, "n") {
				opts.N = cmdutil.Ptr(n)
			}
			if cmdutil.Changed(cmd, "max-tokens") {
				opts.MaxTokens = cmdutil.Ptr(maxTokens)
			}
			if runF != nil {
				return runF(opts)
			}
			return completionsRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringArrayVarP(&messages, "message", "m", nil, "Message 'role:content' (repeatable)")
	fs.Float64VarP(&temperature, "temperature", "t", 0, "Sampling temperature")
	fs.Float64Var(&topP, "top-p", 0, "Nucleus sampling probability")
	fs.IntVar(&n, "n", 0, "Number of choices")
	fs.IntVar(&maxTokens, "max-tokens", 0, "Maximum tokens to generate")
	fs.Float64Var(&presence, "presence-penalty", 0, "Presence penalty")
	fs.Float64Var(&frequency, "frequency-penalty", 0, "Frequency penalty")
	fs.StringVar(&opts.User, "user", "", "End-user id to report")
	fs.BoolVar(&opts.Stream, "stream", false, "Print the reply as it arrives")
	return cmd
}

// ParseMessages parses -m values into messages; a bad one is a usage error
// with upstream's message.
func ParseMessages(values []string) ([]facade.ChatMessage, error) {
	out := make([]facade.ChatMessage, 0, len(values))
	for _, v := range values {
		role, content, err := cmdutil.ParseMessage(v)
		if err != nil {
			return nil, cmdutil.FlagErrorWrap(err)
		}
		out = append(out, facade.ChatMessage{Role: facade.ChatMessageRole(role), Content: content})
	}
	return out, nil
}

func completionsRun(ctx context.Context, opts *CompletionsOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	req := &facade.ChatCompletionRequest{
		Model: opts.Model, Messages: opts.Messages, Temperature: opts.Temperature, TopP: opts.TopP,
		N: opts.N, MaxTokens: opts.MaxTokens, PresencePenalty: opts.PresencePenalty,
		FrequencyPenalty: opts.FrequencyPenalty, User: opts.User,
	}
	if !opts.Stream {
		res, err := c.Chat.Completions.Create(ctx, req)
		if err != nil {
			return err
		}
		if raw := res.RawJSON(); len(raw) > 0 {
			return output.PrintJSON(opts.IO, raw)
		}
		return output.PrintJSON(opts.IO, res)
	}
	s, err := c.Chat.Completions.Stream(ctx, req)
	if err != nil {
		return err
	}
	defer s.Close()
	text, err := cmdutil.PrintStream(opts.IO.Out, s)
	if text != "" {
		fmt.Fprintln(opts.IO.Out)
	}
	return err
}
