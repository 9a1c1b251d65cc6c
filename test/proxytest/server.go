package proxytest

import (
	"cmp"
	"context"
	crand "crypto/rand"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/litellm-go/proxyclient/gen"
)

// DefaultMasterKey is the master key of a server made without [WithMasterKey].
const DefaultMasterKey = "sk-master-proxytest"

// Version is the LiteLLM proxy version the emulator imitates and reports
// (in /health/readiness/details and the x-litellm-version header) unless
// [WithVersion] says otherwise.
const Version = Version1_88

// maxBodyBytes bounds every request body the emulator reads.
const maxBodyBytes = 16 << 20

// A Server is an in-memory LiteLLM proxy listening on a system-chosen port on
// the local loopback interface, for use in end-to-end tests. It has the shape of
// [httptest.Server].
type Server struct {
	// URL is the base URL of the form http://ipaddr:port with no trailing
	// slash. It is empty until the server is started.
	URL string

	// MasterKey is the proxy's master key: a request with it acts as proxy_admin.
	MasterKey string

	h  *handler
	ts *httptest.Server
}

// NewServer starts and returns a new Server configured by opts. The caller
// should call Close when finished, to shut it down.
//
// NewServer panics if an option is invalid (see each option); that is
// programmer misuse, as with [httptest.NewServer].
func NewServer(opts ...Option) *Server {
	s := NewUnstartedServer(opts...)
	s.Start()
	return s
}

// NewUnstartedServer returns a new Server configured by opts but doesn't start
// it. After changing its configuration (for example with [Server.SetFaults]),
// the caller should call Start, or serve [Server.Handler] on a listener of its
// own. NewUnstartedServer panics if an option is invalid (two deployments
// with one id, two users with one key), or if the spec embedded in gen/
// cannot be loaded (a broken build).
func NewUnstartedServer(opts ...Option) *Server {
	cfg := config{masterKey: DefaultMasterKey, clock: time.Now, ssoUser: defaultSSOUser()}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if !cfg.seeded {
		var b [8]byte
		_, _ = crand.Read(b[:])
		cfg.seed = binary.LittleEndian.Uint64(b[:])
	}
	if !cfg.modelsSet {
		cfg.models = DefaultModels()
	}
	h := newHandler(cfg)
	return &Server{MasterKey: cfg.masterKey, h: h}
}

// Start starts a server from NewUnstartedServer. It panics if the server was
// already started.
func (s *Server) Start() {
	if s.ts != nil {
		panic("proxytest: Server already started")
	}
	s.ts = httptest.NewUnstartedServer(s.h)
	s.ts.Start()
	s.URL = s.ts.URL
}

// Close shuts down the server and blocks until all outstanding requests on
// this server have completed; injected latencies and keepalive waits are cut
// short. Closing a server that was never started does nothing.
func (s *Server) Close() {
	if s.ts != nil {
		s.h.closeOnce.Do(func() { close(s.h.done) })
		s.ts.Close()
	}
}

// Client returns an HTTP client configured for making requests to the server.
// It is closed by Close. Client panics if the server was not started.
func (s *Server) Client() *http.Client {
	if s.ts == nil {
		panic("proxytest: Client called before Start")
	}
	return s.ts.Client()
}

// Handler returns the emulator as an http.Handler, to serve it on a listener
// of one's own (cmd/litellm-emulator does). All handlers of one Server share
// its state.
func (s *Server) Handler() http.Handler { return s.h }

// SetFaults replaces the server's faults (those given with [WithFault] included)
// with faults, effective for the next request. SetFaults() removes them all.
// It panics if a fault is invalid (see [Fault]).
func (s *Server) SetFaults(faults ...Fault) {
	for _, f := range faults {
		f.mustValidate()
	}
	s.h.setFaults(faults)
}

// A Request is one request the server received, as [Server.Requests] reports it.
type Request struct {
	// Method and Path are the request's method and URL path (never the query,
	// which can hold keys).
	Method string
	Path   string
	// Operation is the operationId of the spec operation it matched, such as
	// "chatCompletion"; empty for unknown routes.
	Operation string
	// Status is the status code of the response: 0 while the request is in
	// flight, or when the connection was dropped before any response.
	Status int
}

