// Typed records: the columns of the proxy's tables as structs, and the two
// bridges to the JSON the handlers read and write (a request field into a
// column, a record into the map the views of views.go pick fields from).

package proxytest

import (
	"encoding/json"
	"reflect"
	"strings"
)

// setColumn sets the column of rec (a pointer to a struct of columns) whose
// JSON name is name to v, a JSON-decoded value, converted through JSON so
// that a null clears a pointer. It reports false when rec has no such
// column, and an error when v does not fit the column's type.
func setColumn(rec any, name string, v any) (bool, error) {
	rv := reflect.ValueOf(rec).Elem()
	rt := rv.Type()
	for i := range rt.NumField() {
		tag, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		if tag != name {
			continue
		}
		data, err := json.Marshal(v)
		if err != nil {
			return true, err
		}
		fresh := reflect.New(rt.Field(i).Type)
		if err := json.Unmarshal(data, fresh.Interface()); err != nil {
			return true, err
		}
		rv.Field(i).Set(fresh.Elem())
		return true, nil
	}
	return false, nil
}

// columns renders rec (a struct of columns, or a pointer to one) as a
// JSON-like map of every column: what [view] picks a response's fields from.
// Numbers come out as float64, as from a decoded request.
func columns(rec any) map[string]any {
	data, err := json.Marshal(rec)
	out := map[string]any{}
	if err == nil {
		err = json.Unmarshal(data, &out)
	}
	if err != nil {
		panic("proxytest: render a record: " + err.Error()) // a column type json cannot encode: a bug here
	}
	return out
}

// val returns *p, or the zero value when p is nil.
func val[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }

// setRecordColumn is [setColumn] for a request field: a value of the wrong
// type gets pydantic's 422.
func setRecordColumn(rec any, field string, v any) *apiError {
	ok, err := setColumn(rec, field, v)
	switch {
	case !ok:
		panic("proxytest: no column " + field) // a settable field without a column: a bug here
	case err != nil:
		return columnErr(field, v, err)
	}
	return nil
}
