package modelgroups

import (
	"context"
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// CreateOptions are the inputs of "model-groups create".
type CreateOptions struct {
	IO          *iostreams.IOStreams
	Client      func() (*facade.Client, error)
	Name        string
	Deployments []Deployment
}

// Deployment is a parsed --deployment value.
type Deployment struct {
	Params map[string]any
	Info   map[string]any
}

// NewCmdCreate returns "model-groups create".
func NewCmdCreate(f *cmdutil.Factory, runF func(*CreateOptions) error) *cobra.Command {
	opts := &CreateOptions{IO: f.IOStreams, Client: f.Client}
	var deployments []string
	cmd := &cobra.Command{
		Use:   "create NAME --deployment 'model=PROVIDER/MODEL[,key=value...]'...",
		Short: "Create a model group from deployments",
		Long: cmdutil.Heredoc(`
			Create the model group NAME: one deployment (POST /model/new, model_name
			NAME) per --deployment, in order, and print the stored records as JSON.

			A --deployment value is a comma-separated list of key=value litellm_params
			entries, model required; keys starting with "model_info." go to model_info
			instead. It may also be a JSON object {"model": ..., ...}. When the proxy
			rejects a deployment, the ones created before it stay: delete the group to
			undo.`),
		Example: `  litellm-proxy model-groups create gpt-4o \
    --deployment model=openai/gpt-4o,api_key=os.environ/OPENAI_API_KEY \
    --deployment 'model=azure/gpt-4o,api_base=https://example.openai.azure.com,model_info.id=gpt-4o-azure'`,
		Args: cmdutil.ExactArgs(1, "NAME is required: the model group (model_name) to create"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if len(deployments) == 0 {
				return cmdutil.FlagErrorf("at least one --deployment 'model=PROVIDER/MODEL,...' is required")
			}
			opts.Deployments = nil
			for _, d := range deployments {
				dep, err := ParseDeployment(d)
				if err != nil {
					return cmdutil.FlagErrorf("--deployment %q: %v", d, err)
				}
				opts.Deployments = append(opts.Deployments, dep)
			}
			if runF != nil {
				return runF(opts)
			}
			return createRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringArrayVar(&deployments, "deployment", nil, "A deployment: 'model=PROVIDER/MODEL,key=value,...' or a JSON object (repeatable)")
	return cmd
}

// ParseDeployment parses a --deployment value.
func ParseDeployment(s string) (Deployment, error) {
	d := Deployment{Params: map[string]any{}, Info: map[string]any{}}
	if t := strings.TrimSpace(s); strings.HasPrefix(t, "{") {
		m, err := cmdutil.ParseJSONObjectFlag("", t)
		if err != nil {
			return d, err
		}
		if mi, ok := m["model_info"].(map[string]any); ok {
			d.Info = mi
			delete(m, "model_info")
		}
		d.Params = m
	} else {
		for _, part := range strings.Split(s, ",") {
			if strings.TrimSpace(part) == "" {
				continue
			}
			k, v, err := cmdutil.ParseKeyValue(part)
			if err != nil {
				return d, err
			}
			k = strings.TrimSpace(k)
			if ik, ok := strings.CutPrefix(k, "model_info."); ok {
				d.Info[ik] = v
			} else {
				d.Params[k] = v
			}
		}
	}
	cmdutil.CoerceModelValues(d.Params)
	cmdutil.CoerceModelValues(d.Info)
	if m, _ := d.Params["model"].(string); m == "" {
		return d, errMissingModel
	}
	return d, nil
}

var errMissingModel = errors.New("model=PROVIDER/MODEL is required")

func createRun(ctx context.Context, opts *CreateOptions) error {
	deps := make([]facade.ModelGroupDeployment, 0, len(opts.Deployments))
	for _, d := range opts.Deployments {
		var dep facade.ModelGroupDeployment
		if err := cmdutil.Fill(&dep.LitellmParams, d.Params); err != nil {
			return cmdutil.FlagErrorf("--deployment: %v", err)
		}
		if err := cmdutil.Fill(&dep.ModelInfo, d.Info); err != nil {
			return cmdutil.FlagErrorf("--deployment: %v", err)
		}
		deps = append(deps, dep)
	}
	c, err := opts.Client()
	if err != nil {
		return err
	}
	records, err := c.ModelGroups.Create(ctx, opts.Name, deps)
	if err != nil {
		if len(records) > 0 {
			_ = output.PrintJSON(opts.IO, records)
		}
		return err
	}
	return output.PrintJSON(opts.IO, records)
}
