package facade

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// hostileID is a model id or key that would reach another route, or lose
// its tail, if it were not escaped.
const hostileID = "sk-x/../y?z=1&w#frag %2F+"

// rrNotSent makes any request that reaches mux fail the test: for
// ReturnRequest tests, where nothing may be sent.
func rrNotSent(t *testing.T, mux *http.ServeMux) {
	t.Helper()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request sent: %s %s", r.Method, r.URL.Path)
		http.Error(w, "must not be sent", http.StatusTeapot)
	})
}

// rrBody reads the body of a request built with ReturnRequest.
func rrBody(t *testing.T, r *http.Request) string {
	t.Helper()
	if r.Body == nil {
		return ""
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatalf("read request body: %v", err)
	}
	return string(b)
}

// testSameJSON compares two JSON texts as values.
func testSameJSON(t *testing.T, got, want string) {
	t.Helper()
	r, _ := http.NewRequest(http.MethodPost, "http://x", strings.NewReader(got))
	testJSONBody(t, r, want)
}

const modelInfoBody = `{"data": [
	{"model_name": "gpt-4", "litellm_params": {"model": "openai/gpt-4"}, "model_info": {"id": "id-1", "db_model": true}},
	{"model_name": "claude", "litellm_params": {"model": "anthropic/claude"}, "model_info": {"id": "id-2"}},
	{"model_name": "gpt-4", "litellm_params": {"model": "azure/gpt-4"}, "model_info": {"id": "id-3"}}
]}`

var modelInfoWant = []ModelDeployment{
	{ModelName: "gpt-4", LitellmParams: ModelDeploymentParams{Model: "openai/gpt-4"}, ModelInfo: ModelDeploymentInfo{ID: "id-1", DBModel: true}},
	{ModelName: "claude", LitellmParams: ModelDeploymentParams{Model: "anthropic/claude"}, ModelInfo: ModelDeploymentInfo{ID: "id-2"}},
	{ModelName: "gpt-4", LitellmParams: ModelDeploymentParams{Model: "azure/gpt-4"}, ModelInfo: ModelDeploymentInfo{ID: "id-3"}},
}

func TestModelsService_List(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		opts      *ModelListOptions
		wantQuery url.Values
	}{
		{name: "nil options", opts: nil},
		{name: "zero options", opts: &ModelListOptions{}},
		{
			name: "every option",
			opts: &ModelListOptions{
				TeamID: "team 1&2", ReturnWildcardRoutes: true, IncludeModelAccessGroups: true,
				OnlyModelAccessGroups: true, IncludeMetadata: true, FallbackType: "general", Scope: "expand",
			},
			wantQuery: url.Values{
				"team_id": {"team 1&2"}, "return_wildcard_routes": {"true"}, "include_model_access_groups": {"true"},
				"only_model_access_groups": {"true"}, "include_metadata": {"true"}, "fallback_type": {"general"}, "scope": {"expand"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/models", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodGet)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testQuery(t, r, tt.wantQuery)
				writeJSON(w, http.StatusOK, `{"object": "list", "data": [
					{"id": "gpt-4", "object": "model", "created": 1677610602, "owned_by": "openai"},
					{"id": "claude", "object": "model", "created": 1677610602, "owned_by": "openai", "metadata": {"fallbacks": []}}]}`)
			})
			got, err := c.Models.List(t.Context(), tt.opts)
			if err != nil {
				t.Fatalf("List: %v", err)
			}
			want := []Model{
				{ID: "gpt-4", Object: "model", Created: 1677610602, OwnedBy: "openai"},
				{ID: "claude", Object: "model", Created: 1677610602, OwnedBy: "openai", Metadata: map[string]any{"fallbacks": []any{}}},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("List (-want +got):\n%s", diff)
			}
		})
	}
}

