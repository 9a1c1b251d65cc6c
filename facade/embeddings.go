package facade

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"unsafe"

	"github.com/litellm-go/proxyclient/gen"
)

// EmbeddingsService creates embeddings (POST /embeddings,
// https://docs.litellm.ai/docs/embedding/supported_embedding).
type EmbeddingsService service

// Wire types of the embeddings endpoint. They are the generated types of
// gen/, named here so that users import only facade.
type (
	// EmbeddingRequest is the body of POST /embeddings: the model group and
	// the texts to embed (one embedding each). EncodingFormat left empty is
	// sent as "base64" (see [EmbeddingsService.Create]).
	EmbeddingRequest = gen.EmbeddingRequest
	// EmbeddingEncodingFormat is how the proxy sends the vectors: "float"
	// (JSON numbers) or "base64" (little-endian float32 bytes).
	EmbeddingEncodingFormat = gen.EmbeddingRequestEncodingFormat
	// EmbeddingUsage counts the tokens of an embeddings call.
	EmbeddingUsage = gen.EmbeddingUsage
)

// Encoding formats of [EmbeddingRequest].
const (
	EmbeddingEncodingFloat  EmbeddingEncodingFormat = "float"
	EmbeddingEncodingBase64 EmbeddingEncodingFormat = "base64"
)

// EmbeddingResponse is the answer of POST /embeddings. The facade declares
// its own type because the generated one leaves each vector an
// interface{} (a JSON array or a base64 string, by encoding_format): here
// every vector is a []float32 whichever way it travelled. It keeps no
// reference to the response body, so a large response costs its vectors
// and no more.
type EmbeddingResponse struct {
	// Object is "list".
	Object string `json:"object"`
	// Model is the model that made the embeddings, as the provider names it.
	Model string `json:"model"`
	// Data holds one embedding per input, each with the index of its input.
	Data []Embedding `json:"data"`
	// Usage counts the input tokens.
	Usage EmbeddingUsage `json:"usage"`
}

// Embedding is one embedding of an [EmbeddingResponse].
type Embedding struct {
	// Object is "embedding".
	Object string `json:"object"`
	// Index is the position of the input this embedding is of.
	Index int `json:"index"`
	// Embedding is the vector.
	Embedding []float32 `json:"embedding"`
}

