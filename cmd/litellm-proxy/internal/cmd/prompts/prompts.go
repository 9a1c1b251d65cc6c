// Package prompts implements "litellm-proxy prompts": list, create, get,
// versions, update, delete and test of the prompts the proxy stores.
package prompts

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// NewCmdPrompts returns the prompts command group.
func NewCmdPrompts(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("prompts", "Manage prompts",
		cmdutil.Heredoc(`
			Create, list, inspect, change and delete the prompts the proxy stores
			(prompt management), and list their versions. A prompt is a .prompt
			(dotprompt) file: YAML front matter with the model and its parameters
			between --- lines, then the template, whose System:, User: and Assistant:
			lines become messages and whose {{variables}} a chat completion fills with
			prompt_variables. Every create and update stores a new version. The commands
			need a proxy admin key; storing needs a proxy with a database.`),
		`  litellm-proxy prompts create greeting --file greeting.prompt
  litellm-proxy prompts test --file greeting.prompt --var name=Ada
  litellm-proxy prompts versions greeting`)
	cmd.AddCommand(NewCmdList(f, nil), NewCmdCreate(f, nil), NewCmdGet(f, nil), NewCmdVersions(f, nil),
		NewCmdUpdate(f, nil), NewCmdDelete(f, nil), NewCmdTest(f, nil))
	return cmd
}

// Options are the inputs of the prompts commands.
type Options struct {
	IO          *iostreams.IOStreams
	Client      func() (*facade.Client, error)
	Format      string
	ID          string
	Environment string
	File        string // a .prompt file, "-" for standard input
	Content     string // the .prompt text itself
	Integration string
	Vars        map[string]any
}

// maxPromptFile bounds a prompt read from a file or standard input.
const maxPromptFile = 1 << 20

// promptText returns the .prompt text of --content or --file (- reads
// standard input); exactly one must be given.
func promptText(opts *Options, contentSet bool) (string, error) {
	switch {
	case contentSet && opts.File != "":
		return "", cmdutil.FlagErrorf("--file and --content cannot be used together")
	case contentSet:
		return opts.Content, nil
	case opts.File == "":
		return "", cmdutil.FlagErrorf("--file or --content is required")
	}
	var r io.Reader
	if opts.File == "-" {
		r = opts.IO.In
	} else {
		f, err := os.Open(opts.File)
		if err != nil {
			return "", fmt.Errorf("read prompt: %w", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxPromptFile+1))
	switch {
	case err != nil:
		return "", fmt.Errorf("read prompt: %w", err)
	case len(data) > maxPromptFile:
		return "", fmt.Errorf("read prompt: larger than %d bytes", maxPromptFile)
	case len(data) == 0:
		return "", fmt.Errorf("read prompt: %s is empty", opts.File)
	}
	return string(data), nil
}

// sourceFlags registers --file and --content.
func sourceFlags(cmd *cobra.Command, opts *Options) {
	cmd.Flags().StringVarP(&opts.File, "file", "f", "", "Read the .prompt text from `FILE` (- for standard input)")
	cmd.Flags().StringVar(&opts.Content, "content", "", "The .prompt text itself")
}

// envFlag registers --environment.
func envFlag(cmd *cobra.Command, opts *Options, usage string) {
	cmd.Flags().StringVar(&opts.Environment, "environment", "", usage)
}

func (o *Options) promptOptions() *facade.PromptOptions {
	return &facade.PromptOptions{Environment: o.Environment}
}

// request builds the body of "create" and "update".
func request(opts *Options, text string) *facade.PromptCreateRequest {
	req := &facade.PromptCreateRequest{PromptID: opts.ID, LitellmParams: facade.PromptParams{
		PromptIntegration: opts.Integration, DotpromptContent: text}}
	if opts.Environment != "" {
		req.PromptInfo = &facade.PromptInfo{PromptType: facade.PromptTypeDB, Environment: opts.Environment}
	}
	return req
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// table is the table of "list" and "versions".
func table(title string, withVersion bool) func([]facade.Prompt) *output.Table {
	return func(list []facade.Prompt) *output.Table {
		cols := []string{"ID", "Integration", "Type", "Environment", "Updated"}
		if withVersion {
			cols = []string{"ID", "Version", "Integration", "Type", "Environment", "Updated", "Created By"}
		}
		t := output.NewTable(title, cols...)
		for _, p := range list {
			row := []string{p.PromptID, dash(p.LitellmParams.PromptIntegration), dash(string(p.PromptInfo.PromptType)),
				dash(p.Environment), dash(p.UpdatedAt)}
			if withVersion {
				row = []string{p.PromptID, strconv.Itoa(p.Version), row[1], row[2], row[3], row[4], dash(p.CreatedBy)}
			}
			t.AddRow(row...)
		}
		return t
	}
}

// NewCmdList returns "prompts list".
func NewCmdList(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:     "list [--environment ENV]",
		Aliases: []string{"ls"},
		Short:   "List prompts",
		Long: cmdutil.Heredoc(`
			List the latest version of every prompt (GET /prompts/list) as a table with
			the columns ID, Integration, Type, Environment and Updated, or as JSON with
			--format json. It works without a database (the config file's prompts).`),
		Example: `  litellm-proxy prompts list --format json`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.ListRun(cmd.Context(), opts.IO, opts.Format, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.Prompt, error) {
					return c.Prompts.List(ctx, opts.promptOptions(), o)
				}, "prompts", table("Prompts", false))
		},
	}
	envFlag(cmd, opts, "List only the prompts of this environment")
	return cmd
}

