package keys

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// BulkUpdateOptions are the inputs of "keys bulk-update".
type BulkUpdateOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Keys   []string
	// Item holds the fields every key gets (its Key is empty).
	Item facade.KeyBulkUpdateItem
}

// NewCmdBulkUpdate returns "keys bulk-update".
func NewCmdBulkUpdate(f *cmdutil.Factory, runF func(*BulkUpdateOptions) error) *cobra.Command {
	opts := &BulkUpdateOptions{IO: f.IOStreams, Client: f.Client}
	var maxBudget float64
	var tags string
	cmd := &cobra.Command{
		Use:   "bulk-update KEY...",
		Short: "Update several keys at once",
		Long: cmdutil.Heredoc(`
			Give every KEY (keys or their hashes, at most 500) the settings the flags
			name, with POST /key/bulk_update (proxy admins only). Each key is updated on
			its own: the JSON printed lists the keys updated under successful_updates
			and the others, with the reason, under failed_updates.`),
		Example: `  litellm-proxy keys bulk-update sk-1234abcd... sk-5678efgh... --max-budget 100
  litellm-proxy keys bulk-update 88dc28d0f030c55e... --team-id team-a --budget-id b-monthly`,
		Args: cmdutil.MinimumArgs(1, "KEY is required: one or more keys or their hashes"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Keys = args
			if cmdutil.Changed(cmd, "max-budget") {
				opts.Item.MaxBudget = cmdutil.Ptr(maxBudget)
			}
			opts.Item.Tags = cmdutil.SplitCSV(tags)
			if opts.Item.MaxBudget == nil && opts.Item.TeamID == "" && opts.Item.BudgetID == "" && len(opts.Item.Tags) == 0 {
				return cmdutil.FlagErrorf("nothing to update: give --max-budget, --team-id, --budget-id or --tags")
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRunHiding(cmd.Context(), opts.IO, opts.Client, opts.Keys,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.KeyBulkUpdateResponse, error) {
					items := make([]facade.KeyBulkUpdateItem, len(opts.Keys))
					for i, k := range opts.Keys {
						items[i] = opts.Item
						items[i].Key = k
					}
					return c.Keys.BulkUpdate(ctx, items, o)
				})
		},
	}
	cmd.Flags().Float64Var(&maxBudget, "max-budget", 0, "Maximum budget of each key")
	cmd.Flags().StringVar(&opts.Item.TeamID, "team-id", "", "Team to move each key to")
	cmd.Flags().StringVar(&opts.Item.BudgetID, "budget-id", "", "Budget to attach to each key")
	cmd.Flags().StringVar(&tags, "tags", "", "Comma-separated tags (Enterprise proxies only)")
	return cmd
}
