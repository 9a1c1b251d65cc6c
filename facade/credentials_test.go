package facade

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCredentialsService_Create(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		req      *CredentialCreateRequest
		wantBody string
	}{
		{
			name: "upstream test",
			req: &CredentialCreateRequest{
				CredentialName:   "azure1",
				CredentialInfo:   map[string]any{"api_type": "azure"},
				CredentialValues: map[string]any{"api_key": "sk-123", "api_base": "https://example.azure.openai.com"},
			},
			wantBody: `{"credential_name":"azure1","credential_info":{"api_type":"azure"},
				"credential_values":{"api_key":"sk-123","api_base":"https://example.azure.openai.com"}}`,
		},
		{
			name:     "nil info is sent as {}",
			req:      &CredentialCreateRequest{CredentialName: "from-model", ModelID: "m1"},
			wantBody: `{"credential_name":"from-model","credential_info":{},"model_id":"m1"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/credentials", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodPost)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testHeader(t, r, "Content-Type", "application/json")
				testJSONBody(t, r, tt.wantBody)
				writeJSON(w, http.StatusOK, `{"success":true,"message":"Credential created successfully"}`)
			})
			got, err := c.Credentials.Create(t.Context(), tt.req)
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			want := &SuccessResponse{Success: true, Message: "Credential created successfully"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Create (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCredentialsService_Create_invalid(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	for _, req := range []*CredentialCreateRequest{nil, {CredentialValues: map[string]any{"api_key": "x"}}} {
		if _, err := c.Credentials.Create(t.Context(), req); err == nil {
			t.Errorf("Create(%+v): no error", req)
		}
	}
}

func TestCredentialsService_List(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/credentials", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testQuery(t, r, nil)
		writeJSON(w, http.StatusOK, `{"success":true,"credentials":[{"credential_name":"azure1",
			"credential_values":{"api_key":"sk****23","api_base":"https://example.azure.openai.com"},
			"credential_info":{"api_type":"azure"}}]}`)
	})
	got, err := c.Credentials.List(t.Context())
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	want := &CredentialList{Success: true, Credentials: []Credential{{
		CredentialName:   "azure1",
		CredentialValues: map[string]any{"api_key": "sk****23", "api_base": "https://example.azure.openai.com"},
		CredentialInfo:   map[string]any{"api_type": "azure"},
	}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List (-want +got):\n%s", diff)
	}
}

func TestCredentialsService_Get(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/credentials/by_name/azure1", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		writeJSON(w, http.StatusOK, `{"credential_name":"azure1","credential_values":{"api_key":"sk****23"},"credential_info":{}}`)
	})
	got, err := c.Credentials.Get(t.Context(), "azure1")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	want := &Credential{CredentialName: "azure1", CredentialValues: map[string]any{"api_key": "sk****23"}, CredentialInfo: map[string]any{}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}
}

func TestCredentialsService_Update(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		item     *CredentialItem
		wantBody string
	}{
		{
			name:     "only new values; name and info default",
			item:     &CredentialItem{CredentialValues: map[string]any{"api_key": "sk-new"}},
			wantBody: `{"credential_name":"azure1","credential_info":{},"credential_values":{"api_key":"sk-new"}}`,
		},
		{
			name:     "rename",
			item:     &CredentialItem{CredentialName: "azure2", CredentialInfo: map[string]any{"api_type": "azure"}},
			wantBody: `{"credential_name":"azure2","credential_info":{"api_type":"azure"},"credential_values":{}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/credentials/azure1", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodPatch)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testHeader(t, r, "Content-Type", "application/json")
				testJSONBody(t, r, tt.wantBody)
				writeJSON(w, http.StatusOK, `{"success":true,"message":"Credential updated successfully"}`)
			})
			got, err := c.Credentials.Update(t.Context(), "azure1", tt.item)
			if err != nil {
				t.Fatalf("Update: %v", err)
			}
			if diff := cmp.Diff(&SuccessResponse{Success: true, Message: "Credential updated successfully"}, got); diff != "" {
				t.Errorf("Update (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCredentialsService_Delete(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/credentials/azure1", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodDelete)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		writeJSON(w, http.StatusOK, `{"success":true,"message":"Credential deleted successfully"}`)
	})
	got, err := c.Credentials.Delete(t.Context(), "azure1")
	if err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if diff := cmp.Diff(&SuccessResponse{Success: true, Message: "Credential deleted successfully"}, got); diff != "" {
		t.Errorf("Delete (-want +got):\n%s", diff)
	}
}

