// Package version implements "litellm-proxy version" (and --version).
package version

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// serverVersionTimeout bounds the server-version lookup when --timeout is
// not given, so that "version" answers quickly when the proxy is down.
const serverVersionTimeout = 10 * time.Second

// Options are the dependencies of the version command.
type Options struct {
	IO         *iostreams.IOStreams
	Config     func() (*cmdutil.Config, error)
	Client     func() (*facade.Client, error)
	AppVersion string
}

// NewCmdVersion returns the version command. runF, when not nil, replaces
// the command's work (for tests).
func NewCmdVersion(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Config: f.Config, Client: f.Client, AppVersion: f.AppVersion}
	return &cobra.Command{
		Use:   "version",
		Short: "Show the CLI and server versions",
		Long: cmdutil.Heredoc(`
			Show the version of this CLI, the proxy's base URL, and the LiteLLM version
			the proxy runs (from GET /health/readiness). When the proxy cannot be
			reached the last line says why; the command still exits 0.`),
		Example: `  litellm-proxy version
  litellm-proxy --base-url https://proxy.example.com version
  litellm-proxy --version`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
}

// Print runs the version command with the factory's dependencies: the
// --version flag of the root command.
func Print(ctx context.Context, f *cmdutil.Factory) error {
	return run(ctx, &Options{IO: f.IOStreams, Config: f.Config, Client: f.Client, AppVersion: f.AppVersion})
}

func run(ctx context.Context, opts *Options) error {
	out := opts.IO.Out
	fmt.Fprintf(out, "LiteLLM Proxy CLI Version: %s\n", opts.AppVersion)
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	if cfg.BaseURL != "" {
		fmt.Fprintf(out, "LiteLLM Proxy Server URL: %s\n", output.SafeURL(cfg.BaseURL))
	}
	c, err := opts.Client()
	if err != nil {
		fmt.Fprintf(out, "Could not retrieve server version: %s\n", output.SafeErr(err))
		return nil
	}
	if cfg.Timeout == 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, serverVersionTimeout)
		defer cancel()
	}
	v, err := c.Health.ServerVersion(ctx, facade.WithMaxRetries(0))
	switch {
	case err != nil:
		fmt.Fprintf(out, "Could not retrieve server version: %s\n", output.SafeErr(err))
	case v == "":
		fmt.Fprintln(out, "LiteLLM Proxy Server Version: (unavailable)")
	default:
		fmt.Fprintf(out, "LiteLLM Proxy Server Version: %s\n", output.Safe(v))
	}
	return nil
}
