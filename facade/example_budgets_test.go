package facade_test

import (
	"context"
	"fmt"
	"log"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExampleBudgetsService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	limit, rpm := 50.0, 60
	budget, err := c.Budgets.Create(ctx, &facade.BudgetNewRequest{
		BudgetID: "team-tier-small", MaxBudget: &limit, RpmLimit: &rpm, BudgetDuration: "30d",
	})
	if err != nil {
		log.Fatal(err)
	}
	// Keys (and customers) share the budget by its id.
	if _, err := c.Keys.Generate(ctx, &facade.KeyGenerateRequest{BudgetID: budget.BudgetID}); err != nil {
		log.Fatal(err)
	}
	list, _ := c.Budgets.List(ctx)
	fmt.Println(len(list), list[0].BudgetID, *list[0].MaxBudget, *list[0].RpmLimit, list[0].BudgetDuration)
	// Output:
	// 1 team-tier-small 50 60 30d
}
