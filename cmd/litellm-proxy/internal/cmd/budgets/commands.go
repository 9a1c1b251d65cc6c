package budgets

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// NewCmdList returns "budgets list".
func NewCmdList(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List budgets",
		Long: cmdutil.Heredoc(`
			List every budget (GET /budget/list), those the proxy made for
			organizations, members and customers too, as a table with the columns
			Budget ID, Max Budget, Soft Budget, TPM, RPM, Duration and Resets At, or as
			the JSON list with --format json.`),
		Example: `  litellm-proxy budgets list
  litellm-proxy budgets list --format json`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
}

func listRun(ctx context.Context, opts *Options) error {
	return cmdutil.ListRun(ctx, opts.IO, opts.Format, opts.Client,
		func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.Budget, error) {
			return c.Budgets.List(ctx, o)
		}, "budgets", func(budgets []facade.Budget) *output.Table {
			t := output.NewTable("Budgets", "Budget ID", "Max Budget", "Soft Budget", "TPM", "RPM", "Duration", "Resets At")
			for _, b := range budgets {
				t.AddRow(b.BudgetID, numOr(b.MaxBudget), numOr(b.SoftBudget), intOr(b.TpmLimit), intOr(b.RpmLimit),
					orDash(b.BudgetDuration), orDash(b.BudgetResetAt))
			}
			return t
		})
}

func numOr(v *float64) string {
	if v == nil {
		return "-"
	}
	return output.Num(*v)
}

func intOr(v *int) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprint(*v)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// NewCmdCreate returns "budgets create".
func NewCmdCreate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	var flags budgetFlags
	var id string
	cmd := &cobra.Command{
		Use:   "create [--id ID] [--max-budget USD] [--budget-duration D] [--tpm-limit N] [--rpm-limit N]",
		Short: "Create a budget",
		Long: cmdutil.Heredoc(`
			Create a budget (POST /budget/new) and print it as JSON. Without --id the
			proxy generates the id; an id that exists already is an error.`),
		Example: `  litellm-proxy budgets create --id small --max-budget 50 --budget-duration 30d --rpm-limit 60`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Request = flags.request(cmd, id)
			if runF != nil {
				return runF(opts)
			}
			return createRun(cmd.Context(), opts)
		},
	}
	flags.register(cmd.Flags())
	cmd.Flags().StringVar(&id, "id", "", "Id of the budget (generated when empty)")
	return cmd
}

func createRun(ctx context.Context, opts *Options) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Budget, error) {
		return c.Budgets.Create(ctx, opts.Request, o)
	})
}

// NewCmdUpdate returns "budgets update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	var flags budgetFlags
	cmd := &cobra.Command{
		Use:   "update BUDGET_ID [--max-budget USD] [--budget-duration D] [--tpm-limit N] [--rpm-limit N]",
		Short: "Change a budget",
		Long: cmdutil.Heredoc(`
			Change the limits given of the budget BUDGET_ID (POST /budget/update) and
			print it as JSON. An unknown id is an error (the proxy answers null).`),
		Example: `  litellm-proxy budgets update small --max-budget 100`,
		Args:    cmdutil.ExactArgs(1, "BUDGET_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Request = flags.request(cmd, args[0])
			if runF != nil {
				return runF(opts)
			}
			return updateRun(cmd.Context(), opts)
		},
	}
	flags.register(cmd.Flags())
	return cmd
}

func updateRun(ctx context.Context, opts *Options) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Budget, error) {
		return c.Budgets.Update(ctx, opts.Request, o)
	})
}

// NewCmdGet returns "budgets get".
func NewCmdGet(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "get BUDGET_ID...",
		Short: "Show budgets",
		Long: cmdutil.Heredoc(`
			Show the budgets (POST /budget/info) as a JSON list; unknown ids are left
			out.`),
		Example: `  litellm-proxy budgets get small large`,
		Args:    cmdutil.MinimumArgs(1, "at least one BUDGET_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.IDs = args
			if runF != nil {
				return runF(opts)
			}
			return getRun(cmd.Context(), opts)
		},
	}
}

func getRun(ctx context.Context, opts *Options) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.Budget, error) {
		return c.Budgets.Get(ctx, opts.IDs, o)
	})
}

// NewCmdSettings returns "budgets settings".
func NewCmdSettings(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "settings BUDGET_ID",
		Short: "Describe a budget's settings",
		Long: cmdutil.Heredoc(`
			Describe the settable fields of a budget and their values (GET
			/budget/settings) as a table with the columns Field, Type, Value and
			Description, or as JSON with --format json. An unknown id shows no values.`),
		Example: `  litellm-proxy budgets settings small`,
		Args:    cmdutil.ExactArgs(1, "BUDGET_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.IDs, opts.Format = args, f.Format()
			if runF != nil {
				return runF(opts)
			}
			return settingsRun(cmd.Context(), opts)
		},
	}
}

func settingsRun(ctx context.Context, opts *Options) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	settings, err := c.Budgets.Settings(ctx, opts.IDs[0], exp.Option())
	if err != nil {
		return exp.Error(err)
	}
	if exp.IsJSON() {
		return exp.JSONItems("", settings)
	}
	t := output.NewTable("Budget Settings", "Field", "Type", "Value", "Description")
	for _, s := range settings {
		v := "-"
		if s.FieldValue != nil {
			v = fmt.Sprint(s.FieldValue)
		}
		t.AddRow(s.FieldName, s.FieldType, v, s.FieldDescription)
	}
	return t.Render(opts.IO)
}

// NewCmdDelete returns "budgets delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "delete BUDGET_ID",
		Short: "Delete a budget",
		Long: cmdutil.Heredoc(`
			Delete the budget BUDGET_ID (POST /budget/delete) and print it as JSON. An
			unknown id is an error (the proxy answers null). It does not ask for
			confirmation.`),
		Example: `  litellm-proxy budgets delete small`,
		Args:    cmdutil.ExactArgs(1, "BUDGET_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.IDs = args
			if runF != nil {
				return runF(opts)
			}
			return deleteRun(cmd.Context(), opts)
		},
	}
}

func deleteRun(ctx context.Context, opts *Options) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Budget, error) {
		return c.Budgets.Delete(ctx, opts.IDs[0], o)
	})
}
