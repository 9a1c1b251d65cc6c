package facade

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// leakCheck verifies, after every other cleanup (the test server's
// included), that the test left no goroutine behind.
func leakCheck(t *testing.T) {
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
}

func chunkJSON(content string) string {
	return fmt.Sprintf(`{"id":"chatcmpl-1","created":1719000000,"model":"gpt-4o","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":%q}}]}`, content)
}

func sseHandler(events ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("X-Litellm-Call-Id", "call-123")
		w.WriteHeader(http.StatusOK)
		for _, e := range events {
			_, _ = io.WriteString(w, e)
			w.(http.Flusher).Flush()
		}
	}
}

func chatReq() *ChatCompletionRequest {
	return &ChatCompletionRequest{Model: "gpt-4o", Messages: []ChatMessage{UserMessage("hi")}}
}

// collect drains a stream and returns the contents of its chunks.
func collect(s *ChatCompletionStream) []string {
	var got []string
	for s.Next() {
		c := s.Current()
		if len(c.Choices) > 0 {
			got = append(got, c.Choices[0].Delta.Content)
		}
	}
	return got
}

func TestChatCompletionsService_Stream(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 16<<20)
	tests := []struct {
		name    string
		events  []string
		want    []string
		wantErr func(error) bool
	}{
		{
			name:   "done",
			events: []string{"data: " + chunkJSON("Hel") + "\n\n", "data: " + chunkJSON("lo") + "\n\n", "data: [DONE]\n\n"},
			want:   []string{"Hel", "lo"},
		},
		{
			name:   "comments between events",
			events: []string{": ping\n\n", "data: " + chunkJSON("a") + "\n\n", ": ping\n\n", "data:" + chunkJSON("b") + "\r\n\r\n", "data: [DONE]\n\n"},
			want:   []string{"a", "b"},
		},
		{
			name:   "error event after a comment",
			events: []string{"data: " + chunkJSON("a") + "\n\n", ": keepalive\n\n", `data: {"error": {"message": "upstream exploded", "type": "internal_server_error", "param": "None", "code": "500"}}` + "\n\n"},
			want:   []string{"a"},
			wantErr: func(err error) bool {
				var apiErr *APIError
				return errors.As(err, &apiErr) && apiErr.Message == "upstream exploded" && apiErr.Type == "internal_server_error" &&
					apiErr.Code == "500" && apiErr.RequestID == "call-123" && apiErr.StatusCode == 500 && apiErr.MidStream
			},
		},
		{
			name:    "missing done",
			events:  []string{"data: " + chunkJSON("a") + "\n\n", "data: " + chunkJSON("b") + "\n\n"},
			want:    []string{"a", "b"},
			wantErr: func(err error) bool { return errors.Is(err, io.ErrUnexpectedEOF) && errors.Is(err, ErrStreamTruncated) },
		},
		{
			name:    "cut mid event",
			events:  []string{"data: " + chunkJSON("a") + "\n\n", `data: {"id":"chatcmpl-1","cho`},
			want:    []string{"a"},
			wantErr: func(err error) bool { return errors.Is(err, io.ErrUnexpectedEOF) },
		},
		{
			name:   "invalid JSON is an error naming the event",
			events: []string{"data: " + chunkJSON("a") + "\n\n", "data: {not json}\n\n", "data: [DONE]\n\n"},
			want:   []string{"a"},
			wantErr: func(err error) bool {
				return err != nil && strings.Contains(err.Error(), "{not json}") && strings.Contains(err.Error(), "not a valid chunk")
			},
		},
		{
			name:   "16 MiB chunk",
			events: []string{"data: " + chunkJSON(big) + "\n\n", "data: [DONE]\n\n"},
			want:   []string{big},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("POST /chat/completions", func(w http.ResponseWriter, r *http.Request) {
				testJSONBody(t, r, `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"stream":true}`)
				testHeader(t, r, "Accept", "text/event-stream")
				sseHandler(tt.events...)(w, r)
			})
			s, err := c.Chat.Completions.Stream(t.Context(), chatReq())
			if err != nil {
				t.Fatalf("Stream: %v", err)
			}
			got := collect(s)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d chunks, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("chunk %d = %.40q, want %.40q", i, got[i], tt.want[i])
				}
			}
			if tt.wantErr == nil && s.Err() != nil {
				t.Errorf("Err = %v, want nil", s.Err())
			}
			if tt.wantErr != nil && !tt.wantErr(s.Err()) {
				t.Errorf("Err = %v: not the expected error", s.Err())
			}
			if s.Next() {
				t.Error("Next after the end returned true")
			}
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
	}
}

