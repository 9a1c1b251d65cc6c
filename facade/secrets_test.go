package facade_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/litellm-go/proxyclient/facade"
)

// The secrets-never-leak test: a recognisable key and JWT are sent by the
// client and echoed back by hostile servers, and every facade method is
// driven through every error path. Neither may show in an error's text, in
// any formatting of it, in the debug log, or in a printed client, option or
// token. (APIError.Body and DecodeError.Body keep the raw body, which may
// hold them: that is data the caller asked for, but no formatting of the
// error may print it.)

const (
	plantedKey = "sk-test-PLANTED-0123456789abcdef"
	plantedJWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
)

// secretFragments are the parts of the planted secrets that must never
// show, in any of the forms secretForms lists.
var secretFragments = []string{"PLANTED", "0123456789abcdef", "eyJhbGciOiJIUzI1NiJ9", "eyJzdWIiOiJ4In0", "c2lnbmF0dXJl"}

// secretForms returns each fragment as text and as fmt prints its bytes
// (%#v of a []byte field gives 0x50, 0x4c, ...; %v gives 80 76 ...), so a
// raw body printed as a byte slice counts as a leak too.
func secretForms() map[string]string {
	forms := map[string]string{}
	for _, f := range secretFragments {
		forms[f] = f
		forms[strings.TrimSuffix(strings.TrimPrefix(fmt.Sprintf("%#v", []byte(f)), "[]byte{"), "}")] = f + " as %#v bytes"
		forms[strings.Trim(fmt.Sprintf("%v", []byte(f)), "[]")] = f + " as %v bytes"
	}
	return forms
}

var leakForms = secretForms()

// assertNoSecret fails the test if text contains a planted secret in any
// form. The message says where, without printing the secret.
func assertNoSecret(t *testing.T, where, text string) {
	t.Helper()
	var found []string
	first, at := "", -1
	for form, desc := range leakForms {
		if i := strings.Index(text, form); i >= 0 {
			found = append(found, desc)
			if at < 0 || i < at {
				first, at = form, i
			}
		}
	}
	if at < 0 {
		return
	}
	slices.Sort(found)
	context := "" // the text around a byte-slice form would spell the key: none is shown
	if slices.Contains(secretFragments, first) {
		context = facade.Redact(text[max(0, at-60):min(len(text), at+len(first)+20)])
		for form := range leakForms {
			context = strings.ReplaceAll(context, form, "<SECRET>")
		}
		context = ": ..." + context + "..."
	}
	t.Errorf("%s leaks the planted secret (%s), first at byte %d%s", where, strings.Join(found, "; "), at, context)
}

// lockedBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// leakCall is one facade method driven with the planted secrets in its
// arguments wherever they fit.
type leakCall func(ctx context.Context, c *facade.Client) error

