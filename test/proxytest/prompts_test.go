package proxytest_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

func promptBody(id, content, env string) map[string]any {
	b := map[string]any{"prompt_id": id, "litellm_params": map[string]any{"prompt_integration": "dotprompt", "dotprompt_content": content}}
	if env != "" {
		b["prompt_info"] = map[string]any{"prompt_type": "db", "environment": env}
	}
	return b
}

// TestPromptVersions checks what each version answers for the same calls:
// 1.88's registry copies have no version and created_by and always the
// environment development; 1.106's keep them.
func TestPromptVersions(t *testing.T) {
	t.Parallel()
	const content = "---\nmodel: gpt-4o\n---\nUser: hi"
	for _, tt := range []struct {
		version   string
		created   any // version of the create answer
		createdBy any
		stagingID string // the prompt_id answered by a create in staging
		listed    int    // entries of the list
	}{
		{version: proxytest.Version1_88, created: nil, createdBy: nil, stagingID: "p.v1", listed: 1},
		{version: proxytest.Version1_106, created: 1.0, createdBy: "default_user_id", stagingID: "p.v1", listed: 2},
	} {
		t.Run(tt.version, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, proxytest.WithVersion(tt.version))
			key := srv.MasterKey
			c := mustOK(t, call(t, srv, "POST", "/prompts", key, promptBody("p", content, ""))).Map(t)
			if c["prompt_id"] != "p.v1" || c["version"] != tt.created || c["created_by"] != tt.createdBy || c["environment"] != "development" {
				t.Errorf("create: %v", c)
			}
			s := mustOK(t, call(t, srv, "POST", "/prompts", key, promptBody("p", "User: staged", "staging"))).Map(t)
			wantEnv := "staging"
			if tt.version == proxytest.Version1_88 {
				// The registry key p.v1 is taken: initialize_prompt answers the registered prompt.
				wantEnv = "development"
			}
			if s["prompt_id"] != tt.stagingID || s["environment"] != wantEnv {
				t.Errorf("create in staging: %v", s)
			}
			list := mustOK(t, call(t, srv, "GET", "/prompts/list", key, nil)).Map(t)
			if n := len(list["prompts"].([]any)); n != tt.listed {
				t.Errorf("list: %d prompts, want %d: %v", n, tt.listed, list)
			}
			vs := mustOK(t, call(t, srv, "GET", "/prompts/p/versions", key, nil)).Map(t)
			if got := get(vs, "prompts", 0, "created_by"); got != "default_user_id" {
				t.Errorf("versions created_by = %v", got)
			}
			d := mustOK(t, call(t, srv, "GET", "/prompts/p", key, nil)).Map(t)
			if !cmp.Equal(d["environments"], []any{"development", "staging"}) || get(d, "prompt_spec", "version") != 1.0 {
				t.Errorf("get: %v", d)
			}
			if got := detail(t, call(t, srv, "GET", "/prompts/p?environment=production", key, nil), 400); got != "Prompt p not found in environment production" {
				t.Errorf("get in production: %v", got)
			}
		})
	}
}

func TestPromptErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	key := srv.MasterKey
	if got := detail(t, call(t, srv, "POST", "/prompts", key, map[string]any{"prompt_id": "x",
		"litellm_params": map[string]any{"prompt_integration": "langfuse"}}), 500); got != "Unsupported prompt: langfuse" {
		t.Errorf("unsupported integration: %v", got)
	}
	// The row was stored before the prompt failed to load, as in the proxy.
	if vs := mustOK(t, call(t, srv, "GET", "/prompts/x/versions", key, nil)).Map(t); len(vs["prompts"].([]any)) != 1 {
		t.Errorf("versions after a failed load: %v", vs)
	}
	if got := detail(t, call(t, srv, "PATCH", "/prompts/x?environment=staging", key, map[string]any{}), 404); got != "Prompt with ID x not found in environment staging" {
		t.Errorf("patch: %v", got)
	}
	if r := call(t, srv, "POST", "/prompts", key, map[string]any{"prompt_id": "x"}); r.Status != 422 {
		t.Errorf("create without litellm_params: %d %s", r.Status, r.Body)
	}
	if r := call(t, srv, "POST", "/prompts", key, map[string]any{"prompt_id": "x",
		"litellm_params": map[string]any{"prompt_integration": "dotprompt"}, "prompt_info": map[string]any{"prompt_type": "file"}}); r.Status != 422 {
		t.Errorf("create with a bad prompt_type: %d %s", r.Status, r.Body)
	}
	// A key that is not a proxy admin's is refused by the route checks.
	vk := genKey(t, srv, nil)
	r := call(t, srv, "GET", "/prompts/list", vk, nil)
	if msg, _ := get(proxyError(t, r), "message").(string); r.Status != 401 || !strings.Contains(msg, "Only proxy admin") {
		t.Errorf("virtual key: %d %s", r.Status, r.Body)
	}

	srv106 := newServer(t, proxytest.WithVersion(proxytest.Version1_106))
	ambiguous := map[string]any{"prompt_id": "y", "litellm_params": map[string]any{"prompt_integration": "dotprompt", "prompt_id": "y",
		"prompt_data": map[string]any{"y": map[string]any{"content": "hi"}}}}
	if got, _ := detail(t, call(t, srv106, "POST", "/prompts", srv106.MasterKey, ambiguous), 400).(string); !strings.HasPrefix(got, "litellm_params.prompt_id cannot be combined") {
		t.Errorf("1.106 ambiguous prompt_data: %v", got)
	}
	if r := call(t, srv, "POST", "/prompts", key, ambiguous); r.Status != 200 {
		t.Errorf("1.88 ambiguous prompt_data: %d %s", r.Status, r.Body)
	}
	// prompt_data with one template is the raw template of GET.
	if got := get(mustOK(t, call(t, srv, "GET", "/prompts/y", key, nil)).Map(t), "raw_prompt_template", "litellm_prompt_id"); got != "y" {
		t.Errorf("raw template of prompt_data: %v", got)
	}
}

func TestPromptNoDatabase(t *testing.T) {
	t.Parallel()
	for v, msg := range map[string]string{
		proxytest.Version1_88:  "DB not connected. See https://docs.litellm.ai/docs/proxy/virtual_keys",
		proxytest.Version1_106: "DB not connected. This endpoint needs a database; set DATABASE_URL",
	} {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, proxytest.WithNoDatabase(), proxytest.WithVersion(v))
			key := srv.MasterKey
			for _, c := range []struct {
				method, path string
				body         any
			}{
				{"POST", "/prompts", promptBody("p", "User: hi", "")},
				{"PUT", "/prompts/p", promptBody("p", "User: hi", "")},
				{"PATCH", "/prompts/p", map[string]any{}},
				{"DELETE", "/prompts/p", nil},
			} {
				if got, _ := detail(t, call(t, srv, c.method, c.path, key, c.body), 500).(string); !strings.HasPrefix(got, msg) {
					t.Errorf("%s %s: %q", c.method, c.path, got)
				}
			}
			if got := detail(t, call(t, srv, "GET", "/prompts/p/versions", key, nil), 404); got != "No versions found for prompt ID p" {
				t.Errorf("versions: %v", got)
			}
			if got := detail(t, call(t, srv, "GET", "/prompts/p.v2/info", key, nil), 400); got != "Prompt p.v2 not found" {
				t.Errorf("info: %v", got)
			}
			r := call(t, srv, "POST", "/prompts/test", key, map[string]any{"dotprompt_content": "---\nmodel: gpt-4o\n---\nUser: hi"})
			if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/event-stream") || !strings.Contains(string(r.Body), "data: [DONE]") {
				t.Errorf("test: %d %s %s", r.Status, r.Header.Get("Content-Type"), r.Body)
			}
		})
	}
}

// TestPromptEmptyEnvironment: the proxy takes environment= for an
// environment named "" where it tests for None, and ignores it where it
// tests for a false value.
func TestPromptEmptyEnvironment(t *testing.T) {
	t.Parallel()
	for _, v := range proxytest.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, proxytest.WithVersion(v))
			key := srv.MasterKey
			mustOK(t, call(t, srv, "POST", "/prompts", key, promptBody("p", "User: hi", "")))
			if got := detail(t, call(t, srv, "GET", "/prompts/p?environment=", key, nil), 400); got != "Prompt p not found" {
				t.Errorf("get: %v", got)
			}
			if list := mustOK(t, call(t, srv, "GET", "/prompts/list?environment=", key, nil)).Map(t); len(list["prompts"].([]any)) != 1 {
				t.Errorf("list: %v", list)
			}
			r := call(t, srv, "DELETE", "/prompts/p?environment=", key, nil)
			if want := map[string]int{proxytest.Version1_88: 200, proxytest.Version1_106: 404}[v]; r.Status != want {
				t.Errorf("delete: %d %s, want %d", r.Status, r.Body, want)
			}
		})
	}
}
