package keys

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// ResetSpendOptions are the inputs of "keys reset-spend".
type ResetSpendOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Key    string
	To     float64
}

// NewCmdResetSpend returns "keys reset-spend".
func NewCmdResetSpend(f *cmdutil.Factory, runF func(*ResetSpendOptions) error) *cobra.Command {
	opts := &ResetSpendOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "reset-spend KEY",
		Short: "Reset a key's spend",
		Long: cmdutil.Heredoc(`
			Set the spend of the key KEY (the key or its hash) to --to (0 unless given)
			with POST /key/{key}/reset_spend. The value must be between 0 and the key's
			current spend, and not above its budget. Proxy admins and admins of the
			key's team may. Prints the key's hash, new and previous spend as JSON.`),
		Example: `  litellm-proxy keys reset-spend sk-1234abcd...
  litellm-proxy keys reset-spend 88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b --to 2.5`,
		Args: cmdutil.ExactArgs(1, "KEY is required: the key or its hash"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Key = args[0]
			if opts.To < 0 {
				return cmdutil.FlagErrorf("--to must be 0 or more")
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRunHiding(cmd.Context(), opts.IO, opts.Client, []string{opts.Key},
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.KeyResetSpendResponse, error) {
					return c.Keys.ResetSpend(ctx, opts.Key, opts.To, o)
				})
		},
	}
	cmd.Flags().Float64Var(&opts.To, "to", 0, "The new spend (between 0 and the current spend)")
	return cmd
}
