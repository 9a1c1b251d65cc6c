package organizations

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// OrgFields are the organization settings "create" and "update" take.
type OrgFields struct {
	Alias          string
	Models         []string
	MaxBudget      *float64
	BudgetDuration string
	BudgetID       string
	TPMLimit       *int
	RPMLimit       *int
	Metadata       map[string]any
}

// orgFlags holds the raw flag values behind OrgFields.
type orgFlags struct {
	alias, models, duration, budgetID, metadata string
	maxBudget                                   float64
	tpm, rpm                                    int
}

func (o *orgFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&o.alias, "alias", "", "Display name of the organization")
	fs.StringVar(&o.models, "models", "", "Comma-separated models the organization may use")
	fs.Float64Var(&o.maxBudget, "max-budget", 0, "Maximum budget, in USD")
	fs.StringVar(&o.duration, "budget-duration", "", "Budget reset period, e.g. 30d")
	fs.StringVar(&o.budgetID, "budget-id", "", "Existing budget to attach instead of the budget flags")
	fs.IntVar(&o.tpm, "tpm-limit", 0, "Tokens per minute")
	fs.IntVar(&o.rpm, "rpm-limit", 0, "Requests per minute")
	fs.StringVar(&o.metadata, "metadata", "", "Metadata as a JSON object")
}

func (o *orgFlags) parse(cmd *cobra.Command) (OrgFields, error) {
	out := OrgFields{Alias: o.alias, Models: cmdutil.SplitCSV(o.models), BudgetDuration: o.duration, BudgetID: o.budgetID}
	if cmdutil.Changed(cmd, "max-budget") {
		out.MaxBudget = cmdutil.Ptr(o.maxBudget)
	}
	if cmdutil.Changed(cmd, "tpm-limit") {
		out.TPMLimit = cmdutil.Ptr(o.tpm)
	}
	if cmdutil.Changed(cmd, "rpm-limit") {
		out.RPMLimit = cmdutil.Ptr(o.rpm)
	}
	if o.metadata != "" {
		m, err := cmdutil.ParseJSONObjectFlag("--metadata", o.metadata)
		if err != nil {
			return out, err
		}
		out.Metadata = m
	}
	return out, nil
}

// CreateOptions are the inputs of "organizations create".
type CreateOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	ID     string
	OrgFields
}

// NewCmdCreate returns "organizations create".
func NewCmdCreate(f *cmdutil.Factory, runF func(*CreateOptions) error) *cobra.Command {
	opts := &CreateOptions{IO: f.IOStreams, Client: f.Client}
	var flags orgFlags
	cmd := &cobra.Command{
		Use:   "create --alias ALIAS [--id ID] [--models CSV] [--max-budget USD] [--budget-duration D]",
		Short: "Create an organization",
		Long: cmdutil.Heredoc(`
			Create an organization (POST /organization/new) and print it as JSON. The
			budget flags make the organization's budget; --budget-id attaches an
			existing one. Without --id the proxy generates the id. Proxy admin key
			needed.`),
		Example: `  litellm-proxy organizations create --alias acme
  litellm-proxy organizations create --alias acme --id acme --models gpt-4o --max-budget 100 --budget-duration 30d`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fields, err := flags.parse(cmd)
			if err != nil {
				return err
			}
			if fields.Alias == "" {
				return cmdutil.FlagErrorf("--alias is required")
			}
			opts.OrgFields = fields
			if runF != nil {
				return runF(opts)
			}
			return createRun(cmd.Context(), opts)
		},
	}
	flags.register(cmd.Flags())
	cmd.Flags().StringVar(&opts.ID, "id", "", "Id of the organization (generated when empty)")
	return cmd
}

func createRun(ctx context.Context, opts *CreateOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Organization, error) {
		return c.Organizations.Create(ctx, &facade.OrganizationNewRequest{
			OrganizationAlias: opts.Alias, OrganizationID: opts.ID, Models: opts.Models, MaxBudget: opts.MaxBudget,
			BudgetDuration: opts.BudgetDuration, BudgetID: opts.BudgetID, TpmLimit: opts.TPMLimit, RpmLimit: opts.RPMLimit,
			Metadata: opts.Metadata,
		}, o)
	})
}

// UpdateOptions are the inputs of "organizations update".
type UpdateOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	ID     string
	OrgFields
}

// NewCmdUpdate returns "organizations update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*UpdateOptions) error) *cobra.Command {
	opts := &UpdateOptions{IO: f.IOStreams, Client: f.Client}
	var flags orgFlags
	cmd := &cobra.Command{
		Use:   "update ORG_ID [--alias ALIAS] [--models CSV] [--max-budget USD] [--metadata JSON]",
		Short: "Change an organization",
		Long: cmdutil.Heredoc(`
			Change the organization ORG_ID (PATCH /organization/update) and print it as
			JSON. Only the flags given change; --metadata is merged into the stored
			metadata, and the budget flags change the organization's budget.`),
		Example: `  litellm-proxy organizations update acme --max-budget 200
  litellm-proxy organizations update acme --metadata '{"cost_center": "42"}'`,
		Args: cmdutil.ExactArgs(1, "ORG_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			fields, err := flags.parse(cmd)
			if err != nil {
				return err
			}
			opts.ID, opts.OrgFields = args[0], fields
			if runF != nil {
				return runF(opts)
			}
			return updateRun(cmd.Context(), opts)
		},
	}
	flags.register(cmd.Flags())
	return cmd
}

func updateRun(ctx context.Context, opts *UpdateOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Organization, error) {
		return c.Organizations.Update(ctx, &facade.OrganizationUpdateRequest{
			OrganizationID: opts.ID, OrganizationAlias: opts.Alias, Models: opts.Models, MaxBudget: opts.MaxBudget,
			BudgetDuration: opts.BudgetDuration, BudgetID: opts.BudgetID, TpmLimit: opts.TPMLimit, RpmLimit: opts.RPMLimit,
			Metadata: opts.Metadata,
		}, o)
	})
}
