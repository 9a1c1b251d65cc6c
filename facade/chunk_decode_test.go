package facade

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/gen"
)

func TestChunkTypesKnown(t *testing.T) {
	t.Parallel()
	if diff := checkChunkTypes(); diff != nil {
		t.Fatalf("the generated chunk types no longer match the fast decoder (update chunk_decode.go): %q", diff)
	}
	if !chunkTypesKnown() {
		t.Fatal("fast chunk decoding is off")
	}
}

// realisticChunks are chunks as the proxy streams them (proxy-contract.md
// 2.5) plus the variations the decoder must get exactly right. fast says
// whether the fast decoder should decode the chunk itself (rather than hand
// it to encoding/json).
var realisticChunks = []struct {
	name string
	json string
	fast bool
}{
	{"content", `{"id":"chatcmpl-8f1c2d3e","created":1719000000,"model":"gpt-4o","object":"chat.completion.chunk","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":{"content":" token"}}],"provider_specific_fields":{}}`, true},
	{"role first", `{"id":"chatcmpl-1","created":1719000000,"model":"gpt-4o","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}`, true},
	{"finish", `{"id":"chatcmpl-1","created":1719000000,"model":"gpt-4o","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop","logprobs":null}]}`, true},
	{"usage", `{"id":"chatcmpl-1","created":1719000000,"model":"gpt-4o","object":"chat.completion.chunk","choices":[],"usage":{"completion_tokens":9,"prompt_tokens":10,"total_tokens":19,"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":null,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0,"text_tokens":9},"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0,"image_tokens":null,"text_tokens":10}}}`, true},
	{"tool call start", `{"id":"chatcmpl-1","created":1719000000,"model":"gpt-4o","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_abc123","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}`, true},
	{"tool call arguments", `{"id":"chatcmpl-1","created":1719000000,"model":"gpt-4o","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\": \"Par"}}]}}]}`, true},
	{"parallel tool calls", `{"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"a","arguments":"{}"}},{"index":1,"id":"call_2","type":"function","function":{"name":"b","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}`, true},
	{"function call", `{"id":"c","choices":[{"index":0,"delta":{"function_call":{"name":"f","arguments":"{\"x\":1}"}}}]}`, true},
	{"several choices", `{"id":"c","choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"content":"b"}},{"index":2,"delta":{"content":"c"},"finish_reason":"length"}]}`, true},
	{"reasoning and refusal", `{"id":"c","choices":[{"index":0,"delta":{"reasoning_content":"think","refusal":"no","thinking_blocks":[{"type":"thinking","thinking":"hm","signature":"sig"},null]}}]}`, true},
	{"provider fields", `{"id":"c","choices":[{"index":0,"delta":{"content":"x","provider_specific_fields":{"citations":["a",1,2.5e3,true,false,null,{"k":[]}],"nested":{"a":{"b":{"c":-0.0}}}}}}],"provider_specific_fields":{"x":1}}`, true},
	{"logprobs", `{"id":"c","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":{"content":[{"token":"Hi","logprob":-0.0001,"bytes":[72,105],"top_logprobs":[]}]}}]}`, true},
	{"unicode escapes", `{"id":"c","choices":[{"index":0,"delta":{"content":"caf\u00e9 \ud83d\ude00 \u20ac"}}]}`, true},
	{"raw unicode", `{"id":"c","choices":[{"index":0,"delta":{"content":"café 😀 €"}}]}`, true},
	{"lone surrogates", `{"id":"c","choices":[{"index":0,"delta":{"content":"\ud83d x \ude00 \ud83d\u0041 \ud83d\ud83d\ude00"}}]}`, true},
	{"invalid UTF-8", "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\xffb\xed\xa0\x80c\xc3\"}}]}", true},
	{"escaped quotes", `{"id":"c","choices":[{"index":0,"delta":{"content":"say \"hi\" \\ \/ \b\f\n\r\t"}}]}`, true},
	{"escaped key", `{"\u0069d":"c","choices":[]}`, true},
	{"whitespace", " \t\r\n{ \"id\" : \"c\" ,\n \"choices\" : [ { \"index\" : 0 , \"delta\" : { \"content\" : \"x\" } } ] } \n", true},
	{"nulls", `{"id":null,"created":null,"model":null,"object":null,"system_fingerprint":null,"choices":null,"usage":null,"provider_specific_fields":null}`, true},
	{"null choice and delta", `{"choices":[null,{"delta":null,"index":null,"finish_reason":null},{"delta":{"content":null,"role":null,"tool_calls":null,"function_call":null,"thinking_blocks":null,"provider_specific_fields":null}}]}`, true},
	{"null tool call", `{"choices":[{"delta":{"tool_calls":[null,{"function":null,"id":null,"index":null,"type":null}]}}]}`, true},
	{"empty arrays", `{"choices":[{"delta":{"tool_calls":[],"thinking_blocks":[]}}]}`, true},
	{"empty objects", `{"choices":[{}],"usage":{},"provider_specific_fields":{}}`, true},
	{"negative and zero", `{"created":-5,"choices":[{"index":-0}],"usage":{"total_tokens":0}}`, true},
	{"big integers", `{"created":9223372036854775807,"choices":[{"index":-9223372036854775808}]}`, true},
	{"unknown fields at any depth", `{"id":"c","obfuscation":"abc","service_tier":"default","citations":[{"a":[1,{"b":null}]}],"choices":[{"index":0,"extra":{"x":[true]},"delta":{"content":"x","audio":{"id":"a"},"annotations":[],"tool_calls":[{"index":0,"extra":1,"function":{"name":"n","extra":"e"}}]}}],"usage":{"cost":0.0001,"completion_tokens_details":{"x":1},"prompt_tokens_details":{"y":{}}}}`, true},
	{"empty object", `{}`, true},

	// Handed to encoding/json: the result must be the same either way.
	{"exponent in int field", `{"created":1.719e9,"choices":[]}`, false},
	{"fraction in int field", `{"choices":[{"index":1.0}]}`, false},
	{"int overflow", `{"created":9223372036854775808}`, false},
	{"string in int field", `{"created":"1719000000"}`, false},
	{"number in string field", `{"id":1}`, false},
	{"bool in string field", `{"choices":[{"delta":{"content":true}}]}`, false},
	{"array in map field", `{"provider_specific_fields":[]}`, false},
	{"duplicate key", `{"id":"a","id":"b"}`, false},
	{"duplicate struct key", `{"choices":[{"delta":{"content":"a"},"delta":{"role":"assistant"}}]}`, false},
	{"duplicate slice key", `{"choices":[{"index":1,"finish_reason":"stop"}],"choices":[{"delta":{}}]}`, false},
	{"upper-case key", `{"ID":"c","Choices":[]}`, false},
	{"mixed-case key", `{"choices":[{"Delta":{"Content":"x"}}]}`, false},
	{"key folding to s", "{\"choice\u017f\":[]}", false},
	{"key folding to k (Kelvin)", "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"\u212aind\":1}]}}]}", false},
	{"invalid JSON", `{"id":"c",}`, false},
	{"mismatched brackets", `{"id":"c","x":[1}]`, false},
	{"truncated", `{"id":"c","choices":[{"index":0,"delta":{"content":"x`, false},
	{"trailing data", `{"id":"c"} x`, false},
	{"not an object", `[1,2]`, false},
	{"null chunk", `null`, false},
	{"bad escape", `{"id":"\x"}`, false},
	{"control character", "{\"id\":\"a\tb\"}", false},
	{"leading zero", `{"created":01}`, false},
	{"float out of range", `{"provider_specific_fields":{"x":1e400}}`, false},
	{"deep nesting", `{"provider_specific_fields":{"x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}}`, false},
	{"deep unknown", `{"x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`, false},
}

