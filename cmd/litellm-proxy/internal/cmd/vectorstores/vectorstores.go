// Package vectorstores implements "litellm-proxy vector-stores": list,
// create, get, update and delete of the vector stores the proxy manages.
package vectorstores

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// NewCmdVectorStores returns the vector-stores command group.
func NewCmdVectorStores(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("vector-stores", "Manage vector stores",
		cmdutil.Heredoc(`
			Register, inspect, change and delete the vector stores the proxy manages
			(its management routes; the OpenAI vector store API is forwarded to the
			provider and is not here). Listing needs any key, the rest a proxy admin key.`),
		`  litellm-proxy vector-stores create vs_abc123 --provider openai --name "Handbook"
  litellm-proxy vector-stores list
  litellm-proxy vector-stores delete vs_abc123`)
	cmd.AddCommand(NewCmdList(f, nil), NewCmdCreate(f, nil), NewCmdGet(f, nil), NewCmdUpdate(f, nil), NewCmdDelete(f, nil))
	return cmd
}

// Options are the inputs of the vector-stores commands.
type Options struct {
	IO          *iostreams.IOStreams
	Client      func() (*facade.Client, error)
	Format      string
	ID          string
	Provider    string
	Name        string
	Description string
	Credential  string
}

// NewCmdList returns "vector-stores list".
func NewCmdList(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List vector stores",
		Long: cmdutil.Heredoc(`
			List every vector store (GET /vector_store/list) as a table with
			the columns ID, Name, Provider, Credential and Description, or as the JSON
			list with --format json.`),
		Example: `  litellm-proxy vector-stores list --format json`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
}

func listRun(ctx context.Context, opts *Options) error {
	return cmdutil.ListRun(ctx, opts.IO, opts.Format, opts.Client,
		func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.VectorStore, error) {
			// The proxy answers every store on every page (total_pages is
			// counted, nothing is cut), so one call holds them all.
			page, err := c.VectorStores.List(ctx, nil, o)
			if err != nil {
				return nil, err
			}
			return page.Data, nil
		}, "vector stores", func(list []facade.VectorStore) *output.Table {
			t := output.NewTable("Vector stores", "ID", "Name", "Provider", "Credential", "Description")
			for _, vs := range list {
				t.AddRow(vs.VectorStoreID, vs.VectorStoreName, vs.CustomLlmProvider, vs.LitellmCredentialName, vs.VectorStoreDescription)
			}
			return t
		})
}

// fields registers the flags of "create" and "update".
func fields(cmd *cobra.Command, opts *Options) {
	fs := cmd.Flags()
	fs.StringVar(&opts.Name, "name", "", "Display name of the vector store")
	fs.StringVar(&opts.Description, "description", "", "Description of the vector store")
}

// NewCmdCreate returns "vector-stores create".
func NewCmdCreate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "create VECTOR_STORE_ID --provider P [--name N] [--description D] [--credential NAME]",
		Short: "Register a vector store",
		Long: cmdutil.Heredoc(`
			Register the provider's vector store VECTOR_STORE_ID with the proxy
			(POST /vector_store/new) and print it as JSON. An id already registered is
			HTTP 400 (1.88 sends it as HTTP 500 "400: ...").`),
		Example: `  litellm-proxy vector-stores create vs_abc123 --provider openai --name Handbook --credential openai-prod`,
		Args:    cmdutil.ExactArgs(1, "VECTOR_STORE_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if opts.Provider == "" {
				return cmdutil.FlagErrorf("--provider is required")
			}
			if runF != nil {
				return runF(opts)
			}
			return createRun(cmd.Context(), opts)
		},
	}
	fields(cmd, opts)
	cmd.Flags().StringVar(&opts.Provider, "provider", "", "Provider of the vector store (openai, bedrock, azure, ...)")
	cmd.Flags().StringVar(&opts.Credential, "credential", "", "Name of a stored credential (litellm-proxy credentials) the provider calls use")
	return cmd
}

func createRun(ctx context.Context, opts *Options) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.VectorStore, error) {
		return c.VectorStores.Create(ctx, &facade.VectorStoreNewRequest{VectorStoreID: opts.ID, CustomLlmProvider: opts.Provider,
			VectorStoreName: opts.Name, VectorStoreDescription: opts.Description, LitellmCredentialName: opts.Credential}, o)
	})
}

// NewCmdUpdate returns "vector-stores update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "update VECTOR_STORE_ID [--name N] [--description D]",
		Short: "Change a vector store",
		Long: cmdutil.Heredoc(`
			Change the vector store VECTOR_STORE_ID (POST /vector_store/update) and print
			it as JSON. Only the flags given change. An unknown id is HTTP 404.`),
		Example: `  litellm-proxy vector-stores update vs_abc123 --description "HR handbook, 2026"`,
		Args:    cmdutil.ExactArgs(1, "VECTOR_STORE_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return updateRun(cmd.Context(), opts)
		},
	}
	fields(cmd, opts)
	return cmd
}

func updateRun(ctx context.Context, opts *Options) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.VectorStore, error) {
		return c.VectorStores.Update(ctx, &facade.VectorStoreUpdateRequest{VectorStoreID: opts.ID, VectorStoreName: opts.Name,
			VectorStoreDescription: opts.Description}, o)
	})
}

// NewCmdGet returns "vector-stores get".
func NewCmdGet(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "get VECTOR_STORE_ID",
		Short: "Show a vector store",
		Long: cmdutil.Heredoc(`
			Print the vector store VECTOR_STORE_ID as JSON (POST /vector_store/info);
			its provider parameters come back with secrets redacted. An unknown id is
			HTTP 404.`),
		Example: `  litellm-proxy vector-stores get vs_abc123`,
		Args:    cmdutil.ExactArgs(1, "VECTOR_STORE_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.VectorStore, error) {
				return c.VectorStores.Get(ctx, opts.ID, o)
			})
		},
	}
}

// NewCmdDelete returns "vector-stores delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "delete VECTOR_STORE_ID",
		Short: "Delete a vector store",
		Long: cmdutil.Heredoc(`
			Remove the vector store VECTOR_STORE_ID from the proxy (POST
			/vector_store/delete); the provider's store itself is left alone. An
			unknown id is HTTP 404.`),
		Example: `  litellm-proxy vector-stores delete vs_abc123`,
		Args:    cmdutil.ExactArgs(1, "VECTOR_STORE_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			c, err := opts.Client()
			if err != nil {
				return err
			}
			if err := c.VectorStores.Delete(cmd.Context(), opts.ID); err != nil {
				return err
			}
			_, err = opts.IO.Out.Write([]byte("Deleted vector store " + output.Safe(opts.ID) + "\n"))
			return err
		},
	}
}
