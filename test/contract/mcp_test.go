package contract

import (
	"context"
	"fmt"
	"net/http"
	"slices"

	"github.com/litellm-go/proxyclient/facade"
)

// mcpSteps exercise the MCPServers service (issue 14, family 8). Without a
// database the proxy still lists (the config's servers, none here),
// reports health, access groups and tools; the rest answer HTTP 500
// {"detail": {"error": "Database not connected. ..."}}.
func mcpSteps() []step {
	const id, name, group, missing = "proxyclient-contract-mcp", "proxyclient_contract_mcp", "proxyclient-contract-mcp-group", "proxyclient-contract-no-such-mcp"
	dbDown := detailEnv(http.StatusInternalServerError, "Database not connected")
	has := func(servers []facade.MCPServer) bool {
		return slices.ContainsFunc(servers, func(s facade.MCPServer) bool { return s.ServerID == id })
	}
	return []step{
		{name: "mcp list", readOnly: true, run: func(ctx context.Context, e *env) error {
			servers, err := e.c.MCPServers.List(ctx, nil)
			if err == nil && e.noDB && len(servers) != 0 {
				return fmt.Errorf("a proxy without a database and without MCP servers in its config listed %d", len(servers))
			}
			return err
		}},
		{name: "mcp create", run: func(ctx context.Context, e *env) error {
			s, err := e.c.MCPServers.Create(ctx, &facade.MCPServerNewRequest{ServerID: id, ServerName: name,
				Description: "contract", URL: "http://127.0.0.1:9/mcp", Transport: facade.MCPTransportHTTP,
				AuthType: facade.MCPAuthBearerToken, Credentials: &facade.MCPCredentials{AuthValue: "contract-upstream-token"},
				McpAccessGroups: []string{group}})
			if err == nil && (s.ServerID != id || s.Alias != name || s.Credentials != nil || s.Transport != facade.MCPTransportHTTP) {
				return fmt.Errorf("created %+v", s)
			}
			return err
		}, noDB: dbDown},
		{name: "mcp create duplicate", want: facade.ErrBadRequest, run: func(ctx context.Context, e *env) error {
			_, err := e.c.MCPServers.Create(ctx, &facade.MCPServerNewRequest{ServerID: id, ServerName: name,
				URL: "http://127.0.0.1:9/mcp", Transport: facade.MCPTransportHTTP})
			return err
		}, noDB: dbDown},
		{name: "mcp list has the server", run: func(ctx context.Context, e *env) error {
			servers, err := e.c.MCPServers.List(ctx, nil)
			if err == nil && !e.noDB && !has(servers) {
				return fmt.Errorf("list has no %s: %d servers", id, len(servers))
			}
			return err
		}},
		{name: "mcp get", run: func(ctx context.Context, e *env) error {
			s, err := e.c.MCPServers.Get(ctx, id)
			if err == nil && (s.ServerID != id || s.Credentials != nil || s.Status == "") {
				return fmt.Errorf("got %+v", s)
			}
			return err
		}, noDB: dbDown},
		{name: "mcp get missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.MCPServers.Get(ctx, missing)
			return err
		}, noDB: dbDown},
		{name: "mcp update", run: func(ctx context.Context, e *env) error {
			s, err := e.c.MCPServers.Update(ctx, &facade.MCPServerUpdateRequest{ServerID: id, Description: "contract 2"})
			if err == nil && (s.Description != "contract 2" || s.ServerName != name || !slices.Equal(s.McpAccessGroups, []string{group})) {
				return fmt.Errorf("updated %+v", s)
			}
			return err
		}, noDB: dbDown},
		{name: "mcp update missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.MCPServers.Update(ctx, &facade.MCPServerUpdateRequest{ServerID: missing, Description: "x"})
			return err
		}, noDB: dbDown},
		{name: "mcp health", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.MCPServers.Health(ctx, nil)
			return err
		}},
		{name: "mcp health of the server", run: func(ctx context.Context, e *env) error {
			h, err := e.c.MCPServers.Health(ctx, []string{id, missing})
			if err == nil && !e.noDB && (len(h) != 1 || h[0].ServerID != id) {
				return fmt.Errorf("health %+v, want %s only", h, id)
			}
			return err
		}},
		{name: "mcp access groups", readOnly: true, run: func(ctx context.Context, e *env) error {
			groups, err := e.c.MCPServers.AccessGroups(ctx)
			if err == nil && e.noDB && len(groups) != 0 {
				return fmt.Errorf("access groups %v without a database", groups)
			}
			return err
		}},
		{name: "mcp access groups have the server's", run: func(ctx context.Context, e *env) error {
			groups, err := e.c.MCPServers.AccessGroups(ctx)
			if err == nil && !e.noDB && !slices.Contains(groups, group) {
				return fmt.Errorf("access groups %v have no %s", groups, group)
			}
			return err
		}},
		{name: "mcp tools", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.MCPServers.Tools(ctx)
			return err
		}},
		{name: "mcp delete", run: func(ctx context.Context, e *env) error {
			return e.c.MCPServers.Delete(ctx, id)
		}, noDB: dbDown},
		{name: "mcp delete missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			return e.c.MCPServers.Delete(ctx, id)
		}, noDB: dbDown},
	}
}