// maxRequestLog bounds the requests [Server.Requests] keeps.
const maxRequestLog = 10000

// Requests returns the requests the server has received, oldest first: all of
// them, or at least the latest 10,000 once there were more.
func (s *Server) Requests() []Request {
	s.h.reqMu.Lock()
	defer s.h.reqMu.Unlock()
	out := make([]Request, len(s.h.requests))
	for i, r := range s.h.requests {
		out[i] = *r
	}
	return out
}

// RequestCount reports how many requests matched route, which is an
// operationId ("chatCompletion"), a path template ("/key/{key}/regenerate"), a
// path or a [path.Match] pattern ("/key/*"), or "" for every request.
func (s *Server) RequestCount(route string) int {
	s.h.reqMu.Lock()
	defer s.h.reqMu.Unlock()
	n := 0
	for k, c := range s.h.reqCounts {
		if routeMatches(route, k.op, k.tmpl, k.path) {
			n += c
		}
	}
	return n
}

// ResetRequests forgets the requests recorded so far.
func (s *Server) ResetRequests() {
	s.h.reqMu.Lock()
	defer s.h.reqMu.Unlock()
	s.h.requests = nil
	s.h.reqCounts = map[reqKey]int{}
}

// reqKey is what RequestCount matches a request on.
type reqKey struct{ op, tmpl, path string }

// ----------------------------------------------------------------------------
// Request flow: record, faults, route, auth, validate, dispatch.

type ctxKey struct{}

// reqInfo is what the middleware passes to the operation handlers.
type reqInfo struct {
	p     *principal
	opID  string
	route string // path template
	path  string
}

func infoOf(r *http.Request) *reqInfo {
	if ri, ok := r.Context().Value(ctxKey{}).(*reqInfo); ok {
		return ri
	}
	return &reqInfo{p: &principal{}}
}

