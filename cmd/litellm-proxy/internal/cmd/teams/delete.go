package teams

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// DeleteOptions are the inputs of "teams delete".
type DeleteOptions struct {
	IO      *iostreams.IOStreams
	Client  func() (*facade.Client, error)
	TeamIDs []string
}

// NewCmdDelete returns "teams delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*DeleteOptions) error) *cobra.Command {
	opts := &DeleteOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "delete TEAM_ID...",
		Short: "Delete teams",
		Long: cmdutil.Heredoc(`
			Delete the teams TEAM_ID... with their keys and memberships (POST
			/team/delete) and print the proxy's answer as JSON. It does not ask for
			confirmation (so that scripts can use it): check the ids.`),
		Example: `  litellm-proxy teams delete team-123 team-456`,
		Args:    cmdutil.MinimumArgs(1, "at least one TEAM_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.TeamIDs = args
			if runF != nil {
				return runF(opts)
			}
			return deleteRun(cmd.Context(), opts)
		},
	}
}

func deleteRun(ctx context.Context, opts *DeleteOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.TeamDeleteResponse, error) {
		return c.Teams.Delete(ctx, opts.TeamIDs, o)
	})
}
