package organizations

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// ListOptions are the inputs of "organizations list".
type ListOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Format string
	ID     string
	Alias  string
}

// NewCmdList returns "organizations list".
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:     "list [--id ID] [--alias TEXT]",
		Aliases: []string{"ls"},
		Short:   "List organizations",
		Long: cmdutil.Heredoc(`
			List the organizations the key can see (GET /organization/list: all of them
			for a proxy admin, the caller's otherwise) as a table with the columns
			Organization ID, Alias, Models, Max Budget, Spend and Members, or as the
			JSON list with --format json. --alias matches a part of the alias, in any
			case.`),
		Example: `  litellm-proxy organizations list
  litellm-proxy organizations list --alias acme --format json`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.ID, "id", "", "Only the organization with this id")
	cmd.Flags().StringVar(&opts.Alias, "alias", "", "Only organizations whose alias contains this")
	return cmd
}

func listRun(ctx context.Context, opts *ListOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	orgs, err := c.Organizations.List(ctx, &facade.OrganizationListOptions{ID: opts.ID, Alias: opts.Alias}, exp.Option())
	if err != nil {
		return exp.Error(err)
	}
	if exp.IsJSON() {
		if orgs == nil {
			orgs = []facade.Organization{}
		}
		return exp.JSONItems("", orgs)
	}
	if len(orgs) == 0 {
		output.Notef(opts.IO, "No organizations found.\n")
		return nil
	}
	t := output.NewTable("Organizations", "Organization ID", "Alias", "Models", "Max Budget", "Spend", "Members")
	for _, o := range orgs {
		t.AddRow(o.OrganizationID, o.OrganizationAlias, models(o.Models), maxBudget(o.LitellmBudgetTable),
			output.Num(o.Spend), fmt.Sprint(len(o.Members)))
	}
	return t.Render(opts.IO)
}

// models shows an organization's models, or "All models" when it has none.
func models(ms []string) string {
	if len(ms) == 0 {
		return "All models"
	}
	return output.Strs(ms)
}

// maxBudget shows the max budget of a budget row, or "Unlimited".
func maxBudget(b *facade.Budget) string {
	if b == nil || b.MaxBudget == nil {
		return "Unlimited"
	}
	return output.Num(*b.MaxBudget)
}
