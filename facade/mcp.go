package facade

// MCPServersService manages the MCP servers the proxy fronts (its management routes).
type MCPServersService service
