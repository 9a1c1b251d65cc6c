package facade

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/litellm-go/proxyclient/gen"
)

// PromptsService manages the prompts stored in the proxy (prompt
// management): templates such as .prompt (dotprompt) files that a chat
// completion names with prompt_id and fills with prompt_variables. Every
// change stores a new version ("my-prompt.v2"); each version belongs to an
// environment (development by default). Every call needs a proxy admin
// key; storing needs a database, reading works without one (on the
// prompts of the config file).
type PromptsService service

// Wire types of the prompt endpoints, named here so that users import
// only facade.
type (
	// Prompt is a prompt (a version of it). The lists and Get give the
	// PromptID without its version suffix; Create, Update and Patch give
	// the suffixed id ("my-prompt.v2") of the version they stored.
	Prompt = gen.Prompt
	// PromptParams are a prompt's litellm_params: PromptIntegration
	// ("dotprompt", ...) is required; a dotprompt prompt has its file in
	// DotpromptContent. Settings without a field (prompt_data) go in
	// AdditionalProperties.
	PromptParams = gen.PromptParams
	// PromptInfo is a prompt's prompt_info: PromptType (PromptTypeDB or
	// PromptTypeConfig) and Environment.
	PromptInfo = gen.PromptInfo
	// PromptDetail is the answer of Get: the prompt (PromptSpec), its
	// parsed template (RawPromptTemplate) and the environments it is in.
	PromptDetail = gen.PromptDetail
	// PromptTemplate is the parsed template of a dotprompt prompt: the
	// front matter (Metadata) and the template (Content).
	PromptTemplate = gen.PromptTemplate
	// PromptCreateRequest is the body of Create and Update.
	PromptCreateRequest = gen.PromptCreateRequest
	// PromptPatchRequest is the body of Patch: the members set replace the
	// stored ones.
	PromptPatchRequest = gen.PromptPatchRequest
	// PromptTestRequest is the body of Test.
	PromptTestRequest = gen.PromptTestRequest
)

// The values of [PromptInfo]'s PromptType.
const (
	// PromptTypeDB is a prompt stored through the API.
	PromptTypeDB = gen.PromptTypeDB
	// PromptTypeConfig is a prompt of the proxy's config file; the API
	// cannot change or delete it.
	PromptTypeConfig = gen.PromptTypeConfig
)

// PromptOptions select an environment for List, Get, Versions, Patch and
// Delete; the zero value (or nil) selects none.
type PromptOptions struct {
	// Environment is the environment (development, staging, production,
	// or any name) of the versions to read or change.
	Environment string
}

// env returns the environment, or nil for none: the proxy takes an empty
// environment= for one named "" (GET then finds nothing).
func (o *PromptOptions) env() *string {
	if o == nil || o.Environment == "" {
		return nil
	}
	e := o.Environment
	return &e
}

// checkPrompt rejects a body the proxy would refuse with a 422.
func checkPrompt(route string, req *PromptCreateRequest) error {
	switch {
	case req == nil || req.PromptID == "":
		return errors.New(route + ": prompt id is required")
	case req.LitellmParams.PromptIntegration == "":
		return errors.New(route + ": litellm_params.prompt_integration is required")
	}
	return nil
}

// promptNotFound makes the proxy's HTTP 400 "Prompt <id> not found" (GET
// of an unknown prompt) match [ErrNotFound] too.
func promptNotFound(err error) error {
	var e *APIError
	if errors.As(err, &e) && e.StatusCode == http.StatusBadRequest && strings.Contains(e.Message, " not found") {
		e.NotFoundHint = true
	}
	return err
}

