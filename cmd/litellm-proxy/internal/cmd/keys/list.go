package keys

import (
	"context"
	"encoding/json"

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
	var raw json.RawMessage
	if opts.All {
		raw, err = listAll(ctx, c, opts.Filter)
	} else {
		var cap cmdutil.Capture
		var page *facade.KeyList
		page, err = c.Keys.List(ctx, &opts.Filter, cap.Option())
		raw, err = cmdutil.Body(&cap, page, err)
	}
	if err != nil {
		return err
	}
	if opts.Format == cmdutil.FormatJSON {
		return output.PrintJSON(opts.IO, raw)
	}
	v, err := cmdutil.Decode(raw)
	if err != nil {
		return err
	}
	keys := cmdutil.List(v, "keys")
	total := cmdutil.Field(v, "total_count")
	if total == nil {
		total = json.Number("0")
	}
	output.Notef(opts.IO, "Showing %d keys out of %s\n", len(keys), output.Escape(output.PyStr(total)))
	t := output.NewTable("API Keys", "Key Hash", "Alias", "User ID", "Team ID", "Spend")
	for _, k := range keys {
		if s, ok := k.(string); ok { // a bare hash
			t.AddRow(maskIfKey(s))
			continue
		}
		t.AddRow(maskIfKey(cmdutil.Str(k, "token")), cmdutil.Str(k, "key_alias"), cmdutil.Str(k, "user_id"),
			cmdutil.Str(k, "team_id"), cmdutil.Str(k, "spend"))
	}
	return t.Render(opts.IO)
}

// maskIfKey masks a value that is a plaintext key rather than a hash.
func maskIfKey(s string) string {
	if len(s) > 3 && s[:3] == "sk-" {
		return output.MaskKey(s)
	}
	return s
}

// listAll fetches every page and returns {"keys": [...], "total_count": N},
// keeping each key's JSON as the proxy sent it.
func listAll(ctx context.Context, c *facade.Client, filter facade.KeyListOptions) (json.RawMessage, error) {
	lo := filter
	if lo.Size == 0 {
		lo.Size = 100
	}
	all := []json.RawMessage{}
	var total json.RawMessage = []byte("0")
	for page := 1; ; page++ {
		lo.Page = page
		var cap cmdutil.Capture
		res, err := c.Keys.List(ctx, &lo, cap.Option())
		raw, err := cmdutil.Body(&cap, res, err)
		if err != nil {
			return nil, err
		}
		var p struct {
			Keys       []json.RawMessage `json:"keys"`
			TotalCount json.RawMessage   `json:"total_count"`
			TotalPages int               `json:"total_pages"`
		}
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, err
		}
		all = append(all, p.Keys...)
		if len(p.TotalCount) > 0 {
			total = p.TotalCount
		}
		if len(p.Keys) == 0 || page >= p.TotalPages {
			break
		}
	}
	return json.Marshal(struct {
		Keys       []json.RawMessage `json:"keys"`
		TotalCount json.RawMessage   `json:"total_count"`
	}{all, total})
}
