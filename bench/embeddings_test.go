package bench

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"runtime"
	"strconv"
	"testing"

	openai "github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	goopenai "github.com/sashabaranov/go-openai"
)

// The embeddings response of the benchmark: 100 vectors of 1536 float32s
// (text-embedding-3-small), as OpenAI and the proxy send it in both
// encoding formats.
const (
	embeddingCount = 100
	embeddingDims  = 1536
	// rawEmbeddingBytes is the size of the vectors as float32s.
	rawEmbeddingBytes = embeddingCount * embeddingDims * 4
)

// embeddingVectors are the vectors, values in (-0.1, 0.1) as in a
// normalized 1536-dimension embedding.
var embeddingVectors = func() [][]float32 {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([][]float32, embeddingCount)
	for i := range out {
		v := make([]float32, embeddingDims)
		for j := range v {
			v[j] = float32(rng.Float64()*0.2 - 0.1)
		}
		out[i] = v
	}
	return out
}()

// embeddingsJSON returns the response body: the vectors as JSON numbers (the
// shortest form that reads back as the same float32, as OpenAI prints them)
// or, for base64, as the base64 of their little-endian float32 bytes.
func embeddingsJSON(b64 bool) []byte {
	var buf bytes.Buffer
	buf.WriteString(`{"object":"list","data":[`)
	raw := make([]byte, embeddingDims*4)
	for i, v := range embeddingVectors {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `{"object":"embedding","index":%d,"embedding":`, i)
		if b64 {
			for j, f := range v {
				binary.LittleEndian.PutUint32(raw[4*j:], math.Float32bits(f))
			}
			buf.WriteByte('"')
			buf.WriteString(base64.StdEncoding.EncodeToString(raw))
			buf.WriteByte('"')
		} else {
			buf.WriteByte('[')
			for j, f := range v {
				if j > 0 {
					buf.WriteByte(',')
				}
				buf.Write(strconv.AppendFloat(nil, float64(f), 'g', -1, 32))
			}
			buf.WriteByte(']')
		}
		buf.WriteByte('}')
	}
	buf.WriteString(`],"model":"text-embedding-3-small","usage":{"prompt_tokens":800,"total_tokens":800}}`)
	return buf.Bytes()
}

var (
	embeddingsFloatJSON  = embeddingsJSON(false)
	embeddingsBase64JSON = embeddingsJSON(true)
)

// embeddingInput is the batch of inputs of the request.
var embeddingInput = func() []string {
	out := make([]string, embeddingCount)
	for i := range out {
		out[i] = fmt.Sprintf("document %d: the quick brown fox jumps over the lazy dog", i)
	}
	return out
}()

// embeddingsTransport answers POST /embeddings in memory, with the base64
// body when the request asks for "encoding_format":"base64" and the float
// body otherwise. It counts the requests of each format.
type embeddingsTransport struct {
	floats, b64 int
}

func (t *embeddingsTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
	}
	out := embeddingsFloatJSON
	if bytes.Contains(body, []byte(`"encoding_format":"base64"`)) {
		out = embeddingsBase64JSON
		t.b64++
	} else {
		t.floats++
	}
	return &http.Response{
		Status: "200 OK", StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(out)),
		ContentLength: int64(len(out)), Request: req,
	}, nil
}

// An embedder makes one embeddings call and returns the vectors as the
// client gives them (float32 or float64), for checking.
type embedder struct {
	name, format string
	// embed makes the call and returns the vectors ([][]float32 or
	// [][]float64).
	embed func() (any, error)
}

// embedders returns the peers' (and the floor's) embeddings calls, each in
// every encoding format the client can decode. openai-go has no base64
// decoding (its Embedding holds []float64 and does not accept a string), so
// it is measured with floats only.
func embedders(hc *http.Client) []embedder {
	var out []embedder

	oc := openai.NewClient(option.WithBaseURL("http://proxy.invalid/"), option.WithAPIKey(benchKey), option.WithHTTPClient(hc))
	out = append(out, embedder{name: "openai-go", format: "float", embed: func() (any, error) {
		resp, err := oc.Embeddings.New(ctx, openai.EmbeddingNewParams{
			Model:          "text-embedding-3-small",
			Input:          openai.EmbeddingNewParamsInputUnion{OfArrayOfStrings: embeddingInput},
			EncodingFormat: openai.EmbeddingNewParamsEncodingFormatFloat,
		})
		if err != nil {
			return nil, err
		}
		vs := make([][]float64, len(resp.Data))
		for i, d := range resp.Data {
			vs[i] = d.Embedding
		}
		return vs, nil
	}})

	cfg := goopenai.DefaultConfig(benchKey)
	cfg.BaseURL = "http://proxy.invalid"
	cfg.HTTPClient = hc
	gc := goopenai.NewClientWithConfig(cfg)
	for _, format := range []goopenai.EmbeddingEncodingFormat{goopenai.EmbeddingEncodingFormatFloat, goopenai.EmbeddingEncodingFormatBase64} {
		out = append(out, embedder{name: "go-openai", format: string(format), embed: func() (any, error) {
			resp, err := gc.CreateEmbeddings(ctx, goopenai.EmbeddingRequestStrings{
				Input: embeddingInput, Model: goopenai.SmallEmbedding3, EncodingFormat: format,
			})
			if err != nil {
				return nil, err
			}
			vs := make([][]float32, len(resp.Data))
			for i, d := range resp.Data {
				vs[i] = d.Embedding
			}
			return vs, nil
		}})
	}

	for _, format := range []string{"float", "base64"} {
		out = append(out, embedder{name: "net/http", format: format, embed: func() (any, error) {
			return netHTTPEmbeddings(hc, format)
		}})
	}
	return out
}

