package users

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// CreateOptions are the inputs of "users create".
type CreateOptions struct {
	IO        *iostreams.IOStreams
	Client    func() (*facade.Client, error)
	Email     string
	Role      string
	Alias     string
	Teams     []string
	MaxBudget *float64
}

// NewCmdCreate returns "users create".
func NewCmdCreate(f *cmdutil.Factory, runF func(*CreateOptions) error) *cobra.Command {
	opts := &CreateOptions{IO: f.IOStreams, Client: f.Client}
	var maxBudget float64
	cmd := &cobra.Command{
		Use:   "create --email EMAIL [--role ROLE] [--alias ALIAS] [--team TEAM_ID]... [--max-budget USD]",
		Short: "Create a user",
		Long: cmdutil.Heredoc(`
			Create a user (POST /user/new) and print the proxy's answer as JSON. The
			proxy also creates a key for the user, shown in the answer's "key".`),
		Example: `  litellm-proxy users create --email alice@example.com
  litellm-proxy users create --email bob@example.com --role proxy_admin --team engineering --team research --max-budget 50`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Email == "" {
				return cmdutil.FlagErrorf("--email is required")
			}
			if cmdutil.Changed(cmd, "max-budget") {
				opts.MaxBudget = cmdutil.Ptr(maxBudget)
			}
			if runF != nil {
				return runF(opts)
			}
			return createRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Email, "email", "", "Email of the user (required)")
	cmdutil.StringEnumFlag(fs, &opts.Role, "role", "internal_user", "Role of the user", Roles...)
	fs.StringVar(&opts.Alias, "alias", "", "Display name of the user")
	fs.StringArrayVar(&opts.Teams, "team", nil, "Team id to add the user to (repeatable)")
	fs.Float64Var(&maxBudget, "max-budget", 0, "Maximum budget of the user, in USD")
	return cmd
}

func createRun(ctx context.Context, opts *CreateOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.UserNewResponse, error) {
		req := &facade.UserNewRequest{
			UserEmail: opts.Email, UserAlias: opts.Alias, MaxBudget: opts.MaxBudget,
		}
		// The role's type is gen's, which the facade does not name: set it
		// through JSON.
		if err := cmdutil.Fill(req, map[string]any{"user_role": opts.Role}); err != nil {
			return nil, err
		}
		if len(opts.Teams) > 0 {
			req.Teams = opts.Teams
		}
		return c.Users.Create(ctx, req, o)
	})
}
