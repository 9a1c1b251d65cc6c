package organizations

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// roles are the --role values, the proxy's organization roles.
var roles = []string{string(facade.OrgRoleUser), string(facade.OrgRoleAdmin), string(facade.OrgRoleViewer)}

// MemberOptions are the inputs of "organizations add-member",
// "update-member" and "remove-member".
type MemberOptions struct {
	IO        *iostreams.IOStreams
	Client    func() (*facade.Client, error)
	OrgID     string
	UserID    string
	Email     string
	Role      string
	MaxBudget *float64
}

// NewCmdAddMember returns "organizations add-member".
func NewCmdAddMember(f *cmdutil.Factory, runF func(*MemberOptions) error) *cobra.Command {
	opts := &MemberOptions{IO: f.IOStreams, Client: f.Client}
	var maxBudget float64
	cmd := &cobra.Command{
		Use:   "add-member ORG_ID {--user-id USER_ID | --email EMAIL} [--role ROLE]",
		Short: "Add a member to an organization",
		Long: cmdutil.Heredoc(`
			Add a user to the organization ORG_ID (POST /organization/member_add), by id
			or email (a user that does not exist yet is created), and print the users
			and memberships as JSON. --role is internal_user (the default), org_admin
			or internal_user_viewer.`),
		Example: `  litellm-proxy organizations add-member acme --user-id alice --role org_admin`,
		Args:    cmdutil.ExactArgs(1, "ORG_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.OrgID = args[0]
			if opts.UserID == "" && opts.Email == "" {
				return cmdutil.ExpectOne("user-id", "email")
			}
			if cmdutil.Changed(cmd, "max-budget") {
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
	cmdutil.StringEnumFlag(fs, &opts.Role, "role", string(facade.OrgRoleUser), "Role in the organization", roles...)
	fs.Float64Var(&maxBudget, "max-budget", 0, "Budget of the member in the organization, in USD")
	return cmd
}

func addMemberRun(ctx context.Context, opts *MemberOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.OrganizationMemberAddResponse, error) {
		return c.Organizations.AddMembers(ctx, opts.OrgID,
			[]facade.OrganizationMember{{UserID: opts.UserID, UserEmail: opts.Email, Role: facade.OrgRole(opts.Role)}}, opts.MaxBudget, o)
	})
}

// NewCmdUpdateMember returns "organizations update-member".
func NewCmdUpdateMember(f *cmdutil.Factory, runF func(*MemberOptions) error) *cobra.Command {
	opts := &MemberOptions{IO: f.IOStreams, Client: f.Client}
	var maxBudget float64
	cmd := &cobra.Command{
		Use:   "update-member ORG_ID {--user-id USER_ID | --email EMAIL} [--role ROLE] [--max-budget USD]",
		Short: "Change a member's role or budget",
		Long: cmdutil.Heredoc(`
			Change the role or the budget of a member of the organization ORG_ID (PATCH
			/organization/member_update) and print the membership as JSON.`),
		Example: `  litellm-proxy organizations update-member acme --user-id alice --role internal_user_viewer`,
		Args:    cmdutil.ExactArgs(1, "ORG_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.OrgID = args[0]
			if opts.UserID == "" && opts.Email == "" {
				return cmdutil.ExpectOne("user-id", "email")
			}
			if cmdutil.Changed(cmd, "max-budget") {
				opts.MaxBudget = cmdutil.Ptr(maxBudget)
			}
			if opts.Role == "" && opts.MaxBudget == nil {
				return cmdutil.FlagErrorf("nothing to change: give --role or --max-budget")
			}
			if runF != nil {
				return runF(opts)
			}
			return updateMemberRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.UserID, "user-id", "", "Id of the member")
	fs.StringVar(&opts.Email, "email", "", "Email of the member")
	cmdutil.StringEnumFlag(fs, &opts.Role, "role", "", "New role in the organization", roles...)
	fs.Float64Var(&maxBudget, "max-budget", 0, "Budget of the member in the organization, in USD")
	return cmd
}

func updateMemberRun(ctx context.Context, opts *MemberOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.OrganizationMembership, error) {
		return c.Organizations.UpdateMember(ctx, &facade.OrganizationMemberUpdateRequest{OrganizationID: opts.OrgID,
			UserID: opts.UserID, UserEmail: opts.Email, Role: facade.OrgRole(opts.Role), MaxBudgetInOrganization: opts.MaxBudget}, o)
	})
}

// NewCmdRemoveMember returns "organizations remove-member".
func NewCmdRemoveMember(f *cmdutil.Factory, runF func(*MemberOptions) error) *cobra.Command {
	opts := &MemberOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "remove-member ORG_ID --user-id USER_ID",
		Short: "Remove a member from an organization",
		Long: cmdutil.Heredoc(`
			Remove the user from the organization ORG_ID (DELETE
			/organization/member_delete) and print the membership removed as JSON. A
			user who is not a member is not an error: it prints a note and nothing.`),
		Example: `  litellm-proxy organizations remove-member acme --user-id alice`,
		Args:    cmdutil.ExactArgs(1, "ORG_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.OrgID = args[0]
			if opts.UserID == "" {
				return cmdutil.FlagErrorf("--user-id is required")
			}
			if runF != nil {
				return runF(opts)
			}
			return removeMemberRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.UserID, "user-id", "", "Id of the member")
	return cmd
}

func removeMemberRun(ctx context.Context, opts *MemberOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, cmdutil.FormatJSON)
	res, err := c.Organizations.DeleteMember(ctx, opts.OrgID, opts.UserID, exp.Option())
	if err != nil {
		return exp.Error(err)
	}
	if res == nil {
		output.Notef(opts.IO, "%s is not a member of %s.\n", opts.UserID, opts.OrgID)
		return nil
	}
	return exp.JSON(res)
}
