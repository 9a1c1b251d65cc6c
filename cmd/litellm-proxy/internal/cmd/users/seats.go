package users

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// SeatsOptions are the inputs of "users seats".
type SeatsOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
}

// NewCmdSeats returns "users seats".
func NewCmdSeats(f *cmdutil.Factory, runF func(*SeatsOptions) error) *cobra.Command {
	opts := &SeatsOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "seats",
		Short: "Show the users and teams used, and the licence's limits",
		Long: cmdutil.Heredoc(`
			Print how many users and teams the proxy has, and the licence's limits on
			them and what remains (null without a limit), as JSON (GET
			/user/available_users; proxy admins).`),
		Example: `  litellm-proxy users seats`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.UserAvailableUsers, error) {
					return c.Users.AvailableUsers(ctx, o)
				})
		},
	}
}
