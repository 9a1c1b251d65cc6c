package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// The payloads are the shapes the proxy sends (proxy-contract.md 2.3, 2.5).

// answer is the ~1 KB content of the non-streaming completion.
var answer = strings.Repeat("The quick brown fox jumps over the lazy dog, \"quoted\" and caf\u00e9. ", 15)

// completionJSON is a non-streaming chat completion of about 1.5 KB.
var completionJSON = func() []byte {
	content, _ := json.Marshal(answer)
	return fmt.Appendf(nil, `{"id":"chatcmpl-8f1c2d3e-4b5a-4c3d-9e8f-0a1b2c3d4e5f","created":1719000000,"model":"gpt-4o-2024-08-06","object":"chat.completion","system_fingerprint":"fp_5050236cbd","choices":[{"finish_reason":"stop","index":0,"message":{"content":%s,"role":"assistant","tool_calls":null,"function_call":null,"provider_specific_fields":{}}}],"usage":{"completion_tokens":236,"prompt_tokens":18,"total_tokens":254,"completion_tokens_details":{"accepted_prediction_tokens":0,"audio_tokens":0,"reasoning_tokens":0,"rejected_prediction_tokens":0},"prompt_tokens_details":{"audio_tokens":0,"cached_tokens":0}},"service_tier":"default"}`, content)
}()

// chunkJSON is chunk i of a stream: the first carries the role, the last
// the finish reason; the others a few characters of content.
func chunkJSON(i, n int) []byte {
	const head = `{"id":"chatcmpl-8f1c2d3e-4b5a-4c3d-9e8f-0a1b2c3d4e5f","created":1719000000,"model":"gpt-4o-2024-08-06","object":"chat.completion.chunk","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":`
	switch i {
	case 0:
		return []byte(head + `{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}`)
	case n - 1:
		return []byte(head + `{},"finish_reason":"stop","logprobs":null}]}`)
	}
	return fmt.Appendf(nil, head+`{"content":" token%d"},"logprobs":null,"finish_reason":null}],"provider_specific_fields":{}}`, i)
}

// streamFixture is a stream of n chunks: the payloads alone and the SSE wire.
type streamFixture struct {
	payloads [][]byte
	wire     []byte
}

func newStreamFixture(n int) streamFixture {
	var f streamFixture
	var buf bytes.Buffer
	for i := range n {
		p := chunkJSON(i, n)
		f.payloads = append(f.payloads, p)
		buf.WriteString("data: ")
		buf.Write(p)
		buf.WriteString("\n\n")
	}
	buf.WriteString("data: [DONE]\n\n")
	f.wire = buf.Bytes()
	return f
}

const benchKey = "sk-bench-0123456789abcdef"

// memoryTransport answers every request with a canned response, without a
// network: what remains is the client's own overhead. It reads and closes the
// request body, as a real transport does.
type memoryTransport struct {
	contentType string
	body        []byte
}

func (t *memoryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	return &http.Response{
		Status: "200 OK", StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {t.contentType}},
		Body:          io.NopCloser(bytes.NewReader(t.body)),
		ContentLength: int64(len(t.body)), Request: req,
	}, nil
}

// chatServer is a loopback server answering POST /chat/completions with
// completionJSON, or with the stream when the request asks for one. It
// counts the TCP connections it accepts.
type chatServer struct {
	*httptest.Server
	stream []byte
	conns  atomic.Int64
}

func newChatServer(tb testing.TB, stream []byte) *chatServer {
	s := &chatServer{stream: stream}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	tb.Cleanup(s.Close)
	return s
}

func (s *chatServer) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if !bytes.Contains(body, []byte(`"stream":true`)) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(completionJSON)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	fl := w.(http.Flusher)
	// One write and flush per event, as the proxy does.
	for rest := s.stream; len(rest) > 0; {
		i := bytes.Index(rest, []byte("\n\n"))
		_, _ = w.Write(rest[:i+2])
		fl.Flush()
		rest = rest[i+2:]
	}
}

// ctx is the context of benchmark calls.
var ctx = context.Background()

// perOp reports a per-item metric from the elapsed time.
func perItem(b *testing.B, items int, unit string) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(items), unit)
}