// drain returns the first error an iterator yields.
func drain[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

func chatRequest() *facade.ChatCompletionRequest {
	return &facade.ChatCompletionRequest{Model: "gpt-4o", Messages: []facade.ChatMessage{facade.UserMessage("my key is " + plantedKey)}}
}

// leakCalls covers every method of every service of *facade.Client;
// TestSecretsNeverLeak fails when a method is missing here.
var leakCalls = map[string]leakCall{
	"Chat.Completions.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Chat.Completions.Create(ctx, chatRequest())
		return err
	},
	"Chat.Completions.Stream": func(ctx context.Context, c *facade.Client) error {
		s, err := c.Chat.Completions.Stream(ctx, chatRequest())
		if err != nil {
			return err
		}
		defer s.Close()
		for s.Next() {
		}
		return s.Err()
	},

	"Credentials.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Credentials.Create(ctx, &facade.CredentialCreateRequest{
			CredentialName:   "cred",
			CredentialInfo:   map[string]any{"custom_llm_provider": "openai"},
			CredentialValues: map[string]any{"api_key": plantedKey},
		})
		return err
	},
	"Credentials.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Credentials.List(ctx)
		return err
	},
	"Credentials.Get": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Credentials.Get(ctx, "cred")
		return err
	},
	"Credentials.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Credentials.Update(ctx, "cred", &facade.CredentialItem{
			CredentialName:   "cred",
			CredentialInfo:   map[string]any{},
			CredentialValues: map[string]any{"api_key": plantedKey},
		})
		return err
	},
	"Credentials.Delete": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Credentials.Delete(ctx, "cred")
		return err
	},

	"Health.Liveliness": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Health.Liveliness(ctx)
		return err
	},
	"Health.Readiness": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Health.Readiness(ctx)
		return err
	},
	"Health.ReadinessDetails": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Health.ReadinessDetails(ctx)
		return err
	},
	"Health.ServerVersion": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Health.ServerVersion(ctx)
		return err
	},
	"Health.TestConnection": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Health.TestConnection(ctx, &facade.HealthTestConnectionRequest{
			LitellmParams: map[string]any{"model": "openai/gpt-4o", "api_key": plantedKey},
		})
		return err
	},

	"HTTP.Do": func(ctx context.Context, c *facade.Client) error {
		var out any
		return c.HTTP.Do(ctx, &facade.HTTPRequest{
			Method: http.MethodPost, URI: "key/info?key=" + plantedKey,
			JSON:   map[string]string{"key": plantedKey},
			Header: http.Header{"X-Jwt": {plantedJWT}},
		}, &out)
	},
	"HTTP.Request": func(ctx context.Context, c *facade.Client) error {
		_, err := c.HTTP.Request(ctx, &facade.HTTPRequest{Method: http.MethodPost, URI: "/key/" + plantedKey + "/regenerate"})
		return err
	},
	"HTTP.Get": func(ctx context.Context, c *facade.Client) error {
		var out any
		return c.HTTP.Get(ctx, "key/info?key="+plantedKey+"&jwt="+plantedJWT, &out)
	},
	"HTTP.Post": func(ctx context.Context, c *facade.Client) error {
		var out any
		return c.HTTP.Post(ctx, "key/block", map[string]string{"key": plantedKey}, &out)
	},

	"Keys.Generate": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.Generate(ctx, &facade.KeyGenerateRequest{Key: plantedKey, KeyAlias: "planted"})
		return err
	},
	"Keys.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.List(ctx, &facade.KeyListOptions{KeyHash: plantedKey})
		return err
	},
	"Keys.All": func(ctx context.Context, c *facade.Client) error {
		return drain(c.Keys.All(ctx, nil))
	},
	"Keys.Info": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.Info(ctx, plantedKey)
		return err
	},
	"Keys.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.Update(ctx, &facade.KeyUpdateRequest{Key: plantedKey, KeyAlias: "renamed"})
		return err
	},
	"Keys.Delete": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.Delete(ctx, &facade.KeyDeleteRequest{Keys: []string{plantedKey}})
		return err
	},
	"Keys.Regenerate": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.Regenerate(ctx, plantedKey, nil)
		return err
	},
	"Tags.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Tags.Create(ctx, &facade.TagNewRequest{Name: "tag-1"})
		return err
	},
	"Tags.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Tags.Update(ctx, &facade.TagUpdateRequest{Name: "tag-1"})
		return err
	},
	"Tags.Info": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Tags.Info(ctx, []string{"tag-1"})
		return err
	},
	"Tags.Get": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Tags.Get(ctx, "tag-1")
		return err
	},
	"Tags.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Tags.List(ctx, nil)
		return err
	},
	"Tags.Delete": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Tags.Delete(ctx, "tag-1")
		return err
	},
	"Tags.DailyActivity": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Tags.DailyActivity(ctx, &facade.TagActivityOptions{Start: "2026-01-01", End: "2026-01-31", APIKey: plantedKey})
		return err
	},
	"Tags.Summary": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Tags.Summary(ctx, &facade.TagSummaryOptions{Start: "2026-01-01", End: "2026-01-31"})
		return err
	},
	"Tags.Distinct": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Tags.Distinct(ctx)
		return err
	},
	"Tags.DailyActiveUsers": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Tags.DailyActiveUsers(ctx, nil)
		return err
	},
	"Tags.WeeklyActiveUsers": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Tags.WeeklyActiveUsers(ctx, &facade.TagFilter{Contains: "curl"})
		return err
	},
	"Tags.MonthlyActiveUsers": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Tags.MonthlyActiveUsers(ctx, &facade.TagFilter{Tags: []string{"prod"}})
		return err
	},
	"Tags.UserUsage": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Tags.UserUsage(ctx, nil)
		return err
	},
	"Tags.AllUserUsage": func(ctx context.Context, c *facade.Client) error {
		return drain(c.Tags.AllUserUsage(ctx, nil))
	},
	"Spend.GlobalTags": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Spend.GlobalTags(ctx, &facade.GlobalSpendTagsOptions{Start: "2026-01-01", End: "2026-01-31"})
		return err
	},
	"Spend.Reset": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Spend.Reset(ctx)
		return err
	},
	"Users.DailyActivity": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Users.DailyActivity(ctx, &facade.UserActivityOptions{Start: "2026-01-01", End: "2026-01-31", APIKey: plantedKey})
		return err
	},
	"Keys.Health": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.Health(ctx)
		return err
	},
	"Keys.AllAliases": func(ctx context.Context, c *facade.Client) error {
		return drain(c.Keys.AllAliases(ctx, nil))
	},
	"Keys.Aliases": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.Aliases(ctx, &facade.KeyAliasOptions{Search: "prod"})
		return err
	},
	"Keys.Block": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.Block(ctx, plantedKey)
		return err
	},
	"Keys.Unblock": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.Unblock(ctx, plantedKey)
		return err
	},
	"Keys.ResetSpend": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.ResetSpend(ctx, plantedKey, 0)
		return err
	},
	"Keys.BulkUpdate": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.BulkUpdate(ctx, []facade.KeyBulkUpdateItem{{Key: plantedKey}})
		return err
	},
	"Users.BulkUpdate": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Users.BulkUpdate(ctx, []facade.UserUpdateRequest{{UserID: "u1", KeyAlias: "a"}})
		return err
	},
	"Users.UpdateAll": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Users.UpdateAll(ctx, &facade.UserUpdateRequest{UserAlias: "a"})
		return err
	},
	"Teams.BulkAddMembers": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.BulkAddMembers(ctx, "t1", []facade.Member{{UserID: "u1", Role: facade.MemberRoleUser}}, nil)
		return err
	},
	"Teams.AddAllUsers": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.AddAllUsers(ctx, "t1", nil)
		return err
	},
	"Teams.Callbacks": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.Callbacks(ctx, "t1")
		return err
	},
	"Teams.AddCallback": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.AddCallback(ctx, "t1", &facade.TeamCallbackAddRequest{CallbackName: "langfuse",
			CallbackVars: map[string]string{"langfuse_secret_key": plantedKey}})
		return err
	},
	"Teams.DisableLogging": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.DisableLogging(ctx, "t1")
		return err
	},
	"Teams.Me": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.Me(ctx, "t1")
		return err
	},
	"Users.DailyActivityAggregated": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Users.DailyActivityAggregated(ctx, &facade.UserActivityOptions{Start: "2026-01-01", End: "2026-01-31", APIKey: plantedKey})
		return err
	},
	"Users.AvailableUsers": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Users.AvailableUsers(ctx)
		return err
	},
	"Teams.AddPermissions": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.AddPermissions(ctx, []string{"t1"}, []string{"/key/list"})
		return err
	},
	"Teams.AddPermissionsToAll": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.AddPermissionsToAll(ctx, []string{"/key/list"})
		return err
	},
	"Keys.UpdateTeamKeys": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.UpdateTeamKeys(ctx, "t1", []string{plantedKey}, &facade.TeamKeyBulkUpdateFields{})
		return err
	},
	"Keys.UpdateAllTeamKeys": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.UpdateAllTeamKeys(ctx, "t1", &facade.TeamKeyBulkUpdateFields{})
		return err
	},
	"ModelGroups.MakePublic": func(ctx context.Context, c *facade.Client) error {
		_, err := c.ModelGroups.MakePublic(ctx, []string{"gpt-4o"})
		return err
	},
	"Keys.GenerateServiceAccount": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Keys.GenerateServiceAccount(ctx, &facade.KeyGenerateRequest{TeamID: "t1", Key: plantedKey})
		return err
	},

	"ModelGroups.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.ModelGroups.List(ctx, nil)
		return err
	},
	"ModelGroups.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.ModelGroups.Create(ctx, "group", []facade.ModelGroupDeployment{
			{LitellmParams: facade.LiteLLMParams{Model: "openai/gpt-4o", APIKey: plantedKey}},
		})
		return err
	},
	"ModelGroups.Delete": func(ctx context.Context, c *facade.Client) error {
		_, err := c.ModelGroups.Delete(ctx, "group")
		return err
	},

	"Models.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Models.List(ctx, nil)
		return err
	},
	"Models.Info": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Models.Info(ctx, nil)
		return err
	},
	"Models.Get": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Models.Get(ctx, facade.ModelGetOptions{Name: "gpt-4o"})
		return err
	},
	"Models.Add": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Models.Add(ctx, &facade.ModelNewRequest{ModelName: "m",
			LitellmParams: facade.LiteLLMParams{Model: "openai/gpt-4o", APIKey: plantedKey}})
		return err
	},
	"Models.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Models.Update(ctx, "model-1", &facade.ModelUpdateRequest{ModelName: "m",
			LitellmParams: map[string]any{"api_key": plantedKey}})
		return err
	},
	"Models.Patch": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Models.Patch(ctx, "model-1", &facade.ModelUpdateRequest{LitellmParams: map[string]any{"api_key": plantedKey}})
		return err
	},
	"Models.Delete": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Models.Delete(ctx, "model-1")
		return err
	},
	"Models.DeleteByName": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Models.DeleteByName(ctx, "m")
		return err
	},

	"SSO.Poll": func(ctx context.Context, c *facade.Client) error {
		_, err := c.SSO.Poll(ctx, "session-1", &facade.SSOPollOptions{PollSecret: plantedKey})
		return err
	},
	"SSO.Start": func(ctx context.Context, c *facade.Client) error {
		_, err := c.SSO.Start(ctx)
		return err
	},
	"SSO.DiscoverCLIAuth": func(ctx context.Context, c *facade.Client) error {
		_, err := c.SSO.DiscoverCLIAuth(ctx)
		return err
	},
	"SSO.RegisterCLIClient": func(ctx context.Context, c *facade.Client) error {
		_, err := c.SSO.RegisterCLIClient(ctx, pkceContract(c), "http://127.0.0.1:9/callback")
		return err
	},
	"SSO.ExchangeCode": func(ctx context.Context, c *facade.Client) error {
		_, err := c.SSO.ExchangeCode(ctx, pkceContract(c), "llm_dcrc_1", "http://127.0.0.1:9/callback", "llm_gcode_"+plantedKey, plantedJWT)
		return err
	},
	"SSO.RefreshCLIToken": func(ctx context.Context, c *facade.Client) error {
		_, err := c.SSO.RefreshCLIToken(ctx, c.BaseURL()+"/token", "llm_dcrc_1", plantedKey, c.BaseURL())
		return err
	},
	"SSO.RevokeCLIToken": func(ctx context.Context, c *facade.Client) error {
		return c.SSO.RevokeCLIToken(ctx, c.BaseURL()+"/revoke", "llm_dcrc_1", plantedKey)
	},

	"Budgets.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Budgets.Create(ctx, &facade.BudgetNewRequest{BudgetID: "budget-1"})
		return err
	},
	"Budgets.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Budgets.Update(ctx, &facade.BudgetNewRequest{BudgetID: "budget-1"})
		return err
	},
	"Budgets.Get": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Budgets.Get(ctx, []string{"budget-1"})
		return err
	},
	"Budgets.Settings": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Budgets.Settings(ctx, "budget-1")
		return err
	},
	"Budgets.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Budgets.List(ctx)
		return err
	},
	"Budgets.Delete": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Budgets.Delete(ctx, "budget-1")
		return err
	},

	"Spend.Logs": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Spend.Logs(ctx, &facade.SpendLogOptions{APIKey: plantedKey})
		return err
	},
	"Spend.LogsPage": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Spend.LogsPage(ctx, &facade.SpendLogPageOptions{Start: "2026-01-01", End: "2026-12-31", APIKey: plantedKey})
		return err
	},
	"Spend.AllLogs": func(ctx context.Context, c *facade.Client) error {
		return drain(c.Spend.AllLogs(ctx, &facade.SpendLogPageOptions{Start: "2026-01-01", End: "2026-12-31", APIKey: plantedKey}))
	},
	"Spend.Tags": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Spend.Tags(ctx, "", "")
		return err
	},
	"Spend.Report": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Spend.Report(ctx, &facade.SpendReportOptions{Start: "2026-01-01", End: "2026-12-31", APIKey: plantedKey})
		return err
	},
	"Spend.OrganizationActivity": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Spend.OrganizationActivity(ctx, &facade.ActivityOptions{Start: "2026-01-01", End: "2026-12-31", APIKey: plantedKey})
		return err
	},
	"Spend.CustomerActivity": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Spend.CustomerActivity(ctx, &facade.ActivityOptions{Start: "2026-01-01", End: "2026-12-31", APIKey: plantedKey})
		return err
	},
	"Spend.Calculate": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Spend.Calculate(ctx, &facade.SpendCalculateRequest{Model: "gpt-4o", Messages: chatRequest().Messages})
		return err
	},

	"Guardrails.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.List(ctx)
		return err
	},
	"Guardrails.ListConfig": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.ListConfig(ctx)
		return err
	},
	"Guardrails.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.Create(ctx, &facade.GuardrailSpec{GuardrailName: "g", LitellmParams: facade.GuardrailParams{Guardrail: "litellm_content_filter", Mode: "pre_call"}})
		return err
	},
	"Guardrails.Get": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.Get(ctx, "g-1")
		return err
	},
	"Guardrails.Info": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.Info(ctx, "g-1")
		return err
	},
	"Guardrails.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.Update(ctx, "g-1", &facade.GuardrailSpec{GuardrailName: "g", LitellmParams: facade.GuardrailParams{Guardrail: "litellm_content_filter", Mode: "pre_call"}})
		return err
	},
	"Guardrails.Patch": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.Patch(ctx, "g-1", nil)
		return err
	},
	"Guardrails.Delete": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.Delete(ctx, "g-1")
		return err
	},
	"Guardrails.Apply": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.Apply(ctx, "g", "text")
		return err
	},
	"Guardrails.ApplyAlias": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.ApplyAlias(ctx, "g", "text")
		return err
	},
	"Guardrails.Register": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.Register(ctx, &facade.GuardrailRegisterRequest{GuardrailName: "g", TeamID: "t",
			LitellmParams: map[string]any{"guardrail": "generic_guardrail_api", "mode": "pre_call", "api_base": "https://h", "api_key": plantedKey}})
		return err
	},
	"Guardrails.Submissions": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.Submissions(ctx, &facade.GuardrailSubmissionListOptions{Search: plantedKey})
		return err
	},
	"Guardrails.Submission": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.Submission(ctx, "g-1")
		return err
	},
	"Guardrails.Approve": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.Approve(ctx, "g-1")
		return err
	},
	"Guardrails.Reject": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Guardrails.Reject(ctx, "g-1")
		return err
	},
	// Access groups (issue 14, family 8).
	"AccessGroups.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.AccessGroups.Create(ctx, &facade.ModelAccessGroupRequest{AccessGroup: "ag", ModelNames: []string{"m"}})
		return err
	},
	"AccessGroups.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.AccessGroups.List(ctx)
		return err
	},
	"AccessGroups.Get": func(ctx context.Context, c *facade.Client) error {
		_, err := c.AccessGroups.Get(ctx, "ag")
		return err
	},
	"AccessGroups.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.AccessGroups.Update(ctx, "ag", &facade.ModelAccessGroupUpdateRequest{ModelNames: []string{"m"}})
		return err
	},
	"AccessGroups.Delete": func(ctx context.Context, c *facade.Client) error {
		_, err := c.AccessGroups.Delete(ctx, "ag")
		return err
	},
	"AccessGroups.CreateUnified": func(ctx context.Context, c *facade.Client) error {
		_, err := c.AccessGroups.CreateUnified(ctx, &facade.UnifiedAccessGroupCreateRequest{AccessGroupName: "ag"})
		return err
	},
	"AccessGroups.ListUnified": func(ctx context.Context, c *facade.Client) error {
		_, err := c.AccessGroups.ListUnified(ctx)
		return err
	},
	"AccessGroups.GetUnified": func(ctx context.Context, c *facade.Client) error {
		_, err := c.AccessGroups.GetUnified(ctx, "ag-1")
		return err
	},
	"AccessGroups.UpdateUnified": func(ctx context.Context, c *facade.Client) error {
		desc := "d"
		_, err := c.AccessGroups.UpdateUnified(ctx, "ag-1", &facade.UnifiedAccessGroupUpdateRequest{Description: &desc})
		return err
	},
	"AccessGroups.DeleteUnified": func(ctx context.Context, c *facade.Client) error {
		return c.AccessGroups.DeleteUnified(ctx, "ag-1")
	},
	"Prompts.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Prompts.Create(ctx, &facade.PromptCreateRequest{PromptID: "p", LitellmParams: facade.PromptParams{PromptIntegration: "dotprompt"}})
		return err
	},
	"Prompts.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Prompts.List(ctx, &facade.PromptOptions{Environment: "staging"})
		return err
	},
	"Prompts.Get": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Prompts.Get(ctx, "p", nil)
		return err
	},
	"Prompts.Info": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Prompts.Info(ctx, "p.v1", nil)
		return err
	},
	"Prompts.Versions": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Prompts.Versions(ctx, "p", nil)
		return err
	},
	"Prompts.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Prompts.Update(ctx, "p", &facade.PromptCreateRequest{PromptID: "p", LitellmParams: facade.PromptParams{PromptIntegration: "dotprompt"}})
		return err
	},
	"Prompts.Patch": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Prompts.Patch(ctx, "p", nil, nil)
		return err
	},
	"Prompts.Delete": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Prompts.Delete(ctx, "p", nil)
		return err
	},
	"Prompts.Test": func(ctx context.Context, c *facade.Client) error {
		s, err := c.Prompts.Test(ctx, &facade.PromptTestRequest{DotpromptContent: "---\nmodel: gpt-4o\n---\nUser: hi"})
		if err != nil {
			return err
		}
		defer s.Close()
		for s.Next() {
		}
		return s.Err()
	},
	"Customers.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Customers.Create(ctx, &facade.CustomerNewRequest{UserID: "customer-1"})
		return err
	},
	"Customers.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Customers.Update(ctx, &facade.CustomerUpdateRequest{UserID: "customer-1"})
		return err
	},
	"Customers.Get": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Customers.Get(ctx, "customer-1")
		return err
	},
	"Customers.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Customers.List(ctx)
		return err
	},
	"Customers.Delete": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Customers.Delete(ctx, []string{"customer-1"})
		return err
	},
	"Customers.Block": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Customers.Block(ctx, []string{"customer-1"})
		return err
	},
	"Customers.Unblock": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Customers.Unblock(ctx, []string{"customer-1"})
		return err
	},

	// MCP servers: the request carries upstream credentials.
	"MCPServers.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.MCPServers.List(ctx, nil)
		return err
	},
	"MCPServers.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.MCPServers.Create(ctx, &facade.MCPServerNewRequest{ServerName: "docs", URL: "http://127.0.0.1:9/mcp",
			AuthType: facade.MCPAuthBearerToken, Credentials: &facade.MCPCredentials{AuthValue: "sk-mcp-upstream-secret-0000"}})
		return err
	},
	"MCPServers.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.MCPServers.Update(ctx, &facade.MCPServerUpdateRequest{ServerID: "s1",
			Credentials: &facade.MCPCredentials{AuthValue: "sk-mcp-upstream-secret-0000"}})
		return err
	},
	"MCPServers.Get": func(ctx context.Context, c *facade.Client) error {
		_, err := c.MCPServers.Get(ctx, "s1")
		return err
	},
	"MCPServers.Delete": func(ctx context.Context, c *facade.Client) error {
		return c.MCPServers.Delete(ctx, "s1")
	},
	"MCPServers.Health": func(ctx context.Context, c *facade.Client) error {
		_, err := c.MCPServers.Health(ctx, []string{"s1"})
		return err
	},
	"MCPServers.AccessGroups": func(ctx context.Context, c *facade.Client) error {
		_, err := c.MCPServers.AccessGroups(ctx)
		return err
	},
	"MCPServers.Tools": func(ctx context.Context, c *facade.Client) error {
		_, err := c.MCPServers.Tools(ctx)
		return err
	},
	"VectorStores.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.VectorStores.Create(ctx, &facade.VectorStoreNewRequest{VectorStoreID: "vs-1", CustomLlmProvider: "openai"})
		return err
	},
	"VectorStores.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.VectorStores.List(ctx, nil)
		return err
	},
	"VectorStores.All": func(ctx context.Context, c *facade.Client) error {
		return drain(c.VectorStores.All(ctx))
	},
	"VectorStores.Get": func(ctx context.Context, c *facade.Client) error {
		_, err := c.VectorStores.Get(ctx, "vs-1")
		return err
	},
	"VectorStores.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.VectorStores.Update(ctx, &facade.VectorStoreUpdateRequest{VectorStoreID: "vs-1"})
		return err
	},
	"VectorStores.Delete": func(ctx context.Context, c *facade.Client) error {
		return c.VectorStores.Delete(ctx, "vs-1")
	},

	"Organizations.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Organizations.Create(ctx, &facade.OrganizationNewRequest{OrganizationAlias: "org"})
		return err
	},
	"Organizations.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Organizations.Update(ctx, &facade.OrganizationUpdateRequest{OrganizationID: "org-1"})
		return err
	},
	"Organizations.Delete": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Organizations.Delete(ctx, []string{"org-1"})
		return err
	},
	"Organizations.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Organizations.List(ctx, nil)
		return err
	},
	"Organizations.Get": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Organizations.Get(ctx, "org-1")
		return err
	},
	"Organizations.GetMany": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Organizations.GetMany(ctx, []string{"org-1"})
		return err
	},
	"Organizations.AddMembers": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Organizations.AddMembers(ctx, "org-1", []facade.OrganizationMember{{UserID: "user-1", Role: facade.OrgRoleUser}}, nil)
		return err
	},
	"Organizations.UpdateMember": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Organizations.UpdateMember(ctx, &facade.OrganizationMemberUpdateRequest{OrganizationID: "org-1", UserID: "user-1"})
		return err
	},
	"Organizations.DeleteMember": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Organizations.DeleteMember(ctx, "org-1", "user-1")
		return err
	},

	"Teams.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.Create(ctx, &facade.TeamNewRequest{TeamAlias: "team"})
		return err
	},
	"Teams.Get": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.Get(ctx, "team-1")
		return err
	},
	"Teams.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.List(ctx, nil)
		return err
	},
	"Teams.ListV2": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.ListV2(ctx, nil)
		return err
	},
	"Teams.All": func(ctx context.Context, c *facade.Client) error {
		return drain(c.Teams.All(ctx, nil))
	},
	"Teams.Available": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.Available(ctx)
		return err
	},
	"Teams.Delete": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.Delete(ctx, []string{"team-1"})
		return err
	},
	"Teams.AddMember": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.AddMember(ctx, "team-1", []facade.Member{{Role: facade.MemberRoleUser, UserID: "user-1"}}, nil)
		return err
	},
	"Teams.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.Update(ctx, &facade.TeamUpdateRequest{TeamID: "team-1"})
		return err
	},
	"Teams.UpdateMember": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.UpdateMember(ctx, &facade.TeamMemberUpdateRequest{TeamID: "team-1", UserID: "user-1"})
		return err
	},
	"Teams.RemoveMember": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.RemoveMember(ctx, "team-1", "user-1", "")
		return err
	},
	"Teams.Block": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.Block(ctx, "team-1")
		return err
	},
	"Teams.Unblock": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.Unblock(ctx, "team-1")
		return err
	},
	"Teams.AddModels": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.AddModels(ctx, "team-1", []string{"gpt-4o"})
		return err
	},
	"Teams.RemoveModels": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.RemoveModels(ctx, "team-1", []string{"gpt-4o"})
		return err
	},
	"Teams.Permissions": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.Permissions(ctx, "team-1")
		return err
	},
	"Teams.SetPermissions": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Teams.SetPermissions(ctx, "team-1", []string{"/key/generate"})
		return err
	},
	"Teams.DailyActivity": func(ctx context.Context, c *facade.Client) error {
		day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
		_, err := c.Teams.DailyActivity(ctx, &facade.TeamActivityOptions{Start: day, End: day})
		return err
	},

	"Users.Create": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Users.Create(ctx, &facade.UserNewRequest{UserEmail: "ada@example.com"})
		return err
	},
	"Users.Get": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Users.Get(ctx, "user-1")
		return err
	},
	"Users.GetV2": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Users.GetV2(ctx, "user-1")
		return err
	},
	"Users.List": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Users.List(ctx, nil)
		return err
	},
	"Users.All": func(ctx context.Context, c *facade.Client) error {
		return drain(c.Users.All(ctx, nil))
	},
	"Users.Update": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Users.Update(ctx, &facade.UserUpdateRequest{UserID: "user-1"})
		return err
	},
	"Users.Delete": func(ctx context.Context, c *facade.Client) error {
		_, err := c.Users.Delete(ctx, []string{"user-1"})
		return err
	},
}

