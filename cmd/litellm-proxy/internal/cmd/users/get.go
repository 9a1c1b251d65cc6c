package users

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// GetOptions are the inputs of "users get".
type GetOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	UserID string
}

// NewCmdGet returns "users get".
func NewCmdGet(f *cmdutil.Factory, runF func(*GetOptions) error) *cobra.Command {
	opts := &GetOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "get [--id USER_ID]",
		Short: "Show a user with their keys and teams",
		Long: cmdutil.Heredoc(`
			Show a user with their keys and teams (GET /user/info) as JSON. Without
			--id the proxy answers for the caller (for an admin key: every key and team,
			and no user).`),
		Example: `  litellm-proxy users get --id u1`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return getRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.UserID, "id", "", "User id")
	return cmd
}

func getRun(ctx context.Context, opts *GetOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.UserInfo, error) {
		return c.Users.Get(ctx, opts.UserID, o)
	})
}
