package proxytest

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
	"time"
)

// DefaultEmbeddingDimensions is the length of the emulator's embeddings
// when the request has no dimensions (text-embedding-3-small's).
const DefaultEmbeddingDimensions = 1536

// maxEmbeddingDimensions bounds the dimensions a request may ask for
// (text-embedding-3-large's).
const maxEmbeddingDimensions = 3072

type (
	embeddingResponseJSON struct {
		Object string          `json:"object"`
		Data   []embeddingJSON `json:"data"`
		Model  string          `json:"model"`
		Usage  embeddingUsage  `json:"usage"`
	}
	embeddingJSON struct {
		Object    string `json:"object"`
		Index     int    `json:"index"`
		Embedding any    `json:"embedding"` // []float32 or a base64 string
	}
	embeddingUsage struct {
		CompletionTokens        int `json:"completion_tokens"`
		PromptTokens            int `json:"prompt_tokens"`
		TotalTokens             int `json:"total_tokens"`
		CompletionTokensDetails any `json:"completion_tokens_details"`
		PromptTokensDetails     any `json:"prompt_tokens_details"`
	}
)

// Embeddings serves POST /embeddings.
func (h *handler) Embeddings(w http.ResponseWriter, r *http.Request) { h.embeddings(w, r) }

// EmbeddingsV1 serves POST /v1/embeddings.
func (h *handler) EmbeddingsV1(w http.ResponseWriter, r *http.Request) { h.embeddings(w, r) }

// EmbeddingVector returns the embedding the emulator answers for input:
// dims float32 values (DefaultEmbeddingDimensions when dims is 0) drawn
// from a hash of the input alone, so that every model, route and encoding
// gives the same vector, normalised to length 1 as OpenAI's are. Tests use
// it to check what they received.
func EmbeddingVector(input string, dims int) []float32 {
	if dims <= 0 {
		dims = DefaultEmbeddingDimensions
	}
	src := splitmix(hashSeed("embedding", input))
	v := make([]float32, dims)
	var sum float64
	for i := range v {
		x := src.unit()
		v[i] = float32(x)
		sum += x * x
	}
	norm := math.Sqrt(sum)
	if norm == 0 {
		return v
	}
	for i := range v {
		v[i] = float32(float64(v[i]) / norm)
	}
	return v
}

// embeddingInputs returns the inputs of an embeddings request: a string, a
// list of strings, a list of token ids (one input) or a list of token-id
// lists. Token ids are embedded as their decimal text.
func embeddingInputs(v any) ([]string, bool) {
	switch in := v.(type) {
	case string:
		return []string{in}, true
	case []any:
		if len(in) == 0 {
			return nil, false
		}
		if _, isNum := in[0].(float64); isNum {
			return []string{tokenText(in)}, true
		}
		out := make([]string, 0, len(in))
		for _, x := range in {
			switch x := x.(type) {
			case string:
				out = append(out, x)
			case []any:
				out = append(out, tokenText(x))
			default:
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

func tokenText(ids []any) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprint(id)
	}
	return strings.Join(parts, " ")
}

func (h *handler) embeddings(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ri := infoOf(r)
	data, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, proxyErr(http.StatusBadRequest, "bad_request_error", "None", "could not read the request body"))
		return
	}
	var req struct {
		Model          string `json:"model"`
		Input          any    `json:"input"`
		EncodingFormat string `json:"encoding_format"`
		Dimensions     *int   `json:"dimensions"`
	}
	if err := json.Unmarshal(data, &req); err != nil {
		writeError(w, proxyErr(http.StatusBadRequest, "invalid_request_error", "request_body", "Invalid JSON payload: "+pyJSONError(data, err)))
		return
	}
	inputs, ok := embeddingInputs(req.Input)
	if !ok {
		writeError(w, proxyErr(http.StatusBadRequest, "invalid_request_error", "input",
			"litellm.BadRequestError: OpenAIException - 'input' must be a string, a list of strings or a list of token ids"))
		return
	}
	dims := DefaultEmbeddingDimensions
	if req.Dimensions != nil {
		if *req.Dimensions < 1 || *req.Dimensions > maxEmbeddingDimensions {
			writeError(w, proxyErr(http.StatusBadRequest, "invalid_request_error", "dimensions",
				fmt.Sprintf("litellm.BadRequestError: OpenAIException - dimensions must be between 1 and %d", maxEmbeddingDimensions)))
			return
		}
		dims = *req.Dimensions
	}
	switch req.EncodingFormat {
	case "", "float", "base64":
	default:
		writeError(w, proxyErr(http.StatusBadRequest, "invalid_request_error", "encoding_format",
			"litellm.BadRequestError: OpenAIException - encoding_format must be 'float' or 'base64', got "+pyRepr(req.EncodingFormat)))
		return
	}
	d, e := h.inferenceDeployment(ri, req.Model)
	if e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	out := embeddingResponseJSON{Object: "list", Model: req.Model, Data: make([]embeddingJSON, len(inputs))}
	for i, in := range inputs {
		vec := EmbeddingVector(in, dims)
		var emb any = vec
		if req.EncodingFormat == "base64" {
			emb = encodeFloat32s(vec)
		}
		out.Data[i] = embeddingJSON{Object: "embedding", Index: i, Embedding: emb}
		out.Usage.PromptTokens += max(1, words(in))
	}
	out.Usage.TotalTokens = out.Usage.PromptTokens
	h.inferenceHeaders(w, ri, d, req.Model, start)
	writeJSON(w, http.StatusOK, out)
}

// encodeFloat32s is the base64 of v's little-endian float32 bytes, as
// OpenAI sends an embedding with encoding_format "base64".
func encodeFloat32s(v []float32) string {
	b := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(f))
	}
	return base64.StdEncoding.EncodeToString(b)
}
