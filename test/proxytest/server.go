package proxytest

import (
	"bytes"
	"cmp"
	"context"
	crand "crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

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

// An Option configures a Server.
type Option func(*config)

type config struct {
	masterKey      string
	seed           uint64
	seeded         bool
	clock          func() time.Time
	models         []Model
	modelsSet      bool
	users          []User
	teams          []Team
	availableTeams []string
	availableSet   bool
	ssoUser        User
	ssoAutoApprove bool
	ssoStartFlow   bool
	faults         []Fault
	enterprise     bool
	noModelStore   bool   // a config without store_model_in_db: /model/new and the rest refuse
	version        string // "" is Version1_88
	noDB           bool
}

// WithMasterKey sets the master key (default [DefaultMasterKey]). It panics if
// key is empty.
func WithMasterKey(key string) Option {
	if key == "" {
		panic("proxytest: WithMasterKey: empty key")
	}
	return func(c *config) { c.masterKey = key }
}

// WithSeed seeds the server's random sources (generated keys and ids, fault
// probabilities), so that a run can be reproduced. Without it they are seeded
// randomly.
func WithSeed(seed uint64) Option {
	return func(c *config) { c.seed, c.seeded = seed, true }
}

// WithClock sets the clock the server uses for timestamps and key expiry, so
// tests can expire a key without sleeping. It panics if now is nil.
func WithClock(now func() time.Time) Option {
	if now == nil {
		panic("proxytest: WithClock: nil clock")
	}
	return func(c *config) { c.clock = now }
}

// WithModels replaces the default deployments ([DefaultModels]) with models.
// WithModels() starts the server with no deployments. It panics if a model has
// no Name or no "model" in Params, or if two models have the same id.
func WithModels(models ...Model) Option {
	for _, m := range models {
		m.mustValidate()
	}
	models = slices.Clone(models)
	return func(c *config) { c.models, c.modelsSet = models, true }
}

// WithUsers preloads users. A user with a Key also gets a virtual key with that
// value; a team named in Teams that does not exist is created. It panics if a
// user has no ID or a Key that does not start with "sk-".
func WithUsers(users ...User) Option {
	for _, u := range users {
		if u.ID == "" {
			panic("proxytest: WithUsers: user without ID")
		}
		if u.Key != "" && !strings.HasPrefix(u.Key, "sk-") {
			panic("proxytest: WithUsers: key must start with sk-")
		}
	}
	users = slices.Clone(users)
	return func(c *config) { c.users = append(c.users, users...) }
}

// WithTeams preloads teams. It panics if a team has no ID.
func WithTeams(teams ...Team) Option {
	for _, t := range teams {
		if t.ID == "" {
			panic("proxytest: WithTeams: team without ID")
		}
	}
	teams = slices.Clone(teams)
	return func(c *config) { c.teams = append(c.teams, teams...) }
}

// WithAvailableTeams sets the teams GET /team/available offers (the proxy's
// default_internal_user_params.available_teams), minus those the caller is
// already in. By default it offers every team the caller is not in.
func WithAvailableTeams(teamIDs ...string) Option {
	teamIDs = slices.Clone(teamIDs)
	return func(c *config) { c.availableTeams, c.availableSet = teamIDs, true }
}

// WithFault adds a fault (see [Fault]); the option may be repeated. It panics
// if the fault is invalid.
func WithFault(f Fault) Option {
	f.mustValidate()
	return func(c *config) { c.faults = append(c.faults, f) }
}

// WithLatency delays every response by d; it is WithFault(Latency(d)).
func WithLatency(d time.Duration) Option { return WithFault(Latency(d)) }

// A Model is a deployment: an entry of a model group, as POST /model/new takes it.
type Model struct {
	// Name is the public model (group) name, e.g. "gpt-4o".
	Name string
	// Params are the litellm_params; "model" (e.g. "openai/gpt-4o") is required.
	Params map[string]any
	// Info is the model_info. "id" is generated when absent; the cost fields
	// input_cost_per_token and output_cost_per_token price chat completions.
	Info map[string]any
}

func (m Model) mustValidate() {
	if m.Name == "" {
		panic("proxytest: Model without Name")
	}
	if s, _ := m.Params["model"].(string); s == "" {
		panic(fmt.Sprintf("proxytest: Model %q without Params[\"model\"]", m.Name))
	}
}

// DefaultModels returns the deployments a server has unless [WithModels] is
// given: the model group "gpt-4o" with two deployments (openai/gpt-4o, id
// "proxytest-gpt-4o-openai", and azure/gpt-4o, id "proxytest-gpt-4o-azure")
// and "claude-3-5-sonnet" (anthropic/claude-3-5-sonnet-20240620, id
// "proxytest-claude-3-5-sonnet"), each with costs in model_info.
func DefaultModels() []Model {
	return []Model{
		{
			Name:   "gpt-4o",
			Params: map[string]any{"model": "openai/gpt-4o", "api_key": "os.environ/OPENAI_API_KEY"},
			Info: map[string]any{
				"id": "proxytest-gpt-4o-openai", "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05,
				"max_tokens": 16384, "max_input_tokens": 128000, "max_output_tokens": 16384,
				"supports_function_calling": true, "supports_vision": true,
			},
		},
		{
			Name: "gpt-4o",
			Params: map[string]any{
				"model": "azure/gpt-4o", "api_base": "https://proxytest.openai.azure.com",
				"api_version": "2024-08-01-preview", "api_key": "os.environ/AZURE_API_KEY",
			},
			Info: map[string]any{
				"id": "proxytest-gpt-4o-azure", "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05,
				"max_tokens": 16384, "max_input_tokens": 128000, "max_output_tokens": 16384,
				"supports_function_calling": true, "supports_vision": true,
			},
		},
		{
			Name:   "claude-3-5-sonnet",
			Params: map[string]any{"model": "anthropic/claude-3-5-sonnet-20240620", "api_key": "os.environ/ANTHROPIC_API_KEY"},
			Info: map[string]any{
				"id": "proxytest-claude-3-5-sonnet", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
				"max_tokens": 8192, "max_input_tokens": 200000, "max_output_tokens": 8192,
				"supports_function_calling": true, "supports_vision": true,
			},
		},
	}
}

// A User is a proxy user, for [WithUsers] and [WithSSOUser].
type User struct {
	// ID is the user_id.
	ID string
	// Email is the user_email.
	Email string
	// Role is the user_role: proxy_admin, proxy_admin_viewer, internal_user
	// (the default) or internal_user_viewer.
	Role string
	// Teams are the ids of the teams the user is a member of.
	Teams []string
	// Key, if set, is the value of a virtual key created for the user
	// (WithUsers only).
	Key string
}

// A Team is a proxy team, for [WithTeams].
type Team struct {
	// ID is the team_id.
	ID string
	// Alias is the team_alias.
	Alias string
	// Models, if set, restricts the team's keys to these model groups.
	Models []string
}

// handler is the emulator: it implements gen.ServerInterface over in-memory state.
type handler struct {
	cfg       config
	router    routers.Router
	mux       *http.ServeMux // the generated routes
	done      chan struct{}  // closed by Server.Close
	closeOnce sync.Once

	mu          sync.Mutex // guards everything below up to faultMu
	seq         int64
	ids         *rand.Rand
	keys        map[string]*keyRec // by token (hash)
	deployments []*deployment
	credentials map[string]*credential
	users       map[string]*userRec
	teams       map[string]*teamRec
	sso         map[string]*ssoSession
	roundRobin  map[string]int

	faultMu   sync.Mutex
	faults    []*faultState
	faultRand *rand.Rand

	reqMu     sync.Mutex
	requests  []*Request
	reqCounts map[reqKey]int
}

var _ gen.ServerInterface = (*handler)(nil)

func newHandler(cfg config) *handler {
	doc, err := gen.GetSpec()
	if err != nil {
		panic("proxytest: load the embedded spec: " + err.Error())
	}
	doc.Servers = nil // match any host
	router, err := legacy.NewRouter(doc)
	if err != nil {
		panic("proxytest: route the embedded spec: " + err.Error())
	}
	h := &handler{
		cfg:         cfg,
		router:      router,
		ids:         rand.New(rand.NewPCG(cfg.seed, 0x70726f78797465)),
		faultRand:   rand.New(rand.NewPCG(cfg.seed, 0x6661756c7473)),
		keys:        map[string]*keyRec{},
		credentials: map[string]*credential{},
		users:       map[string]*userRec{},
		teams:       map[string]*teamRec{},
		sso:         map[string]*ssoSession{},
		roundRobin:  map[string]int{},
		reqCounts:   map[reqKey]int{},
		done:        make(chan struct{}),
		mux:         http.NewServeMux(),
	}
	gen.HandlerWithOptions(h, gen.StdHTTPServerOptions{BaseRouter: h.mux, ErrorHandlerFunc: h.paramError})
	h.setFaults(cfg.faults)
	h.seed()
	return h
}

// seed loads the configured models, teams and users.
func (h *handler) seed() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, m := range h.cfg.models {
		d, err := h.addDeployment(m.Name, deepCopyMap(m.Params), deepCopyMap(m.Info), "proxytest")
		if err != nil {
			panic("proxytest: WithModels: " + err.Error())
		}
		d.info["db_model"] = false // from the config's model_list, not the database
	}
	for _, t := range h.cfg.teams {
		tr := h.ensureTeam(t.ID)
		if t.Alias != "" {
			tr.row["team_alias"] = t.Alias
		}
		if len(t.Models) > 0 {
			tr.row["models"] = toAnySlice(t.Models)
		}
	}
	for _, u := range h.cfg.users {
		h.seedUser(u)
		if u.Key != "" {
			token := hashKey(u.Key)
			if _, ok := h.keys[token]; ok {
				panic("proxytest: WithUsers: duplicate key")
			}
			k := h.newKey(u.Key, "proxytest")
			k.row["user_id"] = u.ID
			h.keys[k.token] = k
		}
	}
}

