package proxytest

// promptState is the emulator's state for prompts (issue 14, family 8). h.mu guards it.
type promptState struct{}

// promptRouteClass is the route class of this family's operations.
func promptRouteClass(opID string) (int, bool) {
	return 0, false
}

// promptNoDB is the answer of this family's routes on a proxy without a database.
func (h *handler) promptNoDB(opID string) *apiError {
	return nil
}
