// Python-repr printing, for messages the proxy builds with str() or repr().

package proxytest

import (
	"strings"
)

// pyRepr renders s as Python's repr of a str.
func pyRepr(s string) string {
	q := "'"
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = `"`
	}
	r := strings.NewReplacer(`\`, `\\`, q, `\`+q, "\n", `\n`)
	return q + r.Replace(s) + q
}

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