// seedUser creates (or updates) a user from a User value and puts it in its teams.
func (h *handler) seedUser(u User) *userRec {
	ur := h.users[u.ID]
	if ur == nil {
		ur = h.newUser(u.ID)
		h.users[u.ID] = ur
	}
	if u.Email != "" {
		ur.row["user_email"] = u.Email
	}
	role := u.Role
	if role == "" {
		role = "internal_user"
	}
	ur.row["user_role"] = role
	for _, tid := range u.Teams {
		h.ensureTeam(tid).addMember(u.ID, u.Email, "user")
	}
	return ur
}

func (h *handler) nextSeq() int64 {
	h.seq++
	return h.seq
}

func (h *handler) now() time.Time { return h.cfg.clock().UTC() }

// isoTime formats t as Python's datetime.isoformat does for an aware UTC time.
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000-07:00") }

// uuid returns a random (version 4) UUID from the seeded source. h.mu must be held.
func (h *handler) uuid() string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], h.ids.Uint64())
	binary.LittleEndian.PutUint64(b[8:], h.ids.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	x := hex.EncodeToString(b[:])
	return x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:]
}

// urlsafe returns n random bytes in unpadded base64url, like Python's
// secrets.token_urlsafe(n). h.mu must be held.
func (h *handler) urlsafe(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(h.ids.Uint32())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashKey is the proxy's hash_token: the hex SHA-256 of the key.
func hashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

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
	defer func() {
		h.reqMu.Lock()
		rec.Status = rw.status
		h.reqMu.Unlock()
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
	if isChat(opID) {
		// The proxy reads chat bodies itself, without FastAPI validation:
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
		writeError(rw, validationErr(err))
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
	return str(p.key.row["team_id"])
}

// Route classes.
const (
	routePublic      = iota // no key needed
	routeAnyKey             // LLM and "info" routes
	routeKeyMgmt            // key management: proxy_admin and internal_user
	routeSelfManaged        // permission checked in the endpoint
	routeAdmin              // proxy_admin only
)

// routeClass classifies an operation (compared case-insensitively: the
// embedded spec's operationIds are capitalised by the generator).
func routeClass(opID string) int {
	switch strings.ToLower(opID) {
	case "healthliveliness", "healthreadiness", "ssokeygenerate", "ssocallback", "ssoclipoll", "ssoclistart":
		return routePublic
	case "chatcompletion", "chatcompletionv1", "modellist", "modellistv1", "modelinfo", "modelinfov1",
		"modelgroupinfo", "keyinfo", "keylist", "teamlist", "teamlistv2", "teamavailable", "teaminfo", "userinfo", "userinfov2":
		return routeAnyKey
	case "keygenerate", "keyupdate", "keydelete", "keyregenerate", "keyregeneratebypath", "keyblock", "keyunblock":
		return routeKeyMgmt
	case "teammemberadd", "modelnew", "modelupdate", "modelpatch", "modeldelete":
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
	if b, _ := k.row["blocked"].(bool); b {
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
	p := &principal{key: k, token: token, userID: str(k.row["user_id"])}
	if u := h.users[p.userID]; u != nil && p.userID != "" {
		p.role = str(u.row["user_role"])
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

// ----------------------------------------------------------------------------
// Errors, in the proxy's shapes.

// apiError is an error response.
type apiError struct {
	status int
	body   any
	header http.Header
}

// proxyErr is a ProxyException: {"error": {"message","type","param","code"}}
// with code a string. param may be a string or nil.
func proxyErr(status int, typ string, param any, msg string) *apiError {
	return &apiError{status: status, body: map[string]any{"error": map[string]any{
		"message": msg, "type": typ, "param": param, "code": strconv.Itoa(status),
	}}}
}

// wrappedErr is an HTTPException(detail={"error": msg}) converted by the
// proxy's handle_exception_on_proxy: a ProxyException of type auth_error whose
// message is the printed Python dict.
func wrappedErr(status int, msg string) *apiError {
	return proxyErr(status, "auth_error", "None", pyDict("error", msg))
}

// detailErr is FastAPI's default HTTPException body {"detail": detail}.
func detailErr(status int, detail any) *apiError {
	return &apiError{status: status, body: map[string]any{"detail": detail}}
}

// errorDetail is {"detail": {"error": msg}}.
func errorDetail(status int, msg string) *apiError {
	return detailErr(status, map[string]any{"error": msg})
}

// valueError is a pydantic model_validator failure (HTTP 422).
func valueError(msg string, input any) *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, body: map[string]any{"detail": []any{map[string]any{
		"type": "value_error", "loc": []any{"body"}, "msg": "Value error, " + msg, "input": input, "ctx": map[string]any{"error": map[string]any{}},
	}}}}
}

func writeError(w http.ResponseWriter, e *apiError) {
	for k, vs := range e.header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	writeJSON(w, e.status, e.body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		data = []byte(`{"error":{"message":"Internal Server Error, proxytest: encode response","type":"internal_server_error","param":"None","code":"500"}}`)
	}
	writeRaw(w, status, "application/json", data)
}

func writeRaw(w http.ResponseWriter, status int, contentType string, data []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// do runs f with the state locked and writes its result (JSON, status 200) or its error.
func (h *handler) do(w http.ResponseWriter, f func() (any, *apiError)) {
	data, e := func() ([]byte, *apiError) {
		h.mu.Lock()
		defer h.mu.Unlock()
		v, e := f()
		if e != nil {
			return nil, e
		}
		data, err := json.Marshal(v)
		if err != nil {
			return nil, proxyErr(http.StatusInternalServerError, "internal_server_error", "None", "Internal Server Error, "+err.Error())
		}
		return data, nil
	}()
	if e != nil {
		writeError(w, e)
		return
	}
	writeRaw(w, http.StatusOK, "application/json", data)
}

// pyRepr renders s as Python's repr of a str.
func pyRepr(s string) string {
	q := "'"
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = `"`
	}
	r := strings.NewReplacer(`\`, `\\`, q, `\`+q, "\n", `\n`)
	return q + r.Replace(s) + q
}

// pyDict renders the Python dict {k: v} as str() prints it.
func pyDict(k, v string) string { return "{" + pyRepr(k) + ": " + pyRepr(v) + "}" }

// pyList renders a list of strings as str() prints it.
func pyList(xs []string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = pyRepr(x)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// ----------------------------------------------------------------------------
// Request validation errors, as FastAPI's 422 {"detail": [...]}.

func validationErr(err error) *apiError {
	var items []any
	var walk func(error)
	walk = func(err error) {
		var me openapi3.MultiError
		if errors.As(err, &me) && !isRequestError(err) {
			for _, e := range me {
				walk(e)
			}
			return
		}
		var re *openapi3filter.RequestError
		if !errors.As(err, &re) {
			items = append(items, map[string]any{"type": "value_error", "loc": []any{"body"}, "msg": err.Error()})
			return
		}
		items = append(items, requestErrorItems(re)...)
	}
	walk(err)
	if len(items) == 0 {
		items = append(items, map[string]any{"type": "value_error", "loc": []any{"body"}, "msg": err.Error()})
	}
	return &apiError{status: http.StatusUnprocessableEntity, body: map[string]any{"detail": items}}
}

func isRequestError(err error) bool {
	_, ok := err.(*openapi3filter.RequestError)
	return ok
}

func requestErrorItems(re *openapi3filter.RequestError) []any {
	var base []any
	if re.Parameter != nil {
		base = []any{re.Parameter.In, re.Parameter.Name}
	} else {
		base = []any{"body"}
	}
	if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
		return []any{map[string]any{"type": "missing", "loc": base, "msg": "Field required", "input": nil}}
	}
	var pe *openapi3filter.ParseError
	if errors.As(re.Err, &pe) {
		if re.Parameter == nil {
			return []any{map[string]any{"type": "json_invalid", "loc": append(base, 0), "msg": "JSON decode error",
				"input": map[string]any{}, "ctx": map[string]any{"error": pe.Error()}}}
		}
		typ, msg := "value_error", "Input is not valid"
		if s := re.Parameter.Schema; s != nil && s.Value != nil {
			typ, msg = typeMismatch(s.Value)
			typ = strings.Replace(typ, "_type", "_parsing", 1)
		}
		return []any{map[string]any{"type": typ, "loc": base, "msg": msg, "input": pe.Value}}
	}
	var schemaErrs []*openapi3.SchemaError
	var collect func(error)
	collect = func(err error) {
		var me openapi3.MultiError
		if errors.As(err, &me) {
			for _, e := range me {
				collect(e)
			}
			return
		}
		var se *openapi3.SchemaError
		if errors.As(err, &se) {
			schemaErrs = append(schemaErrs, se)
		}
	}
	collect(re.Err)
	if len(schemaErrs) == 0 {
		typ, msg := "value_error", re.Error()
		if strings.Contains(re.Reason, "Content-Type") {
			typ, msg = "model_attributes_type", "Input should be a valid dictionary or object to extract fields from"
		}
		return []any{map[string]any{"type": typ, "loc": base, "msg": msg}}
	}
	var out []any
	for _, se := range schemaErrs {
		loc := slices.Clone(base)
		for _, p := range se.JSONPointer() {
			if n, err := strconv.Atoi(p); err == nil {
				loc = append(loc, n)
			} else {
				loc = append(loc, p)
			}
		}
		item := schemaErrorItem(se, loc)
		if re.Parameter != nil && re.Parameter.In == "query" && re.Input != nil && re.Input.Request != nil {
			// FastAPI echoes a query parameter as the string it received.
			if vs, ok := re.Input.Request.URL.Query()[re.Parameter.Name]; ok && len(vs) > 0 {
				item["input"] = vs[0]
			}
		}
		out = append(out, item)
	}
	return out
}

func schemaErrorItem(se *openapi3.SchemaError, loc []any) map[string]any {
	item := map[string]any{"loc": loc, "input": se.Value}
	s := se.Schema
	switch se.SchemaField {
	case "required":
		item["type"], item["msg"] = "missing", "Field required"
	case "type", "nullable":
		item["type"], item["msg"] = typeMismatch(s)
	case "enum":
		opts := make([]string, len(s.Enum))
		for i, e := range s.Enum {
			opts[i] = fmt.Sprintf("'%v'", e)
		}
		exp := strings.Join(opts, ", ")
		if n := len(opts); n > 1 {
			exp = strings.Join(opts[:n-1], ", ") + " or " + opts[n-1]
		}
		item["type"], item["msg"], item["ctx"] = "enum", "Input should be "+exp, map[string]any{"expected": exp}
	case "minimum":
		item["type"], item["msg"], item["ctx"] = "greater_than_equal", fmt.Sprintf("Input should be greater than or equal to %v", deref(s.Min)), map[string]any{"ge": deref(s.Min)}
	case "maximum":
		item["type"], item["msg"], item["ctx"] = "less_than_equal", fmt.Sprintf("Input should be less than or equal to %v", deref(s.Max)), map[string]any{"le": deref(s.Max)}
	case "minItems":
		item["type"], item["msg"] = "too_short", fmt.Sprintf("List should have at least %d item after validation", s.MinItems)
	case "maxItems":
		item["type"], item["msg"] = "too_long", fmt.Sprintf("List should have at most %d items after validation", deref(s.MaxItems))
	case "minLength":
		item["type"], item["msg"] = "string_too_short", fmt.Sprintf("String should have at least %d characters", s.MinLength)
	case "maxLength":
		item["type"], item["msg"] = "string_too_long", fmt.Sprintf("String should have at most %d characters", deref(s.MaxLength))
	default:
		item["type"], item["msg"] = "value_error", se.Reason
	}
	return item
}

// typeMismatch names a pydantic type error for a value that is not of s's type.
func typeMismatch(s *openapi3.Schema) (string, string) {
	switch {
	case s == nil || s.Type == nil:
		return "value_error", "Input is not valid"
	case s.Type.Is(openapi3.TypeString):
		return "string_type", "Input should be a valid string"
	case s.Type.Is(openapi3.TypeInteger):
		return "int_type", "Input should be a valid integer"
	case s.Type.Is(openapi3.TypeNumber):
		return "float_type", "Input should be a valid number"
	case s.Type.Is(openapi3.TypeBoolean):
		return "bool_type", "Input should be a valid boolean"
	case s.Type.Is(openapi3.TypeArray):
		return "list_type", "Input should be a valid list"
	case s.Type.Is(openapi3.TypeObject):
		return "dict_type", "Input should be a valid dictionary"
	}
	return "value_error", "Input is not valid"
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// ----------------------------------------------------------------------------
// Body and value helpers.

// readBody decodes the JSON body into typed (if non-nil) and returns it as a
// map too, so handlers can tell absent fields from zero values. The body was
// validated against the spec already.
func readBody(r *http.Request, typed any) (map[string]any, *apiError) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, proxyErr(http.StatusBadRequest, "bad_request_error", "None", "could not read the request body")
	}
	raw := map[string]any{}
	if len(bytes.TrimSpace(data)) == 0 {
		return raw, nil
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, &apiError{status: http.StatusUnprocessableEntity, body: map[string]any{"detail": []any{map[string]any{
			"type": "json_invalid", "loc": []any{"body", 0}, "msg": "JSON decode error", "input": map[string]any{},
		}}}}
	}
	if typed != nil {
		if err := json.Unmarshal(data, typed); err != nil {
			return nil, &apiError{status: http.StatusUnprocessableEntity, body: map[string]any{"detail": []any{map[string]any{
				"type": "value_error", "loc": []any{"body"}, "msg": err.Error(),
			}}}}
		}
	}
	return raw, nil
}

// str returns v if it is a string, else "".
func str(v any) string {
	s, _ := v.(string)
	return s
}

// num returns v as a float64 if it is a number.
func num(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// strs returns the strings of v, a []any or []string.
func strs(v any) []string {
	switch xs := v.(type) {
	case []string:
		return slices.Clone(xs)
	case []any:
		out := make([]string, 0, len(xs))
		for _, x := range xs {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func toAnySlice(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// deepCopy copies JSON-like values.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return deepCopyMap(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	case []string:
		return toAnySlice(x)
	case int:
		return float64(x)
	case int64:
		return float64(x)
	}
	return v
}

func deepCopyMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = deepCopy(v)
	}
	return out
}

// mapOr returns v if it is an object, else an empty one.
func mapOr(v any) map[string]any {
	if m, ok := v.(map[string]any); ok {
		return m
	}
	return map[string]any{}
}

// sortRows orders records by the row field sortBy (creation order when
// sortBy is "" or "created_at", and to break ties), descending when desc.
func sortRows[T any](list []T, sortBy string, desc bool, rec func(T) (row map[string]any, seq int64)) {
	slices.SortStableFunc(list, func(a, b T) int {
		ra, sa := rec(a)
		rb, sb := rec(b)
		c := 0
		if sortBy != "" && sortBy != "created_at" {
			c = compareAny(ra[sortBy], rb[sortBy])
		}
		if c == 0 {
			c = cmp.Compare(sa, sb)
		}
		if desc {
			return -c
		}
		return c
	})
}

// pageParams returns the page and page size a list request asks for.
func pageParams(page, size *int, defaultSize int) (int, int) {
	p, s := 1, defaultSize
	if page != nil {
		p = *page
	}
	if size != nil {
		s = *size
	}
	return p, s
}

// paginate returns the page (1-based) of xs and the number of pages.
func paginate[T any](xs []T, page, size int) ([]T, int) {
	if size < 1 {
		size = 1
	}
	if page < 1 {
		page = 1
	}
	pages := (len(xs) + size - 1) / size
	start := (page - 1) * size
	if start >= len(xs) {
		return []T{}, pages
	}
	return xs[start:min(start+size, len(xs))], pages
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

// compareAny orders JSON-like values: nil first, then numbers, then strings.
func compareAny(a, b any) int {
	if a == nil || b == nil {
		switch {
		case a == nil && b == nil:
			return 0
		case a == nil:
			return -1
		default:
			return 1
		}
	}
	if x, ok := num(a); ok {
		if y, ok := num(b); ok {
			switch {
			case x < y:
				return -1
			case x > y:
				return 1
			}
			return 0
		}
	}
	return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
}
