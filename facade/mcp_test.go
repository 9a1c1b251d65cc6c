package facade

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMCPServersService(t *testing.T) {
	t.Parallel()
	srvJSON := `{"server_id":"s1","server_name":"docs","alias":"docs","url":"http://127.0.0.1:9/mcp","transport":"http",
		"auth_type":"bearer_token","credentials":null,"mcp_access_groups":["g1"],"static_headers":{},"status":"unknown","approval_status":"active"}`
	want := &MCPServer{ServerID: "s1", ServerName: "docs", Alias: "docs", URL: "http://127.0.0.1:9/mcp", Transport: MCPTransportHTTP,
		AuthType: MCPAuthBearerToken, McpAccessGroups: []string{"g1"}, StaticHeaders: map[string]string{}, Status: "unknown", ApprovalStatus: "active"}
	no := false
	tests := []struct {
		name, method, path string
		query              url.Values
		wantBody, response string
		status             int
		call               func(ctx context.Context, c *Client) (any, error)
		want               any
		wantErr            error
	}{
		{name: "list", method: http.MethodGet, path: "/v1/mcp/server", query: url.Values{}, response: "[" + srvJSON + "]",
			call: func(ctx context.Context, c *Client) (any, error) { return c.MCPServers.List(ctx, nil) }, want: []MCPServer{*want}},
		{name: "list by team", method: http.MethodGet, path: "/v1/mcp/server", query: url.Values{"team_id": {"t1"}}, response: "[]",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.MCPServers.List(ctx, &MCPServerListOptions{TeamID: "t1"})
			}, want: []MCPServer{}},
		{name: "create", method: http.MethodPost, path: "/v1/mcp/server", status: http.StatusCreated,
			wantBody: `{"server_name":"docs","url":"http://127.0.0.1:9/mcp","transport":"http","auth_type":"bearer_token",
				"credentials":{"auth_value":"sk-upstream-secret"}}`, response: srvJSON,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.MCPServers.Create(ctx, &MCPServerNewRequest{ServerName: "docs", URL: "http://127.0.0.1:9/mcp",
					Transport: MCPTransportHTTP, AuthType: MCPAuthBearerToken, Credentials: &MCPCredentials{AuthValue: "sk-upstream-secret"}})
			}, want: want},
		{name: "create duplicate", method: http.MethodPost, path: "/v1/mcp/server", status: 400, wantBody: `{"server_id":"s1"}`,
			response: `{"detail":{"error":"MCP Server with id s1 already exists. Cannot create another."}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.MCPServers.Create(ctx, &MCPServerNewRequest{ServerID: "s1"})
			}, wantErr: ErrBadRequest},
		{name: "update", method: http.MethodPut, path: "/v1/mcp/server", status: http.StatusAccepted,
			wantBody: `{"server_id":"s1","description":"d","allow_all_keys":false}`, response: srvJSON,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.MCPServers.Update(ctx, &MCPServerUpdateRequest{ServerID: "s1", Description: "d", AllowAllKeys: &no})
			}, want: want},
		{name: "update unknown", method: http.MethodPut, path: "/v1/mcp/server", status: 404, wantBody: `{"server_id":"x"}`,
			response: `{"detail":{"error":"MCP Server not found, passed server_id=x"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.MCPServers.Update(ctx, &MCPServerUpdateRequest{ServerID: "x"})
			}, wantErr: ErrNotFound},
		{name: "get", method: http.MethodGet, path: "/v1/mcp/server/s1", response: srvJSON,
			call: func(ctx context.Context, c *Client) (any, error) { return c.MCPServers.Get(ctx, "s1") }, want: want},
		{name: "get forbidden", method: http.MethodGet, path: "/v1/mcp/server/s1", status: 403,
			response: `{"detail":{"error":"User does not have permission to view mcp server with id s1."}}`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.MCPServers.Get(ctx, "s1") }, wantErr: ErrForbidden},
		{name: "health", method: http.MethodGet, path: "/v1/mcp/server/health", query: url.Values{"server_ids": {"s1", "s2"}},
			response: `[{"server_id":"s1","status":"unknown"}]`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.MCPServers.Health(ctx, []string{"s1", "s2"})
			}, want: []MCPServerHealth{{ServerID: "s1", Status: "unknown"}}},
		{name: "health of all", method: http.MethodGet, path: "/v1/mcp/server/health", query: url.Values{}, response: `[]`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.MCPServers.Health(ctx, []string{}) },
			want: []MCPServerHealth{}},
		{name: "access groups", method: http.MethodGet, path: "/v1/mcp/access_groups", response: `{"access_groups":["a","b"]}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.MCPServers.AccessGroups(ctx) }, want: []string{"a", "b"}},
		{name: "tools", method: http.MethodGet, path: "/v1/mcp/tools", response: `{"tools":[{"name":"search"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.MCPServers.Tools(ctx) }, want: []MCPTool{{"name": "search"}}},
		{name: "tools none", method: http.MethodGet, path: "/v1/mcp/tools", response: `{"tools":[]}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.MCPServers.Tools(ctx) }, want: []MCPTool{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc(tt.path, func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, tt.method)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				if tt.query != nil {
					testQuery(t, r, tt.query)
				}
				if tt.wantBody != "" {
					testJSONBody(t, r, tt.wantBody)
				}
				writeJSON(w, max(tt.status, http.StatusOK), tt.response)
			})
			got, err := tt.call(t.Context(), c)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
		})
	}
}

// Delete: HTTP 202 with an empty body (and no content type) is success.
func TestMCPServersService_Delete(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/v1/mcp/server/a%2Fb", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodDelete)
		w.WriteHeader(http.StatusAccepted)
	})
	mux.HandleFunc("/v1/mcp/server/gone", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, `{"detail":{"error":"MCP Server not found, passed server_id=gone"}}`)
	})
	if err := c.MCPServers.Delete(t.Context(), "a/b"); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if err := c.MCPServers.Delete(t.Context(), "gone"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete unknown: %v, want ErrNotFound", err)
	}
}

func TestMCPServersService_invalid(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	ctx := t.Context()
	for name, call := range map[string]func() error{
		"create nil":   func() error { _, err := c.MCPServers.Create(ctx, nil); return err },
		"update nil":   func() error { _, err := c.MCPServers.Update(ctx, nil); return err },
		"update no id": func() error { _, err := c.MCPServers.Update(ctx, &MCPServerUpdateRequest{}); return err },
		"get no id":    func() error { _, err := c.MCPServers.Get(ctx, ""); return err },
		"delete no id": func() error { return c.MCPServers.Delete(ctx, "") },
	} {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