// recorder remembers the status of a response.
type recorder struct {
	http.ResponseWriter
	status int
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach Flush and Hijack.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// ServeHTTP serves one request like the proxy: unknown routes get FastAPI's
// 404, then faults, authentication and spec validation run before the
// operation's handler.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Route on the escaped path so that a %2F inside a credential name stays
	// inside its path segment.
	rr := *r
	u := *r.URL
	u.Path, u.RawPath = r.URL.EscapedPath(), ""
	rr.URL = &u
	route, pathParams, routeErr := h.router.FindRoute(&rr)
	opID, tmpl := "", ""
	if routeErr == nil {
		opID, tmpl = canonicalOpID(route.Operation.OperationID), route.Path
	}

	rec := &Request{Method: r.Method, Path: r.URL.Path, Operation: opID}
	h.reqMu.Lock()
	if len(h.requests) >= 2*maxRequestLog {
		h.requests = append([]*Request(nil), h.requests[len(h.requests)-maxRequestLog:]...)
	}
	h.requests = append(h.requests, rec)
	h.reqCounts[reqKey{opID, tmpl, r.URL.Path}]++
	h.reqMu.Unlock()
	rw := &recorder{ResponseWriter: w}
	start := time.Now()
	defer func() { // also when a fault aborts the handler
		h.reqMu.Lock()
		rec.Status = rw.status
		done := *rec
		h.reqMu.Unlock()
		if h.cfg.requestHook != nil {
			h.cfg.requestHook(done, time.Since(start))
		}
	}()

	if h.requestFaults(rw, r, opID, tmpl) {
		return
	}
	if p := u.Path; len(p) > 1 && strings.HasSuffix(p, "/") {
		// Starlette redirects to the route without the trailing slash.
		u2 := u
		u2.Path = strings.TrimRight(p, "/")
		rr.URL = &u2
		if _, _, err := h.router.FindRoute(&rr); err == nil {
			target := *r.URL
			target.Path, target.RawPath = strings.TrimRight(r.URL.Path, "/"), ""
			rw.Header().Set("Location", target.RequestURI())
			rw.WriteHeader(http.StatusTemporaryRedirect)
			return
		}
		writeError(rw, detailErr(http.StatusNotFound, "Not Found"))
		return
	}
	if _, pattern := h.mux.Handler(r); routeErr == nil && pattern == "" {
		routeErr = &routers.RouteError{Reason: routers.ErrPathNotFound.Error()}
	}
	if routeErr != nil {
		if routeErr.Error() == routers.ErrMethodNotAllowed.Error() || h.otherMethodRoutes(&rr) {
			writeError(rw, detailErr(http.StatusMethodNotAllowed, "Method Not Allowed"))
			return
		}
		writeError(rw, detailErr(http.StatusNotFound, "Not Found"))
		return
	}
	if strings.EqualFold(opID, "ssoCLIStart") && !h.cfg.ssoStartFlow {
		writeError(rw, detailErr(http.StatusNotFound, "Not Found"))
		return
	}
	if isPKCE(opID) && h.cfg.version != Version1_106 { // login --pkce is new in 1.106 (pkce.go)
		writeError(rw, detailErr(http.StatusNotFound, "Not Found"))
		return
	}

	p, aerr := h.authenticate(r, opID, r.URL.Path)
	if aerr != nil {
		writeError(rw, aerr)
		return
	}

	if r.Body != nil {
		r.Body = http.MaxBytesReader(rw, r.Body, maxBodyBytes)
	}
	if route.Operation.RequestBody != nil && r.Header.Get("Content-Type") == "" {
		// Like FastAPI, read a body without a content type as JSON.
		r.Header.Set("Content-Type", "application/json")
	}
	if isChat(opID) || isPKCE(opID) {
		// The proxy reads chat (and OAuth) bodies itself, without FastAPI validation:
		// chat.go answers malformed ones as the proxy does.
		ctx := context.WithValue(r.Context(), ctxKey{}, &reqInfo{p: p, opID: opID, route: tmpl, path: r.URL.Path})
		h.mux.ServeHTTP(rw, r.WithContext(ctx))
		return
	}
	input := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: pathParams,
		Route:      route,
		Options: &openapi3filter.Options{
			AuthenticationFunc:  openapi3filter.NoopAuthenticationFunc,
			MultiError:          true,
			SkipSettingDefaults: true,
		},
	}
	if err := openapi3filter.ValidateRequest(r.Context(), input); err != nil {
		writeError(rw, h.publicValidation(validationErr(err)))
		return
	}
	if h.cfg.noDB {
		if e := h.noDBAnswer(opID, pathParams); e != nil {
			writeError(rw, e)
			return
		}
	}

	ctx := context.WithValue(r.Context(), ctxKey{}, &reqInfo{p: p, opID: opID, route: tmpl, path: r.URL.Path})
	h.mux.ServeHTTP(rw, r.WithContext(ctx))
}

// otherMethodRoutes reports whether the path of r is a route for another
// method: Starlette answers 405 then, not 404.
func (h *handler) otherMethodRoutes(r *http.Request) bool {
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		rm := *r
		rm.Method = m
		if _, _, err := h.router.FindRoute(&rm); err == nil {
			return true
		}
	}
	return false
}

// paramError answers a parameter the generated wrapper could not bind; the
// validator normally catches these first.
func (h *handler) paramError(w http.ResponseWriter, _ *http.Request, err error) {
	name := ""
	var ipf *gen.InvalidParamFormatError
	var rpe *gen.RequiredParamError
	var rhe *gen.RequiredHeaderError
	switch {
	case errors.As(err, &ipf):
		name = ipf.ParamName
	case errors.As(err, &rpe):
		name = rpe.ParamName
	case errors.As(err, &rhe):
		name = rhe.ParamName
	}
	writeError(w, &apiError{status: http.StatusUnprocessableEntity, body: map[string]any{"detail": []any{
		map[string]any{"type": "value_error", "loc": []any{"query", name}, "msg": err.Error()},
	}}})
}

// ----------------------------------------------------------------------------
// Authentication and route gating (auth/user_api_key_auth.py, route_checks.py).

