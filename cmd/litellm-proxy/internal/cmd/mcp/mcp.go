// Package mcp implements "litellm-proxy mcp".
package mcp

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdMCP returns the mcp command group.
func NewCmdMCP(f *cmdutil.Factory) *cobra.Command {
	return cmdutil.NewGroupCmd("mcp", "Manage MCP servers", "Manage MCP servers.", "  litellm-proxy mcp --help")
}
