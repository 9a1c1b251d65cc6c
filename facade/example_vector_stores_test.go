package facade_test

import (
	"context"
	"fmt"
	"log"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExampleVectorStoresService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	// Register a provider's vector store with the proxy.
	if _, err := c.VectorStores.Create(ctx, &facade.VectorStoreNewRequest{
		VectorStoreID: "vs_abc123", CustomLlmProvider: "openai", VectorStoreName: "Handbook",
	}); err != nil {
		log.Fatal(err)
	}
	for vs, err := range c.VectorStores.All(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(vs.VectorStoreID, vs.CustomLlmProvider, vs.VectorStoreName)
	}
	// Output:
	// vs_abc123 openai Handbook
}
