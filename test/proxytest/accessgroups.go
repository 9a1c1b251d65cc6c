package proxytest

// accessGroupState is the emulator's state for this family (issue 14, family 8). h.mu guards it.
type accessGroupState struct{}
