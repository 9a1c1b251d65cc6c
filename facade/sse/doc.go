// Package sse decodes a server-sent events (SSE) stream, the framing used by
// the LiteLLM proxy (and the OpenAI-compatible APIs it fronts) for streamed
// chat completions.
//
// A [Decoder] is used like a [bufio.Scanner]:
//
//	d := sse.NewDecoder(resp.Body)
//	for d.Next() {
//		ev := d.Event()
//		// ev.Data is only valid until the next call to d.Next.
//	}
//	if err := d.Err(); err != nil {
//		// a read error, ErrEventTooLarge or ErrIncompleteEvent
//	}
//
// # Parsing rules
//
// The decoder follows the "Parsing an event stream" and "Interpreting an
// event stream" sections of the WHATWG HTML standard
// (https://html.spec.whatwg.org/multipage/server-sent-events.html):
//
//   - A single UTF-8 byte order mark at the very start of the stream is
//     skipped. Bytes are otherwise passed through unchanged; they are not
//     validated or converted as UTF-8.
//   - Lines end with LF, CRLF or a lone CR. A CRLF pair is one line ending
//     even when the CR and the LF arrive in different reads.
//   - A line starting with ':' is a comment (for example the ": ping"
//     keep-alives LiteLLM sends) and is ignored.
//   - Otherwise the line is split at its first ':' into a field name and a
//     value, and exactly one space following the colon, if present, is
//     removed from the value. A line without a colon is a field name with an
//     empty value.
//   - "data" appends the value plus a LF to the event's data; the final LF is
//     removed when the event is dispatched, so several data lines are joined
//     with "\n".
//   - "event" sets the event type, which is reset after every blank line.
//     An empty type means "message".
//   - "id" sets the last event ID unless the value contains a NUL byte. The
//     last event ID is not reset by a blank line: it is reported with every
//     following event until it is changed.
//   - "retry" sets the reconnection time in milliseconds if the value is one
//     or more ASCII digits (values too large for a [time.Duration] are
//     ignored too). Any other value is ignored.
//   - Any other field is ignored.
//   - A blank line dispatches the event, unless the data buffer is empty:
//     a block that contains no "data" line (for example only "event:" or
//     "id:" lines) is not dispatched. A block with a "data" line with an empty
//     value is dispatched, with empty Data.
//   - At the end of the stream an incomplete event (one not terminated by a
//     blank line) is discarded, as the standard requires. Unlike a browser,
//     the decoder reports it: [Decoder.Err] returns [ErrIncompleteEvent]
//     (which matches [io.ErrUnexpectedEOF] with [errors.Is]) when the stream
//     ends in the middle of a line, or after a field line that was not
//     followed by a blank line. Comment lines alone do not count, so a
//     stream ending with ": ping\n" ends cleanly.
//
// # Limits
//
// There is no line length limit as such: a single data line of any size up
// to the maximum event size decodes. The maximum event size
// ([DefaultMaxEventSize], 32 MiB, unless changed with [WithMaxEventSize])
// bounds the length of an event's Data and the length of every other line
// (comments, "event", "id", "retry" and unknown fields). Exceeding it stops
// decoding with an error matching [ErrEventTooLarge]. The limit is checked
// when a line is complete, and also while a line longer than the 4 KiB read
// buffer is being read; so a stream ending in the middle of a line that is
// over the limit but shorter than the buffer reports [ErrIncompleteEvent]
// instead. The decoder allocates
// at most about the limit for such a stream: an endless line cannot exhaust
// memory.
//
// # Allocations
//
// The decoder reads through a 4 KiB buffer and reuses its buffers between
// events: [Event.Data] aliases an internal buffer that is overwritten by the
// next call to [Decoder.Next]. Event type and ID strings are only allocated
// when they change, so decoding a steady stream of events does not allocate.
// Buffers grown past 1 MiB by a large event are released once the event has
// been consumed.
//
// A Decoder is not safe for concurrent use.
package sse