// principal is the caller, as the proxy's UserAPIKeyAuth describes it.
type principal struct {
	admin  bool
	master bool
	role   string
	userID string
	key    *keyRec // nil for the master key
	token  string  // hash of the presented key
}

// teamID is the team of the caller's key.
func (p *principal) teamID() string {
	if p.key == nil {
		return ""
	}
	return val(p.key.row.TeamID)
}

// Route classes.
const (
	routePublic      = iota // no key needed
	routeAnyKey             // LLM and "info" routes
	routeKeyMgmt            // key management: proxy_admin and internal_user
	routeSelfManaged        // permission checked in the endpoint
	routeAdmin              // proxy_admin only
)

// familyRouteClasses are the route classes of the families that keep
// their routes in their own files; each answers false for the operations
// that are not its own.
var familyRouteClasses = []func(opID string) (int, bool){
	tagRouteClass,         // tags.go
	platformRouteClass,    // organizations.go
	teamRouteClass,        // teams_manage.go
	mcpRouteClass,         // mcp.go
	vectorStoreRouteClass, // vectorstores.go
	guardrailRouteClass,   // guardrails.go
	accessGroupRouteClass, // accessgroups.go
	promptRouteClass,      // prompts.go
	restRouteClass,        // rest.go
	analyticsRouteClass,   // analytics.go
}

// routeClass classifies an operation (compared case-insensitively: the
// embedded spec's operationIds are capitalised by the generator).
func routeClass(opID string) int {
	if isInference(opID) {
		return routeAnyKey
	}
	for _, family := range familyRouteClasses {
		if c, ok := family(opID); ok {
			return c
		}
	}
	switch strings.ToLower(opID) {
	case "healthliveliness", "healthreadiness", "ssokeygenerate", "ssocallback", "ssoclipoll", "ssoclistart",
		"cliauthdiscovery", "cliauthregister", "cliauthauthorize", "cliauthauthorizecomplete", "cliauthtoken", "cliauthrevoke":
		return routePublic
	case "chatcompletion", "chatcompletionv1", "modellist", "modellistv1", "modelinfo", "modelinfov1",
		"modelgroupinfo", "keyinfo", "keylist", "keyhealth", "keyaliases", "teamlist", "teamlistv2", "teamavailable", "teaminfo", "userinfo", "userinfov2":
		return routeAnyKey
	case "spendlogs", "spendlogsv2", "spendtags", "spendcalculate": // spend_tracking_routes
		return routeAnyKey
	case "keygenerate", "keyupdate", "keydelete", "keyregenerate", "keyregeneratebypath", "keyblock", "keyunblock":
		return routeKeyMgmt
	case "teammemberadd", "modelnew", "modelupdate", "modelpatch", "modeldelete", "userdailyactivity":
		return routeSelfManaged
	default:
		return routeAdmin
	}
}

// canonicalOpID gives an operationId the spelling of api/litellm-proxy.yaml
// (lower camel case); the generator capitalises the embedded copy.
func canonicalOpID(id string) string {
	if id == "" {
		return id
	}
	return strings.ToLower(id[:1]) + id[1:]
}

// abbreviateKey is the proxy's abbreviate_api_key: "sk-..." and the last
// four characters, the only part of a key an error shows.
func abbreviateKey(key string) string {
	if len(key) < 4 {
		return "sk-..."
	}
	return "sk-..." + key[len(key)-4:]
}

// extractKey finds the API key the way the proxy does. malformed reports an
// Authorization header without a Bearer/Basic prefix.
func extractKey(r *http.Request) (key string, malformed bool) {
	strip := func(v string) (string, bool) {
		for _, p := range []string{"Bearer ", "bearer ", "Basic "} {
			if rest, ok := strings.CutPrefix(v, p); ok {
				return strings.TrimSpace(rest), true
			}
		}
		return v, false
	}
	if vs, ok := r.Header["X-Litellm-Api-Key"]; ok && len(vs) > 0 {
		v, _ := strip(strings.TrimSpace(vs[0]))
		return v, false
	}
	if vs, ok := r.Header["Authorization"]; ok && len(vs) > 0 {
		v, ok := strip(strings.TrimSpace(vs[0]))
		if !ok {
			return "", true
		}
		return v, false
	}
	for _, name := range []string{"Api-Key", "X-Api-Key", "X-Goog-Api-Key", "Ocp-Apim-Subscription-Key"} {
		if v := strings.TrimSpace(r.Header.Get(name)); v != "" {
			return v, false
		}
	}
	return "", false
}

