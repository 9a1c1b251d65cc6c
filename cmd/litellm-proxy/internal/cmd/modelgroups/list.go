package modelgroups

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// ListOptions are the inputs of "model-groups list".
type ListOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Format string
}

// NewCmdList returns "model-groups list".
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List the model groups the key may use",
		Long: cmdutil.Heredoc(`
			List the model groups the key may use (GET /model_group/info) as a table
			titled "Accessible Model Groups" with the columns Model, Mode (chat when the
			proxy does not say), Input $/token and Output $/token, or as the JSON list
			with --format json.`),
		Example: `  litellm-proxy model-groups list
  litellm-proxy model-groups list --format json`,
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
	groups, err := c.ModelGroups.List(ctx, nil, exp.Option())
	// Upstream insists on a list, where the facade also takes one object.
	if data := exp.Last().Member("data"); len(data) > 0 && data[0] != '[' && string(data) != "null" {
		//lint:ignore ST1005 upstream's message
		return fmt.Errorf("Unexpected response from /model_group/info: expected a list, got %s", pyType(data[0]))
	}
	if err != nil {
		return exp.Error(err)
	}
	if exp.IsJSON() {
		return exp.JSONItems("data", groups)
	}
	t := output.NewTable("Accessible Model Groups", "Model", "Mode", "Input $/token", "Output $/token")
	for _, g := range groups {
		mode := g.Mode
		if mode == "" {
			mode = "chat"
		}
		t.AddRow(g.ModelGroup, mode, output.Num(g.InputCostPerToken), output.Num(g.OutputCostPerToken))
	}
	return t.Render(opts.IO)
}

// pyType names, as Python would, the type of the JSON value that starts
// with c.
func pyType(c byte) string {
	switch c {
	case '{':
		return "dict"
	case '"':
		return "str"
	case 't', 'f':
		return "bool"
	}
	return "number"
}
