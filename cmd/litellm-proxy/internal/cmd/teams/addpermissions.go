package teams

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// AddPermissionsOptions are the inputs of "teams add-permissions".
type AddPermissionsOptions struct {
	IO          *iostreams.IOStreams
	Client      func() (*facade.Client, error)
	Permissions []string
	TeamIDs     []string
	AllTeams    bool
}

// NewCmdAddPermissions returns "teams add-permissions".
func NewCmdAddPermissions(f *cmdutil.Factory, runF func(*AddPermissionsOptions) error) *cobra.Command {
	opts := &AddPermissionsOptions{IO: f.IOStreams, Client: f.Client}
	var teamIDs string
	cmd := &cobra.Command{
		Use:   "add-permissions ROUTE... {--team-ids IDS | --all-teams}",
		Short: "Add member permissions to many teams",
		Long: cmdutil.Heredoc(`
			Let the members of the teams --team-ids (comma-separated), or of every team
			with --all-teams, call the key management routes ROUTE... (POST
			/team/permissions_bulk_update; proxy admins), keeping the permissions the
			teams have ("teams set-permissions" replaces them instead). Prints the number
			of teams that changed as JSON.`),
		Example: `  litellm-proxy teams add-permissions /key/list /key/info --team-ids engineering,research
  litellm-proxy teams add-permissions /key/generate --all-teams`,
		Args: cmdutil.MinimumArgs(1, "ROUTE is required: one or more key management routes"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Permissions = args
			opts.TeamIDs = cmdutil.SplitCSV(teamIDs)
			if opts.AllTeams == (len(opts.TeamIDs) > 0) {
				return cmdutil.FlagErrorf("give either --team-ids or --all-teams")
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.TeamPermissionsBulkUpdateResponse, error) {
					if opts.AllTeams {
						return c.Teams.AddPermissionsToAll(ctx, opts.Permissions, o)
					}
					return c.Teams.AddPermissions(ctx, opts.TeamIDs, opts.Permissions, o)
				})
		},
	}
	cmd.Flags().StringVar(&teamIDs, "team-ids", "", "Comma-separated ids of the teams")
	cmd.Flags().BoolVar(&opts.AllTeams, "all-teams", false, "Every team of the proxy")
	return cmd
}
