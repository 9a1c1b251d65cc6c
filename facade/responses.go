package facade

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"strconv"

	"github.com/litellm-go/proxyclient/gen"
)

// ResponsesService is OpenAI's Responses API through the proxy: create a
// response (whole or streamed as typed events), get, delete or cancel a
// stored one, and list its input items.
type ResponsesService service

// Wire types of the Responses API (the generated types of gen/).
type (
	// ResponseRequest is the body of POST /responses. Input is a string or
	// a list of input items ([]map[string]any, or any JSON-encodable
	// values such as {"role": "user", "content": "..."}).
	ResponseRequest = gen.ResponseRequest
	// ResponseOutputItem is an output item: a message, a function call, ...
	ResponseOutputItem = gen.ResponseOutputItem
	// ResponseOutputContent is a content part of an output message.
	ResponseOutputContent = gen.ResponseOutputContent
	// ResponseUsage counts the tokens of a response.
	ResponseUsage = gen.ResponseUsage
	// ResponseStreamEvent is one event of a streamed response; Type says
	// which ("response.output_text.delta" carries Delta, "response.completed"
	// the whole Response, ...).
	ResponseStreamEvent = gen.ResponseStreamEvent
	// ResponseDeleted is the answer of DELETE /responses/{id}.
	ResponseDeleted = gen.ResponseDeleted
	// ResponseInputItemList is the answer of GET /responses/{id}/input_items.
	ResponseInputItemList = gen.ResponseInputItemList
)

// Response is a model response. It embeds the generated type and keeps the
// JSON it was decoded from: the Responses API has many members this type
// does not name (tools, reasoning, text, ...), reachable through RawJSON.
type Response struct {
	gen.Response
	raw []byte
}

func (r *Response) keepRaw(b []byte) { r.raw = b }

// RawJSON returns the response body the response was decoded from.
func (r *Response) RawJSON() json.RawMessage { return r.raw }

// OutputText returns the text of every output_text part of the response's
// messages, concatenated, as OpenAI's SDKs' output_text does.
func (r *Response) OutputText() string {
	if r == nil {
		return ""
	}
	return outputText(&r.Response)
}

func outputText(r *gen.Response) string {
	var s []byte
	for _, item := range r.Output {
		if item.Type != "message" {
			continue
		}
		for _, c := range item.Content {
			if c.Type == "output_text" {
				s = append(s, c.Text...)
			}
		}
	}
	return string(s)
}

func checkResponseRequest(req *ResponseRequest) error {
	switch {
	case req == nil:
		return errors.New("POST /responses: nil request")
	case req.Model == "":
		return errors.New("POST /responses: model is required")
	case req.Input == nil:
		return errors.New("POST /responses: input is required")
	}
	return nil
}

// Create creates a response and returns it whole (req.Stream is ignored;
// use [ResponsesService.Stream]). With Background set it returns at once
// with status "queued" or "in_progress"; Get it later, or Cancel it.
//
// Endpoint: POST /responses (Python: litellm.responses through the proxy).
func (s *ResponsesService) Create(ctx context.Context, req *ResponseRequest, opts ...Option) (*Response, error) {
	if err := checkResponseRequest(req); err != nil {
		return nil, err
	}
	body := req
	if req.Stream {
		cp := *req
		cp.Stream = false
		body = &cp
	}
	r := newRequest(http.MethodPost, "/responses").ofKind(kindChat).
		with(gen.NewResponseCreateRequest(s.client.server, *body))
	res := new(Response)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}

// Get returns a stored response.
//
// Endpoint: GET /responses/{response_id}.
func (s *ResponsesService) Get(ctx context.Context, id string, opts ...Option) (*Response, error) {
	const method, path = http.MethodGet, "/responses/{response_id}"
	if err := pathParam(method, path, "response id", id); err != nil {
		return nil, err
	}
	r := newRequest(method, path).ofKind(kindChat).
		with(gen.NewResponseGetRequest(s.client.server, id))
	res := new(Response)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}

// Delete deletes a stored response.
//
// Endpoint: DELETE /responses/{response_id}.
func (s *ResponsesService) Delete(ctx context.Context, id string, opts ...Option) (*ResponseDeleted, error) {
	const method, path = http.MethodDelete, "/responses/{response_id}"
	if err := pathParam(method, path, "response id", id); err != nil {
		return nil, err
	}
	r := newRequest(method, path).ofKind(kindChat).
		with(gen.NewResponseDeleteRequest(s.client.server, id))
	deleted := new(ResponseDeleted)
	return result(deleted, s.client.doJSON(ctx, r, deleted, opts))
}

// Cancel cancels a background response and returns it (status "cancelled").
//
// Endpoint: POST /responses/{response_id}/cancel.
func (s *ResponsesService) Cancel(ctx context.Context, id string, opts ...Option) (*Response, error) {
	const method, path = http.MethodPost, "/responses/{response_id}/cancel"
	if err := pathParam(method, path, "response id", id); err != nil {
		return nil, err
	}
	r := newRequest(method, path).ofKind(kindChat).
		with(gen.NewResponseCancelRequest(s.client.server, id))
	res := new(Response)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}

