package facade_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

// The examples run against proxytest, the in-memory LiteLLM proxy; a real
// program passes its proxy's URL and key instead (or uses facade.NewFromEnv).
// Each example body is a code block of the README.

func Example() {
	srv := proxytest.NewServer()
	defer srv.Close()

	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	if err != nil {
		log.Fatal(err)
	}
	resp, err := c.Chat.Completions.Create(context.Background(), &facade.ChatCompletionRequest{
		Model: "gpt-4o",
		Messages: []facade.ChatMessage{
			facade.SystemMessage("You are a helpful assistant."),
			facade.UserMessage("Hello, proxy!"),
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.Choices[0].Message.Content)
	fmt.Println("tokens:", resp.Usage.TotalTokens > 0)
	// Output:
	// You said: Hello, proxy!
	// tokens: true
}

func ExampleChatCompletionsService_Stream() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))

	stream, err := c.Chat.Completions.Stream(context.Background(), &facade.ChatCompletionRequest{
		Model:         "gpt-4o",
		Messages:      []facade.ChatMessage{facade.UserMessage("stream these words")},
		StreamOptions: facade.ChatStreamOptions{IncludeUsage: true},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer stream.Close()
	var acc facade.ChatCompletionAccumulator
	for stream.Next() {
		chunk := stream.Current()
		acc.Add(chunk)
		if len(chunk.Choices) > 0 {
			fmt.Print(chunk.Choices[0].Delta.Content)
		}
	}
	if err := stream.Err(); err != nil {
		log.Fatal(err)
	}
	completion := acc.Completion()
	fmt.Println()
	fmt.Println("finish:", completion.Choices[0].FinishReason, "usage:", completion.Usage.TotalTokens > 0)
	// Output:
	// You said: stream these words
	// finish: stop usage: true
}

func ExampleKeysService_Generate() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	key, err := c.Keys.Generate(ctx, &facade.KeyGenerateRequest{
		KeyAlias: "billing-service",
		Models:   []string{"gpt-4o"},
		Duration: "30d",
	})
	if err != nil {
		log.Fatal(err)
	}
	info, err := c.Keys.Info(ctx, key.Key)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.Info.KeyAlias, info.Info.Models)

	if _, err := c.Keys.Delete(ctx, &facade.KeyDeleteRequest{KeyAliases: []string{"billing-service"}}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// billing-service [gpt-4o]
}

func ExampleKeysService_All() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()
	for i := range 5 {
		if _, err := c.Keys.Generate(ctx, &facade.KeyGenerateRequest{KeyAlias: fmt.Sprintf("svc-%d", i)}); err != nil {
			log.Fatal(err)
		}
	}

	count := 0
	for key, err := range c.Keys.All(ctx, &facade.KeyListOptions{Size: 2, ReturnFullObject: true}) {
		if err != nil {
			log.Fatal(err)
		}
		if key.KeyAlias != "" {
			count++
		}
	}
	fmt.Println("keys:", count)
	// Output:
	// keys: 5
}

func ExampleModelsService_List() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	models, err := c.Models.List(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range models {
		fmt.Println(m.ID)
	}
	// Output:
	// gpt-4o
	// claude-3-5-sonnet
}

