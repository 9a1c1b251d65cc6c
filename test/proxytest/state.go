// The emulator's in-memory state: the handler, seeding from the options, and
// the sources of sequence numbers, times, ids and key hashes.

package proxytest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/litellm-go/proxyclient/gen"
)

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
	pkce        *pkceState // login --pkce (pkce.go)
	plat        platform   // organizations, budgets, customers (budgets.go)

	// issue 14, family 8: one field a family, each in its own file
	guardrails   guardrailState   // guardrails.go
	vectorStores vectorStoreState // vectorstores.go
	mcp          mcpState         // mcp.go
	accessGroups accessGroupState // accessgroups.go
	prompts      promptState      // prompts.go

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
	// Left out of the generated server (api/oapi-codegen-server.yaml): the
	// spec router has matched the route before the mux sees the request.
	h.mux.HandleFunc("GET /guardrails/{guardrail_id}/{rest}", func(w http.ResponseWriter, r *http.Request) {
		h.GuardrailInfo(w, r, r.PathValue("guardrail_id"))
	})
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
			tr.row.TeamAlias = ptr(t.Alias)
		}
		if len(t.Models) > 0 {
			tr.row.Models = slices.Clone(t.Models)
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
			k.row.UserID = ptr(u.ID)
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
		ur.row.UserEmail = ptr(u.Email)
	}
	role := u.Role
	if role == "" {
		role = "internal_user"
	}
	ur.row.UserRole = ptr(role)
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
