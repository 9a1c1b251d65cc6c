package facade_test

import (
	"context"
	"fmt"
	"log"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExampleCustomersService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	limit := 5.0
	if _, err := c.Customers.Create(ctx, &facade.CustomerNewRequest{
		UserID: "tenant-42", Alias: "Tenant 42", MaxBudget: &limit, AllowedModelRegion: "eu",
	}); err != nil {
		log.Fatal(err)
	}
	// Chat requests name the customer in their user field.
	if _, err := c.Customers.Block(ctx, []string{"tenant-42"}); err != nil {
		log.Fatal(err)
	}
	cust, _ := c.Customers.Get(ctx, "tenant-42")
	fmt.Println(cust.Alias, cust.AllowedModelRegion, *cust.LitellmBudgetTable.MaxBudget, cust.Blocked)
	// Output:
	// Tenant 42 eu 5 true
}