// notSent are the service methods that send nothing and return no error.
// pkceContract is a login --pkce contract on c's own origin.
func pkceContract(c *facade.Client) *facade.CLIAuthContract {
	b := c.BaseURL()
	return &facade.CLIAuthContract{ContractVersion: 1, Issuer: b, AuthorizationEndpoint: b + "/authorize", TokenEndpoint: b + "/token",
		RegistrationEndpoint: b + "/register", RevocationEndpoint: b + "/revoke", Resource: b, CodeChallengeMethodsSupported: []string{"S256"}}
}

var notSent = map[string]string{
	"SSO.LoginURL": "builds the login page URL locally (it carries existing_key on purpose)",
}

// serviceMethods lists "Service.Method" for every exported method of every
// service reachable from the exported pointer fields of *facade.Client.
func serviceMethods(c *facade.Client) []string {
	var out []string
	var walk func(prefix string, v reflect.Value)
	walk = func(prefix string, v reflect.Value) {
		for i := range v.Type().NumMethod() {
			out = append(out, prefix+"."+v.Type().Method(i).Name)
		}
		e := v.Elem()
		if e.Kind() != reflect.Struct {
			return
		}
		for i := range e.NumField() {
			if f := e.Type().Field(i); f.IsExported() && f.Type.Kind() == reflect.Pointer {
				walk(prefix+"."+f.Name, e.Field(i))
			}
		}
	}
	cv := reflect.ValueOf(c).Elem()
	for i := range cv.NumField() {
		if f := cv.Type().Field(i); f.IsExported() && f.Type.Kind() == reflect.Pointer {
			walk(f.Name, cv.Field(i))
		}
	}
	slices.Sort(out)
	return out
}

