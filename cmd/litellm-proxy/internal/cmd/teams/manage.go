package teams

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// ManageOptions are the inputs of the team commands that change a team or
// read its permissions and activity.
type ManageOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Format string
	TeamID string
	// Values are the models or routes of add-models, remove-models and
	// set-permissions.
	Values []string
	// Update is the body of "teams update".
	Update facade.TeamUpdateRequest
	// Member is the body of "teams update-member".
	Member facade.TeamMemberUpdateRequest
	// Activity selects the days of "teams activity".
	Activity facade.TeamActivityOptions
}

// teamCmd makes a command that takes TEAM_ID (and more arguments when
// minArgs > 1) and prints a call's result as JSON.
func teamCmd(f *cmdutil.Factory, runF func(*ManageOptions) error, use, short, long, example string, minArgs int,
	run func(ctx context.Context, c *facade.Client, opts *ManageOptions, opt facade.Option) (any, error)) (*cobra.Command, *ManageOptions) {
	opts := &ManageOptions{IO: f.IOStreams, Client: f.Client}
	args := cmdutil.ExactArgs(1, "TEAM_ID is required")
	if minArgs > 1 {
		args = cmdutil.MinimumArgs(minArgs, "TEAM_ID and at least one value are required")
	}
	cmd := &cobra.Command{
		Use: use, Short: short, Long: cmdutil.Heredoc(long), Example: example, Args: args,
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.TeamID, opts.Values = a[0], a[1:]
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (any, error) {
				return run(ctx, c, opts, o)
			})
		},
	}
	return cmd, opts
}

// NewCmdUpdate returns "teams update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*ManageOptions) error) *cobra.Command {
	var maxBudget float64
	var tpm, rpm int
	var blocked bool
	cmd, opts := teamCmd(f, nil, "update TEAM_ID [--alias A] [--max-budget USD] [--models M,...] [--tpm N] [--rpm N]",
		"Change a team", `
		Change the team TEAM_ID (POST /team/update) and print the updated team as
		JSON. Only the flags given change.`, `  litellm-proxy teams update engineering --alias Eng --max-budget 200`, 1,
		func(ctx context.Context, c *facade.Client, opts *ManageOptions, opt facade.Option) (any, error) {
			req := opts.Update
			req.TeamID = opts.TeamID
			return c.Teams.Update(ctx, &req, opt)
		})
	inner := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, a []string) error {
		if cmdutil.Changed(cmd, "max-budget") {
			opts.Update.MaxBudget = cmdutil.Ptr(maxBudget)
		}
		if cmdutil.Changed(cmd, "tpm") {
			opts.Update.TpmLimit = cmdutil.Ptr(tpm)
		}
		if cmdutil.Changed(cmd, "rpm") {
			opts.Update.RpmLimit = cmdutil.Ptr(rpm)
		}
		if cmdutil.Changed(cmd, "blocked") {
			opts.Update.Blocked = cmdutil.Ptr(blocked)
		}
		if runF != nil {
			opts.TeamID = a[0]
			return runF(opts)
		}
		return inner(cmd, a)
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Update.TeamAlias, "alias", "", "Display name of the team")
	fs.Float64Var(&maxBudget, "max-budget", 0, "Maximum spend of the team, in USD")
	fs.StringVar(&opts.Update.BudgetDuration, "budget-duration", "", "Reset period of the budget, e.g. 30d")
	fs.StringSliceVar(&opts.Update.Models, "models", nil, "Models the team may use (comma-separated)")
	fs.IntVar(&tpm, "tpm", 0, "Tokens per minute limit")
	fs.IntVar(&rpm, "rpm", 0, "Requests per minute limit")
	fs.BoolVar(&blocked, "blocked", false, "Block (true) or unblock (false) the team")
	fs.StringVar(&opts.Update.OrganizationID, "organization-id", "", "Organization of the team")
	return cmd
}

