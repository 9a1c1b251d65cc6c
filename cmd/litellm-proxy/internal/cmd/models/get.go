package models

import (
	"context"
	"encoding/json"
	"errors"
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
	var cap cmdutil.Capture
	d, err := c.Models.Get(ctx, facade.ModelGetOptions{ID: opts.ID, Name: opts.Name}, cap.Option())
	var raw json.RawMessage
	var de *facade.DecodeError
	switch {
	case err == nil:
		raw = cap.Raw()
	case errors.As(err, &de):
		// The facade could not decode the list; look in it ourselves.
		if raw, err = cmdutil.Body(nil, nil, err); err != nil {
			return err
		}
	default:
		return err
	}
	// The list holds the deployment found: print it from the raw list, so
	// that its key order and unknown fields are the proxy's.
	if found := findDeployment(cmdutil.RawField(raw, "data"), opts.ID, opts.Name); found != nil {
		return output.PrintJSON(opts.IO, found)
	}
	if d == nil {
		what := "model_name=" + opts.Name
		if opts.ID != "" {
			what = "id=" + opts.ID
		}
		return &facade.APIError{StatusCode: http.StatusNotFound, Method: http.MethodGet, Path: "/v1/model/info",
			Message: "model with " + what + " not found", NotFoundHint: true}
	}
	return cmdutil.PrintResult(opts.IO, nil, d)
}

// findDeployment returns the first deployment of data (a JSON list) with
// model_info.id id, or model_name name.
func findDeployment(data json.RawMessage, id, name string) json.RawMessage {
	var list []json.RawMessage
	if json.Unmarshal(data, &list) != nil {
		return nil
	}
	for _, item := range list {
		var d struct {
			ModelName any `json:"model_name"`
			ModelInfo struct {
				ID any `json:"id"`
			} `json:"model_info"`
		}
		if json.Unmarshal(item, &d) != nil {
			continue
		}
		if (id != "" && d.ModelInfo.ID == id) || (name != "" && d.ModelName == name) {
			return item
		}
	}
	return nil
}