func TestChatCompletionsService_StreamErrorStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, contentType, body string
		status                  int
		wantMsg                 string
		is                      error
	}{
		{"json 401", "application/json", `{"error":{"message":"Authentication Error, No api key passed in.","type":"auth_error","param":"None","code":"401"}}`, 401, "No api key", ErrUnauthorized},
		{"sse 400", "text/event-stream", `data: {"error": {"message": "guardrail said no", "type": "bad_request_error", "code": "400"}}` + "\n\n", 400, "guardrail said no", ErrBadRequest},
		{"html 502", "text/html", "<html><body>Bad Gateway</body></html>", 502, "Bad Gateway", ErrServer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("POST /chat/completions", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			})
			s, err := c.Chat.Completions.Stream(t.Context(), chatReq())
			if s != nil || err == nil {
				t.Fatalf("Stream = %v, %v; want an error", s, err)
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status {
				t.Fatalf("err = %v, want *APIError with status %d", err, tt.status)
			}
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("err = %v, want Is(%v) and message containing %q", err, tt.is, tt.wantMsg)
			}
		})
	}
}

func TestChatCompletionsService_StreamCancel(t *testing.T) {
	leakCheck(t)
	c, mux, _ := setup(t)
	release := make(chan struct{})
	mux.HandleFunc("POST /chat/completions", func(w http.ResponseWriter, r *http.Request) {
		sseHandler("data: "+chunkJSON("a")+"\n\n")(w, r)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	ctx, cancel := context.WithCancel(t.Context())
	s, err := c.Chat.Completions.Stream(ctx, chatReq())
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	if !s.Next() {
		t.Fatalf("first Next: %v", s.Err())
	}
	start := time.Now()
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	if s.Next() {
		t.Fatal("Next returned true after cancel")
	}
	if !errors.Is(s.Err(), context.Canceled) {
		t.Errorf("Err = %v, want context.Canceled", s.Err())
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancel took %v", d)
	}
}

func TestChatCompletionsService_StreamIdleTimeout(t *testing.T) {
	leakCheck(t)
	c, mux, _ := setup(t)
	release := make(chan struct{})
	mux.HandleFunc("POST /chat/completions", func(w http.ResponseWriter, r *http.Request) {
		sseHandler("data: "+chunkJSON("a")+"\n\n")(w, r)
		select { // stall
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	s, err := c.Chat.Completions.Stream(t.Context(), chatReq(), WithStreamIdleTimeout(100*time.Millisecond))
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	got := collect(s)
	if len(got) != 1 || !errors.Is(s.Err(), ErrStreamIdle) {
		t.Errorf("chunks %v, Err = %v; want 1 chunk and ErrStreamIdle", got, s.Err())
	}
}

func TestChatCompletionsService_StreamIdleCountsDataEvents(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		beforeEnd int  // keepalives before the last chunk, every 50 ms
		wantIdle  bool // against an idle timeout of 300 ms
	}{
		// 2 s of comments and nothing else: a stream that never ends
		// unless comments do not count as activity.
		{name: "only keepalives", beforeEnd: 40, wantIdle: true},
		{name: "keepalives then data within the timeout", beforeEnd: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("POST /chat/completions", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/event-stream")
				_, _ = io.WriteString(w, "data: "+chunkJSON("first")+"\n\n")
				w.(http.Flusher).Flush()
				for i := 0; i < tt.beforeEnd; i++ {
					_, _ = io.WriteString(w, ": ping\n\n")
					w.(http.Flusher).Flush()
					select {
					case <-time.After(50 * time.Millisecond):
					case <-r.Context().Done():
						return
					}
				}
				_, _ = io.WriteString(w, "data: "+chunkJSON("late")+"\n\ndata: [DONE]\n\n")
			})
			start := time.Now()
			s, err := c.Chat.Completions.Stream(t.Context(), chatReq(), WithStreamIdleTimeout(300*time.Millisecond))
			if err != nil {
				t.Fatalf("Stream: %v", err)
			}
			got := collect(s)
			if tt.wantIdle {
				if len(got) != 1 || !errors.Is(s.Err(), ErrStreamIdle) {
					t.Errorf("chunks %v, Err = %v; want 1 chunk and ErrStreamIdle: comments are not data", got, s.Err())
				}
				if d := time.Since(start); d > 1500*time.Millisecond {
					t.Errorf("the idle timeout fired after %v, want about 300ms", d)
				}
				return
			}
			if len(got) != 2 || s.Err() != nil {
				t.Errorf("chunks %v, Err = %v; want both chunks", got, s.Err())
			}
		})
	}
}

// TestChatCompletionsService_StreamIdleIgnoresCallerTime: the idle timeout
// measures the server, not the caller: a consumer slower than the timeout
// between calls to Next still gets every chunk.
func TestChatCompletionsService_StreamIdleIgnoresCallerTime(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("POST /chat/completions", sseHandler(
		"data: "+chunkJSON("a")+"\n\n", "data: "+chunkJSON("b")+"\n\n", "data: [DONE]\n\n"))
	s, err := c.Chat.Completions.Stream(t.Context(), chatReq(), WithStreamIdleTimeout(50*time.Millisecond))
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	var got []string
	for s.Next() {
		got = append(got, s.Current().Choices[0].Delta.Content)
		time.Sleep(150 * time.Millisecond)
	}
	if len(got) != 2 || s.Err() != nil {
		t.Errorf("chunks %v, Err = %v; want both chunks", got, s.Err())
	}
}

// TestChatCompletionsService_StreamHeaderTimeout: a stream whose headers
// never come fails after the header timeout (default 60 s, not 10 min).
func TestChatCompletionsService_StreamHeaderTimeout(t *testing.T) {
	t.Parallel()
	if DefaultStreamHeaderTimeout > time.Minute {
		t.Errorf("DefaultStreamHeaderTimeout = %v, want at most a minute", DefaultStreamHeaderTimeout)
	}
	c, mux, _ := setup(t, WithMaxRetries(2), WithRetryBackoff(time.Millisecond, time.Millisecond))
	var hits atomic.Int32
	mux.HandleFunc("POST /chat/completions", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = io.Copy(io.Discard, r.Body) // so that the server notices the client leave
		<-r.Context().Done()               // the server is still working when the client gives up
	})
	start := time.Now()
	_, err := c.Chat.Completions.Stream(t.Context(), chatReq(), WithStreamHeaderTimeout(100*time.Millisecond))
	var terr *TransportError
	if !errors.As(err, &terr) || !terr.IsTimeout() || terr.Timeout != 100*time.Millisecond || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a *TransportError timing out after 100ms", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("server hits = %d, want 1: a POST that timed out may be in progress and is not resent", n)
	}
}