func TestModelsService_List_bodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		body    string
		want    []Model
		wantErr bool
	}{
		{name: "empty list", body: `{"data": []}`, want: []Model{}},
		{name: "null data", body: `{"data": null}`, want: []Model{}},
		{name: "no data member", body: `{"object": "list"}`, wantErr: true},
		{name: "data not a list", body: `{"data": 3}`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("GET /models", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, tt.body) })
			got, err := c.Models.List(t.Context(), nil)
			if tt.wantErr {
				var de *DecodeError
				if !errors.As(err, &de) {
					t.Fatalf("List error = %v, want a *DecodeError", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("List: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("List (-want +got):\n%s", diff)
			}
		})
	}
}

func TestModelsService_List_errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status int
		want   error
	}{
		{http.StatusUnauthorized, ErrUnauthorized},
		{http.StatusInternalServerError, ErrServer},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("GET /models", func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, tt.status, `{"error": {"message": "nope", "type": "auth_error", "code": "`+fmt.Sprint(tt.status)+`"}}`)
			})
			got, err := c.Models.List(t.Context(), nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status || !errors.Is(err, tt.want) {
				t.Fatalf("List error = %v, want an *APIError with status %d matching %v", err, tt.status, tt.want)
			}
			if got != nil {
				t.Errorf("List result = %v, want nil", got)
			}
		})
	}
}

