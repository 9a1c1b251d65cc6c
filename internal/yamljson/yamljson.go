// Package yamljson turns values decoded from YAML into the values
// encoding/json works with: maps with string keys and, if asked, numbers as
// float64.
package yamljson

import "fmt"

// Keys returns v with every map[any]any, at any depth, turned into a
// map[string]any whose keys are the fmt.Sprint of the YAML keys. Maps with
// string keys and lists are changed in place; scalars are returned as they
// are.
func Keys(v any) any { return convert(v, false) }

// Values returns what [Keys] does, with the integers (int, int64, uint64)
// turned into float64 as well, as encoding/json decodes every number into
// an any.
func Values(v any) any { return convert(v, true) }

func convert(v any, floats bool) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = convert(e, floats)
		}
		return x
	case map[any]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[fmt.Sprint(k)] = convert(e, floats)
		}
		return out
	case []any:
		for i, e := range x {
			x[i] = convert(e, floats)
		}
		return x
	}
	if floats {
		switch x := v.(type) {
		case int:
			return float64(x)
		case int64:
			return float64(x)
		case uint64:
			return float64(x)
		}
	}
	return v
}