// NewCmdUpdateMember returns "teams update-member".
func NewCmdUpdateMember(f *cmdutil.Factory, runF func(*ManageOptions) error) *cobra.Command {
	var maxBudget float64
	var tpm, rpm int
	var role string
	cmd, opts := teamCmd(f, nil, "update-member TEAM_ID {--user-id USER_ID | --email EMAIL} [--role user|admin] [--max-budget-in-team USD]",
		"Change a team member", `
		Change a member's role, budget inside the team or limits
		(POST /team/member_update) and print the member's new settings as JSON.
		Making a member admin needs an Enterprise proxy.`,
		`  litellm-proxy teams update-member engineering --user-id u1 --max-budget-in-team 10`, 1,
		func(ctx context.Context, c *facade.Client, opts *ManageOptions, opt facade.Option) (any, error) {
			req := opts.Member
			req.TeamID = opts.TeamID
			return c.Teams.UpdateMember(ctx, &req, opt)
		})
	inner := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, a []string) error {
		if opts.Member.UserID == "" && opts.Member.UserEmail == "" {
			return cmdutil.ExpectOne("user-id", "email")
		}
		opts.Member.Role = facade.TeamMemberUpdateRole(role)
		if cmdutil.Changed(cmd, "max-budget-in-team") {
			opts.Member.MaxBudgetInTeam = cmdutil.Ptr(maxBudget)
		}
		if cmdutil.Changed(cmd, "tpm") {
			opts.Member.TpmLimit = cmdutil.Ptr(tpm)
		}
		if cmdutil.Changed(cmd, "rpm") {
			opts.Member.RpmLimit = cmdutil.Ptr(rpm)
		}
		if runF != nil {
			opts.TeamID = a[0]
			return runF(opts)
		}
		return inner(cmd, a)
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Member.UserID, "user-id", "", "Id of the member")
	fs.StringVar(&opts.Member.UserEmail, "email", "", "Email of the member")
	cmdutil.StringEnumFlag(fs, &role, "role", "", "New role in the team", "user", "admin")
	fs.Float64Var(&maxBudget, "max-budget-in-team", 0, "Budget of the member inside the team, in USD")
	fs.IntVar(&tpm, "tpm", 0, "Tokens per minute limit of the member")
	fs.IntVar(&rpm, "rpm", 0, "Requests per minute limit of the member")
	fs.StringSliceVar(&opts.Member.AllowedModels, "allowed-models", nil, "Models the member may use in the team")
	return cmd
}

// NewCmdRemoveMember returns "teams remove-member".
func NewCmdRemoveMember(f *cmdutil.Factory, runF func(*ManageOptions) error) *cobra.Command {
	cmd, opts := teamCmd(f, nil, "remove-member TEAM_ID {--user-id USER_ID | --email EMAIL}", "Remove a member from a team", `
		Remove a member from the team TEAM_ID (POST /team/member_delete), with the
		member's keys in the team, and print the team as JSON.`,
		`  litellm-proxy teams remove-member engineering --user-id u1`, 1,
		func(ctx context.Context, c *facade.Client, opts *ManageOptions, opt facade.Option) (any, error) {
			return c.Teams.RemoveMember(ctx, opts.TeamID, opts.Member.UserID, opts.Member.UserEmail, opt)
		})
	inner := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, a []string) error {
		if opts.Member.UserID == "" && opts.Member.UserEmail == "" {
			return cmdutil.ExpectOne("user-id", "email")
		}
		if runF != nil {
			opts.TeamID = a[0]
			return runF(opts)
		}
		return inner(cmd, a)
	}
	cmd.Flags().StringVar(&opts.Member.UserID, "user-id", "", "Id of the member")
	cmd.Flags().StringVar(&opts.Member.UserEmail, "email", "", "Email of the member")
	return cmd
}