// TestModelsService_ReturnRequest covers the upstream return_request tests
// of models and model groups: URL (with any base URL), method, auth, body.
func TestModelsService_ReturnRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		call       func(ctx context.Context, c *Client, o Option) (any, error)
		wantMethod string
		wantPath   string
		wantQuery  string
		wantBody   string
	}{
		{
			name:       "List",
			call:       func(ctx context.Context, c *Client, o Option) (any, error) { return c.Models.List(ctx, nil, o) },
			wantMethod: http.MethodGet, wantPath: "/models",
		},
		{
			name: "List with options",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Models.List(ctx, &ModelListOptions{TeamID: "t1"}, o)
			},
			wantMethod: http.MethodGet, wantPath: "/models", wantQuery: "team_id=t1",
		},
		{
			name:       "Info",
			call:       func(ctx context.Context, c *Client, o Option) (any, error) { return c.Models.Info(ctx, nil, o) },
			wantMethod: http.MethodGet, wantPath: "/v1/model/info",
		},
		{
			name: "Info by id",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Models.Info(ctx, &ModelInfoOptions{ModelID: "a&b"}, o)
			},
			wantMethod: http.MethodGet, wantPath: "/v1/model/info", wantQuery: "litellm_model_id=a%26b",
		},
		{
			name: "Get by id",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Models.Get(ctx, ModelGetOptions{ID: "model-123"}, o)
			},
			wantMethod: http.MethodGet, wantPath: "/v1/model/info",
		},
		{
			name: "Get by name",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Models.Get(ctx, ModelGetOptions{Name: "gpt-4"}, o)
			},
			wantMethod: http.MethodGet, wantPath: "/v1/model/info",
		},
		{
			name: "Add",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Models.Add(ctx, &ModelNewRequest{
					ModelName:     "gpt-4",
					LitellmParams: LiteLLMParams{Model: "openai/gpt-4", APIBase: "https://api.openai.com/v1"},
					ModelInfo:     ModelInfoInput{AdditionalProperties: map[string]any{"description": "GPT-4 model", "metadata": map[string]any{"version": "1.0"}}},
				}, o)
			},
			wantMethod: http.MethodPost, wantPath: "/model/new",
			wantBody: `{"model_name": "gpt-4", "litellm_params": {"model": "openai/gpt-4", "api_base": "https://api.openai.com/v1"},
				"model_info": {"description": "GPT-4 model", "metadata": {"version": "1.0"}}}`,
		},
		{
			name: "Add without model info",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Models.Add(ctx, &ModelNewRequest{ModelName: "gpt-4", LitellmParams: LiteLLMParams{Model: "openai/gpt-4"}}, o)
			},
			wantMethod: http.MethodPost, wantPath: "/model/new",
			wantBody: `{"model_name": "gpt-4", "litellm_params": {"model": "openai/gpt-4"}}`,
		},
		{
			name: "Update",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Models.Update(ctx, "model-123", &ModelUpdateRequest{LitellmParams: map[string]any{"model": "openai/gpt-4o"}}, o)
			},
			wantMethod: http.MethodPost, wantPath: "/model/update",
			wantBody: `{"litellm_params": {"model": "openai/gpt-4o"}, "model_info": {"id": "model-123"}}`,
		},
		{
			name: "Patch",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Models.Patch(ctx, "model-123", &ModelUpdateRequest{ModelName: "gpt-4o"}, o)
			},
			wantMethod: http.MethodPatch, wantPath: "/model/model-123/update",
			wantBody: `{"model_name": "gpt-4o"}`,
		},
		{
			name: "Delete",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Models.Delete(ctx, "model-123", o)
			},
			wantMethod: http.MethodPost, wantPath: "/model/delete",
			wantBody: `{"id": "model-123"}`,
		},
		{
			name: "DeleteByName",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Models.DeleteByName(ctx, "gpt-4", o)
			},
			wantMethod: http.MethodGet, wantPath: "/v1/model/info",
		},
		{
			name: "ModelGroups.List",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.ModelGroups.List(ctx, nil, o)
			},
			wantMethod: http.MethodGet, wantPath: "/model_group/info",
		},
		{
			name: "ModelGroups.List one group",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.ModelGroups.List(ctx, &ModelGroupListOptions{ModelGroup: "gpt 4"}, o)
			},
			wantMethod: http.MethodGet, wantPath: "/model_group/info", wantQuery: "model_group=gpt+4",
		},
		{
			name: "ModelGroups.Create",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.ModelGroups.Create(ctx, "gpt-4", []ModelGroupDeployment{
					{LitellmParams: LiteLLMParams{Model: "openai/gpt-4"}},
					{LitellmParams: LiteLLMParams{Model: "azure/gpt-4"}},
				}, o)
			},
			wantMethod: http.MethodPost, wantPath: "/model/new",
			wantBody: `{"model_name": "gpt-4", "litellm_params": {"model": "openai/gpt-4"}}`,
		},
		{
			name: "ModelGroups.Delete",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.ModelGroups.Delete(ctx, "gpt-4", o)
			},
			wantMethod: http.MethodGet, wantPath: "/v1/model/info",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, srvURL := setup(t)
			rrNotSent(t, mux)
			var r *http.Request
			got, err := tt.call(t.Context(), c, ReturnRequest(&r))
			if err != nil {
				t.Fatalf("error = %v, want nil", err)
			}
			if !isNilResult(got) {
				t.Errorf("result = %#v, want nil", got)
			}
			if r == nil {
				t.Fatal("no request returned")
			}
			if r.Method != tt.wantMethod {
				t.Errorf("method = %s, want %s", r.Method, tt.wantMethod)
			}
			wantURL := srvURL + basePrefix + tt.wantPath
			if tt.wantQuery != "" {
				wantURL += "?" + tt.wantQuery
			}
			if got := r.URL.String(); got != wantURL {
				t.Errorf("URL = %s, want %s", got, wantURL)
			}
			testHeader(t, r, "Authorization", "Bearer "+testKey)
			if tt.wantBody == "" {
				if b := rrBody(t, r); b != "" {
					t.Errorf("body = %s, want none", b)
				}
				return
			}
			testHeader(t, r, "Content-Type", "application/json")
			testSameJSON(t, rrBody(t, r), tt.wantBody)
		})
	}
}

// isNilResult reports whether v, a method's result as any, is a nil pointer or slice.
func isNilResult(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case []Model:
		return v == nil
	case []ModelDeployment:
		return v == nil
	case []ModelGroup:
		return v == nil
	case []ModelRecord:
		return v == nil
	case []string:
		return v == nil
	case *ModelDeployment:
		return v == nil
	case *ModelRecord:
		return v == nil
	case *ModelDeleteResponse:
		return v == nil
	case *KeyGenerateResponse:
		return v == nil
	case *KeyList:
		return v == nil
	case *KeyInfo:
		return v == nil
	case *Key:
		return v == nil
	case *KeyDeleteResponse:
		return v == nil
	}
	return false
}

