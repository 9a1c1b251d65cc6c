// Request validation errors, as FastAPI's 422 {"detail": [...]}.

package proxytest

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/litellm-go/proxyclient/gen"
)

func validationErr(err error) *apiError {
	var items []any
	var walk func(error)
	walk = func(err error) {
		var me openapi3.MultiError
		if errors.As(err, &me) && !isRequestError(err) {
			for _, e := range me {
				walk(e)
			}
			return
		}
		var re *openapi3filter.RequestError
		if !errors.As(err, &re) {
			items = append(items, map[string]any{"type": "value_error", "loc": []any{"body"}, "msg": err.Error()})
			return
		}
		items = append(items, requestErrorItems(re)...)
	}
	walk(err)
	if len(items) == 0 {
		items = append(items, map[string]any{"type": "value_error", "loc": []any{"body"}, "msg": err.Error()})
	}
	return &apiError{status: http.StatusUnprocessableEntity, body: gen.DetailError{Detail: items}}
}

// publicValidation is the proxy's 422 as the version sends it: 1.106.12
// keeps only type, loc and msg of each item (public_validation_errors in
// its RequestValidationError handler), 1.88.0 also input and ctx.
func (h *handler) publicValidation(e *apiError) *apiError {
	d, ok := e.body.(gen.DetailError)
	items, isList := d.Detail.([]any)
	if !h.is106() || !ok || !isList {
		return e
	}
	out := make([]any, 0, len(items))
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			m = map[string]any{"type": m["type"], "loc": m["loc"], "msg": m["msg"]}
			it = m
		}
		out = append(out, it)
	}
	return &apiError{status: e.status, header: e.header, body: gen.DetailError{Detail: out}}
}

func isRequestError(err error) bool {
	_, ok := err.(*openapi3filter.RequestError)
	return ok
}

func requestErrorItems(re *openapi3filter.RequestError) []any {
	var base []any
	if re.Parameter != nil {
		base = []any{re.Parameter.In, re.Parameter.Name}
	} else {
		base = []any{"body"}
	}
	if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
		return []any{map[string]any{"type": "missing", "loc": base, "msg": "Field required", "input": nil}}
	}
	var pe *openapi3filter.ParseError
	if errors.As(re.Err, &pe) {
		if re.Parameter == nil {
			return []any{map[string]any{"type": "json_invalid", "loc": append(base, 0), "msg": "JSON decode error",
				"input": map[string]any{}, "ctx": map[string]any{"error": pe.Error()}}}
		}
		typ, msg := "value_error", "Input is not valid"
		if s := re.Parameter.Schema; s != nil && s.Value != nil {
			typ, msg = typeMismatch(s.Value)
			typ = strings.Replace(typ, "_type", "_parsing", 1)
		}
		return []any{map[string]any{"type": typ, "loc": base, "msg": msg, "input": pe.Value}}
	}
	var schemaErrs []*openapi3.SchemaError
	var collect func(error)
	collect = func(err error) {
		var me openapi3.MultiError
		if errors.As(err, &me) {
			for _, e := range me {
				collect(e)
			}
			return
		}
		var se *openapi3.SchemaError
		if errors.As(err, &se) {
			schemaErrs = append(schemaErrs, se)
		}
	}
	collect(re.Err)
	if len(schemaErrs) == 0 {
		typ, msg := "value_error", re.Error()
		if strings.Contains(re.Reason, "Content-Type") {
			typ, msg = "model_attributes_type", "Input should be a valid dictionary or object to extract fields from"
		}
		return []any{map[string]any{"type": typ, "loc": base, "msg": msg}}
	}
	var out []any
	for _, se := range schemaErrs {
		loc := slices.Clone(base)
		for _, p := range se.JSONPointer() {
			if n, err := strconv.Atoi(p); err == nil {
				loc = append(loc, n)
			} else {
				loc = append(loc, p)
			}
		}
		item := schemaErrorItem(se, loc)
		if re.Parameter != nil && re.Parameter.In == "query" && re.Input != nil && re.Input.Request != nil {
			// FastAPI echoes a query parameter as the string it received.
			if vs, ok := re.Input.Request.URL.Query()[re.Parameter.Name]; ok && len(vs) > 0 {
				item["input"] = vs[0]
			}
		}
		out = append(out, item)
	}
	return out
}

func schemaErrorItem(se *openapi3.SchemaError, loc []any) map[string]any {
	item := map[string]any{"loc": loc, "input": se.Value}
	s := se.Schema
	switch se.SchemaField {
	case "required":
		item["type"], item["msg"] = "missing", "Field required"
	case "type", "nullable":
		item["type"], item["msg"] = typeMismatch(s)
	case "enum":
		opts := make([]string, len(s.Enum))
		for i, e := range s.Enum {
			opts[i] = fmt.Sprintf("'%v'", e)
		}
		exp := strings.Join(opts, ", ")
		if n := len(opts); n > 1 {
			exp = strings.Join(opts[:n-1], ", ") + " or " + opts[n-1]
		}
		item["type"], item["msg"], item["ctx"] = "enum", "Input should be "+exp, map[string]any{"expected": exp}
	case "minimum":
		item["type"], item["msg"], item["ctx"] = "greater_than_equal", fmt.Sprintf("Input should be greater than or equal to %v", deref(s.Min)), map[string]any{"ge": deref(s.Min)}
	case "maximum":
		item["type"], item["msg"], item["ctx"] = "less_than_equal", fmt.Sprintf("Input should be less than or equal to %v", deref(s.Max)), map[string]any{"le": deref(s.Max)}
	case "minItems":
		item["type"], item["msg"] = "too_short", fmt.Sprintf("List should have at least %d item after validation", s.MinItems)
	case "maxItems":
		item["type"], item["msg"] = "too_long", fmt.Sprintf("List should have at most %d items after validation", deref(s.MaxItems))
	case "minLength":
		item["type"], item["msg"] = "string_too_short", fmt.Sprintf("String should have at least %d characters", s.MinLength)
	case "maxLength":
		item["type"], item["msg"] = "string_too_long", fmt.Sprintf("String should have at most %d characters", deref(s.MaxLength))
	default:
		item["type"], item["msg"] = "value_error", se.Reason
	}
	return item
}

// typeMismatch names a pydantic type error for a value that is not of s's type.
func typeMismatch(s *openapi3.Schema) (string, string) {
	switch {
	case s == nil || s.Type == nil:
		return "value_error", "Input is not valid"
	case s.Type.Is(openapi3.TypeString):
		return "string_type", "Input should be a valid string"
	case s.Type.Is(openapi3.TypeInteger):
		return "int_type", "Input should be a valid integer"
	case s.Type.Is(openapi3.TypeNumber):
		return "float_type", "Input should be a valid number"
	case s.Type.Is(openapi3.TypeBoolean):
		return "bool_type", "Input should be a valid boolean"
	case s.Type.Is(openapi3.TypeArray):
		return "list_type", "Input should be a valid list"
	case s.Type.Is(openapi3.TypeObject):
		return "dict_type", "Input should be a valid dictionary"
	}
	return "value_error", "Input is not valid"
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
