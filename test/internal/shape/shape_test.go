package shape

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func hdr(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

func TestOf(t *testing.T) {
	json := hdr("Content-Type", "application/json; charset=utf-8")
	tests := []struct {
		name   string
		status int
		h      http.Header
		body   string
		opts   []Option
		want   Shape
	}{
		{
			name: "proxy envelope", status: 400, h: hdr("Content-Type", "application/json", "X-Litellm-Call-Id", "abc", "x-litellm-version", "1.88.0", "X-Other", "1"),
			body: `{"error":{"message":"m","type":"invalid_request_error","param":null,"code":"400"}}`,
			want: Shape{Status: 400, MediaType: "application/json", Body: BodyJSON, Envelope: EnvelopeProxy,
				Fields:  map[string]string{".": "object", "error": "object", "error.message": "string", "error.type": "string", "error.param": "null", "error.code": "string"},
				Headers: []string{"x-litellm-call-id", "x-litellm-version"}},
		},
		{
			name: "detail string", status: 404, h: json, body: `{"detail":"Not Found"}`,
			want: Shape{Status: 404, MediaType: "application/json", Body: BodyJSON, Envelope: EnvelopeDetail,
				Fields: map[string]string{".": "object", "detail": "string"}},
		},
		{
			name: "detail object", status: 500, h: json, body: `{"detail":{"error":"DB not connected"}}`,
			want: Shape{Status: 500, MediaType: "application/json", Body: BodyJSON, Envelope: EnvelopeDetail,
				Fields: map[string]string{".": "object", "detail": "object", "detail.error": "string"}},
		},
		{
			name: "validation list", status: 422, h: json, body: `{"detail":[{"loc":["body","x"],"msg":"m","type":"missing"},{"loc":["query",1],"msg":"n","type":"t","input":null}]}`,
			want: Shape{Status: 422, MediaType: "application/json", Body: BodyJSON, Envelope: EnvelopeValidation,
				Fields: map[string]string{".": "object", "detail": "array", "detail[]": "object", "detail[].loc": "array",
					"detail[].loc[]": "number|string", "detail[].msg": "string", "detail[].type": "string", "detail[].input": "null"}},
		},
		{
			name: "error string", status: 200, h: json, body: `{"error":"boom"}`,
			want: Shape{Status: 200, MediaType: "application/json", Body: BodyJSON, Envelope: EnvelopeErrorString,
				Fields: map[string]string{".": "object", "error": "string"}},
		},
		{
			name: "root string", status: 200, h: json, body: `"I'm alive!"`,
			want: Shape{Status: 200, MediaType: "application/json", Body: BodyJSON, Envelope: EnvelopeNone, Fields: map[string]string{".": "string"}},
		},
		{
			name: "root array and empty", status: 200, h: json, body: `[{"a":1},{"a":"x","b":[]}]`,
			want: Shape{Status: 200, MediaType: "application/json", Body: BodyJSON, Envelope: EnvelopeNone,
				Fields: map[string]string{".": "array", "[]": "object", "[].a": "number|string", "[].b": "array"}},
		},
		{
			name: "map marked", status: 200, h: json, body: `{"data":[{"id":"x","info":{"gpt-4o":{"n":1},"m2":{"n":2,"k":true}}}]}`,
			opts: []Option{MapAt("data[].info")},
			want: Shape{Status: 200, MediaType: "application/json", Body: BodyJSON, Envelope: EnvelopeNone,
				Fields: map[string]string{".": "object", "data": "array", "data[]": "object", "data[].id": "string",
					"data[].info": "object", "data[].info{}": "object", "data[].info{}.n": "number", "data[].info{}.k": "boolean"}},
		},
		{
			name: "root map", status: 200, h: json, body: `{"a":1,"b":2}`, opts: []Option{MapAt(".")},
			want: Shape{Status: 200, MediaType: "application/json", Body: BodyJSON, Envelope: EnvelopeNone,
				Fields: map[string]string{".": "object", "{}": "number"}},
		},
		{
			name: "depth cap", status: 200, h: json, body: `{"a":{"b":{"c":{"d":1}}}}`, opts: []Option{MaxDepth(2)},
			want: Shape{Status: 200, MediaType: "application/json", Body: BodyJSON, Envelope: EnvelopeNone,
				Fields: map[string]string{".": "object", "a": "object", "a.b": "object"}},
		},
		{
			name: "empty", status: 204, h: http.Header{}, body: " \n",
			want: Shape{Status: 204, Body: BodyEmpty, Envelope: EnvelopeNone},
		},
		{
			name: "invalid json", status: 500, h: json, body: `{"a":`,
			want: Shape{Status: 500, MediaType: "application/json", Body: BodyInvalidJSON, Envelope: EnvelopeNone},
		},
		{
			name: "text", status: 404, h: hdr("Content-Type", "text/html"), body: `<html>`,
			want: Shape{Status: 404, MediaType: "text/html", Body: BodyText, Envelope: EnvelopeNone},
		},
		{
			name: "sse", status: 200, h: hdr("Content-Type", "text/event-stream; charset=utf-8", "x-litellm-call-id", "1"),
			body: "data: {\"id\":\"1\",\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n" +
				"data: {\"id\":\"1\",\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\r\n\r\n" +
				": comment\n\ndata: [DONE]\n\n",
			want: Shape{Status: 200, MediaType: "text/event-stream", Body: BodySSE, Envelope: EnvelopeNone,
				SSE: &SSE{Events: 2, Done: true, Chunk: map[string]string{".": "object", "id": "string", "choices": "array",
					"choices[]": "object", "choices[].delta": "object", "choices[].delta.content": "string", "choices[].finish_reason": "string"}},
				Headers: []string{"x-litellm-call-id"}},
		},
		{
			name: "sse without done, non-json event, no content type", status: 200, h: http.Header{},
			body: "data: hello\n\ndata: {\"a\":1}\n",
			want: Shape{Status: 200, Body: BodySSE, Envelope: EnvelopeNone,
				SSE: &SSE{Events: 2, NonJSON: 1, Chunk: map[string]string{".": "object", "a": "number"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Of(tt.status, tt.h, []byte(tt.body), tt.opts...)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Of:\n got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	j := hdr("Content-Type", "application/json")
	of := func(status int, h http.Header, body string) Shape { return Of(status, h, []byte(body)) }
	tests := []struct {
		name      string
		want, got Shape
		diffs     []string
	}{
		{
			name:  "same",
			want:  of(200, j, `{"a":1,"b":[{"c":"x"}]}`),
			got:   of(200, j, `{"b":[{"c":"y"},{"c":"z"}],"a":2}`),
			diffs: nil,
		},
		{
			name:  "status, media type, envelope",
			want:  of(400, j, `{"error":{"message":"m"}}`),
			got:   of(422, hdr("Content-Type", "text/plain"), `{"detail":[]}`),
			diffs: []string{"status: want 400, got 422", `media type: want "application/json", got "text/plain"`, "envelope: want proxy, got validation", "field detail: unexpected (got array)", "field error: missing (want object)"},
		},
		{
			name:  "type difference hides descendants",
			want:  of(200, j, `{"a":{"x":1,"y":2},"b":"s"}`),
			got:   of(200, j, `{"a":null,"b":1}`),
			diffs: []string{"field a: want object, got null", "field b: want string, got number"},
		},
		{
			name:  "empty array on one side is no difference",
			want:  of(200, j, `{"data":[{"id":"x"}]}`),
			got:   of(200, j, `{"data":[]}`),
			diffs: nil,
		},
		{
			name:  "element shape differs",
			want:  of(200, j, `{"data":[{"id":"x"}]}`),
			got:   of(200, j, `{"data":[{"id":1,"extra":true}]}`),
			diffs: []string{"field data[].extra: unexpected (got boolean)", "field data[].id: want string, got number"},
		},
		{
			name: "sse",
			want: of(200, hdr("Content-Type", "text/event-stream", "x-litellm-call-id", "1"), "data: {\"a\":1}\n\ndata: [DONE]\n\n"),
			got:  of(200, hdr("Content-Type", "text/event-stream", "x-litellm-version", "1"), "data: {\"a\":1,\"b\":2}\n\ndata: {\"a\":3}\n\n"),
			diffs: []string{"sse [DONE]: want true, got false", "chunk b: unexpected (got number)",
				"header x-litellm-call-id: missing", "header x-litellm-version: unexpected"},
		},
		{
			name:  "sse with no events",
			want:  of(200, hdr("Content-Type", "text/event-stream"), "data: {\"a\":1}\n\n"),
			got:   of(200, hdr("Content-Type", "text/event-stream"), ": ping\n\n"),
			diffs: []string{"sse events: want 1, got 0", "chunk .: missing (want object)"},
		},
		{
			name:  "body kind",
			want:  of(200, j, `{}`),
			got:   of(200, j, `{`),
			diffs: []string{"body: want json, got invalid-json", "field .: missing (want object)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(tt.want, tt.got)
			if !reflect.DeepEqual(got, tt.diffs) {
				t.Errorf("Diff:\n got %q\nwant %q", got, tt.diffs)
			}
			if again := Diff(tt.want, tt.got); !reflect.DeepEqual(again, got) {
				t.Errorf("Diff is not stable: %q then %q", got, again)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pat, s string
		want   bool
	}{
		{"", "", true},
		{"*", "", true},
		{"*", "anything at all", true},
		{"a*c", "abbbc", true},
		{"a*c", "abbbd", false},
		{"*metadata", "info.metadata", true},
		{"*metadata", "metadata", true},
		{"*metadata", "metadata.x", false},
		{"1.88.0/*/x", "1.88.0/a/b/x", true},
		{"a**b", "ab", true},
		{"exact", "exact", true},
		{"exact", "exactly", false},
		{"*a*b*", "xxaxxbxx", true},
		{"*a*b", "xxaxxbxxc", false},
	}
	for _, tt := range tests {
		if got := Match(tt.pat, tt.s); got != tt.want {
			t.Errorf("Match(%q, %q) = %t, want %t", tt.pat, tt.s, got, tt.want)
		}
	}
}

func TestParentOf(t *testing.T) {
	tests := []struct {
		p, want string
		ok      bool
	}{
		{".", "", false},
		{"a", ".", true},
		{"a.b", "a", true},
		{"a[]", "a", true},
		{"a[].b", "a[]", true},
		{"[]", ".", true},
		{"{}", ".", true},
		{"m{}", "m", true},
		{"m{}.x", "m{}", true},
	}
	for _, tt := range tests {
		got, ok := parentOf(tt.p)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parentOf(%q) = %q, %t; want %q, %t", tt.p, got, ok, tt.want, tt.ok)
		}
	}
}

func TestString(t *testing.T) {
	s := Of(200, hdr("Content-Type", "text/event-stream", "x-litellm-call-id", "1"), []byte("data: {\"a\":1}\n\ndata: [DONE]\n\n"))
	out := s.String()
	for _, want := range []string{"status 200, text/event-stream, body sse", "sse: 1 events, [DONE] true", "chunk a: number", "headers: x-litellm-call-id"} {
		if !strings.Contains(out, want) {
			t.Errorf("String() = %q, lacks %q", out, want)
		}
	}
}

func TestAllow(t *testing.T) {
	a, err := ParseAllow([]byte(`
entries:
  - case: "1.88.0/chat/*"
    diff: "header x-litellm-model-region: *"
    reason: "the emulator has no regions"
  - case: "*/health"
    diff: "field db: *"
    reason: "stale on purpose"
`))
	if err != nil {
		t.Fatal(err)
	}
	left := a.Filter("1.88.0/chat/json", []string{"header x-litellm-model-region: missing", "status: want 200, got 400"})
	if want := []string{"status: want 200, got 400"}; !reflect.DeepEqual(left, want) {
		t.Errorf("Filter = %q, want %q", left, want)
	}
	if left := a.Filter("1.106.12/chat/json", []string{"header x-litellm-model-region: missing"}); len(left) != 1 {
		t.Errorf("Filter of another case = %q, want the difference kept", left)
	}
	unused := a.Unused()
	if len(unused) != 1 || unused[0].Reason != "stale on purpose" {
		t.Errorf("Unused = %+v, want the second entry", unused)
	}
	rec := &recorder{TB: t}
	a.CheckUsed(rec)
	if narrowed() {
		if len(rec.errors) != 0 {
			t.Errorf("CheckUsed in a narrowed run reported errors: %q", rec.errors)
		}
	} else if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "stale entry") {
		t.Errorf("CheckUsed errors = %q, want one stale entry", rec.errors)
	}
	if n := len(a.Entries()); n != 2 {
		t.Errorf("Entries() has %d entries, want 2", n)
	}
}

type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, format)
}

func (r *recorder) Logf(string, ...any) {}

func (r *recorder) Helper() {}

func TestParseAllowErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"no reason", "entries:\n  - case: a\n    diff: b\n", "reason are all required"},
		{"no case", "entries:\n  - diff: b\n    reason: r\n", "reason are all required"},
		{"unknown field", "entries:\n  - case: a\n    diff: b\n    reason: r\n    why: x\n", "field why not found"},
		{"not yaml", "entries: [", "yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseAllow([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseAllow error = %v, want one containing %q", err, tt.want)
			}
		})
	}
	if a, err := ParseAllow(nil); err != nil || len(a.Entries()) != 0 {
		t.Errorf("ParseAllow(empty) = %v, %v; want an empty list", a, err)
	}
}

