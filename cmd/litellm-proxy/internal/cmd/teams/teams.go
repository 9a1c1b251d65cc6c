// Package teams implements "litellm-proxy teams": list, available, create,
// get, update, delete, block, unblock, add-member, update-member,
// remove-member, add-models, remove-models, permissions, set-permissions
// and activity.
package teams

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdTeams returns the teams command group.
func NewCmdTeams(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("teams", "Manage teams",
		cmdutil.Heredoc(`
			List the teams the key can see or join; create, show, change, block and
			delete teams; manage their members, models and member permissions; show
			their daily spend.`),
		`  litellm-proxy teams list
  litellm-proxy teams create --alias Engineering --models gpt-4o,claude-3-5-sonnet
  litellm-proxy teams add-member team-123 --email alice@example.com --role admin`)
	cmd.AddCommand(NewCmdList(f, nil), NewCmdAvailable(f, nil), NewCmdCreate(f, nil), NewCmdGet(f, nil),
		NewCmdDelete(f, nil), NewCmdAddMember(f, nil), NewCmdUpdate(f, nil), NewCmdUpdateMember(f, nil),
		NewCmdRemoveMember(f, nil), NewCmdBlock(f, nil), NewCmdUnblock(f, nil), NewCmdAddModels(f, nil),
		NewCmdRemoveModels(f, nil), NewCmdPermissions(f, nil), NewCmdSetPermissions(f, nil), NewCmdActivity(f, nil))
	cmd.AddCommand(NewCmdAddMembers(f, nil))
	cmd.AddCommand(NewCmdCallbacks(f, nil), NewCmdAddCallback(f, nil), NewCmdDisableLogging(f, nil))
	cmd.AddCommand(NewCmdMe(f, nil))
	cmd.AddCommand(NewCmdAddPermissions(f, nil))
	return cmd
}
