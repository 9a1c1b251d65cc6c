// Error responses in the proxy's shapes.

package proxytest

import (
	"net/http"
	"strconv"
)

// apiError is an error response.
type apiError struct {
	status int
	body   any
	header http.Header
}

// proxyErr is a ProxyException: {"error": {"message","type","param","code"}}
// with code a string. param may be a string or nil.
func proxyErr(status int, typ string, param any, msg string) *apiError {
	return &apiError{status: status, body: map[string]any{"error": map[string]any{
		"message": msg, "type": typ, "param": param, "code": strconv.Itoa(status),
	}}}
}

// wrappedErr is an HTTPException(detail={"error": msg}) converted by the
// proxy's handle_exception_on_proxy: a ProxyException of type auth_error whose
// message is the printed Python dict.
func wrappedErr(status int, msg string) *apiError {
	return proxyErr(status, "auth_error", "None", pyDict("error", msg))
}

// detailErr is FastAPI's default HTTPException body {"detail": detail}.
func detailErr(status int, detail any) *apiError {
	return &apiError{status: status, body: map[string]any{"detail": detail}}
}

// errorDetail is {"detail": {"error": msg}}.
func errorDetail(status int, msg string) *apiError {
	return detailErr(status, map[string]any{"error": msg})
}

// valueError is a pydantic model_validator failure (HTTP 422).
func valueError(msg string, input any) *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, body: map[string]any{"detail": []any{map[string]any{
		"type": "value_error", "loc": []any{"body"}, "msg": "Value error, " + msg, "input": input, "ctx": map[string]any{"error": map[string]any{}},
	}}}}
}

func writeError(w http.ResponseWriter, e *apiError) {
	for k, vs := range e.header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	writeJSON(w, e.status, e.body)
}

// columnErr is pydantic's 422 for a field whose value does not fit its type.
func columnErr(field string, input any, err error) *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, body: map[string]any{"detail": []any{map[string]any{
		"type": "value_error", "loc": []any{"body", field}, "msg": err.Error(), "input": input,
	}}}}
}
