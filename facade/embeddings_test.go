package facade

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func float32Base64(v []float32) string {
	b := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(f))
	}
	return base64.StdEncoding.EncodeToString(b)
}

func TestEmbeddingsCreate(t *testing.T) {
	vec := []float32{0.25, -1.5, 3e-7}
	tests := []struct {
		name     string
		req      EmbeddingRequest
		wantBody string
		answer   string
	}{
		{
			name:     "base64 by default",
			req:      EmbeddingRequest{Model: "emb", Input: []string{"a", "b"}},
			wantBody: `{"model":"emb","input":["a","b"],"encoding_format":"base64"}`,
			answer: `{"object":"list","model":"text-embedding-3-small","data":[` +
				`{"object":"embedding","index":0,"embedding":"` + float32Base64(vec) + `"},` +
				`{"object":"embedding","index":1,"embedding":"` + float32Base64(vec[:1]) + `"}],` +
				`"usage":{"prompt_tokens":2,"total_tokens":2}}`,
		},
		{
			name:     "float when asked, with dimensions",
			req:      EmbeddingRequest{Model: "emb", Input: []string{"a", "b"}, EncodingFormat: EmbeddingEncodingFloat, Dimensions: func() *int { n := 3; return &n }()},
			wantBody: `{"model":"emb","input":["a","b"],"encoding_format":"float","dimensions":3}`,
			answer: `{"object":"list","model":"text-embedding-3-small","data":[` +
				`{"object":"embedding","index":0,"embedding":[0.25,-1.5,3e-7]},` +
				`{"object":"embedding","index":1,"embedding":[0.25]}],` +
				`"usage":{"prompt_tokens":2,"total_tokens":2}}`,
		},
		{
			name:     "float answer to a base64 request (a provider without base64)",
			req:      EmbeddingRequest{Model: "emb", Input: []string{"a", "b"}},
			wantBody: `{"model":"emb","input":["a","b"],"encoding_format":"base64"}`,
			answer: `{"object":"list","model":"text-embedding-3-small","data":[` +
				`{"object":"embedding","index":1,"embedding":[0.25]},` +
				`{"object":"embedding","index":0,"embedding":[0.25,-1.5,3e-7]}],` +
				`"usage":{"prompt_tokens":2,"total_tokens":2},"extra":{"x":[1,2]}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mux, _ := setup(t)
			mux.HandleFunc("/embeddings", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodPost)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testJSONBody(t, r, tt.wantBody)
				writeJSON(w, http.StatusOK, tt.answer)
			})
			req := tt.req
			got, err := c.Embeddings.Create(context.Background(), &req)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(req, tt.req) {
				t.Errorf("Create changed the caller's request: %+v", req)
			}
			want := [][]float32{vec, vec[:1]}
			if vs := got.Vectors(); !reflect.DeepEqual(vs, want) {
				t.Errorf("Vectors() = %v, want %v", vs, want)
			}
			if got.Model != "text-embedding-3-small" || got.Object != "list" || got.Usage.TotalTokens != 2 || got.Data[0].Object != "embedding" {
				t.Errorf("response = %+v", got)
			}
		})
	}
}

func TestEmbeddingsCreateInvalid(t *testing.T) {
	c, _, _ := setup(t)
	for _, req := range []*EmbeddingRequest{nil, {Input: []string{"a"}}, {Model: "m"}} {
		if _, err := c.Embeddings.Create(context.Background(), req); err == nil {
			t.Errorf("Create(%+v) succeeded", req)
		}
	}
}

func TestEmbeddingsCreateError(t *testing.T) {
	c, mux, _ := setup(t)
	mux.HandleFunc("/embeddings", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusBadRequest, `{"error":{"message":"Invalid model name passed in model=x","type":"None","param":"None","code":"400"}}`)
	})
	_, err := c.Embeddings.Create(context.Background(), &EmbeddingRequest{Model: "x", Input: []string{"a"}})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest || !strings.Contains(apiErr.Message, "Invalid model name") {
		t.Fatalf("err = %v, want a 400 APIError", err)
	}
}

// decodeEmbeddingBoth decodes body with the fast decoder and with encoding/json.
func decodeEmbeddingBoth(body []byte) (fast, slow EmbeddingResponse, fastOK bool, slowErr error) {
	fastOK = fast.decodeFast(body)
	slowErr = json.Unmarshal(body, &slow)
	return
}

func TestEmbeddingDecodeFastMatchesJSON(t *testing.T) {
	vec := []float32{1, -2.5, float32(math.Pi)}
	tests := []struct {
		name     string
		body     string
		wantFast bool
		wantErr  bool
	}{
		{"base64", `{"object":"list","data":[{"object":"embedding","index":0,"embedding":"` + float32Base64(vec) + `"}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}`, true, false},
		{"float", `{"data":[{"embedding":[1,-2.5,3.1415927],"index":0}]}`, true, false},
		{"empty vector and null", `{"data":[{"embedding":[]},{"embedding":null},null],"usage":null}`, true, false},
		{"unknown members", `{"data":[{"embedding":"","x":{"a":[1,{}]}}],"created":1}`, true, false},
		{"escaped base64", `{"data":[{"embedding":"AACA\/w=="}]}`, false, false},
		{"bad base64 length", `{"data":[{"embedding":"AAA="}]}`, false, true},
		{"bad base64", `{"data":[{"embedding":"!!!!"}]}`, false, true},
		{"duplicate key", `{"model":"a","model":"b"}`, false, false},
		{"case-folded key", `{"Model":"a"}`, false, false},
		{"float out of range", `{"data":[{"embedding":[1e400]}]}`, false, true},
		{"fractional index", `{"data":[{"index":1.5}]}`, false, true},
		{"trailing garbage", `{"data":[]} x`, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fast, slow, ok, err := decodeEmbeddingBoth([]byte(tt.body))
			if ok != tt.wantFast {
				t.Errorf("fast decoder ok = %v, want %v", ok, tt.wantFast)
			}
			if (err != nil) != tt.wantErr {
				t.Errorf("json.Unmarshal error = %v, want error %v", err, tt.wantErr)
			}
			if ok && err == nil && !reflect.DeepEqual(fast, slow) {
				t.Errorf("fast = %+v\nslow = %+v", fast, slow)
			}
			if !ok && !reflect.DeepEqual(fast, EmbeddingResponse{}) {
				t.Errorf("a refused fast decode left %+v", fast)
			}
		})
	}
}

// TestEmbeddingDecodeAllocations holds the decoder to its promise: one
// allocation per vector (the []float32 the base64 is decoded into) plus
// the Data slice's growth.
func TestEmbeddingDecodeAllocations(t *testing.T) {
	vec := make([]float32, 1536)
	var b strings.Builder
	b.WriteString(`{"object":"list","data":[`)
	for i := range 100 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"object":"embedding","index":` + itoa(i) + `,"embedding":"` + float32Base64(vec) + `"}`)
	}
	b.WriteString(`],"model":"m","usage":{"prompt_tokens":100,"total_tokens":100}}`)
	body := []byte(b.String())
	allocs := testing.AllocsPerRun(10, func() {
		var r EmbeddingResponse
		if !r.decodeFast(body) || len(r.Data) != 100 {
			t.Fatal("decode failed")
		}
	})
	if allocs > 100+12 {
		t.Errorf("%v allocations to decode 100 vectors, want at most 112", allocs)
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func FuzzEmbeddingDecode(f *testing.F) {
	f.Add([]byte(`{"object":"list","data":[{"object":"embedding","index":0,"embedding":"AACAPwAAAEA="}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}`))
	f.Add([]byte(`{"data":[{"embedding":[1,2.5e-3,-0]}]}`))
	f.Add([]byte(`{"data":[{"embedding":null},null,{"index":2}],"usage":{}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		fast, slow, ok, err := decodeEmbeddingBoth(body)
		if ok && err != nil {
			t.Fatalf("fast decoder accepted what encoding/json refuses (%v): %q", err, body)
		}
		if ok && !reflect.DeepEqual(fast, slow) {
			t.Fatalf("fast = %+v\nslow = %+v\nbody %q", fast, slow, body)
		}
	})
}
