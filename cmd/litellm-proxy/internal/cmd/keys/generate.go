package keys

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// GenerateOptions are the inputs of "keys generate".
type GenerateOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Fields KeyFields
}

// NewCmdGenerate returns "keys generate".
func NewCmdGenerate(f *cmdutil.Factory, runF func(*GenerateOptions) error) *cobra.Command {
	opts := &GenerateOptions{IO: f.IOStreams, Client: f.Client}
	var fl keyFlags
	cmd := &cobra.Command{
		Use:   "generate [flags]",
		Short: "Generate a new key",
		Long: cmdutil.Heredoc(`
			Generate a virtual key (POST /key/generate) and print the proxy's answer as
			JSON. The answer holds the new key in full ("key"): the proxy shows it only
			this once, so store it now. Every flag is optional.`),
		Example: `  litellm-proxy keys generate
  litellm-proxy keys generate --models gpt-4o,claude-3-5-sonnet --duration 30d --key-alias ci
  litellm-proxy keys generate --team-id engineering --aliases '{"gpt4": "gpt-4o"}' --config '{"max_parallel_requests": 5}'`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Fields, err = fl.parse(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return generateRun(cmd.Context(), opts)
		},
	}
	fl.register(cmd.Flags())
	return cmd
}

// GenerateRequest builds the request body from the fields.
func GenerateRequest(k KeyFields) *facade.KeyGenerateRequest {
	return &facade.KeyGenerateRequest{
		Models: k.Models, Aliases: k.Aliases, Spend: k.Spend, Duration: k.Duration, KeyAlias: k.KeyAlias,
		TeamID: k.TeamID, UserID: k.UserID, BudgetID: k.BudgetID, Config: k.Config,
	}
}

func generateRun(ctx context.Context, opts *GenerateOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.KeyGenerateResponse, error) {
		return c.Keys.Generate(ctx, GenerateRequest(opts.Fields), o)
	})
}
