package proxytest

// accessGroupState is the emulator's state for model access groups (issue 14, family 8). h.mu guards it.
type accessGroupState struct{}

// accessGroupRouteClass is the route class of this family's operations.
func accessGroupRouteClass(opID string) (int, bool) {
	return 0, false
}

// accessGroupNoDB is the answer of this family's routes on a proxy without a database.
func (h *handler) accessGroupNoDB(opID string) *apiError {
	return nil
}
