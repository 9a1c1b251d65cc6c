package organizations

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// GetOptions are the inputs of "organizations get".
type GetOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	ID     string
}

// NewCmdGet returns "organizations get".
func NewCmdGet(f *cmdutil.Factory, runF func(*GetOptions) error) *cobra.Command {
	opts := &GetOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "get ORG_ID",
		Short: "Show an organization with its members and teams",
		Long: cmdutil.Heredoc(`
			Show the organization ORG_ID with its budget, members and teams (GET
			/organization/info), as JSON.`),
		Example: `  litellm-proxy organizations get acme`,
		Args:    cmdutil.ExactArgs(1, "ORG_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return getRun(cmd.Context(), opts)
		},
	}
}

func getRun(ctx context.Context, opts *GetOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Organization, error) {
		return c.Organizations.Get(ctx, opts.ID, o)
	})
}

// DeleteOptions are the inputs of "organizations delete".
type DeleteOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	IDs    []string
}

// NewCmdDelete returns "organizations delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*DeleteOptions) error) *cobra.Command {
	opts := &DeleteOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "delete ORG_ID...",
		Short: "Delete organizations",
		Long: cmdutil.Heredoc(`
			Delete the organizations, with their teams and memberships (DELETE
			/organization/delete), and print them as JSON. It does not ask for
			confirmation. Proxy admin key needed.`),
		Example: `  litellm-proxy organizations delete acme`,
		Args:    cmdutil.MinimumArgs(1, "at least one ORG_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.IDs = args
			if runF != nil {
				return runF(opts)
			}
			return deleteRun(cmd.Context(), opts)
		},
	}
}

func deleteRun(ctx context.Context, opts *DeleteOptions) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.Organization, error) {
		return c.Organizations.Delete(ctx, opts.IDs, o)
	})
}
