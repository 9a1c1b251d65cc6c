// Package guardrails implements "litellm-proxy guardrails": list, create,
// get, update, delete and apply of guardrails.
package guardrails

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// NewCmdGuardrails returns the guardrails command group.
func NewCmdGuardrails(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("guardrails", "Manage guardrails",
		cmdutil.Heredoc(`
			List, create, inspect, change and delete guardrails (the checks the proxy
			runs on LLM requests), and run one on a text with apply. Managing them
			needs a proxy admin key and a proxy with a database; list --config and
			apply work with any key.`),
		`  litellm-proxy guardrails create words --type litellm_content_filter --mode pre_call --block forbidden --mask secret
  litellm-proxy guardrails list
  litellm-proxy guardrails apply words "a secret plan"`)
	cmd.AddCommand(NewCmdList(f, nil), NewCmdCreate(f, nil), NewCmdGet(f, nil), NewCmdUpdate(f, nil),
		NewCmdDelete(f, nil), NewCmdApply(f, nil), NewCmdRegister(f, nil), NewCmdSubmissions(f))
	return cmd
}

// Options are the inputs of the guardrails commands.
type Options struct {
	IO          *iostreams.IOStreams
	Client      func() (*facade.Client, error)
	Format      string
	Config      bool
	ID          string
	Name        string
	Type        string
	Mode        string
	Description string
	Block       []string
	Mask        []string
	DefaultOn   *bool
	Text        string
}

// NewCmdList returns "guardrails list".
func NewCmdList(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:     "list [--config]",
		Aliases: []string{"ls"},
		Short:   "List guardrails",
		Long: cmdutil.Heredoc(`
			List the guardrails of the database and of the config file
			(GET /v2/guardrails/list; needs a database on LiteLLM 1.88) as a table with
			the columns ID, Name, Type, Mode, Default On and Defined In, or as JSON with
			--format json. --config lists only the config file's guardrails
			(GET /guardrails/list), which works without a database.`),
		Example: `  litellm-proxy guardrails list --config --format json`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Config, "config", false, "List only the guardrails of the config file")
	return cmd
}

func listRun(ctx context.Context, opts *Options) error {
	return cmdutil.ListRun(ctx, opts.IO, opts.Format, opts.Client,
		func(ctx context.Context, c *facade.Client, o facade.Option) ([]facade.Guardrail, error) {
			if opts.Config {
				return c.Guardrails.ListConfig(ctx, o)
			}
			return c.Guardrails.List(ctx, o)
		}, "guardrails", func(list []facade.Guardrail) *output.Table {
			t := output.NewTable("Guardrails", "ID", "Name", "Type", "Mode", "Default On", "Defined In")
			for _, g := range list {
				typ, mode, on := "-", "-", "no"
				if p := g.LitellmParams; p != nil {
					typ, mode = dash(p.Guardrail), dash(p.Mode)
					if p.DefaultOn != nil && *p.DefaultOn {
						on = "yes"
					}
				}
				t.AddRow(dash(g.GuardrailID), g.GuardrailName, typ, mode, on, dash(g.GuardrailDefinitionLocation))
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

// specFlags registers the guardrail flags of "create" and "update".
func specFlags(cmd *cobra.Command, opts *Options, defaultOn *bool) {
	fs := cmd.Flags()
	fs.StringVar(&opts.Type, "type", "litellm_content_filter", "Integration (litellm_content_filter, presidio, bedrock, ...)")
	fs.StringVar(&opts.Mode, "mode", "pre_call", "When it runs: pre_call, post_call, during_call, logging_only")
	fs.StringVar(&opts.Description, "description", "", "Description (guardrail_info.description)")
	fs.StringSliceVar(&opts.Block, "block", nil, "Keyword that blocks a request (litellm_content_filter; repeatable)")
	fs.StringSliceVar(&opts.Mask, "mask", nil, "Keyword that is masked (litellm_content_filter; repeatable)")
	fs.BoolVar(defaultOn, "default-on", false, "Run on every request")
}

// spec builds the guardrail of "create" and "update".
func spec(opts *Options) *facade.GuardrailSpec {
	g := &facade.GuardrailSpec{GuardrailName: opts.Name, LitellmParams: facade.GuardrailParams{
		Guardrail: opts.Type, Mode: opts.Mode, DefaultOn: opts.DefaultOn}}
	for _, k := range opts.Block {
		g.LitellmParams.BlockedWords = append(g.LitellmParams.BlockedWords, facade.GuardrailBlockedWord{Keyword: k, Action: facade.GuardrailBlock})
	}
	for _, k := range opts.Mask {
		g.LitellmParams.BlockedWords = append(g.LitellmParams.BlockedWords, facade.GuardrailBlockedWord{Keyword: k, Action: facade.GuardrailMask})
	}
	if opts.Description != "" {
		g.GuardrailInfo = map[string]any{"description": opts.Description}
	}
	return g
}

// NewCmdCreate returns "guardrails create".
func NewCmdCreate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	var defaultOn bool
	cmd := &cobra.Command{
		Use:   "create NAME [--type T] [--mode M] [--block WORD]... [--mask WORD]... [--default-on] [--description D]",
		Short: "Create a guardrail",
		Long: cmdutil.Heredoc(`
			Create the guardrail NAME in the proxy's database (POST /guardrails) and print
			it as JSON. The default type is litellm_content_filter, whose keywords
			--block refuses and --mask replaces.`),
		Example: `  litellm-proxy guardrails create words --block forbidden --mask secret --description "keyword filter"`,
		Args:    cmdutil.ExactArgs(1, "NAME is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if cmdutil.Changed(cmd, "default-on") {
				opts.DefaultOn = cmdutil.Ptr(defaultOn)
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Guardrail, error) {
				return c.Guardrails.Create(ctx, spec(opts), o)
			})
		},
	}
	specFlags(cmd, opts, &defaultOn)
	return cmd
}

// NewCmdUpdate returns "guardrails update".
func NewCmdUpdate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	var defaultOn bool
	cmd := &cobra.Command{
		Use:   "update GUARDRAIL_ID --name NAME [--type T] [--mode M] [--block WORD]... [--mask WORD]...",
		Short: "Replace a guardrail",
		Long: cmdutil.Heredoc(`
			Replace the guardrail GUARDRAIL_ID (PUT /guardrails/{guardrail_id}) with the
			one the flags describe, and print it as JSON.`),
		Example: `  litellm-proxy guardrails update 3a9eb012-1f01-4dfd-9699-ae1d2a7d7c6f --name words --mask secret`,
		Args:    cmdutil.ExactArgs(1, "GUARDRAIL_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if opts.Name == "" {
				return cmdutil.FlagErrorf("--name is required")
			}
			if cmdutil.Changed(cmd, "default-on") {
				opts.DefaultOn = cmdutil.Ptr(defaultOn)
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Guardrail, error) {
				return c.Guardrails.Update(ctx, opts.ID, spec(opts), o)
			})
		},
	}
	cmd.Flags().StringVar(&opts.Name, "name", "", "Name of the guardrail (required)")
	specFlags(cmd, opts, &defaultOn)
	return cmd
}

