package proxytest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/gen"
)

// The native-client login of LiteLLM 1.106 ("lite login --pkce"): OAuth 2.1
// authorization code + PKCE S256 against the proxy's own authorization
// server. These routes are in api/litellm-proxy.yaml (operations
// cliAuth*, served through gen.ServerInterface), but only by a 1.106
// emulator ([WithVersion]([Version1_106])); 1.88 answers 404 as the real
// 1.88 does (ServeHTTP gates them).
//
//	GET  /.well-known/litellm-cli-auth  the discovery document
//	POST /register                      RFC 7591 registration (redirect_uris)
//	GET  /authorize                     the consent page (or, with WithSSOAutoApprove, the redirect at once)
//	POST /authorize/complete            approve or deny: 303 to redirect_uri with code and state
//	POST /token                         authorization_code and refresh_token grants
//	POST /revoke                        RFC 7009 revocation of a refresh token's chain
//
// The user is the SSO user ([WithSSOUser]); the real proxy signs in through
// SSO first. The credential is a virtual key of that user lasting
// [WithPKCEKeyLifetime] (default 24 hours, CLI_JWT_EXPIRATION_HOURS), where
// the real proxy issues a JWT; refresh tokens rotate, a spent one answers
// invalid_grant, and a revocation ends the whole chain. Error answers are
// those 1.106.12 gives (checked against it: discovery, registration,
// /authorize's redirect to the SSO sign-in, /token and /revoke refusals).

// Prefixes of the emulator's OAuth values, as the proxy's.
const (
	pkceClientPrefix  = "llm_dcrc_"
	pkceCodePrefix    = "llm_gcode_"
	pkceRefreshPrefix = "llm_srefresh_"
)

// defaultPKCEKeyLifetime is the proxy's CLI_JWT_EXPIRATION_HOURS default.
const defaultPKCEKeyLifetime = 24 * time.Hour

// WithPKCEKeyLifetime sets how long a key issued by the login --pkce token
// endpoint lasts (expires_in; default 24 hours). A lifetime under 6 minutes
// makes a CLI renew the key on every use.
func WithPKCEKeyLifetime(d time.Duration) Option {
	return func(c *config) { c.pkceLifetime = d }
}

// pkceState is the emulator's OAuth state. h.mu guards it.
type pkceState struct {
	clients map[string][]string     // client id -> redirect URIs
	flows   map[string]*pkceFlow    // consent page handle -> flow
	codes   map[string]*pkceFlow    // authorization code -> flow
	refresh map[string]*pkceRefresh // refresh token -> record
	revoked map[string]bool         // revoked families
}

type pkceFlow struct {
	clientID, redirectURI, state, challenge string
	used                                    bool
}

type pkceRefresh struct {
	clientID, family, userID, teamID string
	used                             bool
}

func (h *handler) pkceStore() *pkceState {
	if h.pkce == nil {
		h.pkce = &pkceState{clients: map[string][]string{}, flows: map[string]*pkceFlow{}, codes: map[string]*pkceFlow{},
			refresh: map[string]*pkceRefresh{}, revoked: map[string]bool{}}
	}
	return h.pkce
}

// isPKCE reports whether opID is a login --pkce route, which only a 1.106
// emulator serves. The proxy reads their bodies itself (the OAuth errors it
// answers are not FastAPI's), so ServeHTTP does not validate them.
func isPKCE(opID string) bool {
	return strings.HasPrefix(strings.ToLower(opID), "cliauth")
}

// CliAuthDiscovery serves GET /.well-known/litellm-cli-auth.
func (h *handler) CliAuthDiscovery(w http.ResponseWriter, r *http.Request) { h.pkceDiscovery(w, r) }

// CliAuthRegister serves POST /register.
func (h *handler) CliAuthRegister(w http.ResponseWriter, r *http.Request) { h.pkceRegister(w, r) }

// CliAuthAuthorize serves GET /authorize (pkceAuthorize reads the query
// itself: a missing client_id is invalid_client, not a validation error).
func (h *handler) CliAuthAuthorize(w http.ResponseWriter, r *http.Request, _ gen.CliAuthAuthorizeParams) {
	h.pkceAuthorize(w, r)
}

