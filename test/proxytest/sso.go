package proxytest

import (
	"crypto/subtle"
	"fmt"
	"html"
	"net/http"
	"slices"
	"strings"

	"github.com/litellm-go/proxyclient/gen"
)

// cliSource is the proxy's LITELLM_CLI_SOURCE_IDENTIFIER.
const cliSource = "litellm-cli"

// sessionPrefix is the OAuth state prefix of a CLI login.
const sessionPrefix = "litellm-session-token:"

// WithSSOUser sets the user an SSO login signs in as (default: ID "sso-user",
// Email "sso-user@example.com", Role "proxy_admin", no teams). The user and
// its teams are created at the first login if they do not exist. The default
// role is proxy_admin so that the key a CLI login obtains can manage the
// proxy; use Role "internal_user" to test a non-admin login. With two or more
// Teams, polling asks for a team selection. It panics if u.ID is empty.
func WithSSOUser(u User) Option {
	if u.ID == "" {
		panic("proxytest: WithSSOUser: user without ID")
	}
	u.Teams = slices.Clone(u.Teams)
	return func(c *config) { c.ssoUser = u }
}

// WithSSOAutoApprove makes GET /sso/key/generate complete the login at once,
// as if the user had approved it in the browser.
func WithSSOAutoApprove() Option { return func(c *config) { c.ssoAutoApprove = true } }

// WithSSOStartFlow enables the newer CLI login flow: POST /sso/cli/start
// (otherwise answered 404 like an older proxy) and the poll secret header.
func WithSSOStartFlow() Option { return func(c *config) { c.ssoStartFlow = true } }

func defaultSSOUser() User {
	return User{ID: "sso-user", Email: "sso-user@example.com", Role: "proxy_admin"}
}

// ssoSession is a CLI login session, keyed by the key id the CLI chose (or
// the login_id of POST /sso/cli/start).
type ssoSession struct {
	id          string
	secret      string // start flow: the poll secret
	userCode    string // start flow: the verification code
	existingKey string
	approved    bool
	userID      string
	teamChosen  bool
}

