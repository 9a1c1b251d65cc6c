package sse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"time"
)

// DefaultMaxEventSize is the maximum event size used when none is given with
// [WithMaxEventSize]: 32 MiB.
const DefaultMaxEventSize = 32 << 20

const (
	// defaultBufferSize is the size of the read buffer. Lines shorter than
	// this are parsed in place; longer ones are accumulated. Chat chunks are
	// a few hundred bytes; the buffer is held for as long as the stream is
	// open, so it is what 1,000 open streams cost (bench/NOTES.md, Scale).
	defaultBufferSize = 4 << 10
	// minBufferSize must hold the longest known field name, a colon and a
	// space after a byte order mark, see startLong.
	minBufferSize = 16
	// retainSize is the capacity above which the data and value buffers are
	// dropped after use instead of being kept for the next event.
	retainSize = 1 << 20
	// maxEmptyReads bounds the number of consecutive (0, nil) reads
	// tolerated from the underlying reader, as bufio does.
	maxEmptyReads = 100
)

// ErrEventTooLarge is matched (with [errors.Is]) by the error returned from
// [Decoder.Err] when an event's data, or a single line, exceeds the maximum
// event size. The error message states the limit.
var ErrEventTooLarge = errors.New("sse: event too large")

// ErrIncompleteEvent is returned by [Decoder.Err] when the stream ends (the
// reader returns [io.EOF]) in the middle of an event: after a partial line,
// or after field lines that were not terminated by a blank line. The
// incomplete event is not dispatched. ErrIncompleteEvent wraps
// [io.ErrUnexpectedEOF], so a truncated stream can be detected with
// errors.Is(err, io.ErrUnexpectedEOF) whether the truncation was noticed by
// the decoder or by the underlying reader.
var ErrIncompleteEvent = fmt.Errorf("sse: stream ended in the middle of an event: %w", io.ErrUnexpectedEOF)

var errInvalidRead = errors.New("sse: reader returned an invalid byte count")

var bom = []byte("\xEF\xBB\xBF")

// Event is a dispatched server-sent event.
type Event struct {
	// Type is the value of the event's "event" field. Empty means
	// "message", the default type.
	Type string
	// ID is the last event ID: the value of the most recent "id" field in
	// the stream, which need not be in this event. Empty if none was seen
	// (or an "id" field reset it).
	ID string
	// Data is the event's data: the values of its "data" fields joined with
	// "\n". It aliases a buffer of the Decoder and is only valid until the
	// next call to [Decoder.Next] or [Decoder.Reset]; copy it to keep it.
	Data []byte
	// Retry is the reconnection time set by a valid "retry" field in this
	// event, if HasRetry is true. See also [Decoder.Retry].
	Retry time.Duration
	// HasRetry reports whether this event contained a valid "retry" field.
	HasRetry bool
}

// Option configures a [Decoder].
type Option func(*Decoder)

// WithMaxEventSize sets the maximum size, in bytes, of an event's data and of
// any single line. A value <= 0 selects [DefaultMaxEventSize].
func WithMaxEventSize(n int) Option {
	return func(d *Decoder) {
		if n <= 0 {
			n = DefaultMaxEventSize
		}
		d.max = n
	}
}

// withBufferSize sets the read buffer size; used by tests to exercise the
// long line code path.
func withBufferSize(n int) Option {
	return func(d *Decoder) {
		d.buf = make([]byte, max(n, minBufferSize))
	}
}

type fieldKind uint8

const (
	fieldIgnore fieldKind = iota // comment or unknown field
	fieldData
	fieldEvent
	fieldID
	fieldRetry
)

// Decoder reads server-sent events from an [io.Reader]. Call [Decoder.Next]
// to advance to the next event, [Decoder.Event] to get it and, once Next
// returns false, [Decoder.Err] to learn why decoding stopped.
type Decoder struct {
	rd   io.Reader
	buf  []byte // read buffer; buf[r:w] is unconsumed
	r, w int
	scan int   // buf[r:scan] is known to contain no line ending
	rerr error // sticky error from rd, including io.EOF
	max  int

	started bool // the first line (and a possible BOM) has been seen
	skipLF  bool // the previous line ended with CR: skip a leading LF
	pending bool // a field line was seen since the last blank line

	// A line that does not fit in buf is consumed in chunks.
	inLong   bool
	longKind fieldKind
	longLen  int // bytes of the long line consumed, for non-data lines

	data     []byte // data buffer: each data value followed by LF
	value    []byte // value of a long event/id/retry line
	typ      string // event type buffer
	id       string // last event ID buffer
	retry    time.Duration
	hasRetry bool

	streamRetry    time.Duration
	hasStreamRetry bool

	types    [4]string // recently seen event types, to avoid allocations
	typeNext int

	ev   Event
	err  error
	done bool
}

