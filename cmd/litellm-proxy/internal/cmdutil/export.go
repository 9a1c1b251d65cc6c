package cmdutil

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// Exporter is the output layer of a command, as cli/cli's exporter is: a
// command passes Option() to its facade calls, reads the typed results for
// its table, and prints JSON through the Exporter, which passes the proxy's
// answer through as it was sent (key order, number spelling and the fields
// the facade's types do not declare) and falls back to the typed result when
// no answer was recorded. Commands never decode a response themselves.
type Exporter struct {
	io      *iostreams.IOStreams
	format  string
	answers []facade.RawJSON
}

// NewExporter returns the output layer of a command printing to ios in
// format ([FormatTable] or [FormatJSON]).
func NewExporter(ios *iostreams.IOStreams, format string) *Exporter {
	return &Exporter{io: ios, format: format}
}

// Option records the answers of a facade call (every page of an All
// iteration) for the JSON output.
func (e *Exporter) Option() facade.Option {
	return facade.WithRawJSON(func(r facade.RawJSON) { e.answers = append(e.answers, r) })
}

// IsJSON reports whether the command prints JSON (--format json).
func (e *Exporter) IsJSON() bool { return e.format == FormatJSON }

// Print prints the result of a call that only has a JSON form: err as
// [Exporter.Error] handles it, else the proxy's answer, or v when none was
// recorded.
func (e *Exporter) Print(v any, err error) error {
	if err != nil {
		return e.Error(err)
	}
	return e.JSON(v)
}

// Error is what a command returns for a failed call. A 2xx answer the
// facade could not decode into its type (a field of an unexpected type,
// say) is printed as the proxy sent it, so that the user still sees what
// the proxy said, and Error returns nil; any other error is returned.
func (e *Exporter) Error(err error) error {
	var de *facade.DecodeError
	if errors.As(err, &de) && de.Status/100 == 2 {
		if b := bytes.TrimSpace(de.Body); len(b) > 0 && json.Valid(b) {
			return output.PrintJSON(e.io, facade.RawJSON(b))
		}
	}
	return err
}

// JSON prints the last answer recorded, or v when none was.
func (e *Exporter) JSON(v any) error {
	if n := len(e.answers); n > 0 {
		return output.PrintJSON(e.io, e.answers[n-1])
	}
	return output.PrintJSON(e.io, v)
}

// JSONItems prints, as one JSON list, the [Exporter.Items] of member name of
// every answer recorded (every page of a paged list), or v when none was.
func (e *Exporter) JSONItems(name string, v any) error {
	if len(e.answers) == 0 {
		return output.PrintJSON(e.io, v)
	}
	return output.PrintJSON(e.io, e.Items(name))
}

// Items returns the items of member name (the whole answer when name is "")
// of every answer recorded, in order and as sent: the "keys" of each page
// of GET /key/list, the "data" of GET /models. An answer that is a bare list
// gives its items whatever name says; an object member counts as a list of
// one, and a missing or null member as none.
func (e *Exporter) Items(name string) []facade.RawJSON {
	items := []facade.RawJSON{}
	for _, a := range e.answers {
		if name != "" && !bytes.HasPrefix(a, []byte("[")) {
			a = a.Member(name)
		}
		items = append(items, a.Items()...)
	}
	return items
}

// Last returns the last answer recorded, or nil.
func (e *Exporter) Last() facade.RawJSON {
	if n := len(e.answers); n > 0 {
		return e.answers[n-1]
	}
	return nil
}
