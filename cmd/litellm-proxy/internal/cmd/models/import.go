package models

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/internal/yamljson"
)

// ImportOptions are the inputs of "models import".
type ImportOptions struct {
	IO                *iostreams.IOStreams
	Client            func() (*facade.Client, error)
	File              string
	DryRun            bool
	ModelRegex        *regexp.Regexp
	AccessGroupsRegex *regexp.Regexp
}

// NewCmdImport returns "models import".
func NewCmdImport(f *cmdutil.Factory, runF func(*ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{IO: f.IOStreams, Client: f.Client}
	var modelRE, groupRE string
	cmd := &cobra.Command{
		Use:   "import YAML_FILE [--dry-run] [--only-models-matching-regex RE] [--only-access-groups-matching-regex RE]",
		Short: "Import deployments from a proxy config file",
		Long: cmdutil.Heredoc(`
			Add every deployment of the model_list of a LiteLLM proxy config file
			(YAML) with POST /model/new, then print the table "Models Imported" and a
			per-provider summary.

			Entries without model_name or litellm_params, or whose litellm_params.model
			is not a string, are skipped. --only-models-matching-regex keeps entries
			whose litellm_params.model matches RE anywhere;
			--only-access-groups-matching-regex keeps entries with at least one
			model_info.access_groups item that matches RE (Go regexp syntax, RE2).
			--dry-run only prints what would be imported.

			Unlike upstream, which ignores failures silently, a deployment the proxy
			rejects is reported on stderr, left out of the tables, and makes the
			command exit 1 after the others are imported.`),
		Example: `  litellm-proxy models import proxy_config.yaml --dry-run
  litellm-proxy models import proxy_config.yaml --only-models-matching-regex '^openai/'
  litellm-proxy models import proxy_config.yaml --only-access-groups-matching-regex beta`,
		Args: cmdutil.ExactArgs(1, "YAML_FILE is required: a proxy config file with a model_list"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			fi, err := os.Stat(opts.File)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				return cmdutil.FlagErrorf("Invalid value for 'YAML_FILE': Path '%s' does not exist.", opts.File)
			case err != nil:
				return cmdutil.FlagErrorf("Invalid value for 'YAML_FILE': %v", err)
			case fi.IsDir():
				return cmdutil.FlagErrorf("Invalid value for 'YAML_FILE': '%s' is a directory.", opts.File)
			}
			if modelRE != "" {
				if opts.ModelRegex, err = regexp.Compile(modelRE); err != nil {
					return cmdutil.FlagErrorf("--only-models-matching-regex: invalid regular expression: %v", err)
				}
			}
			if groupRE != "" {
				if opts.AccessGroupsRegex, err = regexp.Compile(groupRE); err != nil {
					return cmdutil.FlagErrorf("--only-access-groups-matching-regex: invalid regular expression: %v", err)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return importRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "Show what would be imported without importing")
	cmd.Flags().StringVar(&modelRE, "only-models-matching-regex", "", "Import only models whose litellm_params.model matches RE")
	cmd.Flags().StringVar(&groupRE, "only-access-groups-matching-regex", "", "Import only models with an access group matching RE")
	return cmd
}

// importEntry is one deployment of the model_list.
type importEntry struct {
	name   string
	params map[string]any
	info   map[string]any
	model  string
	groups []string
}

// loadModelList reads the model_list of a proxy config file and returns the
// entries that pass upstream's filter and the two regular expressions.
func loadModelList(data []byte, modelRE, groupRE *regexp.Regexp) ([]importEntry, error) {
	var doc any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("invalid YAML: %w", err)
	}
	top, _ := yamljson.Keys(doc).(map[string]any)
	list, ok := top["model_list"]
	if !ok {
		//lint:ignore ST1005 upstream's message
		return nil, errors.New("YAML file must contain a 'model_list' key with a list of models.")
	}
	items, ok := list.([]any)
	if !ok {
		//lint:ignore ST1005 upstream's message
		return nil, errors.New("'model_list' must be a list of model definitions.")
	}
	var out []importEntry
	for _, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		name, hasName := m["model_name"]
		params, hasParams := m["litellm_params"].(map[string]any)
		if !hasName || name == nil || !hasParams {
			continue
		}
		model, ok := params["model"].(string)
		if !ok {
			continue
		}
		if modelRE != nil && !modelRE.MatchString(model) {
			continue
		}
		info, _ := m["model_info"].(map[string]any)
		var groups []string
		if gl, ok := info["access_groups"].([]any); ok {
			for _, g := range gl {
				if s, ok := g.(string); ok {
					groups = append(groups, s)
				}
			}
		}
		if groupRE != nil {
			matched := false
			for _, g := range groups {
				if groupRE.MatchString(g) {
					matched = true
					break
				}
			}
			if !matched {
				continue
			}
		}
		out = append(out, importEntry{name: output.PyStr(name), params: params, info: info, model: model, groups: groups})
	}
	return out, nil
}

func importRun(ctx context.Context, opts *ImportOptions) error {
	data, err := os.ReadFile(opts.File)
	if err != nil {
		return err
	}
	entries, err := loadModelList(data, opts.ModelRegex, opts.AccessGroupsRegex)
	if err != nil {
		return err
	}
	failed := 0
	imported := entries
	if !opts.DryRun {
		c, err := opts.Client()
		if err != nil {
			return err
		}
		imported = nil
		for _, e := range entries {
			req := &facade.ModelNewRequest{ModelName: e.name}
			err := cmdutil.Fill(&req.LitellmParams, e.params)
			if err == nil {
				err = cmdutil.Fill(&req.ModelInfo, e.info)
			}
			if err == nil {
				_, err = c.Models.Add(ctx, req)
			}
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				failed++
				fmt.Fprintf(opts.IO.ErrOut, "Failed to import model %s (%s): %s\n", output.Escape(e.name), output.Escape(e.model), output.SafeErr(err))
				continue
			}
			imported = append(imported, e)
		}
	}
	title := "Models Imported"
	if opts.DryRun {
		title = "Models that would be imported if " + opts.IO.ColorScheme().Yellow("--dry-run") + " was not provided"
	}
	t := output.NewTable(title, "Model Name", "Upstream Model", "Access Groups")
	var providers []string
	counts := map[string]int{}
	for _, e := range imported {
		t.AddRow(e.name, e.model, strings.Join(e.groups, ", "))
		p, _, _ := strings.Cut(e.model, "/")
		if counts[p] == 0 {
			providers = append(providers, p)
		}
		counts[p]++
	}
	if err := t.Render(opts.IO); err != nil {
		return err
	}
	if opts.IO.IsStdoutTTY() {
		fmt.Fprintln(opts.IO.Out)
	}
	s := &output.Table{Title: "Model Import Summary", Columns: []output.Column{{Header: "Provider"}, {Header: "Count", Align: output.AlignRight}}}
	for _, p := range providers {
		s.AddRow(p, fmt.Sprint(counts[p]))
	}
	s.AddFooter("Total", fmt.Sprint(len(imported)))
	if err := s.Render(opts.IO); err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "%d of %d models could not be imported.\n", failed, len(entries))
		return cmdutil.ErrSilent
	}
	return nil
}
