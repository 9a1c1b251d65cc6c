package facade

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestModelGroupsService_List(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		opts      *ModelGroupListOptions
		wantQuery url.Values
	}{
		{name: "nil options"},
		{name: "zero options", opts: &ModelGroupListOptions{}},
		{name: "one group", opts: &ModelGroupListOptions{ModelGroup: "openai/*"}, wantQuery: url.Values{"model_group": {"openai/*"}}},
		{name: "hostile name", opts: &ModelGroupListOptions{ModelGroup: hostileID}, wantQuery: url.Values{"model_group": {hostileID}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/model_group/info", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodGet)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testQuery(t, r, tt.wantQuery)
				writeJSON(w, http.StatusOK, `{"data": [{"model_group": "gpt-4", "providers": ["openai", "azure"], "max_input_tokens": 8192,
					"mode": "chat", "tpm": null, "rpm": 10, "supports_vision": true, "is_public_model_group": false, "future_field": 1}]}`)
			})
			got, err := c.ModelGroups.List(t.Context(), tt.opts)
			if err != nil {
				t.Fatalf("List: %v", err)
			}
			want := []ModelGroup{{ModelGroup: "gpt-4", Providers: []string{"openai", "azure"}, MaxInputTokens: 8192, Mode: "chat", Rpm: 10, SupportsVision: true}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("List (-want +got):\n%s", diff)
			}
		})
	}
}

func TestModelGroupsService_List_errors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		status int
		want   error
	}{{401, ErrUnauthorized}, {500, ErrServer}} {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("GET /model_group/info", func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, tt.status, `{"detail": {"error": "LLM Router is not loaded in"}}`)
			})
			got, err := c.ModelGroups.List(t.Context(), nil)
			if !errors.Is(err, tt.want) || got != nil {
				t.Errorf("List = %v, %v; want nil, %v", got, err, tt.want)
			}
		})
	}
}

func TestModelGroupsService_Create(t *testing.T) {
	t.Parallel()
	deployments := []ModelGroupDeployment{
		{LitellmParams: LiteLLMParams{Model: "openai/gpt-4", APIKey: "os.environ/OPENAI_API_KEY"}},
		{LitellmParams: LiteLLMParams{Model: "azure/gpt-4", APIBase: "https://x.openai.azure.com", AdditionalProperties: map[string]any{"api_version": "2024-06-01"}},
			ModelInfo: ModelInfoInput{ID: "az-1", BaseModel: "gpt-4"}},
		{LitellmParams: LiteLLMParams{Model: "bedrock/gpt-4", RegionName: "us-east-1"}},
	}
	wantBodies := []string{
		`{"model_name": "my group", "litellm_params": {"model": "openai/gpt-4", "api_key": "os.environ/OPENAI_API_KEY"}}`,
		`{"model_name": "my group", "litellm_params": {"model": "azure/gpt-4", "api_base": "https://x.openai.azure.com", "api_version": "2024-06-01"},
			"model_info": {"id": "az-1", "base_model": "gpt-4"}}`,
		`{"model_name": "my group", "litellm_params": {"model": "bedrock/gpt-4", "region_name": "us-east-1"}}`,
	}
	tests := []struct {
		name    string
		failAt  int // 1-based request that fails with 500, 0 for none
		want    []ModelRecord
		wantErr error
		wantN   int // requests the server sees
	}{
		{
			name:  "every deployment",
			want:  []ModelRecord{{ModelID: "m1", ModelName: "my group"}, {ModelID: "m2", ModelName: "my group"}, {ModelID: "m3", ModelName: "my group"}},
			wantN: 3,
		},
		{
			name: "failure midway returns what was created", failAt: 2,
			want: []ModelRecord{{ModelID: "m1", ModelName: "my group"}}, wantErr: ErrServer, wantN: 2,
		},
		{name: "first fails", failAt: 1, want: []ModelRecord{}, wantErr: ErrServer, wantN: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			var mu sync.Mutex
			n := 0
			mux.HandleFunc("/model/new", func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				n++
				i := n
				mu.Unlock()
				testMethod(t, r, http.MethodPost)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testHeader(t, r, "Content-Type", "application/json")
				if i <= len(wantBodies) {
					testJSONBody(t, r, wantBodies[i-1])
				}
				if i == tt.failAt {
					writeJSON(w, http.StatusInternalServerError, `{"error": {"message": "Failed to add model to db.", "code": "500"}}`)
					return
				}
				writeJSON(w, http.StatusOK, fmt.Sprintf(`{"model_id": "m%d", "model_name": "my group"}`, i))
			})
			got, err := c.ModelGroups.Create(t.Context(), "my group", deployments)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Create (-want +got):\n%s", diff)
			}
			if n != tt.wantN {
				t.Errorf("server saw %d requests, want %d", n, tt.wantN)
			}
		})
	}
}

func TestMarshalSetFields(t *testing.T) {
	t.Parallel()
	no := false
	tests := []struct {
		name string
		v    any
		want string
	}{
		{name: "zero params keep the required model", v: LiteLLMParams{}, want: `{"model": ""}`},
		{name: "set fields only", v: LiteLLMParams{Model: "m", Rpm: 5, Timeout: 1.5}, want: `{"model": "m", "rpm": 5, "timeout": 1.5}`},
		{
			name: "extras, and an extra wins over a field",
			v:    LiteLLMParams{Model: "m", APIBase: "a", AdditionalProperties: map[string]any{"api_base": "b", "seed": 1, "tags": []string{"x"}}},
			want: `{"model": "m", "api_base": "b", "seed": 1, "tags": ["x"]}`,
		},
		{name: "zero model info", v: ModelInfoInput{}, want: `{}`},
		{name: "a false pointer is sent", v: ModelInfoInput{Blocked: &no, Tier: "free"}, want: `{"blocked": false, "tier": "free"}`},
		{name: "not a struct", v: map[string]int{"a": 1}, want: `{"a": 1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := marshalSetFields(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			testSameJSON(t, string(got), tt.want)
		})
	}
}

// TestModelBodies_sendOnlySetFields guards against the generated encoder of
// LiteLLMParams and ModelInfoInput, which writes every field: an Add, Update
// or Patch must not send "timeout": 0 or "model_info": {"id": ""}.
func TestModelBodies_sendOnlySetFields(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]any{
		"new":    modelNewBody{ModelName: "n", LitellmParams: LiteLLMParams{Model: "m"}},
		"update": modelUpdateBody{ModelInfo: ModelInfoInput{ID: "x"}},
		"patch":  modelUpdateBody{LitellmParams: map[string]any{"timeout": 0}},
	} {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := map[string]string{
			"new":    `{"model_name": "n", "litellm_params": {"model": "m"}}`,
			"update": `{"model_info": {"id": "x"}}`,
			"patch":  `{"litellm_params": {"timeout": 0}}`,
		}[name]
		t.Run(name, func(t *testing.T) { testSameJSON(t, string(b), want) })
	}
}
