package sse

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// chunkJSON is a realistic LiteLLM proxy chat completion chunk.
const chunkJSON = `{"id":"chatcmpl-8f1c2d3e4b5a","created":1719000000,"model":"gpt-4o","object":"chat.completion.chunk","system_fingerprint":"fp_abc123","choices":[{"index":0,"delta":{"content":" word"},"logprobs":null}]}`

const benchEvents = 1000

func benchStream(ping bool, eol string) []byte {
	var b strings.Builder
	for i := range benchEvents {
		if ping && i%10 == 0 {
			b.WriteString(": ping" + eol + eol)
		}
		b.WriteString("data: " + chunkJSON + eol + eol)
	}
	b.WriteString("data: [DONE]" + eol + eol)
	return []byte(b.String())
}

// BenchmarkDecoder decodes a stream of benchEvents chunk events per op.
func BenchmarkDecoder(b *testing.B) {
	for _, bc := range []struct {
		name string
		ping bool
		eol  string
	}{
		{"chunks", false, "\n"},
		{"chunks+ping", true, "\n"},
		{"chunks-crlf", false, "\r\n"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			stream := benchStream(bc.ping, bc.eol)
			r := bytes.NewReader(stream)
			d := NewDecoder(r)
			b.SetBytes(int64(len(stream)))
			b.ReportAllocs()
			for b.Loop() {
				r.Reset(stream)
				d.Reset(r)
				n := 0
				for d.Next() {
					n++
				}
				if n != benchEvents+1 || d.Err() != nil {
					b.Fatalf("%d events, Err() = %v", n, d.Err())
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*(benchEvents+1)), "ns/event")
		})
	}
}

type benchChunk struct {
	ID                string `json:"id"`
	Created           int64  `json:"created"`
	Model             string `json:"model"`
	Object            string `json:"object"`
	SystemFingerprint string `json:"system_fingerprint"`
	Choices           []struct {
		Index int `json:"index"`
		Delta struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"delta"`
		Logprobs     json.RawMessage `json:"logprobs"`
		FinishReason *string         `json:"finish_reason"`
	} `json:"choices"`
}

// BenchmarkChunkUnmarshal is the baseline the framing overhead is compared
// with: json.Unmarshal of the same benchEvents chunks per op.
func BenchmarkChunkUnmarshal(b *testing.B) {
	data := []byte(chunkJSON)
	b.ReportAllocs()
	for b.Loop() {
		for range benchEvents {
			var c benchChunk
			if err := json.Unmarshal(data, &c); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchEvents), "ns/event")
}
