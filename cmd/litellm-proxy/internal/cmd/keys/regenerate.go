package keys

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// RegenerateOptions are the inputs of "keys regenerate".
type RegenerateOptions struct {
	IO          *iostreams.IOStreams
	Client      func() (*facade.Client, error)
	Key         string
	GracePeriod string
}

// NewCmdRegenerate returns "keys regenerate".
func NewCmdRegenerate(f *cmdutil.Factory, runF func(*RegenerateOptions) error) *cobra.Command {
	opts := &RegenerateOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "regenerate KEY",
		Short: "Replace a key with a new value",
		Long: cmdutil.Heredoc(`
			Give the key KEY (the key or its hash) a new value, keeping its settings
			(POST /key/{key}/regenerate), and print the proxy's answer as JSON, with
			the new key in full: store it now. The old value stops working, after
			--grace-period if given. The proxy offers this on enterprise licences.`),
		Example: `  litellm-proxy keys regenerate sk-1234abcd...
  litellm-proxy keys regenerate sk-1234abcd... --grace-period 24h`,
		Args: cmdutil.ExactArgs(1, "KEY is required: the key or its hash"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Key = args[0]
			if runF != nil {
				return runF(opts)
			}
			return regenerateRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.GracePeriod, "grace-period", "", "How long the old value keeps working, e.g. 24h")
	return cmd
}

func regenerateRun(ctx context.Context, opts *RegenerateOptions) error {
	return cmdutil.JSONRunHiding(ctx, opts.IO, opts.Client, []string{opts.Key}, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.KeyGenerateResponse, error) {
		var req *facade.KeyRegenerateRequest
		if opts.GracePeriod != "" {
			req = &facade.KeyRegenerateRequest{GracePeriod: opts.GracePeriod}
		}
		return c.Keys.Regenerate(ctx, opts.Key, req, o)
	})
}