// InputItems lists the input items of a stored response, newest first.
//
// Endpoint: GET /responses/{response_id}/input_items.
func (s *ResponsesService) InputItems(ctx context.Context, id string, opts ...Option) (*ResponseInputItemList, error) {
	const method, path = http.MethodGet, "/responses/{response_id}/input_items"
	if err := pathParam(method, path, "response id", id); err != nil {
		return nil, err
	}
	r := newRequest(method, path).ofKind(kindChat).
		with(gen.NewResponseInputItemsRequest(s.client.server, id))
	items := new(ResponseInputItemList)
	return result(items, s.client.doJSON(ctx, r, items, opts))
}

// Stream creates a response with stream=true and returns its events. It is
// built on the chat stream machinery (the same timeouts, errors and
// connection handling, see [ChatCompletionsService.Stream]); the
// difference is the end: OpenAI ends a response stream with its last event
// (response.completed, response.incomplete or response.failed) and no
// "data: [DONE]", so the stream ends cleanly there, and an "error" event
// ends it with an *APIError.
//
// Endpoint: POST /responses with stream=true.
func (s *ResponsesService) Stream(ctx context.Context, req *ResponseRequest, opts ...Option) (*ResponseStream, error) {
	if err := checkResponseRequest(req); err != nil {
		return nil, err
	}
	body := *req
	body.Stream = true
	r := newRequest(http.MethodPost, "/responses").ofKind(kindStream).
		with(gen.NewResponseCreateRequest(s.client.server, body))
	st, err := result(openStream[ResponseStreamEvent](ctx, s.client, r, opts))
	if st == nil || err != nil {
		return nil, err
	}
	return &ResponseStream{s: st}, nil
}

// ResponseStream is the stream of events of a response. Use it like
// [Stream]: Next, Current, Err, Close, or All.
type ResponseStream struct {
	s     *Stream[ResponseStreamEvent]
	cur   ResponseStreamEvent
	final *gen.Response
	ended bool
	err   error
}

// Next advances to the next event. It returns false after the last event
// or on error; then Err says which.
func (r *ResponseStream) Next() bool {
	if r.ended {
		return false
	}
	if r.final != nil {
		// The last event came: stop here, whether or not the server
		// sends more (a [DONE]) or closes the connection.
		r.ended = true
		_ = r.s.Close()
		return false
	}
	if !r.s.Next() {
		r.ended = true
		r.err = r.s.Err()
		return false
	}
	r.cur = r.s.Current()
	switch r.cur.Type {
	case "response.completed", "response.incomplete", "response.failed":
		resp := r.cur.Response
		r.final = &resp
	case "error":
		r.ended = true
		apiErr := &APIError{StatusCode: http.StatusInternalServerError, Message: Redact(r.cur.Message), Type: "error",
			Code: r.cur.Code, Method: http.MethodPost, Path: "/responses", Body: append([]byte(nil), r.s.CurrentJSON()...), MidStream: true}
		if n, err := strconv.Atoi(r.cur.Code); err == nil && n >= 400 && n < 600 {
			apiErr.StatusCode = n
		}
		r.err = apiErr
		_ = r.s.Close()
		return false
	}
	return true
}

// Current returns the event decoded by the last call to Next.
func (r *ResponseStream) Current() ResponseStreamEvent { return r.cur }

// CurrentJSON returns the raw JSON of the current event, valid until the
// next call to Next.
func (r *ResponseStream) CurrentJSON() json.RawMessage { return r.s.CurrentJSON() }

// Err returns the error that ended the stream, or nil when it ended with
// its last event (or was closed).
func (r *ResponseStream) Err() error { return r.err }

// Final returns the response of the last event (response.completed,
// response.incomplete or response.failed), or nil before it came.
func (r *ResponseStream) Final() *Response {
	if r.final == nil {
		return nil
	}
	return &Response{Response: *r.final}
}

// Response returns the HTTP response of the stream, for its headers.
func (r *ResponseStream) Response() *http.Response { return r.s.Response() }

// Close stops the stream and releases its connection; safe to call twice.
func (r *ResponseStream) Close() error { return r.s.Close() }

// All returns an iterator over the remaining events; a final error, if
// any, is yielded with a zero event. Breaking out of the loop closes the stream.
func (r *ResponseStream) All() iter.Seq2[ResponseStreamEvent, error] {
	return func(yield func(ResponseStreamEvent, error) bool) {
		for r.Next() {
			if !yield(r.cur, nil) {
				_ = r.Close()
				return
			}
		}
		if r.err != nil {
			yield(ResponseStreamEvent{}, r.err)
		}
	}
}
