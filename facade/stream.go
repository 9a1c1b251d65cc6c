package facade

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"mime"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/litellm-go/proxyclient/facade/sse"
	"github.com/litellm-go/proxyclient/gen"
)

// ErrStreamIdle is matched by the error of a stream that received no data
// event for longer than its idle timeout ([WithStreamIdleTimeout]);
// keepalive comments do not count.
var ErrStreamIdle = errors.New("stream idle timeout")

// ErrStreamTruncated is matched by the error of a stream that ended without
// "data: [DONE]" and without an error event: the connection was cut. It
// wraps io.ErrUnexpectedEOF.
var ErrStreamTruncated = fmt.Errorf("stream ended without [DONE]: %w", io.ErrUnexpectedEOF)

var doneMarker = []byte("[DONE]")

// Stream is a stream of server-sent events decoded into T. Use it like
// bufio.Scanner:
//
//	for s.Next() {
//		chunk := s.Current()
//	}
//	if err := s.Err(); err != nil { ... }
//
// The stream closes its connection itself at [DONE], at the end of the body
// and on any error; Close is only needed to stop early, and is safe to call
// twice and from another goroutine.
type Stream[T any] struct {
	resp   *http.Response
	body   io.ReadCloser
	dec    *sse.Decoder
	cancel context.CancelFunc
	ctx    context.Context
	method string
	path   string

	idle      time.Duration
	idleTimer *time.Timer
	idleFired atomic.Bool
	closed    atomic.Bool
	closeOnce sync.Once
	onEnd     func() // releases the call's resources (timeout context)

	cur    T
	chunks *chunkDecoder // decodes T when it is ChatCompletionChunk
	pooled bool          // dec came from decoderPool
	raw    []byte
	err    error
	done   bool
}

// Next advances to the next event, decoding it into the value Current
// returns. It returns false at the end of the stream or on error; then Err
// says which.
func (s *Stream[T]) Next() bool {
	if s.done {
		return false
	}
	if s.closed.Load() {
		s.finish(nil)
		return false
	}
	// The idle timeout runs while Next waits for a data event: comments
	// (keepalives) do not stop it, and the caller's time between calls to
	// Next does not count.
	if s.idleTimer != nil {
		s.idleTimer.Reset(s.idle)
	}
	ok := s.dec.Next()
	if s.idleTimer != nil {
		s.idleTimer.Stop()
	}
	if !ok {
		s.finish(s.readError(s.dec.Err()))
		return false
	}
	data := s.dec.Event().Data
	if (len(data) == 0 || data[0] != '{') && bytes.Equal(bytes.TrimSpace(data), doneMarker) {
		s.finish(nil)
		return false
	}
	if c, ok := any(&s.cur).(*ChatCompletionChunk); ok {
		// The fast path. A chunk without an "error" member is not an
		// error event (parseStreamErrorEvent needs one); anything the
		// fast decoder refuses takes the general path below.
		if s.chunks == nil {
			s.chunks = new(chunkDecoder)
		}
		var chunk ChatCompletionChunk
		if s.chunks.decode(data, &chunk) && !s.chunks.errorKey {
			*c = chunk
			s.raw = data
			return true
		}
	}
	if bytes.Contains(data, []byte(`"error"`)) {
		if apiErr, ok := parseStreamErrorEvent(data); ok {
			// StatusCode stays the event's code (500 when it has none):
			// the response's 200 is in Header's response, not the error's.
			apiErr.MidStream = true
			apiErr.fillFromResponse(s.resp, s.method, s.path)
			s.finish(apiErr)
			return false
		}
	}
	var zero T
	s.cur = zero
	if err := json.Unmarshal(data, &s.cur); err != nil {
		s.finish(fmt.Errorf("%s %s: event %q is not a valid chunk: %w", s.method, s.path, bodyExcerpt(data, 80), err))
		return false
	}
	s.raw = data
	return true
}

// readError explains why the decoder stopped: the caller's context, the idle
// timeout, Close, a cut connection or a decoding limit.
func (s *Stream[T]) readError(err error) error {
	switch {
	case s.closed.Load():
		return nil
	case s.ctx.Err() != nil && !s.idleFired.Load():
		return s.ctx.Err()
	case s.idleFired.Load():
		return fmt.Errorf("%s %s: %w: no data event for %v", s.method, s.path, ErrStreamIdle, s.idle)
	case err == nil:
		return fmt.Errorf("%s %s: %w", s.method, s.path, ErrStreamTruncated)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s %s: %w (%s)", s.method, s.path, ErrStreamTruncated, Redact(err.Error()))
	case errors.Is(err, sse.ErrEventTooLarge):
		return fmt.Errorf("%s %s: %w", s.method, s.path, err)
	default:
		return fmt.Errorf("%s %s: stream interrupted: %w", s.method, s.path, &redactedError{err})
	}
}

// Current returns the event decoded by the last call to Next.
func (s *Stream[T]) Current() T { return s.cur }

// CurrentJSON returns the raw JSON of the current event. It is valid only
// until the next call to Next.
func (s *Stream[T]) CurrentJSON() json.RawMessage { return s.raw }

// Err returns the error that ended the stream, or nil when it ended with
// [DONE] or was closed by Close. A stream cut short matches
// io.ErrUnexpectedEOF; an error event is an *APIError; a cancelled context
// is the context's error.
func (s *Stream[T]) Err() error { return s.err }

