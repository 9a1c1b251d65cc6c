package facade_test

import (
	"context"
	"fmt"
	"log"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExamplePromptsService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	// Store a dotprompt prompt; storing it again makes a new version.
	req := &facade.PromptCreateRequest{PromptID: "greeting", LitellmParams: facade.PromptParams{
		PromptIntegration: "dotprompt",
		DotpromptContent:  "---\nmodel: gpt-4o\n---\nUser: Say hello to {{name}}.",
	}}
	for range 2 {
		p, err := c.Prompts.Create(ctx, req)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("stored", p.PromptID)
	}
	versions, err := c.Prompts.Versions(ctx, "greeting", nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, v := range versions {
		fmt.Println(v.PromptID, "version", v.Version, v.Environment)
	}
	d, err := c.Prompts.Get(ctx, "greeting", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("template %q, model %v\n", d.RawPromptTemplate.Content, d.RawPromptTemplate.Metadata["model"])
	// Output:
	// stored greeting.v1
	// stored greeting.v2
	// greeting version 2 development
	// greeting version 1 development
	// template "User: Say hello to {{name}}.", model gpt-4o
}

func ExamplePromptsService_Test() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	// Run a prompt through its model before storing it; the answer is streamed.
	s, err := c.Prompts.Test(ctx, &facade.PromptTestRequest{
		DotpromptContent: "---\nmodel: gpt-4o\ntemperature: 0.2\n---\nSystem: Be brief.\nUser: Hello {{name}}",
		PromptVariables:  map[string]any{"name": "Ada"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	var acc facade.ChatCompletionAccumulator
	for s.Next() {
		acc.Add(s.Current())
	}
	if err := s.Err(); err != nil {
		log.Fatal(err)
	}
	fmt.Println(acc.Completion().Content())
	// Output:
	// You said: Hello Ada
}
