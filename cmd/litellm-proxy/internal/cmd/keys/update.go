package keys

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// UpdateOptions are the inputs of "keys update".
type UpdateOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Key    string
	Fields KeyFields
}

// NewCmdUpdate returns "keys update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*UpdateOptions) error) *cobra.Command {
	opts := &UpdateOptions{IO: f.IOStreams, Client: f.Client}
	var fl keyFlags
	cmd := &cobra.Command{
		Use:   "update KEY [flags]",
		Short: "Change a key's settings",
		Long: cmdutil.Heredoc(`
			Change the settings of the key KEY (the key or its hash) with POST
			/key/update and print the updated key as JSON. Only the settings given
			change; at least one is needed.`),
		Example: `  litellm-proxy keys update sk-1234abcd... --models gpt-4o --duration 7d
  litellm-proxy keys update sk-1234abcd... --team-id engineering`,
		Args: cmdutil.ExactArgs(1, "KEY is required: the key or its hash"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Key = args[0]
			if !anySet(cmd) {
				return cmdutil.FlagErrorf("nothing to update: give at least one of --models, --aliases, --spend, --duration, --key-alias, --team-id, --user-id, --budget-id, --config")
			}
			var err error
			if opts.Fields, err = fl.parse(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return updateRun(cmd.Context(), opts)
		},
	}
	fl.register(cmd.Flags())
	return cmd
}

func updateRun(ctx context.Context, opts *UpdateOptions) error {
	return cmdutil.JSONRunHiding(ctx, opts.IO, opts.Client, []string{opts.Key}, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Key, error) {
		k := opts.Fields
		req := &facade.KeyUpdateRequest{
			Key: opts.Key, Models: k.Models, Aliases: k.Aliases, Spend: k.Spend, Duration: k.Duration,
			KeyAlias: k.KeyAlias, TeamID: k.TeamID, UserID: k.UserID, BudgetID: k.BudgetID, Config: k.Config,
		}
		return c.Keys.Update(ctx, req, o)
	})
}
