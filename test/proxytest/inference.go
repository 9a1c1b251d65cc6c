package proxytest

import (
	"crypto/sha256"
	"encoding/binary"
	"net/http"
	"strings"
)

// inferenceOps are the operations besides chat that call a model:
// embeddings, completions, responses, rerank, moderations, images and
// audio. Every key may call them (the model access checks of the key and
// its team still apply), as with chat. Keyed by lower-case operationId.
var inferenceOps = map[string]bool{
	"embeddings": true, "embeddingsv1": true,
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
// get_custom_headers adds to every model call: call id, deployment id,
// version, model group, retries and the deployment's api_base.
func (h *handler) inferenceHeaders(w http.ResponseWriter, d *deployment, model string) {
	h.mu.Lock()
	callID := h.uuid()
	h.mu.Unlock()
	hd := w.Header()
	hd.Set("x-litellm-call-id", callID)
	hd.Set("x-litellm-model-id", d.id)
	hd.Set("x-litellm-version", h.version())
	hd.Set("x-litellm-model-group", model)
	hd.Set("x-litellm-attempted-retries", "0")
	hd.Set("x-litellm-attempted-fallbacks", "0")
	if base := apiBase(d.params); base != "" {
		hd.Set("x-litellm-model-api-base", base)
	}
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