// hostile answers every request the way one error path needs.
type hostile struct {
	name    string
	handler http.HandlerFunc
	// check asserts what kind of error a method must return.
	check func(t *testing.T, method string, err error)
}

func echo401(contentType, body string, header http.Header) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, body)
	}
}

// byPolicy, as the attempts of wantAPIError, asks for the attempts the
// retry policy allows (see policyAttempts).
const byPolicy = -1

func wantAPIError(status, attempts int) func(*testing.T, string, error) {
	return func(t *testing.T, method string, err error) {
		t.Helper()
		var apiErr *facade.APIError
		if !errors.As(err, &apiErr) {
			t.Errorf("%s: err = %v, want an *APIError with status %d", method, err, status)
			return
		}
		want := attempts
		if want == byPolicy {
			want = policyAttempts(apiErr.Method, apiErr.Path)
		}
		if apiErr.StatusCode != status || (want > 0 && apiErr.Attempts != want) {
			t.Errorf("%s: err = %v, want an *APIError with status %d after %d attempts", method, err, status, want)
		}
	}
}

// policyAttempts is how many attempts the default retry policy makes for a
// request that fails after it was written (a 500, a dropped connection):
// three for idempotent methods and reads sent as POST, one for the rest.
func policyAttempts(method, path string) int {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return 3
	}
	if method == http.MethodPost && path == "/health/test_connection" {
		return 3
	}
	return 1
}