// TestChatCompletionsService_StreamHeaderTimeoutEndsAtHeaders: once the
// headers are in, the header timeout no longer applies.
func TestChatCompletionsService_StreamHeaderTimeoutEndsAtHeaders(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("POST /chat/completions", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		time.Sleep(300 * time.Millisecond)
		_, _ = io.WriteString(w, "data: "+chunkJSON("slow")+"\n\ndata: [DONE]\n\n")
	})
	s, err := c.Chat.Completions.Stream(t.Context(), chatReq(), WithStreamHeaderTimeout(100*time.Millisecond))
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	if got := collect(s); len(got) != 1 || s.Err() != nil {
		t.Errorf("chunks %v, Err = %v; want the slow chunk", got, s.Err())
	}
}

func TestChatCompletionsService_StreamCloseConcurrent(t *testing.T) {
	leakCheck(t)
	c, mux, _ := setup(t)
	mux.HandleFunc("POST /chat/completions", func(w http.ResponseWriter, r *http.Request) {
		sseHandler("data: "+chunkJSON("a")+"\n\n")(w, r)
		<-r.Context().Done()
	})
	s, err := c.Chat.Completions.Stream(t.Context(), chatReq())
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for s.Next() {
		}
	}()
	time.Sleep(20 * time.Millisecond)
	_ = s.Close()
	_ = s.Close()
	wg.Wait()
	if s.Err() != nil {
		t.Errorf("Err after Close = %v, want nil", s.Err())
	}
}

