package contract

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"testing"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

// step is one facade call of the suite. readOnly steps also run against a
// live proxy.
type step struct {
	name     string
	readOnly bool
	run      func(ctx context.Context, e *env) error
}

// env is what the steps share: the client and the ids they create.
type env struct {
	c        *facade.Client
	http     *http.Client // the validating client, for the browser part of SSO
	baseURL  string
	key      string // a generated key
	alias    string
	modelID  string
	teamID   string
	userID   string
	credName string
}

func expect(err error, target error) error {
	if err == nil {
		return errors.New("want an error, got nil")
	}
	if !errors.Is(err, target) {
		return err
	}
	return nil
}

func chatReq(model string) *facade.ChatCompletionRequest {
	return &facade.ChatCompletionRequest{Model: model, Messages: []facade.ChatMessage{
		facade.SystemMessage("You are terse."), facade.UserMessage("Name three colours"),
	}}
}

var formAction = regexp.MustCompile(`action="([^"]+)"`)
var formInput = regexp.MustCompile(`name="([^"]+)" value="([^"]*)"`)

// steps is the suite: every facade method, and through them every operation.
func steps() []step {
	return []step{
		{"health liveliness", true, func(ctx context.Context, e *env) error { _, err := e.c.Health.Liveliness(ctx); return err }},
		{"health readiness", true, func(ctx context.Context, e *env) error { _, err := e.c.Health.ServerVersion(ctx); return err }},
		{"models list", true, func(ctx context.Context, e *env) error { _, err := e.c.Models.List(ctx, nil); return err }},
		{"models list v1", true, func(ctx context.Context, e *env) error {
			return e.c.HTTP.Get(ctx, "/v1/models", nil)
		}},
		{"models info", true, func(ctx context.Context, e *env) error { _, err := e.c.Models.Info(ctx, nil); return err }},
		{"model info (no v1)", true, func(ctx context.Context, e *env) error { return e.c.HTTP.Get(ctx, "/model/info", nil) }},
		{"model groups", true, func(ctx context.Context, e *env) error { _, err := e.c.ModelGroups.List(ctx, nil); return err }},
		{"keys list", true, func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.List(ctx, &facade.KeyListOptions{Page: 1, Size: 5, ReturnFullObject: true})
			return err
		}},
		{"key info of the caller", true, func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.Info(ctx, "")
			if errors.Is(err, facade.ErrNotFound) {
				return nil // the master key is not a key row
			}
			return err
		}},
		{"team list", true, func(ctx context.Context, e *env) error { _, err := e.c.Teams.List(ctx, nil); return err }},
		{"team list v2", true, func(ctx context.Context, e *env) error { _, err := e.c.Teams.ListV2(ctx, nil); return err }},
		{"team available", true, func(ctx context.Context, e *env) error {
			_, err := e.c.Teams.Available(ctx)
			var apiErr *facade.APIError
			if errors.As(err, &apiErr) && apiErr.StatusCode < 500 {
				return nil // "no available teams" is a 400 on a real proxy
			}
			return err
		}},
		{"user list", true, func(ctx context.Context, e *env) error { _, err := e.c.Users.List(ctx, nil); return err }},
		{"credentials list", true, func(ctx context.Context, e *env) error { _, err := e.c.Credentials.List(ctx); return err }},
		{"chat", true, func(ctx context.Context, e *env) error {
			_, err := e.c.Chat.Completions.Create(ctx, chatReq(e.chatModel(ctx)))
			return err
		}},
		{"chat v1", true, func(ctx context.Context, e *env) error {
			return e.c.HTTP.Post(ctx, "/v1/chat/completions", chatReq(e.chatModel(ctx)), nil)
		}},
		{"chat stream", true, func(ctx context.Context, e *env) error {
			req := chatReq(e.chatModel(ctx))
			req.StreamOptions = facade.ChatStreamOptions{IncludeUsage: true}
			s, err := e.c.Chat.Completions.Stream(ctx, req)
			if err != nil {
				return err
			}
			var acc facade.ChatCompletionAccumulator
			for s.Next() {
				acc.Add(s.Current())
			}
			if acc.Completion().Content() == "" {
				return errors.New("empty streamed answer")
			}
			return s.Err()
		}},
		{"chat error: unknown model", true, func(ctx context.Context, e *env) error {
			_, err := e.c.Chat.Completions.Create(ctx, chatReq("no-such-model-contract"))
			var apiErr *facade.APIError
			if !errors.As(err, &apiErr) {
				return errors.New("want an *APIError")
			}
			return nil
		}},
		{"unauthorized", true, func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.List(ctx, nil, facade.WithAPIKey("sk-contract-not-a-real-key-0000"))
			return expect(err, facade.ErrUnauthorized)
		}},

		// Mutating steps: only against the emulator, or a live proxy with LITELLM_CONTRACT_MUTATE=1.
		{"key generate", false, func(ctx context.Context, e *env) error {
			k, err := e.c.Keys.Generate(ctx, &facade.KeyGenerateRequest{KeyAlias: e.alias, Models: []string{"gpt-4o"}, Duration: "1h"})
			if err == nil {
				e.key = k.Key
			}
			return err
		}},
		{"key info", false, func(ctx context.Context, e *env) error { _, err := e.c.Keys.Info(ctx, e.key); return err }},
		{"key update", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.Update(ctx, &facade.KeyUpdateRequest{Key: e.key, Metadata: map[string]any{"contract": true}})
			return err
		}},
		{"key block", false, func(ctx context.Context, e *env) error { _, err := e.c.Keys.Block(ctx, e.key); return err }},
		{"key unblock", false, func(ctx context.Context, e *env) error { _, err := e.c.Keys.Unblock(ctx, e.key); return err }},
		{"key regenerate", false, func(ctx context.Context, e *env) error {
			k, err := e.c.Keys.Regenerate(ctx, e.key, nil)
			if err == nil {
				e.key = k.Key
			}
			return err
		}},
		{"key regenerate (query form)", false, func(ctx context.Context, e *env) error {
			var out facade.KeyGenerateResponse
			err := e.c.HTTP.Do(ctx, &facade.HTTPRequest{Method: http.MethodPost, URI: "/key/regenerate",
				Query: url.Values{"key": {e.key}}, JSON: map[string]any{}}, &out)
			if err == nil {
				e.key = out.Key
			}
			return err
		}},
		{"keys all", false, func(ctx context.Context, e *env) error {
			for _, err := range e.c.Keys.All(ctx, &facade.KeyListOptions{Size: 2}) {
				if err != nil {
					return err
				}
			}
			return nil
		}},
		{"key delete", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.Delete(ctx, &facade.KeyDeleteRequest{KeyAliases: []string{e.alias}})
			return err
		}},
		{"key delete missing", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.Delete(ctx, &facade.KeyDeleteRequest{Keys: []string{"sk-contract-missing-000000"}})
			return expect(err, facade.ErrNotFound)
		}},
		{"model add", false, func(ctx context.Context, e *env) error {
			rec, err := e.c.Models.Add(ctx, &facade.ModelNewRequest{ModelName: "contract-model",
				LitellmParams: facade.LiteLLMParams{Model: "openai/gpt-4o-mini"}})
			if err == nil {
				e.modelID = rec.ModelID
			}
			return err
		}},
		{"model get", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Models.Get(ctx, facade.ModelGetOptions{Name: "contract-model"})
			return err
		}},
		{"model update", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Models.Update(ctx, e.modelID, &facade.ModelUpdateRequest{LitellmParams: map[string]any{"rpm": 10}})
			return err
		}},
		{"model patch", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Models.Patch(ctx, e.modelID, &facade.ModelUpdateRequest{LitellmParams: map[string]any{"tpm": 1000}})
			return err
		}},
		{"model delete", false, func(ctx context.Context, e *env) error { _, err := e.c.Models.Delete(ctx, e.modelID); return err }},
		{"model delete missing", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Models.Delete(ctx, "contract-missing-model")
			return expect(err, facade.ErrNotFound)
		}},
		{"model group create and delete", false, func(ctx context.Context, e *env) error {
			if _, err := e.c.ModelGroups.Create(ctx, "contract-group", []facade.ModelGroupDeployment{
				{LitellmParams: facade.LiteLLMParams{Model: "openai/gpt-4o-mini"}},
				{LitellmParams: facade.LiteLLMParams{Model: "azure/gpt-4o-mini", APIBase: "https://contract.example"}},
			}); err != nil {
				return err
			}
			_, err := e.c.ModelGroups.Delete(ctx, "contract-group")
			return err
		}},
		{"credential create", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Credentials.Create(ctx, &facade.CredentialCreateRequest{CredentialName: e.credName,
				CredentialInfo:   map[string]any{"custom_llm_provider": "azure"},
				CredentialValues: map[string]any{"api_key": "sk-contract-credential-value", "api_base": "https://x.example"}})
			return err
		}},
		{"credential get", false, func(ctx context.Context, e *env) error { _, err := e.c.Credentials.Get(ctx, e.credName); return err }},
		{"credential update", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Credentials.Update(ctx, e.credName, &facade.CredentialItem{CredentialName: e.credName,
				CredentialInfo: map[string]any{"note": "contract"}, CredentialValues: map[string]any{}})
			return err
		}},
		{"credential delete", false, func(ctx context.Context, e *env) error { _, err := e.c.Credentials.Delete(ctx, e.credName); return err }},
		{"credential delete missing (HTTP 200 error)", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Credentials.Delete(ctx, e.credName)
			return expect(err, facade.ErrNotFound)
		}},
		{"team create", false, func(ctx context.Context, e *env) error {
			tm, err := e.c.Teams.Create(ctx, &facade.TeamNewRequest{TeamAlias: "contract-team", Models: []string{"gpt-4o"}})
			if err == nil {
				e.teamID = tm.TeamID
			}
			return err
		}},
		{"team get", false, func(ctx context.Context, e *env) error { _, err := e.c.Teams.Get(ctx, e.teamID); return err }},
		{"user create", false, func(ctx context.Context, e *env) error {
			u, err := e.c.Users.Create(ctx, &facade.UserNewRequest{UserEmail: "contract@example.com", UserRole: "internal_user"})
			if err == nil {
				e.userID = u.UserID
			}
			return err
		}},
		{"user get", false, func(ctx context.Context, e *env) error { _, err := e.c.Users.Get(ctx, e.userID); return err }},
		{"user update", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Users.Update(ctx, &facade.UserUpdateRequest{UserID: e.userID, UserAlias: "contract"})
			return err
		}},
		{"team add member", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Teams.AddMember(ctx, e.teamID, []facade.Member{{UserID: e.userID, Role: facade.MemberRoleUser}}, nil)
			return err
		}},
		{"users all", false, func(ctx context.Context, e *env) error {
			for _, err := range e.c.Users.All(ctx, &facade.UserListOptions{PageSize: 1}) {
				if err != nil {
					return err
				}
			}
			return nil
		}},
		{"teams all", false, func(ctx context.Context, e *env) error {
			for _, err := range e.c.Teams.All(ctx, nil) {
				if err != nil {
					return err
				}
			}
			return nil
		}},
		{"user delete", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Users.Delete(ctx, []string{e.userID})
			return err
		}},
		{"team delete", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Teams.Delete(ctx, []string{e.teamID})
			return err
		}},
		{"health test connection", false, func(ctx context.Context, e *env) error {
			_, err := e.c.Health.TestConnection(ctx, &facade.HealthTestConnectionRequest{Mode: "chat", LitellmParams: map[string]any{"model": "openai/gpt-4o"}})
			return err
		}},
	}
}

