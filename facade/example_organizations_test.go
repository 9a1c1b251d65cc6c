package facade_test

import (
	"context"
	"fmt"
	"log"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExampleOrganizationsService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	budget := 100.0
	org, err := c.Organizations.Create(ctx, &facade.OrganizationNewRequest{
		OrganizationID: "acme", OrganizationAlias: "Acme", Models: []string{"gpt-4o"}, MaxBudget: &budget,
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.Organizations.AddMembers(ctx, org.OrganizationID,
		[]facade.OrganizationMember{{UserID: "alice", Role: facade.OrgRoleAdmin}}, nil); err != nil {
		log.Fatal(err)
	}
	info, _ := c.Organizations.Get(ctx, "acme")
	fmt.Println(info.OrganizationAlias, *info.LitellmBudgetTable.MaxBudget, info.Members[0].UserID, info.Members[0].UserRole)
	// Output:
	// Acme 100 alice org_admin
}
