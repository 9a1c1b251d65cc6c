package facade

import (
	"context"
	"errors"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// GuardrailsService manages guardrails: checks the proxy runs on LLM
// requests (keyword filters, PII masking, provider moderation APIs), and
// runs them on a text (Apply). Guardrails come from the proxy's config file
// (guardrails:) or from its database (Create). Managing them needs a proxy
// admin key; List and Apply take any key.
type GuardrailsService service

// Wire types of the guardrail endpoints, named here so that users import
// only facade.
type (
	// Guardrail is a guardrail. DefinitionLocation (GuardrailDefinitionLocation)
	// is "db" or "config"; a config-file guardrail listed by ListConfig has
	// no ID.
	Guardrail = gen.Guardrail
	// GuardrailParams are a guardrail's litellm_params: Guardrail (the
	// integration) and Mode are required; settings without a field go in
	// AdditionalProperties.
	GuardrailParams = gen.GuardrailParams
	// GuardrailBlockedWord is a keyword of a litellm_content_filter guardrail.
	GuardrailBlockedWord = gen.GuardrailBlockedWord
	// GuardrailSpec is a guardrail as Create and Update take it.
	GuardrailSpec = gen.GuardrailSpec
	// GuardrailPatchRequest is the body of Patch: the members set replace
	// the stored ones; LitellmParams is merged into the stored params.
	GuardrailPatchRequest = gen.GuardrailPatchRequest
	// GuardrailApplyRequest is the body of Apply.
	GuardrailApplyRequest = gen.GuardrailApplyRequest
)

// The actions of [GuardrailBlockedWord].
const (
	// GuardrailBlock refuses a text with the keyword.
	GuardrailBlock = gen.GuardrailBlock
	// GuardrailMask replaces the keyword.
	GuardrailMask = gen.GuardrailMask
)

// List returns every guardrail: those of the database, then those of the
// config file, with secret values of their params masked. It needs a
// database (1.88 answers HTTP 500 without one; 1.106 lists the config
// file's guardrails). The proxy does not page this list.
//
// Endpoint: GET /v2/guardrails/list (Python: none).
func (s *GuardrailsService) List(ctx context.Context, opts ...Option) ([]Guardrail, error) {
	r := newRequest(http.MethodGet, "/v2/guardrails/list").with(gen.NewGuardrailListV2Request(s.client.server))
	res := new(gen.GuardrailList)
	return result(arrayResult(&res.Guardrails, s.client.doJSON(ctx, r, res, opts)))
}

// ListConfig returns the guardrails of the proxy's config file only,
// without ids; it works without a database. A guardrail made with Create
// is not in it (the proxy's v1 list).
//
// Endpoint: GET /guardrails/list (Python: none).
func (s *GuardrailsService) ListConfig(ctx context.Context, opts ...Option) ([]Guardrail, error) {
	r := newRequest(http.MethodGet, "/guardrails/list").with(gen.NewGuardrailListRequest(s.client.server))
	res := new(gen.GuardrailList)
	return result(arrayResult(&res.Guardrails, s.client.doJSON(ctx, r, res, opts)))
}

// checkSpec rejects a guardrail the proxy would refuse with a 422.
func checkSpec(route string, g *GuardrailSpec) error {
	switch {
	case g == nil || g.GuardrailName == "":
		return errors.New(route + ": guardrail name is required")
	case g.LitellmParams.Guardrail == "" || g.LitellmParams.Mode == "":
		return errors.New(route + ": litellm_params.guardrail and litellm_params.mode are required")
	}
	return nil
}

// Create stores a guardrail in the database and starts it. An unknown
// integration or mode is an error matching [ErrBadRequest] (the proxy
// sends HTTP 500 with the detail "400: Guardrail configuration error:
// ..."); a name in use is an HTTP 500 *APIError (a unique-constraint
// message).
//
// Endpoint: POST /guardrails (Python: none).
func (s *GuardrailsService) Create(ctx context.Context, g *GuardrailSpec, opts ...Option) (*Guardrail, error) {
	if err := checkSpec("POST /guardrails", g); err != nil {
		return nil, err
	}
	r := newRequest(http.MethodPost, "/guardrails").
		with(gen.NewGuardrailCreateRequest(s.client.server, gen.GuardrailCreateRequest{Guardrail: *g}))
	out := new(Guardrail)
	return result(out, reraised(s.client.doJSON(ctx, r, out, opts)))
}

// Get returns the guardrail id (of the database, or of the config file
// by its id). An unknown id is an error matching [ErrNotFound].
//
// Endpoint: GET /guardrails/{guardrail_id} (Python: none).
func (s *GuardrailsService) Get(ctx context.Context, id string, opts ...Option) (*Guardrail, error) {
	if id == "" {
		return nil, errors.New("GET /guardrails/{guardrail_id}: guardrail id is required")
	}
	r := newRequest(http.MethodGet, "/guardrails/{guardrail_id}").with(gen.NewGuardrailGetRequest(s.client.server, id))
	out := new(Guardrail)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// Info is Get through the proxy's /info route (the same answer).
//
// Endpoint: GET /guardrails/{guardrail_id}/info (Python: none).
func (s *GuardrailsService) Info(ctx context.Context, id string, opts ...Option) (*Guardrail, error) {
	if id == "" {
		return nil, errors.New("GET /guardrails/{guardrail_id}/info: guardrail id is required")
	}
	r := newRequest(http.MethodGet, "/guardrails/{guardrail_id}/info").with(gen.NewGuardrailInfoRequest(s.client.server, id))
	out := new(Guardrail)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// Update replaces the guardrail id of the database. An unknown id is an
// error matching [ErrNotFound].
//
// Endpoint: PUT /guardrails/{guardrail_id} (Python: none).
func (s *GuardrailsService) Update(ctx context.Context, id string, g *GuardrailSpec, opts ...Option) (*Guardrail, error) {
	if id == "" {
		return nil, errors.New("PUT /guardrails/{guardrail_id}: guardrail id is required")
	}
	if err := checkSpec("PUT /guardrails/{guardrail_id}", g); err != nil {
		return nil, err
	}
	r := newRequest(http.MethodPut, "/guardrails/{guardrail_id}").
		with(gen.NewGuardrailUpdateRequest(s.client.server, id, gen.GuardrailCreateRequest{Guardrail: *g}))
	out := new(Guardrail)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// Patch changes the members of req that are set. An unknown id is an
// error matching [ErrNotFound].
//
// Endpoint: PATCH /guardrails/{guardrail_id} (Python: none).
func (s *GuardrailsService) Patch(ctx context.Context, id string, req *GuardrailPatchRequest, opts ...Option) (*Guardrail, error) {
	if id == "" {
		return nil, errors.New("PATCH /guardrails/{guardrail_id}: guardrail id is required")
	}
	if req == nil {
		req = &GuardrailPatchRequest{}
	}
	r := newRequest(http.MethodPatch, "/guardrails/{guardrail_id}").
		with(gen.NewGuardrailPatchRequest(s.client.server, id, *req))
	out := new(Guardrail)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// Delete deletes the guardrail id of the database and returns the
// proxy's message. An unknown id is an error matching [ErrNotFound].
//
// Endpoint: DELETE /guardrails/{guardrail_id} (Python: none).
func (s *GuardrailsService) Delete(ctx context.Context, id string, opts ...Option) (string, error) {
	if id == "" {
		return "", errors.New("DELETE /guardrails/{guardrail_id}: guardrail id is required")
	}
	r := newRequest(http.MethodDelete, "/guardrails/{guardrail_id}").with(gen.NewGuardrailDeleteRequest(s.client.server, id))
	out := new(gen.GuardrailDeleteResponse)
	if err := s.client.doJSON(ctx, r, out, opts); err != nil {
		return "", err
	}
	return out.Message, nil
}

// Apply runs the guardrail name on text as a request would, and returns
// the text it lets through (masked words replaced). A blocked text is an
// error matching [ErrBadRequest]; an unknown guardrail one matching
// [ErrNotFound].
//
// Endpoint: POST /guardrails/apply_guardrail (Python: none).
func (s *GuardrailsService) Apply(ctx context.Context, name, text string, opts ...Option) (string, error) {
	if name == "" {
		return "", errors.New("POST /guardrails/apply_guardrail: guardrail name is required")
	}
	r := newRequest(http.MethodPost, "/guardrails/apply_guardrail").
		with(gen.NewGuardrailApplyRequest(s.client.server, gen.GuardrailApplyRequest{GuardrailName: name, Text: text}))
	out := new(gen.GuardrailApplyResponse)
	if err := s.client.doJSON(ctx, r, out, opts); err != nil {
		return "", err
	}
	return out.ResponseText, nil
}

// ApplyAlias is Apply through the proxy's shorter route (the same answer).
//
// Endpoint: POST /apply_guardrail (Python: none).
func (s *GuardrailsService) ApplyAlias(ctx context.Context, name, text string, opts ...Option) (string, error) {
	if name == "" {
		return "", errors.New("POST /apply_guardrail: guardrail name is required")
	}
	r := newRequest(http.MethodPost, "/apply_guardrail").
		with(gen.NewGuardrailApplyAliasRequest(s.client.server, gen.GuardrailApplyRequest{GuardrailName: name, Text: text}))
	out := new(gen.GuardrailApplyResponse)
	if err := s.client.doJSON(ctx, r, out, opts); err != nil {
		return "", err
	}
	return out.ResponseText, nil
}