func (h *handler) authenticate(r *http.Request, opID, route string) (*principal, *apiError) {
	class := routeClass(opID)
	if class == routePublic {
		return &principal{}, nil
	}
	key, malformed := extractKey(r)
	if malformed {
		return nil, proxyErr(http.StatusUnauthorized, "auth_error", "None",
			"Authentication Error, Malformed API Key passed in. Ensure Key has `Bearer ` prefix.")
	}
	if key == "" {
		return nil, proxyErr(http.StatusUnauthorized, "auth_error", "None", "Authentication Error, No api key passed in.")
	}
	if subtle.ConstantTimeCompare([]byte(key), []byte(h.cfg.masterKey)) == 1 {
		return &principal{admin: true, master: true, role: "proxy_admin", userID: "default_user_id", token: hashKey(key)}, nil
	}
	if e := masterKeyOnly(route); e != nil { // analytics.go
		return nil, e
	}
	if h.cfg.noDB {
		// Without a database the proxy cannot look a virtual key up.
		return nil, noDBConnection()
	}
	token := hashKey(key)

	h.mu.Lock()
	defer h.mu.Unlock()
	k := h.keys[token]
	if k == nil {
		return nil, proxyErr(http.StatusUnauthorized, "token_not_found_in_db", "key",
			"Authentication Error, Invalid proxy server token passed. Received API Key = "+abbreviateKey(key)+
				", Key Hash (Token) ="+token+". Unable to find token in cache or `LiteLLM_VerificationTokenTable`")
	}
	if val(k.row.Blocked) {
		return nil, proxyErr(http.StatusUnauthorized, "auth_error", "None",
			"Authentication Error, Key is blocked. Update via `/key/unblock` if you're an admin.")
	}
	if k.expires != nil && h.now().After(*k.expires) {
		return nil, proxyErr(http.StatusBadRequest, "expired_key", "None",
			fmt.Sprintf("Authentication Error - Expired Key. Key Expiry time %s and current time %s",
				k.expires.Format("2006-01-02 15:04:05.000000+00:00"), h.now().Format("2006-01-02 15:04:05.000000+00:00")))
	}
	// A key's role is its user's user_role; a key without a user (or whose
	// user has no role) has none, and may not manage keys.
	p := &principal{key: k, token: token, userID: val(k.row.UserID)}
	if u := h.users[p.userID]; u != nil && p.userID != "" {
		p.role = val(u.row.UserRole)
	}
	p.admin = p.role == "proxy_admin"
	switch {
	case p.admin, class == routeAnyKey, class == routeSelfManaged:
		return p, nil
	case class == routeKeyMgmt && p.role == "internal_user":
		return p, nil
	}
	return nil, proxyErr(http.StatusUnauthorized, "auth_error", "None", fmt.Sprintf(
		"Authentication Error, Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=%s. Your role=%s. Your user_id=%s",
		route, cmp.Or(p.role, "unknown"), maskUserID(cmp.Or(p.userID, "unknown"))))
}

// maskUserID masks a user id as the proxy's route checks do: the first six
// and last two characters shown ("***" for four or fewer).
func maskUserID(id string) string {
	switch {
	case len(id) <= 4:
		return "***"
	case len(id) < 8:
		return id
	}
	return id[:6] + strings.Repeat("*", len(id)-8) + id[len(id)-2:]
}

// changedBy is who made a change, for created_by/updated_by.
func changedBy(r *http.Request, p *principal) string {
	if v := r.Header.Get("litellm-changed-by"); v != "" {
		return v
	}
	if p != nil && p.userID != "" {
		return p.userID
	}
	return "default_user_id"
}
