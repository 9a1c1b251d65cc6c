package facade

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"reflect"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/litellm-go/proxyclient/gen"
)

// chunkDecoder decodes the JSON of a chat completion chunk straight into a
// ChatCompletionChunk, without reflection. It is what makes Stream fast: a
// chunk is mostly the same id, model, object and system_fingerprint as the
// previous one plus a few bytes of content, so the decoder reuses the strings
// of the previous chunk when they repeat and allocates little more than the
// new content and the choices slice.
//
// It handles only what it can decode exactly as encoding/json would, and
// reports false for anything else: invalid JSON, a value of an unexpected
// type, a number that is not a plain integer, a duplicate key, a key that
// encoding/json would match case-insensitively, very deep nesting. The caller
// then decodes the same bytes with json.Unmarshal, which gives the result (or
// the error) encoding/json gives. Unknown keys are skipped, as encoding/json
// skips them, after checking that their values are valid JSON.
//
// A chunkDecoder is used by one stream at a time; it keeps no reference to
// the bytes it decoded.
type chunkDecoder struct {
	data []byte
	pos  int
	bad  bool // sticky: the input must go to encoding/json
	deep int  // nesting depth of the generic (map[string]any) values

	buf    []byte // unescaped string values
	keyBuf []byte // unescaped keys

	// errorKey says that the chunk has a member named "error": it may be
	// an error event, which the stream checks.
	errorKey bool

	// choices are zero choices, handed out one by one (see choice).
	choices []gen.ChatChunkChoice

	// Strings of the previous chunks, reused when they repeat.
	id, model, object, fingerprint string
	toolID, toolName, toolType     string
}

// maxGenericDepth bounds the nesting of free-form values (logprobs,
// provider_specific_fields) the decoder follows; deeper ones go to
// encoding/json.
const maxGenericDepth = 64

// retainScratch is the capacity above which a scratch buffer is dropped
// after use instead of being kept for the next chunk.
const retainScratch = 64 << 10

// decode decodes data into c, which must be the zero value. It reports
// whether it did; if not, c holds a partial result and the caller must
// zero it and use encoding/json.
func (d *chunkDecoder) decode(data []byte, c *gen.ChatCompletionChunk) bool {
	if !chunkTypesKnown() {
		return false
	}
	d.data, d.pos, d.bad, d.deep, d.errorKey = data, 0, false, 0, false
	d.ws()
	d.chunk(c)
	d.ws()
	ok := !d.bad && d.pos == len(d.data)
	d.data = nil
	if cap(d.buf) > retainScratch {
		d.buf = nil
	}
	if cap(d.keyBuf) > retainScratch {
		d.keyBuf = nil
	}
	return ok
}

// Keys of the decoded types, exactly as their json tags spell them.
var (
	chunkKeys             = []string{"choices", "created", "id", "model", "object", "provider_specific_fields", "system_fingerprint", "usage"}
	chunkChoiceKeys       = []string{"delta", "finish_reason", "index", "logprobs"}
	deltaKeys             = []string{"content", "function_call", "provider_specific_fields", "reasoning_content", "refusal", "role", "thinking_blocks", "tool_calls"}
	toolCallKeys          = []string{"function", "id", "index", "type"}
	functionCallKeys      = []string{"arguments", "name"}
	chatCompletionKeys    = []string{"choices", "created", "id", "model", "object", "service_tier", "system_fingerprint", "usage"}
	choiceKeys            = []string{"finish_reason", "index", "logprobs", "message"}
	messageKeys           = []string{"annotations", "content", "function_call", "provider_specific_fields", "reasoning_content", "refusal", "role", "thinking_blocks", "tool_calls"}
	toolCallFullKeys      = []string{"function", "id", "type"}
	usageKeys             = []string{"completion_tokens", "completion_tokens_details", "prompt_tokens", "prompt_tokens_details", "total_tokens"}
	completionDetailsKeys = []string{"accepted_prediction_tokens", "audio_tokens", "reasoning_tokens", "rejected_prediction_tokens", "text_tokens"}
	promptDetailsKeys     = []string{"audio_tokens", "cached_tokens", "image_tokens", "text_tokens"}
)

// chunkTypesKnown reports whether the generated chunk types have exactly the
// fields this decoder fills. If gen/ gains a field, the decoder would skip
// its key as unknown; this check turns the fast path off instead, and
// TestChunkTypesKnown fails.
var chunkTypesKnown = sync.OnceValue(func() bool {
	return checkChunkTypes() == nil
})

