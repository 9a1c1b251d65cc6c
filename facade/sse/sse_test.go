package sse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unsafe"
)

// ev is a decoded event with its Data copied, for comparisons.
type ev struct {
	Type     string
	ID       string
	Data     string
	Retry    time.Duration
	HasRetry bool
}

func (e ev) String() string {
	return fmt.Sprintf("{Type:%q ID:%q Data:%q Retry:%v HasRetry:%v}", e.Type, e.ID, e.Data, e.Retry, e.HasRetry)
}

func copyEvent(e Event) ev {
	return ev{Type: e.Type, ID: e.ID, Data: string(e.Data), Retry: e.Retry, HasRetry: e.HasRetry}
}

// decodeAll decodes r to the end and returns the events and Err.
func decodeAll(r io.Reader, opts ...Option) ([]ev, error) {
	d := NewDecoder(r, opts...)
	var evs []ev
	for d.Next() {
		evs = append(evs, copyEvent(d.Event()))
	}
	if d.Next() {
		panic("Next returned true after returning false")
	}
	return evs, d.Err()
}

func sameEvents(a, b []ev) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// readers returns the ways the tests feed an input to the decoder, with the
// decoder options each needs. All must give identical results.
func readers(in string) []struct {
	name string
	r    io.Reader
	opts []Option
} {
	return []struct {
		name string
		r    io.Reader
		opts []Option
	}{
		{"whole", strings.NewReader(in), nil},
		{"one-byte", iotest.OneByteReader(strings.NewReader(in)), nil},
		{"data-err", iotest.DataErrReader(strings.NewReader(in)), nil},
		{"half", iotest.HalfReader(strings.NewReader(in)), nil},
		{"small-buffer", strings.NewReader(in), []Option{withBufferSize(minBufferSize)}},
		{"small-buffer-one-byte", iotest.OneByteReader(strings.NewReader(in)), []Option{withBufferSize(minBufferSize)}},
	}
}

