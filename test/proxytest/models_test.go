package proxytest_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestModelList(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	want := map[string]any{"object": "list", "data": []any{
		map[string]any{"id": "gpt-4o", "object": "model", "created": 1677610602.0, "owned_by": "openai"},
		map[string]any{"id": "claude-3-5-sonnet", "object": "model", "created": 1677610602.0, "owned_by": "openai"},
	}}
	for _, path := range []string{"/models", "/v1/models"} {
		got := mustOK(t, call(t, srv, "GET", path, srv.MasterKey, nil)).Map(t)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", path, diff)
		}
	}
	// A key limited to some models sees only those.
	key := genKey(t, srv, map[string]any{"models": []string{"claude-3-5-sonnet"}})
	got := mustOK(t, call(t, srv, "GET", "/models?include_metadata=true", key, nil)).Map(t)
	if len(got["data"].([]any)) != 1 || get(got, "data", 0, "id") != "claude-3-5-sonnet" || get(got, "data", 0, "metadata", "fallbacks") == nil {
		t.Errorf("restricted list = %v", got)
	}
}

func TestModelInfoAndGroups(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	m := mustOK(t, call(t, srv, "GET", "/v1/model/info", srv.MasterKey, nil)).Map(t)
	data := m["data"].([]any)
	if len(data) != 3 {
		t.Fatalf("%d deployments, want 3", len(data))
	}
	for _, d := range data {
		if _, ok := get(d, "litellm_params").(map[string]any)["api_key"]; ok {
			t.Errorf("api_key shown: %v", d)
		}
	}
	if get(data, 1, "litellm_params", "api_base") != "https://proxytest.openai.azure.com" ||
		get(data, 1, "model_info", "id") != "proxytest-gpt-4o-azure" || get(data, 1, "model_info", "input_cost_per_token") != 2.5e-06 {
		t.Errorf("azure deployment = %v", data[1])
	}
	one := mustOK(t, call(t, srv, "GET", "/model/info?litellm_model_id=proxytest-claude-3-5-sonnet", srv.MasterKey, nil)).Map(t)
	if len(one["data"].([]any)) != 1 || get(one, "data", 0, "model_name") != "claude-3-5-sonnet" {
		t.Errorf("by id = %v", one)
	}
	if got := detail(t, call(t, srv, "GET", "/model/info?litellm_model_id=nope", srv.MasterKey, nil), 400); get(got, "error") != "Model id = nope not found on litellm proxy" {
		t.Errorf("unknown id detail = %v", got)
	}

	g := mustOK(t, call(t, srv, "GET", "/model_group/info", srv.MasterKey, nil)).Map(t)
	if diff := cmp.Diff([]any{"openai", "azure"}, get(g, "data", 0, "providers")); diff != "" || get(g, "data", 0, "model_group") != "gpt-4o" {
		t.Errorf("gpt-4o group (-want +got):\n%s\n%v", diff, g)
	}
	// The cost map of 1.88 no longer knows claude-3-5-sonnet-20240620, so its
	// mode is null, as on the real proxy; the costs come from the model_info.
	if get(g, "data", 1, "mode") != nil || get(g, "data", 1, "output_cost_per_token") != 1.5e-05 || get(g, "data", 1, "max_input_tokens") != 200000.0 {
		t.Errorf("claude group = %v", get(g, "data", 1))
	}
	g = mustOK(t, call(t, srv, "GET", "/model_group/info?model_group=claude-3-5-sonnet", srv.MasterKey, nil)).Map(t)
	if len(g["data"].([]any)) != 1 {
		t.Errorf("filtered groups = %v", g)
	}
}

