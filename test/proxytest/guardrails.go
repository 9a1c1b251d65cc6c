package proxytest

import (
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/litellm-go/proxyclient/gen"
	"github.com/litellm-go/proxyclient/internal/yamljson"
)

// guardrailState is the emulator's state for this family (issue 14, family 8). h.mu guards it.
type guardrailState struct {
	db map[string]*guardrailRec // LiteLLM_GuardrailsTable rows, by guardrail_id
}

// guardrailRec is a guardrail: a row of the database, or one of the
// config file (guardrail_endpoints.py, guardrail_registry.py).
type guardrailRec struct {
	seq     int64
	id      string
	name    string
	params  map[string]any // litellm_params as stored
	info    map[string]any // guardrail_info (nil is null)
	created time.Time
	updated time.Time
	config  bool // from the config file's guardrails:

	// A team submission (POST /guardrails/register) has a team and a
	// status: pending_review until an admin approves (active) or rejects
	// it. Rows made by POST /guardrails have neither ("" is active).
	teamID    string
	status    string
	submitted time.Time
	reviewed  time.Time
}

// active reports whether the row is in force: listed by the v2 list and
// run by apply_guardrail (guardrail_registry.py reads status "active").
func (g *guardrailRec) active() bool { return g.status == "" || g.status == "active" }

// statusOr is the row's status, "active" for a row without one.
func (g *guardrailRec) statusOr() string {
	if g.status == "" {
		return "active"
	}
	return g.status
}

// A ConfigGuardrail is an entry of a config file's guardrails: list.
type ConfigGuardrail struct {
	// Name is guardrail_name.
	Name string
	// Params is litellm_params (guardrail, mode and the integration's
	// settings), as in the file.
	Params map[string]any
	// Info is guardrail_info, or nil.
	Info map[string]any
}

// configGuardrailNamespace is the UUID namespace of the stable ids 1.106
// gives the guardrails of the config file (1.88 gives them random ones).
var configGuardrailNamespace = [16]byte{0x62, 0x5f, 0x63, 0xf4, 0x93, 0x5a, 0x50, 0xe5, 0x98, 0xb5, 0xfb, 0xe7, 0x7b, 0xab, 0xc7, 0x4a}

// uuid5 is Python's uuid.uuid5.
func uuid5(ns [16]byte, name string) string {
	sum := sha1.Sum(append(ns[:], name...))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	x := hex.EncodeToString(b)
	return x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:]
}

// configGuardrails are the guardrails of the config file, with their
// stable ids. h.mu must be held.
func (h *handler) configGuardrails() []*guardrailRec {
	var out []*guardrailRec
	taken := map[string]bool{}
	for _, g := range h.cfg.guardrails {
		id := uuid5(configGuardrailNamespace, g.Name)
		for n := 1; taken[id]; n++ {
			id = uuid5(configGuardrailNamespace, fmt.Sprintf("%s:%d", g.Name, n))
		}
		taken[id] = true
		out = append(out, &guardrailRec{id: id, name: g.Name, params: maps.Clone(g.Params), info: g.Info, config: true})
	}
	return out
}

// guardrailModes are the values of GuardrailEventHooks.
var guardrailModes = []string{"pre_call", "post_call", "during_call", "logging_only", "pre_mcp_call", "during_mcp_call",
	"realtime_input_transcription"}

// guardrailTypes are the values of SupportedGuardrailIntegrations (1.88.0).
var guardrailTypes = []string{"aporia", "bedrock", "dynamoai", "guardrails_ai", "lakera", "lakera_v2", "presidio",
	"hide-secrets", "hiddenlayer", "aim", "pangea", "crowdstrike_aidr", "lasso", "pillar", "grayswan", "panw_prisma_airs",
	"azure/prompt_shield", "azure/text_moderations", "model_armor", "openai_moderation", "noma", "noma_v2",
	"tool_permission", "zscaler_ai_guard", "javelin", "enkryptai", "ibm_guardrails", "litellm_content_filter",
	"mcp_security", "onyx", "promptguard", "xecguard", "prompt_security", "generic_guardrail_api", "qualifire",
	"custom_code", "microsoft_purview", "semantic_guard", "mcp_end_user_permission", "block_code_execution", "akto",
	"mcp_jwt_signer", "llm_as_a_judge", "qostodian_nexus", "rubrik"}