func wantAnyError(t *testing.T, method string, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", method)
	}
}

func hostileServers() []hostile {
	proxyErr := fmt.Sprintf(`{"error":{"message":"Authentication Error, Invalid proxy server token passed. Received API Key = %s, Key Hash (Token) = %s","type":"auth_error","param":"None","code":"401"}}`, plantedKey, plantedJWT)
	sse := func(events ...string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			for _, e := range events {
				_, _ = io.WriteString(w, e)
			}
		}
	}
	chunk := `data: {"id":"c1","created":1,"model":"gpt-4o","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"hi"}}]}` + "\n\n"
	return []hostile{
		{name: "401 ProxyError echoing the key", handler: echo401("application/json", proxyErr, nil), check: wantAPIError(401, 1)},
		{name: "401 detail echoing the key", handler: echo401("application/json", `{"detail": "bad key `+plantedKey+`"}`, nil), check: wantAPIError(401, 1)},
		{name: "401 HTML with the Bearer header", handler: echo401("text/html",
			"<html><head><title>401</title></head><body><h1>Unauthorized</h1><pre>Authorization: Bearer "+plantedKey+"</pre><p>Bearer "+plantedJWT+"</p></body></html>", nil),
			check: wantAPIError(401, 1)},
		{name: "401 echoing a JWT", handler: echo401("application/json", `{"error":{"message":"invalid token `+plantedJWT+`","type":"auth_error","param":"None","code":"401"}}`, nil),
			check: wantAPIError(401, 1)},
		{name: "401 plain text echoing both", handler: echo401("text/plain", "key="+plantedKey+"\njwt: "+plantedJWT+"\n", nil), check: wantAPIError(401, 1)},
		{name: "401 with the key in the request id", handler: echo401("application/json", `{"error":{"message":"no","type":"auth_error","param":"None","code":"401"}}`,
			http.Header{"X-Litellm-Call-Id": {"call-" + plantedKey}, "X-Request-Id": {plantedJWT}}), check: wantAPIError(401, 1)},
		{name: "dropped connection", handler: func(w http.ResponseWriter, r *http.Request) {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				panic(http.ErrAbortHandler)
			}
			conn.Close()
		}, check: func(t *testing.T, method string, err error) {
			var terr *facade.TransportError
			if !errors.As(err, &terr) {
				t.Errorf("%s: err = %v, want a *TransportError", method, err)
			} else if want := policyAttempts(terr.Method, terr.Path); terr.Attempts != want {
				t.Errorf("%s: err = %v, want a *TransportError after %d attempts", method, err, want)
			}
		}},
		{name: "500 with Retry-After echoing the key", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "0")
			w.Header().Set("X-Litellm-Call-Id", plantedKey)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = fmt.Fprintf(w, `{"error":{"message":"upstream rejected api_key=%s","type":"None","param":"api_key","code":"500"}}`, plantedKey)
		}, check: wantAPIError(500, byPolicy)},
		{name: "200 HTML echoing the key", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, "<html><body>Signed in with "+plantedKey+" as "+plantedJWT+"</body></html>")
		}, check: wantAnyError},
		{name: "200 stream with an error event echoing the key", handler: sse(chunk,
			`data: {"error":{"message":"key `+plantedKey+` over budget; jwt `+plantedJWT+`","type":"budget_exceeded","param":"None","code":"429"}}`+"\n\n"),
			check: wantAnyError},
		{name: "200 stream with an event that is not JSON", handler: sse(chunk, "data: {not json: "+plantedKey+" "+plantedJWT+"}\n\n"),
			check: wantAnyError},
	}
}

