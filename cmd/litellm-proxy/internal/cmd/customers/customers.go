// Package customers implements "litellm-proxy customers": list, create,
// get, update, delete, block and unblock of customers (end users).
package customers

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// NewCmdCustomers returns the customers command group.
func NewCmdCustomers(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("customers", "Manage customers (end users)",
		cmdutil.Heredoc(`
			Create, inspect, change, block and delete customers: the end users an
			application names in the user field of its LLM requests, each with an
			optional budget, default model and allowed region. Proxy admin key needed.`),
		`  litellm-proxy customers create tenant-42 --alias "Tenant 42" --max-budget 5 --region eu
  litellm-proxy customers list
  litellm-proxy customers block tenant-42`)
	cmd.Aliases = []string{"end-users"}
	cmd.AddCommand(NewCmdList(f, nil), NewCmdCreate(f, nil), NewCmdGet(f, nil), NewCmdUpdate(f, nil),
		NewCmdDelete(f, nil), NewCmdBlock(f, nil), NewCmdUnblock(f, nil))
	return cmd
}

// Options are the inputs of the customers commands.
type Options struct {
	IO        *iostreams.IOStreams
	Client    func() (*facade.Client, error)
	Format    string
	IDs       []string
	Alias     string
	Region    string
	Model     string
	BudgetID  string
	MaxBudget *float64
	Duration  string
}

// NewCmdList returns "customers list".
func NewCmdList(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List customers",
		Long: cmdutil.Heredoc(`
			List every customer (GET /customer/list) as a table with the columns
			Customer ID, Alias, Spend, Max Budget, Region, Default Model and Blocked,
			or as the JSON list with --format json.`),
		Example: `  litellm-proxy customers list --format json`,
		Args:    cmdutil.NoArgs,
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
		func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.Customer, error) {
			return c.Customers.List(ctx, o)
		}, "customers", func(list []facade.Customer) *output.Table {
			t := output.NewTable("Customers", "Customer ID", "Alias", "Spend", "Max Budget", "Region", "Default Model", "Blocked")
			for _, cu := range list {
				budget := "Unlimited"
				if b := cu.LitellmBudgetTable; b != nil && b.MaxBudget != nil {
					budget = output.Num(*b.MaxBudget)
				}
				blocked := "no"
				if cu.Blocked {
					blocked = "yes"
				}
				t.AddRow(cu.UserID, cu.Alias, output.Num(cu.Spend), budget, dash(string(cu.AllowedModelRegion)), dash(cu.DefaultModel), blocked)
			}
			return t
		})
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// fields registers the customer flags of "create" and "update".
func fields(cmd *cobra.Command, opts *Options, maxBudget *float64) {
	fs := cmd.Flags()
	fs.StringVar(&opts.Alias, "alias", "", "Display name of the customer")
	cmdutil.StringEnumFlag(fs, &opts.Region, "region", "", "Region the customer's requests may go to", "eu", "us")
	fs.StringVar(&opts.Model, "default-model", "", "Model used when a request names none")
	fs.StringVar(&opts.BudgetID, "budget-id", "", "Existing budget to attach (not with --max-budget)")
	fs.Float64Var(maxBudget, "max-budget", 0, "Maximum spend, in USD")
}

// NewCmdCreate returns "customers create".
func NewCmdCreate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	var maxBudget float64
	cmd := &cobra.Command{
		Use:   "create CUSTOMER_ID [--alias A] [--max-budget USD | --budget-id ID] [--region eu|us] [--default-model M]",
		Short: "Create a customer",
		Long: cmdutil.Heredoc(`
			Create the customer CUSTOMER_ID (POST /customer/new) and print it as JSON.
			--max-budget and --budget-duration make the customer's budget; --budget-id
			attaches an existing one instead.`),
		Example: `  litellm-proxy customers create tenant-42 --alias "Tenant 42" --max-budget 5 --region eu`,
		Args:    cmdutil.ExactArgs(1, "CUSTOMER_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.IDs = args
			if cmdutil.Changed(cmd, "max-budget") {
				opts.MaxBudget = cmdutil.Ptr(maxBudget)
			}
			if opts.MaxBudget != nil && opts.BudgetID != "" {
				return cmdutil.FlagErrorf("give --max-budget or --budget-id, not both")
			}
			if runF != nil {
				return runF(opts)
			}
			return createRun(cmd.Context(), opts)
		},
	}
	fields(cmd, opts, &maxBudget)
	cmd.Flags().StringVar(&opts.Duration, "budget-duration", "", "Reset period of the budget, e.g. 30d")
	return cmd
}