// decodeBoth decodes data with a fast decoder and with encoding/json and
// fails the test when the fast decoder claims a result encoding/json does
// not give. It returns whether the fast decoder decoded data itself.
func decodeBoth(t testing.TB, d *chunkDecoder, data []byte) bool {
	t.Helper()
	var fast, slow ChatCompletionChunk
	ok := d.decode(data, &fast)
	err := json.Unmarshal(data, &slow)
	if !ok {
		return false
	}
	if err != nil {
		t.Fatalf("fast decoder accepted %q, encoding/json: %v", data, err)
	}
	if !sameChunk(slow, fast) {
		t.Fatalf("fast decoder differs from encoding/json on %q (-json +fast):\n%s", data, cmp.Diff(slow, fast))
	}
	return true
}

// sameChunk reports whether a and b are equal as cmp.Equal would say (nil
// and empty slices and maps differ), but in linear time: cmp compares the
// elements of nested slices repeatedly, which is exponential in their depth,
// and the fuzzer nests arrays deeply. cmp.Diff explains a difference.
func sameChunk(a, b ChatCompletionChunk) bool {
	return reflect.DeepEqual(a, b)
}

func TestChunkDecode(t *testing.T) {
	t.Parallel()
	for _, tt := range realisticChunks {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var d chunkDecoder
			if got := decodeBoth(t, &d, []byte(tt.json)); got != tt.fast {
				t.Errorf("decoded by the fast decoder: %v, want %v", got, tt.fast)
			}
			// Again with the strings of a previous chunk in the decoder.
			d = chunkDecoder{}
			decodeBoth(t, &d, benchChunk(1))
			decodeBoth(t, &d, []byte(tt.json))
		})
	}
}

