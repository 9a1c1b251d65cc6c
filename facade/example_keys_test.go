package facade_test

import (
	"context"
	"fmt"
	"log"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExampleKeysService_AllAliases() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	for _, alias := range []string{"prod-billing", "staging", "prod-search"} {
		if _, err := c.Keys.Generate(ctx, &facade.KeyGenerateRequest{KeyAlias: alias}); err != nil {
			log.Fatal(err)
		}
	}
	for alias, err := range c.Keys.AllAliases(ctx, &facade.KeyAliasOptions{Search: "PROD"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(alias)
	}
	// Output:
	// prod-billing
	// prod-search
}

func ExampleKeysService_Health() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))

	health, err := c.Keys.Health(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(health.Key)
	// Output:
	// healthy
}
