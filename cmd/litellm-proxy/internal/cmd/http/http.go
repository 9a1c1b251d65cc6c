// Package http implements "litellm-proxy http request": an arbitrary
// request to the proxy, with the CLI's authentication and error handling.
package http

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdHTTP returns the http command group.
func NewCmdHTTP(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("http", "Make HTTP requests to the proxy",
		cmdutil.Heredoc(`
			Send any request to the proxy, for routes the other commands do not cover.
			The API key and base URL are the CLI's.`),
		`  litellm-proxy http request GET /health/readiness
  litellm-proxy http request POST /team/block -j '{"team_id": "t1"}'`)
	cmd.AddCommand(NewCmdRequest(f, nil))
	return cmd
}
