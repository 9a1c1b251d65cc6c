package facade_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

// Two users' keys make tagged requests; the tag analytics count them.
func ExampleTagsService_Summary() {
	srv := proxytest.NewServer()
	defer srv.Close()
	admin, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	for _, id := range []string{"alice", "bob"} {
		u, err := admin.Users.Create(ctx, &facade.UserNewRequest{UserID: id, UserRole: "internal_user"})
		if err != nil {
			log.Fatal(err)
		}
		c, _ := facade.New(srv.URL, facade.WithAPIKey(u.Key))
		if _, err := c.Chat.Completions.Create(ctx, &facade.ChatCompletionRequest{Model: "gpt-4o",
			Messages: []facade.ChatMessage{{Role: "user", Content: "hi"}}, Metadata: map[string]any{"tags": []string{"prod"}}}); err != nil {
			log.Fatal(err)
		}
	}
	today := time.Now().UTC().Format(time.DateOnly)
	prod := facade.TagFilter{Tags: []string{"prod"}}
	sums, err := admin.Tags.Summary(ctx, &facade.TagSummaryOptions{Start: today, End: today, TagFilter: prod})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range sums {
		fmt.Println(s.Tag, "users:", s.UniqueUsers, "requests:", s.TotalRequests)
	}
	dau, err := admin.Tags.DailyActiveUsers(ctx, &prod)
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range dau {
		fmt.Println(d.Tag, d.Date == today, "active users:", d.ActiveUsers)
	}
	// Output:
	// prod users: 2 requests: 2
	// prod true active users: 2
}

// The master key resets every key's and team's spend; the spend logs stay.
func ExampleSpendService_Reset() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	k, err := c.Keys.Generate(ctx, &facade.KeyGenerateRequest{})
	if err != nil {
		log.Fatal(err)
	}
	user, _ := facade.New(srv.URL, facade.WithAPIKey(k.Key))
	if _, err := user.Chat.Completions.Create(ctx, &facade.ChatCompletionRequest{Model: "gpt-4o",
		Messages: []facade.ChatMessage{{Role: "user", Content: "hi"}}, Metadata: map[string]any{"tags": []string{"prod"}}}); err != nil {
		log.Fatal(err)
	}
	res, err := c.Spend.Reset(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Message)
	info, err := c.Keys.Info(ctx, k.Key)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("key spend:", info.Info.Spend)
	today := time.Now().UTC().Format(time.DateOnly)
	tags, err := c.Spend.GlobalTags(ctx, &facade.GlobalSpendTagsOptions{Start: today, End: today, Tags: []string{"prod"}})
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range tags {
		fmt.Println(t.Name, "requests:", t.LogCount)
	}
	// Output:
	// Spend for all API Keys and Teams reset successfully
	// key spend: 0
	// prod requests: 1
}
