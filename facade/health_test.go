package facade

import (
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHealthService_Liveliness(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/health/liveliness", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		writeJSON(w, http.StatusOK, `"I'm alive!"`)
	})
	got, err := c.Health.Liveliness(t.Context())
	if err != nil {
		t.Fatalf("Liveliness: %v", err)
	}
	if got != "I'm alive!" {
		t.Errorf("Liveliness = %q, want I'm alive!", got)
	}
}

func TestHealthService_Readiness(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/health/readiness", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		writeJSON(w, http.StatusOK, `{"status":"connected","db":"connected","cache":null,"litellm_version":"1.88.0",
			"success_callbacks":["langfuse"],"use_aiohttp_transport":true,"last_updated":"2026-01-02T03:04:05"}`)
	})
	got, err := c.Health.Readiness(t.Context())
	if err != nil {
		t.Fatalf("Readiness: %v", err)
	}
	want := &HealthReadiness{Status: "connected", DB: "connected", LitellmVersion: "1.88.0",
		SuccessCallbacks: []string{"langfuse"}, UseAiohttpTransport: true, LastUpdated: "2026-01-02T03:04:05"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Readiness (-want +got):\n%s", diff)
	}
}

func TestHealthService_Readiness_unhealthy(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/health/readiness", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusServiceUnavailable, `{"detail":"Service Unhealthy (db down)"}`)
	})
	_, err := c.Health.Readiness(t.Context())
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable || !errors.Is(err, ErrServer) {
		t.Errorf("err = %v, want a 503 *APIError", err)
	}
	if _, err := c.Health.ServerVersion(t.Context()); !errors.Is(err, ErrServer) {
		t.Errorf("ServerVersion: err = %v, want the 503", err)
	}
}

func TestHealthService_ServerVersion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		want string
	}{
		{"present", `{"status":"healthy","litellm_version":"1.77.1"}`, "1.77.1"},
		{"absent", `{"status":"healthy"}`, ""},
		{"null", `{"status":"healthy","litellm_version":null}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/health/readiness", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodGet)
				writeJSON(w, http.StatusOK, tt.body)
			})
			got, err := c.Health.ServerVersion(t.Context())
			if err != nil {
				t.Fatalf("ServerVersion: %v", err)
			}
			if got != tt.want {
				t.Errorf("ServerVersion = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHealthService_TestConnection(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		response string
		want     *HealthTestConnection
	}{
		{
			"success",
			`{"status":"success","result":{"model":"openai/gpt-4o"}}`,
			&HealthTestConnection{Status: HealthTestConnectionSuccess, Result: map[string]any{"model": "openai/gpt-4o"}},
		},
		{
			"a failed test is a result, not an error",
			`{"status":"error","result":{"model":"openai/gpt-4o","error":"AuthenticationError: invalid api key"}}`,
			&HealthTestConnection{Status: HealthTestConnectionError,
				Result: map[string]any{"model": "openai/gpt-4o", "error": "AuthenticationError: invalid api key"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/health/test_connection", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodPost)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testHeader(t, r, "Content-Type", "application/json")
				testJSONBody(t, r, `{"mode":"chat","litellm_params":{"model":"openai/gpt-4o","api_key":"sk-upstream-0000000000000000"}}`)
				writeJSON(w, http.StatusOK, tt.response)
			})
			got, err := c.Health.TestConnection(t.Context(), &HealthTestConnectionRequest{
				Mode:          "chat",
				LitellmParams: map[string]any{"model": "openai/gpt-4o", "api_key": "sk-upstream-0000000000000000"},
			})
			if err != nil {
				t.Fatalf("TestConnection: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("TestConnection (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHealthService_TestConnection_invalid(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	if _, err := c.Health.TestConnection(t.Context(), nil); err == nil {
		t.Error("TestConnection(nil): no error")
	}
}

func TestHealthService_TestConnection_serverError(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/health/test_connection", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusInternalServerError, `{"detail":{"error":"Failed to test connection: boom"}}`)
	})
	res, err := c.Health.TestConnection(t.Context(), &HealthTestConnectionRequest{LitellmParams: map[string]any{"model": "x"}})
	if res != nil || !errors.Is(err, ErrServer) {
		t.Errorf("TestConnection = %v, %v; want nil and a 500 *APIError", res, err)
	}
}

func TestHealthService_ReturnRequest(t *testing.T) {
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
		{"liveliness", func(opt Option) (any, error) {
			s, err := c.Health.Liveliness(t.Context(), opt)
			if s != "" {
				return s, err
			}
			return nil, err
		}, http.MethodGet, prefix + "/health/liveliness", ""},
		{"readiness", func(opt Option) (any, error) { return c.Health.Readiness(t.Context(), opt) },
			http.MethodGet, prefix + "/health/readiness", ""},
		{"readiness details", func(opt Option) (any, error) { return c.Health.ReadinessDetails(t.Context(), opt) },
			http.MethodGet, prefix + "/health/readiness/details", ""},
		{"server version", func(opt Option) (any, error) {
			s, err := c.Health.ServerVersion(t.Context(), opt)
			if s != "" {
				return s, err
			}
			return nil, err
		}, http.MethodGet, prefix + "/health/readiness/details", ""},
		{"test connection", func(opt Option) (any, error) {
			return c.Health.TestConnection(t.Context(), &HealthTestConnectionRequest{LitellmParams: map[string]any{"model": "x"}}, opt)
		}, http.MethodPost, prefix + "/health/test_connection", `{"litellm_params":{"model":"x"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req *http.Request
			res, err := tt.call(ReturnRequest(&req))
			svcCheckReturned(t, res, err, req, tt.method, tt.url, tt.wantBody)
		})
	}
}

func TestHealthService_ReadinessDetails(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/health/readiness/details", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		writeJSON(w, http.StatusOK, `{"status":"healthy","db":"Not connected","cache":null,"litellm_version":"1.88.0",
			"success_callbacks":["ServiceLogging"],"use_aiohttp_transport":true,"log_level":"WARNING","is_detailed_debug":false}`)
	})
	got, err := c.Health.ReadinessDetails(t.Context())
	if err != nil {
		t.Fatalf("ReadinessDetails: %v", err)
	}
	if got.Status != "healthy" || got.DB != "Not connected" || got.LitellmVersion != "1.88.0" ||
		!cmp.Equal(got.SuccessCallbacks, []string{"ServiceLogging"}) || !got.UseAiohttpTransport {
		t.Errorf("ReadinessDetails = %+v", got)
	}
}

// TestHealthService_ServerVersion_details covers where the version lives:
// /health/readiness/details since 1.88 (the public readiness has only status
// and db), /health/readiness before.
func TestHealthService_ServerVersion_details(t *testing.T) {
	t.Parallel()
	const noVersion = `{"status":"healthy","db":"Not connected"}`
	tests := []struct {
		name          string
		detailsStatus int // 0: no such route (404 from the mux)
		details       string
		readiness     string // "" : readiness must not be called
		want          string
		wantErr       error
	}{
		{"1.88 and later: the details", http.StatusOK, `{"status":"healthy","db":"Not connected","litellm_version":"1.106.12"}`, "", "1.106.12", nil},
		{"older proxy: readiness", 0, "", `{"status":"healthy","litellm_version":"1.77.1"}`, "1.77.1", nil},
		{"older proxy without a version", 0, "", noVersion, "", nil},
		{"no key: the 401 says why", http.StatusUnauthorized,
			`{"error":{"message":"Authentication Error, No api key passed in.","type":"auth_error","param":"None","code":"401"}}`,
			noVersion, "", ErrUnauthorized},
		{"no key, public details", http.StatusUnauthorized, `{"error":{"message":"no key","code":"401"}}`,
			`{"status":"healthy","db":"Not connected","litellm_version":"1.88.0"}`, "1.88.0", nil},
		{"database down: 503 with the details", http.StatusServiceUnavailable,
			`{"status":"healthy","db":"disconnected","litellm_version":"1.88.0"}`, "", "1.88.0", nil},
		{"unhealthy", http.StatusServiceUnavailable, `{"detail":"Service Unhealthy (boom)"}`, "-503", "", ErrServer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			if tt.detailsStatus != 0 {
				mux.HandleFunc("/health/readiness/details", func(w http.ResponseWriter, r *http.Request) {
					testMethod(t, r, http.MethodGet)
					testHeader(t, r, "Authorization", "Bearer "+testKey)
					writeJSON(w, tt.detailsStatus, tt.details)
				})
			}
			mux.HandleFunc("/health/readiness", func(w http.ResponseWriter, r *http.Request) {
				switch tt.readiness {
				case "":
					t.Error("readiness called, want only the details")
				case "-503":
					writeJSON(w, http.StatusServiceUnavailable, `{"detail":"Service Unhealthy (boom)"}`)
				default:
					writeJSON(w, http.StatusOK, tt.readiness)
				}
			})
			got, err := c.Health.ServerVersion(t.Context(), WithMaxRetries(0))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("ServerVersion: err = %v, want %v", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatalf("ServerVersion: %v", err)
			}
			if got != tt.want {
				t.Errorf("ServerVersion = %q, want %q", got, tt.want)
			}
		})
	}
}
