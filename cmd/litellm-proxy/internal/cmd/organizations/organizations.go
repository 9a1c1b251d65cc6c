// Package organizations implements "litellm-proxy organizations": list,
// create, get, update, delete, add-member, update-member and remove-member.
package organizations

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdOrganizations returns the organizations command group.
func NewCmdOrganizations(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("organizations", "Manage organizations",
		cmdutil.Heredoc(`
			Create, inspect, change and delete organizations (groups of teams and users
			with a shared budget and model list) and their members. Creating and
			deleting organizations needs a proxy admin key. LiteLLM 1.106 and later
			offer organizations only with an Enterprise license.`),
		`  litellm-proxy organizations create --alias acme --max-budget 100
  litellm-proxy organizations add-member ORG_ID --user-id alice --role org_admin
  litellm-proxy organizations list`)
	cmd.Aliases = []string{"orgs"}
	cmd.AddCommand(
		NewCmdList(f, nil), NewCmdCreate(f, nil), NewCmdGet(f, nil), NewCmdUpdate(f, nil), NewCmdDelete(f, nil),
		NewCmdAddMember(f, nil), NewCmdUpdateMember(f, nil), NewCmdRemoveMember(f, nil),
	)
	return cmd
}