// guardrailRouteClass is the auth class of the guardrail routes: the lists
// and apply_guardrail take any key; the rest is for proxy admins.
func guardrailRouteClass(opID string) (int, bool) {
	switch strings.ToLower(opID) {
	case "guardraillist", "guardraillistv2", "guardrailapply", "guardrailapplyalias":
		return routeAnyKey, true
	case "guardrailcreate", "guardrailget", "guardrailinfo", "guardrailupdate", "guardrailpatch", "guardraildelete",
		"guardrailsubmissionapprove", "guardrailsubmissionreject":
		return routeAdmin, true
	case "guardrailregister", "guardrailsubmissionlist", "guardrailsubmissionget":
		// _types.py: team guardrail submission routes manage their own
		// access (team membership).
		return routeSelfManaged, true
	}
	return 0, false
}

// guardrailNoDB is the answer of a guardrail route on a proxy without a
// database: "Prisma client not initialized" (HTTP 500), except that 1.106
// lists and looks up the guardrails of the config file.
func (h *handler) guardrailNoDB(opID string) *apiError {
	prisma := detailErr(http.StatusInternalServerError, "Prisma client not initialized")
	switch strings.ToLower(opID) {
	case "guardraillistv2", "guardrailget", "guardrailinfo":
		if h.is106() {
			return nil
		}
		return prisma
	case "guardrailcreate", "guardrailupdate", "guardrailpatch", "guardraildelete",
		"guardrailregister", "guardrailsubmissionlist", "guardrailsubmissionget", "guardrailsubmissionapprove", "guardrailsubmissionreject":
		return prisma
	}
	return nil
}

// guardrailDB returns the database rows, creating the map. h.mu must be held.
func (h *handler) guardrailDB() map[string]*guardrailRec {
	if h.guardrails.db == nil {
		h.guardrails.db = map[string]*guardrailRec{}
	}
	return h.guardrails.db
}

// rowParams is litellm_params as a database row stores them: every
// default of LitellmParams, then the guardrail's values; blocked words get
// their description.
func rowParams(p map[string]any) map[string]any {
	out := maps.Clone(guardrailRowParams)
	for k, v := range p {
		out[k] = v
	}
	if words, ok := out["blocked_words"].([]any); ok {
		norm := make([]any, 0, len(words))
		for _, w := range words {
			if m, ok := w.(map[string]any); ok {
				m = maps.Clone(m)
				if _, ok := m["description"]; !ok {
					m["description"] = nil
				}
				w = m
			}
			norm = append(norm, w)
		}
		out["blocked_words"] = norm
	}
	return out
}

// sensitiveParam reports whether _get_masked_values masks the member k.
func sensitiveParam(k string) bool {
	k = strings.ToLower(k)
	for _, s := range []string{"authorization", "token", "key", "secret", "vertex_credentials", "credentials", "password", "passwd"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// maskValue is _get_masked_values' masking of one value (4 characters
// kept, 4 asterisks).
func maskValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return maskParams(x)
	case string:
		if len(x) <= 4 {
			return "*****"
		}
		return x[:2] + "****" + x[len(x)-2:]
	}
	return v
}

// maskParams masks the secret members of litellm_params.
func maskParams(p map[string]any) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		if sensitiveParam(k) {
			v = maskValue(v)
		}
		out[k] = v
	}
	return out
}

// viewParams is litellm_params as the lists and GET /guardrails/{id}
// answer them: masked, coerced into BaseLitellmParams (its defaults, then
// the guardrail's members). A guardrail of the config file read from
// memory by 1.106's v2 list carries LitellmParams' defaults too (memory).
func (h *handler) viewParams(g *guardrailRec, memory bool) map[string]any {
	out := maps.Clone(guardrailBaseParams[h.version()])
	if memory && h.is106() {
		maps.Copy(out, guardrailMemoryParams106)
	}
	src := g.params
	if !g.config {
		src = rowParams(g.params)
	} else {
		src = rowParamsLight(src)
	}
	maps.Copy(out, maskParams(src))
	return out
}

// rowParamsLight gives the blocked words of a config guardrail their
// description, as the BlockedWord model does.
func rowParamsLight(p map[string]any) map[string]any {
	out := rowParams(p)
	for k := range out {
		if _, ok := p[k]; !ok && k != "blocked_words" {
			delete(out, k)
		}
	}
	if _, ok := p["blocked_words"]; !ok {
		delete(out, "blocked_words")
	}
	return out
}