// CliAuthAuthorizeComplete serves POST /authorize/complete.
func (h *handler) CliAuthAuthorizeComplete(w http.ResponseWriter, r *http.Request) {
	h.pkceComplete(w, r)
}

// CliAuthToken serves POST /token.
func (h *handler) CliAuthToken(w http.ResponseWriter, r *http.Request) { h.pkceToken(w, r) }

// CliAuthRevoke serves POST /revoke.
func (h *handler) CliAuthRevoke(w http.ResponseWriter, r *http.Request) { h.pkceRevoke(w, r) }

func oauthErr(w http.ResponseWriter, status int, code, desc string) {
	b, _ := json.Marshal(map[string]string{"error": code, "error_description": desc})
	w.Header().Set("Cache-Control", "no-store")
	writeRaw(w, status, "application/json", b)
}

func writeJSONStatus(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Cache-Control", "no-store")
	writeRaw(w, status, "application/json", b)
}

// baseURLOf is the proxy's address as the request names it.
func baseURLOf(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (h *handler) pkceDiscovery(w http.ResponseWriter, r *http.Request) {
	base := baseURLOf(r)
	writeJSONStatus(w, http.StatusOK, map[string]any{
		"contract_version":                           1,
		"issuer":                                     base,
		"authorization_endpoint":                     base + "/authorize",
		"token_endpoint":                             base + "/token",
		"registration_endpoint":                      base + "/register",
		"revocation_endpoint":                        base + "/revoke",
		"resource":                                   base,
		"response_types_supported":                   []string{"code"},
		"grant_types_supported":                      []string{"authorization_code", "refresh_token"},
		"code_challenge_methods_supported":           []string{"S256"},
		"token_endpoint_auth_methods_supported":      []string{"none"},
		"revocation_endpoint_auth_methods_supported": []string{"none"},
	})
}

// isLoopback reports whether u is http on 127.0.0.1, ::1 or localhost.
func isLoopback(u *url.URL) bool {
	host := u.Hostname()
	return u.Scheme == "http" && (host == "127.0.0.1" || host == "::1" || host == "localhost")
}

func (h *handler) pkceRegister(w http.ResponseWriter, r *http.Request) {
	var body struct {
		RedirectURIs []string `json:"redirect_uris"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes)).Decode(&body); err != nil || len(body.RedirectURIs) == 0 || len(body.RedirectURIs) > 4 {
		oauthErr(w, http.StatusBadRequest, "invalid_redirect_uri", "redirect_uris must be a list of 1 to 4 URIs")
		return
	}
	for _, raw := range body.RedirectURIs {
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" || u.Fragment != "" || u.User != nil || (u.Scheme != "https" && !isLoopback(u)) {
			oauthErr(w, http.StatusBadRequest, "invalid_redirect_uri", "each redirect URI must be https, http on a loopback host, or a registered native callback")
			return
		}
	}
	h.mu.Lock()
	id := pkceClientPrefix + h.urlsafe(24)
	h.pkceStore().clients[id] = slices.Clone(body.RedirectURIs)
	now := h.now().Unix()
	h.mu.Unlock()
	writeJSONStatus(w, http.StatusCreated, map[string]any{
		"client_id": id, "client_id_issued_at": now, "redirect_uris": body.RedirectURIs,
		"token_endpoint_auth_method": "none", "grant_types": []string{"authorization_code", "refresh_token"},
		"response_types": []string{"code"},
	})
}

func (h *handler) pkceAuthorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	clientID, redirectURI, state := q.Get("client_id"), q.Get("redirect_uri"), q.Get("state")
	h.mu.Lock()
	uris, ok := h.pkceStore().clients[clientID]
	h.mu.Unlock()
	switch {
	case !ok:
		oauthErr(w, http.StatusBadRequest, "invalid_client", "unknown or malformed client_id")
		return
	case !slices.Contains(uris, redirectURI):
		oauthErr(w, http.StatusBadRequest, "invalid_request", "redirect_uri is not registered for this client")
		return
	case q.Get("response_type") != "code":
		oauthErr(w, http.StatusBadRequest, "unsupported_response_type", "response_type must be 'code'")
		return
	case q.Get("code_challenge") == "" || q.Get("code_challenge_method") != "S256":
		oauthErr(w, http.StatusBadRequest, "invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256")
		return
	case len(state) > 1024:
		oauthErr(w, http.StatusBadRequest, "invalid_request", "state must be at most 1024 characters")
		return
	case strings.TrimRight(q.Get("resource"), "/") != baseURLOf(r):
		oauthErr(w, http.StatusBadRequest, "invalid_target", "resource does not match the proxy API this grant was issued for")
		return
	}
	if u, _ := url.Parse(redirectURI); !isLoopback(u) {
		oauthErr(w, http.StatusBadRequest, "invalid_request", "a proxy-API grant may only redirect to a loopback address")
		return
	}
	flow := &pkceFlow{clientID: clientID, redirectURI: redirectURI, state: state, challenge: q.Get("code_challenge")}
	h.mu.Lock()
	handle := h.urlsafe(24)
	h.pkceStore().flows[handle] = flow
	user := h.cfg.ssoUser
	h.mu.Unlock()
	if h.cfg.ssoAutoApprove {
		h.pkceApprove(w, handle)
		return
	}
	page := fmt.Sprintf("<p>Allow the LiteLLM CLI at <b>%s</b> to sign in as <b>%s</b>?</p>\n"+
		"<form method=\"post\" action=\"/authorize/complete\">\n"+
		"<input type=\"hidden\" name=\"flow\" value=\"%s\">\n"+
		"<input type=\"hidden\" name=\"decision\" value=\"approve\">\n"+
		"<button type=\"submit\">Approve</button>\n</form>\n",
		html.EscapeString(redirectURI), html.EscapeString(user.Email), html.EscapeString(handle))
	w.Header().Set("X-Frame-Options", "DENY")
	writeHTML(w, http.StatusOK, "LiteLLM proxytest sign-in", page)
}

func (h *handler) pkceComplete(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	if err := r.ParseForm(); err != nil {
		oauthErr(w, http.StatusBadRequest, "invalid_request", "a form body is required")
		return
	}
	handle := r.PostForm.Get("flow")
	if r.PostForm.Get("decision") == "deny" {
		h.mu.Lock()
		flow := h.pkceStore().flows[handle]
		delete(h.pkceStore().flows, handle)
		h.mu.Unlock()
		if flow == nil {
			oauthErr(w, http.StatusBadRequest, "invalid_request", "unknown or expired sign-in")
			return
		}
		http.Redirect(w, r, flow.redirectURI+"?"+url.Values{"error": {"access_denied"}, "error_description": {"the user denied the sign-in"},
			"state": {flow.state}}.Encode(), http.StatusSeeOther)
		return
	}
	h.pkceApprove(w, handle)
}

// pkceApprove mints the authorization code of the flow handle and sends
// the browser back to the client with it.
func (h *handler) pkceApprove(w http.ResponseWriter, handle string) {
	h.mu.Lock()
	st := h.pkceStore()
	flow := st.flows[handle]
	delete(st.flows, handle)
	code := ""
	if flow != nil {
		code = pkceCodePrefix + h.urlsafe(32)
		st.codes[code] = flow
	}
	h.mu.Unlock()
	if flow == nil {
		oauthErr(w, http.StatusBadRequest, "invalid_request", "unknown or expired sign-in")
		return
	}
	w.Header().Set("Location", flow.redirectURI+"?"+url.Values{"code": {code}, "state": {flow.state}}.Encode())
	w.WriteHeader(http.StatusSeeOther)
}

// pkceChallenge is the S256 challenge of verifier.
func pkceChallenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func (h *handler) pkceToken(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	if err := r.ParseForm(); err != nil {
		oauthErr(w, http.StatusBadRequest, "invalid_request", "a form body is required")
		return
	}
	f := r.PostForm
	clientID := f.Get("client_id")
	if res := f.Get("resource"); res != "" && strings.TrimRight(res, "/") != baseURLOf(r) {
		oauthErr(w, http.StatusBadRequest, "invalid_target", "resource does not match the proxy API this grant was issued for")
		return
	}
	if !strings.HasPrefix(clientID, pkceClientPrefix) {
		// The proxy routes any other client_id to an MCP server's token
		// endpoint (1.106.12 answers this for an unknown one).
		writeError(w, detailErr(http.StatusNotFound, "MCP server not found"))
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.pkceStore()
	// The grants check the client binding of the code or refresh token
	// rather than the registration, as the proxy does.
	switch f.Get("grant_type") {
	case "authorization_code":
		code, redirectURI, verifier := f.Get("code"), f.Get("redirect_uri"), f.Get("code_verifier")
		if code == "" || redirectURI == "" || verifier == "" {
			oauthErr(w, http.StatusBadRequest, "invalid_request", "code, redirect_uri, and code_verifier are required")
			return
		}
		if len(verifier) < 43 || len(verifier) > 128 {
			oauthErr(w, http.StatusBadRequest, "invalid_request", "code_verifier must be 43 to 128 characters (RFC 7636)")
			return
		}
		flow := st.codes[code]
		switch { // in the proxy's order: the single-use claim comes last
		case flow == nil:
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "the authorization code is invalid")
			return
		case flow.clientID != clientID || flow.redirectURI != redirectURI:
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "the authorization code was issued to a different client")
			return
		case subtle.ConstantTimeCompare([]byte(pkceChallenge(verifier)), []byte(flow.challenge)) != 1:
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "PKCE verification failed")
			return
		case flow.used:
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "the authorization code was already used")
			return
		}
		flow.used = true
		h.pkceIssue(w, clientID, h.urlsafe(16), "")
	case "refresh_token":
		rt := f.Get("refresh_token")
		if rt == "" {
			oauthErr(w, http.StatusBadRequest, "invalid_request", "refresh_token is required")
			return
		}
		rec := st.refresh[rt]
		switch {
		case rec == nil || rec.clientID != clientID:
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "the refresh token is invalid for this client")
			return
		case st.revoked[rec.family]:
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "the refresh token was revoked")
			return
		case rec.used:
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "the refresh token was already used")
			return
		}
		rec.used = true
		h.pkceIssue(w, clientID, rec.family, rec.teamID)
	default:
		oauthErr(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type must be authorization_code, refresh_token, or urn:ietf:params:oauth:grant-type:token-exchange")
	}
}

// pkceIssue mints the proxy credential (a key of the SSO user) and the next
// refresh token of family, and writes the token response. h.mu must be held.
func (h *handler) pkceIssue(w http.ResponseWriter, clientID, family, teamID string) {
	u := h.cfg.ssoUser
	if h.users[u.ID] == nil {
		h.seedUser(u)
	}
	if teamID == "" {
		if teams := h.userTeams(u.ID); len(teams) == 1 {
			teamID = teams[0]
		}
	}
	lifetime := h.cfg.pkceLifetime
	if lifetime <= 0 {
		lifetime = defaultPKCEKeyLifetime
	}
	plaintext := "sk-" + h.urlsafe(32)
	k := h.newKey(plaintext, u.ID)
	body := map[string]any{"user_id": u.ID, "duration": fmt.Sprintf("%ds", int(lifetime.Seconds())),
		"metadata": map[string]any{"source": cliSource, "login": "pkce"}}
	if teamID != "" {
		body["team_id"] = teamID
	}
	_ = h.applyKeyFields(k, body) // cannot fail: the team exists and the duration parses
	h.keys[k.token] = k
	rt := pkceRefreshPrefix + h.urlsafe(32)
	h.pkceStore().refresh[rt] = &pkceRefresh{clientID: clientID, family: family, userID: u.ID, teamID: teamID}
	var team any
	if teamID != "" {
		team = teamID
	}
	writeJSONStatus(w, http.StatusOK, map[string]any{
		"access_token": plaintext, "token_type": "Bearer", "expires_in": int(lifetime.Seconds()),
		"refresh_token": rt, "user_id": u.ID, "team_id": team,
	})
}

func (h *handler) pkceRevoke(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	if err := r.ParseForm(); err != nil || r.PostForm.Get("token") == "" {
		oauthErr(w, http.StatusUnprocessableEntity, "invalid_request", "token and client_id are required")
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.pkceStore()
	if _, ok := st.clients[r.PostForm.Get("client_id")]; !ok {
		oauthErr(w, http.StatusUnauthorized, "invalid_client", "unknown or malformed client_id")
		return
	}
	if rec := st.refresh[r.PostForm.Get("token")]; rec != nil && rec.clientID == r.PostForm.Get("client_id") {
		st.revoked[rec.family] = true
	}
	writeJSONStatus(w, http.StatusOK, map[string]any{})
}
