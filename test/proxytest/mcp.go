package proxytest

// mcpState is the emulator's state for this family (issue 14, family 8). h.mu guards it.
type mcpState struct{}
