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
	var cap cmdutil.Capture
	groups, err := c.ModelGroups.List(ctx, nil, cap.Option())
	raw, err := cmdutil.Body(&cap, struct {
		Data any `json:"data"`
	}{groups}, err)
	if err != nil {
		return err
	}
	data := cmdutil.RawField(raw, "data")
	v, _ := cmdutil.Decode(data)
	list, ok := v.([]any)
	if !ok && v != nil {
		//lint:ignore ST1005 upstream's message
		return fmt.Errorf("Unexpected response from /model_group/info: expected a list, got %s", pyType(v))
	}
	if opts.Format == cmdutil.FormatJSON {
		if data == nil || string(data) == "null" {
			data = []byte("[]")
		}
		return output.PrintJSON(opts.IO, data)
	}
	t := output.NewTable("Accessible Model Groups", "Model", "Mode", "Input $/token", "Output $/token")
	for _, g := range list {
		mode := cmdutil.Str(g, "mode")
		if cmdutil.Field(g, "mode") == nil {
			mode = "chat"
		}
		t.AddRow(cmdutil.Str(g, "model_group"), mode, cmdutil.Str(g, "input_cost_per_token"), cmdutil.Str(g, "output_cost_per_token"))
	}
	return t.Render(opts.IO)
}

// pyType names a JSON value's type as Python would.
func pyType(v any) string {
	switch v.(type) {
	case map[string]any:
		return "dict"
	case string:
		return "str"
	case bool:
		return "bool"
	}
	return "number"
}
