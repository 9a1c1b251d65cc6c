package facade

import (
	"reflect"
	"sync"

	"github.com/litellm-go/proxyclient/gen"
)

// The field tables of the fast decoders (chunk_decode.go) and the check
// that keeps them equal to gen's types.

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
