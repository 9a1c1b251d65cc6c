package credentials

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// GetOptions are the inputs of "credentials get".
type GetOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Name   string
}

// NewCmdGet returns "credentials get".
func NewCmdGet(f *cmdutil.Factory, runF func(*GetOptions) error) *cobra.Command {
	opts := &GetOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:     "get CREDENTIAL_NAME",
		Short:   "Show a credential",
		Long:    "Show the credential CREDENTIAL_NAME (GET /credentials/by_name/{name}) as JSON, with\nsecret values masked by the proxy.\n",
		Example: `  litellm-proxy credentials get azure-prod`,
		Args:    cmdutil.ExactArgs(1, "CREDENTIAL_NAME is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return getRun(cmd.Context(), opts)
		},
	}
}

func getRun(ctx context.Context, opts *GetOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Credential, error) {
		return c.Credentials.Get(ctx, opts.Name, o)
	})
}
