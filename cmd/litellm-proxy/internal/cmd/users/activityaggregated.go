package users

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/facade"
)

// NewCmdActivityAggregated returns "users activity-aggregated".
func NewCmdActivityAggregated(f *cmdutil.Factory, runF func(*ActivityOptions) error) *cobra.Command {
	opts := &ActivityOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "activity-aggregated --start-date YYYY-MM-DD --end-date YYYY-MM-DD [--user-id ID]",
		Short: "Show all users' spend and requests per day, in one answer",
		Long: cmdutil.Heredoc(`
			Show the spend, tokens and requests per day of every user (or --user-id)
			summed over the users, for the whole range at once (GET
			/user/daily/activity/aggregated; proxy admins): a table with the columns
			Date, Spend, Requests, Failed and Tokens, or the proxy's answer with
			--format json (with the breakdown by model, provider and key).`),
		Example: `  litellm-proxy users activity-aggregated --start-date 2026-01-01 --end-date 2026-01-31`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if opts.Start == "" || opts.End == "" {
				return cmdutil.FlagErrorf("--start-date and --end-date are required")
			}
			if runF != nil {
				return runF(opts)
			}
			return activityAggregatedRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Start, "start-date", "", "First day (YYYY-MM-DD)")
	fs.StringVar(&opts.End, "end-date", "", "Last day (YYYY-MM-DD)")
	fs.StringVar(&opts.UserID, "user-id", "", "Only this user")
	fs.StringVar(&opts.Model, "model", "", "Only this model")
	return cmd
}

func activityAggregatedRun(ctx context.Context, opts *ActivityOptions) error {
	return printActivity(ctx, opts, (*facade.UsersService).DailyActivityAggregated)
}
