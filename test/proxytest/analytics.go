package proxytest

// analyticsState is the emulator's state for tag and spend analytics (issue 14). h.mu guards it.
type analyticsState struct{}

// analyticsRouteClass is the route class of this family's operations.
func analyticsRouteClass(opID string) (int, bool) {
	return 0, false
}

// analyticsNoDB is the answer of this family's routes on a proxy without a database.
func (h *handler) analyticsNoDB(opID string) *apiError {
	return nil
}
