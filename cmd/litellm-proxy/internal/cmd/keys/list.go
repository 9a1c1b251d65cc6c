package keys

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// ListOptions are the inputs of "keys list".
type ListOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	Format string
	Filter facade.KeyListOptions
	All    bool
}

// NewCmdList returns "keys list".
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, Client: f.Client}
	fl := &opts.Filter
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List keys",
		Long: cmdutil.Heredoc(`
			List keys (GET /key/list, always with return_full_object=true): the line
			"Showing N keys out of M" and a table titled "API Keys" with the columns
			Key Hash, Alias, User ID, Team ID and Spend, or the proxy's whole answer
			with --format json. When stdout is not a terminal the "Showing" line goes
			to stderr, so that stdout holds only the table.

			The proxy pages the list (10 keys by default); --all fetches every page
			(100 keys a page unless --size says otherwise). With --all and --format
			json the output is {"keys": [...], "total_count": N}.`),
		Example: `  litellm-proxy keys list
  litellm-proxy keys list --team-id engineering --all
  litellm-proxy keys list --key-alias ci --format json`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if fl.Page < 0 || (cmdutil.Changed(cmd, "page") && fl.Page == 0) {
				return cmdutil.FlagErrorf("--page must be 1 or more, got %d", fl.Page)
			}
			if fl.Size < 0 || fl.Size > 100 || (cmdutil.Changed(cmd, "size") && fl.Size == 0) {
				return cmdutil.FlagErrorf("--size must be between 1 and 100, got %d", fl.Size)
			}
			if opts.All && cmdutil.Changed(cmd, "page") {
				return cmdutil.FlagErrorf("--all and --page cannot be used together")
			}
			fl.ReturnFullObject = true
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.IntVar(&fl.Page, "page", 0, "Page number, from 1")
	fs.IntVar(&fl.Size, "size", 0, "Keys per page, 1 to 100 (the proxy's default is 10)")
	fs.StringVar(&fl.UserID, "user-id", "", "Only keys of this user")
	fs.StringVar(&fl.TeamID, "team-id", "", "Only keys of this team")
	fs.StringVar(&fl.OrganizationID, "organization-id", "", "Only keys of this organization")
	fs.StringVar(&fl.KeyHash, "key-hash", "", "Only the key with this hash")
	fs.StringVar(&fl.KeyAlias, "key-alias", "", "Only keys with this alias")
	fs.BoolVar(&fl.IncludeTeamKeys, "include-team-keys", false, "Include the keys of the caller's teams")
	fs.BoolVar(&opts.All, "all", false, "Fetch every page")
	return cmd
}

func listRun(ctx context.Context, opts *ListOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	var keys []facade.Key
	var total int
	if opts.All {
		for k, err := range c.Keys.All(ctx, &opts.Filter, exp.Option()) {
			if err != nil {
				return exp.Error(err)
			}
			keys = append(keys, *k)
		}
		total = len(keys)
		if exp.IsJSON() {
			return output.PrintJSON(opts.IO, allKeys{Keys: exp.Items("keys"), TotalCount: totalCount(exp.Last(), total)})
		}
	} else {
		page, err := c.Keys.List(ctx, &opts.Filter, exp.Option())
		if err != nil {
			return exp.Error(err)
		}
		if exp.IsJSON() {
			return exp.JSON(page)
		}
		keys, total = page.Keys, page.TotalCount
	}
	output.Notef(opts.IO, "Showing %d keys out of %d\n", len(keys), total)
	t := output.NewTable("API Keys", "Key Hash", "Alias", "User ID", "Team ID", "Spend")
	for _, k := range keys {
		if bareHash(k) {
			t.AddRow(maskIfKey(k.Token))
			continue
		}
		t.AddRow(maskIfKey(k.Token), output.Str(k.KeyAlias), output.Str(k.UserID), output.Str(k.TeamID), output.Num(k.Spend))
	}
	return t.Render(opts.IO)
}

// allKeys is the JSON of "keys list --all": every page's keys as the proxy
// sent them, and the proxy's count.
type allKeys struct {
	Keys       []facade.RawJSON `json:"keys"`
	TotalCount facade.RawJSON   `json:"total_count"`
}

// totalCount is the total_count of the last page as the proxy wrote it, or
// n when the page has none.
func totalCount(last facade.RawJSON, n int) facade.RawJSON {
	if tc := last.Member("total_count"); len(tc) > 0 && string(tc) != "null" {
		return tc
	}
	return facade.RawJSON(strconv.Itoa(n))
}

// bareHash reports whether the proxy sent k as its hash alone (a proxy that
// ignores return_full_object): nothing but Token is set.
func bareHash(k facade.Key) bool {
	return k.Token != "" && k.CreatedAt == "" && k.KeyAlias == "" && k.UserID == "" && k.TeamID == "" &&
		k.Spend == 0 && k.Models == nil && k.Metadata == nil && k.Expires == "" && k.UpdatedAt == ""
}

// maskIfKey masks a value that is a plaintext key rather than a hash.
func maskIfKey(s string) string {
	if len(s) > 3 && s[:3] == "sk-" {
		return output.MaskKey(s)
	}
	return s
}