// chatModel picks a model the proxy serves.
func (e *env) chatModel(ctx context.Context) string {
	models, err := e.c.Models.List(ctx, nil)
	if err != nil || len(models) == 0 {
		return "gpt-4o"
	}
	for _, m := range models {
		if m.ID == "gpt-4o" {
			return m.ID
		}
	}
	return models[0].ID
}

// ssoSteps runs the CLI login: the browser part through the validating
// client, the polling through the facade.
func ssoSteps(ctx context.Context, e *env) error {
	start, err := e.c.SSO.Start(ctx)
	if err != nil {
		return err
	}
	page, err := e.http.Get(e.c.SSO.LoginURL(start.LoginID, ""))
	if err != nil {
		return err
	}
	html, _ := io.ReadAll(page.Body)
	page.Body.Close()
	pending, err := e.c.SSO.Poll(ctx, start.LoginID, &facade.SSOPollOptions{PollSecret: start.PollSecret})
	if err != nil {
		return err
	}
	if pending.Status != facade.SSOStatusPending {
		return errors.New("first poll should be pending")
	}
	action := formAction.FindSubmatch(html)
	if action == nil {
		return errors.New("no approval form in the login page")
	}
	q := url.Values{}
	for _, m := range formInput.FindAllSubmatch(html, -1) {
		q.Set(string(m[1]), string(m[2]))
	}
	cb, err := e.http.Get(e.baseURL + string(action[1]) + "?" + q.Encode())
	if err != nil {
		return err
	}
	cb.Body.Close()
	ready, err := e.c.SSO.Poll(ctx, start.LoginID, &facade.SSOPollOptions{PollSecret: start.PollSecret})
	if err != nil {
		return err
	}
	if ready.Status != facade.SSOStatusReady || ready.Key == "" {
		return errors.New("poll after approval is not ready")
	}
	return nil
}

