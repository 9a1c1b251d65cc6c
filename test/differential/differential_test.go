// Package differential holds the emulator to a real LiteLLM proxy: the same
// scripted calls go to test/proxytest in its no-database mode and to a real
// proxy without a database (test/realproxy), both with the same models; each
// response is reduced to its shape (test/internal/shape) and the shapes are
// compared. A difference fails the test unless allow.yaml lists it with its
// reason, and an entry of allow.yaml that no difference uses fails it too.
// Both sides' answers to the spec's operations must also be answers the
// spec allows: when the real one is not, the spec is wrong.
//
// TestLiveDifferential runs under make live (LITELLM_LIVE=1), once per real
// version; TestDBCallsCoverTheSpec, which needs no real proxy, in make test.
package differential

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/litellm-go/proxyclient/gen"
	"github.com/litellm-go/proxyclient/test/internal/shape"
	"github.com/litellm-go/proxyclient/test/proxytest"
	"github.com/litellm-go/proxyclient/test/realproxy"
)

func TestMain(m *testing.M) {
	code := m.Run()
	realproxy.StopShared()
	os.Exit(code)
}

// Who a call authenticates as.
const (
	authNone   = "none"
	authMaster = "master"
	authBad    = "bad" // a well-formed key that is not the master key
)

// badKey is a virtual key neither server knows.
const badKey = "sk-differential-0000000000000000"

// call is one scripted request.
type call struct {
	name   string
	method string
	path   string
	auth   string
	body   any    // marshalled to JSON; nil for none
	raw    string // a raw body instead of body (sent when body is nil and raw != "")
	ctype  string // Content-Type; "" is application/json when there is a body
	// emptyBody sends a zero-length body with a JSON content type.
	emptyBody bool
}

var hi = []any{map[string]any{"role": "user", "content": "hi"}}

