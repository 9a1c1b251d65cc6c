package modelgroups

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// MakePublicOptions are the inputs of "model-groups make-public".
type MakePublicOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Groups []string
	None   bool
}

// NewCmdMakePublic returns "model-groups make-public".
func NewCmdMakePublic(f *cmdutil.Factory, runF func(*MakePublicOptions) error) *cobra.Command {
	opts := &MakePublicOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "make-public (NAME... | --none)",
		Short: "Set the model groups the public model hub shows",
		Long: cmdutil.Heredoc(`
			Make the model groups NAME... the proxy's public ones, replacing the previous
			list, or with --none make no group public (POST /model_group/make_public;
			proxy admins, on a proxy that stores models in its database). The names are
			not checked. Prints the proxy's answer as JSON.`),
		Example: `  litellm-proxy model-groups make-public gpt-4o claude-3-5-sonnet
  litellm-proxy model-groups make-public --none`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.None == (len(args) > 0) {
				return cmdutil.FlagErrorf("give either NAME... or --none")
			}
			opts.Groups = append([]string{}, args...)
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.ModelGroupMakePublicResponse, error) {
					return c.ModelGroups.MakePublic(ctx, opts.Groups, o)
				})
		},
	}
	cmd.Flags().BoolVar(&opts.None, "none", false, "Make no model group public")
	return cmd
}