func TestChatCompletionsService_StreamAll(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("POST /chat/completions", sseHandler(
		"data: "+chunkJSON("a")+"\n\n", "data: "+chunkJSON("b")+"\n\n", "data: "+chunkJSON("c")+"\n\n", "data: [DONE]\n\n"))
	s, err := c.Chat.Completions.Stream(t.Context(), chatReq())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for chunk, err := range s.All() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, chunk.Choices[0].Delta.Content)
		if len(got) == 2 {
			break
		}
	}
	if strings.Join(got, "") != "ab" || s.Next() {
		t.Errorf("got %v; breaking out of All must close the stream", got)
	}
}

func TestChatCompletionsService_StreamReturnRequest(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { t.Error("request was sent") })
	var req *http.Request
	s, err := c.Chat.Completions.Stream(t.Context(), chatReq(), ReturnRequest(&req))
	if s != nil || err != nil {
		t.Fatalf("Stream = %v, %v; want nil, nil", s, err)
	}
	if req == nil || req.Method != http.MethodPost || !strings.HasSuffix(req.URL.Path, "/prefix/chat/completions") {
		t.Fatalf("request = %+v", req)
	}
	if got := req.Header.Get("Authorization"); got != "Bearer "+testKey {
		t.Errorf("Authorization = %q", got)
	}
	body, _ := io.ReadAll(req.Body)
	if !strings.Contains(string(body), `"stream":true`) {
		t.Errorf("body %s lacks stream:true", body)
	}
}

// TestStreamDecoderReuse checks that what a stream delivered stays intact
// after its decoder goes back to the pool and serves another stream.
func TestStreamDecoderReuse(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("POST /chat/completions", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Messages []struct{ Content string } `json:"messages"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		word := body.Messages[0].Content
		sseHandler("data: "+chunkJSON(word+"-1")+"\n\n", "data: "+chunkJSON(word+"-2")+"\n\n", "data: [DONE]\n\n")(w, r)
	})
	run := func(word string) []ChatCompletionChunk {
		s, err := c.Chat.Completions.Stream(t.Context(), &ChatCompletionRequest{Model: "m", Messages: []ChatMessage{UserMessage(word)}})
		if err != nil {
			t.Fatal(err)
		}
		var got []ChatCompletionChunk
		for s.Next() {
			got = append(got, s.Current())
		}
		if s.Err() != nil || s.CurrentJSON() != nil {
			t.Fatalf("Err = %v, CurrentJSON after the end = %q", s.Err(), s.CurrentJSON())
		}
		return got
	}
	first := run("alpha")
	for i := 0; i < 5; i++ {
		run(fmt.Sprintf("beta%d", i))
	}
	if len(first) != 2 || first[0].Choices[0].Delta.Content != "alpha-1" || first[1].Choices[0].Delta.Content != "alpha-2" || first[1].ID != "chatcmpl-1" {
		t.Errorf("first stream's chunks changed after reuse: %+v", first)
	}
}