// timeZ is a row's timestamp as the prisma client prints it.
func timeZ(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

// guardrailView is a guardrail as the lists and GET /guardrails/{id}
// answer it (GuardrailInfoResponse).
func (h *handler) guardrailView(g *guardrailRec, memory bool) map[string]any {
	v := map[string]any{
		"guardrail_id": nil, "guardrail_name": g.name, "litellm_params": h.viewParams(g, memory),
		"guardrail_info": g.info, "created_at": nil, "updated_at": nil, "guardrail_definition_location": "config",
	}
	if !g.config {
		v["guardrail_id"], v["created_at"], v["updated_at"] = g.id, timeZ(g.created), timeZ(g.updated)
		v["guardrail_definition_location"] = "db"
	} else if memory {
		v["guardrail_id"] = g.id
		if g.info == nil {
			v["guardrail_info"] = map[string]any{}
		}
	}
	return v
}

// guardrailWritten is a guardrail as PUT and PATCH answer it (the updated
// LiteLLM_GuardrailsTable row).
func guardrailWritten(g *guardrailRec) map[string]any {
	return map[string]any{
		"guardrail_id": g.id, "guardrail_name": g.name, "litellm_params": rowParams(g.params),
		"guardrail_info": g.info, "team_id": nilIfEmpty(g.teamID), "created_at": isoTime(g.created), "updated_at": isoTime(g.updated),
		"status": g.statusOr(), "submitted_at": timeOrNil(g.submitted, isoTime), "reviewed_at": timeOrNil(g.reviewed, isoTime),
	}
}

// checkGuardrailParams is the initialisation of a guardrail: an unknown
// integration or mode fails it.
func checkGuardrailParams(p map[string]any) string {
	typ, _ := p["guardrail"].(string)
	if !slices.Contains(guardrailTypes, typ) {
		return "Unsupported guardrail: " + typ
	}
	switch m := p["mode"].(type) {
	case string:
		if !slices.Contains(guardrailModes, m) {
			return fmt.Sprintf("'%s' is not a valid GuardrailEventHooks", m)
		}
	case []any:
		for _, x := range m {
			if s, _ := x.(string); !slices.Contains(guardrailModes, s) {
				return fmt.Sprintf("'%v' is not a valid GuardrailEventHooks", x)
			}
		}
	}
	return ""
}

// guardrailNameTaken reports whether a database row other than except has
// the name. h.mu must be held.
func (h *handler) guardrailNameTaken(name, except string) bool {
	for id, g := range h.guardrailDB() {
		if g.name == name && id != except {
			return true
		}
	}
	return false
}

// GuardrailList is GET /guardrails/list: the guardrails of the config file
// only.
func (h *handler) GuardrailList(w http.ResponseWriter, r *http.Request) {
	h.do(w, func() (any, *apiError) {
		out := []any{}
		for _, g := range h.configGuardrails() {
			out = append(out, h.guardrailView(g, false))
		}
		return map[string]any{"guardrails": out}, nil
	})
}

// sortedGuardrails lists the database rows in creation order. h.mu must be held.
func (h *handler) sortedGuardrails() []*guardrailRec {
	list := slices.Collect(maps.Values(h.guardrailDB()))
	slices.SortFunc(list, func(a, b *guardrailRec) int { return cmp.Compare(a.seq, b.seq) })
	return list
}

// GuardrailListV2 is GET /v2/guardrails/list: the database rows, then the
// guardrails of the config file.
func (h *handler) GuardrailListV2(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		out := []any{}
		for _, g := range h.sortedGuardrails() {
			if g.active() && h.guardrailVisible(p, g) {
				out = append(out, h.guardrailView(g, true))
			}
		}
		for _, g := range h.configGuardrails() {
			out = append(out, h.guardrailView(g, true))
		}
		return map[string]any{"guardrails": out}, nil
	})
}

