// Python-repr printing, for messages the proxy builds with str() or repr():
// the quoting and float formatting are internal/pyrepr's, shared with the
// facade and the CLI.

package proxytest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/litellm-go/proxyclient/internal/pyrepr"
)

// pyRepr renders s as Python's repr of a str.
func pyRepr(s string) string { return pyrepr.Quote(s) }

// pyDict renders the Python dict {k: v} as str() prints it.
func pyDict(k, v string) string { return "{" + pyRepr(k) + ": " + pyRepr(v) + "}" }

// pyList renders a list of strings as str() prints it.
func pyList(xs []string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = pyRepr(x)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// pyFloat formats f as Python's str(float) does.
func pyFloat(f float64) string { return pyrepr.FloatRepr(f) }

// pyTypeName is the name of the Python type json.loads gives a JSON value.
func pyTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "NoneType"
	case bool:
		return "bool"
	case float64:
		return "int"
	case string:
		return "str"
	case []any:
		return "list"
	}
	return "dict"
}

// pyJSONError renders a JSON syntax error as Python's json module words it
// ("Expecting value: line 1 column 5 (char 4)").
func pyJSONError(data []byte, err error) string {
	off := len(data)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
	}
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	what := "Expecting value"
	if off >= len(bytes.TrimRight(data, " \t\r\n")) {
		what = "unexpected end of data"
	}
	return fmt.Sprintf("%s: line %d column %d (char %d)", what, line, col, off)
}