// fixedCalls are the calls both servers can answer without a database, and
// the auth and routing errors.
func fixedCalls() []call {
	chat := func(extra map[string]any) map[string]any {
		b := map[string]any{"model": "gpt-4o", "messages": hi}
		for k, v := range extra {
			if v == nil {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
		return b
	}
	return []call{
		// Chat completions.
		{name: "chat/json", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(nil)},
		{name: "chat/v1-json", method: "POST", path: "/v1/chat/completions", auth: authMaster, body: chat(nil)},
		{name: "chat/other-model", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"model": "gpt-4o-mini"})},
		{name: "chat/stream", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"stream": true})},
		{name: "chat/stream-usage", method: "POST", path: "/chat/completions", auth: authMaster,
			body: chat(map[string]any{"stream": true, "stream_options": map[string]any{"include_usage": true}})},
		{name: "chat/invalid-json", method: "POST", path: "/chat/completions", auth: authMaster, raw: `{"model": "gpt-4o", "messages": [`},
		{name: "chat/not-an-object", method: "POST", path: "/chat/completions", auth: authMaster, raw: `[1, 2]`},
		{name: "chat/blank-body", method: "POST", path: "/chat/completions", auth: authMaster, raw: " "},
		{name: "chat/no-body", method: "POST", path: "/chat/completions", auth: authMaster, emptyBody: true},
		{name: "chat/missing-messages", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"messages": nil})},
		{name: "chat/missing-model", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"model": nil})},
		{name: "chat/unknown-model", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"model": "no-such-model"})},
		{name: "chat/stream-unknown-model", method: "POST", path: "/chat/completions", auth: authMaster,
			body: chat(map[string]any{"model": "no-such-model", "stream": true})},
		{name: "chat/model-number", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"model": 42})},
		{name: "chat/model-list", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"model": []any{"gpt-4o"}})},
		{name: "chat/messages-string", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"messages": "hi"})},
		{name: "chat/messages-number", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"messages": 42})},
		{name: "chat/messages-of-strings", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"messages": []any{"hi"}})},
		{name: "chat/empty-messages", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"messages": []any{}})},
		{name: "chat/message-without-role", method: "POST", path: "/chat/completions", auth: authMaster,
			body: chat(map[string]any{"messages": []any{map[string]any{"content": "hi"}}})},
		{name: "chat/temperature-string", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"temperature": "hot"})},
		{name: "chat/text-plain", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(nil), ctype: "text/plain"},
		{name: "chat/n-2", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"n": 2})},
		{name: "chat/max-tokens", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"max_tokens": 5})},
		{name: "chat/tools", method: "POST", path: "/chat/completions", auth: authMaster, body: chat(map[string]any{"tools": []any{
			map[string]any{"type": "function", "function": map[string]any{"name": "get_weather", "parameters": map[string]any{"type": "object"}}}}})},
		{name: "chat/user-and-metadata", method: "POST", path: "/chat/completions", auth: authMaster,
			body: chat(map[string]any{"user": "diff-user", "metadata": map[string]any{"k": "v"}})},
		{name: "chat/stream-no-key", method: "POST", path: "/chat/completions", auth: authNone, body: chat(map[string]any{"stream": true})},
		{name: "chat/stream-bad-key", method: "POST", path: "/chat/completions", auth: authBad, body: chat(map[string]any{"stream": true})},
		{name: "chat/no-key", method: "POST", path: "/chat/completions", auth: authNone, body: chat(nil)},
		{name: "chat/bad-key", method: "POST", path: "/chat/completions", auth: authBad, body: chat(nil)},

		// Models.
		{name: "models", method: "GET", path: "/models", auth: authMaster},
		{name: "models/v1", method: "GET", path: "/v1/models", auth: authMaster},
		{name: "models/no-key", method: "GET", path: "/models", auth: authNone},
		{name: "models/bad-key", method: "GET", path: "/v1/models", auth: authBad},
		{name: "model-info", method: "GET", path: "/model/info", auth: authMaster},
		{name: "model-info/v1", method: "GET", path: "/v1/model/info", auth: authMaster},
		{name: "model-info/unknown-id", method: "GET", path: "/model/info?litellm_model_id=no-such-id", auth: authMaster},
		{name: "model-info/bad-key", method: "GET", path: "/model/info", auth: authBad},
		{name: "model-group-info", method: "GET", path: "/model_group/info", auth: authMaster},
		{name: "model-group-info/one", method: "GET", path: "/model_group/info?model_group=gpt-4o", auth: authMaster},
		{name: "model-group-info/unknown", method: "GET", path: "/model_group/info?model_group=no-such-group", auth: authMaster},

		// Health.
		{name: "health/liveliness", method: "GET", path: "/health/liveliness", auth: authNone},
		{name: "health/liveliness/bad-key", method: "GET", path: "/health/liveliness", auth: authBad},
		{name: "health/readiness", method: "GET", path: "/health/readiness", auth: authNone},
		{name: "health/readiness/master", method: "GET", path: "/health/readiness", auth: authMaster},
		{name: "health/readiness-details", method: "GET", path: "/health/readiness/details", auth: authMaster},
		{name: "health/readiness-details/no-key", method: "GET", path: "/health/readiness/details", auth: authNone},
		{name: "health/readiness-details/bad-key", method: "GET", path: "/health/readiness/details", auth: authBad},
		{name: "health/test-connection/no-key", method: "POST", path: "/health/test_connection", auth: authNone, body: map[string]any{}},

		// Key health needs no database.
		{name: "key-health", method: "POST", path: "/key/health", auth: authMaster},
		{name: "key-health/bad-key", method: "POST", path: "/key/health", auth: authBad},
		{name: "key-health/get", method: "GET", path: "/key/health", auth: authMaster},

		// Credentials.
		{name: "credentials", method: "GET", path: "/credentials", auth: authMaster},
		{name: "vector-stores/list", method: "GET", path: "/vector_store/list", auth: authMaster},
		{name: "vector-stores/list-v1", method: "GET", path: "/v1/vector_store/list?page=1&page_size=10", auth: authMaster},
		{name: "credentials/no-key", method: "GET", path: "/credentials", auth: authNone},
		{name: "credentials/bad-key", method: "GET", path: "/credentials", auth: authBad},
		{name: "credentials/get/bad-key", method: "GET", path: "/credentials/by_name/diff-cred", auth: authBad},
		{name: "health/test-connection/bad-key", method: "POST", path: "/health/test_connection", auth: authBad, body: map[string]any{}},
		{name: "auth/x-litellm-api-key", method: "GET", path: "/models", auth: "x-litellm-api-key"},

		// Auth errors on management routes.
		{name: "auth/key-generate/no-key", method: "POST", path: "/key/generate", auth: authNone, body: map[string]any{}},
		{name: "auth/key-generate/bad-key", method: "POST", path: "/key/generate", auth: authBad, body: map[string]any{}},
		{name: "auth/key-list/bad-key", method: "GET", path: "/key/list", auth: authBad},
		{name: "auth/malformed-header", method: "GET", path: "/models", auth: "Token " + badKey},

		// MCP servers (issue 14, family 8): answered from the config's
		// servers (none), database or not; create and update 422s come
		// before the database check.
		{name: "mcp/list", method: "GET", path: "/v1/mcp/server", auth: authMaster},
		{name: "mcp/health", method: "GET", path: "/v1/mcp/server/health?server_ids=diff-mcp", auth: authMaster},
		{name: "mcp/access-groups", method: "GET", path: "/v1/mcp/access_groups", auth: authMaster},
		{name: "mcp/tools", method: "GET", path: "/v1/mcp/tools", auth: authMaster},
		{name: "mcp/create-bad-transport", method: "POST", path: "/v1/mcp/server", auth: authMaster,
			body: map[string]any{"server_name": "diff_mcp", "transport": "carrier-pigeon"}},
		{name: "mcp/update-no-id", method: "PUT", path: "/v1/mcp/server", auth: authMaster, body: map[string]any{"description": "x"}},

		// Model access groups (issue 14, family 8): POST /access_group/new
		// checks its body before the database; the unified routes validate
		// with FastAPI first.
		{name: "access-groups/new-empty-name", method: "POST", path: "/access_group/new", auth: authMaster,
			body: map[string]any{"access_group": " ", "model_names": []any{"gpt-4o"}}},
		{name: "access-groups/new-no-models", method: "POST", path: "/access_group/new", auth: authMaster, body: map[string]any{"access_group": "diff-ag"}},
		{name: "access-groups/new-unknown-model", method: "POST", path: "/access_group/new", auth: authMaster,
			body: map[string]any{"access_group": "diff-ag", "model_names": []any{"diff-no-such-model"}}},
		{name: "access-groups/new-config-model", method: "POST", path: "/access_group/new", auth: authMaster,
			body: map[string]any{"access_group": "diff-ag", "model_names": []any{"gpt-4o"}}},
		{name: "access-groups/new-missing-name", method: "POST", path: "/access_group/new", auth: authMaster, body: map[string]any{"model_names": []any{"gpt-4o"}}},
		{name: "access-groups/list/bad-key", method: "GET", path: "/access_group/list", auth: authBad},
		{name: "access-groups/list/no-key", method: "GET", path: "/access_group/list", auth: authNone},
		{name: "access-groups/v1-create-missing-name", method: "POST", path: "/v1/access_group", auth: authMaster, body: map[string]any{"description": "x"}},
		{name: "access-groups/v1-update-bad-list", method: "PUT", path: "/v1/unified_access_group/diff-ag-id", auth: authMaster,
			body: map[string]any{"access_model_names": "gpt-4o"}},
		{name: "access-groups/v1-list/bad-key", method: "GET", path: "/v1/access_group", auth: authBad},
		// Prompts (issue 14, family 8): the reads answer from the proxy's
		// in-memory registry (empty), and /prompts/test runs without a
		// database; the writes' 422s come before the database check.
		{name: "prompts/list", method: "GET", path: "/prompts/list", auth: authMaster},
		{name: "prompts/list-environment", method: "GET", path: "/prompts/list?environment=staging", auth: authMaster},
		{name: "prompts/list/no-key", method: "GET", path: "/prompts/list", auth: authNone},
		{name: "prompts/list/bad-key", method: "GET", path: "/prompts/list", auth: authBad},
		{name: "prompts/get-environment", method: "GET", path: "/prompts/diff-prompt?environment=staging", auth: authMaster},
		{name: "prompts/info-version", method: "GET", path: "/prompts/diff-prompt.v2/info", auth: authMaster},
		{name: "prompts/versions-version", method: "GET", path: "/prompts/diff-prompt_v3/versions", auth: authMaster},
		{name: "prompts/create-missing-fields", method: "POST", path: "/prompts", auth: authMaster, body: map[string]any{}},
		{name: "prompts/create-bad-type", method: "POST", path: "/prompts", auth: authMaster, body: map[string]any{"prompt_id": "diff-prompt",
			"litellm_params": map[string]any{"prompt_integration": "dotprompt"}, "prompt_info": map[string]any{"prompt_type": "file"}}},
		{name: "prompts/test", method: "POST", path: "/prompts/test", auth: authMaster, body: map[string]any{
			"dotprompt_content": "---\nmodel: gpt-4o\ntemperature: 0.2\n---\nSystem: Be brief.\nUser: Hello {{name}}",
			"prompt_variables":  map[string]any{"name": "World"}}},
		{name: "prompts/test-history", method: "POST", path: "/prompts/test", auth: authMaster, body: map[string]any{
			"dotprompt_content":    "---\nmodel: gpt-4o\n---\nSystem: Be brief.\nUser: Hello",
			"conversation_history": []any{map[string]any{"role": "user", "content": "hi"}}}},
		{name: "prompts/test-no-model", method: "POST", path: "/prompts/test", auth: authMaster, body: map[string]any{"dotprompt_content": "User: hi"}},
		{name: "prompts/test-no-message", method: "POST", path: "/prompts/test", auth: authMaster,
			body: map[string]any{"dotprompt_content": "---\nmodel: gpt-4o\n---\n"}},
		{name: "prompts/test-unknown-model", method: "POST", path: "/prompts/test", auth: authMaster,
			body: map[string]any{"dotprompt_content": "---\nmodel: no-such-model\n---\nUser: hi"}},
		{name: "prompts/test-no-content", method: "POST", path: "/prompts/test", auth: authMaster, body: map[string]any{}},

		// Routing.
		{name: "route/unknown", method: "GET", path: "/no/such/route", auth: authNone},
		{name: "route/unknown-with-key", method: "POST", path: "/v1/no-such-route", auth: authMaster, body: map[string]any{}},
		{name: "route/method-not-allowed", method: "DELETE", path: "/models", auth: authMaster},
		{name: "route/post-liveliness", method: "POST", path: "/health/liveliness", auth: authNone},
	}
}

