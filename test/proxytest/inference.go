package proxytest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// inferenceOps are the operations besides chat that call a model:
// embeddings, completions, responses, rerank, moderations, images and
// audio. Every key may call them (the model access checks of the key and
// its team still apply), as with chat. Keyed by lower-case operationId.
var inferenceOps = map[string]bool{
	"embeddings": true, "embeddingsv1": true,
	"completion": true, "completionv1": true,
	"moderation": true, "moderationv1": true,
	"imagegeneration": true, "imagegenerationv1": true,
	"rerank": true, "rerankv1": true,
	"audiospeech": true, "audiospeechv1": true,
	"audiotranscription": true, "audiotranscriptionv1": true,
	"responsecreate": true, "responsecreatev1": true, "responseget": true, "responsegetv1": true,
	"responsedelete": true, "responsedeletev1": true, "responsecancel": true, "responsecancelv1": true,
	"responseinputitems": true, "responseinputitemsv1": true,
}

// isInference reports whether opID is one of inferenceOps.
func isInference(opID string) bool { return inferenceOps[strings.ToLower(opID)] }

// inferenceDeployment checks that the caller may use model and picks a
// deployment of it, with the router's error for a model no deployment
// serves. h.mu must not be held.
func (h *handler) inferenceDeployment(ri *reqInfo, model string) (*deployment, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if e := h.allowedModel(ri.p, model); e != nil {
		return nil, e
	}
	d, err := h.pickDeployment(model)
	if err != nil {
		route := ri.route
		if route == "" {
			route = ri.path
		}
		return nil, h.invalidModel(route, model)
	}
	return d, nil
}

// inferenceHeaders sets the x-litellm-* headers the proxy's
// get_custom_headers adds to the answer of a model call (those of chat
// without the cost ones: the proxy prices these calls at zero and sends no
// response cost).
func (h *handler) inferenceHeaders(w http.ResponseWriter, ri *reqInfo, d *deployment, model string, start time.Time) {
	h.mu.Lock()
	callID := h.uuid()
	spend := 0.0
	if ri.p != nil && ri.p.key != nil {
		spend = ri.p.key.row.Spend
	}
	h.mu.Unlock()
	hd := w.Header()
	hd.Set("x-litellm-call-id", callID)
	hd.Set("x-litellm-model-id", d.id)
	hd.Set("x-litellm-version", h.version())
	hd.Set("x-litellm-model-group", model)
	hd.Set("x-litellm-attempted-retries", "0")
	hd.Set("x-litellm-attempted-fallbacks", "0")
	hd.Set("x-litellm-key-spend", pyFloat(spend))
	hd.Set("x-litellm-callback-duration-ms", "0.0")
	hd.Set("x-litellm-overhead-duration-ms", "0.1")
	hd.Set("x-litellm-response-duration-ms", strconv.FormatFloat(float64(time.Since(start).Microseconds())/1000, 'f', 3, 64))
	hd.Set("x-litellm-response-cost", "0.0")
	hd.Set("x-litellm-response-cost-original", "0.0")
	hd.Set("x-litellm-response-cost-discount-amount", "0.0")
	hd.Set("x-litellm-response-cost-margin-amount", "0.0")
	hd.Set("x-litellm-response-cost-margin-percent", "0.0")
	if h.is106() {
		hd.Set("x-litellm-model-name", str(d.params["model"]))
		hd.Set("x-litellm-response-cost-input", "0.0")
		hd.Set("x-litellm-response-cost-output", "0.0")
		hd.Set("x-litellm-response-cost-tool-usage", "0.0")
	}
	if base := apiBase(d.params); base != "" {
		hd.Set("x-litellm-model-api-base", base)
	}
}

// inferenceError writes e with the headers the proxy adds to a failed
// model call.
func (h *handler) inferenceError(w http.ResponseWriter, ri *reqInfo, e *apiError) {
	if e.header == nil {
		e.header = h.chatErrHeaders(ri.p, false)
		e.header.Set("x-litellm-version", h.version())
	}
	writeError(w, e)
}