// TestModelsService_baseURLAndAuth covers the upstream URL-variant and
// no-key tests: trailing slashes are stripped, a path prefix is kept, and
// an empty key sends no Authorization header.
func TestModelsService_baseURLAndAuth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		base    string
		key     string
		wantURL string
	}{
		{base: "http://localhost:8000", key: "test-api-key", wantURL: "http://localhost:8000/models"},
		{base: "http://localhost:8000/", key: "test-api-key", wantURL: "http://localhost:8000/models"},
		{base: "http://localhost:8000/////", key: "test-api-key", wantURL: "http://localhost:8000/models"},
		{base: "https://api.example.com", key: "test-api-key", wantURL: "https://api.example.com/models"},
		{base: "http://127.0.0.1:3000", wantURL: "http://127.0.0.1:3000/models"},
		{base: "https://gw.example.com/litellm/", wantURL: "https://gw.example.com/litellm/models"},
	}
	for _, tt := range tests {
		t.Run(tt.base+" "+tt.key, func(t *testing.T) {
			t.Parallel()
			c, err := New(tt.base, WithAPIKey(tt.key))
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			var r *http.Request
			if _, err := c.Models.List(t.Context(), nil, ReturnRequest(&r)); err != nil {
				t.Fatalf("List: %v", err)
			}
			if r.URL.String() != tt.wantURL {
				t.Errorf("URL = %s, want %s", r.URL, tt.wantURL)
			}
			want := ""
			if tt.key != "" {
				want = "Bearer " + tt.key
			}
			if got, ok := r.Header["Authorization"]; (want == "" && ok) || (want != "" && (len(got) != 1 || got[0] != want)) {
				t.Errorf("Authorization = %q, want %q", got, want)
			}
		})
	}
}

func TestModelsService_Info(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		opts      *ModelInfoOptions
		body      string
		wantQuery url.Values
		want      []ModelDeployment
	}{
		{name: "list", body: modelInfoBody, want: modelInfoWant},
		{name: "zero options", opts: &ModelInfoOptions{}, body: modelInfoBody, want: modelInfoWant},
		{
			name: "by id", opts: &ModelInfoOptions{ModelID: hostileID},
			body:      `{"data": [{"model_name": "gpt-4", "model_info": {"id": "x"}}]}`,
			wantQuery: url.Values{"litellm_model_id": {hostileID}},
			want:      []ModelDeployment{{ModelName: "gpt-4", ModelInfo: ModelDeploymentInfo{ID: "x"}}},
		},
		{
			name: "single object (proxy started with --model)",
			body: `{"data": {"model_name": "gpt-4", "litellm_params": {"model": "openai/gpt-4"}, "model_info": {"id": "id-1"}}}`,
			want: []ModelDeployment{{ModelName: "gpt-4", LitellmParams: ModelDeploymentParams{Model: "openai/gpt-4"}, ModelInfo: ModelDeploymentInfo{ID: "id-1"}}},
		},
		{name: "empty", body: `{"data": []}`, want: []ModelDeployment{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/v1/model/info", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodGet)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testQuery(t, r, tt.wantQuery)
				writeJSON(w, http.StatusOK, tt.body)
			})
			got, err := c.Models.Info(t.Context(), tt.opts)
			if err != nil {
				t.Fatalf("Info: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Info (-want +got):\n%s", diff)
			}
		})
	}
}