// netHTTPEmbeddings is the floor: net/http and encoding/json by hand,
// decoding floats into []float32, or base64 strings and then their bytes.
func netHTTPEmbeddings(hc *http.Client, format string) ([][]float32, error) {
	body, err := json.Marshal(map[string]any{"model": "text-embedding-3-small", "input": embeddingInput, "encoding_format": format})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://proxy.invalid/embeddings", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+benchKey)
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	if format == "float" {
		var out struct {
			Data []struct {
				Embedding []float32 `json:"embedding"`
			} `json:"data"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			return nil, err
		}
		vs := make([][]float32, len(out.Data))
		for i, d := range out.Data {
			vs[i] = d.Embedding
		}
		return vs, nil
	}
	var out struct {
		Data []struct {
			Embedding []byte `json:"embedding"` // encoding/json decodes base64 into []byte
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	vs := make([][]float32, len(out.Data))
	for i, d := range out.Data {
		if len(d.Embedding)%4 != 0 {
			return nil, fmt.Errorf("embedding %d: %d bytes", i, len(d.Embedding))
		}
		v := make([]float32, len(d.Embedding)/4)
		for j := range v {
			v[j] = math.Float32frombits(binary.LittleEndian.Uint32(d.Embedding[4*j:]))
		}
		vs[i] = v
	}
	return vs, nil
}

// checkEmbeddings compares a client's result with embeddingVectors.
func checkEmbeddings(got any) error {
	switch vs := got.(type) {
	case [][]float32:
		if len(vs) != embeddingCount {
			return fmt.Errorf("%d vectors, want %d", len(vs), embeddingCount)
		}
		for i, v := range vs {
			if len(v) != embeddingDims {
				return fmt.Errorf("vector %d: %d dimensions", i, len(v))
			}
			for j := range v {
				if v[j] != embeddingVectors[i][j] {
					return fmt.Errorf("vector %d[%d] = %v, want %v", i, j, v[j], embeddingVectors[i][j])
				}
			}
		}
	case [][]float64:
		if len(vs) != embeddingCount {
			return fmt.Errorf("%d vectors, want %d", len(vs), embeddingCount)
		}
		for i, v := range vs {
			if len(v) != embeddingDims {
				return fmt.Errorf("vector %d: %d dimensions", i, len(v))
			}
			for j := range v {
				if float32(v[j]) != embeddingVectors[i][j] {
					return fmt.Errorf("vector %d[%d] = %v, want %v", i, j, v[j], embeddingVectors[i][j])
				}
			}
		}
	default:
		return fmt.Errorf("result of type %T", got)
	}
	return nil
}

// BenchmarkEmbeddings is one embeddings call (100 inputs) answered with 100
// vectors of 1536 dimensions by an in-memory transport: what is measured is
// the client's own work, mostly decoding the ~1.9 MB (float) or ~0.8 MB
// (base64) response. Each client decodes every format it can; format=default
// is the facade with no encoding format asked for (it asks for base64). It
// reports, besides time and allocations, retained-B: the live heap the
// result keeps (after a GC, the result still referenced), and the same
// divided by the raw float32 size (retained/raw) and B/op divided by it
// (alloc/raw).
func BenchmarkEmbeddings(b *testing.B) {
	tr := &embeddingsTransport{}
	hc := &http.Client{Transport: tr}
	for _, e := range allEmbedders(hc) {
		b.Run(fmt.Sprintf("vectors=%dx%d/format=%s/client=%s", embeddingCount, embeddingDims, e.format, e.name), func(b *testing.B) {
			retained, err := retainedBy(e.embed)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.embed(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(retained), "retained-B")
			b.ReportMetric(float64(retained)/rawEmbeddingBytes, "retained/raw")
		})
	}
}

// TestEmbeddingsDecoders checks that every client of BenchmarkEmbeddings
// gets the vectors exactly, and that each asks for the format it is
// measured with.
func TestEmbeddingsDecoders(t *testing.T) {
	for i, e := range allEmbedders(nil) {
		t.Run(e.format+"/"+e.name, func(t *testing.T) {
			tr := &embeddingsTransport{}
			got, err := allEmbedders(&http.Client{Transport: tr})[i].embed()
			if err != nil {
				t.Fatal(err)
			}
			if err := checkEmbeddings(got); err != nil {
				t.Fatal(err)
			}
			want := "float"
			if e.format == "base64" || e.format == "default" {
				want = "base64"
			}
			if gotFormat := map[bool]string{true: "base64", false: "float"}[tr.b64 == 1]; gotFormat != want || tr.b64+tr.floats != 1 {
				t.Errorf("asked for %s (%d base64, %d float requests), want one %s request", gotFormat, tr.b64, tr.floats, want)
			}
		})
	}
}

// allEmbedders returns the facade's embedders, then the others'.
func allEmbedders(hc *http.Client) []embedder {
	return append(facadeEmbedders(hc), embedders(hc)...)
}

// retainedBy returns the live heap that the result of f keeps.
func retainedBy(f func() (any, error)) (uint64, error) {
	before := liveHeap()
	res, err := f()
	if err != nil {
		return 0, err
	}
	if err := checkEmbeddings(res); err != nil {
		return 0, err
	}
	after := liveHeap()
	runtime.KeepAlive(res)
	if after < before {
		return 0, nil
	}
	return after - before, nil
}