func TestChunkDecode_reusesRepeatedStrings(t *testing.T) {
	t.Parallel()
	var d chunkDecoder
	var a, b ChatCompletionChunk
	if !d.decode(benchChunk(1), &a) || !d.decode(benchChunk(2), &b) {
		t.Fatal("fast decoder refused a realistic chunk")
	}
	for _, pair := range [][2]string{{a.ID, b.ID}, {a.Model, b.Model}, {a.Object, b.Object}, {a.SystemFingerprint, b.SystemFingerprint}} {
		if unsafe.StringData(pair[0]) != unsafe.StringData(pair[1]) {
			t.Errorf("%q was allocated again", pair[0])
		}
	}
	// The values of one chunk are not shared with the next.
	if a.Choices[0].Delta.Content != " token1" || b.Choices[0].Delta.Content != " token2" {
		t.Errorf("contents %q, %q", a.Choices[0].Delta.Content, b.Choices[0].Delta.Content)
	}
	if &a.Choices[0] == &b.Choices[0] {
		t.Error("two chunks share their choices")
	}
	a.ProviderSpecificFields["x"] = 1
	if len(b.ProviderSpecificFields) != 0 {
		t.Error("two chunks share a map")
	}
}

func TestChunkDecode_allocations(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts")
	}
	var d chunkDecoder
	data := benchChunk(1)
	allocs := testing.AllocsPerRun(1000, func() {
		var c ChatCompletionChunk
		if !d.decode(data, &c) {
			t.Fatal("refused")
		}
	})
	// The choices slice, the content and the provider_specific_fields map.
	if allocs > 3 {
		t.Errorf("%v allocations per chunk, want at most 3", allocs)
	}
}

// TestStream_fastAndSlowAgree streams realistic chunks and checks that every
// Current is what encoding/json gives for its raw JSON.
func TestStream_fastAndSlowAgree(t *testing.T) {
	t.Parallel()
	var wire bytes.Buffer
	var want []ChatCompletionChunk
	for _, tt := range realisticChunks {
		var c ChatCompletionChunk
		if json.Unmarshal([]byte(tt.json), &c) != nil || strings.ContainsAny(tt.json, "\r\n") {
			continue
		}
		want = append(want, c)
		fmt.Fprintf(&wire, "data: %s\n\n", tt.json)
	}
	wire.WriteString("data: [DONE]\n\n")
	s := newTestStream(&wire)
	var got []ChatCompletionChunk
	for s.Next() {
		got = append(got, s.Current())
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d chunks, want %d", len(got), len(want))
	}
	for i := range want {
		if !sameChunk(want[i], got[i]) {
			t.Errorf("chunk %d differs (-want +got):\n%s", i, cmp.Diff(want[i], got[i]))
		}
	}
}

