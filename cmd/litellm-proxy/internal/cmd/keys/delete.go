package keys

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// DeleteOptions are the inputs of "keys delete".
type DeleteOptions struct {
	IO         *iostreams.IOStreams
	Client     func() (*facade.Client, error)
	Keys       []string
	KeyAliases []string
}

// NewCmdDelete returns "keys delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*DeleteOptions) error) *cobra.Command {
	opts := &DeleteOptions{IO: f.IOStreams, Client: f.Client}
	var keys, aliases string
	cmd := &cobra.Command{
		Use:   "delete {--keys KEY,... | --key-aliases ALIAS,...}",
		Short: "Delete keys",
		Long: cmdutil.Heredoc(`
			Delete keys by value or hash (--keys) and/or by alias (--key-aliases), both
			comma-separated (POST /key/delete), and print the proxy's answer as JSON.
			It does not ask for confirmation (as upstream, so that scripts can use it):
			check the list.`),
		Example: `  litellm-proxy keys delete --keys sk-1234abcd...,sk-5678efgh...
  litellm-proxy keys delete --key-aliases ci,staging`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Keys, opts.KeyAliases = cmdutil.SplitCSV(keys), cmdutil.SplitCSV(aliases)
			if len(opts.Keys) == 0 && len(opts.KeyAliases) == 0 {
				return cmdutil.FlagErrorf("nothing to delete: give --keys KEY,... or --key-aliases ALIAS,...")
			}
			if runF != nil {
				return runF(opts)
			}
			return deleteRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&keys, "keys", "", "Comma-separated keys (or hashes) to delete")
	cmd.Flags().StringVar(&aliases, "key-aliases", "", "Comma-separated key aliases to delete")
	return cmd
}

func deleteRun(ctx context.Context, opts *DeleteOptions) error {
	return cmdutil.JSONRunHiding(ctx, opts.IO, opts.Client, opts.Keys, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.KeyDeleteResponse, error) {
		return c.Keys.Delete(ctx, &facade.KeyDeleteRequest{Keys: opts.Keys, KeyAliases: opts.KeyAliases}, o)
	})
}
