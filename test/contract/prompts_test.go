package contract

// promptSteps exercise the Prompts service (issue 14, family 8).
func promptSteps() []step { return nil }
