package facade

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// ChatService groups the chat endpoints.
type ChatService struct {
	// Completions creates chat completions, whole or streamed.
	Completions *ChatCompletionsService
}

// ChatCompletionsService creates chat completions
// (https://docs.litellm.ai/docs/proxy/user_keys).
type ChatCompletionsService service

// Wire types of the chat endpoints. They are the generated types of gen/,
// named here so that users import only facade.
type (
	// ChatCompletionRequest is the body of POST /chat/completions. Fields
	// that are pointers are sent only when set, so a zero temperature is sent.
	ChatCompletionRequest = gen.ChatCompletionRequest
	// ChatMessage is one message of the conversation; build it with
	// [SystemMessage], [UserMessage], [AssistantMessage] or [ToolMessage].
	// Content is a string or a []ChatContentPart.
	ChatMessage = gen.ChatMessage
	// ChatMessageRole is the author of a message.
	ChatMessageRole = gen.ChatMessageRole
	// ChatContentPart is one part of a multi-part message.
	ChatContentPart = gen.ChatContentPart
	// ChatTool declares a function the model may call.
	ChatTool = gen.ChatTool
	// ChatFunctionDefinition describes a callable function.
	ChatFunctionDefinition = gen.ChatFunctionDefinition
	// ChatToolCall is a tool call made by the assistant.
	ChatToolCall = gen.ChatToolCall
	// ChatFunctionCall is the name and JSON arguments of a call.
	ChatFunctionCall = gen.ChatFunctionCall
	// ChatResponseFormat asks for text, a JSON object or a JSON schema.
	ChatResponseFormat = gen.ChatResponseFormat
	// ChatStreamOptions configures a stream (include_usage).
	ChatStreamOptions = gen.ChatStreamOptions
	// ChatChoice is one choice of a completion.
	ChatChoice = gen.ChatChoice
	// ChatResponseMessage is the assistant message of a choice.
	ChatResponseMessage = gen.ChatResponseMessage
	// ChatUsage counts the tokens of a completion.
	ChatUsage = gen.ChatUsage
	// ChatCompletionChunk is one event of a streamed completion.
	ChatCompletionChunk = gen.ChatCompletionChunk
	// ChatChunkChoice is one choice of a chunk.
	ChatChunkChoice = gen.ChatChunkChoice
	// ChatDelta is the change a chunk carries.
	ChatDelta = gen.ChatDelta
	// ChatToolCallDelta is a fragment of a streamed tool call.
	ChatToolCallDelta = gen.ChatToolCallDelta
)

// Message roles.
const (
	RoleSystem    ChatMessageRole = "system"
	RoleUser      ChatMessageRole = "user"
	RoleAssistant ChatMessageRole = "assistant"
	RoleTool      ChatMessageRole = "tool"
	RoleDeveloper ChatMessageRole = "developer"
)

// SystemMessage returns a system message.
func SystemMessage(content string) ChatMessage {
	return ChatMessage{Role: RoleSystem, Content: content}
}

// DeveloperMessage returns a developer message.
func DeveloperMessage(content string) ChatMessage {
	return ChatMessage{Role: RoleDeveloper, Content: content}
}

// UserMessage returns a user message.
func UserMessage(content string) ChatMessage {
	return ChatMessage{Role: RoleUser, Content: content}
}

// UserMessageParts returns a user message made of content parts (text, images, ...).
func UserMessageParts(parts ...ChatContentPart) ChatMessage {
	return ChatMessage{Role: RoleUser, Content: parts}
}

// AssistantMessage returns an assistant message, for replaying a conversation.
func AssistantMessage(content string) ChatMessage {
	return ChatMessage{Role: RoleAssistant, Content: content}
}

// ToolMessage returns the answer to the tool call with the given id.
func ToolMessage(toolCallID, content string) ChatMessage {
	return ChatMessage{Role: RoleTool, ToolCallID: toolCallID, Content: content}
}

// ChatCompletion is a chat completion. It embeds the generated type and
// keeps the JSON it was decoded from, so that fields this version does not
// know (provider_specific_fields of a new release, say) stay reachable
// through RawJSON.
type ChatCompletion struct {
	gen.ChatCompletion
	raw []byte
}

func (c *ChatCompletion) keepRaw(b []byte) { c.raw = b }

// decodeFast decodes a completion with the hand-written decoder of
// chunk_decode.go (about 4x faster than encoding/json), or reports that
// encoding/json must decide.
func (c *ChatCompletion) decodeFast(body []byte) bool {
	if decodeCompletion(body, &c.ChatCompletion) {
		return true
	}
	c.ChatCompletion = gen.ChatCompletion{}
	return false
}

// RawJSON returns the response body the completion was decoded from.
func (c *ChatCompletion) RawJSON() json.RawMessage { return c.raw }

// Content returns the text of the first choice, or "" when there is none.
func (c *ChatCompletion) Content() string {
	if c == nil || len(c.Choices) == 0 {
		return ""
	}
	return c.Choices[0].Message.Content
}

// Create sends a chat completion request and returns the whole completion.
// req.Stream is ignored (use [ChatCompletionsService.Stream]).
//
// Endpoint: POST /chat/completions (Python: client.chat.completions).
func (s *ChatCompletionsService) Create(ctx context.Context, req *ChatCompletionRequest, opts ...Option) (*ChatCompletion, error) {
	if err := checkChatRequest(req); err != nil {
		return nil, err
	}
	body := req
	if req.Stream || req.StreamOptions != (ChatStreamOptions{}) {
		cp := *req // never change the caller's request
		cp.Stream, cp.StreamOptions = false, ChatStreamOptions{}
		body = &cp
	}
	const method, path = http.MethodPost, "/chat/completions"
	enc, err := jsonBody(method, path, body)
	if err != nil {
		return nil, err
	}
	r := newRequest(method, path).ofKind(kindChat).
		with(gen.NewChatCompletionRequestWithBody(s.client.server, jsonContentType, enc))
	completion := new(ChatCompletion)
	return result(completion, s.client.doJSON(ctx, r, completion, opts))
}

func checkChatRequest(req *ChatCompletionRequest) error {
	switch {
	case req == nil:
		return errors.New("POST /chat/completions: nil request")
	case req.Model == "":
		return errors.New("POST /chat/completions: model is required")
	case len(req.Messages) == 0:
		return errors.New("POST /chat/completions: at least one message is required")
	}
	return nil
}
