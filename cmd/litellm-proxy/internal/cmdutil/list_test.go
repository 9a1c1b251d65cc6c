package cmdutil

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

func TestListRun(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name             string
		answer           string // of GET /budget/list; none for a 404
		format           string
		wantOut, wantErr string
		wantFail         bool
	}{
		{
			name:    "JSON: the answer as sent",
			answer:  `[{"budget_id": "b1", "max_budget": 1.50}]`,
			format:  FormatJSON,
			wantOut: "[\n  {\n    \"budget_id\": \"b1\",\n    \"max_budget\": 1.50\n  }\n]\n",
		},
		{
			name:    "JSON: null is an empty list",
			answer:  `null`,
			format:  FormatJSON,
			wantOut: "[]\n",
		},
		{
			name:    "table",
			answer:  `[{"budget_id": "b1", "max_budget": 1.5}, {"budget_id": "b2"}]`,
			format:  FormatTable,
			wantOut: "Budget ID\tMax Budget\nb1\t1.5\nb2\t-\n",
		},
		{
			name:    "table: none",
			answer:  `[]`,
			format:  FormatTable,
			wantErr: "No budgets found.\n",
		},
		{
			name:     "a failed call",
			format:   FormatTable,
			wantFail: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			answers := map[string]map[string]string{}
			if tt.answer != "" {
				answers["/budget/list"] = map[string]string{"": tt.answer}
			}
			c := newClient(t, answers)
			ios, _, out, errOut := iostreams.Test()
			err := ListRun(t.Context(), ios, tt.format,
				func() (*facade.Client, error) { return c, nil },
				func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.Budget, error) {
					return c.Budgets.List(ctx, o)
				}, "budgets", func(budgets []facade.Budget) *output.Table {
					tab := output.NewTable("Budgets", "Budget ID", "Max Budget")
					for _, b := range budgets {
						mb := "-"
						if b.MaxBudget != nil {
							mb = output.Num(*b.MaxBudget)
						}
						tab.AddRow(b.BudgetID, mb)
					}
					return tab
				})
			if (err != nil) != tt.wantFail {
				t.Fatalf("ListRun error = %v, want failure %v", err, tt.wantFail)
			}
			if diff := cmp.Diff(tt.wantOut, out.String()); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantErr, errOut.String()); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
		})
	}
}