// checkChunkTypes returns a description of the first difference between the
// generated types and the keys above, or nil.
func checkChunkTypes() []string {
	type want struct {
		t    reflect.Type
		keys []string
	}
	for _, w := range []want{
		{reflect.TypeFor[gen.ChatCompletionChunk](), chunkKeys},
		{reflect.TypeFor[gen.ChatChunkChoice](), chunkChoiceKeys},
		{reflect.TypeFor[gen.ChatDelta](), deltaKeys},
		{reflect.TypeFor[gen.ChatToolCallDelta](), toolCallKeys},
		{reflect.TypeFor[gen.ChatFunctionCall](), functionCallKeys},
		{reflect.TypeFor[gen.ChatUsage](), usageKeys},
		{reflect.TypeFor[gen.ChatCompletion](), chatCompletionKeys},
		{reflect.TypeFor[gen.ChatChoice](), choiceKeys},
		{reflect.TypeFor[gen.ChatResponseMessage](), messageKeys},
		{reflect.TypeFor[gen.ChatToolCall](), toolCallFullKeys},
		{reflect.TypeFor[gen.ChatCompletionTokensDetails](), completionDetailsKeys},
		{reflect.TypeFor[gen.ChatPromptTokensDetails](), promptDetailsKeys},
	} {
		var got []string
		for i := range w.t.NumField() {
			f := w.t.Field(i)
			name, _, _ := cutComma(f.Tag.Get("json"))
			if f.Anonymous || !f.IsExported() || name == "" || name == "-" {
				return []string{w.t.String(), f.Name, "unexpected field"}
			}
			got = append(got, name)
		}
		if len(got) != len(w.keys) {
			return append([]string{w.t.String()}, got...)
		}
		for i := range got {
			if got[i] != w.keys[i] {
				return append([]string{w.t.String()}, got...)
			}
		}
		for _, m := range []reflect.Type{w.t, reflect.PointerTo(w.t)} {
			if m.Implements(reflect.TypeFor[interface{ UnmarshalJSON([]byte) error }]()) ||
				m.Implements(reflect.TypeFor[interface{ UnmarshalText([]byte) error }]()) {
				return []string{w.t.String(), "has its own unmarshaler"}
			}
		}
	}
	// The Go types the decoder stores into.
	for _, f := range []struct {
		t    reflect.Type
		name string
		kind reflect.Type
	}{
		{reflect.TypeFor[gen.ChatCompletionChunk](), "Choices", reflect.TypeFor[[]gen.ChatChunkChoice]()},
		{reflect.TypeFor[gen.ChatCompletionChunk](), "Created", reflect.TypeFor[int64]()},
		{reflect.TypeFor[gen.ChatCompletionChunk](), "ID", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatCompletionChunk](), "Model", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatCompletionChunk](), "Object", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatCompletionChunk](), "ProviderSpecificFields", reflect.TypeFor[map[string]any]()},
		{reflect.TypeFor[gen.ChatCompletionChunk](), "SystemFingerprint", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatCompletionChunk](), "Usage", reflect.TypeFor[gen.ChatUsage]()},
		{reflect.TypeFor[gen.ChatChunkChoice](), "Delta", reflect.TypeFor[gen.ChatDelta]()},
		{reflect.TypeFor[gen.ChatChunkChoice](), "FinishReason", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatChunkChoice](), "Index", reflect.TypeFor[int]()},
		{reflect.TypeFor[gen.ChatChunkChoice](), "Logprobs", reflect.TypeFor[map[string]any]()},
		{reflect.TypeFor[gen.ChatDelta](), "Content", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatDelta](), "FunctionCall", reflect.TypeFor[gen.ChatFunctionCall]()},
		{reflect.TypeFor[gen.ChatDelta](), "ProviderSpecificFields", reflect.TypeFor[map[string]any]()},
		{reflect.TypeFor[gen.ChatDelta](), "ReasoningContent", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatDelta](), "Refusal", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatDelta](), "Role", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatDelta](), "ThinkingBlocks", reflect.TypeFor[[]map[string]any]()},
		{reflect.TypeFor[gen.ChatDelta](), "ToolCalls", reflect.TypeFor[[]gen.ChatToolCallDelta]()},
		{reflect.TypeFor[gen.ChatToolCallDelta](), "Function", reflect.TypeFor[gen.ChatFunctionCall]()},
		{reflect.TypeFor[gen.ChatToolCallDelta](), "ID", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatToolCallDelta](), "Index", reflect.TypeFor[int]()},
		{reflect.TypeFor[gen.ChatToolCallDelta](), "Type", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatFunctionCall](), "Arguments", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatFunctionCall](), "Name", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatCompletion](), "Choices", reflect.TypeFor[[]gen.ChatChoice]()},
		{reflect.TypeFor[gen.ChatCompletion](), "Created", reflect.TypeFor[int64]()},
		{reflect.TypeFor[gen.ChatCompletion](), "ID", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatCompletion](), "Model", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatCompletion](), "Object", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatCompletion](), "ServiceTier", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatCompletion](), "SystemFingerprint", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatCompletion](), "Usage", reflect.TypeFor[gen.ChatUsage]()},
		{reflect.TypeFor[gen.ChatChoice](), "FinishReason", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatChoice](), "Index", reflect.TypeFor[int]()},
		{reflect.TypeFor[gen.ChatChoice](), "Logprobs", reflect.TypeFor[map[string]any]()},
		{reflect.TypeFor[gen.ChatChoice](), "Message", reflect.TypeFor[gen.ChatResponseMessage]()},
		{reflect.TypeFor[gen.ChatResponseMessage](), "Annotations", reflect.TypeFor[[]map[string]any]()},
		{reflect.TypeFor[gen.ChatResponseMessage](), "Content", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatResponseMessage](), "FunctionCall", reflect.TypeFor[gen.ChatFunctionCall]()},
		{reflect.TypeFor[gen.ChatResponseMessage](), "ProviderSpecificFields", reflect.TypeFor[map[string]any]()},
		{reflect.TypeFor[gen.ChatResponseMessage](), "ReasoningContent", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatResponseMessage](), "Refusal", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatResponseMessage](), "Role", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatResponseMessage](), "ThinkingBlocks", reflect.TypeFor[[]map[string]any]()},
		{reflect.TypeFor[gen.ChatResponseMessage](), "ToolCalls", reflect.TypeFor[[]gen.ChatToolCall]()},
		{reflect.TypeFor[gen.ChatToolCall](), "Function", reflect.TypeFor[gen.ChatFunctionCall]()},
		{reflect.TypeFor[gen.ChatToolCall](), "ID", reflect.TypeFor[string]()},
		{reflect.TypeFor[gen.ChatToolCall](), "Type", reflect.TypeFor[gen.ChatToolCallType]()},
		{reflect.TypeFor[gen.ChatUsage](), "CompletionTokens", reflect.TypeFor[int]()},
		{reflect.TypeFor[gen.ChatUsage](), "CompletionTokensDetails", reflect.TypeFor[gen.ChatCompletionTokensDetails]()},
		{reflect.TypeFor[gen.ChatUsage](), "PromptTokens", reflect.TypeFor[int]()},
		{reflect.TypeFor[gen.ChatUsage](), "PromptTokensDetails", reflect.TypeFor[gen.ChatPromptTokensDetails]()},
		{reflect.TypeFor[gen.ChatUsage](), "TotalTokens", reflect.TypeFor[int]()},
	} {
		sf, ok := f.t.FieldByName(f.name)
		if !ok || sf.Type != f.kind {
			return []string{f.t.String(), f.name, "has another type"}
		}
	}
	if t := reflect.TypeFor[gen.ChatToolCallType](); t.Kind() != reflect.String ||
		reflect.PointerTo(t).Implements(reflect.TypeFor[interface{ UnmarshalJSON([]byte) error }]()) ||
		reflect.PointerTo(t).Implements(reflect.TypeFor[interface{ UnmarshalText([]byte) error }]()) {
		return []string{t.String(), "is not a plain string"}
	}
	for _, t := range []reflect.Type{reflect.TypeFor[gen.ChatCompletionTokensDetails](), reflect.TypeFor[gen.ChatPromptTokensDetails]()} {
		for i := range t.NumField() {
			if t.Field(i).Type != reflect.TypeFor[int]() {
				return []string{t.String(), t.Field(i).Name, "is not an int"}
			}
		}
	}
	return nil
}