func TestRules(t *testing.T) {
	const bomS = "\xEF\xBB\xBF"
	tests := []struct {
		name string
		in   string
		want []ev
		err  error // matched with errors.Is; nil means Err must be nil
	}{
		{name: "empty stream", in: ""},
		{name: "blank lines only", in: "\n\r\n\r\n\n"},
		{name: "LF", in: "data: a\n\ndata: b\n\n", want: []ev{{Data: "a"}, {Data: "b"}}},
		{name: "CRLF", in: "data: a\r\n\r\ndata: b\r\n\r\n", want: []ev{{Data: "a"}, {Data: "b"}}},
		{name: "CR", in: "data: a\r\rdata: b\r\r", want: []ev{{Data: "a"}, {Data: "b"}}},
		{name: "mixed line endings", in: "data: a\rdata: b\r\ndata: c\n\r\n\rdata: d\n\r", want: []ev{{Data: "a\nb\nc"}, {Data: "d"}}},
		{name: "LF CR is two line endings", in: "data: a\n\r", want: []ev{{Data: "a"}}},
		{name: "data without space", in: "data:a\n\n", want: []ev{{Data: "a"}}},
		{name: "only one space stripped", in: "data:  a \n\n", want: []ev{{Data: " a "}}},
		{name: "tab not stripped", in: "data:\ta\n\n", want: []ev{{Data: "\ta"}}},
		{name: "colon in value", in: "data: {\"a\":1}\n\n", want: []ev{{Data: `{"a":1}`}}},
		{name: "multi-line data joined with LF", in: "data: a\ndata:b\ndata: c\n\n", want: []ev{{Data: "a\nb\nc"}}},
		{name: "empty data line dispatches empty event", in: "data:\n\n", want: []ev{{Data: ""}}},
		{name: "empty data lines", in: "data\ndata\n\n", want: []ev{{Data: "\n"}}},
		{name: "field with no colon is data with empty value", in: "data\n\n", want: []ev{{Data: ""}}},
		{name: "BOM stripped", in: bomS + "data: a\n\n", want: []ev{{Data: "a"}}},
		{name: "BOM before blank line", in: bomS + "\ndata: a\n\n", want: []ev{{Data: "a"}}},
		{name: "BOM stripped only once", in: bomS + bomS + "data: a\n\ndata: b\n\n", want: []ev{{Data: "b"}}},
		{name: "BOM only at start", in: "data: a\n\n" + bomS + "data: b\n\n", want: []ev{{Data: "a"}}},
		{name: "BOM only stream", in: bomS},
		{name: "partial BOM is a partial line", in: bomS[:2], err: ErrIncompleteEvent},
		{name: "comment at start", in: ": ping\ndata: a\n\n", want: []ev{{Data: "a"}}},
		{name: "comment between events", in: "data: a\n\n: ping\n\ndata: b\n\n", want: []ev{{Data: "a"}, {Data: "b"}}},
		{name: "comment inside event", in: "data: a\n: ping\ndata: b\n\n", want: []ev{{Data: "a\nb"}}},
		{name: "empty comment", in: ":\ndata: a\n\n", want: []ev{{Data: "a"}}},
		{name: "comment only stream", in: ": ping\n\n: ping\n"},
		{name: "event type", in: "event: add\ndata: a\n\n", want: []ev{{Type: "add", Data: "a"}}},
		{name: "event type reset after dispatch", in: "event: add\ndata: a\n\ndata: b\n\n", want: []ev{{Type: "add", Data: "a"}, {Data: "b"}}},
		{name: "event type reset by undispatched block", in: "event: add\n\ndata: b\n\n", want: []ev{{Data: "b"}}},
		{name: "last event type wins", in: "event: a\nevent: b\ndata: x\n\n", want: []ev{{Type: "b", Data: "x"}}},
		{name: "empty event type", in: "event\ndata: x\n\n", want: []ev{{Data: "x"}}},
		{name: "event only block not dispatched", in: "event: add\n\n"},
		{name: "id only block not dispatched", in: "id: 1\n\n"},
		{name: "id persists across events", in: "id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n", want: []ev{{ID: "1", Data: "a"}, {ID: "1", Data: "b"}, {ID: "2", Data: "c"}}},
		{name: "id from undispatched block", in: "id: 7\n\ndata: a\n\n", want: []ev{{ID: "7", Data: "a"}}},
		{name: "id reset by empty id", in: "id: 1\ndata: a\n\nid\ndata: b\n\n", want: []ev{{ID: "1", Data: "a"}, {Data: "b"}}},
		{name: "id with NUL ignored", in: "id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n", want: []ev{{ID: "1", Data: "a"}, {ID: "1", Data: "b"}}},
		{name: "retry valid", in: "retry: 1500\ndata: a\n\n", want: []ev{{Data: "a", Retry: 1500 * time.Millisecond, HasRetry: true}}},
		{name: "retry zero", in: "retry:0\ndata: a\n\n", want: []ev{{Data: "a", HasRetry: true}}},
		{name: "retry leading zeros", in: "retry: 0010\ndata: a\n\n", want: []ev{{Data: "a", Retry: 10 * time.Millisecond, HasRetry: true}}},
		{name: "retry not reported on next event", in: "retry: 5\ndata: a\n\ndata: b\n\n", want: []ev{{Data: "a", Retry: 5 * time.Millisecond, HasRetry: true}, {Data: "b"}}},
		{name: "retry invalid unit", in: "retry: 1s\ndata: a\n\n", want: []ev{{Data: "a"}}},
		{name: "retry invalid negative", in: "retry: -1\ndata: a\n\n", want: []ev{{Data: "a"}}},
		{name: "retry invalid empty", in: "retry:\ndata: a\n\n", want: []ev{{Data: "a"}}},
		{name: "retry invalid space", in: "retry: 1 0\ndata: a\n\n", want: []ev{{Data: "a"}}},
		{name: "retry invalid overflow", in: "retry: 9223372036855\ndata: a\n\n", want: []ev{{Data: "a"}}},
		{name: "retry max", in: "retry: 9223372036854\ndata: a\n\n", want: []ev{{Data: "a", Retry: 9223372036854 * time.Millisecond, HasRetry: true}}},
		{name: "retry invalid keeps earlier valid", in: "retry: 5\nretry: x\ndata: a\n\n", want: []ev{{Data: "a", Retry: 5 * time.Millisecond, HasRetry: true}}},
		{name: "unknown field ignored", in: "foo: bar\ndata: a\n\n", want: []ev{{Data: "a"}}},
		{name: "unknown field only block", in: "foo: bar\n\n"},
		{name: "field names are case sensitive", in: "Data: a\nEVENT: x\ndata: b\n\n", want: []ev{{Data: "b"}}},
		{name: "space before colon makes another field", in: "data : a\ndata: b\n\n", want: []ev{{Data: "b"}}},
		{name: "NUL and invalid UTF-8 pass through", in: "data: a\x00\xff\n\n", want: []ev{{Data: "a\x00\xff"}}},
		{name: "LiteLLM stream", in: "data: {\"x\":1}\n\n: ping\n\ndata: [DONE]\n\n", want: []ev{{Data: `{"x":1}`}, {Data: "[DONE]"}}},
		{name: "EOF after data line without blank line", in: "data: a\n\ndata: b\n", want: []ev{{Data: "a"}}, err: ErrIncompleteEvent},
		{name: "EOF in the middle of a line", in: "data: a\n\ndata: b", want: []ev{{Data: "a"}}, err: ErrIncompleteEvent},
		{name: "EOF after CR line ending", in: "data: a\r", err: ErrIncompleteEvent},
		{name: "EOF after event line", in: "event: a\n", err: ErrIncompleteEvent},
		{name: "EOF after partial comment", in: "data: a\n\n: pi", want: []ev{{Data: "a"}}, err: ErrIncompleteEvent},
		{name: "EOF after comment line is clean", in: "data: a\n\n: ping\n", want: []ev{{Data: "a"}}},
		{name: "EOF after CR CR is clean", in: "data: a\r\r", want: []ev{{Data: "a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range readers(tt.in) {
				got, err := decodeAll(r.r, r.opts...)
				if !sameEvents(got, tt.want) {
					t.Errorf("%s: events\n got %v\nwant %v", r.name, got, tt.want)
				}
				if tt.err == nil && err != nil || !errors.Is(err, tt.err) {
					t.Errorf("%s: Err() = %v, want %v", r.name, err, tt.err)
				}
			}
		})
	}
}