func TestModelsService_Get(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		by           ModelGetOptions
		want         *ModelDeployment
		wantErrParts []string
	}{
		{name: "by id", by: ModelGetOptions{ID: "id-2"}, want: &modelInfoWant[1]},
		{name: "by name returns the first", by: ModelGetOptions{Name: "gpt-4"}, want: &modelInfoWant[0]},
		{name: "no such name", by: ModelGetOptions{Name: "nonexistent-model"}, wantErrParts: []string{"not found", "model_name=nonexistent-model"}},
		{name: "no such id", by: ModelGetOptions{ID: "id-9"}, wantErrParts: []string{"not found", "id=id-9"}},
		{name: "a name is not an id", by: ModelGetOptions{ID: "gpt-4"}, wantErrParts: []string{"not found", "id=gpt-4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("GET /v1/model/info", func(w http.ResponseWriter, r *http.Request) {
				testQuery(t, r, nil)
				writeJSON(w, http.StatusOK, modelInfoBody)
			})
			got, err := c.Models.Get(t.Context(), tt.by)
			if tt.wantErrParts != nil {
				if !errors.Is(err, ErrNotFound) {
					t.Fatalf("Get error = %v, want ErrNotFound", err)
				}
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
					t.Errorf("Get error = %#v, want an *APIError with status 404", err)
				}
				for _, part := range tt.wantErrParts {
					if !strings.Contains(err.Error(), part) {
						t.Errorf("Get error %q does not contain %q", err, part)
					}
				}
				if got != nil {
					t.Errorf("Get result = %v, want nil", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Get (-want +got):\n%s", diff)
			}
		})
	}
}

func TestModelsService_Get_arguments(t *testing.T) {
	t.Parallel()
	for _, by := range []ModelGetOptions{{}, {ID: "123", Name: "gpt-4"}} {
		t.Run(fmt.Sprintf("%+v", by), func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			rrNotSent(t, mux)
			var r *http.Request
			got, err := c.Models.Get(t.Context(), by, ReturnRequest(&r))
			if err == nil || !strings.Contains(err.Error(), "exactly one of ID or Name must be provided") {
				t.Errorf("Get error = %v, want the argument error", err)
			}
			if got != nil || r != nil {
				t.Errorf("Get = %v, request %v; want nothing", got, r)
			}
		})
	}
}

func TestModelsService_Get_errorsPropagate(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusUnauthorized, http.StatusInternalServerError} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("GET /v1/model/info", func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, status, `{"detail": {"error": "nope"}}`)
			})
			_, err := c.Models.Get(t.Context(), ModelGetOptions{ID: "x"})
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != status || errors.Is(err, ErrNotFound) {
				t.Errorf("Get error = %v, want an *APIError with status %d, not ErrNotFound", err, status)
			}
		})
	}
}

func TestModelsService_Add(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/model/new", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testHeader(t, r, "Content-Type", "application/json")
		testJSONBody(t, r, `{"model_name": "gpt-4", "litellm_params": {"model": "openai/gpt-4", "api_key": "os.environ/OPENAI_API_KEY", "seed": 7},
			"model_info": {"id": "my-id", "team_id": "t1"}}`)
		writeJSON(w, http.StatusOK, `{"model_id": "my-id", "model_name": "gpt-4", "litellm_params": {"model": "enc"}, "model_info": {"id": "my-id"}, "created_by": "admin"}`)
	})
	req := &ModelNewRequest{
		ModelName: "gpt-4",
		LitellmParams: LiteLLMParams{
			Model: "openai/gpt-4", APIKey: "os.environ/OPENAI_API_KEY",
			AdditionalProperties: map[string]any{"seed": 7},
		},
		ModelInfo: ModelInfoInput{ID: "my-id", TeamID: "t1"},
	}
	got, err := c.Models.Add(t.Context(), req)
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	want := &ModelRecord{ModelID: "my-id", ModelName: "gpt-4", LitellmParams: map[string]any{"model": "enc"}, ModelInfo: map[string]any{"id": "my-id"}, CreatedBy: "admin"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Add (-want +got):\n%s", diff)
	}
}