// notDB are the spec operations fixedCalls covers, and the SSO ones (an
// SSO flow needs an SSO provider, which neither server has configured alike:
// the emulator plays a configured one, the real proxy has none).
var notDB = []string{
	"chatCompletion", "chatCompletionV1", "modelList", "modelListV1", "modelInfo", "modelInfoV1",
	"modelGroupInfo", "healthLiveliness", "healthReadiness", "healthReadinessDetails", "credentialList", "keyHealth",
	"ssoKeyGenerate", "ssoCallback", "ssoCLIPoll", "ssoCLIStart",
	// login --pkce (1.106 only): the proxy's own OAuth server, which signs
	// the user in through SSO first; test/contract runs the flow.
	"cliAuthDiscovery", "cliAuthRegister", "cliAuthAuthorize", "cliAuthAuthorizeComplete", "cliAuthToken", "cliAuthRevoke",
	// Inference beyond chat: scripted in test/inference, against a real
	// proxy whose models have the emulator as their provider.
	"embeddings", "embeddingsV1", "completion", "completionV1", "moderation", "moderationV1",
	"imageGeneration", "imageGenerationV1", "rerank", "rerankV1",
	"audioSpeech", "audioSpeechV1", "audioTranscription", "audioTranscriptionV1",
	"responseCreate", "responseCreateV1", "responseGet", "responseGetV1", "responseDelete", "responseDeleteV1",
	"responseCancel", "responseCancelV1", "responseInputItems", "responseInputItemsV1",
	// Prices a request from the router and the cost map, no database.
	"spendCalculate",
	// MCP servers: these answer the config's servers (none) without a database (fixedCalls "mcp/...").
	"mcpServerList", "mcpServerHealth", "mcpAccessGroups", "mcpTools",
	// The vector store list reads the database only when there is one (an
	// empty list without): fixedCalls compares it.
	"vectorStoreList", "vectorStoreListV1",
	// Guardrails: the v1 list is the config file's; 1.106 lists (v2) the
	// config file's guardrails without a database too; apply_guardrail
	// runs a config-file guardrail. test/contract checks their no-database
	// answers on both versions.
	"guardrailList", "guardrailListV2", "guardrailApply", "guardrailApplyAlias",
	// Prompts: the list reads the in-memory registry and /prompts/test
	// runs a model, database or not (fixedCalls "prompts/...").
	"promptList", "promptTest",
}

