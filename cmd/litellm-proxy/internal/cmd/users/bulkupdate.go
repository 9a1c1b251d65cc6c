package users

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// BulkUpdateOptions are the inputs of "users bulk-update".
type BulkUpdateOptions struct {
	IO        *iostreams.IOStreams
	Client    func() (*facade.Client, error)
	UserIDs   []string
	All       bool
	Role      string
	Alias     string
	MaxBudget *float64
}

// NewCmdBulkUpdate returns "users bulk-update".
func NewCmdBulkUpdate(f *cmdutil.Factory, runF func(*BulkUpdateOptions) error) *cobra.Command {
	opts := &BulkUpdateOptions{IO: f.IOStreams, Client: f.Client}
	var maxBudget float64
	cmd := &cobra.Command{
		Use:   "bulk-update (USER_ID... | --all) [--role ROLE] [--alias ALIAS] [--max-budget USD]",
		Short: "Change several users at once",
		Long: cmdutil.Heredoc(`
			Give the users USER_ID... (or, with --all, every user of the proxy) the
			settings the flags name, with POST /user/bulk_update (proxy admins only; at
			most 500 users). As "users update" does, an unknown USER_ID is created. The
			JSON printed has one result a user, with success and the error of those that
			failed.`),
		Example: `  litellm-proxy users bulk-update u1 u2 u3 --max-budget 50
  litellm-proxy users bulk-update --all --role internal_user_viewer`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.UserIDs = args
			if opts.All == (len(args) > 0) {
				return cmdutil.FlagErrorf("give either USER_ID... or --all")
			}
			if !cmdutil.Changed(cmd, "role") && !cmdutil.Changed(cmd, "alias") && !cmdutil.Changed(cmd, "max-budget") {
				return cmdutil.FlagErrorf("nothing to update: give at least one of --role, --alias, --max-budget")
			}
			if cmdutil.Changed(cmd, "max-budget") {
				opts.MaxBudget = cmdutil.Ptr(maxBudget)
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.UserBulkUpdateResponse, error) {
					fields := facade.UserUpdateRequest{UserAlias: opts.Alias, MaxBudget: opts.MaxBudget}
					if opts.Role != "" {
						if err := cmdutil.Fill(&fields, map[string]any{"user_role": opts.Role}); err != nil {
							return nil, err
						}
					}
					if opts.All {
						return c.Users.UpdateAll(ctx, &fields, o)
					}
					users := make([]facade.UserUpdateRequest, len(opts.UserIDs))
					for i, id := range opts.UserIDs {
						users[i] = fields
						users[i].UserID = id
					}
					return c.Users.BulkUpdate(ctx, users, o)
				})
		},
	}
	fs := cmd.Flags()
	fs.BoolVar(&opts.All, "all", false, "Update every user of the proxy")
	cmdutil.StringEnumFlag(fs, &opts.Role, "role", "", "New role", Roles...)
	fs.StringVar(&opts.Alias, "alias", "", "New display name")
	fs.Float64Var(&maxBudget, "max-budget", 0, "New maximum budget, in USD")
	return cmd
}
