// Package shape reduces an HTTP response to its shape, so that answers from
// two servers (the emulator and a real LiteLLM proxy, or the emulator and a
// recorded exchange) can be compared without comparing values: ids, keys,
// timestamps and spend differ between runs, but the status, the media type,
// the error envelope, the set of JSON fields and their types, the SSE framing
// and the x-litellm-* headers present must not.
//
// Field paths name JSON members: "." is the root, "error.message" a member of
// a member, "data[]" the elements of an array (merged over all elements), and
// "metadata{}" the values of an object marked as a map with [MapAt] (objects
// keyed by ids or model names, whose keys are data rather than fields).
package shape

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"sort"
	"strings"
)

// Body kinds, in [Shape.Body].
const (
	BodyEmpty       = "empty"        // no bytes, or only white space
	BodyJSON        = "json"         // one JSON value
	BodySSE         = "sse"          // server-sent events
	BodyText        = "text"         // anything else (HTML, plain text)
	BodyInvalidJSON = "invalid-json" // declared JSON, not parseable
)

// Envelope kinds, in [Shape.Envelope].
const (
	// EnvelopeNone is a body that is no error envelope.
	EnvelopeNone = "none"
	// EnvelopeProxy is LiteLLM's {"error": {"message", "type", "param", "code"}}.
	EnvelopeProxy = "proxy"
	// EnvelopeErrorString is {"error": "..."} (an error member that is no object).
	EnvelopeErrorString = "error-string"
	// EnvelopeDetail is FastAPI's HTTPException body {"detail": string|object}.
	EnvelopeDetail = "detail"
	// EnvelopeValidation is FastAPI's request-validation body {"detail": [...]}.
	EnvelopeValidation = "validation"
)

// DefaultMaxDepth is how deep [Of] descends into JSON unless told otherwise
// with [MaxDepth]: deeper values are recorded with their type only.
const DefaultMaxDepth = 8

// Shape is the reduced form of one HTTP response.
type Shape struct {
	// Status is the HTTP status code.
	Status int
	// MediaType is the Content-Type without parameters, lower case; "" when absent.
	MediaType string
	// Body is the kind of body: one of the Body* constants.
	Body string
	// Envelope is the error envelope kind: one of the Envelope* constants.
	Envelope string
	// Fields maps each JSON field path to its JSON type ("string", "number",
	// "boolean", "null", "object", "array"), or to several joined by "|" in
	// sorted order when array elements (or map values) disagree.
	Fields map[string]string
	// SSE is the event-stream framing; nil unless Body is BodySSE.
	SSE *SSE
	// Headers are the names (lower case, sorted) of the x-litellm-* headers present.
	Headers []string
}

// SSE is the framing of a server-sent event stream.
type SSE struct {
	// Events counts the data events (the [DONE] terminator excluded).
	Events int
	// Done tells whether a "data: [DONE]" terminator was sent.
	Done bool
	// NonJSON counts data events (other than [DONE]) that are not JSON.
	NonJSON int
	// Chunk is the field paths and types of the JSON events, merged over all
	// of them, as in [Shape.Fields].
	Chunk map[string]string
}

// Option changes how [Of] reduces a body.
type Option func(*reducer)

// MapAt marks the objects at the given path patterns as maps: their keys are
// data (ids, model names, user metadata), so their values are merged under
// the path "P{}" instead of recorded as fields. A pattern is a field path in
// which "*" matches any run of characters, e.g. "data[].model_info" or
// "*metadata".
func MapAt(patterns ...string) Option {
	return func(r *reducer) { r.maps = append(r.maps, patterns...) }
}

// MaxDepth sets how many levels of JSON [Of] descends into (at least 1).
func MaxDepth(n int) Option {
	return func(r *reducer) {
		if n >= 1 {
			r.maxDepth = n
		}
	}
}

type reducer struct {
	maps     []string
	maxDepth int
}

// Of reduces a response to its shape. It never fails: a body it cannot parse
// is recorded as such.
func Of(status int, h http.Header, body []byte, opts ...Option) Shape {
	r := reducer{maxDepth: DefaultMaxDepth}
	for _, o := range opts {
		o(&r)
	}
	s := Shape{Status: status, Envelope: EnvelopeNone, Headers: litellmHeaders(h)}
	if ct := h.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err == nil {
			s.MediaType = mt
		} else {
			s.MediaType = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
		}
	}
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
		s.Body = BodyEmpty
	case s.MediaType == "text/event-stream" || (s.MediaType == "" && bytes.HasPrefix(trimmed, []byte("data:"))):
		s.Body = BodySSE
		s.SSE = r.sse(body)
	default:
		var v any
		if err := json.Unmarshal(trimmed, &v); err == nil {
			s.Body = BodyJSON
			s.Fields = map[string]string{}
			r.walk(s.Fields, ".", v, 0)
			s.Envelope = envelope(v)
		} else if strings.HasSuffix(s.MediaType, "json") {
			s.Body = BodyInvalidJSON
		} else {
			s.Body = BodyText
		}
	}
	return s
}

