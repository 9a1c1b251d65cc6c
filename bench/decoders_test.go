package bench

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/bytedance/sonic"
	jsonv2 "github.com/go-json-experiment/json"
	goccy "github.com/goccy/go-json"

	"github.com/litellm-go/proxyclient/gen"
)

// BenchmarkChunkUnmarshal decodes the payloads of a stream (no framing, no
// HTTP) into gen.ChatCompletionChunk with third-party JSON decoders, to
// compare with encoding/json (the "limit" of BenchmarkStreamDecode) and with
// the facade's own decoder (BenchmarkChunkDecode/decoder in facade/). The
// facade may not depend on them (STYLE.md, "Few dependencies"): this only
// measures what they would bring.
func BenchmarkChunkUnmarshal(b *testing.B) {
	f := newStreamFixture(10000)
	decoders := []struct {
		name      string
		unmarshal func([]byte, any) error
	}{
		{"encoding-json", json.Unmarshal},
		{"go-json-experiment", func(d []byte, v any) error { return jsonv2.Unmarshal(d, v) }},
		{"goccy-go-json", goccy.Unmarshal},
		{"sonic", sonic.Unmarshal},
	}
	for _, d := range decoders {
		b.Run(fmt.Sprintf("chunks=%d/decoder=%s", len(f.payloads), d.name), func(b *testing.B) {
			var want gen.ChatCompletionChunk
			if err := d.unmarshal(f.payloads[1], &want); err != nil || want.Choices[0].Delta.Content != " token1" {
				b.Fatalf("%+v, %v", want, err)
			}
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range f.payloads {
					var c gen.ChatCompletionChunk
					if err := d.unmarshal(p, &c); err != nil {
						b.Fatal(err)
					}
				}
			}
			perItem(b, len(f.payloads), "ns/chunk")
		})
	}
}
