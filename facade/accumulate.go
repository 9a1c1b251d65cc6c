package facade

import (
	"sort"
	"strings"

	"github.com/litellm-go/proxyclient/gen"
)

// ChatCompletionAccumulator folds the chunks of a stream into the complete
// [ChatCompletion] the same request would have returned without streaming:
// content, role, refusal and reasoning per choice, tool calls by index
// (parallel calls, arguments concatenated), function_call, finish_reason,
// and usage from the final usage chunk. The zero value is ready to use.
//
//	var acc facade.ChatCompletionAccumulator
//	for s.Next() {
//		acc.Add(s.Current())
//	}
//	completion := acc.Completion()
type ChatCompletionAccumulator struct {
	id, model, fingerprint string
	created                int64
	usage                  *gen.ChatUsage
	choices                map[int]*choiceAcc
	chunks                 int
}

type choiceAcc struct {
	role, finish                string
	content, refusal, reasoning strings.Builder
	fnName                      string
	fnArgs                      strings.Builder
	hasFn                       bool
	tools                       map[int]*toolAcc
	thinking                    []map[string]any
}

type toolAcc struct {
	id, typ, name string
	args          strings.Builder
}

// Add folds one chunk into the completion.
func (a *ChatCompletionAccumulator) Add(chunk ChatCompletionChunk) {
	a.chunks++
	if a.id == "" {
		a.id = chunk.ID
	}
	if chunk.Model != "" {
		a.model = chunk.Model
	}
	if a.created == 0 {
		a.created = chunk.Created
	}
	if chunk.SystemFingerprint != "" {
		a.fingerprint = chunk.SystemFingerprint
	}
	if chunk.Usage != (gen.ChatUsage{}) {
		u := chunk.Usage
		a.usage = &u
	}
	if a.choices == nil && len(chunk.Choices) > 0 {
		a.choices = make(map[int]*choiceAcc, len(chunk.Choices))
	}
	for i := range chunk.Choices {
		a.addChoice(&chunk.Choices[i])
	}
}

func (a *ChatCompletionAccumulator) addChoice(c *ChatChunkChoice) {
	ch := a.choices[c.Index]
	if ch == nil {
		ch = &choiceAcc{}
		a.choices[c.Index] = ch
	}
	d := &c.Delta
	if d.Role != "" {
		ch.role = d.Role
	}
	ch.content.WriteString(d.Content)
	ch.refusal.WriteString(d.Refusal)
	ch.reasoning.WriteString(d.ReasoningContent)
	if d.FunctionCall != (gen.ChatFunctionCall{}) {
		ch.hasFn = true
		if d.FunctionCall.Name != "" {
			ch.fnName = d.FunctionCall.Name
		}
		ch.fnArgs.WriteString(d.FunctionCall.Arguments)
	}
	ch.thinking = append(ch.thinking, d.ThinkingBlocks...)
	for i := range d.ToolCalls {
		tc := &d.ToolCalls[i]
		if ch.tools == nil {
			ch.tools = map[int]*toolAcc{}
		}
		t := ch.tools[tc.Index]
		if t == nil {
			t = &toolAcc{}
			ch.tools[tc.Index] = t
		}
		if tc.ID != "" {
			t.id = tc.ID
		}
		if tc.Type != "" {
			t.typ = tc.Type
		}
		if tc.Function.Name != "" {
			t.name = tc.Function.Name
		}
		t.args.WriteString(tc.Function.Arguments)
	}
	if c.FinishReason != "" {
		ch.finish = c.FinishReason
	}
}

// Chunks returns the number of chunks added.
func (a *ChatCompletionAccumulator) Chunks() int { return a.chunks }

// Completion returns the completion accumulated so far, with choices in
// index order.
func (a *ChatCompletionAccumulator) Completion() *ChatCompletion {
	out := &ChatCompletion{}
	out.ID, out.Model, out.Created, out.SystemFingerprint = a.id, a.model, a.created, a.fingerprint
	out.Object = "chat.completion"
	if a.usage != nil {
		out.Usage = *a.usage
	}
	indexes := make([]int, 0, len(a.choices))
	for i := range a.choices {
		indexes = append(indexes, i)
	}
	sort.Ints(indexes)
	for _, i := range indexes {
		ch := a.choices[i]
		msg := gen.ChatResponseMessage{
			Role:             ch.role,
			Content:          ch.content.String(),
			Refusal:          ch.refusal.String(),
			ReasoningContent: ch.reasoning.String(),
			ThinkingBlocks:   ch.thinking,
		}
		if msg.Role == "" {
			msg.Role = string(RoleAssistant)
		}
		if ch.hasFn {
			msg.FunctionCall = gen.ChatFunctionCall{Name: ch.fnName, Arguments: ch.fnArgs.String()}
		}
		if len(ch.tools) > 0 {
			tis := make([]int, 0, len(ch.tools))
			for ti := range ch.tools {
				tis = append(tis, ti)
			}
			sort.Ints(tis)
			for _, ti := range tis {
				t := ch.tools[ti]
				typ := t.typ
				if typ == "" {
					typ = "function"
				}
				msg.ToolCalls = append(msg.ToolCalls, gen.ChatToolCall{
					ID: t.id, Type: gen.ChatToolCallType(typ),
					Function: gen.ChatFunctionCall{Name: t.name, Arguments: t.args.String()},
				})
			}
		}
		out.Choices = append(out.Choices, gen.ChatChoice{Index: i, FinishReason: ch.finish, Message: msg})
	}
	return out
}
