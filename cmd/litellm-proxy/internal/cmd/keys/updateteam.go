package keys

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// UpdateTeamOptions are the inputs of "keys update-team".
type UpdateTeamOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	TeamID string
	Keys   []string
	All    bool
	Fields facade.TeamKeyBulkUpdateFields
}

// NewCmdUpdateTeam returns "keys update-team".
func NewCmdUpdateTeam(f *cmdutil.Factory, runF func(*UpdateTeamOptions) error) *cobra.Command {
	opts := &UpdateTeamOptions{IO: f.IOStreams, Client: f.Client}
	var maxBudget float64
	var tpm, rpm int
	var metadata string
	cmd := &cobra.Command{
		Use:   "update-team TEAM_ID (KEY... | --all) [--max-budget --budget-id --tpm-limit --rpm-limit --duration --metadata]",
		Short: "Give many keys of a team the same settings",
		Long: cmdutil.Heredoc(`
			Give the keys KEY... (keys or their hashes) of the team TEAM_ID, or with --all
			every key of the team that is neither blocked nor expired, the settings the
			flags name (POST /team/key/bulk_update; proxy admins, team admins, and
			members the team lets update keys). Each key is updated on its own: the JSON
			printed lists the keys updated, and the others with the reason.`),
		Example: `  litellm-proxy keys update-team engineering --all --max-budget 50 --tpm-limit 10000
  litellm-proxy keys update-team engineering 88dc28d0f030c55e... --metadata '{"env": "prod"}'`,
		Args: cmdutil.MinimumArgs(1, "TEAM_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.TeamID, opts.Keys = args[0], args[1:]
			if opts.All == (len(opts.Keys) > 0) {
				return cmdutil.FlagErrorf("give either KEY... or --all")
			}
			if cmdutil.Changed(cmd, "max-budget") {
				opts.Fields.MaxBudget = cmdutil.Ptr(maxBudget)
			}
			if cmdutil.Changed(cmd, "tpm-limit") {
				opts.Fields.TpmLimit = cmdutil.Ptr(tpm)
			}
			if cmdutil.Changed(cmd, "rpm-limit") {
				opts.Fields.RpmLimit = cmdutil.Ptr(rpm)
			}
			if metadata != "" {
				m, err := cmdutil.ParseJSONObjectFlag("--metadata", metadata)
				if err != nil {
					return err
				}
				opts.Fields.Metadata = m
			}
			if !cmdutil.Changed(cmd, "max-budget") && !cmdutil.Changed(cmd, "tpm-limit") && !cmdutil.Changed(cmd, "rpm-limit") &&
				opts.Fields.BudgetID == "" && opts.Fields.Duration == "" && opts.Fields.Metadata == nil {
				return cmdutil.FlagErrorf("nothing to update: give --max-budget, --budget-id, --tpm-limit, --rpm-limit, --duration or --metadata")
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRunHiding(cmd.Context(), opts.IO, opts.Client, opts.Keys,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.KeyBulkUpdateResponse, error) {
					if opts.All {
						return c.Keys.UpdateAllTeamKeys(ctx, opts.TeamID, &opts.Fields, o)
					}
					return c.Keys.UpdateTeamKeys(ctx, opts.TeamID, opts.Keys, &opts.Fields, o)
				})
		},
	}
	fs := cmd.Flags()
	fs.BoolVar(&opts.All, "all", false, "Every key of the team that is neither blocked nor expired")
	fs.Float64Var(&maxBudget, "max-budget", 0, "Maximum budget of each key")
	fs.StringVar(&opts.Fields.BudgetID, "budget-id", "", "Budget to attach to each key")
	fs.IntVar(&tpm, "tpm-limit", 0, "Tokens per minute of each key")
	fs.IntVar(&rpm, "rpm-limit", 0, "Requests per minute of each key")
	fs.StringVar(&opts.Fields.Duration, "duration", "", "New lifetime of each key, e.g. 30d")
	fs.StringVar(&metadata, "metadata", "", "Metadata of each key, as a JSON object")
	return cmd
}
