package credentials

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// DeleteOptions are the inputs of "credentials delete".
type DeleteOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Name   string
}

// NewCmdDelete returns "credentials delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*DeleteOptions) error) *cobra.Command {
	opts := &DeleteOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "delete CREDENTIAL_NAME",
		Short: "Delete a credential",
		Long: cmdutil.Heredoc(`
			Delete the credential CREDENTIAL_NAME (DELETE /credentials/{name}) and
			print the proxy's answer as JSON. It does not ask for confirmation (as
			upstream, so that scripts can use it). A missing credential exits 1.`),
		Example: `  litellm-proxy credentials delete azure-prod`,
		Args:    cmdutil.ExactArgs(1, "CREDENTIAL_NAME is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return deleteRun(cmd.Context(), opts)
		},
	}
}

func deleteRun(ctx context.Context, opts *DeleteOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.SuccessResponse, error) {
		return c.Credentials.Delete(ctx, opts.Name, o)
	})
}
