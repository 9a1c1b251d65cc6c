package models

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// UpdateOptions are the inputs of "models update".
type UpdateOptions struct {
	IO      *iostreams.IOStreams
	Client  func() (*facade.Client, error)
	ModelID string
	Params  map[string]any
	Info    map[string]any
}

// NewCmdUpdate returns "models update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*UpdateOptions) error) *cobra.Command {
	opts := &UpdateOptions{IO: f.IOStreams, Client: f.Client}
	var params, info []string
	cmd := &cobra.Command{
		Use:   "update MODEL_ID [-p key=value]... [-i key=value]...",
		Short: "Update a deployment's parameters",
		Long: cmdutil.Heredoc(`
			Merge -p/--param key=value entries into the litellm_params of the deployment
			MODEL_ID (POST /model/update, which finds it by model_info.id) and print the
			updated record as JSON. -i/--info entries are sent as model_info; the proxy
			does not store model_info through this endpoint.`),
		Example: `  litellm-proxy models update 0c9a5f0e-8d57-4e1c-9b1e-3c6a2a9b8f10 -p rpm=100`,
		Args:    cmdutil.ExactArgs(1, "MODEL_ID is required: the deployment id (model_info.id)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ModelID = args[0]
			var err error
			if opts.Params, err = cmdutil.ParseKeyValues("--param", params); err != nil {
				return err
			}
			if opts.Info, err = cmdutil.ParseKeyValues("--info", info); err != nil {
				return err
			}
			cmdutil.CoerceModelValues(opts.Params)
			cmdutil.CoerceModelValues(opts.Info)
			if runF != nil {
				return runF(opts)
			}
			return updateRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringArrayVarP(&params, "param", "p", nil, "Model parameter key=value (repeatable)")
	cmd.Flags().StringArrayVarP(&info, "info", "i", nil, "Model info key=value (repeatable)")
	return cmd
}

func updateRun(ctx context.Context, opts *UpdateOptions) error {
	req := &facade.ModelUpdateRequest{LitellmParams: opts.Params}
	if err := cmdutil.Fill(&req.ModelInfo, opts.Info); err != nil {
		return cmdutil.FlagErrorf("--info %v", err)
	}
	if id, ok := opts.Info["id"]; ok && id != opts.ModelID {
		return cmdutil.FlagErrorf("--info id=%v differs from MODEL_ID %q: leave id out", id, opts.ModelID)
	}
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.ModelRecord, error) {
		return c.Models.Update(ctx, opts.ModelID, req, o)
	})
}