func TestIncompleteEventIsUnexpectedEOF(t *testing.T) {
	_, err := decodeAll(strings.NewReader("data: trunc"))
	if !errors.Is(err, ErrIncompleteEvent) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("Err() = %v, want ErrIncompleteEvent matching io.ErrUnexpectedEOF", err)
	}
}

func TestLastEventIDAndRetry(t *testing.T) {
	d := NewDecoder(strings.NewReader("retry: 3000\nid: 42\n\nid: 43\nretry: x\n\n"))
	if d.Next() {
		t.Fatalf("Next() = true, want false")
	}
	if err := d.Err(); err != nil {
		t.Fatalf("Err() = %v", err)
	}
	if got := d.LastEventID(); got != "43" {
		t.Errorf("LastEventID() = %q, want 43", got)
	}
	if r, ok := d.Retry(); r != 3*time.Second || !ok {
		t.Errorf("Retry() = %v, %v, want 3s, true", r, ok)
	}
	d = NewDecoder(strings.NewReader(""))
	d.Next()
	if r, ok := d.Retry(); r != 0 || ok {
		t.Errorf("Retry() = %v, %v on a stream without retry", r, ok)
	}
}

// chunkReader returns its chunks one per Read call.
type chunkReader struct{ chunks []string }

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.chunks[0])
	c.chunks[0] = c.chunks[0][n:]
	if c.chunks[0] == "" {
		c.chunks = c.chunks[1:]
	}
	return n, nil
}

func TestCRLFSplitAcrossReads(t *testing.T) {
	r := &chunkReader{chunks: []string{"data: a\r", "\ndata: b\r", "\n\r", "\ndata: c\r", "\r"}}
	got, err := decodeAll(r)
	want := []ev{{Data: "a\nb"}, {Data: "c"}}
	if !sameEvents(got, want) || err != nil {
		t.Fatalf("got %v, %v; want %v, nil", got, err, want)
	}
}

