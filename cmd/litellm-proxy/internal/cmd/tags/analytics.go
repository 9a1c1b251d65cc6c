package tags

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// AnalyticsOptions are the inputs of the tag analytics commands.
type AnalyticsOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Format string
	// Start and End are the days of activity and summary.
	Start, End string
	// Tags are the tags (--tag, repeated or comma-separated); Contains
	// keeps the tags that contain it.
	Tags     []string
	Contains string
	// Model and APIKey narrow activity.
	Model, APIKey string
	// Period is dau, wau or mau (active-users).
	Period     string
	Page, Size int
}

// filter is the tag filter of the options.
func (o *AnalyticsOptions) filter() facade.TagFilter {
	return facade.TagFilter{Contains: o.Contains, Tags: o.Tags}
}

// analyticsCmd builds a tag analytics command: run runs it unless runF is
// set (tests); check checks its flags first.
func analyticsCmd(f *cmdutil.Factory, runF func(*AnalyticsOptions) error, cmd *cobra.Command, opts *AnalyticsOptions,
	check func() error, run func(context.Context, *AnalyticsOptions) error) *cobra.Command {
	cmd.Args = cmdutil.NoArgs
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		opts.Format = f.Format()
		if check != nil {
			if err := check(); err != nil {
				return err
			}
		}
		if runF != nil {
			return runF(opts)
		}
		return run(cmd.Context(), opts)
	}
	return cmd
}

// dateFlags registers --start-date and --end-date; required returns the
// usage error when one is missing.
func dateFlags(cmd *cobra.Command, opts *AnalyticsOptions) (required func() error) {
	cmd.Flags().StringVar(&opts.Start, "start-date", "", "First day (YYYY-MM-DD)")
	cmd.Flags().StringVar(&opts.End, "end-date", "", "Last day (YYYY-MM-DD)")
	return func() error {
		if opts.Start == "" || opts.End == "" {
			return cmdutil.FlagErrorf("--start-date and --end-date are required")
		}
		return nil
	}
}

// filterFlags registers --tag and --contains.
func filterFlags(cmd *cobra.Command, opts *AnalyticsOptions) {
	cmd.Flags().StringSliceVar(&opts.Tags, "tag", nil, "Only these tags (repeat, or comma-separated)")
	cmd.Flags().StringVar(&opts.Contains, "contains", "", "Only the tags that contain this text (ignored with --tag)")
}

// NewCmdActivity returns "tags activity".
func NewCmdActivity(f *cmdutil.Factory, runF func(*AnalyticsOptions) error) *cobra.Command {
	opts := &AnalyticsOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "activity --start-date YYYY-MM-DD --end-date YYYY-MM-DD [--tag T...] [--model M] [--api-key HASH]",
		Short: "Show the tags' spend and requests per day",
		Long: cmdutil.Heredoc(`
			Show the spend, tokens and requests per day of the request tags (GET
			/tag/daily/activity, one page) as a table with the columns Date, Spend,
			Requests, Failed and Tokens, or the proxy's answer with --format json
			(with the breakdown by model, provider, key and tag). A request with
			several tags counts once for each. Internal users see their own keys'
			activity only.`),
		Example: `  litellm-proxy tags activity --start-date 2026-12-01 --end-date 2026-12-31 --tag prod`,
	}
	required := dateFlags(cmd, opts)
	fs := cmd.Flags()
	fs.StringSliceVar(&opts.Tags, "tag", nil, "Only these tags (repeat, or comma-separated)")
	fs.StringVar(&opts.Model, "model", "", "Only this model")
	fs.StringVar(&opts.APIKey, "api-key", "", "Only this key (its hash)")
	fs.IntVar(&opts.Page, "page", 0, "Page of daily rows, from 1")
	fs.IntVar(&opts.Size, "page-size", 0, "Daily rows per page (proxy default 10)")
	return analyticsCmd(f, runF, cmd, opts, required, activityRun)
}

