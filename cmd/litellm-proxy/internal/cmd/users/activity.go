package users

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// ActivityOptions are the inputs of "users activity".
type ActivityOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Format string
	facade.UserActivityOptions
}

// NewCmdActivity returns "users activity".
func NewCmdActivity(f *cmdutil.Factory, runF func(*ActivityOptions) error) *cobra.Command {
	opts := &ActivityOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "activity --start-date YYYY-MM-DD --end-date YYYY-MM-DD [--user-id ID]",
		Short: "Show users' spend and requests per day",
		Long: cmdutil.Heredoc(`
			Show the spend, tokens and requests per day (GET /user/daily/activity, one
			page) as a table with the columns Date, Spend, Requests, Failed and Tokens,
			or the proxy's answer with --format json (with the breakdown by model,
			provider, key and user). A proxy admin sees every user, or --user-id;
			others only themselves.`),
		Example: `  litellm-proxy users activity --start-date 2026-01-01 --end-date 2026-01-31 --user-id u1`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if opts.Start == "" || opts.End == "" {
				return cmdutil.FlagErrorf("--start-date and --end-date are required")
			}
			if runF != nil {
				return runF(opts)
			}
			return activityRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Start, "start-date", "", "First day (YYYY-MM-DD)")
	fs.StringVar(&opts.End, "end-date", "", "Last day (YYYY-MM-DD)")
	fs.StringVar(&opts.UserID, "user-id", "", "Only this user")
	fs.StringVar(&opts.Model, "model", "", "Only this model")
	fs.IntVar(&opts.Page, "page", 0, "Page of daily rows, from 1")
	fs.IntVar(&opts.Size, "page-size", 0, "Daily rows per page (proxy default 50)")
	return cmd
}

func activityRun(ctx context.Context, opts *ActivityOptions) error {
	return printActivity(ctx, opts, (*facade.UsersService).DailyActivity)
}

// printActivity prints the daily activity that call answers: the proxy's
// answer with --format json, else a table of the days.
func printActivity(ctx context.Context, opts *ActivityOptions,
	call func(*facade.UsersService, context.Context, *facade.UserActivityOptions, ...facade.Option) (*facade.SpendAnalytics, error)) error {
	ao := opts.UserActivityOptions
	return cmdutil.ActivityRun(ctx, opts.IO, opts.Format, opts.Client,
		func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.SpendAnalytics, error) {
			return call(c.Users, ctx, &ao, o)
		}, "User Activity")
}
