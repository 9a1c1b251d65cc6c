package proxytest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadLiteLLMConfig(t *testing.T) {
	t.Setenv("PROXYTEST_CFG_MASTER", "sk-from-env")
	dir := t.TempDir()
	p := writeFile(t, dir, "config.yaml", `
# The corpus's recording config, with more.
model_list:
  - model_name: fake-gpt
    litellm_params:
      model: openai/fake-gpt
      api_key: sk-fake-not-used
      mock_response: "Hello from the mock model"
  - model_name: local
    litellm_params:
      model: openai/llama3
      api_base: http://127.0.0.1:11434/v1
      rpm: 5
    model_info:
      id: local-1
      input_cost_per_token: 0.000001
general_settings:
  master_key: os.environ/PROXYTEST_CFG_MASTER
  store_model_in_db: true
  database_url: postgresql://x
litellm_settings:
  telemetry: false
router_settings:
  routing_strategy: simple-shuffle
`)
	cfg, err := proxytest.LoadLiteLLMConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MasterKey != "sk-from-env" || !cfg.StoreModelInDB {
		t.Errorf("master key %q, store_model_in_db %v", cfg.MasterKey, cfg.StoreModelInDB)
	}
	if diff := cmp.Diff([]string{"general_settings.database_url", "litellm_settings", "router_settings"}, cfg.Ignored); diff != "" {
		t.Errorf("ignored (-want +got):\n%s", diff)
	}
	want := []proxytest.Model{
		{Name: "fake-gpt", Params: map[string]any{"model": "openai/fake-gpt", "api_key": "sk-fake-not-used", "mock_response": "Hello from the mock model"},
			// The id a real proxy gives this deployment (recorded in the corpus).
			Info: map[string]any{"id": "71a3c7e01c3c9a5eb989bb9d2b7229e50a7ffb2a2afa70aca844edc5685a3c71"}},
		{Name: "local", Params: map[string]any{"model": "openai/llama3", "api_base": "http://127.0.0.1:11434/v1", "rpm": 5.0},
			Info: map[string]any{"id": "local-1", "input_cost_per_token": 1e-06}},
	}
	if diff := cmp.Diff(want, cfg.Models, cmp.AllowUnexported(proxytest.Model{})); diff != "" {
		t.Errorf("models (-want +got):\n%s", diff)
	}

	// The server takes the models and the master key.
	srv := newServer(t, proxytest.WithLiteLLMConfig(p))
	if srv.MasterKey != "sk-from-env" {
		t.Errorf("server master key = %q", srv.MasterKey)
	}
	m := mustOK(t, call(t, srv, "GET", "/v1/models", srv.MasterKey, nil)).Map(t)
	if get(m, "data", 0, "id") != "fake-gpt" || get(m, "data", 1, "id") != "local" {
		t.Errorf("models = %v", m)
	}
	// Config models are not in the database: /model/update refuses them.
	wantProxyError(t, call(t, srv, "POST", "/model/update", srv.MasterKey, map[string]any{
		"model_name": "local", "litellm_params": map[string]any{"rpm": 3}, "model_info": map[string]any{"id": "local-1"},
	}), 400, "auth_error", "Model in config")
	mustOK(t, call(t, srv, "POST", "/model/new", srv.MasterKey, map[string]any{"model_name": "n", "litellm_params": map[string]any{"model": "openai/n"}}))

	// Without store_model_in_db the proxy stores no models.
	noStore := newServer(t, proxytest.WithLiteLLMConfig(writeFile(t, dir, "nostore.yaml", "model_list: []\n")))
	wantProxyError(t, call(t, noStore, "POST", "/model/new", noStore.MasterKey, map[string]any{"model_name": "n", "litellm_params": map[string]any{"model": "openai/n"}}),
		500, "auth_error", "STORE_MODEL_IN_DB")
	wantProxyError(t, call(t, noStore, "POST", "/model/delete", noStore.MasterKey, map[string]any{"id": "x"}), 500, "auth_error", "STORE_MODEL_IN_DB")
	wantProxyError(t, call(t, noStore, "PATCH", "/model/x/update", noStore.MasterKey, map[string]any{}), 400, "validation_error", "only supported for DB-stored models")
}

