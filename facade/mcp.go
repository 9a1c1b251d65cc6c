package facade

import (
	"context"
	"errors"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// MCPServersService manages the MCP servers the proxy fronts (its
// management routes under /v1/mcp; https://docs.litellm.ai/docs/mcp).
// Create, Update and Delete need a proxy admin key (another key gets an
// error matching [ErrForbidden]); List, Get and Health answer what the
// caller may use, a non-admin without URLs, headers, env or commands.
//
// LiteLLM 1.88.0 serves these routes but leaves them out of its published
// OpenAPI document. A proxy without a database still answers List,
// Health, AccessGroups and Tools (from the servers of its config file);
// Create, Get, Update and Delete then fail with HTTP 500 ("Database not
// connected").
//
// Credentials sent with Create or Update are stored by the proxy and never
// answered (Credentials is always nil in a returned [MCPServer]); the
// StaticHeaders and Env of an answer may still carry secrets.
type MCPServersService service

// Wire types of the MCP server endpoints, named here so that users import
// only facade.
type (
	// MCPServer is an MCP server (LiteLLM_MCPServerTable). Get fills
	// Status, LastHealthCheck and HealthCheckError from the health check
	// the proxy runs on the call; List answers the proxy's in-memory copy,
	// which has no CreatedBy/UpdatedBy and no Status.
	MCPServer = gen.MCPServer
	// MCPServerNewRequest is the body of POST /v1/mcp/server. Without
	// ServerID the proxy makes one; Transport defaults to sse. A
	// ServerName or Alias may not contain "-" (HTTP 400).
	MCPServerNewRequest = gen.MCPServerNewRequest
	// MCPServerUpdateRequest is the body of PUT /v1/mcp/server; ServerID
	// is required, and only the fields sent change (AllowAllKeys and
	// AvailableOnPublicInternet are pointers so that false can be sent).
	MCPServerUpdateRequest = gen.MCPServerUpdateRequest
	// MCPCredentials are the secrets the proxy uses to reach an MCP server
	// (AuthValue for api_key/bearer_token/..., the OAuth2 client, AWS
	// SigV4 keys).
	MCPCredentials = gen.MCPCredentials
	// MCPServerHealth is one server's health status.
	MCPServerHealth = gen.MCPServerHealth
	// MCPServerListOptions are the query parameters of GET /v1/mcp/server:
	// TeamID limits the list to the servers the team may use plus those
	// open to every key.
	MCPServerListOptions = gen.McpServerListParams
	// MCPTransport is how the proxy talks to an MCP server.
	MCPTransport = gen.MCPTransport
	// MCPAuthType is how the proxy authenticates to an MCP server.
	MCPAuthType = gen.MCPAuthType
	// MCPTool is an MCP tool definition as the proxy lists it (name,
	// description, inputSchema, ...).
	MCPTool = map[string]any
)

// The values of [MCPTransport].
const (
	MCPTransportSSE   = gen.MCPTransportSSE
	MCPTransportHTTP  = gen.MCPTransportHTTP
	MCPTransportStdio = gen.MCPTransportStdio
)

// The values of [MCPAuthType].
const (
	MCPAuthNone          = gen.MCPAuthNone
	MCPAuthAPIKey        = gen.MCPAuthAPIKey
	MCPAuthBearerToken   = gen.MCPAuthBearerToken
	MCPAuthBasic         = gen.MCPAuthBasic
	MCPAuthAuthorization = gen.MCPAuthAuthorization
	MCPAuthOAuth2        = gen.MCPAuthOAuth2
	MCPAuthAWSSigV4      = gen.MCPAuthAWSSigV4
	MCPAuthToken         = gen.MCPAuthToken
)

// List returns the MCP servers the caller may use (opts may be nil). The
// proxy does not page this list.
//
// Endpoint: GET /v1/mcp/server (Python: none).
func (s *MCPServersService) List(ctx context.Context, params *MCPServerListOptions, opts ...Option) ([]MCPServer, error) {
	r := newRequest(http.MethodGet, "/v1/mcp/server").
		with(gen.NewMcpServerListRequest(s.client.server, params))
	servers := new([]MCPServer)
	return result(arrayResult(servers, s.client.doJSON(ctx, r, servers, opts)))
}

// Create adds an MCP server and returns it (the proxy answers HTTP 201).
// An existing ServerID is an error matching [ErrBadRequest].
//
// Endpoint: POST /v1/mcp/server (Python: none).
func (s *MCPServersService) Create(ctx context.Context, req *MCPServerNewRequest, opts ...Option) (*MCPServer, error) {
	if req == nil {
		return nil, errors.New("POST /v1/mcp/server: no request")
	}
	r := newRequest(http.MethodPost, "/v1/mcp/server").
		with(gen.NewMcpServerCreateRequest(s.client.server, *req))
	srv := new(MCPServer)
	return result(srv, s.client.doJSON(ctx, r, srv, opts))
}

// Update changes the fields req sets of the server req.ServerID and
// returns it (the proxy answers HTTP 202). An unknown server is an error
// matching [ErrNotFound].
//
// Endpoint: PUT /v1/mcp/server (Python: none).
func (s *MCPServersService) Update(ctx context.Context, req *MCPServerUpdateRequest, opts ...Option) (*MCPServer, error) {
	if req == nil || req.ServerID == "" {
		return nil, errors.New("PUT /v1/mcp/server: server id is required")
	}
	r := newRequest(http.MethodPut, "/v1/mcp/server").
		with(gen.NewMcpServerUpdateRequest(s.client.server, *req))
	srv := new(MCPServer)
	return result(srv, s.client.doJSON(ctx, r, srv, opts))
}

// Get returns the server id, after a health check the proxy runs on the
// call. An unknown id is an error matching [ErrNotFound], a server the
// caller may not use one matching [ErrForbidden].
//
// Endpoint: GET /v1/mcp/server/{server_id} (Python: none).
func (s *MCPServersService) Get(ctx context.Context, id string, opts ...Option) (*MCPServer, error) {
	if id == "" {
		return nil, errors.New("GET /v1/mcp/server/{server_id}: server id is required")
	}
	r := newRequest(http.MethodGet, "/v1/mcp/server/{server_id}").
		with(gen.NewMcpServerGetRequest(s.client.server, id))
	srv := new(MCPServer)
	return result(srv, s.client.doJSON(ctx, r, srv, opts))
}

// Delete deletes the server id (the proxy answers HTTP 202 with an empty
// body). An unknown id is an error matching [ErrNotFound].
//
// Endpoint: DELETE /v1/mcp/server/{server_id} (Python: none).
func (s *MCPServersService) Delete(ctx context.Context, id string, opts ...Option) error {
	if id == "" {
		return errors.New("DELETE /v1/mcp/server/{server_id}: server id is required")
	}
	r := newRequest(http.MethodDelete, "/v1/mcp/server/{server_id}").
		with(gen.NewMcpServerDeleteRequest(s.client.server, id))
	return s.client.doEmpty(ctx, r, opts)
}

// Health returns the health status of the servers ids, or of every server
// the caller may use when ids is empty. Unknown ids are left out.
//
// Endpoint: GET /v1/mcp/server/health (Python: none).
func (s *MCPServersService) Health(ctx context.Context, ids []string, opts ...Option) ([]MCPServerHealth, error) {
	var params *gen.McpServerHealthParams
	if len(ids) > 0 {
		params = &gen.McpServerHealthParams{ServerIds: ids}
	}
	r := newRequest(http.MethodGet, "/v1/mcp/server/health").
		with(gen.NewMcpServerHealthRequest(s.client.server, params))
	health := new([]MCPServerHealth)
	return result(arrayResult(health, s.client.doJSON(ctx, r, health, opts)))
}

// AccessGroups returns the access groups of the MCP servers in the proxy's
// config and database, sorted.
//
// Endpoint: GET /v1/mcp/access_groups (Python: none).
func (s *MCPServersService) AccessGroups(ctx context.Context, opts ...Option) ([]string, error) {
	r := newRequest(http.MethodGet, "/v1/mcp/access_groups").
		with(gen.NewMcpAccessGroupsRequest(s.client.server))
	res := new(gen.MCPAccessGroups)
	return result(arrayResult(&res.AccessGroups, s.client.doJSON(ctx, r, res, opts)))
}

// Tools returns the tools of the MCP servers the caller's key may use (the
// proxy asks each server for its tools).
//
// Endpoint: GET /v1/mcp/tools (Python: none).
func (s *MCPServersService) Tools(ctx context.Context, opts ...Option) ([]MCPTool, error) {
	r := newRequest(http.MethodGet, "/v1/mcp/tools").
		with(gen.NewMcpToolsRequest(s.client.server))
	res := new(gen.MCPTools)
	return result(arrayResult(&res.Tools, s.client.doJSON(ctx, r, res, opts)))
}
