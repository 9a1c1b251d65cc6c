package facade

import (
	"context"
	"net/http"
	"net/url"

	"github.com/litellm-go/proxyclient/gen"
)

// SSOService drives the proxy's browser login for command-line tools (the
// flow "litellm-proxy login" uses). These routes are hidden from the proxy's
// own OpenAPI document and need no API key.
type SSOService service

type (
	// SSOPollResponse is the answer to a poll: pending, ready with a key, or
	// ready with requires_team_selection and the user's teams.
	SSOPollResponse = gen.SSOPollResponse
	// SSOStartResponse is the session of the newer login flow.
	SSOStartResponse = gen.SSOStartResponse
	// SSOTeamDetail is a team offered after requires_team_selection.
	SSOTeamDetail = gen.SSOTeamDetail
)

// SSO poll statuses.
const (
	SSOStatusPending = "pending"
	SSOStatusReady   = "ready"
)

// CLISource is the source value that marks a login as coming from a CLI.
const CLISource = "litellm-cli"

// LoginURL returns the page to open in a browser for the session keyID:
// {base}/sso/key/generate?source=litellm-cli&key=<keyID>, plus existing_key
// (URL-encoded, unlike upstream) when a key should be rotated.
func (s *SSOService) LoginURL(keyID, existingKey string) string {
	q := url.Values{"source": {CLISource}, "key": {keyID}}
	if existingKey != "" {
		q.Set("existing_key", existingKey)
	}
	return s.client.baseURL + "/sso/key/generate?" + q.Encode()
}

// SSOPollOptions are the optional parts of a poll.
type SSOPollOptions struct {
	// TeamID answers requires_team_selection.
	TeamID string
	// PollSecret is the poll_secret of the newer flow ([SSOService.Start]).
	PollSecret string
}

// Poll asks whether the login session keyID is complete.
//
// Endpoint: GET /sso/cli/poll/{key_id} (Python: litellm-proxy login polling).
func (s *SSOService) Poll(ctx context.Context, keyID string, opts *SSOPollOptions, callOpts ...Option) (*SSOPollResponse, error) {
	const method, path = http.MethodGet, "/sso/cli/poll/{key_id}"
	if err := pathParam(method, path, "key id", keyID); err != nil {
		return nil, err
	}
	params := &gen.SSOCLIPollParams{}
	if opts != nil && opts.TeamID != "" {
		params.TeamID = &opts.TeamID
	}
	if opts != nil && opts.PollSecret != "" {
		secret := opts.PollSecret
		params.XLitellmCliPollSecret = &secret
	}
	req, err := gen.NewSSOCLIPollRequest(s.client.server, keyID, params)
	if err == nil {
		req.Header.Del("Authorization")
	}
	r := newRequest(method, path).with(req, err)
	poll := new(SSOPollResponse)
	return result(poll, s.client.doJSON(ctx, r, poll, append(callOpts, WithAPIKey(""))))
}

// Start opens a login session of the newer flow: the proxy chooses the
// login id and returns a poll secret and a verification code to show the
// user. Older proxies answer 404 (errors.Is(err, ErrNotFound)).
//
// Endpoint: POST /sso/cli/start (Python: lite login, Era C).
func (s *SSOService) Start(ctx context.Context, opts ...Option) (*SSOStartResponse, error) {
	r := newRequest(http.MethodPost, "/sso/cli/start").
		with(gen.NewSSOCLIStartRequest(s.client.server))
	start := new(SSOStartResponse)
	return result(start, s.client.doJSON(ctx, r, start, append(opts, WithAPIKey(""))))
}