// UnmarshalJSON decodes an embedding whose vector is a JSON array of
// numbers or a base64 string of little-endian float32 values.
func (e *Embedding) UnmarshalJSON(b []byte) error {
	var w struct {
		Object    string          `json:"object"`
		Index     int             `json:"index"`
		Embedding json.RawMessage `json:"embedding"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	e.Object, e.Index, e.Embedding = w.Object, w.Index, nil
	switch raw := w.Embedding; {
	case len(raw) == 0 || string(raw) == "null":
	case raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return err
		}
		v, err := decodeFloat32Base64([]byte(s))
		if err != nil {
			return err
		}
		e.Embedding = v
	default:
		return json.Unmarshal(raw, &e.Embedding)
	}
	return nil
}

// Vectors returns the vectors in input order (by Index). Indexes that are
// missing or out of range are skipped.
func (r *EmbeddingResponse) Vectors() [][]float32 {
	if r == nil {
		return nil
	}
	out := make([][]float32, len(r.Data))
	for i, d := range r.Data {
		if d.Index == i {
			out[i] = d.Embedding
			continue
		}
		if d.Index >= 0 && d.Index < len(out) {
			out[d.Index] = d.Embedding
		}
	}
	return out
}

// Create embeds req.Input with req.Model. Unless req.EncodingFormat says
// otherwise it asks for base64, as OpenAI's own SDKs do: about half the
// bytes of JSON numbers, decoded straight into the []float32 of each
// [Embedding] (the caller's request is not changed). Set
// EncodingFormat to [EmbeddingEncodingFloat] for a provider that does not
// support base64; the result is the same []float32.
//
// Endpoint: POST /embeddings (Python: litellm.embedding through the proxy).
func (s *EmbeddingsService) Create(ctx context.Context, req *EmbeddingRequest, opts ...Option) (*EmbeddingResponse, error) {
	switch {
	case req == nil:
		return nil, errors.New("POST /embeddings: nil request")
	case req.Model == "":
		return nil, errors.New("POST /embeddings: model is required")
	case len(req.Input) == 0:
		return nil, errors.New("POST /embeddings: at least one input is required")
	}
	body := req
	if req.EncodingFormat == "" {
		cp := *req
		cp.EncodingFormat = EmbeddingEncodingBase64
		body = &cp
	}
	r := newRequest(http.MethodPost, "/embeddings").ofKind(kindChat).
		with(gen.NewEmbeddingsRequest(s.client.server, *body))
	res := new(EmbeddingResponse)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}

// littleEndian reports whether float32 values have the byte order of the
// base64 encoding in memory, so it can be decoded into them in place.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// errBase64Length is the error of a base64 embedding whose bytes are not
// whole float32 values.
var errBase64Length = errors.New("base64 embedding is not a whole number of float32 values")

// decodeFloat32Base64 decodes standard base64 of little-endian float32
// values. It allocates the result and nothing else: the bytes are decoded
// straight into its memory.
func decodeFloat32Base64(src []byte) ([]float32, error) {
	if len(src)%4 != 0 {
		return nil, fmt.Errorf("%w (%d base64 characters)", errBase64Length, len(src))
	}
	n := len(src) / 4 * 3
	if len(src) > 0 && src[len(src)-1] == '=' {
		n--
		if src[len(src)-2] == '=' {
			n--
		}
	}
	if n%4 != 0 {
		return nil, fmt.Errorf("%w (%d bytes)", errBase64Length, n)
	}
	v := make([]float32, n/4)
	if n == 0 {
		return v, nil
	}
	var dst []byte
	if littleEndian {
		dst = unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), n)
	} else {
		dst = make([]byte, n)
	}
	m, err := base64.StdEncoding.Decode(dst, src)
	if err != nil {
		return nil, fmt.Errorf("base64 embedding: %w", err)
	}
	if m != n {
		return nil, fmt.Errorf("%w (%d bytes)", errBase64Length, m)
	}
	if !littleEndian {
		for i := range v {
			v[i] = math.Float32frombits(binary.LittleEndian.Uint32(dst[4*i:]))
		}
	}
	return v, nil
}

// The fast decoder of embedding responses, on the scanner of
// chunk_decode.go. It decodes exactly what json.Unmarshal (with
// Embedding.UnmarshalJSON) would, or reports false and leaves it to it.

var (
	embeddingResponseKeys = []string{"object", "model", "data", "usage"}
	embeddingKeys         = []string{"object", "index", "embedding"}
	embeddingUsageKeys    = []string{"prompt_tokens", "total_tokens"}
)

func (r *EmbeddingResponse) decodeFast(body []byte) bool {
	d := chunkDecoder{data: body}
	d.ws()
	d.embeddingResponse(r)
	d.ws()
	if d.bad || d.pos != len(d.data) {
		*r = EmbeddingResponse{}
		return false
	}
	return true
}

func (d *chunkDecoder) embeddingResponse(r *EmbeddingResponse) {
	if !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		var bit uint
		switch string(key) {
		case "object":
			bit = 1
		case "model":
			bit = 2
		case "data":
			bit = 4
		case "usage":
			bit = 8
		default:
			d.unknown(key, embeddingResponseKeys)
		}
		if seen&bit != 0 {
			d.bad = true // a duplicate: encoding/json keeps the last one
			return
		}
		seen |= bit
		switch bit {
		case 1:
			r.Object = d.string()
		case 2:
			r.Model = d.string()
		case 4:
			var dims int
			r.Data = decodeArray(d, func(e *Embedding) { d.embedding(e, &dims) })
		case 8:
			d.embeddingUsage(&r.Usage)
		}
		if !d.nextIn('}') {
			return
		}
	}
}

func (d *chunkDecoder) embeddingUsage(u *EmbeddingUsage) {
	if d.null() {
		return
	}
	if !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		var bit uint
		switch string(key) {
		case "prompt_tokens":
			bit = 1
		case "total_tokens":
			bit = 2
		default:
			d.unknown(key, embeddingUsageKeys)
		}
		if seen&bit != 0 {
			d.bad = true
			return
		}
		seen |= bit
		switch bit {
		case 1:
			u.PromptTokens = d.int()
		case 2:
			u.TotalTokens = d.int()
		}
		if !d.nextIn('}') {
			return
		}
	}
}

// embedding decodes one embedding; dims is the length of the previous
// vector, the capacity a JSON array of numbers starts with.
func (d *chunkDecoder) embedding(e *Embedding, dims *int) {
	if !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		var bit uint
		switch string(key) {
		case "object":
			bit = 1
		case "index":
			bit = 2
		case "embedding":
			bit = 4
		default:
			d.unknown(key, embeddingKeys)
		}
		if seen&bit != 0 {
			d.bad = true
			return
		}
		seen |= bit
		switch bit {
		case 1:
			e.Object = d.embeddingObject()
		case 2:
			e.Index = d.int()
		case 4:
			e.Embedding = d.vector(*dims)
			*dims = len(e.Embedding)
		}
		if !d.nextIn('}') {
			return
		}
	}
}

// embeddingObject decodes the object member of an embedding, which is
// always "embedding": returned without allocating.
func (d *chunkDecoder) embeddingObject() string {
	if d.pos < len(d.data) && d.data[d.pos] == '"' {
		raw, plain := d.rawString()
		if !d.bad && plain && string(raw) == "embedding" {
			return "embedding"
		}
		if d.bad {
			return ""
		}
		if !plain {
			d.buf = unescape(d.buf[:0], raw)
			raw = d.buf
		}
		return string(raw)
	}
	return d.string()
}

// vector decodes null, a base64 string or an array of numbers.
func (d *chunkDecoder) vector(capHint int) []float32 {
	if d.null() {
		return nil
	}
	if d.pos < len(d.data) && d.data[d.pos] == '"' {
		raw, plain := d.rawString()
		if d.bad || !plain {
			d.bad = true // escapes (a "\/"): encoding/json decides
			return nil
		}
		v, err := decodeFloat32Base64(raw)
		if err != nil {
			d.bad = true // json.Unmarshal reports the error
			return nil
		}
		return v
	}
	if !d.openArray() {
		if d.bad {
			return nil
		}
		return []float32{}
	}
	v := make([]float32, 0, max(capHint, 16))
	for {
		b := d.number()
		if d.bad {
			return nil
		}
		f, err := strconv.ParseFloat(unsafe.String(unsafe.SliceData(b), len(b)), 32)
		if err != nil {
			d.bad = true
			return nil
		}
		v = append(v, float32(f))
		if !d.nextIn(']') {
			return v
		}
	}
}