// dbBodies are valid bodies of the operations that need a database (the
// no-database answer comes after body validation).
var dbBodies = map[string]any{
	"modelNew":             map[string]any{"model_name": "diff-model", "litellm_params": map[string]any{"model": "openai/gpt-4o-mini"}},
	"modelUpdate":          map[string]any{"model_name": "gpt-4o", "litellm_params": map[string]any{"model": "openai/gpt-4o"}, "model_info": map[string]any{"id": "diff-id"}},
	"modelPatch":           map[string]any{"model_name": "gpt-4o"},
	"modelDelete":          map[string]any{"id": "diff-id"},
	"keyGenerate":          map[string]any{"key_alias": "diff-key", "duration": "1h"},
	"tagNew":               map[string]any{"name": "diff-tag"},
	"tagUpdate":            map[string]any{"name": "diff-tag"},
	"tagInfo":              map[string]any{"names": []string{"diff-tag"}},
	"tagDelete":            map[string]any{"name": "diff-tag"},
	"keyUpdate":            map[string]any{"key": badKey, "key_alias": "diff"},
	"keyDelete":            map[string]any{"keys": []any{badKey}},
	"keyRegenerate":        map[string]any{"key": badKey},
	"keyRegenerateByPath":  map[string]any{},
	"keyBlock":             map[string]any{"key": badKey},
	"keyUnblock":           map[string]any{"key": badKey},
	"credentialCreate":     map[string]any{"credential_name": "diff-cred", "credential_info": map[string]any{}, "credential_values": map[string]any{"api_key": "sk-throwaway"}},
	"credentialUpdate":     map[string]any{"credential_name": "diff-cred", "credential_info": map[string]any{}, "credential_values": map[string]any{"api_key": "sk-throwaway"}},
	"userNew":              map[string]any{"user_email": "diff@example.com"},
	"userUpdate":           map[string]any{"user_id": "diff-user", "user_alias": "x"},
	"userDelete":           map[string]any{"user_ids": []any{"diff-user"}},
	"teamNew":              map[string]any{"team_alias": "diff-team"},
	"teamDelete":           map[string]any{"team_ids": []any{"diff-team"}},
	"teamMemberAdd":        map[string]any{"team_id": "diff-team", "member": map[string]any{"role": "user", "user_id": "diff-user"}},
	"healthTestConnection": map[string]any{"mode": "chat", "litellm_params": map[string]any{"model": "openai/gpt-4o", "api_key": "sk-throwaway", "mock_response": "hi"}},

	// Teams, the rest (issue 14, family 1).
	"teamUpdate":            map[string]any{"team_id": "diff-team", "team_alias": "x"},
	"teamMemberUpdate":      map[string]any{"team_id": "diff-team", "user_id": "diff-user", "role": "user"},
	"teamMemberDelete":      map[string]any{"team_id": "diff-team", "user_id": "diff-user"},
	"teamBlock":             map[string]any{"team_id": "diff-team"},
	"teamUnblock":           map[string]any{"team_id": "diff-team"},
	"teamModelAdd":          map[string]any{"team_id": "diff-team", "models": []any{"gpt-4o"}},
	"teamModelDelete":       map[string]any{"team_id": "diff-team", "models": []any{"gpt-4o"}},
	"teamPermissionsUpdate": map[string]any{"team_id": "diff-team", "team_member_permissions": []any{"/key/info"}},

	// Organizations, budgets and customers (as recorded in
	// real-1.88.0-db-breadth.jsonl).
	"organizationNew":          map[string]any{"organization_alias": "diff-org", "models": []any{"gpt-4o"}, "max_budget": 100},
	"organizationUpdate":       map[string]any{"organization_id": "diff-org", "organization_alias": "diff-org-2"},
	"organizationDelete":       map[string]any{"organization_ids": []any{"diff-org"}},
	"organizationInfoBatch":    map[string]any{"organizations": []any{"diff-org"}},
	"organizationMemberAdd":    map[string]any{"organization_id": "diff-org", "member": []any{map[string]any{"role": "internal_user", "user_id": "diff-user"}}},
	"organizationMemberUpdate": map[string]any{"organization_id": "diff-org", "user_id": "diff-user", "role": "org_admin"},
	"organizationMemberDelete": map[string]any{"organization_id": "diff-org", "user_id": "diff-user"},
	"budgetNew":                map[string]any{"budget_id": "diff-budget", "max_budget": 5.0, "budget_duration": "30d"},
	"budgetUpdate":             map[string]any{"budget_id": "diff-budget", "max_budget": 10.0},
	"budgetInfo":               map[string]any{"budgets": []any{"diff-budget"}},
	"budgetDelete":             map[string]any{"id": "diff-budget"},
	"customerNew":              map[string]any{"user_id": "diff-customer", "alias": "Customer", "max_budget": 5.0},
	"customerUpdate":           map[string]any{"user_id": "diff-customer", "alias": "Customer 2"},
	"customerDelete":           map[string]any{"user_ids": []any{"diff-customer"}},
	"customerBlock":            map[string]any{"user_ids": []any{"diff-customer"}},
	"customerUnblock":          map[string]any{"user_ids": []any{"diff-customer"}},

	// MCP servers (issue 14, family 8); list, health, access groups and
	// tools answer the config's servers (none) without a database.
	"mcpServerCreate": map[string]any{"server_id": "diff-mcp", "server_name": "diff_mcp", "url": "http://127.0.0.1:9/mcp", "transport": "http"},
	"mcpServerUpdate": map[string]any{"server_id": "diff-mcp", "description": "x"},
	// Vector store management (family 8).
	"vectorStoreNew":    map[string]any{"vector_store_id": "diff-vs", "custom_llm_provider": "openai"},
	"vectorStoreInfo":   map[string]any{"vector_store_id": "diff-vs"},
	"vectorStoreUpdate": map[string]any{"vector_store_id": "diff-vs", "vector_store_name": "x"},
	"vectorStoreDelete": map[string]any{"vector_store_id": "diff-vs"},
	// Guardrails (issue 14, family 8).
	"guardrailCreate": map[string]any{"guardrail": map[string]any{"guardrail_name": "diff-guardrail",
		"litellm_params": map[string]any{"guardrail": "litellm_content_filter", "mode": "pre_call"}}},
	"guardrailUpdate": map[string]any{"guardrail": map[string]any{"guardrail_name": "diff-guardrail",
		"litellm_params": map[string]any{"guardrail": "litellm_content_filter", "mode": "pre_call"}}},
	"guardrailPatch": map[string]any{"guardrail_info": map[string]any{"description": "diff"}},
	"guardrailRegister": map[string]any{"guardrail_name": "diff-team-guardrail", "team_id": "diff-team",
		"litellm_params": map[string]any{"guardrail": "generic_guardrail_api", "mode": "pre_call", "api_base": "https://guard.invalid"}},
	// Model access groups (issue 14, family 8): model_ids skips the model
	// name check, so the no-database answer comes.
	"accessGroupNew":           map[string]any{"access_group": "diff-ag", "model_ids": []any{"diff-id"}},
	"accessGroupUpdate":        map[string]any{"model_names": []any{"gpt-4o"}},
	"accessGroupV1Create":      map[string]any{"access_group_name": "diff-ag"},
	"accessGroupV1Update":      map[string]any{"description": "x"},
	"unifiedAccessGroupCreate": map[string]any{"access_group_name": "diff-ag"},
	"unifiedAccessGroupUpdate": map[string]any{"description": "x"},
	// Prompts (issue 14, family 8).
	"promptCreate": map[string]any{"prompt_id": "diff-prompt", "litellm_params": map[string]any{"prompt_integration": "dotprompt",
		"dotprompt_content": "---\nmodel: gpt-4o\n---\nUser: hi"}},
	"promptUpdate": map[string]any{"prompt_id": "diff-prompt", "litellm_params": map[string]any{"prompt_integration": "dotprompt"},
		"prompt_info": map[string]any{"prompt_type": "db", "environment": "staging"}},
	"promptPatch": map[string]any{"prompt_info": map[string]any{"prompt_type": "db"}},
	// The rest of families 1-7 (issue 14).
	"keyResetSpend":             map[string]any{"reset_to": 0},
	"keyBulkUpdate":             map[string]any{"keys": []any{map[string]any{"key": badKey, "max_budget": 1}}},
	"userBulkUpdate":            map[string]any{"users": []any{map[string]any{"user_id": "diff-user", "max_budget": 1}}},
	"teamBulkMemberAdd":         map[string]any{"team_id": "diff-team", "members": []any{map[string]any{"user_id": "diff-user", "role": "user"}}},
	"teamCallbackAdd":           map[string]any{"callback_name": "langfuse", "callback_vars": map[string]any{"langfuse_public_key": "pk-diff"}},
	"keyGenerateServiceAccount": map[string]any{"team_id": "diff-team", "key_alias": "diff-svc"},
	"teamPermissionsBulkUpdate": map[string]any{"permissions": []any{"/key/list"}, "team_ids": []any{"diff-team"}},
	"teamKeyBulkUpdate":         map[string]any{"team_id": "diff-team", "all_keys_in_team": true, "update_fields": map[string]any{"max_budget": 1}},
	"modelGroupMakePublic":      map[string]any{"model_groups": []any{"gpt-4o"}},
}

