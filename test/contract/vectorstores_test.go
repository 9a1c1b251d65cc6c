package contract

// vectorStoreSteps exercise the VectorStores service (issue 14, family 8).
func vectorStoreSteps() []step { return nil }
