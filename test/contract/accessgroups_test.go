package contract

// accessGroupSteps exercise the AccessGroups service (issue 14, family 8).
func accessGroupSteps() []step { return nil }
