package api_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/litellm-go/proxyclient/gen"
)

// requiredOperations is the operation list the project promises (issue 2, section 1).
var requiredOperations = []string{
	"POST /chat/completions", "POST /v1/chat/completions",
	"GET /models", "GET /v1/models", "GET /model/info", "GET /v1/model/info",
	"POST /model/new", "POST /model/update", "PATCH /model/{model_id}/update", "POST /model/delete",
	"GET /model_group/info",
	"POST /key/generate", "GET /key/list", "GET /key/info", "POST /key/update", "POST /key/delete",
	"POST /key/regenerate", "POST /key/{key}/regenerate", "POST /key/block", "POST /key/unblock",
	"GET /credentials", "POST /credentials", "GET /credentials/by_name/{credential_name}",
	"PATCH /credentials/{credential_name}", "DELETE /credentials/{credential_name}",
	"POST /user/new", "GET /user/info", "GET /v2/user/info", "GET /user/list", "POST /user/update", "POST /user/delete",
	"POST /team/new", "GET /team/list", "GET /v2/team/list", "GET /team/info", "GET /team/available",
	"POST /team/delete", "POST /team/member_add",
	"GET /health/liveliness", "GET /health/readiness", "GET /health/readiness/details", "POST /health/test_connection",
	"GET /sso/key/generate", "GET /sso/cli/poll/{key_id}", "POST /sso/cli/start",
	// Inference beyond chat (issue 15).
	"POST /embeddings", "POST /v1/embeddings",
	"POST /completions", "POST /v1/completions", "POST /moderations", "POST /v1/moderations",
	"POST /images/generations", "POST /v1/images/generations", "POST /rerank", "POST /v1/rerank",
	"POST /audio/speech", "POST /v1/audio/speech", "POST /audio/transcriptions", "POST /v1/audio/transcriptions",
	"POST /responses", "POST /v1/responses", "GET /responses/{response_id}", "GET /v1/responses/{response_id}",
	"DELETE /responses/{response_id}", "DELETE /v1/responses/{response_id}", "POST /responses/{response_id}/cancel",
	"POST /v1/responses/{response_id}/cancel", "GET /responses/{response_id}/input_items", "GET /v1/responses/{response_id}/input_items",
	// Issue 14, families 2 (organizations), 3 (budgets) and 5 (customers).
	"POST /organization/new", "PATCH /organization/update", "DELETE /organization/delete", "GET /organization/list",
	"GET /organization/info", "POST /organization/info", "POST /organization/member_add",
	"PATCH /organization/member_update", "DELETE /organization/member_delete",
	"POST /budget/new", "POST /budget/update", "POST /budget/info", "GET /budget/settings", "GET /budget/list",
	"POST /budget/delete",
	"POST /customer/new", "POST /customer/update", "GET /customer/info", "GET /customer/list", "POST /customer/delete",
	"POST /customer/block", "POST /customer/unblock",
	// Issue 14, family 7 (spend).
	"GET /spend/logs", "GET /spend/logs/v2", "GET /spend/tags", "GET /global/spend/report", "POST /spend/calculate",
	"GET /organization/daily/activity", "GET /customer/daily/activity",
	// Issue 14, family 1 (teams, all of it).
	"POST /team/update", "POST /team/member_update", "POST /team/member_delete", "POST /team/block", "POST /team/unblock",
	"POST /team/model/add", "POST /team/model/delete", "GET /team/permissions_list", "POST /team/permissions_update",
	"GET /team/daily/activity",
	// Issue 14, family 6 (users and keys, the rest).
	"POST /key/health", "GET /key/aliases", "GET /user/daily/activity",
	// Issue 14, family 4 (tags).
	"POST /tag/new", "POST /tag/update", "POST /tag/info", "GET /tag/list", "POST /tag/delete",
	// Issue 14, families 4 and 7 (tag and spend analytics).
	"GET /tag/daily/activity", "GET /tag/summary", "GET /tag/distinct", "GET /tag/dau", "GET /tag/wau", "GET /tag/mau",
	"GET /tag/user-agent/per-user-analytics", "GET /global/spend/tags", "POST /global/spend/reset",
	// Issue 14, family 8 (MCP servers, management routes; served by 1.88.0, absent from its published document).
	"GET /v1/mcp/server", "POST /v1/mcp/server", "PUT /v1/mcp/server", "GET /v1/mcp/server/{server_id}",
	"DELETE /v1/mcp/server/{server_id}", "GET /v1/mcp/server/health", "GET /v1/mcp/access_groups", "GET /v1/mcp/tools",
	// Issue 14, family 8 (vector store management).
	"POST /vector_store/new", "GET /vector_store/list", "GET /v1/vector_store/list", "POST /vector_store/info",
	"POST /vector_store/update", "POST /vector_store/delete",
	// Issue 16: login --pkce (LiteLLM 1.106+).
	"GET /.well-known/litellm-cli-auth", "POST /register", "GET /authorize", "POST /authorize/complete",
	"POST /token", "POST /revoke",
	// Issue 14, family 8 (guardrails).
	"GET /guardrails/list", "GET /v2/guardrails/list", "POST /guardrails", "GET /guardrails/{guardrail_id}",
	"GET /guardrails/{guardrail_id}/info", "PUT /guardrails/{guardrail_id}", "PATCH /guardrails/{guardrail_id}",
	"DELETE /guardrails/{guardrail_id}", "POST /guardrails/apply_guardrail", "POST /apply_guardrail",
	"POST /guardrails/register", "GET /guardrails/submissions", "GET /guardrails/submissions/{guardrail_id}",
	"POST /guardrails/submissions/{guardrail_id}/approve", "POST /guardrails/submissions/{guardrail_id}/reject",
	// Issue 14, family 8 (model access groups, and unified access groups with their alias routes).
	"POST /access_group/new", "GET /access_group/list", "GET /access_group/{access_group}/info",
	"PUT /access_group/{access_group}/update", "DELETE /access_group/{access_group}/delete",
	"GET /v1/access_group", "POST /v1/access_group", "GET /v1/access_group/{access_group_id}",
	"PUT /v1/access_group/{access_group_id}", "DELETE /v1/access_group/{access_group_id}",
	"GET /v1/unified_access_group", "POST /v1/unified_access_group", "GET /v1/unified_access_group/{access_group_id}",
	"PUT /v1/unified_access_group/{access_group_id}", "DELETE /v1/unified_access_group/{access_group_id}",
	// Issue 14, family 8 (prompts).
	"POST /prompts", "GET /prompts/list", "POST /prompts/test", "GET /prompts/{prompt_id}", "PUT /prompts/{prompt_id}",
	"PATCH /prompts/{prompt_id}", "DELETE /prompts/{prompt_id}", "GET /prompts/{prompt_id}/info", "GET /prompts/{prompt_id}/versions",
	// Issue 14, the rest of families 1-7.
	"POST /key/{key}/reset_spend", "POST /key/bulk_update", "POST /user/bulk_update",
	"POST /team/bulk_member_add", "GET /team/{team_id}/callback", "POST /team/{team_id}/callback",
	"POST /team/{team_id}/disable_logging", "GET /team/{team_id}/members/me",
	"POST /key/service-account/generate", "GET /user/daily/activity/aggregated",
	"GET /user/available_users", "POST /team/permissions_bulk_update", "POST /team/key/bulk_update",
	"POST /model_group/make_public",
}

