// Command quickstart walks through the proxyclient library: a chat
// completion, a streamed one, models, model groups, keys, credentials, users,
// a low-level request and an error. It talks to the proxy named by
// LITELLM_PROXY_URL and LITELLM_PROXY_API_KEY when they are set, and to the
// built-in emulator (test/proxytest) otherwise.
//
//	make demo    # or: go run ./examples/quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer) error {
	var (
		c   *facade.Client
		err error
	)
	if os.Getenv("LITELLM_PROXY_URL") != "" {
		c, err = facade.NewFromEnv()
		fmt.Fprintf(out, "Using the proxy at %s\n", os.Getenv("LITELLM_PROXY_URL"))
	} else {
		srv := proxytest.NewServer()
		defer srv.Close()
		c, err = facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
		fmt.Fprintf(out, "Using the built-in emulator at %s (set LITELLM_PROXY_URL to use your proxy)\n", srv.URL)
	}
	if err != nil {
		return err
	}
	steps := []struct {
		title string
		run   func(context.Context, *facade.Client, io.Writer) error
	}{
		{"Server", server},
		{"Chat completion", chat},
		{"Streamed chat completion", stream},
		{"Models", models},
		{"Model groups", modelGroups},
		{"Virtual keys", keys},
		{"Credentials", credentials},
		{"Users", users},
		{"Low-level request", lowLevel},
		{"Errors", wrongKey},
	}
	for i, s := range steps {
		fmt.Fprintf(out, "\n%d. %s\n", i+1, s.title)
		if err := s.run(ctx, c, out); err != nil {
			return fmt.Errorf("%s: %w", strings.ToLower(s.title), err)
		}
	}
	fmt.Fprintln(out, "\nDone.")
	return nil
}

func server(ctx context.Context, c *facade.Client, out io.Writer) error {
	version, err := c.Health.ServerVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "   LiteLLM %s at %s\n", version, c.BaseURL())
	return nil
}

// chatModel is the first model group the proxy serves.
func chatModel(ctx context.Context, c *facade.Client) (string, error) {
	models, err := c.Models.List(ctx, nil)
	if err != nil {
		return "", err
	}
	if len(models) == 0 {
		return "", errors.New("the proxy serves no model")
	}
	return models[0].ID, nil
}

func chat(ctx context.Context, c *facade.Client, out io.Writer) error {
	model, err := chatModel(ctx, c)
	if err != nil {
		return err
	}
	resp, err := c.Chat.Completions.Create(ctx, &facade.ChatCompletionRequest{
		Model:    model,
		Messages: []facade.ChatMessage{facade.SystemMessage("Be brief."), facade.UserMessage("What is LiteLLM?")},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "   %s> %s\n   (%d prompt + %d completion tokens)\n", model, resp.Content(), resp.Usage.PromptTokens, resp.Usage.CompletionTokens)
	return nil
}

func stream(ctx context.Context, c *facade.Client, out io.Writer) error {
	model, err := chatModel(ctx, c)
	if err != nil {
		return err
	}
	s, err := c.Chat.Completions.Stream(ctx, &facade.ChatCompletionRequest{
		Model:         model,
		Messages:      []facade.ChatMessage{facade.UserMessage("Count to five, word by word")},
		StreamOptions: facade.ChatStreamOptions{IncludeUsage: true},
	})
	if err != nil {
		return err
	}
	defer s.Close()
	var acc facade.ChatCompletionAccumulator
	fmt.Fprintf(out, "   %s> ", model)
	for s.Next() {
		chunk := s.Current()
		acc.Add(chunk)
		if len(chunk.Choices) > 0 {
			fmt.Fprint(out, chunk.Choices[0].Delta.Content)
		}
	}
	if err := s.Err(); err != nil {
		return err
	}
	done := acc.Completion()
	fmt.Fprintf(out, "\n   (%d chunks, finish_reason %s, %d tokens)\n", acc.Chunks(), done.Choices[0].FinishReason, done.Usage.TotalTokens)
	return nil
}

func models(ctx context.Context, c *facade.Client, out io.Writer) error {
	deployments, err := c.Models.Info(ctx, nil)
	if err != nil {
		return err
	}
	for _, d := range deployments {
		fmt.Fprintf(out, "   %-20s -> %-40s id %s\n", d.ModelName, d.LitellmParams.Model, d.ModelInfo.ID)
	}
	return nil
}

func modelGroups(ctx context.Context, c *facade.Client, out io.Writer) error {
	const name = "quickstart-group"
	if _, err := c.ModelGroups.Create(ctx, name, []facade.ModelGroupDeployment{
		{LitellmParams: facade.LiteLLMParams{Model: "openai/gpt-4o-mini"}},
		{LitellmParams: facade.LiteLLMParams{Model: "azure/gpt-4o-mini", APIBase: "https://example.openai.azure.com"}},
	}); err != nil {
		return err
	}
	groups, err := c.ModelGroups.List(ctx, nil)
	if err != nil {
		return err
	}
	for _, g := range groups {
		fmt.Fprintf(out, "   %-20s providers %v, mode %s\n", g.ModelGroup, g.Providers, g.Mode)
	}
	deleted, err := c.ModelGroups.Delete(ctx, name)
	fmt.Fprintf(out, "   deleted %s (%d deployments)\n", name, len(deleted))
	return err
}

func keys(ctx context.Context, c *facade.Client, out io.Writer) error {
	key, err := c.Keys.Generate(ctx, &facade.KeyGenerateRequest{KeyAlias: "quickstart-key", Duration: "1h"})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "   generated %s (alias %s, expires %s)\n", mask(key.Key), key.KeyAlias, key.Expires)
	list, err := c.Keys.List(ctx, &facade.KeyListOptions{Size: 10, ReturnFullObject: true})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "   %d keys on the proxy\n", list.TotalCount)
	if _, err := c.Keys.Delete(ctx, &facade.KeyDeleteRequest{KeyAliases: []string{"quickstart-key"}}); err != nil {
		return err
	}
	fmt.Fprintln(out, "   deleted quickstart-key")
	return nil
}