func activityRun(ctx context.Context, opts *AnalyticsOptions) error {
	return cmdutil.ActivityRun(ctx, opts.IO, opts.Format, opts.Client,
		func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.SpendAnalytics, error) {
			return c.Tags.DailyActivity(ctx, &facade.TagActivityOptions{Start: opts.Start, End: opts.End, Tags: opts.Tags,
				Model: opts.Model, APIKey: opts.APIKey, Page: opts.Page, Size: opts.Size}, o)
		}, "Tag Activity")
}

// NewCmdSummary returns "tags summary".
func NewCmdSummary(f *cmdutil.Factory, runF func(*AnalyticsOptions) error) *cobra.Command {
	opts := &AnalyticsOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "summary --start-date YYYY-MM-DD --end-date YYYY-MM-DD [--tag T... | --contains TEXT]",
		Short: "Summarize the tags' usage",
		Long: cmdutil.Heredoc(`
			Show per request tag its distinct users, requests, tokens and spend over
			the days given (GET /tag/summary), the most requests first, as a table with
			the columns Tag, Users, Requests, Failed, Tokens and Spend, or as the JSON
			list with --format json. The User-Agent tags the proxy adds to every
			request are tags too. Proxy admin key needed.`),
		Example: `  litellm-proxy tags summary --start-date 2026-12-01 --end-date 2026-12-31 --contains User-Agent`,
	}
	required := dateFlags(cmd, opts)
	filterFlags(cmd, opts)
	return analyticsCmd(f, runF, cmd, opts, required, func(ctx context.Context, opts *AnalyticsOptions) error {
		return cmdutil.ListMemberRun(ctx, opts.IO, opts.Format, opts.Client,
			func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.TagSummary, error) {
				return c.Tags.Summary(ctx, &facade.TagSummaryOptions{Start: opts.Start, End: opts.End, TagFilter: opts.filter()}, o)
			}, "results", "tag usage", func(list []facade.TagSummary) *output.Table {
				t := output.NewTable("Tag Summary", "Tag", "Users", "Requests", "Failed", "Tokens", "Spend")
				for _, s := range list {
					t.AddRow(s.Tag, strconv.Itoa(s.UniqueUsers), strconv.Itoa(s.TotalRequests), strconv.Itoa(s.FailedRequests),
						strconv.Itoa(s.TotalTokens), output.Num(s.TotalSpend))
				}
				return t
			})
	})
}

// NewCmdDistinct returns "tags distinct".
func NewCmdDistinct(f *cmdutil.Factory, runF func(*AnalyticsOptions) error) *cobra.Command {
	opts := &AnalyticsOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "distinct",
		Short: "List the tags requests used",
		Long: cmdutil.Heredoc(`
			List the tags requests used that are User-Agent tags or have no colon
			(GET /tag/distinct), the most used first, at most 250, one a line, or as
			the JSON list with --format json. Proxy admin key needed.`),
		Example: `  litellm-proxy tags distinct`,
	}
	return analyticsCmd(f, runF, cmd, opts, nil, func(ctx context.Context, opts *AnalyticsOptions) error {
		return cmdutil.ListMemberRun(ctx, opts.IO, opts.Format, opts.Client,
			func(ctx context.Context, c *facade.Client, o facade.Option) ([]string, error) {
				return c.Tags.Distinct(ctx, o)
			}, "results", "tags", func(list []string) *output.Table {
				t := output.NewTable("Tags", "Tag")
				for _, s := range list {
					t.AddRow(s)
				}
				return t
			})
	})
}

