package users

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// DeleteOptions are the inputs of "users delete".
type DeleteOptions struct {
	IO      *iostreams.IOStreams
	Client  func() (*facade.Client, error)
	UserIDs []string
}

// NewCmdDelete returns "users delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*DeleteOptions) error) *cobra.Command {
	opts := &DeleteOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "delete USER_ID...",
		Short: "Delete users",
		Long: cmdutil.Heredoc(`
			Delete the users USER_ID... with their keys and memberships (POST
			/user/delete) and print the proxy's answer (the number deleted). It does not
			ask for confirmation (as upstream, so that scripts can use it).`),
		Example: `  litellm-proxy users delete u1 u2`,
		Args:    cmdutil.MinimumArgs(1, "at least one USER_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.UserIDs = args
			if runF != nil {
				return runF(opts)
			}
			return deleteRun(cmd.Context(), opts)
		},
	}
}

func deleteRun(ctx context.Context, opts *DeleteOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (int, error) {
		return c.Users.Delete(ctx, opts.UserIDs, o)
	})
}