// dbQueries are query strings of the operations that need a database.
var dbQueries = map[string]string{
	"keyInfo": "?key=" + badKey, "userInfo": "?user_id=diff-user", "userInfoV2": "?user_id=diff-user", "teamInfo": "?team_id=diff-team",
	"teamPermissionsList": "?team_id=diff-team", "teamDailyActivity": "?team_ids=diff-team&start_date=2026-11-01&end_date=2026-11-30",
	"spendLogsV2": "?start_date=2026-11-01&end_date=2026-11-30", "globalSpendReport": "?start_date=2026-11-01&end_date=2026-11-30",
	"organizationDailyActivity": "?start_date=2026-11-01&end_date=2026-11-30", "customerDailyActivity": "?start_date=2026-11-01&end_date=2026-11-30",
	"userDailyActivityAggregated": "?start_date=2026-11-01&end_date=2026-11-30",
	"organizationInfo":            "?organization_id=diff-org", "budgetSettings": "?budget_id=diff-budget", "customerInfo": "?end_user_id=diff-customer",
	// Tag and spend analytics: /tag/summary's dates are required (422 without).
	"tagSummary": "?start_date=2026-11-01&end_date=2026-11-30", "globalSpendTags": "?start_date=2026-11-01&end_date=2026-11-30",
}

