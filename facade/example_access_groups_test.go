package facade_test

import (
	"context"
	"fmt"
	"log"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExampleAccessGroupsService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	// Only models stored in the proxy's database can join a model access group.
	for _, id := range []string{"gpt-eu-1", "gpt-eu-2"} {
		if _, err := c.Models.Add(ctx, &facade.ModelNewRequest{ModelName: "gpt-eu",
			LitellmParams: facade.LiteLLMParams{Model: "openai/gpt-4o"}, ModelInfo: facade.ModelInfoInput{ID: id}}); err != nil {
			log.Fatal(err)
		}
	}
	ch, err := c.AccessGroups.Create(ctx, &facade.ModelAccessGroupRequest{AccessGroup: "eu-models", ModelNames: []string{"gpt-eu"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("deployments tagged:", ch.ModelsUpdated)
	groups, err := c.AccessGroups.List(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range groups {
		fmt.Println(g.AccessGroup, g.ModelNames, g.DeploymentCount)
	}
	// Output:
	// deployments tagged: 2
	// eu-models [gpt-eu] 2
}

func ExampleAccessGroupsService_CreateUnified() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	// A unified access group grants models (and MCP servers, agents) to teams and keys.
	g, err := c.AccessGroups.CreateUnified(ctx, &facade.UnifiedAccessGroupCreateRequest{
		AccessGroupName: "support", Description: "the support desk", AccessModelNames: []string{"gpt-4o"},
	})
	if err != nil {
		log.Fatal(err)
	}
	g, err = c.AccessGroups.UpdateUnified(ctx, g.AccessGroupID, &facade.UnifiedAccessGroupUpdateRequest{
		AccessModelNames: &[]string{"gpt-4o", "gpt-4o-mini"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.AccessGroupName, g.AccessModelNames)
	if err := c.AccessGroups.DeleteUnified(ctx, g.AccessGroupID); err != nil {
		log.Fatal(err)
	}
	list, _ := c.AccessGroups.ListUnified(ctx)
	fmt.Println("left:", len(list))
	// Output:
	// support [gpt-4o gpt-4o-mini]
	// left: 0
}
