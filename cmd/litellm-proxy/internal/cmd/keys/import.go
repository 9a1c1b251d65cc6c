package keys

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// importPageSize is the page size of the source listing, as upstream.
const importPageSize = 100

// ImportOptions are the inputs of "keys import".
type ImportOptions struct {
	IO            *iostreams.IOStreams
	Client        func() (*facade.Client, error)
	SourceClient  func() (*facade.Client, error)
	SourceBaseURL string
	CreatedSince  *time.Time
	CreatedRaw    string
	DryRun        bool
}

// NewCmdImport returns "keys import".
func NewCmdImport(f *cmdutil.Factory, runF func(*ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{IO: f.IOStreams, Client: f.Client}
	var sourceKey string
	cmd := &cobra.Command{
		Use:   "import --source-base-url URL [--source-api-key KEY] [--created-since YYYY-MM-DD[_HH:MM]] [--dry-run]",
		Short: "Copy keys from another proxy",
		Long: cmdutil.Heredoc(`
			Copy the keys of another LiteLLM proxy (the source) into this one: list the
			source's keys 100 at a time, keep those created since --created-since
			(compared without time zones, as upstream), and for each generate a key
			here with the same models, aliases, spend, key_alias, team_id, user_id,
			budget_id and config (the settings that are set). The new keys get new
			values; they are not printed. --dry-run only lists what would be copied.

			Progress goes to stdout, failures to stderr. Unlike upstream, the command
			exits 1 when a key could not be imported.`),
		Example: `  litellm-proxy keys import --source-base-url https://old-proxy.example.com --source-api-key sk-old-admin --dry-run
  litellm-proxy keys import --source-base-url https://old-proxy.example.com --source-api-key sk-old-admin --created-since 2025-01-01_09:00`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.SourceBaseURL == "" {
				return cmdutil.FlagErrorf("--source-base-url is required: the proxy to copy keys from")
			}
			if opts.CreatedRaw != "" {
				t, err := ParseCreatedSince(opts.CreatedRaw)
				if err != nil {
					return cmdutil.FlagErrorf("--created-since: %v", err)
				}
				opts.CreatedSince = &t
			}
			opts.SourceClient = func() (*facade.Client, error) {
				o := []facade.Option{facade.WithAPIKey(sourceKey)}
				if f.Globals != nil && f.Globals.Timeout > 0 {
					o = append(o, facade.WithTimeout(f.Globals.Timeout))
				}
				c, err := facade.New(opts.SourceBaseURL, o...)
				if err != nil {
					return nil, cmdutil.FlagErrorf("--source-base-url %q: %v", opts.SourceBaseURL, err)
				}
				return c, nil
			}
			if runF != nil {
				return runF(opts)
			}
			return importRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.SourceBaseURL, "source-base-url", "", "Base URL of the proxy to copy keys from (required)")
	fs.StringVar(&sourceKey, "source-api-key", "", "Admin API key of the source proxy")
	fs.StringVar(&opts.CreatedRaw, "created-since", "", "Only keys created at or after YYYY-MM-DD or YYYY-MM-DD_HH:MM")
	fs.BoolVar(&opts.DryRun, "dry-run", false, "Only show the keys that would be imported")
	return cmd
}

// ParseCreatedSince parses --created-since: YYYY-MM-DD_HH:MM when it holds
// "_", else YYYY-MM-DD.
func ParseCreatedSince(s string) (time.Time, error) {
	layout := "2006-01-02"
	if strings.Contains(s, "_") {
		layout = "2006-01-02_15:04"
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		//lint:ignore ST1005 upstream's message
		return time.Time{}, fmt.Errorf("Invalid date format '%s'. Use YYYY-MM-DD_HH:MM or YYYY-MM-DD", s)
	}
	return t, nil
}

// parseCreatedAt parses a key's created_at and drops its time zone (the
// wall-clock time is kept), as upstream compares naive datetimes.
func parseCreatedAt(s string) (time.Time, bool) {
	for _, layout := range []string{
		time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05.999999999", "2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC), true
		}
	}
	return time.Time{}, false
}

// importedKey is the request that copies k's settings (models, aliases,
// spend, key_alias, team_id, user_id, budget_id and config) where they are
// set, as upstream copies the truthy ones.
func importedKey(k facade.Key) *facade.KeyGenerateRequest {
	req := &facade.KeyGenerateRequest{
		Models: k.Models, Aliases: k.Aliases, KeyAlias: k.KeyAlias, TeamID: k.TeamID,
		UserID: k.UserID, BudgetID: k.BudgetID, Config: k.Config,
	}
	if len(req.Models) == 0 {
		req.Models = nil
	}
	if len(req.Aliases) == 0 {
		req.Aliases = nil
	}
	if len(req.Config) == 0 {
		req.Config = nil
	}
	if k.Spend != 0 {
		req.Spend = &k.Spend
	}
	return req
}

func importRun(ctx context.Context, opts *ImportOptions) error {
	out := opts.IO.Out
	src, err := opts.SourceClient()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Fetching keys from source server: %s\n", output.SafeURL(opts.SourceBaseURL))
	var keys []facade.Key
	for page := 1; ; page++ {
		res, err := src.Keys.List(ctx, &facade.KeyListOptions{ReturnFullObject: true, Page: page, Size: importPageSize})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "Fetched page %d: %d keys\n", page, len(res.Keys))
		keys = append(keys, res.Keys...)
		if len(res.Keys) < importPageSize {
			break
		}
	}
	if opts.CreatedSince != nil {
		before := len(keys)
		var kept []facade.Key
		for _, k := range keys {
			if t, ok := parseCreatedAt(k.CreatedAt); ok && !t.Before(*opts.CreatedSince) {
				kept = append(kept, k)
			}
		}
		keys = kept
		fmt.Fprintf(out, "Filtered %d keys to %d keys created since %s\n", before, len(keys), opts.CreatedRaw)
	}
	if len(keys) == 0 {
		fmt.Fprintln(out, "No keys found in source instance.")
		return nil
	}
	fmt.Fprintf(out, "Found %d keys in source instance.\n", len(keys))
	if opts.DryRun {
		fmt.Fprintln(out, "\n--- DRY RUN MODE ---")
		t := output.NewTable("Keys that would be imported", "Key Alias", "User ID", "Created")
		for _, k := range keys {
			t.AddRow(output.Str(k.KeyAlias), output.Str(k.UserID), output.FormatISODatetimeStr(k.CreatedAt))
		}
		return t.Render(opts.IO)
	}
	dst, err := opts.Client()
	if err != nil {
		return err
	}
	ok, failed := 0, 0
	for _, k := range keys {
		alias := k.KeyAlias
		if alias == "" {
			alias = "(no alias)"
		}
		_, err := dst.Keys.Generate(ctx, importedKey(k))
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			failed++
			fmt.Fprintf(opts.IO.ErrOut, "✗ Failed to import key %s: %s\n", output.Safe(alias), output.SafeErr(err))
			continue
		}
		ok++
		fmt.Fprintf(out, "✓ Imported key: %s\n", output.Safe(alias))
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "Import completed:")
	fmt.Fprintf(out, "  Successfully imported: %d\n", ok)
	fmt.Fprintf(out, "  Failed to import: %d\n", failed)
	fmt.Fprintf(out, "  Total keys processed: %d\n", len(keys))
	if failed > 0 {
		return cmdutil.ErrSilent
	}
	return nil
}