var hiddenOperations = map[string]bool{
	"GET /sso/key/generate": true, "GET /sso/cli/poll/{key_id}": true, "POST /sso/cli/start": true,
	"GET /sso/callback": true,
}

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile("litellm-proxy.yaml")
	if err != nil {
		t.Fatalf("load spec: %v", err)
	}
	return doc
}

func TestSpecValidates(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi = %q, want 3.0.3", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("validate: %v", err)
	}
}

func TestEmbeddedSpecMatchesFile(t *testing.T) {
	t.Parallel()
	embedded, err := gen.GetSpec()
	if err != nil {
		t.Fatalf("embedded spec: %v", err)
	}
	doc := loadSpec(t)
	if got, want := len(embedded.Paths.Map()), len(doc.Paths.Map()); got != want {
		t.Errorf("embedded spec has %d paths, file has %d: run make generate", got, want)
	}
}

func operations(doc *openapi3.T) map[string]*openapi3.Operation {
	ops := map[string]*openapi3.Operation{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops[method+" "+path] = op
		}
	}
	return ops
}

func TestRequiredOperations(t *testing.T) {
	t.Parallel()
	ops := operations(loadSpec(t))
	for _, name := range requiredOperations {
		if _, ok := ops[name]; !ok {
			t.Errorf("operation %s is missing from the spec", name)
		}
	}
	var extra []string
	want := map[string]bool{}
	for _, n := range requiredOperations {
		want[n] = true
	}
	for name := range ops {
		if !want[name] && !hiddenOperations[name] {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("operations not in the promised list (add them to requiredOperations): %v", extra)
	}
}

func TestOperationsAreTyped(t *testing.T) {
	t.Parallel()
	seen := map[string]string{}
	for name, op := range operations(loadSpec(t)) {
		t.Run(name, func(t *testing.T) {
			if op.OperationID == "" {
				t.Fatal("no operationId")
			}
			if prev, dup := seen[op.OperationID]; dup {
				t.Errorf("operationId %s also used by %s", op.OperationID, prev)
			}
			seen[op.OperationID] = name
			ok := op.Responses.Value("200")
			// The MCP server routes answer 201 (create) and 202 (update;
			// delete with an empty body) and never 200; the unified access
			// group routes 201 (create) and 204 (delete, empty body).
			for _, code := range []string{"201", "202"} {
				if ok == nil && strings.Contains(name, " /v1/mcp/") {
					ok = op.Responses.Value(code)
				}
			}
			for _, code := range []string{"201", "204"} {
				if ok == nil && (strings.Contains(name, " /v1/access_group") || strings.Contains(name, " /v1/unified_access_group")) {
					ok = op.Responses.Value(code)
				}
			}
			emptyBody := ok != nil && ok.Value != nil && ok.Value.Description != nil && strings.HasSuffix(*ok.Value.Description, "(empty body).")
			if ok == nil || ok.Value == nil || (len(ok.Value.Content) == 0 && !emptyBody) {
				t.Fatal("no typed 200 response")
			}
			for ct, mt := range ok.Value.Content {
				if mt.Schema == nil || mt.Schema.Value == nil {
					t.Errorf("200 %s has no schema", ct)
					continue
				}
				s := mt.Schema.Value
				if s.Type == nil && len(s.AllOf) == 0 && len(s.AnyOf) == 0 {
					t.Errorf("200 %s schema has no type", ct)
				}
			}
			hidden, _ := op.Extensions["x-litellm-hidden"].(bool)
			if hidden != hiddenOperations[name] {
				t.Errorf("x-litellm-hidden = %v, want %v", hidden, hiddenOperations[name])
			}
			if name == "GET /health/liveliness" {
				return // public, answers nothing but 200
			}
			errs := 0
			for code := range op.Responses.Map() {
				if strings.HasPrefix(code, "4") || strings.HasPrefix(code, "5") {
					errs++
				}
			}
			if errs == 0 {
				t.Error("no error responses")
			}
		})
	}
}

func TestChatDeclaresJSONAndSSE(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	for _, path := range []string{"/chat/completions", "/v1/chat/completions"} {
		ok := doc.Paths.Find(path).Post.Responses.Value("200").Value
		for _, ct := range []string{"application/json", "text/event-stream"} {
			if ok.Content.Get(ct) == nil {
				t.Errorf("%s: 200 lacks %s", path, ct)
			}
		}
	}
	if doc.Components.Schemas["ChatCompletionChunk"] == nil {
		t.Error("no ChatCompletionChunk schema")
	}
}

func TestErrorShapes(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	code := doc.Components.Schemas["ProxyErrorDetail"].Value.Properties["code"].Value
	if len(code.AnyOf) != 2 {
		t.Errorf("ProxyErrorDetail.code should accept a string and an integer, got %+v", code)
	}
	for _, name := range []string{"ProxyError", "DetailError", "HTTPValidationError", "ProxyErrorObject"} {
		if doc.Components.Schemas[name] == nil {
			t.Errorf("schema %s missing", name)
		}
	}
	schemes := doc.Components.SecuritySchemes
	if schemes["BearerAuth"] == nil || schemes["APIKeyHeader"] == nil || schemes["APIKeyHeader"].Value.Name != "x-litellm-api-key" {
		t.Errorf("security schemes: want BearerAuth and APIKeyHeader (x-litellm-api-key)")
	}
}
