// Package spend implements "litellm-proxy spend": the spend logs, spend
// per tag, the Enterprise spend report and the cost of a request.
package spend

import (
	"context"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// NewCmdSpend returns the spend command group.
func NewCmdSpend(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("spend", "Read spend logs and costs",
		cmdutil.Heredoc(`
			Read what the proxy booked for its LLM requests: the spend log rows
			(one per request, with its key, user, team, customer, tags, tokens and
			cost), the spend per request tag, the Enterprise spend report, and the
			cost of a request before it is made. Every command but calculate needs a
			proxy with a database.`),
		`  litellm-proxy spend logs --start 2026-12-01 --end 2026-12-03
  litellm-proxy spend tags
  litellm-proxy spend calculate gpt-4o "How much is this?"`)
	cmd.AddCommand(NewCmdLogs(f, nil), NewCmdTags(f, nil), NewCmdReport(f, nil), NewCmdCalculate(f, nil))
	cmd.AddCommand(NewCmdGlobalTags(f, nil), NewCmdReset(f, nil)) // global.go
	return cmd
}

// Options are the inputs of the spend commands.
type Options struct {
	IO        *iostreams.IOStreams
	Client    func() (*facade.Client, error)
	Format    string
	Key       string
	User      string
	RequestID string
	Start     string
	End       string
	GroupBy   string
	Model     string
	Text      string
}

// NewCmdLogs returns "spend logs".
func NewCmdLogs(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "logs",
		Short: "List spend logs",
		Long: cmdutil.Heredoc(`
			List the spend log rows (GET /spend/logs), newest first, as a table with
			the columns Request ID, Time, Model, Key, User, Customer, Tokens and Spend,
			or as the JSON list with --format json. --start and --end (YYYY-MM-DD, UTC
			midnights) select a time range; an internal user sees only its own rows.`),
		Example: `  litellm-proxy spend logs --user alice
  litellm-proxy spend logs --start 2026-12-01 --end 2026-12-03 --format json`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if (opts.Start == "") != (opts.End == "") {
				return cmdutil.FlagErrorf("--start and --end go together")
			}
			if runF != nil {
				return runF(opts)
			}
			return logsRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Key, "key", "", "Only the rows of this key (sk-... or its hash)")
	fs.StringVar(&opts.User, "user", "", "Only the rows of this internal user")
	fs.StringVar(&opts.RequestID, "request-id", "", "Only the row of this request")
	fs.StringVar(&opts.Start, "start", "", "Start of the range, YYYY-MM-DD")
	fs.StringVar(&opts.End, "end", "", "End of the range, YYYY-MM-DD")
	return cmd
}

func logsRun(ctx context.Context, opts *Options) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	rows, err := c.Spend.Logs(ctx, &facade.SpendLogOptions{APIKey: opts.Key, UserID: opts.User, RequestID: opts.RequestID,
		Start: opts.Start, End: opts.End}, exp.Option())
	if err != nil {
		return exp.Error(err)
	}
	if exp.IsJSON() {
		if rows == nil {
			rows = []facade.SpendLog{}
		}
		return exp.JSONItems("", rows)
	}
	if len(rows) == 0 {
		output.Notef(opts.IO, "No spend logs found.\n")
		return nil
	}
	t := output.NewTable("Spend logs", "Request ID", "Time", "Model", "Key", "User", "Customer", "Tokens", "Spend")
	for _, r := range rows {
		t.AddRow(r.RequestID, r.StartTime, dash(r.ModelGroup), shortKey(r.APIKey), dash(r.User), dash(r.EndUser),
			strconv.Itoa(r.TotalTokens), output.Num(r.Spend))
	}
	return t.Render(opts.IO)
}

// shortKey shortens a hashed key to its first 12 characters.
func shortKey(k string) string {
	if len(k) > 12 && !strings.HasPrefix(k, "litellm") {
		return k[:12]
	}
	return dash(k)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// NewCmdTags returns "spend tags".
func NewCmdTags(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "tags",
		Short: "Show the spend per request tag",
		Long: cmdutil.Heredoc(`
			Show every request tag with its request count and spend (GET /spend/tags)
			as a table with the columns Tag, Requests and Spend, or as the JSON list
			with --format json. The proxy tags every request with its User-Agent too.`),
		Example: `  litellm-proxy spend tags --start 2026-12-01 --end 2026-12-03`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			return tagsRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Start, "start", "", "Start of the range, YYYY-MM-DD")
	cmd.Flags().StringVar(&opts.End, "end", "", "End of the range, YYYY-MM-DD")
	return cmd
}

func tagsRun(ctx context.Context, opts *Options) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	tags, err := c.Spend.Tags(ctx, opts.Start, opts.End, exp.Option())
	if err != nil {
		return exp.Error(err)
	}
	if exp.IsJSON() {
		if tags == nil {
			tags = []facade.SpendTag{}
		}
		return exp.JSONItems("", tags)
	}
	if len(tags) == 0 {
		output.Notef(opts.IO, "No tagged spend found.\n")
		return nil
	}
	t := output.NewTable("Spend per tag", "Tag", "Requests", "Spend")
	for _, tg := range tags {
		t.AddRow(tg.IndividualRequestTag, strconv.Itoa(tg.LogCount), output.Num(tg.TotalSpend))
	}
	return t.Render(opts.IO)
}

// NewCmdReport returns "spend report".
func NewCmdReport(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Print the daily spend report (Enterprise)",
		Long: cmdutil.Heredoc(`
			Print the spend per day grouped by team, customer or key (GET
			/global/spend/report) as JSON. An Enterprise feature: an open-source
			proxy answers HTTP 400.`),
		Example: `  litellm-proxy spend report --start 2026-12-01 --end 2026-12-03 --group-by customer`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Start == "" || opts.End == "" {
				return cmdutil.FlagErrorf("--start and --end are required")
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.SpendReportDay, error) {
				return c.Spend.Report(ctx, &facade.SpendReportOptions{Start: opts.Start, End: opts.End,
					GroupBy: opts.GroupBy, APIKey: opts.Key}, o)
			})
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Start, "start", "", "First day, YYYY-MM-DD")
	fs.StringVar(&opts.End, "end", "", "Last day, YYYY-MM-DD")
	cmdutil.StringEnumFlag(fs, &opts.GroupBy, "group-by", "", "Group the spend by", "team", "customer", "api_key")
	fs.StringVar(&opts.Key, "key", "", "Only the spend of this key")
	return cmd
}

// NewCmdCalculate returns "spend calculate".
func NewCmdCalculate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "calculate MODEL TEXT...",
		Short: "Print the cost of a request",
		Long: cmdutil.Heredoc(`
			Print the cost in USD of a user message TEXT sent to MODEL (POST
			/spend/calculate), priced as the proxy prices MODEL. Needs no database.`),
		Example: `  litellm-proxy spend calculate gpt-4o "Summarize this contract"`,
		Args:    cmdutil.MinimumArgs(2, "a model and a text"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Model, opts.Text = args[0], strings.Join(args[1:], " ")
			if runF != nil {
				return runF(opts)
			}
			c, err := opts.Client()
			if err != nil {
				return err
			}
			cost, err := c.Spend.Calculate(cmd.Context(), &facade.SpendCalculateRequest{Model: opts.Model,
				Messages: []facade.ChatMessage{facade.UserMessage(opts.Text)}})
			if err != nil {
				return err
			}
			_, err = opts.IO.Out.Write([]byte(strconv.FormatFloat(cost, 'g', -1, 64) + "\n"))
			return err
		},
	}
}
