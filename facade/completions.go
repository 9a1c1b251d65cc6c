package facade

import (
	"context"
	"errors"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// CompletionsService creates legacy text completions (POST /completions),
// for models and prompts that predate chat.
type CompletionsService service

// Wire types of the legacy completions endpoint. They are the generated
// types of gen/, named here so that users import only facade.
type (
	// CompletionRequest is the body of POST /completions. Prompt is a
	// string or a []string.
	CompletionRequest = gen.CompletionRequest
	// Completion is a text completion, or one chunk of a streamed one.
	Completion = gen.TextCompletion
	// CompletionChoice is one choice of a completion.
	CompletionChoice = gen.TextCompletionChoice
)

// CompletionStream is a stream of text completion chunks.
type CompletionStream = Stream[Completion]

func checkCompletionRequest(req *CompletionRequest) error {
	switch {
	case req == nil:
		return errors.New("POST /completions: nil request")
	case req.Model == "":
		return errors.New("POST /completions: model is required")
	case req.Prompt == nil:
		return errors.New("POST /completions: prompt is required")
	}
	return nil
}

// Create sends a text completion request and returns the whole completion.
// req.Stream is ignored (use [CompletionsService.Stream]).
//
// Endpoint: POST /completions (Python: litellm.text_completion through the proxy).
func (s *CompletionsService) Create(ctx context.Context, req *CompletionRequest, opts ...Option) (*Completion, error) {
	if err := checkCompletionRequest(req); err != nil {
		return nil, err
	}
	body := req
	if req.Stream || req.StreamOptions != (ChatStreamOptions{}) {
		cp := *req
		cp.Stream, cp.StreamOptions = false, ChatStreamOptions{}
		body = &cp
	}
	r := newRequest(http.MethodPost, "/completions").ofKind(kindChat).
		with(gen.NewCompletionRequest(s.client.server, nil, *body))
	completion := new(Completion)
	return result(completion, s.client.doJSON(ctx, r, completion, opts))
}

// Stream sends a text completion request with stream=true and returns the
// stream of chunks, each a [Completion] whose choices carry the new text.
// Errors and timeouts are those of [ChatCompletionsService.Stream].
//
// Endpoint: POST /completions with stream=true.
func (s *CompletionsService) Stream(ctx context.Context, req *CompletionRequest, opts ...Option) (*CompletionStream, error) {
	if err := checkCompletionRequest(req); err != nil {
		return nil, err
	}
	body := *req
	body.Stream = true
	r := newRequest(http.MethodPost, "/completions").ofKind(kindStream).
		with(gen.NewCompletionRequest(s.client.server, nil, body))
	return result(openStream[Completion](ctx, s.client, r, opts))
}

// CompletionText returns the text of the first choice of c, or "" when there is none.
func CompletionText(c *Completion) string {
	if c == nil || len(c.Choices) == 0 {
		return ""
	}
	return c.Choices[0].Text
}