func createRun(ctx context.Context, opts *Options) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Customer, error) {
		return c.Customers.Create(ctx, &facade.CustomerNewRequest{UserID: opts.IDs[0], Alias: opts.Alias,
			AllowedModelRegion: facade.ModelRegion(opts.Region), DefaultModel: opts.Model,
			BudgetID: opts.BudgetID, MaxBudget: opts.MaxBudget, BudgetDuration: opts.Duration}, o)
	})
}

// NewCmdUpdate returns "customers update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	var maxBudget float64
	cmd := &cobra.Command{
		Use:   "update CUSTOMER_ID [--alias A] [--max-budget USD] [--budget-id ID] [--region eu|us] [--default-model M]",
		Short: "Change a customer",
		Long: cmdutil.Heredoc(`
			Change the customer CUSTOMER_ID (POST /customer/update) and print it as
			JSON. Only the flags given change; --max-budget changes (or creates) the
			customer's budget.`),
		Example: `  litellm-proxy customers update tenant-42 --max-budget 10`,
		Args:    cmdutil.ExactArgs(1, "CUSTOMER_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.IDs = args
			if cmdutil.Changed(cmd, "max-budget") {
				opts.MaxBudget = cmdutil.Ptr(maxBudget)
			}
			if runF != nil {
				return runF(opts)
			}
			return updateRun(cmd.Context(), opts)
		},
	}
	fields(cmd, opts, &maxBudget)
	return cmd
}

func updateRun(ctx context.Context, opts *Options) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Customer, error) {
		return c.Customers.Update(ctx, &facade.CustomerUpdateRequest{UserID: opts.IDs[0], Alias: opts.Alias,
			AllowedModelRegion: facade.ModelRegion(opts.Region), DefaultModel: opts.Model,
			BudgetID: opts.BudgetID, MaxBudget: opts.MaxBudget}, o)
	})
}

// idsCmd makes a command that takes customer ids and prints a call's result.
func idsCmd(f *cmdutil.Factory, runF func(*Options) error, use, short, long, example string, minimum int,
	run func(ctx context.Context, c *facade.Client, ids []string, opt facade.Option) (any, error)) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	args := cmdutil.MinimumArgs(1, "at least one CUSTOMER_ID is required")
	if minimum == 0 {
		args = cmdutil.ExactArgs(1, "CUSTOMER_ID is required")
	}
	return &cobra.Command{
		Use: use, Short: short, Long: cmdutil.Heredoc(long), Example: example, Args: args,
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.IDs = a
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (any, error) {
				return run(ctx, c, opts.IDs, o)
			})
		},
	}
}

// NewCmdGet returns "customers get".
func NewCmdGet(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	return idsCmd(f, runF, "get CUSTOMER_ID", "Show a customer", `
		Show the customer CUSTOMER_ID with its budget limits (GET /customer/info),
		as JSON.`, `  litellm-proxy customers get tenant-42`, 0,
		func(ctx context.Context, c *facade.Client, ids []string, opt facade.Option) (any, error) {
			return c.Customers.Get(ctx, ids[0], opt)
		})
}

// NewCmdDelete returns "customers delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	return idsCmd(f, runF, "delete CUSTOMER_ID...", "Delete customers", `
		Delete the customers (POST /customer/delete) and print the proxy's answer as
		JSON. One unknown id fails the call and deletes nothing. It does not ask for
		confirmation.`, `  litellm-proxy customers delete tenant-42 tenant-43`, 1,
		func(ctx context.Context, c *facade.Client, ids []string, opt facade.Option) (any, error) {
			return c.Customers.Delete(ctx, ids, opt)
		})
}

// NewCmdBlock returns "customers block".
func NewCmdBlock(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	return idsCmd(f, runF, "block CUSTOMER_ID...", "Block customers", `
		Mark the customers blocked (POST /customer/block); an id that is not a
		customer yet becomes a blocked one. Prints the proxy's answer as JSON.`,
		`  litellm-proxy customers block tenant-42`, 1,
		func(ctx context.Context, c *facade.Client, ids []string, opt facade.Option) (any, error) {
			return c.Customers.Block(ctx, ids, opt)
		})
}

// NewCmdUnblock returns "customers unblock".
func NewCmdUnblock(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	return idsCmd(f, runF, "unblock CUSTOMER_ID...", "Unblock customers (Enterprise)", `
		Unblock the customers (POST /customer/unblock). It needs the proxy's
		Enterprise blocked-user list: an open-source proxy answers HTTP 400 and
		changes nothing.`, `  litellm-proxy customers unblock tenant-42`, 1,
		func(ctx context.Context, c *facade.Client, ids []string, opt facade.Option) (any, error) {
			return c.Customers.Unblock(ctx, ids, opt)
		})
}
