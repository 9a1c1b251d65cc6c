package proxytest

// restState is the emulator's state for the rest of families 1-7 (issue 14): team, key, user and model group operations. h.mu guards it.
type restState struct{}

// restRouteClass is the route class of this family's operations.
func restRouteClass(opID string) (int, bool) {
	return 0, false
}

// restNoDB is the answer of this family's routes on a proxy without a database.
func (h *handler) restNoDB(opID string) *apiError {
	return nil
}