// GuardrailCreate is POST /guardrails. The proxy raises its own 400 (an
// integration that does not start) inside a handler that turns every
// exception into HTTP 500, so the detail reads "400: ...".
func (h *handler) GuardrailCreate(w http.ResponseWriter, r *http.Request) {
	_, body, ok := decodeBody[gen.GuardrailCreateRequest](w, r)
	if !ok {
		return
	}
	spec, _ := body["guardrail"].(map[string]any)
	h.do(w, func() (any, *apiError) {
		name, _ := spec["guardrail_name"].(string)
		params, _ := spec["litellm_params"].(map[string]any)
		info, _ := spec["guardrail_info"].(map[string]any)
		if h.guardrailNameTaken(name, "") {
			return nil, detailErr(http.StatusInternalServerError,
				"Error adding guardrail to DB: Unique constraint failed on the fields: (`guardrail_name`)")
		}
		if msg := checkGuardrailParams(params); msg != "" {
			return nil, detailErr(http.StatusInternalServerError, "400: Guardrail configuration error: "+msg)
		}
		now := h.now()
		g := &guardrailRec{seq: h.nextSeq(), id: h.uuid(), name: name, params: params, info: info, created: now, updated: now}
		h.guardrailDB()[g.id] = g
		return map[string]any{"guardrail_name": g.name, "litellm_params": rowParams(g.params), "guardrail_info": g.info,
			"guardrail_id": g.id}, nil
	})
}

// guardrailNotFound is the 404 of the routes that take a guardrail id.
func guardrailNotFound(id string) *apiError {
	return detailErr(http.StatusNotFound, "Guardrail with ID "+id+" not found")
}

// guardrailByID finds a database row, else a guardrail of the config file
// (by its id). h.mu must be held.
func (h *handler) guardrailByID(id string) *guardrailRec {
	if g := h.guardrailDB()[id]; g != nil {
		return g
	}
	for _, g := range h.configGuardrails() {
		if g.id == id {
			return g
		}
	}
	return nil
}

// GuardrailGet is GET /guardrails/{guardrail_id}.
func (h *handler) GuardrailGet(w http.ResponseWriter, r *http.Request, guardrailID string) {
	h.do(w, func() (any, *apiError) {
		g := h.guardrailByID(guardrailID)
		if g == nil {
			return nil, guardrailNotFound(guardrailID)
		}
		v := h.guardrailView(g, false)
		if g.config {
			v["guardrail_id"] = g.id
			if g.info == nil {
				v["guardrail_info"] = map[string]any{}
			}
		}
		return v, nil
	})
}

// GuardrailInfo is GET /guardrails/{guardrail_id}/info, the same route.
func (h *handler) GuardrailInfo(w http.ResponseWriter, r *http.Request, guardrailID string) {
	h.GuardrailGet(w, r, guardrailID)
}

// GuardrailUpdate is PUT /guardrails/{guardrail_id}: the guardrail is
// replaced.
func (h *handler) GuardrailUpdate(w http.ResponseWriter, r *http.Request, guardrailID string) {
	_, body, ok := decodeBody[gen.GuardrailCreateRequest](w, r)
	if !ok {
		return
	}
	spec, _ := body["guardrail"].(map[string]any)
	h.do(w, func() (any, *apiError) {
		g := h.guardrailDB()[guardrailID]
		if g == nil {
			return nil, guardrailNotFound(guardrailID)
		}
		name, _ := spec["guardrail_name"].(string)
		if h.guardrailNameTaken(name, g.id) {
			return nil, detailErr(http.StatusInternalServerError, "Unique constraint failed on the fields: (`guardrail_name`)")
		}
		g.name = name
		g.params, _ = spec["litellm_params"].(map[string]any)
		g.info, _ = spec["guardrail_info"].(map[string]any)
		g.updated = h.now()
		return guardrailWritten(g), nil
	})
}

// GuardrailPatch is PATCH /guardrails/{guardrail_id}: the members given
// replace the stored ones; litellm_params members are merged.
func (h *handler) GuardrailPatch(w http.ResponseWriter, r *http.Request, guardrailID string) {
	_, body, ok := decodeBody[gen.GuardrailPatchRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		g := h.guardrailDB()[guardrailID]
		if g == nil {
			return nil, guardrailNotFound(guardrailID)
		}
		if name, ok := body["guardrail_name"].(string); ok {
			if h.guardrailNameTaken(name, g.id) {
				return nil, detailErr(http.StatusInternalServerError, "Unique constraint failed on the fields: (`guardrail_name`)")
			}
			g.name = name
		}
		if p, ok := body["litellm_params"].(map[string]any); ok {
			merged := maps.Clone(g.params)
			maps.Copy(merged, p)
			g.params = merged
		}
		if info, ok := body["guardrail_info"].(map[string]any); ok {
			g.info = info
		}
		g.updated = h.now()
		return guardrailWritten(g), nil
	})
}

