package teams

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// ListOptions are the inputs of "teams list" and "teams available".
type ListOptions struct {
	IO        *iostreams.IOStreams
	Client    func() (*facade.Client, error)
	Format    string
	UserID    string
	Available bool
}

// NewCmdList returns "teams list".
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List teams",
		Long: cmdutil.Heredoc(`
			List the teams the key can see (GET /team/list) as a table titled
			"Available Teams" with the columns Index, Team Alias, Team ID, Models, Max
			Budget and Role, or as the JSON list with --format json.`),
		Example: `  litellm-proxy teams list
  litellm-proxy teams list --user-id u1 --format json`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.UserID, "user-id", "", "Only the teams of this user")
	return cmd
}

// NewCmdAvailable returns "teams available".
func NewCmdAvailable(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, Client: f.Client, Available: true}
	return &cobra.Command{
		Use:   "available",
		Short: "List the teams the user can join",
		Long: cmdutil.Heredoc(`
			List the teams the caller can join (GET /team/available), as the table
			"Available Teams" or as JSON with --format json.`),
		Example: `  litellm-proxy teams available`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
}

func listRun(ctx context.Context, opts *ListOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	var teams []facade.Team
	if opts.Available {
		teams, err = c.Teams.Available(ctx, exp.Option())
	} else {
		var lo *facade.TeamListOptions
		if opts.UserID != "" {
			lo = &facade.TeamListOptions{UserID: opts.UserID}
		}
		teams, err = c.Teams.List(ctx, lo, exp.Option())
	}
	if err != nil {
		return exp.Error(err)
	}
	if exp.IsJSON() {
		if teams == nil {
			teams = []facade.Team{}
		}
		return exp.JSONItems("", teams)
	}
	if len(teams) == 0 {
		if opts.Available {
			output.Notef(opts.IO, "No available teams to join.\n")
		} else {
			output.Notef(opts.IO, "No teams found for your user.\n")
		}
		return nil
	}
	if opts.Available {
		output.Notef(opts.IO, "\nAvailable Teams to Join:\n")
	}
	t := output.NewTable("Available Teams", "Index", "Team Alias", "Team ID", "Models", "Max Budget", "Role")
	for i, tm := range teams {
		t.AddRow(fmt.Sprint(i+1), tm.TeamAlias, tm.TeamID, teamModels(tm), teamBudget(tm), "Member")
	}
	return t.Render(opts.IO)
}

// teamModels shows a team's models, or "All models" when it has none.
func teamModels(tm facade.Team) string {
	if len(tm.Models) == 0 {
		return "All models"
	}
	return output.Strs(tm.Models)
}

// teamBudget shows a team's max budget, or "Unlimited" when it has none (a
// typed field shows a null budget as 0).
func teamBudget(tm facade.Team) string {
	if tm.MaxBudget == 0 {
		return "Unlimited"
	}
	return output.Num(tm.MaxBudget)
}
