package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	openai "github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/packages/ssestream"
	goopenai "github.com/sashabaranov/go-openai"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/gen"
)

// inFlight is the number of concurrent streams of the scale benchmark.
const inFlight = 1000

// heldContent is what every held stream's chunks carry, in order.
var heldContent = func() string {
	var b strings.Builder
	for i := 1; i < heldChunks-1; i++ {
		fmt.Fprintf(&b, " token%d", i)
	}
	return b.String()
}()

// An openStream is a stream opened by one client: next returns the next
// chunk's content, false at the end (then err says why).
type openStream interface {
	next() (string, bool)
	err() error
	close()
}

// A streamOpener opens streams through one client, with its default HTTP
// client.
type streamOpener struct {
	name string
	open func() (openStream, error)
}

func streamOpeners(base string) []streamOpener {
	return []streamOpener{facadeOpener(base), netHTTPOpener(base), openaiGoOpener(base), goOpenAIOpener(base)}
}

type facadeStream struct{ s *facade.ChatCompletionStream }

func (f facadeStream) next() (string, bool) {
	if !f.s.Next() {
		return "", false
	}
	if ch := f.s.Current(); len(ch.Choices) > 0 {
		return ch.Choices[0].Delta.Content, true
	}
	return "", true
}
func (f facadeStream) err() error { return f.s.Err() }
func (f facadeStream) close()     { _ = f.s.Close() }

func facadeOpener(base string) streamOpener {
	c, err := facade.New(base, facade.WithAPIKey(benchKey))
	if err != nil {
		panic(err)
	}
	return streamOpener{name: "facade", open: func() (openStream, error) {
		s, err := c.Chat.Completions.Stream(ctx, &chatRequest)
		if err != nil {
			return nil, err
		}
		return facadeStream{s}, nil
	}}
}

// netHTTPStream is the hand-written loop: a bufio.Reader of the default size
// (4 KiB) over the body, "data: " lines, json.Unmarshal.
type netHTTPStream struct {
	resp *http.Response
	r    *bufio.Reader
	e    error
}

func (s *netHTTPStream) next() (string, bool) {
	for {
		line, err := s.r.ReadSlice('\n')
		if err != nil {
			s.e = err
			if errors.Is(err, io.EOF) {
				s.e = io.ErrUnexpectedEOF
			}
			return "", false
		}
		data, ok := bytes.CutPrefix(bytes.TrimRight(line, "\r\n"), []byte("data: "))
		if !ok {
			continue
		}
		if bytes.Equal(data, []byte("[DONE]")) {
			return "", false
		}
		var c gen.ChatCompletionChunk
		if err := json.Unmarshal(data, &c); err != nil {
			s.e = err
			return "", false
		}
		if len(c.Choices) > 0 {
			return c.Choices[0].Delta.Content, true
		}
		return "", true
	}
}
func (s *netHTTPStream) err() error { return s.e }
func (s *netHTTPStream) close()     { _ = s.resp.Body.Close() }

func netHTTPOpener(base string) streamOpener {
	hc := &http.Client{}
	body, err := json.Marshal(facade.ChatCompletionRequest{Model: chatRequest.Model, Messages: chatRequest.Messages, Stream: true})
	if err != nil {
		panic(err)
	}
	return streamOpener{name: "net/http", open: func() (openStream, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/chat/completions", bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+benchKey)
		resp, err := hc.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return nil, fmt.Errorf("status %d", resp.StatusCode)
		}
		return &netHTTPStream{resp: resp, r: bufio.NewReader(resp.Body)}, nil
	}}
}

type openaiGoStream struct {
	s *ssestream.Stream[openai.ChatCompletionChunk]
}

func (o openaiGoStream) next() (string, bool) {
	if !o.s.Next() {
		return "", false
	}
	if ch := o.s.Current(); len(ch.Choices) > 0 {
		return ch.Choices[0].Delta.Content, true
	}
	return "", true
}
func (o openaiGoStream) err() error { return o.s.Err() }
func (o openaiGoStream) close()     { _ = o.s.Close() }

