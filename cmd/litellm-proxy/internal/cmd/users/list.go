package users

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

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
	users := []json.RawMessage{}
	lo := opts.Filter
	if opts.All && lo.PageSize == 0 {
		lo.PageSize = 100
	}
	for page := max(lo.Page, 1); ; page++ {
		lo.Page = page
		var cap cmdutil.Capture
		res, err := c.Users.List(ctx, &lo, cap.Option())
		raw, err := cmdutil.Body(&cap, res, err)
		if err != nil {
			return err
		}
		var p struct {
			Users      []json.RawMessage `json:"users"`
			TotalPages int               `json:"total_pages"`
		}
		if raw[0] == '[' { // a bare list, as some versions answer
			err = json.Unmarshal(raw, &p.Users)
		} else {
			err = json.Unmarshal(raw, &p)
		}
		if err != nil {
			return fmt.Errorf("unexpected answer of GET /user/list: %w", err)
		}
		users = append(users, p.Users...)
		if !opts.All || len(p.Users) == 0 || page >= p.TotalPages {
			break
		}
	}
	b, err := json.Marshal(users)
	if err != nil {
		return err
	}
	if opts.Format == cmdutil.FormatJSON {
		return output.PrintJSON(opts.IO, b)
	}
	if len(users) == 0 {
		output.Notef(opts.IO, "No users found.\n")
		return nil
	}
	v, _ := cmdutil.Decode(b)
	list, _ := v.([]any)
	t := output.NewTable("Users", "User ID", "Email", "Role", "Teams")
	for _, u := range list {
		var teams []string
		for _, tm := range cmdutil.List(u, "teams") {
			teams = append(teams, output.PyStr(tm))
		}
		t.AddRow(cmdutil.Str(u, "user_id"), cmdutil.Str(u, "user_email"), cmdutil.Str(u, "user_role"), strings.Join(teams, ", "))
	}
	return t.Render(opts.IO)
}
