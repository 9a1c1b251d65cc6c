package users

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// ListOptions are the inputs of "users list".
type ListOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Format string
	Filter facade.UserListOptions
	All    bool
}

// NewCmdList returns "users list".
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, Client: f.Client}
	fl := &opts.Filter
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List users",
		Long: cmdutil.Heredoc(`
			List users (GET /user/list) as a table titled "Users" with the columns
			User ID, Email, Role and Teams, or as the JSON list of users with --format
			json. The proxy pages the list (25 users by default); --all fetches every
			page.`),
		Example: `  litellm-proxy users list
  litellm-proxy users list --role proxy_admin --all --format json`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if fl.Page < 0 || (cmdutil.Changed(cmd, "page") && fl.Page == 0) {
				return cmdutil.FlagErrorf("--page must be 1 or more, got %d", fl.Page)
			}
			if fl.PageSize < 0 || fl.PageSize > 100 || (cmdutil.Changed(cmd, "page-size") && fl.PageSize == 0) {
				return cmdutil.FlagErrorf("--page-size must be between 1 and 100, got %d", fl.PageSize)
			}
			if opts.All && cmdutil.Changed(cmd, "page") {
				return cmdutil.FlagErrorf("--all and --page cannot be used together")
			}
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.IntVar(&fl.Page, "page", 0, "Page number, from 1")
	fs.IntVar(&fl.PageSize, "page-size", 0, "Users per page, 1 to 100")
	fs.StringVar(&fl.Role, "role", "", "Only users with this role")
	fs.StringVar(&fl.Team, "team", "", "Only members of this team id")
	fs.StringVar(&fl.UserEmail, "email", "", "Only users whose email contains this text")
	fs.BoolVar(&opts.All, "all", false, "Fetch every page")
	return cmd
}

func listRun(ctx context.Context, opts *ListOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	var users []facade.User
	if opts.All {
		for u, err := range c.Users.All(ctx, &opts.Filter, exp.Option()) {
			if err != nil {
				return exp.Error(err)
			}
			users = append(users, *u)
		}
	} else {
		page, err := c.Users.List(ctx, &opts.Filter, exp.Option())
		if err != nil {
			return exp.Error(err)
		}
		users = page.Users
	}
	if exp.IsJSON() {
		if users == nil {
			users = []facade.User{}
		}
		return exp.JSONItems("users", users)
	}
	if len(users) == 0 {
		output.Notef(opts.IO, "No users found.\n")
		return nil
	}
	t := output.NewTable("Users", "User ID", "Email", "Role", "Teams")
	for _, u := range users {
		t.AddRow(u.UserID, output.Str(u.UserEmail), output.Str(u.UserRole), output.Strs(u.Teams))
	}
	return t.Render(opts.IO)
}