func TestCRAtBufferBoundary(t *testing.T) {
	// The first line with its CR fills the 16-byte buffer exactly; the LF
	// is only read with the next fill.
	in := "data: 123456789\r\n\r\ndata: b\r\n\r\n"
	if i := strings.IndexByte(in, '\r'); i != minBufferSize-1 {
		t.Fatalf("bad test input: CR at %d", i)
	}
	for _, r := range readers(in) {
		got, err := decodeAll(r.r, append(r.opts, withBufferSize(minBufferSize))...)
		want := []ev{{Data: "123456789"}, {Data: "b"}}
		if !sameEvents(got, want) || err != nil {
			t.Errorf("%s: got %v, %v; want %v, nil", r.name, got, err, want)
		}
	}
}

// TestDispatchWithoutWaiting checks that an event is returned as soon as its
// blank line is read: a CR line ending must not wait for a possible LF.
func TestDispatchWithoutWaiting(t *testing.T) {
	for _, in := range []string{"data: a\n\n", "data: a\r\r", "data: a\r\n\r"} {
		r := &chunkReader{chunks: []string{in}}
		d := NewDecoder(io.MultiReader(r, iotest.ErrReader(errors.New("read past the event"))))
		if !d.Next() {
			t.Fatalf("%q: Next() = false, Err() = %v", in, d.Err())
		}
		if got := string(d.Event().Data); got != "a" {
			t.Errorf("%q: Data = %q", in, got)
		}
	}
}

func TestLargeDataLine(t *testing.T) {
	const size = 16 << 20
	payload := bytes.Repeat([]byte("0123456789abcdef"), size/16)
	in := "data: " + string(payload) + "\n\ndata: small\n\n"
	inputs := []struct {
		name string
		r    io.Reader
	}{
		{"whole", strings.NewReader(in)},
		{"chunks", iotest.HalfReader(strings.NewReader(in))},
	}
	for _, tc := range inputs {
		d := NewDecoder(tc.r)
		if !d.Next() {
			t.Fatalf("%s: Next() = false, Err() = %v", tc.name, d.Err())
		}
		if got := d.Event().Data; !bytes.Equal(got, payload) {
			t.Fatalf("%s: got %d bytes of data, want %d", tc.name, len(got), len(payload))
		}
		if !d.Next() || string(d.Event().Data) != "small" {
			t.Fatalf("%s: second event: %v %q", tc.name, d.Err(), d.Event().Data)
		}
		if cap(d.data) > retainSize {
			t.Errorf("%s: large data buffer retained: cap %d", tc.name, cap(d.data))
		}
		if d.Next() || d.Err() != nil {
			t.Fatalf("%s: end: Err() = %v", tc.name, d.Err())
		}
	}
}

func TestMaxEventSize(t *testing.T) {
	const limit = 10
	tests := []struct {
		name   string
		in     string
		want   []ev
		tooBig bool
	}{
		{name: "data at limit", in: "data: 0123456789\n\n", want: []ev{{Data: "0123456789"}}},
		{name: "data over limit", in: "data: a\n\ndata: 0123456789X\n\ndata: b\n\n", want: []ev{{Data: "a"}}, tooBig: true},
		{name: "multi-line data at limit", in: "data: 01234\ndata: 0123\n\n", want: []ev{{Data: "01234\n0123"}}},
		{name: "multi-line data over limit", in: "data: 01234\ndata: 01234\n\n", tooBig: true},
		{name: "many empty data lines over limit", in: strings.Repeat("data\n", 12) + "\n", tooBig: true},
		{name: "comment at limit", in: ":123456789\ndata: a\n\n", want: []ev{{Data: "a"}}},
		{name: "comment over limit", in: ":1234567890\ndata: a\n\n", tooBig: true},
		{name: "event line at limit", in: "event: abc\ndata: a\n\n", want: []ev{{Type: "abc", Data: "a"}}},
		{name: "event line over limit", in: "event: abcd\ndata: a\n\n", tooBig: true},
		{name: "id line over limit", in: "id: 12345678\ndata: a\n\n", tooBig: true},
		{name: "unknown line over limit", in: "abcdefghijk\ndata: a\n\n", tooBig: true},
		{name: "long data line", in: "data: " + strings.Repeat("x", 100) + "\n", tooBig: true},
		{name: "long comment line", in: ":" + strings.Repeat("x", 100) + "\n", tooBig: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range readers(tt.in) {
				got, err := decodeAll(r.r, append(r.opts, WithMaxEventSize(limit))...)
				if !sameEvents(got, tt.want) {
					t.Errorf("%s: events\n got %v\nwant %v", r.name, got, tt.want)
				}
				if tt.tooBig != errors.Is(err, ErrEventTooLarge) || !tt.tooBig && err != nil {
					t.Errorf("%s: Err() = %v, want too large: %v", r.name, err, tt.tooBig)
				}
				if tt.tooBig && !strings.Contains(fmt.Sprint(err), "10-byte limit") {
					t.Errorf("%s: error %q does not state the limit", r.name, err)
				}
			}
		})
	}
}

