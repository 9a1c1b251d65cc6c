// Package users implements "litellm-proxy users": list, get, create,
// update and delete of proxy users, and their daily activity.
package users

import (
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// Roles are the user roles the proxy knows.
var Roles = []string{"proxy_admin", "proxy_admin_viewer", "internal_user", "internal_user_viewer"}

// NewCmdUsers returns the users command group.
func NewCmdUsers(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("users", "Manage users",
		cmdutil.Heredoc(`
			List, show, create, change and delete the proxy's users. Admin key needed.`),
		`  litellm-proxy users list
  litellm-proxy users create --email alice@example.com --role internal_user --team engineering
  litellm-proxy users delete u1 u2`)
	cmd.AddCommand(NewCmdList(f, nil), NewCmdGet(f, nil), NewCmdCreate(f, nil), NewCmdUpdate(f, nil), NewCmdDelete(f, nil),
		NewCmdActivity(f, nil))
	cmd.AddCommand(NewCmdBulkUpdate(f, nil))
	cmd.AddCommand(NewCmdActivityAggregated(f, nil))
	cmd.AddCommand(NewCmdSeats(f, nil))
	return cmd
}