func litellmHeaders(h http.Header) []string {
	var names []string
	for k := range h {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "x-litellm-") {
			names = append(names, lk)
		}
	}
	sort.Strings(names)
	// http.Header keys are canonical, but a hand-built header may hold
	// the same name twice in different cases.
	out := names[:0]
	for i, n := range names {
		if i == 0 || n != names[i-1] {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func envelope(v any) string {
	obj, ok := v.(map[string]any)
	if !ok {
		return EnvelopeNone
	}
	if e, ok := obj["error"]; ok {
		if _, isObj := e.(map[string]any); isObj {
			return EnvelopeProxy
		}
		if _, isStr := e.(string); isStr {
			return EnvelopeErrorString
		}
	}
	if d, ok := obj["detail"]; ok {
		switch d.(type) {
		case []any:
			return EnvelopeValidation
		case string, map[string]any:
			return EnvelopeDetail
		}
	}
	return EnvelopeNone
}

func typeOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64, json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

// add records type t at path p, merging with what is there.
func add(fields map[string]string, p, t string) {
	old, ok := fields[p]
	if !ok {
		fields[p] = t
		return
	}
	if old == t {
		return
	}
	set := map[string]bool{t: true}
	for _, o := range strings.Split(old, "|") {
		set[o] = true
	}
	ts := make([]string, 0, len(set))
	for k := range set {
		ts = append(ts, k)
	}
	sort.Strings(ts)
	fields[p] = strings.Join(ts, "|")
}

func join(parent, child string) string {
	if parent == "." {
		return child
	}
	return parent + "." + child
}

func (r *reducer) isMap(p string) bool {
	for _, pat := range r.maps {
		if Match(pat, p) {
			return true
		}
	}
	return false
}

func (r *reducer) walk(fields map[string]string, p string, v any, depth int) {
	add(fields, p, typeOf(v))
	if depth >= r.maxDepth {
		return
	}
	switch x := v.(type) {
	case []any:
		ep := "[]"
		if p != "." {
			ep = p + "[]"
		}
		for _, e := range x {
			r.walk(fields, ep, e, depth+1)
		}
	case map[string]any:
		if r.isMap(p) {
			mp := "{}"
			if p != "." {
				mp = p + "{}"
			}
			for _, e := range x {
				r.walk(fields, mp, e, depth+1)
			}
			return
		}
		for k, e := range x {
			r.walk(fields, join(p, k), e, depth+1)
		}
	}
}

func (r *reducer) sse(body []byte) *SSE {
	out := &SSE{Chunk: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 64*1024), len(body)+1)
	var data []string
	flush := func() {
		if data == nil {
			return
		}
		payload := strings.Join(data, "\n")
		data = nil
		if strings.TrimSpace(payload) == "[DONE]" {
			out.Done = true
			return
		}
		out.Events++
		var v any
		if err := json.Unmarshal([]byte(payload), &v); err != nil {
			out.NonJSON++
			return
		}
		r.walk(out.Chunk, ".", v, 0)
	}
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if line == "" {
			flush()
			continue
		}
		if rest, ok := strings.CutPrefix(line, "data:"); ok {
			data = append(data, strings.TrimPrefix(rest, " "))
		}
	}
	flush()
	return out
}

// Match reports whether s matches the pattern pat, in which "*" matches any
// run of characters (including none) and every other character matches
// itself.
func Match(pat, s string) bool {
	// Iterative glob with backtracking to the last star.
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(pat) && pat[pi] == '*':
			star, mark = pi, si
			pi++
		case pi < len(pat) && pat[pi] == s[si]:
			pi++
			si++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(pat) && pat[pi] == '*' {
		pi++
	}
	return pi == len(pat)
}

// Diff lists the differences between two shapes as human-readable lines, in
// a stable order: status, media type, body kind, envelope, fields (by path),
// SSE framing, headers. It reports only the topmost difference of a subtree:
// a field missing, or of another type, is reported without its descendants.
// The number of SSE events is compared only as "some" or "none", since it
// depends on the content.
func Diff(want, got Shape) []string {
	var d []string
	if want.Status != got.Status {
		d = append(d, fmt.Sprintf("status: want %d, got %d", want.Status, got.Status))
	}
	if want.MediaType != got.MediaType {
		d = append(d, fmt.Sprintf("media type: want %q, got %q", want.MediaType, got.MediaType))
	}
	if want.Body != got.Body {
		d = append(d, fmt.Sprintf("body: want %s, got %s", want.Body, got.Body))
	}
	if want.Envelope != got.Envelope {
		d = append(d, fmt.Sprintf("envelope: want %s, got %s", want.Envelope, got.Envelope))
	}
	d = append(d, diffFields("field", want.Fields, got.Fields)...)
	d = append(d, diffSSE(want.SSE, got.SSE)...)
	d = append(d, diffHeaders(want.Headers, got.Headers)...)
	return d
}

