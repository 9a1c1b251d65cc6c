// Package tags implements "litellm-proxy tags": list, create, get, update
// and delete of tags (model routing and spend tracking by tag).
package tags

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// NewCmdTags returns the tags command group.
func NewCmdTags(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("tags", "Manage tags",
		cmdutil.Heredoc(`
			Create, inspect, change and delete tags: a tag names the models that
			requests carrying it may be routed to, and may have a budget. Proxy admin
			key needed (internal users may list).`),
		`  litellm-proxy tags create team-search --description "Search team" --max-budget 10
  litellm-proxy tags list
  litellm-proxy tags delete team-search`)
	cmd.AddCommand(NewCmdList(f, nil), NewCmdCreate(f, nil), NewCmdGet(f, nil), NewCmdUpdate(f, nil), NewCmdDelete(f, nil))
	cmd.AddCommand(NewCmdActivity(f, nil), NewCmdSummary(f, nil), NewCmdDistinct(f, nil), NewCmdActiveUsers(f, nil), NewCmdUserUsage(f, nil)) // analytics.go
	return cmd
}

// Options are the inputs of the tags commands.
type Options struct {
	IO          *iostreams.IOStreams
	Client      func() (*facade.Client, error)
	Format      string
	Names       []string
	Description string
	Models      []string
	BudgetID    string
	MaxBudget   *float64
	Duration    string
	StartDate   string
	EndDate     string
}

// NewCmdList returns "tags list".
func NewCmdList(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:     "list [--start-date YYYY-MM-DD --end-date YYYY-MM-DD]",
		Aliases: []string{"ls"},
		Short:   "List tags",
		Long: cmdutil.Heredoc(`
			List the stored tags, then the tags requests passed that are not stored
			(GET /tag/list), as a table with the columns Name, Description, Models and
			Max Budget, or as the JSON list with --format json. The dates (both or
			neither) limit the dynamic tags to those used in the window.`),
		Example: `  litellm-proxy tags list --format json`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if (opts.StartDate == "") != (opts.EndDate == "") {
				return cmdutil.FlagErrorf("give --start-date and --end-date together")
			}
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.StartDate, "start-date", "", "First day of the window (YYYY-MM-DD)")
	cmd.Flags().StringVar(&opts.EndDate, "end-date", "", "Last day of the window (YYYY-MM-DD)")
	return cmd
}