func TestMaxEventSizeDefault(t *testing.T) {
	for _, n := range []int{0, -1} {
		if d := NewDecoder(nil, WithMaxEventSize(n)); d.max != DefaultMaxEventSize {
			t.Errorf("WithMaxEventSize(%d): max = %d", n, d.max)
		}
	}
	if d := NewDecoder(nil); d.max != DefaultMaxEventSize {
		t.Errorf("default max = %d", d.max)
	}
}

// endless returns prefix followed by an endless repetition of fill.
type endless struct {
	prefix string
	fill   byte
}

func (e *endless) Read(p []byte) (int, error) {
	n := copy(p, e.prefix)
	e.prefix = e.prefix[n:]
	for i := range p[n:] {
		p[n+i] = e.fill
	}
	return len(p), nil
}

func TestEndlessLine(t *testing.T) {
	for _, limit := range []int{10, 1 << 20} {
		testEndlessLine(t, limit)
	}
}

func testEndlessLine(t *testing.T, limit int) {
	for _, prefix := range []string{"data: ", "data: a\ndata:", "event: ", "id: ", "retry: ", ": ", "", "data: a\n\n"} {
		d := NewDecoder(&endless{prefix: prefix, fill: 'x'}, WithMaxEventSize(limit))
		n := 0
		for d.Next() {
			n++
		}
		if !errors.Is(d.Err(), ErrEventTooLarge) {
			t.Errorf("%q: Err() = %v, want ErrEventTooLarge", prefix, d.Err())
		}
		if cap(d.data) > limit+1 || cap(d.value) > limit {
			t.Errorf("%q: buffers grew beyond the limit: data %d, value %d", prefix, cap(d.data), cap(d.value))
		}
		if want := strings.Count(prefix, "\n\n"); n != want {
			t.Errorf("%q: %d events, want %d", prefix, n, want)
		}
	}
}

func TestLongFieldLines(t *testing.T) {
	// Lines longer than the read buffer, for every field kind.
	long := strings.Repeat("v", 100)
	in := "event: " + long + "\nid: " + long + "\nretry: 000000000000000000000000000000000000000000000000000000007\n" +
		":" + long + "\n" + long + ": x\n" + long + "\ndata: " + long + "\ndata:" + long + "\n\n"
	want := []ev{{Type: long, ID: long, Data: long + "\n" + long, Retry: 7 * time.Millisecond, HasRetry: true}}
	for _, r := range readers(in) {
		got, err := decodeAll(r.r, append(r.opts, withBufferSize(minBufferSize))...)
		if !sameEvents(got, want) || err != nil {
			t.Errorf("%s: got %v, %v; want %v, nil", r.name, got, err, want)
		}
	}
}

func TestReaderErrors(t *testing.T) {
	for _, want := range []error{context.Canceled, io.ErrUnexpectedEOF, errors.New("boom")} {
		_, err := decodeAll(iotest.ErrReader(want))
		if !errors.Is(err, want) {
			t.Errorf("Err() = %v, want %v", err, want)
		}
		// The events read before the error are dispatched, and the error
		// wins over the incomplete event.
		r := io.MultiReader(strings.NewReader("data: a\n\ndata: partial"), iotest.ErrReader(want))
		got, err := decodeAll(r)
		if !sameEvents(got, []ev{{Data: "a"}}) || !errors.Is(err, want) {
			t.Errorf("got %v, %v; want one event, %v", got, err, want)
		}
	}
}