// dbCalls are the spec's operations that need a database, with the master
// key: each answers its own no-database error. Every operation of the spec
// is either here or in notDB, so a new operation is covered.
func dbCalls(t *testing.T) []call {
	doc, err := gen.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	paths := doc.Paths.InMatchingOrder()
	slices.Sort(paths)
	var calls []call
	for _, p := range paths {
		item := doc.Paths.Find(p)
		ops := item.Operations()
		methods := make([]string, 0, len(ops))
		for m := range ops {
			methods = append(methods, m)
		}
		slices.Sort(methods)
		for _, m := range methods {
			id := lowerFirst(ops[m].OperationID)
			if slices.Contains(notDB, id) {
				continue
			}
			path := strings.NewReplacer("{model_id}", "diff-id", "{key}", badKey, "{credential_name}", "diff-cred", "{server_id}", "diff-mcp",
				"{access_group}", "diff-ag", "{access_group_id}", "diff-ag-id", "{prompt_id}", "diff-prompt", "{team_id}", "diff-team").Replace(p)
			c := call{name: "nodb/" + id, method: m, path: path + dbQueries[id], auth: authMaster, body: dbBodies[id]}
			if ops[m].RequestBody != nil && c.body == nil {
				t.Errorf("operation %s has a request body but no entry in dbBodies", id)
			}
			calls = append(calls, c)
		}
	}
	// Without the optional query parameters.
	for _, id := range []string{"keyInfo", "userInfo", "userInfoV2"} {
		for _, c := range calls {
			if c.name == "nodb/"+id {
				c.name += "/no-params"
				c.path = strings.SplitN(c.path, "?", 2)[0]
				calls = append(calls, c)
				break
			}
		}
	}
	return calls
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// specRouter routes requests to the operations of api/litellm-proxy.yaml.
var specRouter = func() routers.Router {
	doc, err := gen.GetSpec()
	if err != nil {
		panic(err)
	}
	doc.Servers = nil // any host
	r, err := legacy.NewRouter(doc)
	if err != nil {
		panic(err)
	}
	return r
}()

// outsideSpec returns why a response to an operation of the spec is not
// one the spec allows, or "" (also for routes the spec does not have).
// Requests are not validated: many calls are malformed on purpose.
func outsideSpec(req *http.Request, status int, h http.Header, body []byte) string {
	route, params, err := specRouter.FindRoute(req)
	if err != nil {
		return ""
	}
	if strings.HasPrefix(h.Get("Content-Type"), "text/event-stream") {
		// kin-openapi cannot decode a stream; its chunks are compared as
		// shapes, and the contract suite checks them against the spec.
		return ""
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: status, Header: h, Options: opts}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		return err.Error()
	}
	return ""
}