// NewCmdActiveUsers returns "tags active-users".
func NewCmdActiveUsers(f *cmdutil.Factory, runF func(*AnalyticsOptions) error) *cobra.Command {
	opts := &AnalyticsOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "active-users [--period dau|wau|mau] [--tag T... | --contains TEXT]",
		Short: "Count the tags' active users",
		Long: cmdutil.Heredoc(`
			Count the distinct users (of the keys that made the requests; the master
			key has none) per tag and period: per day for the last seven days (dau,
			GET /tag/dau, the default), per week for the last seven weeks (wau, GET
			/tag/wau) or per 30 days for the last seven such months (mau, GET
			/tag/mau), all ending on UTC tomorrow. A table with the columns Tag,
			Period, Start, End and Users, or the JSON list with --format json. Proxy
			admin key needed.`),
		Example: `  litellm-proxy tags active-users --period wau --contains User-Agent`,
	}
	cmdutil.StringEnumFlag(cmd.Flags(), &opts.Period, "period", "dau", "Period: dau, wau or mau", "dau", "wau", "mau")
	filterFlags(cmd, opts)
	return analyticsCmd(f, runF, cmd, opts, nil, func(ctx context.Context, opts *AnalyticsOptions) error {
		return cmdutil.ListMemberRun(ctx, opts.IO, opts.Format, opts.Client,
			func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.TagActiveUsers, error) {
				filter := opts.filter()
				switch opts.Period {
				case "wau":
					return c.Tags.WeeklyActiveUsers(ctx, &filter, o)
				case "mau":
					return c.Tags.MonthlyActiveUsers(ctx, &filter, o)
				}
				return c.Tags.DailyActiveUsers(ctx, &filter, o)
			}, "results", "active users", func(list []facade.TagActiveUsers) *output.Table {
				t := output.NewTable("Active Users", "Tag", "Period", "Start", "End", "Users")
				for _, a := range list {
					t.AddRow(a.Tag, a.Date, dash(a.PeriodStart), dash(a.PeriodEnd), strconv.Itoa(a.ActiveUsers))
				}
				return t
			})
	})
}

// NewCmdUserUsage returns "tags user-usage".
func NewCmdUserUsage(f *cmdutil.Factory, runF func(*AnalyticsOptions) error) *cobra.Command {
	opts := &AnalyticsOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "user-usage [--tag T... | --contains TEXT] [--page N [--page-size N]]",
		Short: "Show each user's usage of the tags",
		Long: cmdutil.Heredoc(`
			Show per user (of the keys that made the requests of the last 30 days)
			its requests, tokens and spend in the tags' daily spend, with its email and
			the tag of its first row as User Agent, the most successful requests first
			(GET /tag/user-agent/per-user-analytics): every page, or only --page. A
			request counts once per matching tag. A table with the columns User ID,
			Email, User Agent, Requests, Failed, Tokens and Spend, or the JSON list
			with --format json. Proxy admin key needed.`),
		Example: `  litellm-proxy tags user-usage --contains User-Agent --format json`,
	}
	filterFlags(cmd, opts)
	cmd.Flags().IntVar(&opts.Page, "page", 0, "Only this page, from 1")
	cmd.Flags().IntVar(&opts.Size, "page-size", 0, "Users per page (1 to 1000; proxy default 50)")
	check := func() error {
		if opts.Page < 0 || opts.Size < 0 || opts.Size > 1000 {
			return cmdutil.FlagErrorf("--page must be at least 1 and --page-size 1 to 1000")
		}
		return nil
	}
	return analyticsCmd(f, runF, cmd, opts, check, func(ctx context.Context, opts *AnalyticsOptions) error {
		return cmdutil.ListMemberRun(ctx, opts.IO, opts.Format, opts.Client,
			func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.TagUserUsage, error) {
				uo := &facade.TagUserUsageOptions{TagFilter: opts.filter(), Page: opts.Page, Size: opts.Size}
				if opts.Page > 0 {
					p, err := c.Tags.UserUsage(ctx, uo, o)
					if err != nil || p == nil {
						return nil, err
					}
					return p.Results, nil
				}
				var all []facade.TagUserUsage
				for u, err := range c.Tags.AllUserUsage(ctx, uo, o) {
					if err != nil {
						return nil, err
					}
					all = append(all, *u)
				}
				return all, nil
			}, "results", "users", func(list []facade.TagUserUsage) *output.Table {
				t := output.NewTable("Tag Usage per User", "User ID", "Email", "User Agent", "Requests", "Failed", "Tokens", "Spend")
				for _, u := range list {
					t.AddRow(u.UserID, dash(u.UserEmail), dash(u.UserAgent), strconv.Itoa(u.TotalRequests), strconv.Itoa(u.FailedRequests),
						strconv.Itoa(u.TotalTokens), output.Num(u.Spend))
				}
				return t
			})
	})
}