func openaiGoOpener(base string) streamOpener {
	c := openai.NewClient(option.WithBaseURL(base+"/"), option.WithAPIKey(benchKey))
	params := openai.ChatCompletionNewParams{
		Model:    "gpt-4o",
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Tell me about foxes.")},
	}
	return streamOpener{name: "openai-go", open: func() (openStream, error) {
		s := c.Chat.Completions.NewStreaming(ctx, params)
		if err := s.Err(); err != nil {
			return nil, err
		}
		return openaiGoStream{s}, nil
	}}
}

type goOpenAIStream struct {
	s *goopenai.ChatCompletionStream
	e error
}

func (g *goOpenAIStream) next() (string, bool) {
	r, err := g.s.Recv()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			g.e = err
		}
		return "", false
	}
	if len(r.Choices) > 0 {
		return r.Choices[0].Delta.Content, true
	}
	return "", true
}
func (g *goOpenAIStream) err() error { return g.e }
func (g *goOpenAIStream) close()     { _ = g.s.Close() }

func goOpenAIOpener(base string) streamOpener {
	cfg := goopenai.DefaultConfig(benchKey)
	cfg.BaseURL = base
	c := goopenai.NewClientWithConfig(cfg)
	req := goopenai.ChatCompletionRequest{
		Model:    "gpt-4o",
		Stream:   true,
		Messages: []goopenai.ChatCompletionMessage{{Role: goopenai.ChatMessageRoleUser, Content: "Tell me about foxes."}},
	}
	return streamOpener{name: "go-openai", open: func() (openStream, error) {
		s, err := c.CreateChatCompletionStream(ctx, req)
		if err != nil {
			return nil, err
		}
		return &goOpenAIStream{s: s}, nil
	}}
}

// heldRound is what one round of inFlight held streams measured.
type heldRound struct {
	// heapPerStream is the live heap (after a GC) with every stream open,
	// above the live heap before the first was opened, per stream.
	heapPerStream float64
	// goroutinesPerStream is the number of goroutines with every stream
	// open, above the number before, per stream.
	goroutinesPerStream float64
	// others is how many of those extra goroutines are not net/http's
	// connection goroutines (persistConn.readLoop and writeLoop), and
	// otherStacks the first of their stacks.
	others      int
	otherStacks string
}

// goroutineStacks returns the stack of every goroutine.
func goroutineStacks() []string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return strings.Split(strings.TrimSpace(string(buf[:n])), "\n\n")
		}
		buf = make([]byte, 2*len(buf))
	}
}