func TestModelCRUD(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithModels())
	if got := mustOK(t, call(t, srv, "GET", "/models", srv.MasterKey, nil)).Map(t); len(got["data"].([]any)) != 0 {
		t.Fatalf("WithModels() should start empty: %v", got)
	}
	rec := mustOK(t, call(t, srv, "POST", "/model/new", srv.MasterKey, map[string]any{
		"model_name":     "my-model",
		"litellm_params": map[string]any{"model": "openai/gpt-4o-mini", "api_key": "sk-test-upstream", "rpm": 10},
		"model_info":     map[string]any{"input_cost_per_token": 1e-6},
	})).Map(t)
	id, _ := rec["model_id"].(string)
	if id == "" || rec["model_name"] != "my-model" || get(rec, "model_info", "id") != id {
		t.Fatalf("new = %v", rec)
	}
	if s, _ := get(rec, "litellm_params", "api_key").(string); s == "" || strings.Contains(s, "sk-test-upstream") {
		t.Errorf("litellm_params values should be encrypted: %v", rec["litellm_params"])
	}
	if get(rec, "litellm_params", "rpm") != 10.0 {
		t.Errorf("non-string values stay: %v", rec["litellm_params"])
	}
	// The new deployment serves chat and lists.
	mustOK(t, call(t, srv, "POST", "/chat/completions", srv.MasterKey, chatBody("my-model", "hello")))

	// POST /model/update finds the model by model_info.id and merges litellm_params.
	wantProxyError(t, call(t, srv, "POST", "/model/update", srv.MasterKey, map[string]any{"litellm_params": map[string]any{"rpm": 5}}),
		400, "auth_error", "Authentication Error, model_info not provided")
	wantProxyError(t, call(t, srv, "POST", "/model/update", srv.MasterKey, map[string]any{"model_info": map[string]any{}, "litellm_params": map[string]any{"rpm": 5}}),
		400, "auth_error", "Authentication Error, model not found")
	mustOK(t, call(t, srv, "POST", "/model/update", srv.MasterKey, map[string]any{
		"model_info": map[string]any{"id": id}, "litellm_params": map[string]any{"api_base": "https://example.test"},
	}))
	info := mustOK(t, call(t, srv, "GET", "/model/info?litellm_model_id="+id, srv.MasterKey, nil)).Map(t)
	if get(info, "data", 0, "litellm_params", "api_base") != "https://example.test" || get(info, "data", 0, "litellm_params", "model") != "openai/gpt-4o-mini" {
		t.Errorf("after update = %v", info)
	}

	// PATCH renames and merges model_info.
	p := mustOK(t, call(t, srv, "PATCH", "/model/"+id+"/update", srv.MasterKey, map[string]any{
		"model_name": "renamed", "model_info": map[string]any{"output_cost_per_token": 2e-6},
	})).Map(t)
	if p["model_name"] != "renamed" || get(p, "model_info", "output_cost_per_token") != 2e-6 {
		t.Errorf("patch = %v", p)
	}
	wantProxyError(t, call(t, srv, "PATCH", "/model/nope/update", srv.MasterKey, map[string]any{}), 404, "not_found_error", "Model nope not found on proxy.")

	d := mustOK(t, call(t, srv, "POST", "/model/delete", srv.MasterKey, map[string]any{"id": id})).Map(t)
	if d["message"] != "Model: "+id+" deleted successfully" {
		t.Errorf("delete = %v", d)
	}
	e := wantProxyError(t, call(t, srv, "POST", "/model/delete", srv.MasterKey, map[string]any{"id": id}), 400, "auth_error", "")
	if e["message"] != "{'error': 'Model with id="+id+" not found in db'}" {
		t.Errorf("message = %q", e["message"])
	}
	wantProxyError(t, call(t, srv, "POST", "/chat/completions", srv.MasterKey, chatBody("renamed", "hello")), 400, "None", "Invalid model name passed in model=renamed")
}

func TestModelPermissions(t *testing.T) {
	t.Parallel()
	srv := newServer(t,
		proxytest.WithUsers(proxytest.User{ID: "alice", Key: "sk-test-alice"}),
		proxytest.WithTeams(proxytest.Team{ID: "t1"}), proxytest.WithEnterprise()) // to make alice a team admin
	wantProxyError(t, call(t, srv, "POST", "/model/new", "sk-test-alice", map[string]any{
		"model_name": "x", "litellm_params": map[string]any{"model": "openai/x"},
	}), 403, "auth_error", "User does not have permission to make this model call. Your role=internal_user.")
	// A team admin may add a model to the team.
	mustOK(t, call(t, srv, "POST", "/team/member_add", srv.MasterKey, map[string]any{"team_id": "t1", "member": map[string]any{"user_id": "alice", "role": "admin"}}))
	rec := mustOK(t, call(t, srv, "POST", "/model/new", "sk-test-alice", map[string]any{
		"model_name": "x", "litellm_params": map[string]any{"model": "openai/x"}, "model_info": map[string]any{"team_id": "t1"},
	})).Map(t)
	if name, _ := rec["model_name"].(string); !strings.HasPrefix(name, "model_name_t1_") || get(rec, "model_info", "team_public_model_name") != "x" {
		t.Errorf("team model = %v", rec)
	}
}

func TestDefaultModels(t *testing.T) {
	t.Parallel()
	a, b := proxytest.DefaultModels(), proxytest.DefaultModels()
	a[0].Params["model"] = "changed"
	if b[0].Params["model"] != "openai/gpt-4o" {
		t.Error("DefaultModels returns shared maps")
	}
	srv := newServer(t, proxytest.WithModels(proxytest.Model{Name: "local", Params: map[string]any{"model": "ollama/llama3"}}))
	g := mustOK(t, call(t, srv, "GET", "/model_group/info", srv.MasterKey, nil)).Map(t)
	if diff := cmp.Diff([]any{"ollama"}, get(g, "data", 0, "providers")); diff != "" {
		t.Errorf("providers (-want +got):\n%s", diff)
	}
}
