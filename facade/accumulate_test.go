package facade

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestChatCompletionAccumulator(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		chunks []string
		want   string // the expected completion, as JSON
	}{
		{
			name: "content and role",
			chunks: []string{
				`{"id":"c1","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}`,
				`{"id":"c1","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"lo"}}]}`,
				`{"id":"c1","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}`,
			},
			want: `{"id":"c1","created":1,"model":"gpt-4o","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hello"}}]}`,
		},
		{
			name: "several choices out of order",
			chunks: []string{
				`{"id":"c2","choices":[{"index":1,"delta":{"role":"assistant","content":"B"}},{"index":0,"delta":{"role":"assistant","content":"A"}}]}`,
				`{"id":"c2","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":"stop"},{"index":1,"delta":{"content":"b"},"finish_reason":"length"}]}`,
			},
			want: `{"id":"c2","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Aa"}},{"index":1,"finish_reason":"length","message":{"role":"assistant","content":"Bb"}}]}`,
		},
		{
			name: "parallel tool calls",
			chunks: []string{
				`{"id":"c3","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"weather","arguments":""}}]}}]}`,
				`{"id":"c3","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"time","arguments":"{\"tz\":"}}]}}]}`,
				`{"id":"c3","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Paris\"}"}}]}}]}`,
				`{"id":"c3","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\"UTC\"}"}}]},"finish_reason":"tool_calls"}]}`,
			},
			want: `{"id":"c3","object":"chat.completion","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","tool_calls":[
				{"id":"call_a","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}},
				{"id":"call_b","type":"function","function":{"name":"time","arguments":"{\"tz\":\"UTC\"}"}}]}}]}`,
		},
		{
			name: "usage-only final chunk",
			chunks: []string{
				`{"id":"c4","choices":[{"index":0,"delta":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}`,
				`{"id":"c4","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4,"completion_tokens_details":{"reasoning_tokens":0}}}`,
			},
			want: `{"id":"c4","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"hi"}}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}`,
		},
		{
			name: "reasoning, refusal, function_call and unknown fields",
			chunks: []string{
				`{"id":"c5","brand_new_field":{"x":1},"choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"think ","future":true}}]}`,
				`{"id":"c5","choices":[{"index":0,"delta":{"reasoning_content":"hard","refusal":"no ","function_call":{"name":"f","arguments":"{"}}}]}`,
				`{"id":"c5","choices":[{"index":0,"delta":{"refusal":"way","function_call":{"arguments":"}"}},"finish_reason":"function_call"}]}`,
			},
			want: `{"id":"c5","object":"chat.completion","choices":[{"index":0,"finish_reason":"function_call","message":{"role":"assistant","reasoning_content":"think hard","refusal":"no way","function_call":{"name":"f","arguments":"{}"}}}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var acc ChatCompletionAccumulator
			for _, c := range tt.chunks {
				var chunk ChatCompletionChunk
				if err := json.Unmarshal([]byte(c), &chunk); err != nil {
					t.Fatalf("bad chunk %s: %v", c, err)
				}
				acc.Add(chunk)
			}
			var want ChatCompletion
			if err := json.Unmarshal([]byte(tt.want), &want.ChatCompletion); err != nil {
				t.Fatalf("bad want: %v", err)
			}
			got := acc.Completion()
			if diff := cmp.Diff(want.ChatCompletion, got.ChatCompletion, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("completion (-want +got):\n%s", diff)
			}
			if acc.Chunks() != len(tt.chunks) {
				t.Errorf("Chunks = %d, want %d", acc.Chunks(), len(tt.chunks))
			}
		})
	}
}
