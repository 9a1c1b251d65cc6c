// Package accessgroups implements "litellm-proxy access-groups".
package accessgroups

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdAccessGroups returns the access-groups command group.
func NewCmdAccessGroups(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("access-groups", "Manage model access groups",
		cmdutil.Heredoc(`
			Create, list, inspect, change and delete the model access groups of the
			proxy: named sets of models that keys and teams are granted by name.`),
		`  litellm-proxy access-groups list`)
	return cmd
}
