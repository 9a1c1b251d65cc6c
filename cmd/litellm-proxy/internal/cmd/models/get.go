package models

import (
	"context"
	"net/http"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// GetOptions are the inputs of "models get".
type GetOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	ID     string
	Name   string
}

// NewCmdGet returns "models get".
func NewCmdGet(f *cmdutil.Factory, runF func(*GetOptions) error) *cobra.Command {
	opts := &GetOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "get {--id MODEL_ID | --name MODEL_NAME}",
		Short: "Show one deployment as JSON",
		Long: cmdutil.Heredoc(`
			Show one deployment from GET /v1/model/info as JSON, found by its id
			(model_info.id) or by its public name (model_name; the first deployment with
			that name). Exactly one of --id and --name is needed. No match exits 1.`),
		Example: `  litellm-proxy models get --id 0c9a5f0e-8d57-4e1c-9b1e-3c6a2a9b8f10
  litellm-proxy models get --name gpt-4o`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case opts.ID == "" && opts.Name == "":
				return cmdutil.FlagErrorf("Either --id or --name must be provided")
			case opts.ID != "" && opts.Name != "":
				return cmdutil.FlagErrorf("--id and --name cannot be used together: give one of them")
			}
			if runF != nil {
				return runF(opts)
			}
			return getRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.ID, "id", "", "Deployment id (model_info.id)")
	cmd.Flags().StringVar(&opts.Name, "name", "", "Public model name (model_name)")
	return cmd
}

func getRun(ctx context.Context, opts *GetOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	// Models.Get would find the deployment too; the index in the list is
	// what lets the JSON be the proxy's item, with its key order and
	// unknown fields.
	exp := cmdutil.NewExporter(opts.IO, cmdutil.FormatJSON)
	deployments, err := c.Models.Info(ctx, nil, exp.Option())
	if err != nil {
		return err
	}
	for i, d := range deployments {
		if (opts.ID != "" && d.ModelInfo.ID == opts.ID) || (opts.Name != "" && d.ModelName == opts.Name) {
			if items := exp.Items("data"); len(items) == len(deployments) {
				return output.PrintJSON(opts.IO, items[i])
			}
			return output.PrintJSON(opts.IO, d)
		}
	}
	what := "model_name=" + opts.Name
	if opts.ID != "" {
		what = "id=" + opts.ID
	}
	return &facade.APIError{StatusCode: http.StatusNotFound, Method: http.MethodGet, Path: "/v1/model/info",
		Message: "model with " + what + " not found", NotFoundHint: true}
}
