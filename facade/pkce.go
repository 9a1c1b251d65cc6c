package facade

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/gen"
)

// The browser login of "litellm-proxy login --pkce" (upstream 1.106's
// "lite login --pkce"): OAuth 2.1 authorization code with PKCE S256 against
// the proxy's own authorization server, as a public client on a loopback
// redirect. The proxy describes it at /.well-known/litellm-cli-auth.

// CLIAuthDiscoveryPath is where the proxy publishes its [CLIAuthContract].
const CLIAuthDiscoveryPath = "/.well-known/litellm-cli-auth"

// CLIAuthContract is the discovery document of the proxy's native-client
// login (contract_version 1).
type CLIAuthContract struct {
	ContractVersion               int      `json:"contract_version"`
	Issuer                        string   `json:"issuer"`
	AuthorizationEndpoint         string   `json:"authorization_endpoint"`
	TokenEndpoint                 string   `json:"token_endpoint"`
	RegistrationEndpoint          string   `json:"registration_endpoint"`
	RevocationEndpoint            string   `json:"revocation_endpoint"`
	Resource                      string   `json:"resource"`
	CodeChallengeMethodsSupported []string `json:"code_challenge_methods_supported"`
}

// OAuthToken is the proxy's token response: the proxy credential (a key
// accepted on every route) and the rotating refresh token that renews it.
type OAuthToken struct {
	// AccessToken is the key to send. It is a secret.
	AccessToken string `json:"access_token"`
	// TokenType is "Bearer".
	TokenType string `json:"token_type"`
	// ExpiresIn is the key's lifetime in seconds.
	ExpiresIn int `json:"expires_in"`
	// RefreshToken renews the key once; the answer carries the next one. It
	// is a secret.
	RefreshToken string `json:"refresh_token"`
	// UserID is the user the key is issued to.
	UserID string `json:"user_id"`
	// TeamID is the team the key is attributed to, if any.
	TeamID string `json:"team_id"`
}

// String describes the token without its secrets.
func (t OAuthToken) String() string {
	return fmt.Sprintf("facade.OAuthToken{AccessToken: %s, ExpiresIn: %d, RefreshToken: %s, UserID: %q, TeamID: %q}",
		secret(t.AccessToken), t.ExpiresIn, secret(t.RefreshToken), t.UserID, t.TeamID)
}

// GoString is String.
func (t OAuthToken) GoString() string { return t.String() }

// Format prints the token as String does, whatever the verb.
func (t OAuthToken) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, t.String()) }

// OAuthError is an OAuth error answer (RFC 6749 section 5.2):
// {"error": ..., "error_description": ...}.
type OAuthError struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Code is the error code ("invalid_grant").
	Code string
	// Description is the proxy's explanation; it carries no secret.
	Description string
	// Err is the underlying *APIError.
	Err error
}

// Error returns "HTTP <status>: <code>: <description>".
func (e *OAuthError) Error() string {
	msg := fmt.Sprintf("HTTP %d", e.StatusCode)
	if e.Code != "" {
		msg += ": " + e.Code
	}
	if e.Description != "" {
		msg += ": " + e.Description
	}
	return msg
}

// Unwrap returns the *APIError.
func (e *OAuthError) Unwrap() error { return e.Err }

// oauthError turns an *APIError with an OAuth body into an *OAuthError.
func oauthError(err error) error {
	var ae *APIError
	if !errors.As(err, &ae) {
		return err
	}
	var body struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
		Detail      any    `json:"detail"`
	}
	if json.Unmarshal(ae.Body, &body) != nil || (body.Error == "" && body.Description == "") {
		return &OAuthError{StatusCode: ae.StatusCode, Description: Redact(ae.Message), Err: err}
	}
	return &OAuthError{StatusCode: ae.StatusCode, Code: Redact(body.Error), Description: Redact(body.Description), Err: err}
}

// NewPKCEPair returns a fresh PKCE code verifier (86 URL-safe characters)
// and its S256 challenge.
func NewPKCEPair() (verifier, challenge string) {
	b := make([]byte, 64)
	_, _ = rand.Read(b)
	verifier = base64.RawURLEncoding.EncodeToString(b)
	sum := sha256.Sum256([]byte(verifier))
	return verifier, base64.RawURLEncoding.EncodeToString(sum[:])
}

// NewOAuthState returns a fresh random state value.
func NewOAuthState() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// origin returns scheme://host:port with the default port made explicit,
// or "" for a URL that is not http(s) with a host.
func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return ""
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// canonicalURL is the origin plus the path without a trailing slash: the
// RFC 8414 section 3.3 issuer check.
func canonicalURL(raw string) string {
	o := origin(raw)
	if o == "" {
		return ""
	}
	u, _ := url.Parse(raw)
	return o + strings.TrimRight(u.Path, "/")
}