func TestSecretsNeverLeak(t *testing.T) {
	t.Parallel()
	probe, err := facade.New("http://proxy.test")
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, m := range serviceMethods(probe) {
		if leakCalls[m] == nil && notSent[m] == "" {
			missing = append(missing, m)
		}
	}
	if len(missing) > 0 {
		t.Fatalf("methods not covered by leakCalls (add them, or to notSent with a reason): %v", missing)
	}
	for name := range leakCalls {
		if !slices.Contains(serviceMethods(probe), name) {
			t.Errorf("leakCalls has %q, which is not a method of the client", name)
		}
	}

	for _, h := range hostileServers() {
		t.Run(h.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(h.handler)
			t.Cleanup(srv.Close)
			var debugLog, errLog lockedBuffer
			logger := slog.New(slog.NewTextHandler(&debugLog, &slog.HandlerOptions{Level: slog.LevelDebug}))
			textErrs := slog.New(slog.NewTextHandler(&errLog, nil))
			jsonErrs := slog.New(slog.NewJSONHandler(&errLog, nil))
			c, err := facade.New(srv.URL,
				facade.WithAPIKey(plantedKey),
				facade.WithLogger(logger),
				facade.WithRetryBackoff(time.Millisecond, 2*time.Millisecond),
				facade.WithTimeout(10*time.Second),
			)
			if err != nil {
				t.Fatal(err)
			}
			names := make([]string, 0, len(leakCalls))
			for name := range leakCalls {
				names = append(names, name)
			}
			slices.Sort(names)
			for _, name := range names {
				err := leakCalls[name](t.Context(), c)
				h.check(t, name, err)
				if err == nil {
					continue
				}
				assertErrorClean(t, name, err)
				textErrs.Error("call failed", "method", name, "err", err)
				jsonErrs.Error("call failed", "method", name, "err", err)
			}
			logged := debugLog.String()
			if got := strings.Count(logged, "litellm proxy request"); got < len(leakCalls) {
				t.Errorf("debug log has %d request lines, want at least %d (one per call)", got, len(leakCalls))
			}
			assertNoSecret(t, "the debug log", logged)
			assertNoSecret(t, "the errors logged with slog", errLog.String())
		})
	}
}

