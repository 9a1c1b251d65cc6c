package facade

import (
	"context"
	"fmt"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// Wire types of the team callback routes.
type (
	// TeamCallbacks is a team's metadata.callback_settings: its success
	// and failure callbacks and their variables.
	TeamCallbacks = gen.TeamCallbacks
	// TeamCallbackAddRequest is a logging callback for
	// [TeamsService.AddCallback]: CallbackName (langfuse, langsmith, ...),
	// CallbackType (success, failure or success_and_failure, the default)
	// and CallbackVars, the integration's settings.
	TeamCallbackAddRequest = gen.TeamCallbackAddRequest
	// TeamCallbackType is when a team callback runs.
	TeamCallbackType = gen.TeamCallbackAddRequestCallbackType
	// TeamDisabledLogging is the answer's data of
	// [TeamsService.DisableLogging]: the team and its (now empty) callbacks.
	TeamDisabledLogging = gen.TeamDisabledLogging
)

// Values of [TeamCallbackType].
const (
	TeamCallbackSuccess           TeamCallbackType = gen.Success
	TeamCallbackFailure           TeamCallbackType = gen.Failure
	TeamCallbackSuccessAndFailure TeamCallbackType = gen.SuccessAndFailure
)

// Callbacks returns the callback settings of the team teamID (its
// metadata.callback_settings, which /team/new and /team/update set; the
// callbacks [TeamsService.AddCallback] adds are in metadata.logging
// instead). Proxy admins only.
//
// Endpoint: GET /team/{team_id}/callback (Python: none).
func (s *TeamsService) Callbacks(ctx context.Context, teamID string, opts ...Option) (*TeamCallbacks, error) {
	const method, path = http.MethodGet, "/team/{team_id}/callback"
	if err := pathParam(method, path, "team_id", teamID); err != nil {
		return nil, err
	}
	r := newRequest(method, path).with(gen.NewTeamCallbacksGetRequest(s.client.server, teamID))
	resp := new(gen.TeamCallbacksResponse)
	if err := s.client.doJSON(ctx, r, resp, opts); err != nil {
		return result[*TeamCallbacks](nil, err)
	}
	return &resp.Data, nil
}

// AddCallback adds a logging callback to the team teamID (its
// metadata.logging; the proxy encrypts the variables at rest) and returns
// the updated team. The same name and type twice, a variable the proxy
// does not know and a value naming os.environ/ are errors matching
// [ErrBadRequest] (400 and 422). Proxy admins only.
//
// Endpoint: POST /team/{team_id}/callback (Python: none).
func (s *TeamsService) AddCallback(ctx context.Context, teamID string, req *TeamCallbackAddRequest, opts ...Option) (*Team, error) {
	const method, path = http.MethodPost, "/team/{team_id}/callback"
	if err := pathParam(method, path, "team_id", teamID); err != nil {
		return nil, err
	}
	if req == nil || req.CallbackName == "" {
		return nil, fmt.Errorf("%s %s: callback name is required", method, path)
	}
	body := *req
	if body.CallbackVars == nil {
		body.CallbackVars = map[string]string{} // required by the proxy
	}
	r := newRequest(method, path).with(gen.NewTeamCallbackAddRequest(s.client.server, teamID, nil, body))
	resp := new(gen.TeamCallbackAddResponse)
	if err := s.client.doJSON(ctx, r, resp, opts); err != nil {
		return result[*Team](nil, err)
	}
	return &resp.Data, nil
}

// DisableLogging empties the success and failure callbacks of the team
// teamID's callback settings. Proxy admins only.
//
// Endpoint: POST /team/{team_id}/disable_logging (Python: none).
func (s *TeamsService) DisableLogging(ctx context.Context, teamID string, opts ...Option) (*TeamDisabledLogging, error) {
	const method, path = http.MethodPost, "/team/{team_id}/disable_logging"
	if err := pathParam(method, path, "team_id", teamID); err != nil {
		return nil, err
	}
	r := newRequest(method, path).with(gen.NewTeamDisableLoggingRequest(s.client.server, teamID, nil))
	resp := new(gen.TeamDisableLoggingResponse)
	if err := s.client.doJSON(ctx, r, resp, opts); err != nil {
		return result[*TeamDisabledLogging](nil, err)
	}
	return &resp.Data, nil
}