// hashSeed is a 64-bit seed derived from parts, for deterministic answers.
func hashSeed(parts ...string) uint64 {
	s := sha256.New()
	for _, p := range parts {
		s.Write([]byte(p))
		s.Write([]byte{0})
	}
	return binary.LittleEndian.Uint64(s.Sum(nil))
}

// splitmix is the SplitMix64 generator: a tiny deterministic source.
type splitmix uint64

func (s *splitmix) next() uint64 {
	*s += 0x9e3779b97f4a7c15
	z := uint64(*s)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// unit returns a float in [-1, 1).
func (s *splitmix) unit() float64 { return float64(s.next()>>11)/(1<<52) - 1 }

// sseEvent is one server-sent event: an optional event name and its data.
type sseEvent struct {
	name string
	data []byte
}

// writeEvents streams events as the proxy does, with the stream faults of
// chat (a cut stream, a mid-stream error event, keepalives between events),
// and ends with "data: [DONE]" when done is set.
func (h *handler) writeEvents(w http.ResponseWriter, r *http.Request, ri *reqInfo, events []sseEvent, done bool) {
	var cut, keepalive, midErr *Fault
	for _, f := range h.fire(isStreamFault, ri.opID, ri.route, ri.path) {
		switch f.Kind {
		case FaultStreamCut:
			if cut == nil {
				cut = &f
			}
		case FaultKeepalive:
			if keepalive == nil {
				keepalive = &f
			}
		case FaultStreamError:
			if midErr == nil {
				midErr = &f
			}
		}
	}
	// A fault set after more chunks than the stream has fires after the last one.
	cutAt, errAt := -1, -1
	if cut != nil {
		cutAt = min(cut.AfterChunks, len(events))
	}
	if midErr != nil {
		errAt = min(midErr.AfterChunks, len(events))
	}
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	status := http.StatusOK
	if errAt == 0 {
		// The proxy gives the response the status of an error that is the first chunk.
		status = midErr.status(http.StatusInternalServerError)
	}
	w.WriteHeader(status)
	_ = rc.Flush()
	for i := 0; ; i++ {
		if i == cutAt {
			panic(http.ErrAbortHandler) // close the connection: no [DONE]
		}
		if i == errAt {
			data, _ := json.Marshal(midErr.errorBody(http.StatusInternalServerError, "proxytest: injected mid-stream error"))
			_, _ = fmt.Fprintf(w, "data: %s\n\n", data)
			_ = rc.Flush()
			return
		}
		if i == len(events) {
			break
		}
		if keepalive != nil && i > 0 {
			if !h.sleep(r.Context(), keepalive.Latency) {
				abortIfClosing(r)
				return
			}
			if _, err := io.WriteString(w, ": ping\n\n"); err != nil {
				return
			}
			_ = rc.Flush()
		}
		var err error
		if events[i].name != "" {
			_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", events[i].name, events[i].data)
		} else {
			_, err = fmt.Fprintf(w, "data: %s\n\n", events[i].data)
		}
		if err != nil {
			return
		}
		_ = rc.Flush()
	}
	if done {
		_, _ = io.WriteString(w, "data: [DONE]\n\n")
		_ = rc.Flush()
	}
}

// readInference decodes the JSON body of an inference request into v, with
// the proxy's error for a body that is not JSON.
func readInference(r *http.Request, v any) *apiError {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return proxyErr(http.StatusBadRequest, "bad_request_error", "None", "could not read the request body")
	}
	if err := json.Unmarshal(data, v); err != nil {
		return proxyErr(http.StatusBadRequest, "invalid_request_error", "request_body", "Invalid JSON payload: "+pyJSONError(data, err))
	}
	return nil
}

// textInputs returns a string or a list of strings as a list.
func textInputs(v any) []string {
	switch in := v.(type) {
	case string:
		return []string{in}
	case []any:
		out := make([]string, 0, len(in))
		for _, x := range in {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
