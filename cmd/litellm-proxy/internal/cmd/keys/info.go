package keys

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// InfoOptions are the inputs of "keys info".
type InfoOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Key    string
}

// NewCmdInfo returns "keys info".
func NewCmdInfo(f *cmdutil.Factory, runF func(*InfoOptions) error) *cobra.Command {
	opts := &InfoOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "info KEY",
		Short: "Show a key's settings and spend",
		Long: cmdutil.Heredoc(`
			Show the key KEY (the key itself or its hash) as the proxy stores it (GET
			/key/info), as JSON. Errors never show the key.`),
		Example: `  litellm-proxy keys info sk-1234abcd...
  litellm-proxy keys info 88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b`,
		Args: cmdutil.ExactArgs(1, "KEY is required: the key or its hash"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Key = args[0]
			if runF != nil {
				return runF(opts)
			}
			return infoRun(cmd.Context(), opts)
		},
	}
}

func infoRun(ctx context.Context, opts *InfoOptions) error {
	return cmdutil.JSONRunHiding(ctx, opts.IO, opts.Client, []string{opts.Key}, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.KeyInfo, error) {
		return c.Keys.Info(ctx, opts.Key, o)
	})
}