// NewDecoder returns a Decoder reading from r. The Decoder does its own
// buffering; r need not be buffered.
func NewDecoder(r io.Reader, opts ...Option) *Decoder {
	d := &Decoder{rd: r, max: DefaultMaxEventSize}
	for _, opt := range opts {
		opt(d)
	}
	if d.buf == nil {
		d.buf = make([]byte, defaultBufferSize)
	}
	return d
}

// Reset discards the Decoder's state and makes it read a new stream from r,
// keeping its options and reusing its buffers.
func (d *Decoder) Reset(r io.Reader) {
	data, value := d.data[:0], d.value[:0]
	if cap(data) > retainSize {
		data = nil
	}
	if cap(value) > retainSize {
		value = nil
	}
	*d = Decoder{
		rd:       r,
		buf:      d.buf,
		max:      d.max,
		data:     data,
		value:    value,
		types:    d.types,
		typeNext: d.typeNext,
	}
}

// Event returns the event found by the last call to [Decoder.Next] that
// returned true. Its Data is only valid until the next call to Next.
func (d *Decoder) Event() Event { return d.ev }

// Err returns the reason [Decoder.Next] returned false. It is nil if the
// stream ended cleanly (io.EOF after a complete event or a comment);
// [ErrIncompleteEvent] if it ended in the middle of an event; an error
// matching [ErrEventTooLarge] if the maximum event size was exceeded;
// otherwise the error returned by the underlying reader, unchanged.
func (d *Decoder) Err() error { return d.err }

// LastEventID returns the stream's last event ID, as set by the most recent
// valid "id" field read so far, including one in a block that was not
// dispatched. A client reconnecting sends it as Last-Event-ID.
func (d *Decoder) LastEventID() string { return d.id }

// Retry returns the stream's reconnection time: the value of the most recent
// valid "retry" field read so far, including one in a block that was not
// dispatched (servers often send "retry:" alone). ok is false if there was
// none.
func (d *Decoder) Retry() (retry time.Duration, ok bool) {
	return d.streamRetry, d.hasStreamRetry
}

// Next advances to the next event, which is then available from
// [Decoder.Event]. It returns false when the stream ends or an error occurs;
// [Decoder.Err] then tells which. Once Next has returned false it keeps doing
// so.
func (d *Decoder) Next() bool {
	if d.done {
		return false
	}
	if cap(d.data) > retainSize {
		d.data = nil // release the buffer of a huge previous event
	}
	for {
		if d.r < d.w {
			if d.skipLF {
				d.skipLF = false
				if d.buf[d.r] == '\n' {
					d.r++
					continue
				}
			}
			start := max(d.r, d.scan)
			if i := indexEOL(d.buf[start:d.w]); i >= 0 {
				end := start + i
				line := d.buf[d.r:end]
				d.r = end + 1
				if d.buf[end] == '\r' {
					if d.r < d.w {
						if d.buf[d.r] == '\n' {
							d.r++
						}
					} else {
						d.skipLF = true // the LF may come with the next read
					}
				}
				if d.inLong {
					if !d.endLong(line) {
						return false
					}
					continue
				}
				if !d.started {
					d.started = true
					line = bytes.TrimPrefix(line, bom)
				}
				if len(line) == 0 {
					if d.dispatch() {
						return true
					}
					continue
				}
				if !d.processLine(line) {
					return false
				}
				continue
			}
			d.scan = d.w
			// No line ending in the buffered data.
			if d.inLong {
				if !d.continueLong(d.buf[d.r:d.w]) {
					return false
				}
				d.r, d.w, d.scan = 0, 0, 0
			} else if d.r == 0 && d.w == len(d.buf) {
				if !d.startLong(d.buf) {
					return false
				}
				d.r, d.w, d.scan = 0, 0, 0
			}
		}
		if d.rerr != nil {
			return d.finish()
		}
		d.fill()
	}
}

