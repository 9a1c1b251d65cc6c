// Package mcp implements "litellm-proxy mcp": list, create, get, update,
// delete and health of the MCP servers the proxy fronts, and their access
// groups and tools. The verbs act on MCP servers ("mcp list" lists
// servers), the one thing the noun manages.
package mcp

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// NewCmdMCP returns the mcp command group.
func NewCmdMCP(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("mcp", "Manage MCP servers",
		cmdutil.Heredoc(`
			Add, inspect, change and delete the MCP servers the proxy fronts (its
			/v1/mcp management routes), and list their access groups and tools.
			Creating, changing and deleting need a proxy admin key. Tables never show
			a server's URL, headers, env or credentials (they can carry secrets);
			the proxy never answers credentials at all.`),
		`  litellm-proxy mcp create docs --url https://mcp.example.com/mcp --transport http
  litellm-proxy mcp list
  litellm-proxy mcp delete docs`)
	cmd.AddCommand(NewCmdList(f, nil), NewCmdCreate(f, nil), NewCmdGet(f, nil), NewCmdUpdate(f, nil),
		NewCmdDelete(f, nil), NewCmdHealth(f, nil), NewCmdAccessGroups(f, nil), NewCmdTools(f, nil))
	return cmd
}

// Options are the inputs of the mcp commands.
type Options struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Format string
	Args   []string
	TeamID string
	Fields serverFields
}

// serverFields are the flags of "create" and "update".
type serverFields struct {
	ID, Name, Alias, Description, URL, Transport, AuthType, Command string
	AccessGroups, AllowedTools, CommandArgs                         []string
	AllowAllKeys                                                    *bool
	AuthValueStdin                                                  bool
	AuthValue                                                       string // read from stdin
	set                                                             map[string]bool
}

func (s *serverFields) changed(name string) bool { return s.set[name] }

// NewCmdList returns "mcp list".
func NewCmdList(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:     "list [--team-id ID]",
		Aliases: []string{"ls"},
		Short:   "List MCP servers",
		Long: cmdutil.Heredoc(`
			List the MCP servers the caller may use (GET /v1/mcp/server) as a table
			with the columns Server ID, Name, Transport, Auth Type, Access Groups,
			All Keys and Status, or as the proxy's JSON list with --format json.
			--team-id lists the servers a team may use. A proxy without a database
			lists the servers of its config file.`),
		Example: `  litellm-proxy mcp list
  litellm-proxy mcp list --team-id team-1 --format json`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.TeamID, "team-id", "", "Only the servers this team may use")
	return cmd
}

func listRun(ctx context.Context, opts *Options) error {
	var params *facade.MCPServerListOptions
	if opts.TeamID != "" {
		params = &facade.MCPServerListOptions{TeamID: opts.TeamID}
	}
	return cmdutil.ListRun(ctx, opts.IO, opts.Format, opts.Client,
		func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.MCPServer, error) {
			return c.MCPServers.List(ctx, params, o)
		}, "MCP servers", func(list []facade.MCPServer) *output.Table {
			t := output.NewTable("MCP servers", "Server ID", "Name", "Transport", "Auth Type", "Access Groups", "All Keys", "Status")
			for _, s := range list {
				t.AddRow(s.ServerID, dash(s.ServerName), string(s.Transport), dash(string(s.AuthType)),
					dash(output.Strs(s.McpAccessGroups)), yesNo(s.AllowAllKeys), dash(s.Status))
			}
			return t
		})
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// addFields registers the server flags of "create" and "update".
func addFields(cmd *cobra.Command, s *serverFields, update bool) {
	fs := cmd.Flags()
	if update {
		fs.StringVar(&s.Name, "name", "", "Server name (no '-'; tools are prefixed with it)")
	} else {
		fs.StringVar(&s.ID, "id", "", "Server id (default: the proxy makes one)")
	}
	fs.StringVar(&s.Alias, "alias", "", "Alias (default: the name; no '-')")
	fs.StringVar(&s.Description, "description", "", "Description")
	fs.StringVar(&s.URL, "url", "", "URL of the MCP server (sse and http transports)")
	cmdutil.StringEnumFlag(fs, &s.Transport, "transport", "", "Transport (the proxy's default: sse)", "sse", "http", "stdio")
	cmdutil.StringEnumFlag(fs, &s.AuthType, "auth-type", "", "How the proxy authenticates to the server",
		"none", "api_key", "bearer_token", "basic", "authorization", "oauth2", "aws_sigv4", "token")
	fs.BoolVar(&s.AuthValueStdin, "auth-value-stdin", false, "Read the server's credential (API key, token) from the first line of stdin")
	fs.StringArrayVar(&s.AccessGroups, "access-group", nil, "MCP access group (repeat for more)")
	fs.StringArrayVar(&s.AllowedTools, "allowed-tool", nil, "Tool the proxy exposes (repeat for more; default all)")
	fs.StringVar(&s.Command, "command", "", "Command to run (stdio transport)")
	fs.StringArrayVar(&s.CommandArgs, "arg", nil, "Argument of --command (repeat for more)")
	var allowAll bool
	fs.BoolVar(&allowAll, "allow-all-keys", false, "Open the server to every key")
	s.AllowAllKeys = &allowAll
}

