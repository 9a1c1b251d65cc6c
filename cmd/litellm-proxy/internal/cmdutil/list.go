package cmdutil

import (
	"context"
	"strconv"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// ListRun runs a list command that prints one unpaged list: it calls list
// with the [Exporter]'s option and prints, with --format json, the proxy's
// answer as a JSON list (an empty list, never null, when there is no
// answer); in a table, "No <noun> found." when the list is empty, else the
// table that table makes of the items.
func ListRun[T any](ctx context.Context, ios *iostreams.IOStreams, format string,
	client func() (*facade.Client, error),
	list func(context.Context, *facade.Client, facade.Option) ([]T, error),
	noun string, table func([]T) *output.Table) error {
	return ListMemberRun(ctx, ios, format, client, list, "", noun, table)
}

// ListMemberRun is [ListRun] for a list the proxy sends inside an object:
// with --format json it prints the items of the answer's member (of every
// page's answer, for a paged list) as one JSON list, as they were sent.
func ListMemberRun[T any](ctx context.Context, ios *iostreams.IOStreams, format string,
	client func() (*facade.Client, error),
	list func(context.Context, *facade.Client, facade.Option) ([]T, error),
	member, noun string, table func([]T) *output.Table) error {
	c, err := client()
	if err != nil {
		return err
	}
	exp := NewExporter(ios, format)
	items, err := list(ctx, c, exp.Option())
	if err != nil {
		return exp.Error(err)
	}
	if exp.IsJSON() {
		if items == nil {
			items = []T{}
		}
		return exp.JSONItems(member, items)
	}
	if len(items) == 0 {
		output.Notef(ios, "No %s found.\n", noun)
		return nil
	}
	return table(items).Render(ios)
}

// JSONRun runs a command whose result has only a JSON form (create, get,
// update and the like): it calls call with the [Exporter]'s option and
// prints the proxy's answer as it was sent, or the typed result when none
// was recorded; a failed call's error is handled as [Exporter.Error] does.
func JSONRun[T any](ctx context.Context, ios *iostreams.IOStreams,
	client func() (*facade.Client, error),
	call func(context.Context, *facade.Client, facade.Option) (T, error)) error {
	return jsonRun(ctx, NewExporter(ios, FormatJSON), client, call)
}

// JSONRunHiding is [JSONRun] for a command given keys that the proxy's
// answer echoes: the output shows them masked ([Exporter.Hide]).
func JSONRunHiding[T any](ctx context.Context, ios *iostreams.IOStreams,
	client func() (*facade.Client, error), secrets []string,
	call func(context.Context, *facade.Client, facade.Option) (T, error)) error {
	return jsonRun(ctx, NewExporter(ios, FormatJSON).Hide(secrets...), client, call)
}

// JSONRunRedacted is [JSONRun] for an answer that carries third-party
// credentials: the output shows them redacted ([Exporter.RedactSecrets]).
func JSONRunRedacted[T any](ctx context.Context, ios *iostreams.IOStreams,
	client func() (*facade.Client, error),
	call func(context.Context, *facade.Client, facade.Option) (T, error)) error {
	return jsonRun(ctx, NewExporter(ios, FormatJSON).RedactSecrets(), client, call)
}

// jsonRun is JSONRun with its Exporter.
func jsonRun[T any](ctx context.Context, exp *Exporter, client func() (*facade.Client, error),
	call func(context.Context, *facade.Client, facade.Option) (T, error)) error {
	c, err := client()
	if err != nil {
		return err
	}
	res, err := call(ctx, c, exp.Option())
	return exp.Print(res, err)
}

// ActivityRun runs a daily-activity command (users activity, tags
// activity, ...): it calls call with the [Exporter]'s option and prints,
// with --format json, the proxy's answer; in a table titled title, a row a
// day (date, spend, requests, failed requests, tokens), or "No activity
// found." when there is none.
func ActivityRun(ctx context.Context, ios *iostreams.IOStreams, format string,
	client func() (*facade.Client, error),
	call func(context.Context, *facade.Client, facade.Option) (*facade.SpendAnalytics, error), title string) error {
	c, err := client()
	if err != nil {
		return err
	}
	exp := NewExporter(ios, format)
	res, err := call(ctx, c, exp.Option())
	if err != nil {
		return exp.Error(err)
	}
	if exp.IsJSON() {
		return exp.JSON(res)
	}
	if len(res.Results) == 0 {
		output.Notef(ios, "No activity found.\n")
		return nil
	}
	t := output.NewTable(title, "Date", "Spend", "Requests", "Failed", "Tokens")
	for _, d := range res.Results {
		m := d.Metrics
		t.AddRow(d.Date, output.Num(m.Spend), strconv.Itoa(m.APIRequests), strconv.Itoa(m.FailedRequests), strconv.Itoa(m.TotalTokens))
	}
	return t.Render(ios)
}
