package keys

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/facade"
)

// NewCmdGenerateServiceAccount returns "keys generate-service-account".
func NewCmdGenerateServiceAccount(f *cmdutil.Factory, runF func(*GenerateOptions) error) *cobra.Command {
	opts := &GenerateOptions{IO: f.IOStreams, Client: f.Client}
	var fl keyFlags
	cmd := &cobra.Command{
		Use:   "generate-service-account --team-id TEAM_ID [flags]",
		Short: "Generate a team's service account key",
		Long: cmdutil.Heredoc(`
			Generate a service account key of the team --team-id (POST
			/key/service-account/generate): a key of the team and of no user, so that it
			keeps working when users leave. Proxy admins and members of the team may. The
			answer, printed as JSON, holds the new key in full ("key"): store it now.`),
		Example: `  litellm-proxy keys generate-service-account --team-id engineering --key-alias ci-bot --models gpt-4o`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Fields, err = fl.parse(cmd); err != nil {
				return err
			}
			if opts.Fields.TeamID == "" {
				return cmdutil.FlagErrorf("--team-id is required")
			}
			if opts.Fields.UserID != "" {
				return cmdutil.FlagErrorf("--user-id does not apply: a service account key has no user")
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.KeyGenerateResponse, error) {
					return c.Keys.GenerateServiceAccount(ctx, GenerateRequest(opts.Fields), o)
				})
		},
	}
	fl.register(cmd.Flags())
	return cmd
}