// Response returns the HTTP response of the stream, for its headers.
func (s *Stream[T]) Response() *http.Response { return s.resp }

// All returns an iterator over the remaining events. A final error, if any,
// is yielded with a zero value; breaking out of the loop closes the stream.
func (s *Stream[T]) All() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for s.Next() {
			if !yield(s.cur, nil) {
				_ = s.Close()
				return
			}
		}
		if s.err != nil {
			var zero T
			yield(zero, s.err)
		}
	}
}

// Close stops the stream and releases its connection. It is safe to call
// more than once and concurrently with Next.
func (s *Stream[T]) Close() error {
	s.closed.Store(true)
	s.release()
	return nil
}

func (s *Stream[T]) finish(err error) {
	if s.done {
		return
	}
	s.done = true
	if err != nil && s.err == nil {
		s.err = err
	}
	s.release()
	// finish runs on the goroutine of Next, never in Close, so nothing else
	// uses the decoder now: give its read buffer to the next stream.
	// Decoded values hold no reference to it; raw did.
	if s.pooled && s.dec != nil {
		s.raw = nil
		s.dec.Reset(nil)
		decoderPool.Put(s.dec)
		s.dec = nil
	}
}

// decoderPool keeps SSE decoders (and their read buffers) between streams.
var decoderPool = sync.Pool{New: func() any { return sse.NewDecoder(nil) }}

func (s *Stream[T]) release() {
	s.closeOnce.Do(func() {
		if s.idleTimer != nil {
			s.idleTimer.Stop()
		}
		s.cancel()
		_ = s.body.Close()
		if s.onEnd != nil {
			s.onEnd()
		}
	})
}

// redactedError hides secrets in the message of a transport error while
// keeping it reachable with errors.Is and errors.As.
type redactedError struct{ err error }

func (e *redactedError) Error() string { return Redact(e.err.Error()) }
func (e *redactedError) Unwrap() error { return e.err }

// openStream sends r and returns a Stream over its event-stream body. With
// ReturnRequest it returns errRequestReturned (see result).
func openStream[T any](ctx context.Context, c *Client, r *request, opts []Option) (*Stream[T], error) {
	st, err := c.settingsFor(opts)
	if err != nil {
		return nil, err
	}
	if ctx == nil {
		return nil, fmt.Errorf("%s %s: nil context", r.method, r.path)
	}
	sctx, cancel := context.WithCancel(ctx)
	resp, end, err := c.send(sctx, r, &st)
	if err != nil {
		cancel()
		return nil, err
	}
	if st.responseInto != nil {
		*st.responseInto = resp
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "" && mt != "text/event-stream" {
		defer cancel()
		defer end()
		defer resp.Body.Close()
		body, rerr := readLimited(resp.Body, MaxErrorBodySize)
		if rerr != nil {
			return nil, fmt.Errorf("%s %s: read response: %w", r.method, r.path, rerr)
		}
		if apiErr, ok := errorFromSuccessBody(body); ok {
			apiErr.fillFromResponse(resp, r.method, r.path)
			return nil, apiErr
		}
		if apiErr, ok := parseStreamErrorEvent(body); ok {
			apiErr.fillFromResponse(resp, r.method, r.path)
			return nil, apiErr
		}
		return nil, &DecodeError{Method: r.method, Path: r.path, Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
			Body: body, Err: errors.New("expected text/event-stream")}
	}
	idle := st.streamIdleTimeout
	if idle == 0 {
		idle = DefaultStreamIdleTimeout
	}
	out := &Stream[T]{resp: resp, body: resp.Body, cancel: cancel, ctx: sctx, method: r.method, path: r.path, idle: idle, onEnd: end}
	out.idleTimer = time.AfterFunc(idle, func() {
		out.idleFired.Store(true)
		cancel()
	})
	out.idleTimer.Stop() // Next starts it
	out.dec = decoderPool.Get().(*sse.Decoder)
	out.dec.Reset(resp.Body)
	out.pooled = true
	return out, nil
}

// ChatCompletionStream is a stream of chat completion chunks.
type ChatCompletionStream = Stream[ChatCompletionChunk]

// Stream sends a chat completion request with stream=true and returns the
// stream of chunks. Connection errors and error statuses (including a 4xx
// whose body is an SSE error event) are returned here; an error event in the
// middle of the stream ends it with an *APIError from Err, whose StatusCode
// is the event's code and whose MidStream is true. A stream has no total
// deadline: its headers must come within [WithStreamHeaderTimeout] (60 s),
// then each data event within [WithStreamIdleTimeout] (5 min) of Next
// asking for it; the caller's context ends it too.
//
// Endpoint: POST /chat/completions with stream=true (Python: client.chat.completions_stream).
func (s *ChatCompletionsService) Stream(ctx context.Context, req *ChatCompletionRequest, opts ...Option) (*ChatCompletionStream, error) {
	if err := checkChatRequest(req); err != nil {
		return nil, err
	}
	const method, path = http.MethodPost, "/chat/completions"
	body := *req
	body.Stream = true
	enc, err := jsonBody(method, path, &body)
	if err != nil {
		return nil, err
	}
	r := newRequest(method, path).ofKind(kindStream).
		with(gen.NewChatCompletionRequestWithBody(s.client.server, jsonContentType, enc))
	return result(openStream[ChatCompletionChunk](ctx, s.client, r, opts))
}
