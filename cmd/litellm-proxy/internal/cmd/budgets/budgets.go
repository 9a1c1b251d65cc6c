// Package budgets implements "litellm-proxy budgets": list, create, get,
// update, delete and settings.
package budgets

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// NewCmdBudgets returns the budgets command group.
func NewCmdBudgets(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("budgets", "Manage budgets",
		cmdutil.Heredoc(`
			Create, inspect, change and delete budgets: spend and rate limits that keys
			("keys generate --budget-id"), customers and organization members share by
			id. Proxy admin key needed.`),
		`  litellm-proxy budgets create --id small --max-budget 50 --budget-duration 30d
  litellm-proxy budgets list
  litellm-proxy budgets delete small`)
	cmd.AddCommand(NewCmdList(f, nil), NewCmdCreate(f, nil), NewCmdGet(f, nil), NewCmdUpdate(f, nil),
		NewCmdDelete(f, nil), NewCmdSettings(f, nil))
	return cmd
}

// budgetFlags are the limit flags of "create" and "update".
type budgetFlags struct {
	maxBudget, softBudget float64
	tpm, rpm, parallel    int
	duration              string
}

func (b *budgetFlags) register(fs *pflag.FlagSet) {
	fs.Float64Var(&b.maxBudget, "max-budget", 0, "Maximum spend, in USD")
	fs.Float64Var(&b.softBudget, "soft-budget", 0, "Spend that raises an alert, in USD")
	fs.IntVar(&b.tpm, "tpm-limit", 0, "Tokens per minute")
	fs.IntVar(&b.rpm, "rpm-limit", 0, "Requests per minute")
	fs.IntVar(&b.parallel, "max-parallel-requests", 0, "Concurrent requests")
	fs.StringVar(&b.duration, "budget-duration", "", "Reset period, e.g. 30d")
}

// request returns the flags given as a request for the budget id.
func (b *budgetFlags) request(cmd *cobra.Command, id string) *facade.BudgetNewRequest {
	req := &facade.BudgetNewRequest{BudgetID: id, BudgetDuration: b.duration}
	if cmdutil.Changed(cmd, "max-budget") {
		req.MaxBudget = cmdutil.Ptr(b.maxBudget)
	}
	if cmdutil.Changed(cmd, "soft-budget") {
		req.SoftBudget = cmdutil.Ptr(b.softBudget)
	}
	if cmdutil.Changed(cmd, "tpm-limit") {
		req.TpmLimit = cmdutil.Ptr(b.tpm)
	}
	if cmdutil.Changed(cmd, "rpm-limit") {
		req.RpmLimit = cmdutil.Ptr(b.rpm)
	}
	if cmdutil.Changed(cmd, "max-parallel-requests") {
		req.MaxParallelRequests = cmdutil.Ptr(b.parallel)
	}
	return req
}

// Options are the inputs of the budgets commands.
type Options struct {
	IO      *iostreams.IOStreams
	Client  func() (*facade.Client, error)
	Format  string
	IDs     []string
	Request *facade.BudgetNewRequest
}