// DiscoverCLIAuth reads the proxy's login contract and checks it as
// upstream does: contract_version 1, S256 offered, the issuer is this
// client's base URL, and every endpoint is on the base URL's origin (so
// that the code, verifier and refresh token go nowhere else). A proxy
// without the route answers 404, which is an *APIError.
//
// Endpoint: GET /.well-known/litellm-cli-auth (Python: lite login --pkce).
func (s *SSOService) DiscoverCLIAuth(ctx context.Context, opts ...Option) (*CLIAuthContract, error) {
	const method, path = http.MethodGet, CLIAuthDiscoveryPath
	req, err := gen.NewCliAuthDiscoveryRequest(s.client.server)
	out := new(CLIAuthContract)
	if err := s.client.doJSON(ctx, newRequest(method, path).with(req, err), out, append(opts, WithAPIKey(""))); err != nil {
		return nil, err
	}
	base := s.client.baseURL
	switch {
	case out.ContractVersion != 1:
		return nil, fmt.Errorf("%s %s: unsupported contract_version %d", method, path, out.ContractVersion)
	case !slices.Contains(out.CodeChallengeMethodsSupported, "S256"):
		return nil, fmt.Errorf("%s %s: the proxy does not support PKCE S256", method, path)
	case canonicalURL(out.Issuer) == "" || canonicalURL(out.Issuer) != canonicalURL(base):
		return nil, fmt.Errorf("%s %s: the document is issued for %s, not %s; pass that address as --base-url", method, path, Redact(out.Issuer), base)
	}
	var foreign []string
	for _, e := range []string{out.AuthorizationEndpoint, out.TokenEndpoint, out.RegistrationEndpoint, out.RevocationEndpoint, out.Resource} {
		if origin(e) == "" || origin(e) != origin(base) {
			foreign = append(foreign, Redact(e))
		}
	}
	if len(foreign) > 0 {
		return nil, fmt.Errorf("%s %s: the document names endpoints outside %s (%s); refusing to send credentials there", method, path, base, strings.Join(foreign, ", "))
	}
	return out, nil
}

