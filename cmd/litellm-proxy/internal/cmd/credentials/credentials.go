// Package credentials implements "litellm-proxy credentials": list,
// create, get, update and delete of the provider credentials stored on the
// proxy.
package credentials

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdCredentials returns the credentials command group.
func NewCmdCredentials(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("credentials", "Manage API credentials",
		cmdutil.Heredoc(`
			Manage the provider credentials stored on the proxy, which deployments
			reference by name (litellm_credential_name) instead of carrying their own
			keys. The proxy masks secret values when it shows them. Admin key needed.`),
		`  litellm-proxy credentials list
  litellm-proxy credentials create azure-prod --info '{"custom_llm_provider": "azure"}' --values '{"api_key": "...", "api_base": "https://example.openai.azure.com"}'
  litellm-proxy credentials delete azure-prod`)
	cmd.AddCommand(NewCmdList(f, nil), NewCmdCreate(f, nil), NewCmdGet(f, nil), NewCmdUpdate(f, nil), NewCmdDelete(f, nil))
	return cmd
}
