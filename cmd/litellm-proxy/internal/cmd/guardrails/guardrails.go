// Package guardrails implements "litellm-proxy guardrails".
package guardrails

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdGuardrails returns the guardrails command group.
func NewCmdGuardrails(f *cmdutil.Factory) *cobra.Command {
	return cmdutil.NewGroupCmd("guardrails", "Manage guardrails", "Manage guardrails.", "  litellm-proxy guardrails --help")
}
