package facade

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/gen"
)

// TestChunkFieldsDecoded checks the fast decoders against gen's types field
// by field: a chunk and a completion with every field of every nested type
// set (as gen's types declare them) must be decoded by the fast decoder
// itself, equal to what encoding/json gives, with no field left zero. It
// fails when a decoder skips a key of its table or fills the wrong field;
// TestChunkTypesKnown checks the tables against gen's json tags.
func TestChunkFieldsDecoded(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		sample any
		fast   func(data []byte) (any, bool)
		slow   func(data []byte) (any, error)
	}{
		{
			name:   "chunk",
			sample: &gen.ChatCompletionChunk{},
			fast: func(data []byte) (any, bool) {
				var c gen.ChatCompletionChunk
				ok := new(chunkDecoder).decode(data, &c)
				return c, ok
			},
			slow: func(data []byte) (any, error) {
				var c gen.ChatCompletionChunk
				err := json.Unmarshal(data, &c)
				return c, err
			},
		},
		{
			name:   "completion",
			sample: &gen.ChatCompletion{},
			fast: func(data []byte) (any, bool) {
				var c gen.ChatCompletion
				ok := decodeCompletion(data, &c)
				return c, ok
			},
			slow: func(data []byte) (any, error) {
				var c gen.ChatCompletion
				err := json.Unmarshal(data, &c)
				return c, err
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := fillAll(reflect.ValueOf(tt.sample).Elem(), 0); err != nil {
				t.Fatal(err)
			}
			data, err := json.Marshal(tt.sample)
			if err != nil {
				t.Fatal(err)
			}
			fast, ok := tt.fast(data)
			if !ok {
				t.Fatalf("the fast decoder refused a %s with every field set: %s", tt.name, data)
			}
			slow, err := tt.slow(data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(slow, fast); diff != "" {
				t.Errorf("fast decoder differs from encoding/json (-json +fast):\n%s", diff)
			}
			if path := firstZero(reflect.ValueOf(fast), reflect.TypeOf(fast).String()); path != "" {
				t.Errorf("the fast decoder left %s zero; input: %s", path, data)
			}
		})
	}
}

// fillAll sets every field reachable from v to a non-zero value.
func fillAll(v reflect.Value, depth int) error {
	if depth > 10 {
		return fmt.Errorf("%s nests too deeply", v.Type())
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("v-" + v.Type().Name())
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(7 + depth))
	case reflect.Struct:
		for i := range v.NumField() {
			if err := fillAll(v.Field(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		if err := fillAll(s.Index(0), depth+1); err != nil {
			return err
		}
		v.Set(s)
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return fmt.Errorf("%s: map key is not a string", v.Type())
		}
		m := reflect.MakeMap(v.Type())
		e := reflect.New(v.Type().Elem()).Elem()
		if err := fillAll(e, depth+1); err != nil {
			return err
		}
		m.SetMapIndex(reflect.ValueOf("k").Convert(v.Type().Key()), e)
		v.Set(m)
	case reflect.Interface:
		v.Set(reflect.ValueOf("x"))
	default:
		return fmt.Errorf("%s: kind %s has no sample", v.Type(), v.Kind())
	}
	return nil
}

// firstZero returns the path of the first zero value under v, or "".
func firstZero(v reflect.Value, path string) string {
	if v.IsZero() {
		return path
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if p := firstZero(v.Field(i), path+"."+v.Type().Field(i).Name); p != "" {
				return p
			}
		}
	case reflect.Slice:
		if v.Len() == 0 {
			return path + "[]"
		}
		return firstZero(v.Index(0), path+"[0]")
	case reflect.Map:
		if v.Len() == 0 {
			return path + "{}"
		}
	}
	return ""
}
