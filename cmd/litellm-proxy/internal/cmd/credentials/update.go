package credentials

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// UpdateOptions are the inputs of "credentials update".
type UpdateOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Name   string
	Info   map[string]any
	Values map[string]any
}

// NewCmdUpdate returns "credentials update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*UpdateOptions) error) *cobra.Command {
	opts := &UpdateOptions{IO: f.IOStreams, Client: f.Client}
	var info, values string
	cmd := &cobra.Command{
		Use:   "update CREDENTIAL_NAME [--info JSON] [--values JSON]",
		Short: "Change a credential",
		Long: cmdutil.Heredoc(`
			Merge --info and/or --values (JSON objects) into the stored credential
			CREDENTIAL_NAME (PATCH /credentials/{name}) and print the proxy's answer as
			JSON. At least one of them is needed. The upstream CLI has no update.`),
		Example: `  litellm-proxy credentials update azure-prod --values '{"api_key": "..."}'`,
		Args:    cmdutil.ExactArgs(1, "CREDENTIAL_NAME is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if !cmdutil.Changed(cmd, "info") && !cmdutil.Changed(cmd, "values") {
				return cmdutil.FlagErrorf("nothing to update: give --info JSON and/or --values JSON")
			}
			var err error
			if opts.Info, opts.Values, err = parseInfoValues(cmd, info, values, false); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return updateRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&info, "info", "", "Credential metadata to merge, as a JSON object")
	cmd.Flags().StringVar(&values, "values", "", "Credential values to merge, as a JSON object")
	return cmd
}

func updateRun(ctx context.Context, opts *UpdateOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.SuccessResponse, error) {
		return c.Credentials.Update(ctx, opts.Name, &facade.CredentialItem{
			CredentialName: opts.Name, CredentialInfo: opts.Info, CredentialValues: opts.Values,
		}, o)
	})
}
