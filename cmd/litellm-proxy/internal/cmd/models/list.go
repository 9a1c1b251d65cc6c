package models

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// ListOptions are the inputs of "models list".
type ListOptions struct {
	IO       *iostreams.IOStreams
	Client   func() (*facade.Client, error)
	Format   string
	Location *time.Location
}

// NewCmdList returns "models list".
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List the models the key may use",
		Long: cmdutil.Heredoc(`
			List the model names the API key may use (GET /models), as a table titled
			"Available Models" with the columns ID, Object, Created and Owned By, or as
			the JSON list with --format json. Created is shown in local time.`),
		Example: `  litellm-proxy models list
  litellm-proxy models list --format json`,
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

func listRun(ctx context.Context, opts *ListOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	models, err := c.Models.List(ctx, nil, exp.Option())
	if err != nil {
		return exp.Error(err)
	}
	if exp.IsJSON() {
		return exp.JSONItems("data", models)
	}
	t := output.NewTable("Available Models", "ID", "Object", "Created", "Owned By")
	for _, m := range models {
		object := m.Object
		if object == "" {
			object = "model"
		}
		t.AddRow(m.ID, object, formatCreated(m.Created, opts.Location), m.OwnedBy)
	}
	return t.Render(opts.IO)
}

// formatCreated is upstream's format_timestamp of the Created column; a
// model without one (0) shows nothing.
func formatCreated(created int64, loc *time.Location) string {
	if created == 0 {
		return ""
	}
	return output.FormatTimestamp(created, loc)
}
