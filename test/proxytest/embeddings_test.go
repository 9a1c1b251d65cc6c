package proxytest_test

import (
	"encoding/base64"
	"encoding/binary"
	"math"
	"net/http"
	"testing"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// embeddingModel is a deployment for the inference tests.
var embeddingModel = proxytest.Model{Name: "text-embedding-3-small", Params: map[string]any{"model": "openai/text-embedding-3-small"}}

func TestEmbeddings(t *testing.T) {
	srv := newServer(t, proxytest.WithModels(embeddingModel))
	tests := []struct {
		name   string
		path   string
		body   map[string]any
		inputs []string
		dims   int
		b64    bool
	}{
		{"batch float", "/embeddings", map[string]any{"model": "text-embedding-3-small", "input": []string{"hello world", "bye"}}, []string{"hello world", "bye"}, 1536, false},
		{"base64 with dimensions", "/v1/embeddings", map[string]any{"model": "text-embedding-3-small", "input": []string{"hello world"}, "encoding_format": "base64", "dimensions": 8}, []string{"hello world"}, 8, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustOK(t, call(t, srv, http.MethodPost, tt.path, srv.MasterKey, tt.body))
			m := r.Map(t)
			data := m["data"].([]any)
			if len(data) != len(tt.inputs) || m["object"] != "list" || m["model"] != "text-embedding-3-small" {
				t.Fatalf("answer %s", r.Body)
			}
			if r.Header.Get("x-litellm-model-id") == "" || r.Header.Get("x-litellm-call-id") == "" {
				t.Errorf("headers %v", r.Header)
			}
			for i, d := range data {
				var got []float32
				if tt.b64 {
					b, err := base64.StdEncoding.DecodeString(d.(map[string]any)["embedding"].(string))
					if err != nil {
						t.Fatal(err)
					}
					for j := 0; j+4 <= len(b); j += 4 {
						got = append(got, math.Float32frombits(binary.LittleEndian.Uint32(b[j:])))
					}
				} else {
					for _, x := range d.(map[string]any)["embedding"].([]any) {
						got = append(got, float32(x.(float64)))
					}
				}
				want := proxytest.EmbeddingVector(tt.inputs[i], tt.dims)
				if len(got) != tt.dims || len(want) != tt.dims {
					t.Fatalf("vector %d has %d values, want %d", i, len(got), tt.dims)
				}
				var norm float64
				for j := range got {
					if got[j] != want[j] {
						t.Fatalf("vector %d differs at %d: %v != %v", i, j, got[j], want[j])
					}
					norm += float64(got[j]) * float64(got[j])
				}
				if math.Abs(norm-1) > 1e-4 {
					t.Errorf("vector %d has norm %v", i, norm)
				}
			}
		})
	}
}

func TestEmbeddingsErrors(t *testing.T) {
	srv := newServer(t, proxytest.WithModels(embeddingModel))
	tests := []struct {
		name   string
		key    string
		body   map[string]any
		status int
	}{
		{"no key", "", map[string]any{"model": "text-embedding-3-small", "input": []string{"a"}}, http.StatusUnauthorized},
		{"unknown model", srv.MasterKey, map[string]any{"model": "nope", "input": []string{"a"}}, http.StatusBadRequest},
		{"bad dimensions", srv.MasterKey, map[string]any{"model": "text-embedding-3-small", "input": []string{"a"}, "dimensions": 0}, http.StatusBadRequest},
		{"bad encoding", srv.MasterKey, map[string]any{"model": "text-embedding-3-small", "input": []string{"a"}, "encoding_format": "hex"}, http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, srv, http.MethodPost, "/embeddings", tt.key, tt.body)
			if r.Status != tt.status {
				t.Errorf("status %d, want %d: %s", r.Status, tt.status, r.Body)
			}
		})
	}
}

func TestEmbeddingsVirtualKey(t *testing.T) {
	srv := newServer(t, proxytest.WithModels(embeddingModel))
	key := genKey(t, srv, map[string]any{"models": []string{"text-embedding-3-small"}})
	mustOK(t, call(t, srv, http.MethodPost, "/embeddings", key, map[string]any{"model": "text-embedding-3-small", "input": []string{"a"}}))
	other := genKey(t, srv, map[string]any{"models": []string{"gpt-4o"}})
	if r := call(t, srv, http.MethodPost, "/embeddings", other, map[string]any{"model": "text-embedding-3-small", "input": []string{"a"}}); r.Status != http.StatusForbidden {
		t.Errorf("a key without the model: status %d: %s", r.Status, r.Body)
	}
}
