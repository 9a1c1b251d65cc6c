package teams

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// AddMemberOptions are the inputs of "teams add-member".
type AddMemberOptions struct {
	IO        *iostreams.IOStreams
	Client    func() (*facade.Client, error)
	TeamID    string
	UserID    string
	Email     string
	Role      string
	MaxBudget *float64
}

// NewCmdAddMember returns "teams add-member".
func NewCmdAddMember(f *cmdutil.Factory, runF func(*AddMemberOptions) error) *cobra.Command {
	opts := &AddMemberOptions{IO: f.IOStreams, Client: f.Client}
	var maxBudget float64
	cmd := &cobra.Command{
		Use:   "add-member TEAM_ID {--user-id USER_ID | --email EMAIL} [--role user|admin]",
		Short: "Add a member to a team",
		Long: cmdutil.Heredoc(`
			Add a user to the team TEAM_ID (POST /team/member_add), by id or email (a
			user that does not exist yet is created), and print the updated team as
			JSON. --role is user (the default) or admin.`),
		Example: `  litellm-proxy teams add-member engineering --user-id u1
  litellm-proxy teams add-member engineering --email alice@example.com --role admin`,
		Args: cmdutil.ExactArgs(1, "TEAM_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.TeamID = args[0]
			if opts.UserID == "" && opts.Email == "" {
				return cmdutil.ExpectOne("user-id", "email")
			}
			if cmdutil.Changed(cmd, "max-budget-in-team") {
				opts.MaxBudget = cmdutil.Ptr(maxBudget)
			}
			if runF != nil {
				return runF(opts)
			}
			return addMemberRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.UserID, "user-id", "", "Id of the user to add")
	fs.StringVar(&opts.Email, "email", "", "Email of the user to add")
	cmdutil.StringEnumFlag(fs, &opts.Role, "role", "user", "Role in the team", "user", "admin")
	fs.Float64Var(&maxBudget, "max-budget-in-team", 0, "Budget of the member inside the team, in USD")
	return cmd
}

func addMemberRun(ctx context.Context, opts *AddMemberOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.TeamMemberAddResponse, error) {
		role := facade.MemberRoleUser
		if opts.Role == "admin" {
			role = facade.MemberRoleAdmin
		}
		var mo *facade.TeamMemberAddOptions
		if opts.MaxBudget != nil {
			mo = &facade.TeamMemberAddOptions{MaxBudgetInTeam: opts.MaxBudget}
		}
		return c.Teams.AddMember(ctx, opts.TeamID, []facade.Member{{Role: role, UserID: opts.UserID, UserEmail: opts.Email}}, mo, o)
	})
}