// FuzzChunkDecode checks that for any input the fast decoder either gives
// exactly what encoding/json gives, or hands the input to it.
func FuzzChunkDecode(f *testing.F) {
	for _, tt := range realisticChunks {
		f.Add([]byte(tt.json))
	}
	f.Add(benchChunk(7))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d chunkDecoder
		decodeBoth(t, &d, data)
		// With the strings of a previous chunk in the decoder.
		decodeBoth(t, &d, benchChunk(1))
		decodeBoth(t, &d, data)
	})
}

// BenchmarkChunkDecode compares, per chunk: the fast decoder on the bare
// payloads, the whole stream (SSE framing plus decoding) and json.Unmarshal
// of the same payloads. framing% is what the stream adds to decoding.
func BenchmarkChunkDecode(b *testing.B) {
	for _, n := range []int{200, 10000} {
		payloads, wire := benchStream(n)
		b.Run(fmt.Sprintf("decoder/chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var d chunkDecoder
				for _, p := range payloads {
					var c ChatCompletionChunk
					if !d.decode(p, &c) {
						b.Fatal("refused")
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/chunk")
		})
		b.Run(fmt.Sprintf("stream/chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s := newTestStream(bytes.NewReader(wire))
				count := 0
				for s.Next() {
					count++
				}
				if s.Err() != nil || count != n {
					b.Fatalf("count %d err %v", count, s.Err())
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/chunk")
		})
		b.Run(fmt.Sprintf("unmarshal/chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range payloads {
					var c ChatCompletionChunk
					if err := json.Unmarshal(p, &c); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/chunk")
		})
	}
}

// realisticCompletions are non-streaming completions (proxy-contract.md 2.3)
// and variations, as realisticChunks.
var realisticCompletions = []struct {
	name string
	json string
	fast bool
}{
	{"answer", `{"id":"chatcmpl-8f1c","created":1719000000,"model":"gpt-4o","object":"chat.completion","system_fingerprint":"fp_5050236cbd","choices":[{"finish_reason":"stop","index":0,"message":{"content":"Hello \"there\" caf\u00e9\n","role":"assistant","tool_calls":null,"function_call":null,"provider_specific_fields":{}}}],"usage":{"completion_tokens":9,"prompt_tokens":10,"total_tokens":19,"completion_tokens_details":{"reasoning_tokens":0},"prompt_tokens_details":{"cached_tokens":0}},"service_tier":"default"}`, true},
	{"tool calls", `{"id":"c","object":"chat.completion","choices":[{"finish_reason":"tool_calls","index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},null]}}]}`, true},
	{"everything", `{"choices":[{"logprobs":{"content":[]},"message":{"annotations":[{"type":"url_citation"}],"reasoning_content":"r","refusal":"no","thinking_blocks":[{"type":"thinking"}],"function_call":{"name":"f","arguments":"{}"},"images":[],"audio":null}}],"usage":{"total_tokens":1}}`, true},
	{"guardrail rejection", `{"id":"c","choices":[{"finish_reason":"stop","index":0,"message":{"content":"Rejected by guardrail","role":"assistant"}}],"usage":{"completion_tokens":0,"prompt_tokens":0,"total_tokens":0}}`, true},
	{"upper-case key", `{"Choices":[]}`, false},
	{"number as string", `{"created":"1"}`, false},
	{"invalid", `{"choices":[}`, false},
}

func TestDecodeCompletion(t *testing.T) {
	t.Parallel()
	for _, tt := range realisticCompletions {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := decodeCompletionBoth(t, []byte(tt.json)); got != tt.fast {
				t.Errorf("decoded by the fast decoder: %v, want %v", got, tt.fast)
			}
		})
	}
}

func decodeCompletionBoth(t testing.TB, data []byte) bool {
	t.Helper()
	var fast, slow gen.ChatCompletion
	ok := decodeCompletion(data, &fast)
	err := json.Unmarshal(data, &slow)
	if !ok {
		return false
	}
	if err != nil {
		t.Fatalf("fast decoder accepted %q, encoding/json: %v", data, err)
	}
	if !reflect.DeepEqual(slow, fast) {
		t.Fatalf("fast decoder differs from encoding/json on %q (-json +fast):\n%s", data, cmp.Diff(slow, fast))
	}
	return true
}

// FuzzCompletionDecode is FuzzChunkDecode for non-streaming completions.
func FuzzCompletionDecode(f *testing.F) {
	for _, tt := range realisticCompletions {
		f.Add([]byte(tt.json))
	}
	for _, tt := range realisticChunks {
		f.Add([]byte(tt.json))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		decodeCompletionBoth(t, data)
	})
}