func credentials(ctx context.Context, c *facade.Client, out io.Writer) error {
	const name = "quickstart-azure"
	if _, err := c.Credentials.Create(ctx, &facade.CredentialCreateRequest{
		CredentialName:   name,
		CredentialInfo:   map[string]any{"custom_llm_provider": "azure"},
		CredentialValues: map[string]any{"api_key": "not-a-real-azure-key", "api_base": "https://example.openai.azure.com"},
	}); err != nil {
		return err
	}
	cred, err := c.Credentials.Get(ctx, name)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "   %s: api_key %v (masked by the proxy), api_base %v\n", cred.CredentialName, cred.CredentialValues["api_key"], cred.CredentialValues["api_base"])
	_, err = c.Credentials.Delete(ctx, name)
	return err
}

func users(ctx context.Context, c *facade.Client, out io.Writer) error {
	u, err := c.Users.Create(ctx, &facade.UserNewRequest{UserEmail: "quickstart@example.com", UserRole: facade.UserRoleInternalUser})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "   created user %s (%s) with key %s\n", u.UserID, u.UserEmail, mask(u.Key))
	n, err := c.Users.Delete(ctx, []string{u.UserID})
	fmt.Fprintf(out, "   deleted %d user\n", n)
	return err
}

func lowLevel(ctx context.Context, c *facade.Client, out io.Writer) error {
	body, err := c.HTTP.Request(ctx, &facade.HTTPRequest{Method: "GET", URI: "/health/liveliness"})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "   GET /health/liveliness -> %v\n", body)
	return nil
}

func wrongKey(ctx context.Context, c *facade.Client, out io.Writer) error {
	_, err := c.Keys.List(ctx, nil, facade.WithAPIKey("sk-quickstart-wrong-key-0000"))
	var apiErr *facade.APIError
	if !errors.Is(err, facade.ErrUnauthorized) || !errors.As(err, &apiErr) {
		return fmt.Errorf("expected ErrUnauthorized, got %v", err)
	}
	fmt.Fprintf(out, "   errors.Is(err, facade.ErrUnauthorized) = true\n   %v\n", err)
	return nil
}

// mask shows a key as sk-…wxyz: never print a whole key.
func mask(key string) string {
	if len(key) < 12 {
		return "sk-…"
	}
	return key[:3] + "…" + key[len(key)-4:]
}
