package spend

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// GlobalOptions are the inputs of "spend global-tags" and "spend reset".
type GlobalOptions struct {
	IO         *iostreams.IOStreams
	Client     func() (*facade.Client, error)
	Format     string
	Start, End string
	Tags       []string
	// Yes skips the confirmation of "spend reset".
	Yes bool
}

// NewCmdGlobalTags returns "spend global-tags".
func NewCmdGlobalTags(f *cmdutil.Factory, runF func(*GlobalOptions) error) *cobra.Command {
	opts := &GlobalOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "global-tags --start YYYY-MM-DD --end YYYY-MM-DD [--tag T...]",
		Short: "Show the spend per request tag of a period",
		Long: cmdutil.Heredoc(`
			Show the request count and spend (rounded to 4 places) per request tag of
			the days --start to --end (GET /global/spend/tags), highest spend first, as
			a table with the columns Tag, Requests and Spend, or as the JSON list with
			--format json. --tag keeps those tags. Proxy admins, admin viewers and keys
			with the get_spend_routes permission only.`),
		Example: `  litellm-proxy spend global-tags --start 2026-12-01 --end 2026-12-31 --tag prod,dev`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if opts.Start == "" || opts.End == "" {
				return cmdutil.FlagErrorf("--start and --end are required")
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.ListMemberRun(cmd.Context(), opts.IO, opts.Format, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.GlobalSpendTag, error) {
					return c.Spend.GlobalTags(ctx, &facade.GlobalSpendTagsOptions{Start: opts.Start, End: opts.End, Tags: opts.Tags}, o)
				}, "spend_per_tag", "tagged spend", func(list []facade.GlobalSpendTag) *output.Table {
					t := output.NewTable("Spend per tag", "Tag", "Requests", "Spend")
					for _, tg := range list {
						t.AddRow(tg.Name, strconv.Itoa(tg.LogCount), output.Num(tg.Spend))
					}
					return t
				})
		},
	}
	cmd.Flags().StringVar(&opts.Start, "start", "", "First day, YYYY-MM-DD")
	cmd.Flags().StringVar(&opts.End, "end", "", "Last day, YYYY-MM-DD")
	cmd.Flags().StringSliceVar(&opts.Tags, "tag", nil, "Only these tags (repeat, or comma-separated)")
	return cmd
}

// NewCmdReset returns "spend reset".
func NewCmdReset(f *cmdutil.Factory, runF func(*GlobalOptions) error) *cobra.Command {
	opts := &GlobalOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "reset [--yes]",
		Short: "Reset the spend of every key and team",
		Long: cmdutil.Heredoc(`
			Set the spend of every virtual key and every team to 0 (POST
			/global/spend/reset), which restarts their budgets, and print the proxy's
			answer as JSON. The spend logs, and the users' and customers' spend, stay.
			It cannot be undone, so it asks you to type "reset" first; without a
			terminal to ask on, --yes is required. Only the master key may do it.`),
		Example: `  litellm-proxy spend reset --yes`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !opts.Yes && !opts.IO.CanPrompt() {
				return cmdutil.FlagErrorf("--yes is required to reset every key's and team's spend when not running interactively")
			}
			if runF != nil {
				return runF(opts)
			}
			if !opts.Yes {
				fmt.Fprint(opts.IO.Out, "This sets the spend of every key and team to 0 and cannot be undone. Type \"reset\" to continue: ")
				line, err := opts.IO.ReadLine()
				if err != nil || strings.TrimSpace(line) != "reset" {
					return cmdutil.ErrCancel
				}
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.SpendResetResponse, error) {
					return c.Spend.Reset(ctx, o)
				})
		},
	}
	cmd.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "Do not ask for confirmation")
	return cmd
}