// NewCmdGet returns "guardrails get".
func NewCmdGet(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "get GUARDRAIL_ID",
		Short: "Show a guardrail",
		Long: cmdutil.Heredoc(`
			Print the guardrail GUARDRAIL_ID (GET /guardrails/{guardrail_id}) as JSON,
			secret values masked.`),
		Example: `  litellm-proxy guardrails get 3a9eb012-1f01-4dfd-9699-ae1d2a7d7c6f`,
		Args:    cmdutil.ExactArgs(1, "GUARDRAIL_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Guardrail, error) {
				return c.Guardrails.Get(ctx, opts.ID, o)
			})
		},
	}
}

// NewCmdDelete returns "guardrails delete".
func NewCmdDelete(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:     "delete GUARDRAIL_ID",
		Aliases: []string{"rm"},
		Short:   "Delete a guardrail",
		Long: cmdutil.Heredoc(`
			Delete the guardrail GUARDRAIL_ID of the database
			(DELETE /guardrails/{guardrail_id}) and print the proxy's answer as JSON.`),
		Example: `  litellm-proxy guardrails delete 3a9eb012-1f01-4dfd-9699-ae1d2a7d7c6f`,
		Args:    cmdutil.ExactArgs(1, "GUARDRAIL_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (map[string]string, error) {
				msg, err := c.Guardrails.Delete(ctx, opts.ID, o)
				return map[string]string{"message": msg}, err
			})
		},
	}
}

// NewCmdApply returns "guardrails apply".
func NewCmdApply(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "apply NAME TEXT...",
		Short: "Run a guardrail on a text",
		Long: cmdutil.Heredoc(`
			Run the guardrail NAME on TEXT (POST /guardrails/apply_guardrail) and print the
			text it lets through (masked words replaced) as JSON. A blocked text is an
			error (exit 1). Any key may call it.`),
		Example: `  litellm-proxy guardrails apply words "a secret plan"`,
		Args:    cmdutil.MinimumArgs(2, "NAME and TEXT are required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name, opts.Text = args[0], strings.Join(args[1:], " ")
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (map[string]string, error) {
				out, err := c.Guardrails.Apply(ctx, opts.Name, opts.Text, o)
				return map[string]string{"response_text": out}, err
			})
		},
	}
}