func listRun(ctx context.Context, opts *Options) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	var lo *facade.TagListOptions
	if opts.StartDate != "" {
		lo = &facade.TagListOptions{StartDate: &opts.StartDate, EndDate: &opts.EndDate}
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	list, err := c.Tags.List(ctx, lo, exp.Option())
	if err != nil {
		return exp.Error(err)
	}
	if exp.IsJSON() {
		return exp.JSONItems("", list)
	}
	if len(list) == 0 {
		output.Notef(opts.IO, "No tags found.\n")
		return nil
	}
	t := output.NewTable("Tags", "Name", "Description", "Models", "Max Budget")
	for _, tag := range list {
		budget := "Unlimited"
		if b := tag.LitellmBudgetTable; b != nil && b.MaxBudget != nil {
			budget = output.Num(*b.MaxBudget)
		}
		models := "-"
		if len(tag.Models) > 0 {
			models = strings.Join(tag.Models, ",")
		}
		t.AddRow(tag.Name, dash(tag.Description), models, budget)
	}
	return t.Render(opts.IO)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// fields registers the tag flags of "create" and "update".
func fields(cmd *cobra.Command, opts *Options, models *string, maxBudget *float64) {
	fs := cmd.Flags()
	fs.StringVar(&opts.Description, "description", "", "What the tag stands for")
	fs.StringVar(models, "models", "", "Comma-separated model names or ids the tag routes to")
	fs.StringVar(&opts.BudgetID, "budget-id", "", "Existing budget to attach")
	fs.Float64Var(maxBudget, "max-budget", 0, "Maximum spend, in USD")
	fs.StringVar(&opts.Duration, "budget-duration", "", "Reset period of the budget, e.g. 30d")
}

// parseFields reads the flags fields registered into opts.
func parseFields(cmd *cobra.Command, opts *Options, models string, maxBudget float64) {
	opts.Models = cmdutil.SplitCSV(models)
	if cmdutil.Changed(cmd, "max-budget") {
		opts.MaxBudget = cmdutil.Ptr(maxBudget)
	}
}

// NewCmdCreate returns "tags create".
func NewCmdCreate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	var models string
	var maxBudget float64
	cmd := &cobra.Command{
		Use:   "create NAME [--description D] [--models M,...] [--max-budget USD [--budget-duration 30d] | --budget-id ID]",
		Short: "Create a tag",
		Long: cmdutil.Heredoc(`
			Create the tag NAME (POST /tag/new) and print the proxy's answer as JSON.
			--max-budget and --budget-duration make the tag's budget; --budget-id
			attaches an existing one instead. --models must name models stored in the
			proxy's database: a model from its config file fails the call (HTTP 500)
			after the tag was created.`),
		Example: `  litellm-proxy tags create team-search --description "Search team" --max-budget 10 --budget-duration 30d`,
		Args:    cmdutil.ExactArgs(1, "NAME is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Names = args
			parseFields(cmd, opts, models, maxBudget)
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.TagResponse, error) {
				return c.Tags.Create(ctx, &facade.TagNewRequest{Name: opts.Names[0], Description: opts.Description,
					Models: opts.Models, BudgetID: opts.BudgetID, MaxBudget: opts.MaxBudget, BudgetDuration: opts.Duration}, o)
			})
		},
	}
	fields(cmd, opts, &models, &maxBudget)
	return cmd
}

// NewCmdUpdate returns "tags update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	var models string
	var maxBudget float64
	cmd := &cobra.Command{
		Use:   "update NAME [--description D] [--models M,...] [--max-budget USD] [--budget-duration 30d] [--budget-id ID]",
		Short: "Update a tag",
		Long: cmdutil.Heredoc(`
			Update the tag NAME (POST /tag/update) and print the proxy's answer as
			JSON. The proxy replaces the description and the models with the ones
			given: leave a flag out and that field is cleared. The budget flags change
			(or create) the tag's budget.`),
		Example: `  litellm-proxy tags update team-search --description "Search team" --max-budget 20`,
		Args:    cmdutil.ExactArgs(1, "NAME is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Names = args
			parseFields(cmd, opts, models, maxBudget)
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.TagResponse, error) {
				return c.Tags.Update(ctx, &facade.TagUpdateRequest{Name: opts.Names[0], Description: opts.Description,
					Models: opts.Models, BudgetID: opts.BudgetID, MaxBudget: opts.MaxBudget, BudgetDuration: opts.Duration}, o)
			})
		},
	}
	fields(cmd, opts, &models, &maxBudget)
	return cmd
}

// NewCmdGet returns "tags get".
func NewCmdGet(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "get NAME...",
		Short: "Show tags",
		Long: cmdutil.Heredoc(`
			Show the named tags with their budgets (POST /tag/info), as a JSON object
			by name. One unknown name fails the call.`),
		Example: `  litellm-proxy tags get team-search team-ads`,
		Args:    cmdutil.MinimumArgs(1, "at least one NAME is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Names = args
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (map[string]facade.Tag, error) {
				return c.Tags.Info(ctx, opts.Names, o)
			})
		},
	}
}

// NewCmdDelete returns "tags delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "delete NAME",
		Short: "Delete a tag",
		Long: cmdutil.Heredoc(`
			Delete the tag NAME (POST /tag/delete; its budget stays) and print the
			proxy's answer as JSON. It does not ask for confirmation.`),
		Example: `  litellm-proxy tags delete team-search`,
		Args:    cmdutil.ExactArgs(1, "NAME is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Names = args
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.TagDeleteResponse, error) {
				return c.Tags.Delete(ctx, opts.Names[0], o)
			})
		},
	}
}
