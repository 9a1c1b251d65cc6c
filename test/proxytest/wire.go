// Reading request bodies and writing responses.

package proxytest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		data = []byte(`{"error":{"message":"Internal Server Error, proxytest: encode response","type":"internal_server_error","param":"None","code":"500"}}`)
	}
	writeRaw(w, status, "application/json", data)
}

func writeRaw(w http.ResponseWriter, status int, contentType string, data []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// do runs f with the state locked and writes its result (JSON, status 200) or its error.
func (h *handler) do(w http.ResponseWriter, f func() (any, *apiError)) {
	data, e := func() ([]byte, *apiError) {
		h.mu.Lock()
		defer h.mu.Unlock()
		v, e := f()
		if e != nil {
			return nil, e
		}
		data, err := json.Marshal(v)
		if err != nil {
			return nil, proxyErr(http.StatusInternalServerError, "internal_server_error", "None", "Internal Server Error, "+err.Error())
		}
		return data, nil
	}()
	if e != nil {
		writeError(w, e)
		return
	}
	writeRaw(w, http.StatusOK, "application/json", data)
}

// readBody decodes the JSON body into typed (if non-nil) and returns it as a
// map too, so handlers can tell absent fields from zero values. The body was
// validated against the spec already.
func readBody(r *http.Request, typed any) (map[string]any, *apiError) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, proxyErr(http.StatusBadRequest, "bad_request_error", "None", "could not read the request body")
	}
	raw := map[string]any{}
	if len(bytes.TrimSpace(data)) == 0 {
		return raw, nil
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, jsonInvalid()
	}
	if typed != nil {
		if err := json.Unmarshal(data, typed); err != nil {
			return nil, &apiError{status: http.StatusUnprocessableEntity, body: map[string]any{"detail": []any{map[string]any{
				"type": "value_error", "loc": []any{"body"}, "msg": err.Error(),
			}}}}
		}
	}
	return raw, nil
}

// decodeBody is readBody into a new T for a handler: on failure it writes
// the error and ok is false.
func decodeBody[T any](w http.ResponseWriter, r *http.Request) (req T, body map[string]any, ok bool) {
	body, e := readBody(r, &req)
	if e != nil {
		writeError(w, e)
		return req, nil, false
	}
	return req, body, true
}
