package models

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// DeleteOptions are the inputs of "models delete".
type DeleteOptions struct {
	IO      *iostreams.IOStreams
	Client  func() (*facade.Client, error)
	ModelID string
}

// NewCmdDelete returns "models delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*DeleteOptions) error) *cobra.Command {
	opts := &DeleteOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "delete MODEL_ID",
		Short: "Delete a deployment",
		Long: cmdutil.Heredoc(`
			Delete the deployment MODEL_ID (POST /model/delete) and print the proxy's
			answer as JSON. It does not ask for confirmation (as upstream, so that
			scripts can use it): check the id. A missing deployment exits 1.`),
		Example: `  litellm-proxy models delete 0c9a5f0e-8d57-4e1c-9b1e-3c6a2a9b8f10`,
		Args:    cmdutil.ExactArgs(1, "MODEL_ID is required: the deployment id (model_info.id)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ModelID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return deleteRun(cmd.Context(), opts)
		},
	}
}

func deleteRun(ctx context.Context, opts *DeleteOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.ModelDeleteResponse, error) {
		return c.Models.Delete(ctx, opts.ModelID, o)
	})
}
