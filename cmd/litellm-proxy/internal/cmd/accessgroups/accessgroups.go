// Package accessgroups implements "litellm-proxy access-groups".
package accessgroups

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdAccessGroups returns the access-groups command group.
func NewCmdAccessGroups(f *cmdutil.Factory) *cobra.Command {
	return cmdutil.NewGroupCmd("access-groups", "Manage model access groups", "Manage model access groups.", "  litellm-proxy access-groups --help")
}
