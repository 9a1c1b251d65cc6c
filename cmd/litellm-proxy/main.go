// Command litellm-proxy is the command-line client of a LiteLLM proxy: it
// manages models, model groups, virtual keys, credentials, users and teams,
// sends chat completions and raw HTTP requests, and logs in through the
// proxy's SSO flow. Run "litellm-proxy --help" for the command tree.
package main

import (
	"os"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cli"
)

func main() {
	os.Exit(cli.Main())
}
