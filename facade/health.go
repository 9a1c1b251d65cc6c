package facade

import (
	"context"
	"errors"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// HealthService reports whether the proxy is up and which version it runs
// (https://docs.litellm.ai/docs/proxy/health). Liveliness and readiness
// need no key; TestConnection needs an admin key.
type HealthService service

// Wire types of the health endpoints, named here so that users import only facade.
type (
	// HealthReadiness is the response of GET /health/readiness. Status is
	// "healthy" without a database, and "connected", "disconnected" or
	// "unknown" with one.
	HealthReadiness = gen.HealthReadiness
	// HealthTestConnectionRequest is the body of POST /health/test_connection:
	// the litellm_params of a deployment (model, api_base, api_key, ...) and
	// the mode to test.
	HealthTestConnectionRequest = gen.HealthTestConnectionRequest
	// HealthTestConnectionMode is what TestConnection exercises: "chat"
	// (the default), "completion", "embedding", "image_generation", ...
	HealthTestConnectionMode = gen.HealthTestConnectionRequestMode
	// HealthTestConnection is the result of a connection test: Status is
	// "success" or "error", and Result holds the details (the error text
	// on failure, with secrets removed by the proxy).
	HealthTestConnection = gen.HealthTestConnection
)

// Values of HealthTestConnection.Status.
const (
	HealthTestConnectionSuccess = "success"
	HealthTestConnectionError   = "error"
)

// Liveliness returns the proxy's liveness message ("I'm alive!"). Any
// answer at all means the process is up.
//
// Endpoint: GET /health/liveliness (Python: none).
func (s *HealthService) Liveliness(ctx context.Context, opts ...Option) (string, error) {
	msg, err := call[string](ctx, (*service)(s), &request{method: http.MethodGet, path: "/health/liveliness", kind: kindAdmin,
		build: gen.NewHealthLivelinessRequest}, opts)
	if err != nil || msg == nil {
		return "", err
	}
	return *msg, nil
}

// Readiness reports whether the proxy is ready to serve, with its version
// and the state of its database and cache. An unhealthy proxy answers 503,
// which is an *[APIError].
//
// Endpoint: GET /health/readiness (Python: HealthManagementClient.get_readiness).
func (s *HealthService) Readiness(ctx context.Context, opts ...Option) (*HealthReadiness, error) {
	return call[HealthReadiness](ctx, (*service)(s), &request{method: http.MethodGet, path: "/health/readiness", kind: kindAdmin,
		build: gen.NewHealthReadinessRequest}, opts)
}

// ServerVersion returns the LiteLLM version the proxy runs (the
// litellm_version of its readiness answer), or "" when the answer has none
// (Python returns None).
//
// Endpoint: GET /health/readiness (Python: HealthManagementClient.get_server_version).
func (s *HealthService) ServerVersion(ctx context.Context, opts ...Option) (string, error) {
	r, err := s.Readiness(ctx, opts...)
	if err != nil || r == nil {
		return "", err
	}
	return r.LitellmVersion, nil
}

// TestConnection asks the proxy to call a model with the given parameters,
// as the admin UI's "Test connection" does.
//
// A failed test is a result, not an error: the proxy answers HTTP 200 with
// Status "error" (HealthTestConnectionError) and the reason in Result, and
// TestConnection returns that with a nil error, as the Python client does.
// The error is non-nil only when the call itself failed (the proxy could
// not be reached, rejected the key, or answered a non-2xx status). So check
// both:
//
//	res, err := c.Health.TestConnection(ctx, req)
//	if err != nil { ... }
//	if res.Status != facade.HealthTestConnectionSuccess { ... res.Result["error"] ... }
//
// Endpoint: POST /health/test_connection (Python: none; the example of client.http.request).
func (s *HealthService) TestConnection(ctx context.Context, req *HealthTestConnectionRequest, opts ...Option) (*HealthTestConnection, error) {
	if req == nil {
		return nil, errors.New("POST /health/test_connection: nil request")
	}
	body := *req
	return call[HealthTestConnection](ctx, (*service)(s), &request{method: http.MethodPost, path: "/health/test_connection", kind: kindAdmin,
		build: func(server string) (*http.Request, error) {
			return newJSONRequest(server, gen.NewHealthTestConnectionRequestWithBody, body)
		}}, opts)
}