func cutComma(s string) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == ',' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// decodeCompletion decodes the body of a non-streaming chat completion into
// c, which must be the zero value, exactly as json.Unmarshal would, or
// reports false (see chunkDecoder).
func decodeCompletion(data []byte, c *gen.ChatCompletion) bool {
	if !chunkTypesKnown() {
		return false
	}
	d := chunkDecoder{data: data}
	d.ws()
	d.completion(c)
	d.ws()
	return !d.bad && d.pos == len(d.data)
}

// topLevelMembers reports which of names are members of the JSON object in
// b (surrounding white space as bytes.TrimSpace sees it allowed), as
// json.Unmarshal into a map[string]json.RawMessage would see them: keys
// unescaped and compared exactly. Bit i of found is set when names[i] is a
// member. ok is false when b is not a JSON object the scanner can read
// (invalid, or nested deeper than it follows); the caller must then decide
// another way. It lets a caller rule a body out without decoding it.
func topLevelMembers(b []byte, names ...string) (found uint64, ok bool) {
	d := chunkDecoder{data: bytes.TrimSpace(b)}
	if d.pos >= len(d.data) || d.data[0] != '{' || len(names) > 64 {
		return 0, false
	}
	if d.openObject() {
		for {
			key := d.key()
			if d.bad {
				return 0, false
			}
			for i, n := range names {
				if n == string(key) {
					found |= 1 << i
				}
			}
			d.skip()
			if !d.nextIn('}') {
				break
			}
		}
	}
	d.ws()
	return found, !d.bad && d.pos == len(d.data)
}

// --- the completion types ---

func (d *chunkDecoder) completion(c *gen.ChatCompletion) {
	if !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		var bit uint
		switch string(key) {
		case "choices":
			bit = 1 << 0
		case "created":
			bit = 1 << 1
		case "id":
			bit = 1 << 2
		case "model":
			bit = 1 << 3
		case "object":
			bit = 1 << 4
		case "service_tier":
			bit = 1 << 5
		case "system_fingerprint":
			bit = 1 << 6
		case "usage":
			bit = 1 << 7
		default:
			d.unknown(key, chatCompletionKeys)
		}
		if bit != 0 {
			if seen&bit != 0 {
				d.bad = true
				return
			}
			seen |= bit
			switch bit {
			case 1 << 0:
				c.Choices = d.completionChoices()
			case 1 << 1:
				c.Created = d.int64()
			case 1 << 2:
				c.ID = d.string()
			case 1 << 3:
				c.Model = d.string()
			case 1 << 4:
				c.Object = d.stringConst()
			case 1 << 5:
				c.ServiceTier = d.stringConst()
			case 1 << 6:
				c.SystemFingerprint = d.string()
			case 1 << 7:
				d.usage(&c.Usage)
			}
		}
		if !d.nextIn('}') {
			return
		}
	}
}

// decodeArray decodes a JSON array (or null) of objects, each with elem; a
// null element stays the zero value, as with encoding/json.
func decodeArray[T any](d *chunkDecoder, elem func(*T)) []T {
	if d.null() {
		return nil
	}
	if !d.openArray() {
		if d.bad {
			return nil
		}
		return []T{}
	}
	out := make([]T, 1)
	for i := 0; ; i++ {
		if i > 0 {
			var zero T
			out = append(out, zero)
		}
		if !d.null() {
			elem(&out[i])
		}
		if d.bad || !d.nextIn(']') {
			return out
		}
	}
}