// NewCmdVersions returns "prompts versions".
func NewCmdVersions(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "versions PROMPT_ID [--environment ENV]",
		Short: "List the versions of a prompt",
		Long: cmdutil.Heredoc(`
			List every version of the prompt PROMPT_ID, newest first
			(GET /prompts/{prompt_id}/versions), as a table with the columns ID, Version,
			Integration, Type, Environment, Updated and Created By, or as JSON with
			--format json. A prompt without versions is an error (exit 1).`),
		Example: `  litellm-proxy prompts versions greeting --environment production`,
		Args:    cmdutil.ExactArgs(1, "PROMPT_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID, opts.Format = args[0], f.Format()
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.ListRun(cmd.Context(), opts.IO, opts.Format, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.Prompt, error) {
					return c.Prompts.Versions(ctx, opts.ID, opts.promptOptions(), o)
				}, "versions", table("Versions of "+opts.ID, true))
		},
	}
	envFlag(cmd, opts, "List only the versions of this environment")
	return cmd
}

// NewCmdCreate returns "prompts create".
func NewCmdCreate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "create PROMPT_ID (--file FILE | --content TEXT) [--environment ENV]",
		Short: "Create a prompt",
		Long: cmdutil.Heredoc(`
			Store the .prompt text of --file (- for standard input) or --content as a new
			version of the prompt PROMPT_ID (POST /prompts), in --environment (the proxy's
			default is development), and print the stored version as JSON; its prompt_id
			has the version suffix (greeting.v1). Creating an existing prompt again
			stores its next version.`),
		Example: `  litellm-proxy prompts create greeting --file greeting.prompt
  printf -- '---\nmodel: gpt-4o\n---\nUser: Hello {{name}}\n' | litellm-proxy prompts create greeting --file -`,
		Args: cmdutil.ExactArgs(1, "PROMPT_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			text, err := promptText(opts, cmdutil.Changed(cmd, "content"))
			if err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Prompt, error) {
					return c.Prompts.Create(ctx, request(opts, text), o)
				})
		},
	}
	sourceFlags(cmd, opts)
	envFlag(cmd, opts, "Environment of the new version (development, staging, production, ...)")
	cmd.Flags().StringVar(&opts.Integration, "integration", "dotprompt", "Prompt integration (litellm_params.prompt_integration)")
	return cmd
}