func ExampleModelGroupsService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	_, err := c.ModelGroups.Create(ctx, "fast-chat", []facade.ModelGroupDeployment{
		{LitellmParams: facade.LiteLLMParams{Model: "openai/gpt-4o-mini"}},
		{LitellmParams: facade.LiteLLMParams{Model: "azure/gpt-4o-mini", APIBase: "https://example.openai.azure.com"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	groups, _ := c.ModelGroups.List(ctx, &facade.ModelGroupListOptions{ModelGroup: "fast-chat"})
	fmt.Println(groups[0].ModelGroup, groups[0].Providers)

	deleted, _ := c.ModelGroups.Delete(ctx, "fast-chat")
	fmt.Println("deleted deployments:", len(deleted))
	// Output:
	// fast-chat [openai azure]
	// deleted deployments: 2
}

func ExampleCredentialsService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	_, err := c.Credentials.Create(ctx, &facade.CredentialCreateRequest{
		CredentialName:   "azure-prod",
		CredentialInfo:   map[string]any{"custom_llm_provider": "azure"},
		CredentialValues: map[string]any{"api_key": "azure-secret-value", "api_base": "https://example.openai.azure.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	cred, _ := c.Credentials.Get(ctx, "azure-prod")
	fmt.Println(cred.CredentialName, cred.CredentialValues["api_key"]) // secrets come back masked
	// Output:
	// azure-prod az****ue
}

func ExampleUsersService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	user, err := c.Users.Create(ctx, &facade.UserNewRequest{UserEmail: "ada@example.com", UserRole: facade.UserRoleInternalUser})
	if err != nil {
		log.Fatal(err)
	}
	info, _ := c.Users.Get(ctx, user.UserID)
	fmt.Println(info.UserInfo.UserEmail, info.UserInfo.UserRole, len(info.Keys))
	// Output:
	// ada@example.com internal_user 1
}

func ExampleUsersService_GetV2() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	team, err := c.Teams.Create(ctx, &facade.TeamNewRequest{TeamAlias: "research"})
	if err != nil {
		log.Fatal(err)
	}
	user, err := c.Users.Create(ctx, &facade.UserNewRequest{UserEmail: "ada@example.com", UserRole: facade.UserRoleInternalUser,
		Teams: []string{team.TeamID}})
	if err != nil {
		log.Fatal(err)
	}
	info, err := c.Users.GetV2(ctx, user.UserID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.UserEmail, info.UserRole, len(info.Teams) == 1 && info.Teams[0] == team.TeamID)

	_, err = c.Users.GetV2(ctx, "no-such-user")
	fmt.Println(errors.Is(err, facade.ErrNotFound))
	// Output:
	// ada@example.com internal_user true
	// true
}

func ExampleHTTPService_Request() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))

	// Any route, with the client's auth, retries and errors.
	var readiness struct {
		Status         string `json:"status"`
		LitellmVersion string `json:"litellm_version"`
	}
	if err := c.HTTP.Get(context.Background(), "/health/readiness/details", &readiness); err != nil {
		log.Fatal(err)
	}
	fmt.Println(readiness.Status, readiness.LitellmVersion)
	// Output:
	// healthy 1.88.0
}

func ExampleAPIError() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey("sk-not-a-valid-key-0123456789"))

	_, err := c.Keys.List(context.Background(), nil)
	if errors.Is(err, facade.ErrUnauthorized) {
		var apiErr *facade.APIError
		errors.As(err, &apiErr)
		fmt.Println(apiErr.StatusCode, apiErr.Type)
	}
	// Output:
	// 401 token_not_found_in_db
}

func ExampleReturnRequest() {
	c, _ := facade.New("http://localhost:4000", facade.WithAPIKey("sk-1234"))

	var req *http.Request
	_, err := c.Models.List(context.Background(), nil, facade.ReturnRequest(&req))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(req.Method, req.URL)
	// Output:
	// GET http://localhost:4000/models
}

func Example_testingWithProxytest() {
	// In a test of your own code: a real LiteLLM-compatible server on
	// loopback, with faults injected where you want them.
	srv := proxytest.NewServer(
		proxytest.WithFault(proxytest.ErrorStatus(http.StatusServiceUnavailable, 0).On("chatCompletion").Times(1)),
	)
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))

	// The first attempt gets a 503; the client retries and succeeds.
	resp, err := c.Chat.Completions.Create(context.Background(), &facade.ChatCompletionRequest{
		Model:    "gpt-4o",
		Messages: []facade.ChatMessage{facade.UserMessage("retry me")},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.Content(), "after", srv.RequestCount("chatCompletion"), "requests")
	// Output:
	// You said: retry me after 2 requests
}
