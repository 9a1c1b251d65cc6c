// Package keys implements "litellm-proxy keys": list, generate, info,
// update, delete, regenerate, block, unblock, import, aliases and health
// of virtual keys.
package keys

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
)

// NewCmdKeys returns the keys command group.
func NewCmdKeys(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("keys", "Manage API keys",
		cmdutil.Heredoc(`
			Create, inspect, change, block, regenerate, delete and copy the proxy's
			virtual keys. Tables show keys masked (sk-…abcd) or as their hashes; only
			"keys generate" and "keys regenerate" print a new key in full, since
			handing it over is their purpose.`),
		`  litellm-proxy keys list
  litellm-proxy keys generate --models gpt-4o,claude-3-5-sonnet --duration 30d --key-alias ci
  litellm-proxy keys delete --key-aliases ci`)
	cmd.AddCommand(
		NewCmdList(f, nil), NewCmdGenerate(f, nil), NewCmdInfo(f, nil), NewCmdUpdate(f, nil),
		NewCmdDelete(f, nil), NewCmdRegenerate(f, nil), NewCmdBlock(f, nil), NewCmdUnblock(f, nil),
		NewCmdImport(f, nil), NewCmdAliases(f, nil), NewCmdHealth(f, nil),
		NewCmdResetSpend(f, nil), NewCmdBulkUpdate(f, nil), NewCmdGenerateServiceAccount(f, nil), NewCmdUpdateTeam(f, nil),
	)
	return cmd
}

// KeyFields are the key settings "keys generate" and "keys update" take.
type KeyFields struct {
	Models   []string
	Aliases  map[string]any
	Spend    *float64
	Duration string
	KeyAlias string
	TeamID   string
	UserID   string
	BudgetID string
	Config   map[string]any
}

// keyFlags holds the raw flag values behind KeyFields.
type keyFlags struct {
	models, aliases, duration, keyAlias, teamID, userID, budgetID, config string
	spend                                                                 float64
}

// keyFlagNames are the flags of KeyFields.
var keyFlagNames = []string{"models", "aliases", "spend", "duration", "key-alias", "team-id", "user-id", "budget-id", "config"}

func (k *keyFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&k.models, "models", "", "Comma-separated models the key may use")
	fs.StringVar(&k.aliases, "aliases", "", `Model aliases as a JSON object, e.g. '{"gpt4": "gpt-4o"}'`)
	fs.Float64Var(&k.spend, "spend", 0, "Spend to record on the key")
	fs.StringVar(&k.duration, "duration", "", "Lifetime of the key, e.g. 30s, 30m, 30h, 30d")
	fs.StringVar(&k.keyAlias, "key-alias", "", "Alias of the key")
	fs.StringVar(&k.teamID, "team-id", "", "Team the key belongs to")
	fs.StringVar(&k.userID, "user-id", "", "User the key belongs to")
	fs.StringVar(&k.budgetID, "budget-id", "", "Budget to attach to the key")
	fs.StringVar(&k.config, "config", "", "Key config as a JSON object")
}

// anySet reports whether one of the key flags was given.
func anySet(cmd *cobra.Command) bool {
	for _, name := range keyFlagNames {
		if cmdutil.Changed(cmd, name) {
			return true
		}
	}
	return false
}

// parse checks the flags and returns the fields.
func (k *keyFlags) parse(cmd *cobra.Command) (KeyFields, error) {
	var out KeyFields
	out.Models = cmdutil.SplitCSV(k.models)
	var err error
	if k.aliases != "" {
		if out.Aliases, err = cmdutil.ParseJSONObjectFlag("--aliases", k.aliases); err != nil {
			return out, err
		}
	}
	if k.config != "" {
		if out.Config, err = cmdutil.ParseJSONObjectFlag("--config", k.config); err != nil {
			return out, err
		}
	}
	if cmdutil.Changed(cmd, "spend") {
		out.Spend = cmdutil.Ptr(k.spend)
	}
	out.Duration, out.KeyAlias, out.TeamID, out.UserID, out.BudgetID = k.duration, k.keyAlias, k.teamID, k.userID, k.budgetID
	return out, nil
}
