package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	gosse "github.com/tmaxmax/go-sse"

	"github.com/litellm-go/proxyclient/facade/sse"
	"github.com/litellm-go/proxyclient/gen"
)

var streamLengths = []int{200, 10000}

// BenchmarkStreamDecode decodes a whole stream held in memory: each client
// makes its streaming call over an in-memory transport that returns the SSE
// body, and reads every chunk. "limit" is json.Unmarshal of the same chunk
// payloads with no SSE framing and no HTTP. One op is one stream; ns/chunk is
// reported, and B/op and allocs/op divide by the number of chunks.
func BenchmarkStreamDecode(b *testing.B) {
	for _, n := range streamLengths {
		f := newStreamFixture(n)
		hc := &http.Client{Transport: &memoryTransport{contentType: "text/event-stream", body: f.wire}}
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			for _, c := range contenders("http://proxy.invalid", hc) {
				if c.stream == nil {
					continue
				}
				b.Run("client="+c.name, func(b *testing.B) {
					var text bytes.Buffer
					each := func(s string) { text.WriteString(s) }
					if got, err := c.stream(each); err != nil || got != n {
						b.Fatalf("stream: %d chunks, %v", got, err)
					}
					b.ReportAllocs()
					for b.Loop() {
						text.Reset()
						if got, err := c.stream(each); err != nil || got != n {
							b.Fatalf("stream: %d chunks, %v", got, err)
						}
					}
					perItem(b, n, "ns/chunk")
				})
			}
			b.Run("client=limit", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					for _, p := range f.payloads {
						var c gen.ChatCompletionChunk
						if err := json.Unmarshal(p, &c); err != nil {
							b.Fatal(err)
						}
					}
				}
				perItem(b, n, "ns/chunk")
			})
		})
	}
}

// BenchmarkSSEFraming is the SSE parsing alone, no JSON: the facade's
// decoder (facade/sse) against the parser of github.com/tmaxmax/go-sse,
// both reading the same wire bytes and yielding each event's data.
func BenchmarkSSEFraming(b *testing.B) {
	for _, n := range streamLengths {
		f := newStreamFixture(n)
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			b.Run("parser=facade-sse", func(b *testing.B) {
				b.ReportAllocs()
				d := sse.NewDecoder(bytes.NewReader(f.wire))
				for b.Loop() {
					d.Reset(bytes.NewReader(f.wire))
					total := 0
					for d.Next() {
						total += len(d.Event().Data)
					}
					if d.Err() != nil || total == 0 {
						b.Fatal(d.Err())
					}
				}
				perItem(b, n, "ns/chunk")
			})
			b.Run("parser=go-sse", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					total := 0
					for ev, err := range gosse.Read(bytes.NewReader(f.wire), nil) {
						if err != nil {
							b.Fatal(err)
						}
						total += len(ev.Data)
					}
					if total == 0 {
						b.Fatal("no data")
					}
				}
				perItem(b, n, "ns/chunk")
			})
		})
	}
}

// BenchmarkStreamLoopback streams over loopback from a server that writes
// and flushes one event at a time: time to the first chunk (ttfc-ns) and to
// the last (ns/op), each client with its default HTTP client.
func BenchmarkStreamLoopback(b *testing.B) {
	const n = 200
	f := newStreamFixture(n)
	srv := newChatServer(b, f.wire)
	for _, c := range contenders(srv.URL, nil) {
		if c.stream == nil {
			continue
		}
		b.Run(fmt.Sprintf("chunks=%d/client=%s", n, c.name), func(b *testing.B) {
			var start time.Time
			var first time.Duration
			got := 0
			each := func(string) {
				if got == 0 {
					first += time.Since(start)
				}
				got++
			}
			b.ReportAllocs()
			for b.Loop() {
				start, got = time.Now(), 0
				if k, err := c.stream(each); err != nil || k != n {
					b.Fatalf("stream: %d chunks, %v", k, err)
				}
			}
			b.ReportMetric(float64(first.Nanoseconds())/float64(b.N), "ttfc-ns")
		})
	}
}
