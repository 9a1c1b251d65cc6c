package contract

// mcpSteps exercise the MCPServers service (issue 14, family 8).
func mcpSteps() []step { return nil }
