package facade

// PromptsService manages the prompts stored in the proxy.
type PromptsService service
