package contract

// guardrailSteps exercise the Guardrails service (issue 14, family 8).
func guardrailSteps() []step { return nil }
