// Package modelgroups implements "litellm-proxy model-groups": list, create
// and delete model groups (the sets of deployments sharing a model name).
package modelgroups

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdModelGroups returns the model-groups command group.
func NewCmdModelGroups(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("model-groups", "Manage model groups",
		cmdutil.Heredoc(`
			List the model groups the key may use or show one, and create or delete a group as a
			set of deployments. The proxy has no group object: a group is the set of
			deployments that share a model_name, and requests for that name are
			balanced across them.`),
		`  litellm-proxy model-groups list
  litellm-proxy model-groups info gpt-4o
  litellm-proxy model-groups create gpt-4o --deployment model=openai/gpt-4o --deployment model=azure/gpt-4o,api_base=https://example.openai.azure.com
  litellm-proxy model-groups delete gpt-4o`)
	cmd.AddCommand(NewCmdList(f, nil), NewCmdInfo(f, nil), NewCmdCreate(f, nil), NewCmdDelete(f, nil))
	cmd.AddCommand(NewCmdMakePublic(f, nil))
	return cmd
}
