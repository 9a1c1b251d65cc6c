package users

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// UpdateOptions are the inputs of "users update".
type UpdateOptions struct {
	IO        *iostreams.IOStreams
	Client    func() (*facade.Client, error)
	UserID    string
	Email     string
	Role      string
	Alias     string
	MaxBudget *float64
}

// NewCmdUpdate returns "users update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*UpdateOptions) error) *cobra.Command {
	opts := &UpdateOptions{IO: f.IOStreams, Client: f.Client}
	var maxBudget float64
	cmd := &cobra.Command{
		Use:   "update --id USER_ID [--email EMAIL] [--role ROLE] [--alias ALIAS] [--max-budget USD]",
		Short: "Change a user",
		Long: cmdutil.Heredoc(`
			Change the user USER_ID (POST /user/update) and print the proxy's answer as
			JSON. Only the settings given change; at least one is needed.`),
		Example: `  litellm-proxy users update --id u1 --role proxy_admin
  litellm-proxy users update --id u1 --max-budget 100`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.UserID == "" {
				return cmdutil.FlagErrorf("--id USER_ID is required")
			}
			if !cmdutil.Changed(cmd, "email") && !cmdutil.Changed(cmd, "role") && !cmdutil.Changed(cmd, "alias") && !cmdutil.Changed(cmd, "max-budget") {
				return cmdutil.FlagErrorf("nothing to update: give at least one of --email, --role, --alias, --max-budget")
			}
			if cmdutil.Changed(cmd, "max-budget") {
				opts.MaxBudget = cmdutil.Ptr(maxBudget)
			}
			if runF != nil {
				return runF(opts)
			}
			return updateRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.UserID, "id", "", "User id (required)")
	fs.StringVar(&opts.Email, "email", "", "New email")
	cmdutil.StringEnumFlag(fs, &opts.Role, "role", "", "New role", Roles...)
	fs.StringVar(&opts.Alias, "alias", "", "New display name")
	fs.Float64Var(&maxBudget, "max-budget", 0, "New maximum budget, in USD")
	return cmd
}

func updateRun(ctx context.Context, opts *UpdateOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.UserUpdateResponse, error) {
		req := &facade.UserUpdateRequest{UserID: opts.UserID, UserEmail: opts.Email, UserAlias: opts.Alias, MaxBudget: opts.MaxBudget}
		if opts.Role != "" {
			if err := cmdutil.Fill(req, map[string]any{"user_role": opts.Role}); err != nil {
				return nil, err
			}
		}
		return c.Users.Update(ctx, req, o)
	})
}
