package credentials

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// ListOptions are the inputs of "credentials list".
type ListOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Format string
}

// NewCmdList returns "credentials list".
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List credentials",
		Long: cmdutil.Heredoc(`
			List the stored credentials (GET /credentials) as a table titled
			"Credentials" with the columns Credential Name and Custom LLM Provider, or
			the proxy's whole answer with --format json (values masked by the proxy).`),
		Example: `  litellm-proxy credentials list
  litellm-proxy credentials list --format json`,
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
	list, err := c.Credentials.List(ctx, exp.Option())
	if err != nil {
		return exp.Error(err)
	}
	if exp.IsJSON() {
		return exp.JSON(list)
	}
	t := output.NewTable("Credentials", "Credential Name", "Custom LLM Provider")
	for _, cr := range list.Credentials {
		provider := ""
		if p, ok := cr.CredentialInfo["custom_llm_provider"]; ok {
			provider = output.PyStr(p)
		}
		t.AddRow(cr.CredentialName, provider)
	}
	return t.Render(opts.IO)
}
