package teams

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/facade"
)

// NewCmdMe returns "teams me".
func NewCmdMe(f *cmdutil.Factory, runF func(*TeamIDOptions) error) *cobra.Command {
	opts := &TeamIDOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "me TEAM_ID",
		Short: "Show your own membership of a team",
		Long: cmdutil.Heredoc(`
			Print your role, spend and budget in the team TEAM_ID as JSON (GET
			/team/{team_id}/members/me): "you" is the user of the key in use. Not being a
			member is an error (HTTP 404), for proxy admins too.`),
		Example: `  litellm-proxy teams me engineering`,
		Args:    cmdutil.ExactArgs(1, "TEAM_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.TeamID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.TeamMemberInfo, error) {
					return c.Teams.Me(ctx, opts.TeamID, o)
				})
		},
	}
}