func TestLoadLiteLLMConfigDefaults(t *testing.T) {
	dir := t.TempDir()
	// No master key in the file: LITELLM_MASTER_KEY, else none (the server keeps its own).
	p := writeFile(t, dir, "c.yaml", "model_list: []\n")
	t.Setenv("LITELLM_MASTER_KEY", "sk-env-default")
	cfg, err := proxytest.LoadLiteLLMConfig(p)
	if err != nil || cfg.MasterKey != "sk-env-default" || len(cfg.Models) != 0 {
		t.Fatalf("cfg = %+v, %v", cfg, err)
	}
	os.Unsetenv("LITELLM_MASTER_KEY")
	srv := newServer(t, proxytest.WithLiteLLMConfig(p))
	if srv.MasterKey != proxytest.DefaultMasterKey {
		t.Errorf("master key = %q, want the default", srv.MasterKey)
	}
	if m := mustOK(t, call(t, srv, "GET", "/v1/models", srv.MasterKey, nil)).Map(t); len(m["data"].([]any)) != 0 {
		t.Errorf("an empty model_list leaves no models: %v", m)
	}

	// environment_variables resolve os.environ/ references; include merges files.
	writeFile(t, dir, "models.yaml", "model_list:\n  - model_name: extra\n    litellm_params: {model: openai/extra}\n")
	p = writeFile(t, dir, "main.yaml", `
include: [models.yaml]
environment_variables:
  MY_KEY: sk-from-config-env
model_list:
  - model_name: base
    litellm_params: {model: openai/base}
general_settings:
  master_key: os.environ/MY_KEY
`)
	cfg, err = proxytest.LoadLiteLLMConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MasterKey != "sk-from-config-env" || len(cfg.Models) != 2 || cfg.Models[0].Name != "base" || cfg.Models[1].Name != "extra" {
		t.Errorf("cfg = %+v", cfg)
	}
}

func TestLoadLiteLLMConfigErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		name, content, want string
	}{
		{"not yaml", "model_list: [\n", "not valid YAML"},
		{"not a mapping", "- a\n- b\n", "the top level must be a mapping"},
		{"model_list not a list", "model_list: {a: 1}\n", "model_list must be a list"},
		{"entry not a mapping", "model_list: [x]\n", "model_list[0] must be a mapping"},
		{"no model_name", "model_list:\n  - litellm_params: {model: openai/x}\n", "model_list[0] has no model_name"},
		{"no litellm_params", "model_list:\n  - model_name: a\n", "model_list[0] (a) has no litellm_params"},
		{"no model", "model_list:\n  - model_name: a\n    litellm_params: {api_key: x}\n", "(a) has no litellm_params.model"},
		{"duplicate id", "model_list:\n  - model_name: a\n    litellm_params: {model: openai/a}\n    model_info: {id: x}\n  - model_name: b\n    litellm_params: {model: openai/b}\n    model_info: {id: x}\n",
			"model_list[1] has the same id as model_list[0] (x)"},
		{"unset env", "general_settings:\n  master_key: os.environ/PROXYTEST_SURELY_UNSET\n", "environment variable PROXYTEST_SURELY_UNSET is not set"},
		{"master key not a string", "general_settings:\n  master_key: [a]\n", "general_settings.master_key must be a string"},
		{"bad include", "include: [missing.yaml]\n", "include:"},
		{"bad bool", "general_settings:\n  store_model_in_db: maybe\n", "store_model_in_db"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := writeFile(t, dir, strings.ReplaceAll(tt.name, " ", "-")+".yaml", tt.content)
			_, err := proxytest.LoadLiteLLMConfig(p)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), p) {
				t.Errorf("case %d: err = %v, want one naming the file and containing %q", i, err, tt.want)
			}
		})
	}
	if _, err := proxytest.LoadLiteLLMConfig(filepath.Join(dir, "none.yaml")); err == nil || !strings.Contains(err.Error(), "read LiteLLM config") {
		t.Errorf("missing file: err = %v", err)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "none.yaml") {
			t.Errorf("WithLiteLLMConfig of a missing file: panic %v", r)
		}
	}()
	proxytest.WithLiteLLMConfig(filepath.Join(dir, "none.yaml"))
}

func TestParseLiteLLMConfig(t *testing.T) {
	t.Parallel()
	cfg, err := proxytest.ParseLiteLLMConfig([]byte("model_list:\n  - model_name: a\n    litellm_params: {model: openai/a, temperature: 0.5, stream: true}\n"))
	if err != nil || len(cfg.Models) != 1 || cfg.Models[0].Params["temperature"] != 0.5 {
		t.Fatalf("cfg = %+v, %v", cfg, err)
	}
	// The proxy's id: str() of each value, True for a boolean (computed
	// with the proxy's Router._generate_model_id).
	if id := cfg.Models[0].Info["id"]; id != "8a018a0b19c4886bc1982554549aa76ca5d69539a14b1948fe318cddcf73d7b2" {
		t.Errorf("id = %q", id)
	}
	if _, err := proxytest.ParseLiteLLMConfig([]byte("include: [x.yaml]\n")); err == nil || !strings.Contains(err.Error(), "include needs a config file") {
		t.Errorf("include without a file: %v", err)
	}
}