// Create stores a new version of req.PromptID (the next version in the
// environment of req.PromptInfo, development by default) and returns it,
// with the versioned id ("my-prompt.v1"; creating it again makes
// ".v2"). Without a database it is an HTTP 500 *APIError.
//
// Endpoint: POST /prompts (Python: none).
func (s *PromptsService) Create(ctx context.Context, req *PromptCreateRequest, opts ...Option) (*Prompt, error) {
	if err := checkPrompt("POST /prompts", req); err != nil {
		return nil, err
	}
	r := newRequest(http.MethodPost, "/prompts").with(gen.NewPromptCreateRequest(s.client.server, *req))
	out := new(Prompt)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// List returns the latest version of every prompt (of o's environment,
// when set), each PromptID without its version suffix. The proxy does not
// page this list.
//
// Endpoint: GET /prompts/list (Python: none).
func (s *PromptsService) List(ctx context.Context, o *PromptOptions, opts ...Option) ([]Prompt, error) {
	r := newRequest(http.MethodGet, "/prompts/list").
		with(gen.NewPromptListRequest(s.client.server, &gen.PromptListParams{Environment: o.env()}))
	res := new(gen.PromptList)
	return result(arrayResult(&res.Prompts, s.client.doJSON(ctx, r, res, opts)))
}

// Get returns the prompt id: its latest version, or the version of a
// suffixed id ("my-prompt.v1"), with its parsed template and the
// environments it has versions in. With o.Environment it is the version of
// that environment. An unknown prompt is an error matching [ErrNotFound]
// (the proxy answers HTTP 400).
//
// Endpoint: GET /prompts/{prompt_id} (Python: none).
func (s *PromptsService) Get(ctx context.Context, id string, o *PromptOptions, opts ...Option) (*PromptDetail, error) {
	if id == "" {
		return nil, errors.New("GET /prompts/{prompt_id}: prompt id is required")
	}
	r := newRequest(http.MethodGet, "/prompts/{prompt_id}").
		with(gen.NewPromptGetRequest(s.client.server, id, &gen.PromptGetParams{Environment: o.env()}))
	out := new(PromptDetail)
	return result(out, promptNotFound(s.client.doJSON(ctx, r, out, opts)))
}

// Info is Get through the proxy's /info route (the same answer).
//
// Endpoint: GET /prompts/{prompt_id}/info (Python: none).
func (s *PromptsService) Info(ctx context.Context, id string, o *PromptOptions, opts ...Option) (*PromptDetail, error) {
	if id == "" {
		return nil, errors.New("GET /prompts/{prompt_id}/info: prompt id is required")
	}
	r := newRequest(http.MethodGet, "/prompts/{prompt_id}/info").
		with(gen.NewPromptInfoRequest(s.client.server, id, &gen.PromptInfoParams{Environment: o.env()}))
	out := new(PromptDetail)
	return result(out, promptNotFound(s.client.doJSON(ctx, r, out, opts)))
}

// Versions returns every version of the prompt id (of o's environment,
// when set), newest first; each has the PromptID without suffix and its
// Version. A prompt without versions is an error matching [ErrNotFound].
//
// Endpoint: GET /prompts/{prompt_id}/versions (Python: none).
func (s *PromptsService) Versions(ctx context.Context, id string, o *PromptOptions, opts ...Option) ([]Prompt, error) {
	if id == "" {
		return nil, errors.New("GET /prompts/{prompt_id}/versions: prompt id is required")
	}
	r := newRequest(http.MethodGet, "/prompts/{prompt_id}/versions").
		with(gen.NewPromptVersionsRequest(s.client.server, id, &gen.PromptVersionsParams{Environment: o.env()}))
	res := new(gen.PromptList)
	return result(arrayResult(&res.Prompts, s.client.doJSON(ctx, r, res, opts)))
}

// Update stores req as a new version of the existing prompt id (the next
// version in the environment of req.PromptInfo) and returns it. The proxy
// ignores req.PromptID; an unknown prompt is an error matching
// [ErrNotFound].
//
// Endpoint: PUT /prompts/{prompt_id} (Python: none).
func (s *PromptsService) Update(ctx context.Context, id string, req *PromptCreateRequest, opts ...Option) (*Prompt, error) {
	if id == "" {
		return nil, errors.New("PUT /prompts/{prompt_id}: prompt id is required")
	}
	if err := checkPrompt("PUT /prompts/{prompt_id}", req); err != nil {
		return nil, err
	}
	r := newRequest(http.MethodPut, "/prompts/{prompt_id}").with(gen.NewPromptUpdateRequest(s.client.server, id, *req))
	out := new(Prompt)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// Patch replaces the members of req that are set in the latest version
// of the prompt id in o's environment (development when unset), or in the
// version of a suffixed id, without making a new version. An unknown
// prompt is an error matching [ErrNotFound].
//
// Endpoint: PATCH /prompts/{prompt_id} (Python: none).
func (s *PromptsService) Patch(ctx context.Context, id string, req *PromptPatchRequest, o *PromptOptions, opts ...Option) (*Prompt, error) {
	if id == "" {
		return nil, errors.New("PATCH /prompts/{prompt_id}: prompt id is required")
	}
	if req == nil {
		req = &PromptPatchRequest{}
	}
	if req.LitellmParams != nil && req.LitellmParams.PromptIntegration == "" {
		return nil, errors.New("PATCH /prompts/{prompt_id}: litellm_params.prompt_integration is required")
	}
	r := newRequest(http.MethodPatch, "/prompts/{prompt_id}").
		with(gen.NewPromptPatchRequest(s.client.server, id, &gen.PromptPatchParams{Environment: o.env()}, *req))
	out := new(Prompt)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// Delete deletes every version of the prompt id (of o's environment, when
// set) and returns the proxy's message. An unknown prompt is an error
// matching [ErrNotFound].
//
// Endpoint: DELETE /prompts/{prompt_id} (Python: none).
func (s *PromptsService) Delete(ctx context.Context, id string, o *PromptOptions, opts ...Option) (string, error) {
	if id == "" {
		return "", errors.New("DELETE /prompts/{prompt_id}: prompt id is required")
	}
	r := newRequest(http.MethodDelete, "/prompts/{prompt_id}").
		with(gen.NewPromptDeleteRequest(s.client.server, id, &gen.PromptDeleteParams{Environment: o.env()}))
	out := new(gen.PromptDeleteResponse)
	res, err := result(out, s.client.doJSON(ctx, r, out, opts))
	if err != nil || res == nil { // nil with ReturnRequest
		return "", err
	}
	return res.Message, nil
}

// Test renders req.DotpromptContent (a .prompt file whose front matter
// names the model) with req.PromptVariables and sends it to the model;
// the proxy always streams the answer, so Test returns the stream of chat
// completion chunks (see [ChatCompletionsService.Stream] for its errors
// and timeouts). A prompt without a model or without a message, and an
// unknown model, are errors matching [ErrBadRequest]. It works without a
// database.
//
// Endpoint: POST /prompts/test (Python: none).
func (s *PromptsService) Test(ctx context.Context, req *PromptTestRequest, opts ...Option) (*ChatCompletionStream, error) {
	if req == nil || req.DotpromptContent == "" {
		return nil, errors.New("POST /prompts/test: dotprompt content is required")
	}
	r := newRequest(http.MethodPost, "/prompts/test").ofKind(kindStream).
		with(gen.NewPromptTestRequest(s.client.server, *req))
	return result(openStream[ChatCompletionChunk](ctx, s.client, r, opts))
}