func TestCredentialsService_invalidName(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	for _, name := range []string{"", ".", ".."} {
		if _, err := c.Credentials.Get(t.Context(), name); err == nil {
			t.Errorf("Get(%q): no error", name)
		}
		if _, err := c.Credentials.Update(t.Context(), name, &CredentialItem{}); err == nil {
			t.Errorf("Update(%q): no error", name)
		}
		if _, err := c.Credentials.Delete(t.Context(), name); err == nil {
			t.Errorf("Delete(%q): no error", name)
		}
	}
	if _, err := c.Credentials.Update(t.Context(), "azure1", nil); err == nil {
		t.Error("Update(nil item): no error")
	}
}

// TestCredentialsService_hostileNames checks that a name is one escaped path
// segment: "/", "?", "#" and dot segments inside it never reach another route.
func TestCredentialsService_hostileNames(t *testing.T) {
	t.Parallel()
	type hit struct{ method, requestURI, path, rawQuery string }
	var (
		mu   sync.Mutex
		hits []hit
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits = append(hits, hit{r.Method, r.RequestURI, r.URL.Path, r.URL.RawQuery})
		mu.Unlock()
		if r.Method == http.MethodGet {
			writeJSON(w, http.StatusOK, `{"credential_name":"x"}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"success":true}`)
	}))
	t.Cleanup(srv.Close)
	c, err := New(srv.URL+"/prefix", WithAPIKey(testKey), WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"a/b?c#d", "../../key/delete", "a/../../b", "%2e%2e", "..%2F..%2Fkey", "with space", "ünï/cödé", "x?page=1&key=sk-1"}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			ctx := t.Context()
			mu.Lock()
			hits = nil
			mu.Unlock()
			if _, err := c.Credentials.Get(ctx, name); err != nil {
				t.Fatalf("Get: %v", err)
			}
			if _, err := c.Credentials.Update(ctx, name, &CredentialItem{}); err != nil {
				t.Fatalf("Update: %v", err)
			}
			if _, err := c.Credentials.Delete(ctx, name); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			esc := url.PathEscape(name)
			want := []hit{
				{http.MethodGet, "/prefix/credentials/by_name/" + esc, "/prefix/credentials/by_name/" + name, ""},
				{http.MethodPatch, "/prefix/credentials/" + esc, "/prefix/credentials/" + name, ""},
				{http.MethodDelete, "/prefix/credentials/" + esc, "/prefix/credentials/" + name, ""},
			}
			mu.Lock()
			got := hits
			mu.Unlock()
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(hit{})); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCredentialsService_errorWithStatus200 covers the proxy quirk: some
// credential failures come back with HTTP 200 and an error object.
func TestCredentialsService_errorWithStatus200(t *testing.T) {
	t.Parallel()
	const notFound = `{"message":"Credential not found in DB.","type":"not_found_error","param":"None","openai_code":"404","code":"404","headers":{}}`
	const recordMissing = `{"message":"An operation failed because it depends on one or more records that were required but not found. Record to delete does not exist.","type":"internal_server_error","param":"None","openai_code":"500","code":"500","headers":{}}`
	const dbDown = `{"message":"DB not connected","type":"internal_server_error","param":"None","openai_code":"500","code":"500","headers":{}}`
	tests := []struct {
		name       string
		body       string
		call       func(c *Client) error
		wantStatus int
		wantIs     error
	}{
		{"update not found", notFound, func(c *Client) error {
			_, err := c.Credentials.Update(t.Context(), "azure1", &CredentialItem{})
			return err
		}, 404, ErrNotFound},
		{"delete not found", notFound, func(c *Client) error {
			_, err := c.Credentials.Delete(t.Context(), "azure1")
			return err
		}, 404, ErrNotFound},
		{"delete record missing (500 code)", recordMissing, func(c *Client) error {
			_, err := c.Credentials.Delete(t.Context(), "azure1")
			return err
		}, 500, ErrNotFound},
		{"list db down", dbDown, func(c *Client) error {
			_, err := c.Credentials.List(t.Context())
			return err
		}, 500, ErrServer},
		{"get not found", notFound, func(c *Client) error {
			_, err := c.Credentials.Get(t.Context(), "azure1")
			return err
		}, 404, ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, tt.body) })
			err := tt.call(c)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v (%T), want *APIError", err, err)
			}
			if apiErr.StatusCode != tt.wantStatus {
				t.Errorf("StatusCode = %d, want %d", apiErr.StatusCode, tt.wantStatus)
			}
			if !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.wantIs)
			}
		})
	}
}

