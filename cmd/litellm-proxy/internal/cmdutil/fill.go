package cmdutil

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Fill decodes the JSON object m into dst, a pointer to a (generated)
// request struct. String values of k=v flags are converted where dst's
// field for that key is a number or a boolean ("rpm=60" becomes 60), so
// that the typed request accepts what upstream sends as strings and the
// proxy coerces; a value that does not convert is an error naming the key.
// Keys without a field go wherever dst keeps them (AdditionalProperties).
func Fill(dst any, m map[string]any) error {
	if len(m) == 0 {
		return nil
	}
	kinds := fieldKinds(reflect.TypeOf(dst))
	conv := make(map[string]any, len(m))
	for k, v := range m {
		s, isStr := v.(string)
		kind, known := kinds[k]
		if !isStr || !known {
			conv[k] = v
			continue
		}
		switch kind {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil {
				return fmt.Errorf("%s=%s: %s must be an integer", k, s, k)
			}
			conv[k] = n
		case reflect.Float32, reflect.Float64:
			n, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil {
				return fmt.Errorf("%s=%s: %s must be a number", k, s, k)
			}
			conv[k] = n
		case reflect.Bool:
			b, err := strconv.ParseBool(strings.TrimSpace(s))
			if err != nil {
				return fmt.Errorf("%s=%s: %s must be true or false", k, s, k)
			}
			conv[k] = b
		default:
			conv[k] = v
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(conv); err != nil {
		return err
	}
	if err := json.Unmarshal(buf.Bytes(), dst); err != nil {
		return fmt.Errorf("invalid value: %w", err)
	}
	return nil
}

// fieldKinds maps the JSON names of a struct's fields to their kinds
// (pointers dereferenced).
func fieldKinds(t reflect.Type) map[string]reflect.Kind {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	out := map[string]reflect.Kind{}
	if t == nil || t.Kind() != reflect.Struct {
		return out
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		out[name] = ft.Kind()
	}
	return out
}