// assertErrorClean checks every rendering of err, and of every error in its
// chain, for the planted secrets.
func assertErrorClean(t *testing.T, method string, err error) {
	t.Helper()
	assertNoSecret(t, method+": err.Error()", err.Error())
	assertNoSecret(t, method+": %v|%+v|%#v|%s|%q of err", fmt.Sprintf("%v|%+v|%#v|%s|%q", err, err, err, err, err))
	var apiErr *facade.APIError
	if errors.As(err, &apiErr) {
		b, jerr := json.Marshal(apiErr)
		if jerr != nil {
			t.Errorf("%s: json.Marshal(*APIError): %v", method, jerr)
		}
		assertNoSecret(t, method+": json.Marshal of the *APIError", string(b))
		assertNoSecret(t, method+": %v|%+v|%#v of the APIError value", fmt.Sprintf("%v|%+v|%#v", *apiErr, *apiErr, *apiErr))
	}
	var decErr *facade.DecodeError
	if errors.As(err, &decErr) {
		assertNoSecret(t, method+": %v|%+v|%#v of the *DecodeError", fmt.Sprintf("%v|%+v|%#v", decErr, decErr, decErr))
	}
	var terr *facade.TransportError
	if errors.As(err, &terr) {
		assertNoSecret(t, method+": %v|%+v|%#v of the *TransportError", fmt.Sprintf("%v|%+v|%#v", terr, terr, terr))
	}
	for i, e := 1, errors.Unwrap(err); e != nil; i, e = i+1, errors.Unwrap(e) {
		assertNoSecret(t, fmt.Sprintf("%s: Error() of the cause at depth %d (%T)", method, i, e), e.Error())
	}
}

