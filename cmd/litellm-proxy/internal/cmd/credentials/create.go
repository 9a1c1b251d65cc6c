package credentials

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// CreateOptions are the inputs of "credentials create".
type CreateOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Name   string
	Info   map[string]any
	Values map[string]any
}

// NewCmdCreate returns "credentials create".
func NewCmdCreate(f *cmdutil.Factory, runF func(*CreateOptions) error) *cobra.Command {
	opts := &CreateOptions{IO: f.IOStreams, Client: f.Client}
	var info, values string
	cmd := &cobra.Command{
		Use:   "create CREDENTIAL_NAME --info JSON --values JSON",
		Short: "Store a credential",
		Long: cmdutil.Heredoc(`
			Store the credential CREDENTIAL_NAME (POST /credentials) and print the
			proxy's answer as JSON. --info is a JSON object of metadata (such as
			custom_llm_provider) and --values a JSON object of the secret values (such
			as api_key and api_base); both are required.`),
		Example: `  litellm-proxy credentials create azure-prod --info '{"custom_llm_provider": "azure"}' --values '{"api_key": "...", "api_base": "https://example.openai.azure.com"}'`,
		Args:    cmdutil.ExactArgs(1, "CREDENTIAL_NAME is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			var err error
			if opts.Info, opts.Values, err = parseInfoValues(cmd, info, values, true); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return createRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&info, "info", "", "Credential metadata as a JSON object (required)")
	cmd.Flags().StringVar(&values, "values", "", "Credential values as a JSON object (required)")
	return cmd
}

// parseInfoValues checks and parses --info and --values.
func parseInfoValues(cmd *cobra.Command, info, values string, required bool) (map[string]any, map[string]any, error) {
	if required {
		switch {
		case !cmdutil.Changed(cmd, "info"):
			return nil, nil, cmdutil.FlagErrorf("--info JSON is required, e.g. --info '{\"custom_llm_provider\": \"azure\"}'")
		case !cmdutil.Changed(cmd, "values"):
			return nil, nil, cmdutil.FlagErrorf("--values JSON is required, e.g. --values '{\"api_key\": \"...\"}'")
		}
	}
	var i, v map[string]any
	var err error
	if cmdutil.Changed(cmd, "info") {
		if i, err = cmdutil.ParseJSONObjectFlag("--info", info); err != nil {
			return nil, nil, err
		}
	}
	if cmdutil.Changed(cmd, "values") {
		if v, err = cmdutil.ParseJSONObjectFlag("--values", values); err != nil {
			return nil, nil, err
		}
	}
	return i, v, nil
}

func createRun(ctx context.Context, opts *CreateOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.SuccessResponse, error) {
		return c.Credentials.Create(ctx, &facade.CredentialCreateRequest{
			CredentialName: opts.Name, CredentialInfo: opts.Info, CredentialValues: opts.Values,
		}, o)
	})
}