func TestContract(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer(proxytest.WithSSOStartFlow())
	t.Cleanup(srv.Close)
	rec := newRecorder(t, srv.URL)
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey), facade.WithHTTPClient(rec.client()), facade.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	e := &env{c: c, http: rec.client(), baseURL: srv.URL, alias: "contract-key", credName: "contract/cred?#x"}
	for _, s := range steps() {
		if err := s.run(t.Context(), e); err != nil {
			t.Errorf("%s: %v", s.name, err)
		}
	}
	if err := ssoSteps(t.Context(), e); err != nil {
		t.Errorf("sso: %v", err)
	}
	rec.check(t)
	if missing := rec.unexercised(t); len(missing) > 0 {
		t.Errorf("spec operations never exercised: %v", missing)
	}
}

// TestLive runs the suite against a real proxy when LITELLM_PROXY_URL is
// set: the read-only steps always, the mutating ones only with
// LITELLM_CONTRACT_MUTATE=1. Every response that does not match the spec is
// reported.
func TestLive(t *testing.T) {
	base := os.Getenv("LITELLM_PROXY_URL")
	if base == "" {
		t.Skip("LITELLM_PROXY_URL is not set: no live proxy to check")
	}
	mutate := os.Getenv("LITELLM_CONTRACT_MUTATE") == "1"
	rec := newRecorder(t, base)
	c, err := facade.New(base, facade.WithAPIKey(os.Getenv("LITELLM_PROXY_API_KEY")), facade.WithHTTPClient(rec.client()))
	if err != nil {
		t.Fatal(err)
	}
	e := &env{c: c, http: rec.client(), baseURL: c.BaseURL(), alias: "proxyclient-contract-key", credName: "proxyclient-contract-cred"}
	for _, s := range steps() {
		if !s.readOnly && !mutate {
			continue
		}
		if err := s.run(t.Context(), e); err != nil {
			t.Errorf("%s: %v", s.name, err)
		}
	}
	rec.check(t)
	t.Logf("operations exercised: %d; not exercised: %v", len(rec.exercised), rec.unexercised(t))
}