// NewCmdBlock returns "teams block".
func NewCmdBlock(f *cmdutil.Factory, runF func(*ManageOptions) error) *cobra.Command {
	cmd, _ := teamCmd(f, runF, "block TEAM_ID", "Block a team", `
		Block the team TEAM_ID (POST /team/block): requests with its keys fail until
		it is unblocked, once the proxy's cached copy of the team expires. Prints
		the team as JSON.`, `  litellm-proxy teams block engineering`, 1,
		func(ctx context.Context, c *facade.Client, opts *ManageOptions, opt facade.Option) (any, error) {
			return c.Teams.Block(ctx, opts.TeamID, opt)
		})
	return cmd
}

// NewCmdUnblock returns "teams unblock".
func NewCmdUnblock(f *cmdutil.Factory, runF func(*ManageOptions) error) *cobra.Command {
	cmd, _ := teamCmd(f, runF, "unblock TEAM_ID", "Unblock a team", `
		Unblock the team TEAM_ID (POST /team/unblock) and print it as JSON.`,
		`  litellm-proxy teams unblock engineering`, 1,
		func(ctx context.Context, c *facade.Client, opts *ManageOptions, opt facade.Option) (any, error) {
			return c.Teams.Unblock(ctx, opts.TeamID, opt)
		})
	return cmd
}

// NewCmdAddModels returns "teams add-models".
func NewCmdAddModels(f *cmdutil.Factory, runF func(*ManageOptions) error) *cobra.Command {
	cmd, _ := teamCmd(f, runF, "add-models TEAM_ID MODEL...", "Add models to a team", `
		Add models to the models the team TEAM_ID may use (POST /team/model/add) and
		print the team as JSON. A team with no models may use every model; adding
		to it keeps that as "all-proxy-models".`, `  litellm-proxy teams add-models engineering gpt-4o-mini`, 2,
		func(ctx context.Context, c *facade.Client, opts *ManageOptions, opt facade.Option) (any, error) {
			return c.Teams.AddModels(ctx, opts.TeamID, opts.Values, opt)
		})
	return cmd
}

// NewCmdRemoveModels returns "teams remove-models".
func NewCmdRemoveModels(f *cmdutil.Factory, runF func(*ManageOptions) error) *cobra.Command {
	cmd, _ := teamCmd(f, runF, "remove-models TEAM_ID MODEL...", "Remove models from a team", `
		Remove models from the models the team TEAM_ID may use
		(POST /team/model/delete) and print the team as JSON. Models the team does
		not have are ignored; an empty list means every model.`,
		`  litellm-proxy teams remove-models engineering gpt-4o-mini`, 2,
		func(ctx context.Context, c *facade.Client, opts *ManageOptions, opt facade.Option) (any, error) {
			return c.Teams.RemoveModels(ctx, opts.TeamID, opts.Values, opt)
		})
	return cmd
}

// NewCmdSetPermissions returns "teams set-permissions".
func NewCmdSetPermissions(f *cmdutil.Factory, runF func(*ManageOptions) error) *cobra.Command {
	cmd, _ := teamCmd(f, runF, "set-permissions TEAM_ID ROUTE...", "Set the routes team members may call", `
		Replace the routes the non-admin members of TEAM_ID may call
		(POST /team/permissions_update) and print the team as JSON. The proxy does
		not check the routes; "teams permissions" lists the ones it offers.`,
		`  litellm-proxy teams set-permissions engineering /key/generate /key/info`, 2,
		func(ctx context.Context, c *facade.Client, opts *ManageOptions, opt facade.Option) (any, error) {
			return c.Teams.SetPermissions(ctx, opts.TeamID, opts.Values, opt)
		})
	return cmd
}

// NewCmdPermissions returns "teams permissions".
func NewCmdPermissions(f *cmdutil.Factory, runF func(*ManageOptions) error) *cobra.Command {
	opts := &ManageOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "permissions TEAM_ID",
		Short: "List the routes team members may call",
		Long: cmdutil.Heredoc(`
			List every route the proxy lets a team grant its non-admin members, and
			whether the team TEAM_ID grants it (GET /team/permissions_list), as a
			table with the columns Route and Granted, or as JSON with --format json.`),
		Example: `  litellm-proxy teams permissions engineering`,
		Args:    cmdutil.ExactArgs(1, "TEAM_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.TeamID, opts.Format = args[0], f.Format()
			if runF != nil {
				return runF(opts)
			}
			return permissionsRun(cmd.Context(), opts)
		},
	}
}

