package sse

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// refDecode is a literal transcription of the WHATWG event stream
// interpretation algorithm over a complete input, plus the size limit rules
// of this package (applied to complete lines), used as a test oracle.
func refDecode(in []byte, limit int) ([]ev, error) {
	in = bytes.TrimPrefix(in, []byte("\xEF\xBB\xBF"))
	var (
		evs      []ev
		data     []byte
		typ, id  string
		retry    time.Duration
		hasRetry bool
		pending  bool
	)
	for len(in) > 0 {
		i := bytes.IndexAny(in, "\r\n")
		if i < 0 {
			return evs, ErrIncompleteEvent // unterminated last line
		}
		line := in[:i]
		if in[i] == '\r' && i+1 < len(in) && in[i+1] == '\n' {
			in = in[i+2:]
		} else {
			in = in[i+1:]
		}
		switch {
		case len(line) == 0:
			if len(data) > 0 {
				evs = append(evs, ev{Type: typ, ID: id, Data: string(data[:len(data)-1]), Retry: retry, HasRetry: hasRetry})
			}
			data, typ, retry, hasRetry, pending = data[:0], "", 0, false, false
		case line[0] == ':':
			if len(line) > limit {
				return evs, ErrEventTooLarge
			}
		default:
			pending = true
			field, value := string(line), ""
			if j := bytes.IndexByte(line, ':'); j >= 0 {
				field, value = string(line[:j]), strings.TrimPrefix(string(line[j+1:]), " ")
			}
			if field != "data" && len(line) > limit {
				return evs, ErrEventTooLarge
			}
			switch field {
			case "event":
				typ = value
			case "data":
				data = append(data, value...)
				if len(data) > limit {
					return evs, ErrEventTooLarge
				}
				data = append(data, '\n')
			case "id":
				if !strings.Contains(value, "\x00") {
					id = value
				}
			case "retry":
				if value != "" && strings.Trim(value, "0123456789") == "" {
					ms, err := strconv.ParseInt(value, 10, 64)
					if err == nil && ms <= int64(1<<63-1)/int64(time.Millisecond) {
						retry, hasRetry = time.Duration(ms)*time.Millisecond, true
					}
				}
			}
		}
	}
	if pending {
		return evs, ErrIncompleteEvent
	}
	return evs, nil
}

// errClass maps a decoding error to a comparable class.
func errClass(err error) string {
	switch {
	case err == nil:
		return "nil"
	case errors.Is(err, ErrIncompleteEvent):
		return "incomplete"
	case errors.Is(err, ErrEventTooLarge):
		return "too large"
	}
	return "other: " + err.Error()
}

func FuzzDecoder(f *testing.F) {
	for _, s := range []string{
		"",
		"data: a\n\n",
		"data:a\r\n\r\ndata: b\r\rdata: c\n\n",
		"\xEF\xBB\xBFdata: bom\n\n",
		": ping\n\nevent: add\nid: 1\nretry: 100\ndata: x\ndata: y\n\n",
		"id: a\x00b\nretry: 1x\nfoo\ndata\n\n",
		"data: trunc",
		"event: only\n\n",
		"data: " + chunkJSON + "\n\n: ping\n\ndata: [DONE]\n\n",
	} {
		f.Add([]byte(s), uint16(0))
		f.Add([]byte(s), uint16(8))
	}
	f.Fuzz(func(t *testing.T, in []byte, limit uint16) {
		max := int(limit)
		if max == 0 {
			max = DefaultMaxEventSize
		}
		want, wantErr := refDecode(in, max)
		check := func(name string, r io.Reader, exactErr bool, opts ...Option) {
			t.Helper()
			got, err := decodeAll(r, append(opts, WithMaxEventSize(int(limit)))...)
			for _, e := range got {
				if len(e.Data) > max {
					t.Errorf("%s: event data of %d bytes exceeds the %d-byte limit", name, len(e.Data), max)
				}
			}
			if !sameEvents(got, want) {
				t.Errorf("%s: events\n got %v\nwant %v", name, got, want)
			}
			// A line longer than the read buffer that exceeds the limit
			// is reported as too large even when the stream ends before
			// the line does; the oracle only sees it as incomplete.
			if exactErr && errClass(err) != errClass(wantErr) ||
				!exactErr && (err == nil) != (wantErr == nil) {
				t.Errorf("%s: Err() = %v, want %v", name, err, wantErr)
			}
		}
		exact := len(in) < defaultBufferSize
		check("whole", bytes.NewReader(in), exact)
		check("one-byte", iotest.OneByteReader(bytes.NewReader(in)), exact)
		check("small-buffer", bytes.NewReader(in), false, withBufferSize(minBufferSize))
		check("small-buffer-one-byte", iotest.OneByteReader(bytes.NewReader(in)), false, withBufferSize(minBufferSize))
	})
}
