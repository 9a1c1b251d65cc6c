// Error responses in the proxy's shapes.

package proxytest

import (
	"net/http"
	"strconv"

	"github.com/litellm-go/proxyclient/gen"
)

// apiError is an error response.
type apiError struct {
	status int
	body   any
	header http.Header
}

// errorEnvelope is the body of a ProxyException: {"error": {...}}.
type errorEnvelope struct {
	Error errorObject `json:"error"`
}

// errorObject is the proxy's error object: gen.ProxyErrorObject without
// omitempty, as param and type may be null.
type errorObject struct {
	Code                   string         `json:"code"`
	Message                string         `json:"message"`
	Param                  any            `json:"param"`
	ProviderSpecificFields map[string]any `json:"provider_specific_fields,omitempty"`
	Type                   any            `json:"type"`
}

// proxyErr is a ProxyException: {"error": {"message","type","param","code"}}
// with code a string. param may be a string or nil.
func proxyErr(status int, typ string, param any, msg string) *apiError {
	return &apiError{status: status, body: &errorEnvelope{Error: errorObject{
		Message: msg, Type: typ, Param: param, Code: strconv.Itoa(status),
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
	return &apiError{status: status, body: gen.DetailError{Detail: detail}}
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

// internalServerError is the proxy's answer to an exception it did not
// expect: {"error": {"message": "Internal server error", "type":
// "internal_server_error"}}, without param and code.
func internalServerError() *apiError {
	return &apiError{status: http.StatusInternalServerError, body: map[string]any{"error": map[string]any{
		"message": "Internal server error", "type": "internal_server_error",
	}}}
}

// returnedErr is an error object the proxy returns instead of raising it,
// so that it goes out with HTTP 200 (the quirk of §1.3d): a ProxyException's
// fields with the status as openai_code and code.
func returnedErr(status int, msg string) map[string]any {
	return map[string]any{"message": msg, "type": "internal_server_error", "param": "None",
		"openai_code": status, "code": strconv.Itoa(status), "headers": map[string]any{}, "provider_specific_fields": nil}
}

// jsonInvalid is FastAPI's 422 for a body that is not JSON.
func jsonInvalid() *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, body: map[string]any{"detail": []any{map[string]any{
		"type": "json_invalid", "loc": []any{"body", 0}, "msg": "JSON decode error", "input": map[string]any{},
	}}}}
}
