package yamljson

import (
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestConvert(t *testing.T) {
	tests := []struct {
		name       string
		in         any
		keys, vals any
	}{
		{
			name: "scalars",
			in:   "s",
			keys: "s",
			vals: "s",
		},
		{
			name: "integers",
			in:   []any{1, int64(2), uint64(3), 1.5, true, nil},
			keys: []any{1, int64(2), uint64(3), 1.5, true, nil},
			vals: []any{1.0, 2.0, 3.0, 1.5, true, nil},
		},
		{
			name: "map with any keys",
			in:   map[any]any{1: "a", true: map[any]any{"k": 2}, "s": []any{map[any]any{2.5: 3}}},
			keys: map[string]any{"1": "a", "true": map[string]any{"k": 2}, "s": []any{map[string]any{"2.5": 3}}},
			vals: map[string]any{"1": "a", "true": map[string]any{"k": 2.0}, "s": []any{map[string]any{"2.5": 3.0}}},
		},
		{
			name: "map with string keys",
			in:   map[string]any{"a": map[any]any{"b": int64(7)}},
			keys: map[string]any{"a": map[string]any{"b": int64(7)}},
			vals: map[string]any{"a": map[string]any{"b": 7.0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Keys(deepCopy(tt.in)); !reflect.DeepEqual(got, tt.keys) {
				t.Errorf("Keys = %#v, want %#v", got, tt.keys)
			}
			if got := Values(deepCopy(tt.in)); !reflect.DeepEqual(got, tt.vals) {
				t.Errorf("Values = %#v, want %#v", got, tt.vals)
			}
		})
	}
}

func TestDecodedYAML(t *testing.T) {
	var doc any
	if err := yaml.Unmarshal([]byte("model_list:\n  - model_name: m\n    litellm_params: {rpm: 10, 3: x}\n"), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"model_list": []any{map[string]any{
		"model_name":     "m",
		"litellm_params": map[string]any{"rpm": 10.0, "3": "x"},
	}}}
	if got := Values(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("Values = %#v, want %#v", got, want)
	}
}

// deepCopy copies the maps and lists of v, since Keys and Values change
// them in place.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case map[any]any:
		out := make(map[any]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}
