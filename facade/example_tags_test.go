package facade_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExampleTagsService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	limit := 10.0
	if _, err := c.Tags.Create(ctx, &facade.TagNewRequest{
		Name: "team-search", Description: "Search team traffic", MaxBudget: &limit, BudgetDuration: "30d",
	}); err != nil {
		log.Fatal(err)
	}
	tag, err := c.Tags.Get(ctx, "team-search")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tag.Name, tag.Description, *tag.LitellmBudgetTable.MaxBudget)

	// The proxy answers a duplicate with HTTP 500 "400: Tag ... already exists".
	_, err = c.Tags.Create(ctx, &facade.TagNewRequest{Name: "team-search"})
	fmt.Println(errors.Is(err, facade.ErrBadRequest))

	if _, err := c.Tags.Delete(ctx, "team-search"); err != nil {
		log.Fatal(err)
	}
	_, err = c.Tags.Get(ctx, "team-search")
	fmt.Println(errors.Is(err, facade.ErrNotFound))
	// Output:
	// team-search Search team traffic 10
	// true
	// true
}
