package facade

// PromptsService manages prompts stored in the proxy (prompt management).
type PromptsService service
