package models

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// ListOptions are the inputs of "models list".
type ListOptions struct {
	IO       *iostreams.IOStreams
	Client   func() (*facade.Client, error)
	Format   string
	Location *time.Location
}

// NewCmdList returns "models list".
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List the models the key may use",
		Long: cmdutil.Heredoc(`
			List the model names the API key may use (GET /models), as a table titled
			"Available Models" with the columns ID, Object, Created and Owned By, or as
			the JSON list with --format json. Created is shown in local time.`),
		Example: `  litellm-proxy models list
  litellm-proxy models list --format json`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
}

func listRun(ctx context.Context, opts *ListOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	var cap cmdutil.Capture
	models, err := c.Models.List(ctx, nil, cap.Option())
	raw, err := cmdutil.Body(&cap, struct {
		Data any `json:"data"`
	}{models}, err)
	if err != nil {
		return err
	}
	data := cmdutil.RawField(raw, "data")
	if opts.Format == cmdutil.FormatJSON {
		if data == nil {
			data = []byte("[]")
		}
		return output.PrintJSON(opts.IO, data)
	}
	items, _ := cmdutil.Decode(data)
	list, _ := items.([]any)
	t := output.NewTable("Available Models", "ID", "Object", "Created", "Owned By")
	for _, m := range list {
		object := "model"
		if cmdutil.Has(m, "object") {
			object = cmdutil.Str(m, "object")
		}
		t.AddRow(cmdutil.Str(m, "id"), object, formatCreated(cmdutil.Field(m, "created"), opts.Location), cmdutil.Str(m, "owned_by"))
	}
	return t.Render(opts.IO)
}

// formatCreated is upstream's rule for the Created column: a digit string
// becomes an int first; an int goes through format_timestamp, anything else
// through format_iso_datetime_str.
func formatCreated(v any, loc *time.Location) string {
	if s, ok := v.(string); ok && s != "" && isDigits(s) {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return output.FormatTimestamp(n, loc)
		}
	}
	if isInt(v) {
		return output.FormatTimestamp(v, loc)
	}
	return output.FormatISODatetimeStr(v)
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func isInt(v any) bool {
	switch x := v.(type) {
	case int, int64:
		return true
	case json.Number:
		s := string(x)
		if s == "" {
			return false
		}
		if s[0] == '-' {
			s = s[1:]
		}
		return s != "" && isDigits(s)
	}
	return false
}