// indexEOL returns the index of the first CR or LF in p, or -1.
func indexEOL(p []byte) int {
	i := bytes.IndexByte(p, '\n')
	if i < 0 {
		return bytes.IndexByte(p, '\r')
	}
	if j := bytes.IndexByte(p[:i], '\r'); j >= 0 {
		return j
	}
	return i
}

// fill reads more data into the buffer, which must not be full after moving
// the unconsumed bytes to its start.
func (d *Decoder) fill() {
	if d.r > 0 {
		d.w = copy(d.buf, d.buf[d.r:d.w])
		d.scan = max(d.scan-d.r, 0)
		d.r = 0
	}
	for range maxEmptyReads {
		n, err := d.rd.Read(d.buf[d.w:])
		if n < 0 || n > len(d.buf)-d.w {
			d.rerr = errInvalidRead
			return
		}
		d.w += n
		if err != nil {
			d.rerr = err
			return
		}
		if n > 0 {
			return
		}
	}
	d.rerr = io.ErrNoProgress
}

// finish ends decoding after the reader returned an error and all buffered
// data has been processed.
func (d *Decoder) finish() bool {
	d.done = true
	d.ev = Event{}
	if d.rerr != io.EOF {
		d.err = d.rerr
		return false
	}
	partial := d.inLong || d.r < d.w
	if partial && !d.started && !d.inLong && bytes.Equal(d.buf[d.r:d.w], bom) {
		partial = false // the stream is only a byte order mark
	}
	if partial || d.pending {
		d.err = ErrIncompleteEvent
	}
	return false
}

// fail stops decoding with err and returns false.
func (d *Decoder) fail(err error) bool {
	d.done = true
	d.err = err
	d.ev = Event{}
	return false
}

func (d *Decoder) lineTooLarge() bool {
	return d.fail(fmt.Errorf("%w: line longer than the %d-byte limit", ErrEventTooLarge, d.max))
}

func (d *Decoder) dataTooLarge() bool {
	return d.fail(fmt.Errorf("%w: data longer than the %d-byte limit", ErrEventTooLarge, d.max))
}

// dispatch handles a blank line. It reports whether an event was dispatched.
func (d *Decoder) dispatch() bool {
	typ, retry, hasRetry := d.typ, d.retry, d.hasRetry
	d.pending, d.typ, d.retry, d.hasRetry = false, "", 0, false
	if len(d.data) == 0 {
		return false
	}
	n := len(d.data) - 1 // without the final LF
	d.ev = Event{
		Type:     typ,
		ID:       d.id,
		Data:     d.data[:n:n],
		Retry:    retry,
		HasRetry: hasRetry,
	}
	d.data = d.data[:0]
	return true
}

func kindOf(name []byte) fieldKind {
	switch string(name) {
	case "data":
		return fieldData
	case "event":
		return fieldEvent
	case "id":
		return fieldID
	case "retry":
		return fieldRetry
	}
	return fieldIgnore
}

// splitField splits a non-comment line into its field name and value.
func splitField(line []byte) (name, value []byte) {
	i := bytes.IndexByte(line, ':')
	if i < 0 {
		return line, nil
	}
	name, value = line[:i], line[i+1:]
	if len(value) > 0 && value[0] == ' ' {
		value = value[1:]
	}
	return name, value
}

// processLine handles a complete, non-blank line.
func (d *Decoder) processLine(line []byte) bool {
	if line[0] == ':' { // comment
		if len(line) > d.max {
			return d.lineTooLarge()
		}
		return true
	}
	d.pending = true
	name, value := splitField(line)
	kind := kindOf(name)
	if kind == fieldData {
		if !d.appendData(value) {
			return false
		}
		d.data = append(d.data, '\n') // appendData reserved room for it
		return true
	}
	if len(line) > d.max {
		return d.lineTooLarge()
	}
	d.setField(kind, value)
	return true
}