// SSOKeyGenerate serves GET /sso/key/generate. For source=litellm-cli it shows
// an approval page whose form submits GET /sso/callback?state=litellm-session-token:<key>&code=proxytest
// (what the identity provider's redirect does for the real proxy); with
// WithSSOAutoApprove it approves at once.
func (h *handler) SSOKeyGenerate(w http.ResponseWriter, _ *http.Request, params gen.SSOKeyGenerateParams) {
	source, key, existing := deref(params.Source), deref(params.Key), deref(params.ExistingKey)
	if s, _ := source.(string); s != cliSource {
		writeHTML(w, http.StatusOK, "LiteLLM proxytest login",
			"<p>proxytest emulates only the CLI login (source=litellm-cli).</p>")
		return
	}
	id, _ := key.(string)
	if !strings.HasPrefix(id, "sk-") {
		writeError(w, invalidKeyID())
		return
	}
	h.mu.Lock()
	s := h.session(id)
	if e, _ := existing.(string); e != "" {
		s.existingKey = e
	}
	user, code := h.cfg.ssoUser, s.userCode
	if h.cfg.ssoAutoApprove {
		h.approve(s)
	}
	h.mu.Unlock()

	if h.cfg.ssoAutoApprove {
		writeHTML(w, http.StatusOK, "Login successful", successBody)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<p>Sign in to the LiteLLM CLI as <b>%s</b>?</p>\n", html.EscapeString(user.Email))
	if code != "" {
		fmt.Fprintf(&b, "<p>Verification code: <code>%s</code></p>\n", html.EscapeString(code))
	}
	fmt.Fprintf(&b, "<form method=\"get\" action=\"/sso/callback\">\n"+
		"<input type=\"hidden\" name=\"state\" value=\"%s\">\n"+
		"<input type=\"hidden\" name=\"code\" value=\"proxytest\">\n"+
		"<button type=\"submit\">Approve</button>\n</form>\n", html.EscapeString(sessionPrefix+id))
	writeHTML(w, http.StatusOK, "LiteLLM proxytest SSO", b.String())
}

// session returns the login session of key id, starting one if needed.
// h.mu must be held.
func (h *handler) session(id string) *ssoSession {
	s := h.sso[id]
	if s == nil {
		s = &ssoSession{id: id}
		h.sso[id] = s
	}
	return s
}

// invalidKeyID is the answer to a session key id that is not a key.
func invalidKeyID() *apiError {
	return detailErr(http.StatusBadRequest, "Invalid key parameter. Must be a valid key ID starting with 'sk-'")
}

const successBody = "<p>Login successful. You can close this window and return to the CLI.</p>"

func writeHTML(w http.ResponseWriter, status int, title, body string) {
	page := "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(title) +
		"</title></head>\n<body>\n<h1>" + html.EscapeString(title) + "</h1>\n" + body + "</body></html>\n"
	writeRaw(w, status, "text/html; charset=utf-8", []byte(page))
}

// SSOCallback serves GET /sso/callback: for the CLI state it completes the
// login, creating the key whose value is the session's key id.
func (h *handler) SSOCallback(w http.ResponseWriter, _ *http.Request, params gen.SSOCallbackParams) {
	state, _ := deref(params.State).(string)
	id, ok := strings.CutPrefix(state, sessionPrefix)
	if !ok {
		writeError(w, detailErr(http.StatusBadRequest, "proxytest emulates only the CLI login: state must be "+sessionPrefix+"<key_id>"))
		return
	}
	if !strings.HasPrefix(id, "sk-") {
		writeError(w, invalidKeyID())
		return
	}
	h.mu.Lock()
	h.approve(h.session(id))
	h.mu.Unlock()
	writeHTML(w, http.StatusOK, "Login successful", successBody)
}

// approve completes a login: the SSO user (and its teams) exist, and a key
// with exactly the session's id as its value, owned by the user, lasting 24
// hours, in the user's team if it has exactly one. A key passed as
// existing_key and owned by the same user is rotated out (deleted). h.mu must
// be held.
func (h *handler) approve(s *ssoSession) {
	if s.approved {
		return
	}
	u := h.cfg.ssoUser
	if h.users[u.ID] == nil {
		h.seedUser(u)
	}
	teams := h.userTeams(u.ID)
	if h.keys[hashKey(s.id)] == nil {
		k := h.newKey(s.id, u.ID)
		body := map[string]any{"user_id": u.ID, "duration": "24hr", "metadata": map[string]any{"source": cliSource}}
		if len(teams) == 1 {
			body["team_id"] = teams[0]
		}
		_ = h.applyKeyFields(k, body) // cannot fail: the team exists and the duration parses
		h.keys[k.token] = k
	}
	if s.existingKey != "" {
		if old := h.findKey(s.existingKey); old != nil && old.token != hashKey(s.id) && val(old.row.UserID) == u.ID {
			delete(h.keys, old.token)
		}
	}
	s.approved, s.userID = true, u.ID
}

// SSOCLIPoll serves GET /sso/cli/poll/{key_id}.
func (h *handler) SSOCLIPoll(w http.ResponseWriter, _ *http.Request, keyID string, params gen.SSOCLIPollParams) {
	if !strings.HasPrefix(keyID, "sk-") {
		writeError(w, detailErr(http.StatusBadRequest, "Invalid key ID format"))
		return
	}
	teamQ, _ := deref(params.TeamID).(string)
	secret, _ := deref(params.XLitellmCliPollSecret).(string)
	h.do(w, func() (any, *apiError) {
		s := h.sso[keyID]
		if s != nil && s.secret != "" && subtle.ConstantTimeCompare([]byte(secret), []byte(s.secret)) != 1 {
			return nil, detailErr(http.StatusForbidden, "Invalid or missing poll secret")
		}
		if s == nil || !s.approved {
			return map[string]any{"status": "pending"}, nil
		}
		k := h.keys[hashKey(keyID)]
		if k == nil {
			return map[string]any{"status": "pending"}, nil // the key was deleted since
		}
		teams := h.userTeams(s.userID)
		if teamQ != "" {
			if !slices.Contains(teams, teamQ) {
				return nil, detailErr(http.StatusBadRequest, fmt.Sprintf("Invalid team_id=%s: the user is not a member of that team", teamQ))
			}
			k.row.TeamID = &teamQ
			s.teamChosen = true
		}
		if len(teams) > 1 && !s.teamChosen {
			details := make([]any, 0, len(teams))
			for _, tid := range teams {
				details = append(details, map[string]any{"team_id": tid, "team_alias": deref(h.teams[tid].row.TeamAlias)})
			}
			return map[string]any{"status": "ready", "requires_team_selection": true, "user_id": s.userID,
				"teams": toAnySlice(teams), "team_details": details}, nil
		}
		out := map[string]any{"status": "ready", "key": keyID, "user_id": s.userID, "team_id": deref(k.row.TeamID),
			"teams": toAnySlice(teams)}
		if u := h.users[s.userID]; u != nil {
			out["user_email"], out["user_role"] = deref(u.row.UserEmail), deref(u.row.UserRole)
		}
		return out, nil
	})
}

// SSOCLIStart serves POST /sso/cli/start (only with WithSSOStartFlow).
func (h *handler) SSOCLIStart(w http.ResponseWriter, _ *http.Request) {
	h.do(w, func() (any, *apiError) {
		const letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
		code := make([]byte, 9)
		for i := range code {
			code[i] = letters[h.ids.IntN(len(letters))]
		}
		code[4] = '-'
		s := &ssoSession{id: "sk-" + h.uuid(), secret: h.urlsafe(32), userCode: string(code)}
		h.sso[s.id] = s
		return map[string]any{"login_id": s.id, "poll_secret": s.secret, "user_code": s.userCode}, nil
	})
}
