package facade

import (
	"context"
	"errors"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// ModerationsService classifies text for policy violations (POST /moderations).
type ModerationsService service

// Wire types of the moderations endpoint (the generated types of gen/).
type (
	// ModerationRequest is the body of POST /moderations. Input is a string
	// or a []string; Model may be empty for the proxy's default.
	ModerationRequest = gen.ModerationRequest
	// ModerationResponse holds one result per input.
	ModerationResponse = gen.ModerationResponse
	// ModerationResult says whether an input is flagged, by category.
	ModerationResult = gen.ModerationResult
)

// Create classifies req.Input.
//
// Endpoint: POST /moderations (Python: litellm.moderation through the proxy).
func (s *ModerationsService) Create(ctx context.Context, req *ModerationRequest, opts ...Option) (*ModerationResponse, error) {
	if req == nil || req.Input == nil {
		return nil, errors.New("POST /moderations: input is required")
	}
	r := newRequest(http.MethodPost, "/moderations").ofKind(kindChat).
		with(gen.NewModerationRequest(s.client.server, *req))
	res := new(ModerationResponse)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}
