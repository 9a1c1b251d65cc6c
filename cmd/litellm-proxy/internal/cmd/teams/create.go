package teams

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// CreateOptions are the inputs of "teams create".
type CreateOptions struct {
	IO        *iostreams.IOStreams
	Client    func() (*facade.Client, error)
	Alias     string
	TeamID    string
	Models    []string
	MaxBudget *float64
}

// NewCmdCreate returns "teams create".
func NewCmdCreate(f *cmdutil.Factory, runF func(*CreateOptions) error) *cobra.Command {
	opts := &CreateOptions{IO: f.IOStreams, Client: f.Client}
	var models string
	var maxBudget float64
	cmd := &cobra.Command{
		Use:   "create [--alias ALIAS] [--team-id ID] [--models CSV] [--max-budget USD]",
		Short: "Create a team",
		Long: cmdutil.Heredoc(`
			Create a team (POST /team/new) and print it as JSON. Without --team-id the
			proxy generates the id. Admin key needed.`),
		Example: `  litellm-proxy teams create --alias Engineering
  litellm-proxy teams create --alias Research --team-id research --models gpt-4o,claude-3-5-sonnet --max-budget 500`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Models = cmdutil.SplitCSV(models)
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
	fs.StringVar(&opts.Alias, "alias", "", "Display name of the team")
	fs.StringVar(&opts.TeamID, "team-id", "", "Id of the team (generated when empty)")
	fs.StringVar(&models, "models", "", "Comma-separated models the team may use")
	fs.Float64Var(&maxBudget, "max-budget", 0, "Maximum budget of the team, in USD")
	return cmd
}

func createRun(ctx context.Context, opts *CreateOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Team, error) {
		return c.Teams.Create(ctx, &facade.TeamNewRequest{
			TeamAlias: opts.Alias, TeamID: opts.TeamID, Models: opts.Models, MaxBudget: opts.MaxBudget,
		}, o)
	})
}
