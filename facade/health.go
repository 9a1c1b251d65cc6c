package facade

import (
	"context"
	"encoding/json"
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
	r := newRequest(http.MethodGet, "/health/liveliness").
		with(gen.NewHealthLivelinessRequest(s.client.server))
	var msg string
	err := s.client.doJSON(ctx, r, &msg, opts)
	return result(msg, err)
}

// Readiness reports whether the proxy is ready to serve and the state of
// its database. It needs no key. Since LiteLLM 1.88 the answer has only
// status and db (unless the proxy sets
// general_settings.allow_public_health_readiness_details); the version and
// the rest are in [HealthService.ReadinessDetails]. An unhealthy proxy
// answers 503, which is an *[APIError].
//
// Endpoint: GET /health/readiness (Python: HealthManagementClient.get_readiness).
func (s *HealthService) Readiness(ctx context.Context, opts ...Option) (*HealthReadiness, error) {
	return result(s.readiness(ctx, opts))
}

// readiness is Readiness for ServerVersion.
func (s *HealthService) readiness(ctx context.Context, opts []Option) (*HealthReadiness, error) {
	r := newRequest(http.MethodGet, "/health/readiness").
		with(gen.NewHealthReadinessRequest(s.client.server))
	ready := new(HealthReadiness)
	return ready, s.client.doJSON(ctx, r, ready, opts)
}

// ReadinessDetails returns the authenticated readiness answer: status,
// database and cache state, the LiteLLM version, callbacks and log level.
// Since LiteLLM 1.88 the public /health/readiness has only status and db,
// and the rest is here. Any valid key may call it. A proxy whose database is
// configured but unreachable answers 503 with the same body, which is an
// *[APIError] (its Body holds the details); an older proxy answers 404.
//
// Endpoint: GET /health/readiness/details (Python: none).
func (s *HealthService) ReadinessDetails(ctx context.Context, opts ...Option) (*HealthReadiness, error) {
	return result(s.readinessDetails(ctx, opts))
}

// readinessDetails is ReadinessDetails for ServerVersion.
func (s *HealthService) readinessDetails(ctx context.Context, opts []Option) (*HealthReadiness, error) {
	r := newRequest(http.MethodGet, "/health/readiness/details").
		with(gen.NewHealthReadinessDetailsRequest(s.client.server))
	ready := new(HealthReadiness)
	return ready, s.client.doJSON(ctx, r, ready, opts)
}

// ServerVersion returns the LiteLLM version the proxy runs, or "" when the
// proxy does not say (Python returns None).
//
// The version is the litellm_version of /health/readiness/details (LiteLLM
// 1.88 and later, which need a key for it), else that of /health/readiness
// (older proxies, and newer ones with
// general_settings.allow_public_health_readiness_details). A proxy with an
// unreachable database answers the details with 503 and still reports its
// version, which ServerVersion returns. When neither answer has a version
// and the details were refused (401, 403: no key or a bad one), that error
// is returned, so that the caller knows a key would help. The upstream
// Python client reads only /health/readiness, and gets None from 1.88 on.
//
// Endpoint: GET /health/readiness/details, then GET /health/readiness
// (Python: HealthManagementClient.get_server_version).
func (s *HealthService) ServerVersion(ctx context.Context, opts ...Option) (string, error) {
	return result(s.serverVersion(ctx, opts))
}

func (s *HealthService) serverVersion(ctx context.Context, opts []Option) (string, error) {
	d, detailsErr := s.readinessDetails(ctx, opts)
	var apiErr *APIError
	switch {
	case detailsErr == nil:
		return d.LitellmVersion, nil
	case !errors.As(detailsErr, &apiErr):
		return "", detailsErr // transport, context, options
	}
	if v := versionIn(apiErr.Body); v != "" {
		return v, nil // 503: the database is down, the details are in the body
	}
	r, err := s.readiness(ctx, opts)
	switch {
	case err != nil:
		return "", err
	case r.LitellmVersion != "":
		return r.LitellmVersion, nil
	case apiErr.StatusCode == http.StatusUnauthorized || apiErr.StatusCode == http.StatusForbidden:
		return "", detailsErr
	}
	return "", nil
}

// versionIn returns the litellm_version member of a JSON object body, or "".
func versionIn(body []byte) string {
	var v struct {
		LitellmVersion string `json:"litellm_version"`
	}
	if json.Unmarshal(body, &v) != nil {
		return ""
	}
	return v.LitellmVersion
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
	r := newRequest(http.MethodPost, "/health/test_connection").
		with(gen.NewHealthTestConnectionRequest(s.client.server, *req))
	res := new(HealthTestConnection)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}