func TestSecretsNeverPrint(t *testing.T) {
	t.Parallel()
	c, err := facade.New("http://proxy.test", facade.WithAPIKey(plantedKey))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("client", "client", c)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("client", "client", c)
	assertNoSecret(t, "%v %+v %#v %s %q of *Client", fmt.Sprintf("%v %+v %#v %s %q", c, c, c, c, c))
	assertNoSecret(t, "a logged *Client", buf.String())
	if !strings.Contains(fmt.Sprint(c), "REDACTED") {
		t.Errorf("%%v of a client = %s, want the key shown as REDACTED", c)
	}

	opt := facade.WithAPIKey(plantedKey)
	assertNoSecret(t, "%v %+v %#v of WithAPIKey", fmt.Sprintf("%v %+v %#v", opt, opt, opt))

	tok := &facade.Token{Key: plantedKey, JWTToken: plantedJWT, UserID: "ada", BaseURL: "http://proxy.test"}
	buf.Reset()
	slog.New(slog.NewTextHandler(&buf, nil)).Info("token", "token", tok, "value", *tok)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("token", "token", tok, "value", *tok)
	assertNoSecret(t, "%v %+v %#v %s of *Token", fmt.Sprintf("%v %+v %#v %s", tok, tok, tok, tok))
	assertNoSecret(t, "%v %+v %#v %s of Token", fmt.Sprintf("%v %+v %#v %s", *tok, *tok, *tok, *tok))
	assertNoSecret(t, "a logged Token", buf.String())
	if !strings.Contains(fmt.Sprint(tok), "ada") {
		t.Errorf("%%v of a token = %v, want its non-secret fields shown", tok)
	}
}

func TestSecretsNeverPrint_clientValue(t *testing.T) {
	t.Parallel()
	// A dereferenced client (log.Printf("%+v", *c)) is printed by reflection:
	// Format has a pointer receiver, and fmt cannot call the methods of the
	// unexported settings field that holds the key.
	c, err := facade.New("http://proxy.test", facade.WithAPIKey(plantedKey))
	if err != nil {
		t.Fatal(err)
	}
	assertNoSecret(t, "%v %+v %#v of a Client value", fmt.Sprintf("%v %+v %#v", *c, *c, *c))
}
