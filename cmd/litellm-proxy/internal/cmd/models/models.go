// Package models implements "litellm-proxy models": list, info, get, add,
// update, delete and import of model deployments.
package models

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdModels returns the models command group.
func NewCmdModels(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("models", "Manage and view model configurations",
		cmdutil.Heredoc(`
			List the models the key may use, show deployment details, and add, update,
			delete or import deployments (admin key required for changes).

			A model group (the public name clients ask for) is the set of deployments
			that share a model_name; each deployment has its own id.`),
		`  litellm-proxy models list
  litellm-proxy models info --columns public_model,upstream_model,input_cost,output_cost
  litellm-proxy models add gpt-4o -p model=openai/gpt-4o -p api_key=os.environ/OPENAI_API_KEY
  litellm-proxy models import proxy_config.yaml --dry-run`)
	cmd.AddCommand(
		NewCmdList(f, nil), NewCmdInfo(f, nil), NewCmdGet(f, nil), NewCmdAdd(f, nil),
		NewCmdUpdate(f, nil), NewCmdDelete(f, nil), NewCmdImport(f, nil),
	)
	return cmd
}
