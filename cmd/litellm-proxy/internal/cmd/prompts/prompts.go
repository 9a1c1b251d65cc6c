// Package prompts implements "litellm-proxy prompts".
package prompts

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdPrompts returns the prompts command group.
func NewCmdPrompts(f *cmdutil.Factory) *cobra.Command {
	return cmdutil.NewGroupCmd("prompts", "Manage prompts", "Manage prompts.", "  litellm-proxy prompts --help")
}