// appendData appends v to the data buffer, reserving room for a LF, or fails
// if the event's data would exceed the limit.
func (d *Decoder) appendData(v []byte) bool {
	n := len(d.data) + len(v)
	if n > d.max {
		return d.dataTooLarge()
	}
	if n >= cap(d.data) {
		d.data = grow(d.data, n+1, d.max+1)
	}
	d.data = append(d.data, v...)
	return true
}

// grow returns b with a capacity of at least n, growing geometrically but
// never beyond limit (n <= limit).
func grow(b []byte, n, limit int) []byte {
	c := min(max(2*cap(b), n, 512), limit)
	nb := make([]byte, len(b), c)
	copy(nb, b)
	return nb
}

// setField applies a complete event, id or retry field.
func (d *Decoder) setField(kind fieldKind, value []byte) {
	switch kind {
	case fieldEvent:
		d.typ = d.intern(value)
	case fieldID:
		if bytes.IndexByte(value, 0) < 0 && string(value) != d.id {
			d.id = string(value)
		}
	case fieldRetry:
		if r, ok := parseRetry(value); ok {
			d.retry, d.hasRetry = r, true
			d.streamRetry, d.hasStreamRetry = r, true
		}
	}
}

// intern returns b as a string, reusing a recently returned string with the
// same bytes to avoid allocating.
func (d *Decoder) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	for _, s := range d.types {
		if string(b) == s {
			return s
		}
	}
	s := string(b)
	d.types[d.typeNext] = s
	d.typeNext = (d.typeNext + 1) % len(d.types)
	return s
}

// parseRetry parses a retry value: one or more ASCII digits, a number of
// milliseconds that fits in a time.Duration.
func parseRetry(v []byte) (time.Duration, bool) {
	if len(v) == 0 {
		return 0, false
	}
	const maxMillis = math.MaxInt64 / int64(time.Millisecond)
	var ms int64
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		digit := int64(c - '0')
		if ms > (maxMillis-digit)/10 {
			return 0, false
		}
		ms = ms*10 + digit
	}
	return time.Duration(ms) * time.Millisecond, true
}

// startLong starts consuming a line longer than the read buffer; p is the
// full buffer, holding the start of the line and no line ending.
func (d *Decoder) startLong(p []byte) bool {
	if !d.started {
		d.started = true
		p = bytes.TrimPrefix(p, bom)
	}
	// len(p) >= minBufferSize-len(bom), longer than any known field name plus
	// ": ", so the field name and the optional space are in p: a colon-less p
	// is an unknown field.
	d.inLong = true
	d.longLen = len(p)
	d.longKind = fieldIgnore
	if p[0] == ':' { // comment
		if d.longLen > d.max {
			return d.lineTooLarge()
		}
		return true
	}
	d.pending = true
	name, value := splitField(p)
	d.longKind = kindOf(name)
	switch d.longKind {
	case fieldData:
		return d.appendData(value)
	case fieldIgnore:
		if d.longLen > d.max {
			return d.lineTooLarge()
		}
		return true
	}
	d.value = d.value[:0]
	return d.appendValue(value)
}

// continueLong consumes p, a chunk of a long line.
func (d *Decoder) continueLong(p []byte) bool {
	if d.longKind == fieldData {
		return d.appendData(p)
	}
	d.longLen += len(p)
	if d.longKind == fieldIgnore {
		if d.longLen > d.max {
			return d.lineTooLarge()
		}
		return true
	}
	return d.appendValue(p)
}

// appendValue appends p to the value of a long event, id or retry line.
func (d *Decoder) appendValue(p []byte) bool {
	if d.longLen > d.max {
		return d.lineTooLarge()
	}
	if n := len(d.value) + len(p); n > cap(d.value) {
		d.value = grow(d.value, n, d.max)
	}
	d.value = append(d.value, p...)
	return true
}

// endLong consumes p, the last chunk of a long line, and applies the line.
func (d *Decoder) endLong(p []byte) bool {
	if !d.continueLong(p) {
		return false
	}
	d.inLong = false
	switch d.longKind {
	case fieldData:
		d.data = append(d.data, '\n') // appendData reserved room for it
	case fieldEvent, fieldID, fieldRetry:
		d.setField(d.longKind, d.value)
		d.value = d.value[:0]
		if cap(d.value) > retainSize {
			d.value = nil
		}
	}
	return true
}