// BenchmarkCompletionDecode compares the fast decoder of a ~1.5 KB
// completion with json.Unmarshal.
func BenchmarkCompletionDecode(b *testing.B) {
	data := []byte(realisticCompletions[0].json)
	data = bytes.Replace(data, []byte(`Hello \"there\" caf\u00e9\n`), bytes.Repeat([]byte(`The quick brown fox jumps over the lazy dog, \"quoted\" and caf\u00e9. `), 15), 1)
	b.Run("decoder", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var c gen.ChatCompletion
			if !decodeCompletion(data, &c) {
				b.Fatal("refused")
			}
		}
	})
	b.Run("unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var c gen.ChatCompletion
			if err := json.Unmarshal(data, &c); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestTopLevelMembers(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		body  string
		found uint64
		ok    bool
	}{
		{`{"message":"m","code":"400","type":"t"}`, 0b0111, true},
		{` {"message":null,"x":{"code":1},"type":[],"success":true} `, 0b1101, true},
		{`{"\u006dessage":1,"Code":2}`, 0b0001, true},
		{"\v{\"code\":1}\u00a0", 0b0010, true},
		{`{}`, 0, true},
		{`{"message":1,}`, 0, false},
		{`[1]`, 0, false},
		{`{"a":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`, 0, false},
	} {
		found, ok := topLevelMembers([]byte(tt.body), "message", "code", "type", "success")
		if found != tt.found || ok != tt.ok {
			t.Errorf("topLevelMembers(%q) = %b, %v; want %b, %v", tt.body, found, ok, tt.found, tt.ok)
		}
	}
}

// FuzzTopLevelMembers checks topLevelMembers against json.Unmarshal into a
// map[string]json.RawMessage (after bytes.TrimSpace, as jsonObject does).
func FuzzTopLevelMembers(f *testing.F) {
	f.Add([]byte(`{"message":"m","code":"400","type":"t"}`))
	f.Add([]byte(`{"\u006dessage":1,"success":false}`))
	for _, tt := range realisticCompletions {
		f.Add([]byte(tt.json))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		names := []string{"message", "code", "type", "success"}
		found, ok := topLevelMembers(data, names...)
		if !ok {
			return
		}
		var obj map[string]json.RawMessage
		trimmed := bytes.TrimSpace(data)
		if len(trimmed) == 0 || trimmed[0] != '{' || json.Unmarshal(trimmed, &obj) != nil {
			t.Fatalf("topLevelMembers accepted %q, which is not a JSON object", data)
		}
		for i, n := range names {
			if got, want := found&(1<<i) != 0, obj[n] != nil; got != want {
				t.Fatalf("%q: member %q found %v, json says %v", data, n, got, want)
			}
		}
	})
}
