package teams

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// AddMembersOptions are the inputs of "teams add-members".
type AddMembersOptions struct {
	IO        *iostreams.IOStreams
	Client    func() (*facade.Client, error)
	TeamID    string
	UserIDs   []string
	Emails    []string
	AllUsers  bool
	Role      string
	MaxBudget *float64
}

// NewCmdAddMembers returns "teams add-members".
func NewCmdAddMembers(f *cmdutil.Factory, runF func(*AddMembersOptions) error) *cobra.Command {
	opts := &AddMembersOptions{IO: f.IOStreams, Client: f.Client}
	var maxBudget float64
	var userIDs, emails string
	cmd := &cobra.Command{
		Use:   "add-members TEAM_ID {--user-ids IDS | --emails EMAILS | --all-users} [--role user|admin]",
		Short: "Add many members to a team at once",
		Long: cmdutil.Heredoc(`
			Add users to the team TEAM_ID in one call (POST /team/bulk_member_add; proxy
			admins only): the comma-separated --user-ids and --emails (users that do not
			exist yet are created), or with --all-users every user of the proxy, as role
			user. Users already in the team are skipped. The JSON printed has one result
			a member; when the add fails, every result has success false and the error.`),
		Example: `  litellm-proxy teams add-members engineering --user-ids u1,u2,u3
  litellm-proxy teams add-members engineering --emails a@example.com,b@example.com --max-budget-in-team 10
  litellm-proxy teams add-members everyone --all-users`,
		Args: cmdutil.ExactArgs(1, "TEAM_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.TeamID = args[0]
			opts.UserIDs, opts.Emails = cmdutil.SplitCSV(userIDs), cmdutil.SplitCSV(emails)
			listed := len(opts.UserIDs)+len(opts.Emails) > 0
			if opts.AllUsers == listed {
				return cmdutil.FlagErrorf("give --user-ids and/or --emails, or --all-users")
			}
			if opts.AllUsers && cmdutil.Changed(cmd, "role") {
				return cmdutil.FlagErrorf("--all-users adds every user as role user; --role does not apply")
			}
			if cmdutil.Changed(cmd, "max-budget-in-team") {
				opts.MaxBudget = cmdutil.Ptr(maxBudget)
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.TeamBulkMemberAddResponse, error) {
					if opts.AllUsers {
						return c.Teams.AddAllUsers(ctx, opts.TeamID, opts.MaxBudget, o)
					}
					role := facade.MemberRoleUser
					if opts.Role == "admin" {
						role = facade.MemberRoleAdmin
					}
					var members []facade.Member
					for _, id := range opts.UserIDs {
						members = append(members, facade.Member{UserID: id, Role: role})
					}
					for _, e := range opts.Emails {
						members = append(members, facade.Member{UserEmail: e, Role: role})
					}
					return c.Teams.BulkAddMembers(ctx, opts.TeamID, members, opts.MaxBudget, o)
				})
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&userIDs, "user-ids", "", "Comma-separated ids of the users to add")
	fs.StringVar(&emails, "emails", "", "Comma-separated emails of the users to add")
	fs.BoolVar(&opts.AllUsers, "all-users", false, "Add every user of the proxy (as role user)")
	cmdutil.StringEnumFlag(fs, &opts.Role, "role", "user", "Role in the team of the users listed", "user", "admin")
	fs.Float64Var(&maxBudget, "max-budget-in-team", 0, "Budget of each member inside the team, in USD")
	return cmd
}
