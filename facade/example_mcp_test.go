package facade_test

import (
	"context"
	"fmt"
	"log"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExampleMCPServersService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	// The proxy stores the credentials and never answers them.
	if _, err := c.MCPServers.Create(ctx, &facade.MCPServerNewRequest{
		ServerID: "docs", ServerName: "docs", URL: "https://mcp.example.com/mcp",
		Transport: facade.MCPTransportHTTP, AuthType: facade.MCPAuthBearerToken,
		Credentials:     &facade.MCPCredentials{AuthValue: "upstream-token"},
		McpAccessGroups: []string{"engineering"},
	}); err != nil {
		log.Fatal(err)
	}
	s, _ := c.MCPServers.Get(ctx, "docs")
	fmt.Println(s.ServerName, s.Transport, s.AuthType, s.Credentials == nil)
	groups, _ := c.MCPServers.AccessGroups(ctx)
	fmt.Println(groups)
	if err := c.MCPServers.Delete(ctx, "docs"); err != nil {
		log.Fatal(err)
	}
	// Output:
	// docs http bearer_token true
	// [engineering]
}
