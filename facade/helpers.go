package facade

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// Helpers the service files share: request bodies, path values, query
// parameters and the list envelope.

// pathParam checks a value that goes into a URL path: gen escapes it, but
// "." and ".." would still be resolved as dot segments and reach another route.
func pathParam(method, path, name, value string) error {
	switch value {
	case "":
		return fmt.Errorf("%s %s: %s is required", method, path, name)
	case ".", "..":
		return fmt.Errorf("%s %s: %s %q is not a valid name", method, path, name, value)
	}
	return nil
}

// replaceMembers encodes v, a struct, as a JSON object and re-encodes each
// of its members named in members with marshalSetFields; a member that
// comes out as {} is left out.
func replaceMembers(v any, members map[string]any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return nil, err
	}
	for name, m := range members {
		if _, ok := obj[name]; !ok {
			continue
		}
		enc, err := marshalSetFields(m)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if string(enc) == "{}" {
			delete(obj, name)
			continue
		}
		obj[name] = enc
	}
	return json.Marshal(obj)
}

// marshalSetFields encodes v, a generated struct with AdditionalProperties,
// as encoding/json would without its MarshalJSON method: a field tagged
// omitempty or omitzero is left out when it holds its zero value. The
// AdditionalProperties members come last and win over a field of the same
// name, as in the generated encoder.
func marshalSetFields(v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Struct {
		return json.Marshal(v)
	}
	rt := rv.Type()
	obj := make(map[string]json.RawMessage, rt.NumField())
	for i := range rt.NumField() {
		f := rt.Field(i)
		name, flags, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" || name == "" {
			continue
		}
		fv := rv.Field(i)
		optional := strings.Contains(flags, "omitempty") || strings.Contains(flags, "omitzero")
		if optional && fv.IsZero() {
			continue
		}
		enc, err := json.Marshal(fv.Interface())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		obj[name] = enc
	}
	if extras := rv.FieldByName("AdditionalProperties"); extras.IsValid() && extras.Kind() == reflect.Map {
		iter := extras.MapRange()
		for iter.Next() {
			enc, err := json.Marshal(iter.Value().Interface())
			if err != nil {
				return nil, fmt.Errorf("%s: %w", iter.Key().String(), err)
			}
			obj[iter.Key().String()] = enc
		}
	}
	return json.Marshal(obj)
}

// dataList decodes the {"data": ...} envelope of the list endpoints. A
// response without "data" is an error (the upstream client fails on it too);
// "data": null is an empty list; a single object is a list of one (GET
// /v1/model/info on a proxy started with --model answers that way).
type dataList[T any] struct{ items []T }

// UnmarshalJSON decodes the envelope; see dataList.
func (l *dataList[T]) UnmarshalJSON(b []byte) error {
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return err
	}
	data := bytes.TrimSpace(env.Data)
	switch {
	case len(data) == 0:
		return errors.New(`response has no "data" member`)
	case bytes.Equal(data, []byte("null")):
		l.items = []T{}
		return nil
	case data[0] == '{':
		var one T
		if err := json.Unmarshal(data, &one); err != nil {
			return err
		}
		l.items = []T{one}
		return nil
	}
	var items []T
	if err := json.Unmarshal(data, &items); err != nil {
		return err
	}
	if items == nil {
		items = []T{}
	}
	l.items = items
	return nil
}

// setOrNil returns a pointer to v, or nil when v is the zero value: the
// generated query parameters are pointers, and the facade's option structs
// send a parameter only when it is set.
func setOrNil[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}
