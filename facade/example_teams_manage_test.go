package facade_test

import (
	"context"
	"fmt"
	"log"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExampleTeamsService_Update() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	if _, err := c.Teams.Create(ctx, &facade.TeamNewRequest{TeamID: "platform", Models: []string{"gpt-4o"}}); err != nil {
		log.Fatal(err)
	}
	budget := 100.0
	team, err := c.Teams.Update(ctx, &facade.TeamUpdateRequest{TeamID: "platform", TeamAlias: "Platform", MaxBudget: &budget})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(team.TeamAlias, team.MaxBudget)
	// Keys of a blocked team stop working until it is unblocked.
	team, _ = c.Teams.Block(ctx, "platform")
	fmt.Println("blocked:", team.Blocked)
	team, _ = c.Teams.AddModels(ctx, "platform", []string{"gpt-4o-mini"})
	fmt.Println(team.Models)
	team, _ = c.Teams.SetPermissions(ctx, "platform", []string{"/key/generate", "/key/info"})
	fmt.Println(team.TeamMemberPermissions)
	// Output:
	// Platform 100
	// blocked: true
	// [gpt-4o gpt-4o-mini]
	// [/key/generate /key/info]
}