func (d *chunkDecoder) completionChoices() []gen.ChatChoice {
	return decodeArray(d, d.completionChoice)
}

func (d *chunkDecoder) completionChoice(ch *gen.ChatChoice) {
	if !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		var bit uint
		switch string(key) {
		case "finish_reason":
			bit = 1 << 0
		case "index":
			bit = 1 << 1
		case "logprobs":
			bit = 1 << 2
		case "message":
			bit = 1 << 3
		default:
			d.unknown(key, choiceKeys)
		}
		if bit != 0 {
			if seen&bit != 0 {
				d.bad = true
				return
			}
			seen |= bit
			switch bit {
			case 1 << 0:
				ch.FinishReason = d.stringConst()
			case 1 << 1:
				ch.Index = d.int()
			case 1 << 2:
				ch.Logprobs = d.mapAny()
			case 1 << 3:
				d.message(&ch.Message)
			}
		}
		if !d.nextIn('}') {
			return
		}
	}
}

func (d *chunkDecoder) message(m *gen.ChatResponseMessage) {
	if d.null() || !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		var bit uint
		switch string(key) {
		case "annotations":
			bit = 1 << 0
		case "content":
			bit = 1 << 1
		case "function_call":
			bit = 1 << 2
		case "provider_specific_fields":
			bit = 1 << 3
		case "reasoning_content":
			bit = 1 << 4
		case "refusal":
			bit = 1 << 5
		case "role":
			bit = 1 << 6
		case "thinking_blocks":
			bit = 1 << 7
		case "tool_calls":
			bit = 1 << 8
		default:
			d.unknown(key, messageKeys)
		}
		if bit != 0 {
			if seen&bit != 0 {
				d.bad = true
				return
			}
			seen |= bit
			switch bit {
			case 1 << 0:
				m.Annotations = d.mapSlice()
			case 1 << 1:
				m.Content = d.string()
			case 1 << 2:
				d.functionCall(&m.FunctionCall)
			case 1 << 3:
				m.ProviderSpecificFields = d.mapAny()
			case 1 << 4:
				m.ReasoningContent = d.string()
			case 1 << 5:
				m.Refusal = d.string()
			case 1 << 6:
				m.Role = d.stringConst()
			case 1 << 7:
				m.ThinkingBlocks = d.mapSlice()
			case 1 << 8:
				m.ToolCalls = d.fullToolCalls()
			}
		}
		if !d.nextIn('}') {
			return
		}
	}
}

func (d *chunkDecoder) fullToolCalls() []gen.ChatToolCall { return decodeArray(d, d.fullToolCall) }

func (d *chunkDecoder) fullToolCall(t *gen.ChatToolCall) {
	if !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		var bit uint
		switch string(key) {
		case "function":
			bit = 1 << 0
		case "id":
			bit = 1 << 1
		case "type":
			bit = 1 << 2
		default:
			d.unknown(key, toolCallFullKeys)
		}
		if bit != 0 {
			if seen&bit != 0 {
				d.bad = true
				return
			}
			seen |= bit
			switch bit {
			case 1 << 0:
				d.functionCall(&t.Function)
			case 1 << 1:
				t.ID = d.string()
			case 1 << 2:
				t.Type = gen.ChatToolCallType(d.stringConst())
			}
		}
		if !d.nextIn('}') {
			return
		}
	}
}

// --- the chunk types ---

func (d *chunkDecoder) chunk(c *gen.ChatCompletionChunk) {
	if !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		var bit uint
		switch string(key) {
		case "choices":
			bit = 1 << 0
		case "created":
			bit = 1 << 1
		case "id":
			bit = 1 << 2
		case "model":
			bit = 1 << 3
		case "object":
			bit = 1 << 4
		case "provider_specific_fields":
			bit = 1 << 5
		case "system_fingerprint":
			bit = 1 << 6
		case "usage":
			bit = 1 << 7
		default:
			if string(key) == "error" {
				d.errorKey = true
			}
			d.unknown(key, chunkKeys)
		}
		if bit != 0 {
			if seen&bit != 0 {
				d.bad = true // encoding/json merges duplicates: let it
				return
			}
			seen |= bit
			switch bit {
			case 1 << 0:
				c.Choices = d.chunkChoices()
			case 1 << 1:
				c.Created = d.int64()
			case 1 << 2:
				c.ID = d.stringReuse(&d.id)
			case 1 << 3:
				c.Model = d.stringReuse(&d.model)
			case 1 << 4:
				c.Object = d.stringReuse(&d.object)
			case 1 << 5:
				c.ProviderSpecificFields = d.mapAny()
			case 1 << 6:
				c.SystemFingerprint = d.stringReuse(&d.fingerprint)
			case 1 << 7:
				d.usage(&c.Usage)
			}
		}
		if !d.nextIn('}') {
			return
		}
	}
}

func (d *chunkDecoder) chunkChoices() []gen.ChatChunkChoice {
	if d.null() {
		return nil
	}
	if !d.openArray() {
		if d.bad {
			return nil
		}
		return []gen.ChatChunkChoice{}
	}
	// Usually one choice: decode it in place.
	out := d.choice()
	for i := 0; ; i++ {
		if i > 0 {
			out = append(out, gen.ChatChunkChoice{})
		}
		if !d.null() {
			d.chunkChoice(&out[i])
		}
		if d.bad || !d.nextIn(']') {
			return out
		}
	}
}

