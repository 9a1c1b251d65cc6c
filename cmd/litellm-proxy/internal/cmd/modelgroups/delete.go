package modelgroups

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// DeleteOptions are the inputs of "model-groups delete".
type DeleteOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Name   string
}

// NewCmdDelete returns "model-groups delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*DeleteOptions) error) *cobra.Command {
	opts := &DeleteOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "delete NAME",
		Short: "Delete every deployment of a model group",
		Long: cmdutil.Heredoc(`
			Delete the model group NAME: every deployment whose model_name is NAME
			(found with GET /v1/model/info, deleted with POST /model/delete), and print
			{"model_group": NAME, "deleted_deployments": [ids]}. It does not ask for
			confirmation (so that scripts can use it): check the name. A group with
			no deployment exits 1.`),
		Example: `  litellm-proxy model-groups delete gpt-4o`,
		Args:    cmdutil.ExactArgs(1, "NAME is required: the model group (model_name) to delete"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return deleteRun(cmd.Context(), opts)
		},
	}
}

type deleteResult struct {
	ModelGroup         string   `json:"model_group"`
	DeletedDeployments []string `json:"deleted_deployments"`
}

func deleteRun(ctx context.Context, opts *DeleteOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	ids, err := c.ModelGroups.Delete(ctx, opts.Name)
	if err != nil {
		if len(ids) > 0 {
			_ = output.PrintJSON(opts.IO, deleteResult{opts.Name, ids})
		}
		return err
	}
	if ids == nil {
		ids = []string{}
	}
	return output.PrintJSON(opts.IO, deleteResult{opts.Name, ids})
}