func TestCredentialsService_unauthorized(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusUnauthorized, `{"error":{"message":"Authentication Error, Invalid proxy server token passed. Received API Key = `+testKey+`","type":"auth_error","param":"None","code":"401"}}`)
	})
	calls := map[string]func() error{
		"create": func() error {
			_, err := c.Credentials.Create(t.Context(), &CredentialCreateRequest{CredentialName: "a", CredentialValues: map[string]any{}})
			return err
		},
		"list":   func() error { _, err := c.Credentials.List(t.Context()); return err },
		"get":    func() error { _, err := c.Credentials.Get(t.Context(), "a"); return err },
		"update": func() error { _, err := c.Credentials.Update(t.Context(), "a", &CredentialItem{}); return err },
		"delete": func() error { _, err := c.Credentials.Delete(t.Context(), "a"); return err },
	}
	for name, call := range calls {
		err := call()
		if !errors.Is(err, ErrUnauthorized) {
			t.Errorf("%s: err = %v, want ErrUnauthorized", name, err)
		}
		if err != nil && strings.Contains(err.Error(), testKey) {
			t.Errorf("%s: error shows the key: %v", name, err)
		}
	}
}

func TestCredentialsService_ReturnRequest(t *testing.T) {
	t.Parallel()
	c, mux, base := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	prefix := base + basePrefix
	tests := []struct {
		name     string
		call     func(opt Option) (any, error)
		method   string
		url      string
		wantBody string
	}{
		{"create", func(opt Option) (any, error) {
			return c.Credentials.Create(t.Context(), &CredentialCreateRequest{CredentialName: "azure1", CredentialValues: map[string]any{"api_key": "sk-123"}}, opt)
		}, http.MethodPost, prefix + "/credentials", `{"credential_name":"azure1","credential_info":{},"credential_values":{"api_key":"sk-123"}}`},
		{"list", func(opt Option) (any, error) { return c.Credentials.List(t.Context(), opt) },
			http.MethodGet, prefix + "/credentials", ""},
		{"get", func(opt Option) (any, error) { return c.Credentials.Get(t.Context(), "a/b", opt) },
			http.MethodGet, prefix + "/credentials/by_name/a%2Fb", ""},
		{"update", func(opt Option) (any, error) {
			return c.Credentials.Update(t.Context(), "azure1", &CredentialItem{}, opt)
		},
			http.MethodPatch, prefix + "/credentials/azure1", `{"credential_name":"azure1","credential_info":{},"credential_values":{}}`},
		{"delete", func(opt Option) (any, error) { return c.Credentials.Delete(t.Context(), "azure1", opt) },
			http.MethodDelete, prefix + "/credentials/azure1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req *http.Request
			res, err := tt.call(ReturnRequest(&req))
			svcCheckReturned(t, res, err, req, tt.method, tt.url, tt.wantBody)
		})
	}
}