// readFields records which flags were given and reads the credential.
func readFields(cmd *cobra.Command, ios *iostreams.IOStreams, s *serverFields) error {
	s.set = map[string]bool{}
	cmd.Flags().Visit(func(fl *pflag.Flag) { s.set[fl.Name] = true })
	if !s.changed("allow-all-keys") {
		s.AllowAllKeys = nil
	}
	if s.AuthValueStdin {
		line, err := cmdutil.ReadSecretLine(ios, "auth-value-stdin")
		if err != nil {
			return err
		}
		s.AuthValue = line
	}
	return nil
}

func (s *serverFields) credentials() *facade.MCPCredentials {
	if s.AuthValue == "" {
		return nil
	}
	return &facade.MCPCredentials{AuthValue: s.AuthValue}
}

// NewCmdCreate returns "mcp create".
func NewCmdCreate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "create NAME [--url URL] [--transport sse|http|stdio] [--id ID] [flags]",
		Short: "Add an MCP server",
		Long: cmdutil.Heredoc(`
			Add the MCP server NAME (POST /v1/mcp/server) and print it as JSON. The
			name and alias may not contain '-'. --auth-value-stdin reads the
			server's credential from stdin, so that it is neither in the shell
			history nor in the process list; the proxy stores it and never answers it.`),
		Example: `  litellm-proxy mcp create docs --url https://mcp.example.com/mcp --transport http --access-group eng
  printf '%s\n' "$DOCS_TOKEN" | litellm-proxy mcp create docs --url https://mcp.example.com/mcp --auth-type bearer_token --auth-value-stdin`,
		Args: cmdutil.ExactArgs(1, "NAME is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			if err := readFields(cmd, opts.IO, &opts.Fields); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return createRun(cmd.Context(), opts)
		},
	}
	addFields(cmd, &opts.Fields, false)
	return cmd
}

func createRun(ctx context.Context, opts *Options) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.MCPServer, error) {
		s := &opts.Fields
		return c.MCPServers.Create(ctx, &facade.MCPServerNewRequest{ServerID: s.ID, ServerName: opts.Args[0], Alias: s.Alias,
			Description: s.Description, URL: s.URL, Transport: facade.MCPTransport(s.Transport), AuthType: facade.MCPAuthType(s.AuthType),
			Credentials: s.credentials(), McpAccessGroups: s.AccessGroups, AllowedTools: s.AllowedTools, Command: s.Command,
			Args: s.CommandArgs, AllowAllKeys: s.AllowAllKeys != nil && *s.AllowAllKeys}, o)
	})
}

// NewCmdUpdate returns "mcp update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "update SERVER_ID [flags]",
		Short: "Change an MCP server",
		Long: cmdutil.Heredoc(`
			Change the MCP server SERVER_ID (PUT /v1/mcp/server) and print it as JSON.
			Only the flags given change; --access-group and --allowed-tool replace
			the lists. An unknown server is HTTP 404.`),
		Example: `  litellm-proxy mcp update docs --description "Internal docs" --allow-all-keys`,
		Args:    cmdutil.ExactArgs(1, "SERVER_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			if err := readFields(cmd, opts.IO, &opts.Fields); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return updateRun(cmd.Context(), opts)
		},
	}
	addFields(cmd, &opts.Fields, true)
	return cmd
}

func updateRun(ctx context.Context, opts *Options) error {
	return cmdutil.JSONRun(ctx, opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.MCPServer, error) {
		s := &opts.Fields
		req := &facade.MCPServerUpdateRequest{ServerID: opts.Args[0], ServerName: s.Name, Alias: s.Alias,
			Description: s.Description, URL: s.URL, Transport: facade.MCPTransport(s.Transport), AuthType: facade.MCPAuthType(s.AuthType),
			Credentials: s.credentials(), AllowedTools: s.AllowedTools, Command: s.Command, Args: s.CommandArgs,
			AllowAllKeys: s.AllowAllKeys}
		if s.changed("access-group") {
			req.McpAccessGroups = s.AccessGroups
		}
		return c.MCPServers.Update(ctx, req, o)
	})
}

