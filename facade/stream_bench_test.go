package facade

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/litellm-go/proxyclient/facade/sse"
)

// benchChunk is a chunk of the shape the proxy streams (proxy-contract.md 2.5).
func benchChunk(i int) []byte {
	return fmt.Appendf(nil, `{"id":"chatcmpl-8f1c2d3e-4b5a-4c3d-9e8f-0a1b2c3d4e5f","created":1719000000,"model":"gpt-4o-2024-08-06","object":"chat.completion.chunk","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":{"content":" token%d"}}],"provider_specific_fields":{}}`, i)
}

func benchStream(n int) (payloads [][]byte, wire []byte) {
	var buf bytes.Buffer
	for i := 0; i < n; i++ {
		p := benchChunk(i)
		payloads = append(payloads, p)
		buf.WriteString("data: ")
		buf.Write(p)
		buf.WriteString("\n\n")
	}
	buf.WriteString("data: [DONE]\n\n")
	return payloads, buf.Bytes()
}

// newTestStream returns a stream over an in-memory body, without HTTP.
func newTestStream(body io.Reader) *ChatCompletionStream {
	rc := io.NopCloser(body)
	return &ChatCompletionStream{
		resp: &http.Response{StatusCode: 200, Header: http.Header{}}, body: rc,
		dec: sse.NewDecoder(body), cancel: func() {}, ctx: context.Background(),
		method: http.MethodPost, path: "/chat/completions",
	}
}

// BenchmarkStreamDecode measures decoding a stream held in memory, per chunk,
// next to the limit: json.Unmarshal of the same payloads with no SSE framing.
func BenchmarkStreamDecode(b *testing.B) {
	for _, n := range []int{200, 10000} {
		payloads, wire := benchStream(n)
		b.Run(fmt.Sprintf("stream/chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(wire)))
			for b.Loop() {
				s := newTestStream(bytes.NewReader(wire))
				count := 0
				for s.Next() {
					count++
				}
				if s.Err() != nil || count != n {
					b.Fatalf("count %d err %v", count, s.Err())
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/chunk")
		})
		b.Run(fmt.Sprintf("unmarshal/chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(wire)))
			for b.Loop() {
				for _, p := range payloads {
					var c ChatCompletionChunk
					if err := json.Unmarshal(p, &c); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/chunk")
		})
	}
}

// TestStreamMemoryFlat decodes a long stream and checks that the live heap
// does not grow with its length.
func TestStreamMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("long stream")
	}
	n := 200000 // STREAM_CHUNKS=1000000 for the long version
	if v, err := strconv.Atoi(os.Getenv("STREAM_CHUNKS")); err == nil && v > 1000 {
		n = v
	}
	chunk := append(append([]byte("data: "), benchChunk(1)...), "\n\n"...)
	r := &repeatReader{chunk: chunk, left: n}
	s := newTestStream(r)
	var ms runtime.MemStats
	var before uint64
	count := 0
	for s.Next() {
		count++
		if count == 1000 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			before = ms.HeapAlloc
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&ms)
	if count != n {
		t.Fatalf("decoded %d chunks, want %d (err %v)", count, n, s.Err())
	}
	growth := int64(ms.HeapAlloc) - int64(before)
	t.Logf("live heap after 1,000 chunks: %d B; after %d chunks: %d B (growth %d B)", before, n, ms.HeapAlloc, growth)
	if growth > 256<<10 {
		t.Errorf("live heap grew by %d bytes over %d chunks", growth, n)
	}
}

// repeatReader yields chunk left times, then EOF (the stream is then
// truncated: no [DONE], which the test ignores).
type repeatReader struct {
	chunk []byte
	left  int
	off   int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if r.off == len(r.chunk) {
			if r.left <= 1 {
				if n == 0 {
					return 0, io.EOF
				}
				return n, nil
			}
			r.left--
			r.off = 0
		}
		c := copy(p[n:], r.chunk[r.off:])
		n += c
		r.off += c
	}
	return n, nil
}
