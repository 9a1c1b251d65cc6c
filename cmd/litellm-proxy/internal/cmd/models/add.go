package models

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// AddOptions are the inputs of "models add".
type AddOptions struct {
	IO        *iostreams.IOStreams
	Client    func() (*facade.Client, error)
	ModelName string
	Params    map[string]any
	Info      map[string]any
}

// NewCmdAdd returns "models add".
func NewCmdAdd(f *cmdutil.Factory, runF func(*AddOptions) error) *cobra.Command {
	opts := &AddOptions{IO: f.IOStreams, Client: f.Client}
	var params, info []string
	cmd := &cobra.Command{
		Use:   "add MODEL_NAME -p model=PROVIDER/MODEL [-p key=value]... [-i key=value]...",
		Short: "Add a deployment",
		Long: cmdutil.Heredoc(`
			Add a deployment to the model group MODEL_NAME (POST /model/new) and print
			the stored record as JSON.

			-p/--param sets a litellm_params entry and -i/--info a model_info entry,
			each as key=value split at the first "=". Values are strings, except for the
			parameters the proxy types as numbers or booleans (rpm, tpm, timeout, ...),
			which must parse as such. -p model=... is required. A value without "="
			is a usage error (exit 2; upstream exits 1).`),
		Example: `  litellm-proxy models add gpt-4o -p model=openai/gpt-4o -p api_key=os.environ/OPENAI_API_KEY
  litellm-proxy models add claude -p model=anthropic/claude-3-5-sonnet-20240620 -i input_cost_per_token=0.000003`,
		Args: cmdutil.ExactArgs(1, "MODEL_NAME is required: the public model name clients will ask for"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ModelName = args[0]
			var err error
			if opts.Params, err = cmdutil.ParseKeyValues("--param", params); err != nil {
				return err
			}
			if opts.Info, err = cmdutil.ParseKeyValues("--info", info); err != nil {
				return err
			}
			cmdutil.CoerceModelValues(opts.Params)
			cmdutil.CoerceModelValues(opts.Info)
			if m, _ := opts.Params["model"].(string); m == "" {
				return cmdutil.FlagErrorf("--param model=PROVIDER/MODEL is required (for example -p model=openai/gpt-4o)")
			}
			if runF != nil {
				return runF(opts)
			}
			return addRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringArrayVarP(&params, "param", "p", nil, "Model parameter key=value (repeatable)")
	cmd.Flags().StringArrayVarP(&info, "info", "i", nil, "Model info key=value (repeatable)")
	return cmd
}

// buildNewRequest turns k=v maps into the typed request.
func buildNewRequest(name string, params, info map[string]any) (*facade.ModelNewRequest, error) {
	req := &facade.ModelNewRequest{ModelName: name}
	if err := cmdutil.Fill(&req.LitellmParams, params); err != nil {
		return nil, cmdutil.FlagErrorf("--param %v", err)
	}
	if err := cmdutil.Fill(&req.ModelInfo, info); err != nil {
		return nil, cmdutil.FlagErrorf("--info %v", err)
	}
	return req, nil
}

func addRun(ctx context.Context, opts *AddOptions) error {
	req, err := buildNewRequest(opts.ModelName, opts.Params, opts.Info)
	if err != nil {
		return err
	}
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.ModelRecord, error) {
		return c.Models.Add(ctx, req, o)
	})
}
