package keys

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// BlockOptions are the inputs of "keys block" and "keys unblock".
type BlockOptions struct {
	IO      *iostreams.IOStreams
	Client  func() (*facade.Client, error)
	Key     string
	Unblock bool
}

// NewCmdBlock returns "keys block".
func NewCmdBlock(f *cmdutil.Factory, runF func(*BlockOptions) error) *cobra.Command {
	return newBlockCmd(f, runF, false)
}

// NewCmdUnblock returns "keys unblock".
func NewCmdUnblock(f *cmdutil.Factory, runF func(*BlockOptions) error) *cobra.Command {
	return newBlockCmd(f, runF, true)
}

func newBlockCmd(f *cmdutil.Factory, runF func(*BlockOptions) error, unblock bool) *cobra.Command {
	opts := &BlockOptions{IO: f.IOStreams, Client: f.Client, Unblock: unblock}
	cmd := &cobra.Command{
		Use:   "block KEY",
		Short: "Block a key",
		Long: cmdutil.Heredoc(`
			Block the key KEY (the key or its hash) with POST /key/block: requests
			with it are refused until it is unblocked. Prints the key's record as JSON.`),
		Example: `  litellm-proxy keys block sk-1234abcd...`,
		Args:    cmdutil.ExactArgs(1, "KEY is required: the key or its hash"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Key = args[0]
			if runF != nil {
				return runF(opts)
			}
			return blockRun(cmd.Context(), opts)
		},
	}
	if unblock {
		cmd.Use = "unblock KEY"
		cmd.Short = "Unblock a key"
		cmd.Long = cmdutil.Heredoc(`
			Unblock the key KEY (the key or its hash) with POST /key/unblock, so that it
			works again. Prints the key's record as JSON.`)
		cmd.Example = `  litellm-proxy keys unblock sk-1234abcd...`
	}
	return cmd
}

func blockRun(ctx context.Context, opts *BlockOptions) error {
	return cmdutil.JSONRunHiding(ctx, opts.IO, opts.Client, []string{opts.Key}, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Key, error) {
		if opts.Unblock {
			return c.Keys.Unblock(ctx, opts.Key, o)
		}
		return c.Keys.Block(ctx, opts.Key, o)
	})
}