func TestModelsService_invalidArguments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		call func(ctx context.Context, c *Client) error
		want string
	}{
		{"Add nil", func(ctx context.Context, c *Client) error { _, err := c.Models.Add(ctx, nil); return err }, "nil request"},
		{"Add no name", func(ctx context.Context, c *Client) error {
			_, err := c.Models.Add(ctx, &ModelNewRequest{LitellmParams: LiteLLMParams{Model: "m"}})
			return err
		}, "model_name is required"},
		{"Add no model", func(ctx context.Context, c *Client) error {
			_, err := c.Models.Add(ctx, &ModelNewRequest{ModelName: "m"})
			return err
		}, "litellm_params.model is required"},
		{"Update no id", func(ctx context.Context, c *Client) error {
			_, err := c.Models.Update(ctx, "", &ModelUpdateRequest{})
			return err
		}, "id is required"},
		{"Update other id", func(ctx context.Context, c *Client) error {
			_, err := c.Models.Update(ctx, "a", &ModelUpdateRequest{ModelInfo: ModelInfoInput{ID: "b"}})
			return err
		}, "differs from id"},
		{"Patch nil", func(ctx context.Context, c *Client) error { _, err := c.Models.Patch(ctx, "a", nil); return err }, "nil request"},
		{"Patch no id", func(ctx context.Context, c *Client) error {
			_, err := c.Models.Patch(ctx, "", &ModelUpdateRequest{})
			return err
		}, "model_id is required"},
		{"Patch dot-dot id", func(ctx context.Context, c *Client) error {
			_, err := c.Models.Patch(ctx, "..", &ModelUpdateRequest{})
			return err
		}, "not a valid name"},
		{"Patch dot id", func(ctx context.Context, c *Client) error {
			_, err := c.Models.Patch(ctx, ".", &ModelUpdateRequest{})
			return err
		}, "not a valid name"},
		{"Delete no id", func(ctx context.Context, c *Client) error { _, err := c.Models.Delete(ctx, ""); return err }, "id is required"},
		{"DeleteByName no name", func(ctx context.Context, c *Client) error { _, err := c.Models.DeleteByName(ctx, ""); return err }, "name is required"},
		{"ModelGroups.Create no name", func(ctx context.Context, c *Client) error {
			_, err := c.ModelGroups.Create(ctx, "", []ModelGroupDeployment{{LitellmParams: LiteLLMParams{Model: "m"}}})
			return err
		}, "group name is required"},
		{"ModelGroups.Create no deployments", func(ctx context.Context, c *Client) error {
			_, err := c.ModelGroups.Create(ctx, "g", nil)
			return err
		}, "at least one deployment"},
		{"ModelGroups.Create deployment without model", func(ctx context.Context, c *Client) error {
			_, err := c.ModelGroups.Create(ctx, "g", []ModelGroupDeployment{{LitellmParams: LiteLLMParams{Model: "m"}}, {}})
			return err
		}, "deployment 1: litellm_params.model is required"},
		{"ModelGroups.Delete no name", func(ctx context.Context, c *Client) error { _, err := c.ModelGroups.Delete(ctx, ""); return err }, "name is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			rrNotSent(t, mux)
			err := tt.call(t.Context(), c)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestModelsService_Update(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		req      *ModelUpdateRequest
		wantBody string
	}{
		{name: "nil request", wantBody: `{"model_info": {"id": "model-123"}}`},
		{
			name: "params and info",
			req: &ModelUpdateRequest{
				LitellmParams: map[string]any{"model": "openai/gpt-4o", "api_base": "https://example.com"},
				ModelInfo:     ModelInfoInput{BaseModel: "gpt-4o", AdditionalProperties: map[string]any{"description": "d"}},
			},
			wantBody: `{"litellm_params": {"model": "openai/gpt-4o", "api_base": "https://example.com"},
				"model_info": {"id": "model-123", "base_model": "gpt-4o", "description": "d"}}`,
		},
		{
			name:     "same id in model info",
			req:      &ModelUpdateRequest{ModelInfo: ModelInfoInput{ID: "model-123"}, ModelName: "gpt-4o"},
			wantBody: `{"model_name": "gpt-4o", "model_info": {"id": "model-123"}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/model/update", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodPost)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testHeader(t, r, "Content-Type", "application/json")
				testJSONBody(t, r, tt.wantBody)
				writeJSON(w, http.StatusOK, `{"model_id": "model-123", "model_name": "gpt-4"}`)
			})
			var before ModelUpdateRequest
			if tt.req != nil {
				before = *tt.req
			}
			got, err := c.Models.Update(t.Context(), "model-123", tt.req)
			if err != nil {
				t.Fatalf("Update: %v", err)
			}
			if diff := cmp.Diff(&ModelRecord{ModelID: "model-123", ModelName: "gpt-4"}, got); diff != "" {
				t.Errorf("Update (-want +got):\n%s", diff)
			}
			if tt.req != nil {
				if diff := cmp.Diff(before, *tt.req); diff != "" {
					t.Errorf("Update changed the caller's request (-before +after):\n%s", diff)
				}
			}
		})
	}
}

func TestModelsService_Patch(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"model-123", hostileID, "a/..", "../etc"} {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/model/{model_id}/update", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodPatch)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testHeader(t, r, "Content-Type", "application/json")
				if got := r.PathValue("model_id"); got != id {
					t.Errorf("model_id = %q, want %q", got, id)
				}
				testQuery(t, r, nil)
				testJSONBody(t, r, `{"model_info": {"tier": "paid"}}`)
				writeJSON(w, http.StatusOK, `{"model_id": "x"}`)
			})
			got, err := c.Models.Patch(t.Context(), id, &ModelUpdateRequest{ModelInfo: ModelInfoInput{Tier: "paid"}})
			if err != nil {
				t.Fatalf("Patch: %v", err)
			}
			if diff := cmp.Diff(&ModelRecord{ModelID: "x"}, got); diff != "" {
				t.Errorf("Patch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestModelsService_Delete(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/model/delete", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testHeader(t, r, "Content-Type", "application/json")
		testJSONBody(t, r, `{"id": "`+strings.ReplaceAll(hostileID, `"`, `\"`)+`"}`)
		writeJSON(w, http.StatusOK, `{"message": "Model: x deleted successfully"}`)
	})
	got, err := c.Models.Delete(t.Context(), hostileID)
	if err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if diff := cmp.Diff(&ModelDeleteResponse{Message: "Model: x deleted successfully"}, got); diff != "" {
		t.Errorf("Delete (-want +got):\n%s", diff)
	}
}

// TestModelsService_notFoundRule covers the upstream error mapping of
// models delete and update: 401 is unauthorized; 404, or any error whose
// body says "not found", is ErrNotFound; anything else is neither.
func TestModelsService_notFoundRule(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name             string
		status           int
		body             string
		wantNotFound     bool
		wantUnauthorized bool
	}{
		{name: "401", status: 401, body: `{"error": {"message": "Authentication Error, not found in db", "type": "auth_error", "code": "401"}}`, wantUnauthorized: true},
		{name: "404", status: 404, body: `{"detail": "Model x not found on proxy."}`, wantNotFound: true},
		{name: "404 empty", status: 404, wantNotFound: true},
		{name: "400 plain not found", status: 400, body: `{"error": "The specified model was not found in the system"}`, wantNotFound: true},
		{name: "400 proxy not found", status: 400, body: `{"error": {"message": "{'error': 'Model with id=x not found in db'}", "type": "auth_error", "param": "None", "code": "400"}}`, wantNotFound: true},
		{name: "400 NOT FOUND any case", status: 400, body: `{"detail": "Model NOT FOUND"}`, wantNotFound: true},
		{name: "400 other", status: 400, body: `{"error": {"message": "Authentication Error, model_info not provided", "code": "400"}}`},
		{name: "500", status: 500, body: `{"error": {"message": "Internal Server Error", "code": "500"}}`},
	}
	calls := []struct {
		name, route string
		call        func(ctx context.Context, c *Client) (any, error)
	}{
		{"Delete", "POST /model/delete", func(ctx context.Context, c *Client) (any, error) { return c.Models.Delete(ctx, "model-123") }},
		{"Update", "POST /model/update", func(ctx context.Context, c *Client) (any, error) {
			return c.Models.Update(ctx, "model-123", &ModelUpdateRequest{LitellmParams: map[string]any{"rpm": 1}})
		}},
		{"Patch", "PATCH /model/{id}/update", func(ctx context.Context, c *Client) (any, error) {
			return c.Models.Patch(ctx, "model-123", &ModelUpdateRequest{ModelName: "m"})
		}},
	}
	for _, cl := range calls {
		for _, tt := range cases {
			t.Run(cl.name+" "+tt.name, func(t *testing.T) {
				t.Parallel()
				c, mux, _ := setup(t)
				mux.HandleFunc(cl.route, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, tt.status, tt.body) })
				got, err := cl.call(t.Context(), c)
				if !isNilResult(got) {
					t.Errorf("result = %v, want nil", got)
				}
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status {
					t.Fatalf("error = %v, want an *APIError with status %d", err, tt.status)
				}
				if got := errors.Is(err, ErrNotFound); got != tt.wantNotFound {
					t.Errorf("errors.Is(%v, ErrNotFound) = %t, want %t", err, got, tt.wantNotFound)
				}
				if got := errors.Is(err, ErrUnauthorized); got != tt.wantUnauthorized {
					t.Errorf("errors.Is(%v, ErrUnauthorized) = %t, want %t", err, got, tt.wantUnauthorized)
				}
			})
		}
	}
}

// deploymentsServer serves /v1/model/info from modelInfoBody and records
// the ids that POST /model/delete receives; failID fails with 500.
func deploymentsServer(t *testing.T, mux *http.ServeMux, failID string) *[]string {
	t.Helper()
	var mu sync.Mutex
	deleted := []string{}
	mux.HandleFunc("GET /v1/model/info", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testQuery(t, r, nil)
		writeJSON(w, http.StatusOK, modelInfoBody)
	})
	mux.HandleFunc("POST /model/delete", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testHeader(t, r, "Content-Type", "application/json")
		var body map[string]string
		b, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(b, &body); err != nil || len(body) != 1 || body["id"] == "" {
			t.Errorf("delete body = %s (%v), want {\"id\": ...}", b, err)
		}
		id := body["id"]
		if id == failID {
			writeJSON(w, http.StatusInternalServerError, `{"error": {"message": "db down", "code": "500"}}`)
			return
		}
		mu.Lock()
		deleted = append(deleted, id)
		mu.Unlock()
		writeJSON(w, http.StatusOK, `{"message": "Model: `+id+` deleted successfully"}`)
	})
	return &deleted
}

func TestModelsService_DeleteByName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		model       string
		failID      string
		want        []string
		wantDeleted []string
		wantErr     error
	}{
		{name: "every deployment of the name", model: "gpt-4", want: []string{"id-1", "id-3"}, wantDeleted: []string{"id-1", "id-3"}},
		{name: "one deployment", model: "claude", want: []string{"id-2"}, wantDeleted: []string{"id-2"}},
		{name: "no deployment", model: "nonexistent-model", wantDeleted: []string{}, wantErr: ErrNotFound},
		{name: "failure midway", model: "gpt-4", failID: "id-3", want: []string{"id-1"}, wantDeleted: []string{"id-1"}, wantErr: ErrServer},
	}
	for _, tt := range tests {
		for _, svc := range []string{"Models.DeleteByName", "ModelGroups.Delete"} {
			t.Run(svc+" "+tt.name, func(t *testing.T) {
				t.Parallel()
				c, mux, _ := setup(t)
				deleted := deploymentsServer(t, mux, tt.failID)
				var got []string
				var err error
				if svc == "ModelGroups.Delete" {
					got, err = c.ModelGroups.Delete(t.Context(), tt.model)
				} else {
					got, err = c.Models.DeleteByName(t.Context(), tt.model)
				}
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("error = %v, want %v", err, tt.wantErr)
				}
				if tt.wantErr == ErrNotFound && err != nil && !strings.Contains(err.Error(), "model_name="+tt.model) {
					t.Errorf("error %q does not name the model", err)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("ids (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(tt.wantDeleted, *deleted); diff != "" {
					t.Errorf("deleted on the server (-want +got):\n%s", diff)
				}
			})
		}
	}
}
