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

// InfoOptions are the inputs of "model-groups info".
type InfoOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Name   string
}

// NewCmdInfo returns "model-groups info".
func NewCmdInfo(f *cmdutil.Factory, runF func(*InfoOptions) error) *cobra.Command {
	opts := &InfoOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "info NAME",
		Short: "Show one model group the key may use",
		Long: cmdutil.Heredoc(`
			Show the model group NAME (GET /model_group/info?model_group=NAME) as the
			proxy sends it, as JSON: its providers, token limits, costs, rate limits,
			capabilities and, where the proxy reports them, its health fields
			(health_status, health_response_time, health_checked_at). NAME may be a
			wildcard group's model ("openai/gpt-4o" for a group "openai/*"). A group
			the key may not use, or that does not exist, exits 1.`),
		Example: `  litellm-proxy model-groups info gpt-4o`,
		Args:    cmdutil.ExactArgs(1, "NAME is required: the model group to show"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return infoRun(cmd.Context(), opts)
		},
	}
}

func infoRun(ctx context.Context, opts *InfoOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, cmdutil.FormatJSON)
	groups, err := c.ModelGroups.List(ctx, &facade.ModelGroupListOptions{ModelGroup: opts.Name}, exp.Option())
	if err != nil {
		return exp.Error(err)
	}
	items := exp.Items("data")
	if len(groups) == 0 {
		return fmt.Errorf("model group %q not found, or not accessible to this key", opts.Name)
	}
	if len(items) == 1 {
		return output.PrintJSON(opts.IO, items[0])
	}
	if len(items) > 1 {
		return output.PrintJSON(opts.IO, items)
	}
	if len(groups) == 1 {
		return output.PrintJSON(opts.IO, groups[0])
	}
	return output.PrintJSON(opts.IO, groups)
}
