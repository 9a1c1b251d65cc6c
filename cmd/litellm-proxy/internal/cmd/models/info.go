package models

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// DefaultInfoColumns are the columns "models info" shows by default.
const DefaultInfoColumns = "public_model,upstream_model,updated_at"

// infoColumn is a column of "models info": its header, alignment and value.
type infoColumn struct {
	header string
	align  output.Align
	value  func(m *facade.ModelDeployment) string
}

// infoColumns are upstream's column definitions.
var infoColumns = map[string]infoColumn{
	"public_model":    {"Public Model", output.AlignLeft, func(m *facade.ModelDeployment) string { return m.ModelName }},
	"upstream_model":  {"Upstream Model", output.AlignLeft, func(m *facade.ModelDeployment) string { return m.LitellmParams.Model }},
	"credential_name": {"Credential Name", output.AlignLeft, func(m *facade.ModelDeployment) string { return m.LitellmParams.LitellmCredentialName }},
	"created_at":      {"Created At", output.AlignLeft, func(m *facade.ModelDeployment) string { return output.FormatISODatetimeStr(m.ModelInfo.CreatedAt) }},
	"updated_at":      {"Updated At", output.AlignLeft, func(m *facade.ModelDeployment) string { return output.FormatISODatetimeStr(m.ModelInfo.UpdatedAt) }},
	"id":              {"ID", output.AlignLeft, func(m *facade.ModelDeployment) string { return m.ModelInfo.ID }},
	"input_cost":      {"Input Cost", output.AlignRight, func(m *facade.ModelDeployment) string { return cost(m.ModelInfo.InputCostPerToken) }},
	"output_cost":     {"Output Cost", output.AlignRight, func(m *facade.ModelDeployment) string { return cost(m.ModelInfo.OutputCostPerToken) }},
}

// cost is upstream's format_cost_per_1k_tokens; a deployment without a cost
// (0 in the typed field) shows nothing, as upstream shows a null one.
func cost(perToken float64) string {
	if perToken == 0 {
		return ""
	}
	return output.FormatCostPer1KTokens(perToken)
}

// InfoOptions are the inputs of "models info".
type InfoOptions struct {
	IO      *iostreams.IOStreams
	Client  func() (*facade.Client, error)
	Format  string
	Columns []string
}

// NewCmdInfo returns "models info".
func NewCmdInfo(f *cmdutil.Factory, runF func(*InfoOptions) error) *cobra.Command {
	opts := &InfoOptions{IO: f.IOStreams, Client: f.Client}
	var columns string
	cmd := &cobra.Command{
		Use:   "info",
		Short: "Show the deployments behind each model",
		Long: cmdutil.Heredoc(`
			Show the deployments the key may use (GET /v1/model/info) as a table titled
			"Models Information", or as the JSON list with --format json.

			--columns picks the columns, comma-separated, from:
			  public_model     Public Model (model_name)
			  upstream_model   Upstream Model (litellm_params.model)
			  credential_name  Credential Name (litellm_params.litellm_credential_name)
			  created_at       Created At (model_info.created_at)
			  updated_at       Updated At (model_info.updated_at)
			  id               ID (model_info.id)
			  input_cost       Input Cost, per 1K tokens
			  output_cost      Output Cost, per 1K tokens
			An unknown name prints a warning and is skipped.`),
		Example: `  litellm-proxy models info
  litellm-proxy models info --columns id,public_model,upstream_model,input_cost,output_cost`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			opts.Columns = nil
			for _, c := range strings.Split(columns, ",") {
				if c = strings.TrimSpace(c); c != "" {
					opts.Columns = append(opts.Columns, c)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return infoRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&columns, "columns", DefaultInfoColumns, "Comma-separated columns to show")
	return cmd
}

func infoRun(ctx context.Context, opts *InfoOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	deployments, err := c.Models.Info(ctx, nil, exp.Option())
	if err != nil {
		return exp.Error(err)
	}
	if exp.IsJSON() {
		return exp.JSONItems("data", deployments)
	}
	var cols []infoColumn
	for _, name := range opts.Columns {
		col, ok := infoColumns[name]
		if !ok {
			fmt.Fprintf(opts.IO.ErrOut, "Warning: Unknown column '%s'\n", name)
			continue
		}
		cols = append(cols, col)
	}
	t := &output.Table{Title: "Models Information"}
	for _, col := range cols {
		t.Columns = append(t.Columns, output.Column{Header: col.header, Align: col.align})
	}
	for i := range deployments {
		row := make([]string, len(cols))
		for j, col := range cols {
			row[j] = col.value(&deployments[i])
		}
		t.AddRow(row...)
	}
	return t.Render(opts.IO)
}