// endpointRequest builds a request to endpoint, an absolute URL that must
// be on the client's origin. The registration, token and revocation
// requests are built here rather than by gen's builders (NewCliAuth*Request):
// those join the base URL with the spec's fixed path, but the facade must
// send them where the discovery document says (a proxy under a root path
// names /prefix/token).
func (s *SSOService) endpointRequest(method, endpoint, contentType string, body io.Reader) (*request, error) {
	if origin(endpoint) == "" || origin(endpoint) != origin(s.client.baseURL) {
		return nil, fmt.Errorf("%s %s: not on the origin of %s; refusing to send credentials there", method, Redact(endpoint), s.client.baseURL)
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(method, endpoint, body)
	if err == nil && contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return newRequest(method, u.Path).with(req, err), nil
}

// RegisterCLIClient registers the CLI as a public OAuth client with the
// loopback redirectURI (RFC 7591, at the contract's registration endpoint)
// and returns its client id.
//
// Endpoint: POST /register (Python: lite login --pkce).
func (s *SSOService) RegisterCLIClient(ctx context.Context, c *CLIAuthContract, redirectURI string, opts ...Option) (string, error) {
	body, _ := json.Marshal(map[string]any{
		"client_name":                CLISource,
		"redirect_uris":              []string{redirectURI},
		"grant_types":                []string{"authorization_code", "refresh_token"},
		"response_types":             []string{"code"},
		"token_endpoint_auth_method": "none",
	})
	r, err := s.endpointRequest(http.MethodPost, c.RegistrationEndpoint, "application/json", strings.NewReader(string(body)))
	if err != nil {
		return "", err
	}
	var out struct {
		ClientID string `json:"client_id"`
	}
	if err := s.client.doJSON(ctx, r, &out, append(opts, WithAPIKey(""), WithMaxRetries(0))); err != nil {
		return "", oauthError(err)
	}
	if out.ClientID == "" {
		return "", fmt.Errorf("POST %s: the answer has no client_id", r.path)
	}
	return out.ClientID, nil
}

// AuthorizeURL returns the page to open in the browser: the contract's
// authorization endpoint with response_type=code, the client id, the
// redirect URI, state, the S256 challenge and the resource.
func (c *CLIAuthContract) AuthorizeURL(clientID, redirectURI, state, challenge string) string {
	q := url.Values{
		"response_type": {"code"}, "client_id": {clientID}, "redirect_uri": {redirectURI},
		"state": {state}, "code_challenge": {challenge}, "code_challenge_method": {"S256"},
		"resource": {c.Resource},
	}
	return c.AuthorizationEndpoint + "?" + q.Encode()
}

// tokenRequest posts form to the token endpoint, once (a refresh token is
// single-use, so the request is never retried).
func (s *SSOService) tokenRequest(ctx context.Context, endpoint string, form url.Values, opts []Option) (*OAuthToken, error) {
	r, err := s.endpointRequest(http.MethodPost, endpoint, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	out := new(OAuthToken)
	if err := s.client.doJSON(ctx, r, out, append(opts, WithAPIKey(""), WithMaxRetries(0))); err != nil {
		return nil, oauthError(err)
	}
	if out.AccessToken == "" || out.RefreshToken == "" || out.ExpiresIn <= 0 {
		return nil, fmt.Errorf("POST %s: the token answer lacks access_token, refresh_token or a positive expires_in", r.path)
	}
	return out, nil
}

// ExchangeCode redeems the authorization code for the proxy credential
// (grant_type=authorization_code with the PKCE verifier).
//
// Endpoint: POST /token (Python: lite login --pkce).
func (s *SSOService) ExchangeCode(ctx context.Context, c *CLIAuthContract, clientID, redirectURI, code, verifier string, opts ...Option) (*OAuthToken, error) {
	return s.tokenRequest(ctx, c.TokenEndpoint, url.Values{
		"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirectURI},
		"client_id": {clientID}, "code_verifier": {verifier}, "resource": {c.Resource},
	}, opts)
}

// RefreshCLIToken renews a login --pkce key: grant_type=refresh_token at
// tokenEndpoint. The answer carries the next refresh token (the presented
// one is spent).
//
// Endpoint: POST /token (Python: lite auth print-token renewal).
func (s *SSOService) RefreshCLIToken(ctx context.Context, tokenEndpoint, clientID, refreshToken, resource string, opts ...Option) (*OAuthToken, error) {
	return s.tokenRequest(ctx, tokenEndpoint, url.Values{
		"grant_type": {"refresh_token"}, "refresh_token": {refreshToken}, "client_id": {clientID}, "resource": {resource},
	}, opts)
}

// RevokeCLIToken revokes a refresh token and its rotation chain (RFC 7009,
// at revocationEndpoint). A 503 means the proxy could not record the
// revocation and the token still stands: its *OAuthError has StatusCode 503.
// A 2xx answer that is neither empty nor JSON (a gateway's page) is an
// error too: the revocation may not have reached the proxy.
//
// Endpoint: POST /revoke (Python: lite logout).
func (s *SSOService) RevokeCLIToken(ctx context.Context, revocationEndpoint, clientID, refreshToken string, opts ...Option) error {
	form := url.Values{"token": {refreshToken}, "token_type_hint": {"refresh_token"}, "client_id": {clientID}}
	r, err := s.endpointRequest(http.MethodPost, revocationEndpoint, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	var out json.RawMessage
	if err := s.client.doJSON(ctx, r, &out, append(opts, WithAPIKey(""), WithMaxRetries(0))); err != nil {
		var de *DecodeError
		if errors.As(err, &de) && de.Status/100 == 2 && len(strings.TrimSpace(string(de.Body))) == 0 {
			return nil // an empty 200 is a revocation too (RFC 7009); HTML is not: a gateway answered
		}
		return oauthError(err)
	}
	return nil
}

// PKCEToken returns the token file record of a login --pkce credential
// issued at now by the proxy at baseURL.
func PKCEToken(baseURL string, c *CLIAuthContract, clientID string, t *OAuthToken, now time.Time) *Token {
	return &Token{
		Key: t.AccessToken, UserID: orDefault(t.UserID, "cli-user"), UserEmail: "unknown", UserRole: "cli",
		AuthHeaderName: "Authorization", Timestamp: float64(now.UnixNano()) / 1e9,
		BaseURL: strings.TrimRight(baseURL, "/"), TeamID: t.TeamID,
		ExpiresAt:    float64(now.Add(time.Duration(t.ExpiresIn)*time.Second).UnixNano()) / 1e9,
		RefreshToken: t.RefreshToken, ClientID: clientID, TokenEndpoint: c.TokenEndpoint,
		RevocationEndpoint: c.RevocationEndpoint, Resource: c.Resource,
	}
}

// Renewed returns tok with the renewed credential t issued at now.
func (tok *Token) Renewed(t *OAuthToken, now time.Time) *Token {
	c := *tok
	c.Key, c.RefreshToken = t.AccessToken, t.RefreshToken
	c.ExpiresAt = float64(now.Add(time.Duration(t.ExpiresIn)*time.Second).UnixNano()) / 1e9
	c.Timestamp = float64(now.UnixNano()) / 1e9
	if t.UserID != "" {
		c.UserID = t.UserID
	}
	return &c
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
