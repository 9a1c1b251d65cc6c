// Package vectorstores implements "litellm-proxy vector-stores".
package vectorstores

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdVectorStores returns the vector-stores command group.
func NewCmdVectorStores(f *cmdutil.Factory) *cobra.Command {
	return cmdutil.NewGroupCmd("vector-stores", "Manage vector stores", "Manage vector stores.", "  litellm-proxy vector-stores --help")
}
