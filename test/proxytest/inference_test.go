package proxytest_test

// inferenceOperations are the inference operations beyond chat: any key
// may call them, as chat (TestRouteGating).
var inferenceOperations = []string{"embeddings", "embeddingsV1"}

func init() {
	for _, op := range inferenceOperations {
		routeClasses[op] = "any"
	}
}