func (d *chunkDecoder) chunkChoice(ch *gen.ChatChunkChoice) {
	if !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		var bit uint
		switch string(key) {
		case "delta":
			bit = 1 << 0
		case "finish_reason":
			bit = 1 << 1
		case "index":
			bit = 1 << 2
		case "logprobs":
			bit = 1 << 3
		default:
			d.unknown(key, chunkChoiceKeys)
		}
		if bit != 0 {
			if seen&bit != 0 {
				d.bad = true
				return
			}
			seen |= bit
			switch bit {
			case 1 << 0:
				d.delta(&ch.Delta)
			case 1 << 1:
				ch.FinishReason = d.stringConst()
			case 1 << 2:
				ch.Index = d.int()
			case 1 << 3:
				ch.Logprobs = d.mapAny()
			}
		}
		if !d.nextIn('}') {
			return
		}
	}
}

func (d *chunkDecoder) delta(dl *gen.ChatDelta) {
	if d.null() || !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		var bit uint
		switch string(key) {
		case "content":
			bit = 1 << 0
		case "function_call":
			bit = 1 << 1
		case "provider_specific_fields":
			bit = 1 << 2
		case "reasoning_content":
			bit = 1 << 3
		case "refusal":
			bit = 1 << 4
		case "role":
			bit = 1 << 5
		case "thinking_blocks":
			bit = 1 << 6
		case "tool_calls":
			bit = 1 << 7
		default:
			d.unknown(key, deltaKeys)
		}
		if bit != 0 {
			if seen&bit != 0 {
				d.bad = true
				return
			}
			seen |= bit
			switch bit {
			case 1 << 0:
				dl.Content = d.string()
			case 1 << 1:
				d.functionCall(&dl.FunctionCall)
			case 1 << 2:
				dl.ProviderSpecificFields = d.mapAny()
			case 1 << 3:
				dl.ReasoningContent = d.string()
			case 1 << 4:
				dl.Refusal = d.string()
			case 1 << 5:
				dl.Role = d.stringConst()
			case 1 << 6:
				dl.ThinkingBlocks = d.mapSlice()
			case 1 << 7:
				dl.ToolCalls = d.toolCalls()
			}
		}
		if !d.nextIn('}') {
			return
		}
	}
}

func (d *chunkDecoder) toolCalls() []gen.ChatToolCallDelta { return decodeArray(d, d.toolCall) }

func (d *chunkDecoder) toolCall(t *gen.ChatToolCallDelta) {
	if !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		var bit uint
		switch string(key) {
		case "function":
			bit = 1 << 0
		case "id":
			bit = 1 << 1
		case "index":
			bit = 1 << 2
		case "type":
			bit = 1 << 3
		default:
			d.unknown(key, toolCallKeys)
		}
		if bit != 0 {
			if seen&bit != 0 {
				d.bad = true
				return
			}
			seen |= bit
			switch bit {
			case 1 << 0:
				d.functionCall(&t.Function)
			case 1 << 1:
				t.ID = d.stringReuse(&d.toolID)
			case 1 << 2:
				t.Index = d.int()
			case 1 << 3:
				t.Type = d.stringReuse(&d.toolType)
			}
		}
		if !d.nextIn('}') {
			return
		}
	}
}

func (d *chunkDecoder) functionCall(f *gen.ChatFunctionCall) {
	if d.null() || !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		var bit uint
		switch string(key) {
		case "arguments":
			bit = 1 << 0
		case "name":
			bit = 1 << 1
		default:
			d.unknown(key, functionCallKeys)
		}
		if bit != 0 {
			if seen&bit != 0 {
				d.bad = true
				return
			}
			seen |= bit
			switch bit {
			case 1 << 0:
				f.Arguments = d.string()
			case 1 << 1:
				f.Name = d.stringReuse(&d.toolName)
			}
		}
		if !d.nextIn('}') {
			return
		}
	}
}

func (d *chunkDecoder) usage(u *gen.ChatUsage) {
	if d.null() || !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		var bit uint
		switch string(key) {
		case "completion_tokens":
			bit = 1 << 0
		case "completion_tokens_details":
			bit = 1 << 1
		case "prompt_tokens":
			bit = 1 << 2
		case "prompt_tokens_details":
			bit = 1 << 3
		case "total_tokens":
			bit = 1 << 4
		default:
			d.unknown(key, usageKeys)
		}
		if bit != 0 {
			if seen&bit != 0 {
				d.bad = true
				return
			}
			seen |= bit
			switch bit {
			case 1 << 0:
				u.CompletionTokens = d.int()
			case 1 << 1:
				d.completionDetails(&u.CompletionTokensDetails)
			case 1 << 2:
				u.PromptTokens = d.int()
			case 1 << 3:
				d.promptDetails(&u.PromptTokensDetails)
			case 1 << 4:
				u.TotalTokens = d.int()
			}
		}
		if !d.nextIn('}') {
			return
		}
	}
}

func (d *chunkDecoder) completionDetails(c *gen.ChatCompletionTokensDetails) {
	d.intFields(completionDetailsKeys, [5]*int{&c.AcceptedPredictionTokens, &c.AudioTokens, &c.ReasoningTokens, &c.RejectedPredictionTokens, &c.TextTokens})
}