// server is one side of the comparison.
type server struct {
	name, url, masterKey string
}

var client = &http.Client{Timeout: 2 * time.Minute}

// do sends c to s and reduces the answer to its shape.
func (s server) do(t *testing.T, c call) (shape.Shape, []byte) {
	t.Helper()
	var body io.Reader
	switch {
	case c.body != nil:
		data, err := json.Marshal(c.body)
		if err != nil {
			t.Fatal(err)
		}
		body = bytes.NewReader(data)
	case c.raw != "":
		body = strings.NewReader(c.raw)
	case c.emptyBody:
		body = strings.NewReader("")
	}
	req, err := http.NewRequestWithContext(t.Context(), c.method, s.url+c.path, body)
	if err != nil {
		t.Fatal(err)
	}
	// One connection a request: uvicorn may close an idle keep-alive
	// connection just as the client reuses it.
	req.Close = true
	if body != nil {
		ct := c.ctype
		if ct == "" {
			ct = "application/json"
		}
		req.Header.Set("Content-Type", ct)
	}
	switch c.auth {
	case authNone:
	case authMaster:
		req.Header.Set("Authorization", "Bearer "+s.masterKey)
	case authBad:
		req.Header.Set("Authorization", "Bearer "+badKey)
	case "x-litellm-api-key":
		req.Header.Set("x-litellm-api-key", s.masterKey)
	default:
		req.Header.Set("Authorization", c.auth)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s to %s: %v", c.method, c.path, s.url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read: %v", c.method, c.path, err)
	}
	if why := outsideSpec(req, resp.StatusCode, resp.Header, data); why != "" {
		t.Errorf("%s %s: the %d answer of %s is outside api/litellm-proxy.yaml: %s\nbody: %s",
			c.method, c.path, resp.StatusCode, s.name, why, excerpt(data))
	}
	return shape.Of(resp.StatusCode, resp.Header, data), data
}