func TestLoadAllow(t *testing.T) {
	if _, err := LoadAllow(t.TempDir() + "/none.yaml"); err == nil {
		t.Error("LoadAllow of a missing file succeeded")
	}
}

func FuzzOf(f *testing.F) {
	f.Add([]byte(`{"error":{"message":"m","type":"t","param":null,"code":"400"}}`), "application/json")
	f.Add([]byte(`{"detail":[{"loc":["body"],"msg":"x"}]}`), "application/json")
	f.Add([]byte("data: {\"a\":[1,{\"b\":null}]}\n\ndata: [DONE]\n\n"), "text/event-stream")
	f.Add([]byte(`[[[[[[[[[[[[1]]]]]]]]]]]]`), "")
	f.Add([]byte(`{"a.b[]":{"{}":1}}`), "application/json; charset=utf-8")
	f.Add([]byte("\xff\xfe"), "text/plain")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		h := http.Header{}
		h.Set("Content-Type", ct)
		s1 := Of(200, h, body, MapAt("*metadata"))
		s2 := Of(200, h, body, MapAt("*metadata"))
		if !reflect.DeepEqual(s1, s2) {
			t.Fatalf("Of is not deterministic: %#v vs %#v", s1, s2)
		}
		if d := Diff(s1, s2); len(d) != 0 {
			t.Fatalf("Diff of a shape with itself = %q", d)
		}
		_ = s1.String()
		if s1.Body == BodySSE && s1.SSE == nil {
			t.Fatal("SSE body without SSE framing")
		}
	})
}