func (d *chunkDecoder) promptDetails(p *gen.ChatPromptTokensDetails) {
	d.intFields(promptDetailsKeys, [5]*int{&p.AudioTokens, &p.CachedTokens, &p.ImageTokens, &p.TextTokens})
}

// intFields decodes an object whose fields are all ints: keys[i] goes to
// *fields[i].
func (d *chunkDecoder) intFields(keys []string, fields [5]*int) {
	if d.null() || !d.openObject() {
		return
	}
	var seen uint
	for {
		key := d.key()
		if d.bad {
			return
		}
		i := 0
		for i < len(keys) && keys[i] != string(key) {
			i++
		}
		if i == len(keys) {
			d.unknown(key, keys)
		} else {
			if seen&(1<<i) != 0 {
				d.bad = true
				return
			}
			seen |= 1 << i
			*fields[i] = d.int()
		}
		if !d.nextIn('}') {
			return
		}
	}
}

// unknown skips the value of a key that is not exactly one of known. When
// encoding/json would match the key to a field anyway (it also matches keys
// case-insensitively, with Unicode folding), the input goes to it.
func (d *chunkDecoder) unknown(key []byte, known []string) {
	for _, c := range key {
		if c >= utf8.RuneSelf { // may fold to ASCII (U+017F is s, U+212A is k)
			d.bad = true
			return
		}
	}
	for _, k := range known {
		if len(k) == len(key) && asciiEqualFold(k, key) {
			d.bad = true
			return
		}
	}
	d.skip()
}

