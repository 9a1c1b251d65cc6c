package teams

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// GetOptions are the inputs of "teams get".
type GetOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	TeamID string
}

// NewCmdGet returns "teams get".
func NewCmdGet(f *cmdutil.Factory, runF func(*GetOptions) error) *cobra.Command {
	opts := &GetOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:     "get TEAM_ID",
		Short:   "Show a team with its keys and members",
		Long:    "Show the team TEAM_ID with its keys and memberships (GET /team/info) as JSON.\n",
		Example: `  litellm-proxy teams get engineering`,
		Args:    cmdutil.ExactArgs(1, "TEAM_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.TeamID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return getRun(cmd.Context(), opts)
		},
	}
}

func getRun(ctx context.Context, opts *GetOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.TeamInfo, error) {
		return c.Teams.Get(ctx, opts.TeamID, o)
	})
}
