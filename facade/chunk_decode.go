package facade

import (
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