// NewCmdGet returns "mcp get".
func NewCmdGet(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "get SERVER_ID",
		Short: "Show an MCP server",
		Long: cmdutil.Heredoc(`
			Show the MCP server SERVER_ID (GET /v1/mcp/server/{server_id}) as the
			proxy's JSON, with the result of the health check the proxy runs on the
			call. Credentials are always null; static_headers and env are printed as
			the proxy sends them.`),
		Example: `  litellm-proxy mcp get docs`,
		Args:    cmdutil.ExactArgs(1, "SERVER_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.MCPServer, error) {
				return c.MCPServers.Get(ctx, args[0], o)
			})
		},
	}
}

// NewCmdDelete returns "mcp delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "delete SERVER_ID",
		Short: "Delete an MCP server",
		Long: cmdutil.Heredoc(`
			Delete the MCP server SERVER_ID (DELETE /v1/mcp/server/{server_id}). The
			proxy answers nothing; the command says what it deleted. It does not ask
			for confirmation.`),
		Example: `  litellm-proxy mcp delete docs`,
		Args:    cmdutil.ExactArgs(1, "SERVER_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(opts)
			}
			c, err := opts.Client()
			if err != nil {
				return err
			}
			if err := c.MCPServers.Delete(cmd.Context(), args[0]); err != nil {
				return err
			}
			_, err = fmt.Fprintf(opts.IO.Out, "Deleted MCP server %s\n", output.Safe(args[0]))
			return err
		},
	}
}

// NewCmdHealth returns "mcp health".
func NewCmdHealth(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "health [SERVER_ID...]",
		Short: "Show the health of MCP servers",
		Long: cmdutil.Heredoc(`
			Show the health status of the MCP servers (GET /v1/mcp/server/health):
			the given ones, or every server the caller may use. A table with the
			columns Server ID and Status, or the proxy's JSON with --format json.
			Unknown ids are left out.`),
		Example: `  litellm-proxy mcp health
  litellm-proxy mcp health docs search`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args, opts.Format = args, f.Format()
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.ListRun(cmd.Context(), opts.IO, opts.Format, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.MCPServerHealth, error) {
					return c.MCPServers.Health(ctx, opts.Args, o)
				}, "MCP servers", func(list []facade.MCPServerHealth) *output.Table {
					t := output.NewTable("MCP server health", "Server ID", "Status")
					for _, h := range list {
						t.AddRow(h.ServerID, dash(h.Status))
					}
					return t
				})
		},
	}
}

// NewCmdAccessGroups returns "mcp access-groups".
func NewCmdAccessGroups(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "access-groups",
		Short: "List MCP access groups",
		Long: cmdutil.Heredoc(`
			List the access groups of the MCP servers in the proxy's config and
			database (GET /v1/mcp/access_groups), one a line, or the proxy's JSON
			with --format json.`),
		Example: `  litellm-proxy mcp access-groups`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			c, err := opts.Client()
			if err != nil {
				return err
			}
			exp := cmdutil.NewExporter(opts.IO, opts.Format)
			groups, err := c.MCPServers.AccessGroups(cmd.Context(), exp.Option())
			if err != nil {
				return exp.Error(err)
			}
			if exp.IsJSON() {
				return exp.JSON(map[string]any{"access_groups": groups})
			}
			if len(groups) == 0 {
				output.Notef(opts.IO, "No MCP access groups found.\n")
				return nil
			}
			t := output.NewTable("MCP access groups", "Access Group")
			for _, g := range groups {
				t.AddRow(g)
			}
			return t.Render(opts.IO)
		},
	}
}

// NewCmdTools returns "mcp tools".
func NewCmdTools(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "tools",
		Short: "List the MCP tools of the caller's key",
		Long: cmdutil.Heredoc(`
			List the tools of the MCP servers the caller's key may use
			(GET /v1/mcp/tools; the proxy asks each server), as a table with the
			columns Name and Description, or the proxy's JSON with --format json.`),
		Example: `  litellm-proxy mcp tools --format json`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			c, err := opts.Client()
			if err != nil {
				return err
			}
			exp := cmdutil.NewExporter(opts.IO, opts.Format)
			tools, err := c.MCPServers.Tools(cmd.Context(), exp.Option())
			if err != nil {
				return exp.Error(err)
			}
			if exp.IsJSON() {
				return exp.JSON(map[string]any{"tools": tools})
			}
			if len(tools) == 0 {
				output.Notef(opts.IO, "No MCP tools found.\n")
				return nil
			}
			t := output.NewTable("MCP tools", "Name", "Description")
			for _, tool := range tools {
				name, _ := tool["name"].(string)
				desc, _ := tool["description"].(string)
				t.AddRow(name, dash(desc))
			}
			return t.Render(opts.IO)
		},
	}
}