func asciiEqualFold(s string, b []byte) bool {
	for i := range len(s) {
		x, y := s[i], b[i]
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// --- free-form values (map[string]any), decoded as encoding/json does ---

// mapAny decodes null (nil) or an object into a map[string]any.
func (d *chunkDecoder) mapAny() map[string]any {
	if d.null() {
		return nil
	}
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		d.bad = true
		return nil
	}
	return d.anyObject()
}

// mapSlice decodes null or an array of objects (or nulls) into a []map[string]any.
func (d *chunkDecoder) mapSlice() []map[string]any {
	if d.null() {
		return nil
	}
	if !d.openArray() {
		if d.bad {
			return nil
		}
		return []map[string]any{}
	}
	var out []map[string]any
	for {
		out = append(out, d.mapAny())
		if d.bad || !d.nextIn(']') {
			return out
		}
	}
}

// anyObject decodes the object at d.pos, which starts with '{'.
func (d *chunkDecoder) anyObject() map[string]any {
	d.deep++
	defer func() { d.deep-- }()
	if d.deep > maxGenericDepth {
		d.bad = true
		return nil
	}
	m := make(map[string]any)
	if !d.openObject() {
		return m
	}
	for {
		key := d.key()
		if d.bad {
			return nil
		}
		k := string(key)
		m[k] = d.value()
		if !d.nextIn('}') {
			return m
		}
	}
}

// value decodes any JSON value as encoding/json decodes it into an any.
func (d *chunkDecoder) value() any {
	if d.pos >= len(d.data) {
		d.bad = true
		return nil
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		return d.anyObject()
	case c == '[':
		d.deep++
		defer func() { d.deep-- }()
		if d.deep > maxGenericDepth {
			d.bad = true
			return nil
		}
		out := make([]any, 0)
		if !d.openArray() {
			return out
		}
		for {
			out = append(out, d.value())
			if d.bad || !d.nextIn(']') {
				return out
			}
		}
	case c == '"':
		return d.string()
	case c == 't':
		d.literal("true")
		return true
	case c == 'f':
		d.literal("false")
		return false
	case c == 'n':
		d.literal("null")
		return nil
	case c == '-' || ('0' <= c && c <= '9'):
		num := d.number()
		if d.bad {
			return nil
		}
		f, err := strconv.ParseFloat(string(num), 64)
		if err != nil {
			d.bad = true // out of range: encoding/json reports it
			return nil
		}
		return f
	}
	d.bad = true
	return nil
}

// --- scalars ---

// null consumes a null and reports whether there was one.
func (d *chunkDecoder) null() bool {
	if d.pos < len(d.data) && d.data[d.pos] == 'n' {
		d.literal("null")
		return !d.bad
	}
	return false
}

func (d *chunkDecoder) literal(lit string) {
	if len(d.data)-d.pos < len(lit) || string(d.data[d.pos:d.pos+len(lit)]) != lit {
		d.bad = true
		return
	}
	d.pos += len(lit)
}

// number consumes a JSON number and returns its bytes.
func (d *chunkDecoder) number() []byte {
	start, p, b := d.pos, d.pos, d.data
	if p < len(b) && b[p] == '-' {
		p++
	}
	switch {
	case p < len(b) && b[p] == '0':
		p++
	case p < len(b) && '1' <= b[p] && b[p] <= '9':
		for p < len(b) && '0' <= b[p] && b[p] <= '9' {
			p++
		}
	default:
		d.bad = true
		return nil
	}
	if p < len(b) && b[p] == '.' {
		p++
		if p >= len(b) || b[p] < '0' || b[p] > '9' {
			d.bad = true
			return nil
		}
		for p < len(b) && '0' <= b[p] && b[p] <= '9' {
			p++
		}
	}
	if p < len(b) && (b[p] == 'e' || b[p] == 'E') {
		p++
		if p < len(b) && (b[p] == '+' || b[p] == '-') {
			p++
		}
		if p >= len(b) || b[p] < '0' || b[p] > '9' {
			d.bad = true
			return nil
		}
		for p < len(b) && '0' <= b[p] && b[p] <= '9' {
			p++
		}
	}
	d.pos = p
	return b[start:p]
}

// int64 decodes null (0) or an integer. Fractions, exponents and values out
// of range are errors in encoding/json: they go to it.
func (d *chunkDecoder) int64() int64 {
	if d.null() {
		return 0
	}
	b, p := d.data, d.pos
	neg := p < len(b) && b[p] == '-'
	if neg {
		p++
	}
	start := p
	var n uint64
	for p < len(b) && '0' <= b[p] && b[p] <= '9' {
		if n > (1<<63)/10 {
			d.bad = true
			return 0
		}
		n = n*10 + uint64(b[p]-'0')
		p++
	}
	switch {
	case p == start, b[start] == '0' && p-start > 1: // no digit, or a leading zero
		d.bad = true
		return 0
	case p < len(b) && (b[p] == '.' || b[p] == 'e' || b[p] == 'E'):
		d.bad = true
		return 0
	case !neg && n > 1<<63-1, neg && n > 1<<63:
		d.bad = true
		return 0
	}
	d.pos = p
	if neg {
		return -int64(n)
	}
	return int64(n)
}

// int decodes null (0) or an integer that fits in an int.
func (d *chunkDecoder) int() int {
	n := d.int64()
	if strconv.IntSize == 32 && (n < -1<<31 || n > 1<<31-1) {
		d.bad = true
		return 0
	}
	return int(n)
}

// rawString consumes a string. It returns its bytes between the quotes and
// whether they can be used as they are (no escapes, only ASCII).
func (d *chunkDecoder) rawString() (raw []byte, plain bool) {
	b, p := d.data, d.pos
	if p >= len(b) || b[p] != '"' {
		d.bad = true
		return nil, false
	}
	p++
	start := p
	plain = true
	for {
		// Go to the next special byte: a quote, a backslash, a control
		// character or a byte of a multi-byte character. Eight bytes at a
		// time while there are eight.
		if len(b)-p >= 8 {
			m := specialBytes(binary.LittleEndian.Uint64(b[p:]))
			if m == 0 {
				p += 8
				continue
			}
			p += bits.TrailingZeros64(m) / 8
		} else if p >= len(b) {
			d.bad = true
			return nil, false
		}
		switch c := b[p]; {
		case c == '"':
			d.pos = p + 1
			return b[start:p], plain
		case c == '\\':
			plain = false
			if p+1 >= len(b) {
				d.bad = true
				return nil, false
			}
			switch b[p+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p += 2
			case 'u':
				if len(b)-p < 6 || !isHex(b[p+2]) || !isHex(b[p+3]) || !isHex(b[p+4]) || !isHex(b[p+5]) {
					d.bad = true
					return nil, false
				}
				p += 6
			default:
				d.bad = true
				return nil, false
			}
		case c < ' ':
			d.bad = true
			return nil, false
		case c >= utf8.RuneSelf:
			plain = false
			p++
		default: // an ordinary byte of the last seven
			p++
		}
	}
}

// specialBytes returns a mask with the high bit set in the bytes of x (in
// little-endian order) that are a quote, a backslash, below 0x20 or above
// 0x7f. Bytes above the first special one may be flagged wrongly (borrows);
// the lowest flagged byte is always special.
func specialBytes(x uint64) uint64 {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	quote := x ^ (lo * '"')
	backslash := x ^ (lo * '\\')
	return ((quote-lo)&^quote | (backslash-lo)&^backslash | (x - lo*0x20) | x) & hi
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// string decodes null ("") or a string.
func (d *chunkDecoder) string() string {
	if d.null() {
		return ""
	}
	raw, plain := d.rawString()
	if d.bad {
		return ""
	}
	if plain {
		return string(raw)
	}
	d.buf = unescape(d.buf[:0], raw)
	return string(d.buf)
}

// stringReuse decodes null ("") or a string, returning *prev when the string
// equals it and otherwise making it the new *prev.
func (d *chunkDecoder) stringReuse(prev *string) string {
	if d.null() {
		return ""
	}
	raw, plain := d.rawString()
	if d.bad {
		return ""
	}
	if !plain {
		d.buf = unescape(d.buf[:0], raw)
		raw = d.buf
	}
	if string(raw) != *prev {
		*prev = string(raw)
	}
	return *prev
}

// stringConst decodes a string that is usually one of a few known values
// (a role, a finish reason), which it returns without allocating.
func (d *chunkDecoder) stringConst() string {
	if d.null() {
		return ""
	}
	raw, plain := d.rawString()
	if d.bad {
		return ""
	}
	if !plain {
		d.buf = unescape(d.buf[:0], raw)
		raw = d.buf
	}
	switch string(raw) {
	case "assistant":
		return "assistant"
	case "stop":
		return "stop"
	case "length":
		return "length"
	case "tool_calls":
		return "tool_calls"
	case "content_filter":
		return "content_filter"
	case "function_call":
		return "function_call"
	case "tool":
		return "tool"
	case "user":
		return "user"
	case "function":
		return "function"
	case "chat.completion":
		return "chat.completion"
	case "chat.completion.chunk":
		return "chat.completion.chunk"
	case "default":
		return "default"
	case "":
		return ""
	}
	return string(raw)
}

// key consumes an object key and the colon after it. The bytes it returns
// are valid until the next call.
func (d *chunkDecoder) key() []byte {
	raw, plain := d.rawString()
	if d.bad {
		return nil
	}
	if !plain {
		d.keyBuf = unescape(d.keyBuf[:0], raw)
		raw = d.keyBuf
	}
	d.ws()
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		d.bad = true
		return nil
	}
	d.pos++
	d.ws()
	return raw
}

// unescape appends the value of the string raw (valid JSON string contents)
// to dst, as encoding/json decodes it: invalid UTF-8 and unpaired surrogates
// become U+FFFD.
func unescape(dst, raw []byte) []byte {
	if cap(dst)-len(dst) < len(raw) {
		dst = append(make([]byte, 0, len(dst)+len(raw)), dst...)
	}
	for r := 0; r < len(raw); {
		// Copy the run of ASCII up to the next backslash or multi-byte
		// character (raw holds no quote or control character).
		run := r
		for len(raw)-run >= 8 {
			m := specialBytes(binary.LittleEndian.Uint64(raw[run:]))
			if m != 0 {
				run += bits.TrailingZeros64(m) / 8
				break
			}
			run += 8
		}
		for run < len(raw) && raw[run] != '\\' && raw[run] < utf8.RuneSelf {
			run++
		}
		dst = append(dst, raw[r:run]...)
		if r = run; r == len(raw) {
			break
		}
		if c := raw[r]; c >= utf8.RuneSelf {
			rr, size := utf8.DecodeRune(raw[r:])
			if rr == utf8.RuneError && size == 1 {
				dst = utf8.AppendRune(dst, rr)
			} else {
				dst = append(dst, raw[r:r+size]...)
			}
			r += size
			continue
		}
		switch e := raw[r+1]; e {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			rr := hex4(raw[r+2:])
			r += 6
			if utf16.IsSurrogate(rr) {
				rr1 := rune(-1)
				if len(raw)-r >= 6 && raw[r] == '\\' && raw[r+1] == 'u' {
					rr1 = hex4(raw[r+2:])
				}
				if dec := utf16.DecodeRune(rr, rr1); dec != unicode.ReplacementChar {
					r += 6
					dst = utf8.AppendRune(dst, dec)
					continue
				}
				rr = unicode.ReplacementChar
			}
			dst = utf8.AppendRune(dst, rr)
			continue
		default: // '"', '\\', '/'
			dst = append(dst, e)
		}
		r += 2
	}
	return dst
}

// hex4 decodes four hex digits (already checked by rawString).
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c <= '9':
			c -= '0'
		case c <= 'F':
			c -= 'A' - 10
		default:
			c -= 'a' - 10
		}
		r = r*16 + rune(c)
	}
	return r
}