// netHTTPConnGoroutine reports whether a stack is one of the two goroutines
// net/http's Transport runs for each connection.
func netHTTPConnGoroutine(stack string) bool {
	return strings.Contains(stack, "net/http.(*persistConn).readLoop") || strings.Contains(stack, "net/http.(*persistConn).writeLoop")
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// holdStreams opens inFlight streams with o from this goroutine alone, reads
// the first chunk of each (the server holds the rest), measures the heap and
// the goroutines with all of them open, then has the server release them and
// reads every stream to its end, checking that each is complete and in
// order. The payload buffered in the client when it measures is none: the
// server has sent one chunk per stream, and the client has read it.
func holdStreams(tb testing.TB, base string, o streamOpener) heldRound {
	tb.Helper()
	streams := make([]openStream, 0, inFlight)
	defer func() {
		for _, s := range streams {
			s.close()
		}
	}()
	before := goroutineStacks()
	heap0 := liveHeap()
	for i := range inFlight {
		s, err := o.open()
		if err != nil {
			tb.Fatalf("%s: open stream %d: %v", o.name, i, err)
		}
		streams = append(streams, s)
		if c, ok := s.next(); !ok || c != "" {
			tb.Fatalf("%s: stream %d: first chunk %q, %v, %v", o.name, i, c, ok, s.err())
		}
	}
	heap1 := liveHeap()
	during := goroutineStacks()
	r := heldRound{
		heapPerStream:       (float64(heap1) - float64(heap0)) / inFlight,
		goroutinesPerStream: float64(len(during)-len(before)) / inFlight,
	}
	for _, st := range during {
		if netHTTPConnGoroutine(st) {
			continue
		}
		r.others++
		if r.otherStacks == "" || strings.Count(r.otherStacks, "\n\n") < 3 {
			r.otherStacks += st + "\n\n"
		}
	}
	for _, st := range before {
		if !netHTTPConnGoroutine(st) {
			r.others--
		}
	}
	resp, err := http.Post(base+"/release", "text/plain", nil)
	if err != nil {
		tb.Fatalf("release: %v", err)
	}
	resp.Body.Close()
	for i, s := range streams {
		var got strings.Builder
		n := 1
		for {
			c, ok := s.next()
			if !ok {
				break
			}
			got.WriteString(c)
			n++
		}
		if err := s.err(); err != nil || n != heldChunks || got.String() != heldContent {
			tb.Fatalf("%s: stream %d: %d chunks (want %d), content %q (want %q), err %v", o.name, i, n, heldChunks, got.String(), heldContent, err)
		}
	}
	return r
}

// TestConcurrentStreams holds 1,000 streams open through one facade Client
// against a loopback server (in another process) and checks that the facade
// runs no goroutine of its own per stream — every goroutine added is one of
// net/http's two per connection — and that every stream then completes, in
// order, and that the heap per stream stays under maxHeapPerStream;
// BenchmarkConcurrentStreams reports it beside the other clients'.
func TestConcurrentStreams(t *testing.T) {
	base := heldStreamServer(t)
	r := holdStreams(t, base, facadeOpener(base))
	t.Logf("facade, %d streams: %.0f B of heap and %.2f goroutines per stream, %d other goroutines", inFlight, r.heapPerStream, r.goroutinesPerStream, r.others)
	// A few goroutines may come and go (the GC, timers, the runtime); one
	// per stream would be 1,000.
	if r.others > 10 {
		t.Errorf("%d goroutines besides net/http's connection goroutines with %d streams open; the first:\n%s", r.others, inFlight, r.otherStacks)
	}
	if r.goroutinesPerStream > 2.05 {
		t.Errorf("%.2f goroutines per stream, want at most net/http's 2", r.goroutinesPerStream)
	}
	// A guard against regressions, not the 16 KiB target (which the report
	// marks): about 24 KiB today, 85 KiB when the SSE decoder's read buffer
	// was 64 KiB.
	if r.heapPerStream > maxHeapPerStream {
		t.Errorf("%.0f B of heap per open stream, want at most %d", r.heapPerStream, maxHeapPerStream)
	}
}

// maxHeapPerStream bounds the heap an open stream may hold in
// TestConcurrentStreams.
const maxHeapPerStream = 32 << 10

// BenchmarkConcurrentStreams holds 1,000 streams open at once through one
// client of each kind (its default HTTP client) against a loopback server in
// another process, then lets them finish; one op is one such round. It
// reports the live heap per in-flight stream (heap-B/stream) and the
// goroutines per stream (goroutines/stream) measured with all of them open,
// and how many of those goroutines are not net/http's connection goroutines
// (other-goroutines).
func BenchmarkConcurrentStreams(b *testing.B) {
	base := heldStreamServer(b)
	for _, o := range streamOpeners(base) {
		b.Run("streams=1000/client="+o.name, func(b *testing.B) {
			var heap, gor, others float64
			for b.Loop() {
				r := holdStreams(b, base, o)
				heap += r.heapPerStream
				gor += r.goroutinesPerStream
				others += float64(r.others)
			}
			n := float64(b.N)
			b.ReportMetric(heap/n, "heap-B/stream")
			b.ReportMetric(gor/n, "goroutines/stream")
			b.ReportMetric(others/n, "other-goroutines")
		})
	}
}
