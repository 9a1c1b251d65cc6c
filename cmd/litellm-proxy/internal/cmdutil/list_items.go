package cmdutil

import (
	"context"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

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