// zeroReader returns (0, nil) forever.
type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

// badReader claims to have read more than asked.
type badReader struct{}

func (badReader) Read(p []byte) (int, error) { return len(p) + 1, nil }

func TestMisbehavingReaders(t *testing.T) {
	if _, err := decodeAll(zeroReader{}); !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("zero reader: Err() = %v, want io.ErrNoProgress", err)
	}
	if _, err := decodeAll(badReader{}); !errors.Is(err, errInvalidRead) {
		t.Errorf("bad reader: Err() = %v, want errInvalidRead", err)
	}
}

func TestEventBeforeAndAfter(t *testing.T) {
	d := NewDecoder(strings.NewReader("data: a\n\n"))
	if e := d.Event(); e.Data != nil || e.Type != "" {
		t.Errorf("Event() before Next = %v", copyEvent(e))
	}
	d.Next()
	d.Next()
	if e := d.Event(); e.Data != nil {
		t.Errorf("Event() after the end = %v", copyEvent(e))
	}
}

func TestReset(t *testing.T) {
	d := NewDecoder(strings.NewReader("id: 1\nretry: 5\nevent: x\ndata: trunc"))
	for d.Next() {
	}
	if !errors.Is(d.Err(), ErrIncompleteEvent) {
		t.Fatalf("Err() = %v", d.Err())
	}
	d.Reset(strings.NewReader("\xEF\xBB\xBFdata: a\n\n"))
	if !d.Next() {
		t.Fatalf("after Reset: Next() = false, Err() = %v", d.Err())
	}
	if got := copyEvent(d.Event()); got != (ev{Data: "a"}) {
		t.Errorf("after Reset: event %v", got)
	}
	if d.Next() || d.Err() != nil {
		t.Errorf("after Reset: Err() = %v", d.Err())
	}
	if _, ok := d.Retry(); ok || d.LastEventID() != "" {
		t.Errorf("Reset kept stream state")
	}
}

// repeatReader returns its content over and over.
type repeatReader struct {
	b   []byte
	off int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.b[r.off:])
		n += c
		r.off = (r.off + c) % len(r.b)
	}
	return n, nil
}

func TestZeroAllocsSteadyState(t *testing.T) {
	streams := map[string]string{
		"chunks":      "data: " + chunkJSON + "\n\n",
		"chunks-ping": "data: " + chunkJSON + "\n\n: ping\n\n",
		"crlf":        "data: " + chunkJSON + "\r\n\r\n",
		"cr":          "data: " + chunkJSON + "\r\r",
		"typed":       "event: delta\nid: 1\nretry: 100\ndata: a\ndata: b\n\nevent: ping\ndata: {}\n\n",
		"one-byte":    "event: delta\ndata: " + chunkJSON + "\n\n",
	}
	for name, s := range streams {
		t.Run(name, func(t *testing.T) {
			var r io.Reader = &repeatReader{b: []byte(s)}
			if name == "one-byte" {
				r = iotest.OneByteReader(r)
			}
			d := NewDecoder(r)
			for range 1000 { // warm up: grow the buffers and cache the strings
				if !d.Next() {
					t.Fatal(d.Err())
				}
			}
			allocs := testing.AllocsPerRun(10000, func() {
				if !d.Next() {
					t.Fatal(d.Err())
				}
			})
			if allocs != 0 {
				t.Errorf("%v allocations per event, want 0", allocs)
			}
		})
	}
}

func TestTypeStringsReused(t *testing.T) {
	d := NewDecoder(strings.NewReader("event: a\ndata: 1\n\nevent: b\ndata: 2\n\nevent: a\ndata: 3\n\n"))
	var types []string
	for d.Next() {
		types = append(types, d.Event().Type)
	}
	if len(types) != 3 || types[0] != "a" || types[1] != "b" || types[2] != "a" {
		t.Fatalf("types = %q", types)
	}
	if unsafeData(types[0]) != unsafeData(types[2]) {
		t.Errorf("event type string was allocated again")
	}
}

func unsafeData(s string) *byte { return unsafe.StringData(s) }
