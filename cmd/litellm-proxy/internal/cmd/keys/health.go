package keys

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// HealthOptions are the inputs of "keys health".
type HealthOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
}

// NewCmdHealth returns "keys health".
func NewCmdHealth(f *cmdutil.Factory, runF func(*HealthOptions) error) *cobra.Command {
	opts := &HealthOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "health",
		Short: "Check the calling key's logging callbacks",
		Long: cmdutil.Heredoc(`
			Check the key the command authenticates with (POST /key/health): "healthy",
			or "unhealthy" when a logging callback its metadata configures fails the
			proxy's test log. Prints the answer as JSON. Works on a proxy without a
			database too.`),
		Example: `  litellm-proxy keys health
  LITELLM_PROXY_API_KEY=sk-... litellm-proxy keys health`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return healthRun(cmd.Context(), opts)
		},
	}
}

func healthRun(ctx context.Context, opts *HealthOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.KeyHealth, error) {
		return c.Keys.Health(ctx, o)
	})
}