// parentOf returns the path one level up, and false for the root or a
// top-level path.
func parentOf(p string) (string, bool) {
	if p == "." {
		return "", false
	}
	for i := len(p) - 1; i >= 0; i-- {
		switch p[i] {
		case '.':
			return p[:i], true
		case ']':
			if i == len(p)-1 && i >= 1 && p[i-1] == '[' {
				if i-1 == 0 {
					return ".", true
				}
				return p[:i-1], true
			}
		case '}':
			if i == len(p)-1 && i >= 1 && p[i-1] == '{' {
				if i-1 == 0 {
					return ".", true
				}
				return p[:i-1], true
			}
		}
	}
	return ".", true
}

func diffFields(what string, want, got map[string]string) []string {
	paths := map[string]bool{}
	for p := range want {
		paths[p] = true
	}
	for p := range got {
		paths[p] = true
	}
	sorted := make([]string, 0, len(paths))
	for p := range paths {
		sorted = append(sorted, p)
	}
	sort.Strings(sorted)
	differs := map[string]bool{}
	// reported tells whether an ancestor of p already differs, or holds no
	// elements on one side (an empty array or map says nothing of its
	// elements' shape).
	covered := func(p string) bool {
		for q, ok := parentOf(p); ok; q, ok = parentOf(q) {
			if differs[q] {
				return true
			}
		}
		return false
	}
	var d []string
	for _, p := range sorted {
		w, inW := want[p]
		g, inG := got[p]
		switch {
		case inW && inG && w == g:
			continue
		case covered(p):
			differs[p] = true
			continue
		}
		differs[p] = true
		if par, ok := parentOf(p); ok && (strings.HasSuffix(p, "[]") || strings.HasSuffix(p, "{}")) {
			// Elements seen on one side only: the other side's container
			// was empty there. Not a difference of shape.
			if (!inW && hasContainer(got, par, want)) || (!inG && hasContainer(want, par, got)) {
				continue
			}
		}
		switch {
		case !inG:
			d = append(d, fmt.Sprintf("%s %s: missing (want %s)", what, p, w))
		case !inW:
			d = append(d, fmt.Sprintf("%s %s: unexpected (got %s)", what, p, g))
		default:
			d = append(d, fmt.Sprintf("%s %s: want %s, got %s", what, p, w, g))
		}
	}
	return d
}

// hasContainer reports whether other holds the container path par with the
// same type as in side (so that its elements are missing only because it was
// empty there).
func hasContainer(side map[string]string, par string, other map[string]string) bool {
	t, ok := other[par]
	return ok && t == side[par]
}

func diffSSE(want, got *SSE) []string {
	switch {
	case want == nil && got == nil:
		return nil
	case want == nil || got == nil:
		return nil // the body kind already differs
	}
	var d []string
	if (want.Events > 0) != (got.Events > 0) {
		d = append(d, fmt.Sprintf("sse events: want %d, got %d", want.Events, got.Events))
	}
	if want.Done != got.Done {
		d = append(d, fmt.Sprintf("sse [DONE]: want %t, got %t", want.Done, got.Done))
	}
	if (want.NonJSON > 0) != (got.NonJSON > 0) {
		d = append(d, fmt.Sprintf("sse non-JSON events: want %d, got %d", want.NonJSON, got.NonJSON))
	}
	d = append(d, diffFields("chunk", want.Chunk, got.Chunk)...)
	return d
}

func diffHeaders(want, got []string) []string {
	in := func(list []string, s string) bool {
		i := sort.SearchStrings(list, s)
		return i < len(list) && list[i] == s
	}
	var d []string
	for _, h := range want {
		if !in(got, h) {
			d = append(d, fmt.Sprintf("header %s: missing", h))
		}
	}
	for _, h := range got {
		if !in(want, h) {
			d = append(d, fmt.Sprintf("header %s: unexpected", h))
		}
	}
	sort.Strings(d)
	return d
}

// String renders the shape compactly, one line per item, for test logs.
func (s Shape) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "status %d, %s, body %s, envelope %s\n", s.Status, s.MediaType, s.Body, s.Envelope)
	writeFields := func(prefix string, f map[string]string) {
		keys := make([]string, 0, len(f))
		for k := range f {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "%s%s: %s\n", prefix, k, f[k])
		}
	}
	writeFields("  ", s.Fields)
	if s.SSE != nil {
		fmt.Fprintf(&b, "  sse: %d events, [DONE] %t, %d non-JSON\n", s.SSE.Events, s.SSE.Done, s.SSE.NonJSON)
		writeFields("  chunk ", s.SSE.Chunk)
	}
	if len(s.Headers) > 0 {
		fmt.Fprintf(&b, "  headers: %s\n", strings.Join(s.Headers, ", "))
	}
	return b.String()
}