func permissionsRun(ctx context.Context, opts *ManageOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	p, err := c.Teams.Permissions(ctx, opts.TeamID, exp.Option())
	if err != nil || exp.IsJSON() {
		return exp.Print(p, err)
	}
	granted := map[string]bool{}
	for _, r := range p.TeamMemberPermissions {
		granted[r] = true
	}
	t := output.NewTable("Permissions", "Route", "Granted")
	for _, r := range p.AllAvailablePermissions {
		yes := "no"
		if granted[r] {
			yes = "yes"
			delete(granted, r)
		}
		t.AddRow(r, yes)
	}
	for _, r := range p.TeamMemberPermissions { // granted, but not a route the proxy offers
		if granted[r] {
			t.AddRow(r, "yes (unknown route)")
		}
	}
	return t.Render(opts.IO)
}

// NewCmdActivity returns "teams activity".
func NewCmdActivity(f *cmdutil.Factory, runF func(*ManageOptions) error) *cobra.Command {
	opts := &ManageOptions{IO: f.IOStreams, Client: f.Client}
	var start, end string
	cmd := &cobra.Command{
		Use:   "activity [TEAM_ID...] --start YYYY-MM-DD --end YYYY-MM-DD",
		Short: "Show the daily spend and usage of teams",
		Long: cmdutil.Heredoc(`
			Show the spend, tokens and requests of the teams per day
			(GET /team/daily/activity) as a table with the columns Date, Spend,
			Requests, Successful, Failed and Tokens, or as JSON with --format json.
			Without TEAM_ID it covers every team the key may see. --start and --end
			are required; --end defaults to today.`),
		Example: `  litellm-proxy teams activity engineering --start 2026-11-01 --end 2026-11-30`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			opts.Activity.TeamIDs = args
			if start == "" {
				return cmdutil.FlagErrorf("--start is required")
			}
			var err error
			if opts.Activity.Start, err = time.Parse(time.DateOnly, start); err != nil {
				return cmdutil.FlagErrorf("--start %q is not a date (YYYY-MM-DD)", start)
			}
			opts.Activity.End = time.Now().UTC()
			if end != "" {
				if opts.Activity.End, err = time.Parse(time.DateOnly, end); err != nil {
					return cmdutil.FlagErrorf("--end %q is not a date (YYYY-MM-DD)", end)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return activityRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&start, "start", "", "First day (YYYY-MM-DD)")
	fs.StringVar(&end, "end", "", "Last day (YYYY-MM-DD, default today)")
	fs.StringVar(&opts.Activity.Model, "model", "", "Only this model")
	fs.IntVar(&opts.Activity.Page, "page", 0, "Page of days (default 1)")
	fs.IntVar(&opts.Activity.PageSize, "page-size", 0, "Days a page (default 10)")
	return cmd
}

func activityRun(ctx context.Context, opts *ManageOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	a, err := c.Teams.DailyActivity(ctx, &opts.Activity, exp.Option())
	if err != nil || exp.IsJSON() {
		return exp.Print(a, err)
	}
	if len(a.Results) == 0 {
		output.Notef(opts.IO, "No activity in this range.\n")
		return nil
	}
	t := output.NewTable("Team activity", "Date", "Spend", "Requests", "Successful", "Failed", "Tokens")
	for _, d := range a.Results {
		m := d.Metrics
		t.AddRow(d.Date, output.Num(m.Spend), itoa(m.APIRequests), itoa(m.SuccessfulRequests), itoa(m.FailedRequests), itoa(m.TotalTokens))
	}
	return t.Render(opts.IO)
}

func itoa(n int) string { return output.Num(float64(n)) }
