package facade_test

import (
	"context"
	"fmt"
	"log"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExampleSpendService_Logs() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	if _, err := c.Chat.Completions.Create(ctx, &facade.ChatCompletionRequest{Model: "gpt-4o", User: "tenant-42",
		Messages: []facade.ChatMessage{{Role: "user", Content: "How much does this cost?"}}}); err != nil {
		log.Fatal(err)
	}
	rows, err := c.Spend.Logs(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range rows {
		fmt.Println(r.ModelGroup, r.EndUser, r.TotalTokens, r.Spend > 0)
	}
	// Output:
	// gpt-4o tenant-42 12 true
}
