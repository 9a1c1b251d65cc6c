package facade

// VectorStoresService manages the vector stores the proxy knows (its management routes, not the OpenAI vector store API).
type VectorStoresService service
