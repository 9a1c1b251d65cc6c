// Package embeddings is "litellm-proxy embeddings".
package embeddings

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// Options are the inputs of "embeddings".
type Options struct {
	IO         *iostreams.IOStreams
	Client     func() (*facade.Client, error)
	Model      string
	Inputs     []string
	Dimensions *int
	Float      bool
}

// NewCmdEmbeddings returns "embeddings".
func NewCmdEmbeddings(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	var dims int
	cmd := &cobra.Command{
		Use:   "embeddings MODEL TEXT... [flags]",
		Short: "Embed texts",
		Long: cmdutil.Heredoc(`
			Embed each TEXT with MODEL (POST /embeddings) and print the answer as JSON:
			one embedding per text, in order, each a list of numbers. The vectors travel
			as base64 (as OpenAI's SDKs ask for them) unless --float is given.`),
		Example: `  litellm-proxy embeddings text-embedding-3-small "first text" "second text"
  litellm-proxy embeddings text-embedding-3-small "shorter" --dimensions 256`,
		Args: cmdutil.MinimumArgs(2, "MODEL and at least one TEXT are required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Model, opts.Inputs = args[0], args[1:]
			if cmdutil.Changed(cmd, "dimensions") {
				if dims < 1 {
					return cmdutil.FlagErrorf("--dimensions must be at least 1")
				}
				opts.Dimensions = cmdutil.Ptr(dims)
			}
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&dims, "dimensions", 0, "Length of the vectors (models that support shortening)")
	cmd.Flags().BoolVar(&opts.Float, "float", false, "Ask for JSON numbers instead of base64 on the wire")
	return cmd
}

func run(ctx context.Context, opts *Options) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	req := &facade.EmbeddingRequest{Model: opts.Model, Input: opts.Inputs, Dimensions: opts.Dimensions}
	if opts.Float {
		req.EncodingFormat = facade.EmbeddingEncodingFloat
	}
	res, err := c.Embeddings.Create(ctx, req)
	if err != nil {
		return err
	}
	if len(res.Data) != len(opts.Inputs) {
		return fmt.Errorf("the proxy returned %d embeddings for %d texts", len(res.Data), len(opts.Inputs))
	}
	return output.PrintJSON(opts.IO, res)
}
