package keys

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// AliasesOptions are the inputs of "keys aliases".
type AliasesOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Format string
	Search string
	TeamID string
}

// NewCmdAliases returns "keys aliases".
func NewCmdAliases(f *cmdutil.Factory, runF func(*AliasesOptions) error) *cobra.Command {
	opts := &AliasesOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "aliases",
		Short: "List key aliases",
		Long: cmdutil.Heredoc(`
			List the aliases of the keys the caller may see (GET /key/aliases, every
			page), in alphabetical order and one per key, as a table or, with --format
			json, as a JSON list of strings. A proxy admin sees every key's alias,
			others those of their own and their teams' keys.`),
		Example: `  litellm-proxy keys aliases --search prod
  litellm-proxy keys aliases --team-id my-team --format json`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			return aliasesRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Search, "search", "", "Only aliases that contain this text (ignoring case)")
	cmd.Flags().StringVar(&opts.TeamID, "team-id", "", "Only the aliases of this team's keys")
	return cmd
}

func aliasesRun(ctx context.Context, opts *AliasesOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	aliases := []string{}
	for a, err := range c.Keys.AllAliases(ctx, &facade.KeyAliasOptions{Search: opts.Search, TeamID: opts.TeamID}, exp.Option()) {
		if err != nil {
			return exp.Error(err)
		}
		aliases = append(aliases, a)
	}
	if exp.IsJSON() {
		return exp.JSONItems("aliases", aliases)
	}
	if len(aliases) == 0 {
		output.Notef(opts.IO, "No key aliases found.\n")
		return nil
	}
	t := output.NewTable("Key Aliases", "Alias")
	for _, a := range aliases {
		t.AddRow(a)
	}
	return t.Render(opts.IO)
}