// choiceBatch is how many choices the decoder allocates at once.
const choiceBatch = 16

// choice returns a slice of one zero choice, of capacity 1 so that an append
// copies it. The choices of successive chunks share a backing array, which
// saves an allocation per chunk; a chunk kept alive keeps at most
// choiceBatch choices alive.
func (d *chunkDecoder) choice() []gen.ChatChunkChoice {
	if len(d.choices) == 0 {
		d.choices = make([]gen.ChatChunkChoice, choiceBatch)
	}
	out := d.choices[:1:1]
	d.choices = d.choices[1:]
	return out
}

// --- structure ---

// ws skips JSON whitespace.
func (d *chunkDecoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// openObject consumes '{' and the whitespace after it. It reports whether
// the object has members; an empty object is consumed whole.
func (d *chunkDecoder) openObject() bool {
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		d.bad = true
		return false
	}
	d.pos++
	d.ws()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return false
	}
	return true
}

// openArray consumes '[' and the whitespace after it. It reports whether
// the array has elements; an empty array is consumed whole.
func (d *chunkDecoder) openArray() bool {
	if d.pos >= len(d.data) || d.data[d.pos] != '[' {
		d.bad = true
		return false
	}
	d.pos++
	d.ws()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		return false
	}
	return true
}

// skip consumes any valid JSON value without decoding it.
func (d *chunkDecoder) skip() {
	if d.pos >= len(d.data) {
		d.bad = true
		return
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		d.deep++
		defer func() { d.deep-- }()
		if d.deep > maxGenericDepth {
			d.bad = true
			return
		}
		if !d.openObject() {
			return
		}
		for {
			d.rawString()
			d.ws()
			if d.bad || d.pos >= len(d.data) || d.data[d.pos] != ':' {
				d.bad = true
				return
			}
			d.pos++
			d.ws()
			d.skip()
			if !d.nextIn('}') {
				return
			}
		}
	case c == '[':
		d.deep++
		defer func() { d.deep-- }()
		if d.deep > maxGenericDepth {
			d.bad = true
			return
		}
		if !d.openArray() {
			return
		}
		for {
			d.skip()
			if !d.nextIn(']') {
				return
			}
		}
	case c == '"':
		d.rawString()
	case c == 't':
		d.literal("true")
	case c == 'f':
		d.literal("false")
	case c == 'n':
		d.literal("null")
	case c == '-' || ('0' <= c && c <= '9'):
		d.number()
	default:
		d.bad = true
	}
}

// nextIn consumes what follows a member or an element of a container
// closed by end: a comma (then it reports true, positioned at the next key
// or element) or end (false).
func (d *chunkDecoder) nextIn(end byte) bool {
	if d.bad {
		return false
	}
	d.ws()
	if d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ',':
			d.pos++
			d.ws()
			return true
		case end:
			d.pos++
			return false
		}
	}
	d.bad = true
	return false
}