// emulatorModels are realproxy's default models as emulator deployments.
func emulatorModels() []proxytest.Model {
	var out []proxytest.Model
	for _, m := range realproxy.DefaultModels() {
		params := map[string]any{"model": m.Model, "api_key": "sk-fake-upstream"}
		if m.Model == "" {
			params["model"] = "openai/" + m.Name
		}
		if m.MockResponse != "" {
			params["mock_response"] = m.MockResponse
		}
		if m.APIBase != "" {
			params["api_base"] = m.APIBase
		}
		out = append(out, proxytest.Model{Name: m.Name, Params: params})
	}
	return out
}

// excerpt shortens a body for a failure message.
func excerpt(b []byte) string {
	const n = 600
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}

// TestLiveDifferential compares the emulator without a database with a real
// proxy without one, for each real version.
func TestLiveDifferential(t *testing.T) {
	if os.Getenv(realproxy.EnvLive) != "1" {
		t.Skipf("set %s=1 (make live) to compare the emulator with a real LiteLLM", realproxy.EnvLive)
	}
	allow, err := shape.LoadAllow("allow.yaml")
	if err != nil {
		t.Fatal(err)
	}
	calls := append(fixedCalls(), dbCalls(t)...)
	ran := 0
	for _, version := range realproxy.Versions {
		t.Run(version, func(t *testing.T) {
			real := realproxy.Shared(t, version)
			emu := proxytest.NewServer(proxytest.WithNoDatabase(), proxytest.WithVersion(version),
				proxytest.WithModels(emulatorModels()...))
			defer emu.Close()
			sides := [2]server{{"real " + version, real.URL, real.MasterKey}, {"the emulator", emu.URL, emu.MasterKey}}
			for _, c := range calls {
				t.Run(c.name, func(t *testing.T) {
					want, realBody := sides[0].do(t, c)
					got, emuBody := sides[1].do(t, c)
					left := allow.Filter(version+"/"+c.name, shape.Diff(want, got))
					if len(left) > 0 {
						t.Errorf("%s %s: the emulator differs from real %s:\n  %s\nreal:     %s\nemulator: %s",
							c.method, c.path, version, strings.Join(left, "\n  "), excerpt(realBody), excerpt(emuBody))
					}
				})
			}
			ran++
		})
	}
	if ran == len(realproxy.Versions) {
		// Every version ran: an entry no difference used is stale.
		allow.CheckUsed(t)
	}
}

// TestDBCallsCoverTheSpec runs without a real proxy: every operation of the
// spec is scripted (here or in fixedCalls), and the emulator without a
// database answers each one that needs a database with its no-database
// error rather than a success.
func TestDBCallsCoverTheSpec(t *testing.T) {
	calls := dbCalls(t)
	if len(calls) == 0 {
		t.Fatal("no operation needs a database")
	}
	for _, version := range proxytest.Versions {
		emu := proxytest.NewServer(proxytest.WithNoDatabase(), proxytest.WithVersion(version), proxytest.WithModels(emulatorModels()...))
		side := server{"the emulator", emu.URL, emu.MasterKey}
		for _, c := range calls {
			got, body := side.do(t, c)
			// 1.88 answers two credential routes with the error object and HTTP 200.
			if got.Envelope == shape.EnvelopeNone && !strings.Contains(string(body), "DB not connected") {
				t.Errorf("%s %s %s: no no-database error: %d %s", version, c.method, c.path, got.Status, excerpt(body))
			}
		}
		emu.Close()
	}
}