// NewCmdUpdate returns "prompts update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "update PROMPT_ID (--file FILE | --content TEXT) [--environment ENV]",
		Short: "Store a new version of a prompt",
		Long: cmdutil.Heredoc(`
			Store the .prompt text of --file (- for standard input) or --content as the
			next version of the existing prompt PROMPT_ID (PUT /prompts/{prompt_id}), in
			--environment (default development), and print it as JSON. An unknown prompt
			is an error (exit 1).`),
		Example: `  litellm-proxy prompts update greeting --file greeting.prompt --environment staging`,
		Args:    cmdutil.ExactArgs(1, "PROMPT_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			text, err := promptText(opts, cmdutil.Changed(cmd, "content"))
			if err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Prompt, error) {
					return c.Prompts.Update(ctx, opts.ID, request(opts, text), o)
				})
		},
	}
	sourceFlags(cmd, opts)
	envFlag(cmd, opts, "Environment of the new version (default development)")
	cmd.Flags().StringVar(&opts.Integration, "integration", "dotprompt", "Prompt integration (litellm_params.prompt_integration)")
	return cmd
}

// NewCmdGet returns "prompts get".
func NewCmdGet(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "get PROMPT_ID [--environment ENV]",
		Short: "Show a prompt",
		Long: cmdutil.Heredoc(`
			Print the prompt PROMPT_ID (GET /prompts/{prompt_id}) as JSON: its latest
			version (or the version of a suffixed id such as greeting.v1, or of
			--environment), its parsed template and the environments it is in. An
			unknown prompt is an error (exit 1; the proxy answers HTTP 400).`),
		Example: `  litellm-proxy prompts get greeting.v1`,
		Args:    cmdutil.ExactArgs(1, "PROMPT_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.PromptDetail, error) {
					return c.Prompts.Get(ctx, opts.ID, opts.promptOptions(), o)
				})
		},
	}
	envFlag(cmd, opts, "Show the version of this environment")
	return cmd
}

// NewCmdDelete returns "prompts delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:     "delete PROMPT_ID [--environment ENV]",
		Aliases: []string{"rm"},
		Short:   "Delete a prompt",
		Long: cmdutil.Heredoc(`
			Delete every version of the prompt PROMPT_ID (of --environment only, when
			given) (DELETE /prompts/{prompt_id}) and print the proxy's answer as JSON.`),
		Example: `  litellm-proxy prompts delete greeting --environment staging`,
		Args:    cmdutil.ExactArgs(1, "PROMPT_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (map[string]string, error) {
					msg, err := c.Prompts.Delete(ctx, opts.ID, opts.promptOptions(), o)
					return map[string]string{"message": msg}, err
				})
		},
	}
	envFlag(cmd, opts, "Delete only the versions of this environment")
	return cmd
}

// NewCmdTest returns "prompts test".
func NewCmdTest(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	var vars []string
	cmd := &cobra.Command{
		Use:   "test (--file FILE | --content TEXT) [--var NAME=VALUE]...",
		Short: "Run a prompt through its model",
		Long: cmdutil.Heredoc(`
			Render the .prompt text of --file (- for standard input) or --content with the
			--var values and send it to the model of its front matter
			(POST /prompts/test); the answer is printed as it streams in. Nothing is
			stored, and no database is needed. A prompt without a model, or with an
			unknown one, is an error (exit 1).`),
		Example: `  litellm-proxy prompts test --file greeting.prompt --var name=Ada`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			text, err := promptText(opts, cmdutil.Changed(cmd, "content"))
			if err != nil {
				return err
			}
			if opts.Vars, err = cmdutil.ParseKeyValues("--var", vars); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return testRun(cmd.Context(), opts, text)
		},
	}
	sourceFlags(cmd, opts)
	cmd.Flags().StringArrayVar(&vars, "var", nil, "Template variable `NAME=VALUE` (repeatable)")
	return cmd
}

func testRun(ctx context.Context, opts *Options, text string) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	s, err := c.Prompts.Test(ctx, &facade.PromptTestRequest{DotpromptContent: text, PromptVariables: opts.Vars})
	if err != nil {
		return err
	}
	defer s.Close()
	reply, err := cmdutil.PrintStream(opts.IO.Out, s)
	if reply != "" {
		fmt.Fprintln(opts.IO.Out)
	}
	return err
}
