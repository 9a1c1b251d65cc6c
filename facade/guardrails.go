package facade

// GuardrailsService manages guardrails stored in the proxy's database.
type GuardrailsService service
