package output

import (
	"math"
	"strings"
)

// The cell formatters below show the fields of the facade's typed results
// as the upstream CLI's str() shows the proxy's JSON, as far as a typed
// field allows: a typed field cannot tell null from its zero value, nor
// 10 from 10.0.

// Str shows a string field: "None" when it is empty, as upstream shows the
// null the proxy sends for an unset field.
func Str(s string) string {
	if s == "" {
		return "None"
	}
	return s
}

// Num shows a number field as Python's str() does ("2.5e-06", "1e-05"),
// with whole numbers as JSON writes them ("100", not "100.0").
func Num(f float64) string {
	s := PyFloatRepr(f)
	if f == math.Trunc(f) && !math.IsInf(f, 0) {
		s = strings.TrimSuffix(s, ".0")
	}
	return s
}

// Strs shows a list of strings joined by ", ".
func Strs(l []string) string { return strings.Join(l, ", ") }
