package facade_test

import (
	"context"
	"fmt"
	"log"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExampleKeysService_ResetSpend() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	spend, budget := 8.0, 10.0
	k, err := c.Keys.Generate(ctx, &facade.KeyGenerateRequest{KeyAlias: "ci", Spend: &spend, MaxBudget: &budget})
	if err != nil {
		log.Fatal(err)
	}
	// Give the key its budget back: its spend goes down to 0.
	r, err := c.Keys.ResetSpend(ctx, k.Key, 0)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.PreviousSpend, "->", r.Spend, "of", *r.MaxBudget)
	// Output:
	// 8 -> 0 of 10
}

func ExampleKeysService_BulkUpdate() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	a, _ := c.Keys.Generate(ctx, &facade.KeyGenerateRequest{KeyAlias: "a"})
	b, _ := c.Keys.Generate(ctx, &facade.KeyGenerateRequest{KeyAlias: "b"})
	limit := 25.0
	res, err := c.Keys.BulkUpdate(ctx, []facade.KeyBulkUpdateItem{
		{Key: a.Key, MaxBudget: &limit}, {Key: b.Token, MaxBudget: &limit}, {Key: "sk-no-such-key", MaxBudget: &limit},
	})
	if err != nil {
		log.Fatal(err)
	}
	// Each key is updated on its own: a nil error does not mean all were.
	fmt.Println(len(res.SuccessfulUpdates), "updated")
	for _, f := range res.FailedUpdates {
		fmt.Println("not updated:", f.FailedReason)
	}
	// Output:
	// 2 updated
	// not updated: Key not found.
}

func ExampleUsersService_BulkUpdate() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	budget := 50.0
	res, err := c.Users.BulkUpdate(ctx, []facade.UserUpdateRequest{
		{UserID: "alice", MaxBudget: &budget}, {UserID: "bob", MaxBudget: &budget},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.SuccessfulUpdates, "of", res.TotalRequested)
	// Output:
	// 2 of 2
}

func ExampleTeamsService_BulkAddMembers() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	team, err := c.Teams.Create(ctx, &facade.TeamNewRequest{TeamAlias: "engineering"})
	if err != nil {
		log.Fatal(err)
	}
	members := []facade.Member{
		{UserID: "alice", Role: facade.MemberRoleUser},
		{UserEmail: "bob@example.com", Role: facade.MemberRoleUser},
	}
	res, err := c.Teams.BulkAddMembers(ctx, team.TeamID, members, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.SuccessfulAdditions, "added")
	// A failed add is HTTP 200 too: every member is listed as failed.
	res, _ = c.Teams.BulkAddMembers(ctx, team.TeamID, members[:1], nil)
	fmt.Println(res.FailedAdditions, "failed", res.Results[0].Success)
	me, _ := c.Teams.Me(ctx, team.TeamID)
	fmt.Println("my role:", me.Role)
	// Output:
	// 2 added
	// 1 failed false
	// my role: admin
}

func ExampleTeamsService_AddCallback() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	team, _ := c.Teams.Create(ctx, &facade.TeamNewRequest{TeamAlias: "engineering"})
	// Log the team's requests to Langfuse; the proxy stores the variables encrypted.
	t, err := c.Teams.AddCallback(ctx, team.TeamID, &facade.TeamCallbackAddRequest{CallbackName: "langfuse",
		CallbackVars: map[string]string{"langfuse_public_key": "pk-lf-example", "langfuse_secret_key": "sk-lf-example"}})
	if err != nil {
		log.Fatal(err)
	}
	logging, _ := t.Metadata["logging"].([]any)
	fmt.Println(len(logging), "logging callback")
	d, _ := c.Teams.DisableLogging(ctx, team.TeamID)
	fmt.Println(d.SuccessCallbacks, d.FailureCallbacks)
	// Output:
	// 1 logging callback
	// [] []
}