// GuardrailDelete is DELETE /guardrails/{guardrail_id}.
func (h *handler) GuardrailDelete(w http.ResponseWriter, r *http.Request, guardrailID string) {
	h.do(w, func() (any, *apiError) {
		if h.guardrailDB()[guardrailID] == nil {
			return nil, guardrailNotFound(guardrailID)
		}
		delete(h.guardrailDB(), guardrailID)
		return map[string]any{"message": "Guardrail " + guardrailID + " deleted successfully"}, nil
	})
}

// GuardrailApply is POST /guardrails/apply_guardrail.
func (h *handler) GuardrailApply(w http.ResponseWriter, r *http.Request) {
	req, _, ok := decodeBody[gen.GuardrailApplyRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) { return h.applyGuardrail(req) })
}

// GuardrailApplyAlias is POST /apply_guardrail, the same route.
func (h *handler) GuardrailApplyAlias(w http.ResponseWriter, r *http.Request) {
	h.GuardrailApply(w, r)
}

// applyGuardrail runs a guardrail on a text. The emulator runs the
// blocked words of a litellm_content_filter guardrail (BLOCK: HTTP 400,
// MASK: [KEYWORD_REDACTED]); other integrations pass the text through.
// h.mu must be held.
func (h *handler) applyGuardrail(req gen.GuardrailApplyRequest) (any, *apiError) {
	var g *guardrailRec
	for _, c := range append(h.configGuardrails(), h.sortedGuardrails()...) {
		if c.name == req.GuardrailName && c.active() {
			g = c
			break
		}
	}
	if g == nil {
		return nil, proxyErr(http.StatusNotFound, "internal_server_error", h.handledParam(), fmt.Sprintf(
			"Guardrail '%s' not found. Please ensure the guardrail is configured in your LiteLLM proxy.", req.GuardrailName))
	}
	text := req.Text
	if g.params["guardrail"] == "litellm_content_filter" {
		tag := "[KEYWORD_REDACTED]"
		if s, ok := g.params["keyword_redaction_tag"].(string); ok && s != "" {
			tag = s
		}
		words, _ := g.params["blocked_words"].([]any)
		for _, w := range words {
			m, _ := w.(map[string]any)
			kw, _ := m["keyword"].(string)
			if kw == "" || !strings.Contains(strings.ToLower(text), strings.ToLower(kw)) {
				continue
			}
			action, _ := m["action"].(string)
			if strings.EqualFold(action, "BLOCK") {
				desc := "None"
				if d, ok := m["description"].(string); ok {
					desc = pyRepr(d)
				}
				return nil, proxyErr(http.StatusBadRequest, "internal_server_error", h.handledParam(), fmt.Sprintf(
					`{'error': "Content blocked: keyword %s detected", 'keyword': %s, 'description': %s}`,
					pyRepr(kw), pyRepr(kw), desc))
			}
			text = replaceFold(text, kw, tag)
		}
	}
	return map[string]any{"response_text": text}, nil
}

// replaceFold replaces every occurrence of old in s, ignoring case.
func replaceFold(s, old, repl string) string {
	var b strings.Builder
	lower, lo := strings.ToLower(s), strings.ToLower(old)
	for {
		i := strings.Index(lower, lo)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(repl)
		s, lower = s[i+len(old):], lower[i+len(old):]
	}
}

// parseConfigGuardrails reads the guardrails: list of a config file.
func parseConfigGuardrails(n *yaml.Node) ([]ConfigGuardrail, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	var raw []map[string]any
	if err := n.Decode(&raw); err != nil {
		return nil, fmt.Errorf("line %d: guardrails must be a list of mappings: %w", n.Line, err)
	}
	var out []ConfigGuardrail
	for i, g := range raw {
		g, _ = yamljson.Values(g).(map[string]any)
		name, _ := g["guardrail_name"].(string)
		params, _ := g["litellm_params"].(map[string]any)
		if name == "" || params == nil {
			return nil, fmt.Errorf("line %d: guardrails[%d] needs guardrail_name and litellm_params", n.Line, i)
		}
		info, _ := g["guardrail_info"].(map[string]any)
		out = append(out, ConfigGuardrail{Name: name, Params: params, Info: info})
	}
	return out, nil
}
