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
	hide    []string // secrets printed masked (Hide)
	redact  bool     // secret-named values printed redacted (RedactSecrets)
}

// RedactSecrets makes the Exporter print the answer as [facade.Redact]
// leaves it: the values of secret-named fields ("langfuse_secret_key",
// "api_key", ...), "sk-" keys and tokens become REDACTED. It is for answers
// that carry third-party credentials the user did not ask to see in clear
// (a team's callback variables). It returns e.
func (e *Exporter) RedactSecrets() *Exporter {
	e.redact = true
	return e
}

// Hide makes the Exporter print each of secrets (the keys the user gave a
// command, which the proxy's answers echo: /key/info, /key/update,
// /key/delete, ...) masked as LiteLLM shows a key itself ("sk-...wxyz"), so
// that a key passed to such a command does not end up in a terminal's
// scrollback or a CI log. Key hashes (64 hex digits) are not secrets and are
// printed as they are. It returns e.
func (e *Exporter) Hide(secrets ...string) *Exporter {
	for _, s := range secrets {
		if s != "" && !isKeyHash(s) {
			e.hide = append(e.hide, s)
		}
	}
	return e
}

// isKeyHash reports whether s is a key's hash (the token LiteLLM stores),
// which the key routes take in place of a key.
func isKeyHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// maskKey is a key as LiteLLM abbreviates it (key_name): its first three
// and last four characters; a key of 12 characters or fewer is all hidden.
func maskKey(s string) string {
	if len(s) <= 12 {
		return "REDACTED"
	}
	return s[:3] + "..." + s[len(s)-4:]
}

// printJSON prints v as [output.PrintJSON] does, with the secrets of Hide
// masked wherever they stand inside a JSON string, and redacted as
// RedactSecrets asks.
func (e *Exporter) printJSON(v any) error {
	if len(e.hide) == 0 && !e.redact {
		return output.PrintJSON(e.io, v)
	}
	b, err := output.JSON(v)
	if err != nil {
		return err
	}
	for _, s := range e.hide {
		b = bytes.ReplaceAll(b, jsonInner(s), jsonInner(maskKey(s)))
	}
	if e.redact {
		b = []byte(facade.Redact(string(b)))
	}
	return output.PrintJSON(e.io, facade.RawJSON(b))
}

// jsonInner is s as it reads inside a JSON string (without the quotes).
func jsonInner(s string) []byte {
	b, _ := json.Marshal(s)
	return b[1 : len(b)-1]
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
			return e.printJSON(facade.RawJSON(b))
		}
	}
	return err
}

// JSON prints the last answer recorded, or v when none was.
func (e *Exporter) JSON(v any) error {
	if n := len(e.answers); n > 0 {
		return e.printJSON(e.answers[n-1])
	}
	return e.printJSON(v)
}

// JSONItems prints, as one JSON list, the [Exporter.Items] of member name of
// every answer recorded (every page of a paged list), or v when none was.
func (e *Exporter) JSONItems(name string, v any) error {
	if len(e.answers) == 0 {
		return e.printJSON(v)
	}
	return e.printJSON(e.Items(name))
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
