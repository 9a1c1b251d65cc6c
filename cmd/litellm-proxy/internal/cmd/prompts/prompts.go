// Package prompts implements "litellm-proxy prompts".
package prompts

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdPrompts returns the prompts command group.
func NewCmdPrompts(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("prompts", "Manage prompts",
		cmdutil.Heredoc(`
			Create, list, inspect, change and delete the prompts the proxy stores
			(prompt management), and list their versions.`),
		`  litellm-proxy prompts list`)
	return cmd
}
