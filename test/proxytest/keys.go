package proxytest

import (
	"cmp"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/gen"
)

// keyRec is a virtual key: a LiteLLM_VerificationToken row.
type keyRec struct {
	seq     int64
	token   string // hex SHA-256 of the key
	expires *time.Time
	row     keyColumns     // the DB row, token included
	extra   map[string]any // other request fields, echoed by generate/regenerate
}

// keyColumns are the columns of a LiteLLM_VerificationToken row, as the
// proxy stores them (null where a pointer is nil).
type keyColumns struct {
	Token                string         `json:"token"`
	KeyName              string         `json:"key_name"`
	KeyAlias             *string        `json:"key_alias"`
	Spend                float64        `json:"spend"`
	MaxBudget            *float64       `json:"max_budget"`
	SoftBudget           *float64       `json:"soft_budget"`
	Expires              *string        `json:"expires"`
	Models               []string       `json:"models"`
	Aliases              map[string]any `json:"aliases"`
	Config               map[string]any `json:"config"`
	Permissions          map[string]any `json:"permissions"`
	Metadata             map[string]any `json:"metadata"`
	UserID               *string        `json:"user_id"`
	TeamID               *string        `json:"team_id"`
	OrganizationID       *string        `json:"organization_id"`
	BudgetID             *string        `json:"budget_id"`
	MaxParallelRequests  *int           `json:"max_parallel_requests"`
	TPMLimit             *int           `json:"tpm_limit"`
	RPMLimit             *int           `json:"rpm_limit"`
	BudgetDuration       *string        `json:"budget_duration"`
	BudgetResetAt        *string        `json:"budget_reset_at"`
	Blocked              *bool          `json:"blocked"`
	AllowedCacheControls []string       `json:"allowed_cache_controls"`
	AllowedRoutes        []string       `json:"allowed_routes"`
	ModelSpend           map[string]any `json:"model_spend"`
	ModelMaxBudget       map[string]any `json:"model_max_budget"`
	CreatedAt            string         `json:"created_at"`
	UpdatedAt            string         `json:"updated_at"`
	CreatedBy            *string        `json:"created_by"`
	UpdatedBy            *string        `json:"updated_by"`
	ObjectPermissionID   *string        `json:"object_permission_id"`
	KeyType              *string        `json:"key_type"`
	LastActive           *string        `json:"last_active"` // set by a chat completion
}

// columns is the row as a JSON-like map, what the views pick from.
func (k *keyRec) columns() map[string]any { return columns(&k.row) }

// touch records an update by who.
func (k *keyRec) touch(now time.Time, who string) {
	k.row.UpdatedAt = isoTime(now)
	k.row.UpdatedBy = &who
}

// keyRowDefault reports whether a request may set the key column field, and
// the value a null in the request stands for.
func keyRowDefault(field string) (def any, ok bool) {
	switch field {
	case "key_alias", "max_budget", "soft_budget", "user_id", "team_id", "organization_id", "budget_id",
		"max_parallel_requests", "tpm_limit", "rpm_limit", "budget_duration", "blocked", "key_type":
		return nil, true
	case "models", "allowed_cache_controls", "allowed_routes":
		return []any{}, true
	case "metadata", "aliases", "config", "permissions", "model_max_budget":
		return map[string]any{}, true
	case "spend":
		return 0.0, true
	}
	return nil, false
}

// keyRequestOnly are request fields that are neither stored nor echoed.
func keyRequestOnly(field string) bool {
	switch field {
	case "key", "duration", "new_key", "new_master_key", "grace_period", "temp_budget_increase", "temp_budget_expiry":
		return true
	}
	return false
}

// newKey makes a key row for the plaintext key. h.mu must be held.
func (h *handler) newKey(plaintext, createdBy string) *keyRec {
	now := isoTime(h.now())
	token := hashKey(plaintext)
	k := &keyRec{seq: h.nextSeq(), token: token, extra: map[string]any{}}
	k.row = keyColumns{
		Token: token, KeyName: keyName(plaintext), Models: []string{}, Aliases: map[string]any{}, Config: map[string]any{},
		Permissions: map[string]any{}, Metadata: map[string]any{}, AllowedCacheControls: []string{}, AllowedRoutes: []string{},
		ModelSpend: map[string]any{}, ModelMaxBudget: map[string]any{},
		CreatedAt: now, UpdatedAt: now, CreatedBy: ptr(createdBy), UpdatedBy: ptr(createdBy), KeyType: ptr("default"),
	}
	return k
}

// maskKey shows the first and last four characters of a key the proxy
// refuses, as its messages do.
func maskKey(key string) string {
	if len(key) <= 8 {
		return "****"
	}
	return key[:4] + "****" + key[len(key)-4:]
}

// keyName is the proxy's abbreviated key: "sk-...<last 4>".
func keyName(key string) string {
	if len(key) < 4 {
		return "sk-..." + key
	}
	return "sk-..." + key[len(key)-4:]
}

var durationRE = regexp.MustCompile(`^(\d+)(s|m|h|hr|d|w|mo)$`)

// parseDuration parses the proxy's durations: "30s", "30m", "24h", "24hr",
// "7d", "2w", "1mo".
func parseDuration(s string) (time.Duration, bool) {
	m := durationRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return 0, false
	}
	unit := map[string]time.Duration{
		"s": time.Second, "m": time.Minute, "h": time.Hour, "hr": time.Hour,
		"d": 24 * time.Hour, "w": 7 * 24 * time.Hour, "mo": 30 * 24 * time.Hour,
	}[m[2]]
	return time.Duration(n) * unit, true
}

// applyKeyFields stores the request fields of body into k. h.mu must be held.
func (h *handler) applyKeyFields(k *keyRec, body map[string]any) *apiError {
	if v, ok := body["duration"]; ok {
		d := str(v)
		switch {
		case v == nil || d == "-1" || d == "":
			k.expires = nil
			k.row.Expires = nil
		default:
			dur, ok := parseDuration(d)
			if !ok {
				return proxyErr(http.StatusInternalServerError, "internal_server_error", "None", "Invalid duration format")
			}
			t := h.now().Add(dur)
			k.expires = &t
			k.row.Expires = ptr(isoTime(t))
		}
		k.extra["duration"] = v
	}
	if e := h.premiumFields(body); e != nil {
		return e
	}
	if v, ok := body["key_alias"]; ok && str(v) != "" {
		for _, o := range h.keys {
			if o != k && val(o.row.KeyAlias) == str(v) {
				return wrappedErr(http.StatusBadRequest, fmt.Sprintf("Key with alias '%s' already exists. Unique key aliases across all keys are required.", str(v)))
			}
		}
	}
	if v, ok := body["budget_duration"]; ok {
		k.row.BudgetResetAt = nil
		if d, ok := parseDuration(str(v)); ok {
			k.row.BudgetResetAt = ptr(isoTime(h.now().Add(d)))
		}
	}
	for f, v := range body {
		if keyRequestOnly(f) {
			continue
		}
		if def, ok := keyRowDefault(f); ok {
			if v == nil {
				v = def
			}
			if e := setRecordColumn(&k.row, f, v); e != nil {
				return e
			}
			continue
		}
		k.extra[f] = deepCopy(v)
	}
	return nil
}

// notPremium ends the proxy's messages for Enterprise features.
const notPremium = "You must be a LiteLLM Enterprise user to use this feature. If you have a license please set `LITELLM_LICENSE` in your env. Get a 7 day trial key here: https://www.litellm.ai/enterprise#trial. \nPricing: https://www.litellm.ai/#pricing"

// premiumKeyFields are the key fields only an Enterprise proxy takes
// (LiteLLM_ManagementEndpoint_MetadataFields_Premium).
var premiumKeyFields = []string{"disable_global_guardrails", "guardrails", "policies", "tags", "team_member_key_duration",
	"prompts", "logging", "secret_manager_settings", "allowed_passthrough_routes"}

// premiumFields refuses, on a proxy without an Enterprise licence, a body
// that sets an Enterprise-only field, as the proxy does (403).
func (h *handler) premiumFields(body map[string]any) *apiError {
	if h.cfg.enterprise {
		return nil
	}
	for _, f := range premiumKeyFields {
		if v, ok := body[f]; ok && v != nil {
			return proxyErr(http.StatusForbidden, "internal_server_error", "None", pyDict("error",
				"This feature is only available for LiteLLM Enterprise users: "+f+". "+notPremium))
		}
	}
	if m, ok := body["model_max_budget"].(map[string]any); ok && len(m) > 0 {
		return proxyErr(http.StatusInternalServerError, "internal_server_error", "None",
			"You must have an enterprise license to set model_max_budget. "+notPremium)
	}
	return nil
}

// generateResponse is a GenerateKeyResponse for k and its plaintext key.
// Like the proxy's, its duration is always null (expires says when the key
// ends) and router_settings lists every setting.
func generateResponse(k *keyRec, plaintext string) map[string]any {
	row := k.columns()
	for f, v := range k.extra {
		if _, taken := row[f]; !taken {
			row[f] = v
		}
	}
	row["duration"] = nil
	row["key"] = plaintext
	row["token_id"] = k.token
	if _, set := k.extra["router_settings"]; !set {
		row["router_settings"] = defaultRouterSettings()
	}
	return view(keyGenerateFields, row)
}

// keyInfoRow is a key as GET /key/info shows it: no token.
func keyInfoRow(k *keyRec) map[string]any { return view(keyInfoFields, k.columns()) }

// keyWithToken is a key in a view that keeps its token (/key/update,
// /team/info, /user/info).
func keyWithToken(fields []viewField, k *keyRec) map[string]any {
	out := view(fields, k.columns())
	out["token"] = k.token
	return out
}

// teamAliasOf is the team_alias /user/info shows on a key: the alias of
// its team, or the string "None" (the proxy prints Python's None).
func (h *handler) teamAliasOf(k *keyRec) string {
	if t := h.teams[val(k.row.TeamID)]; t != nil {
		if a := val(t.row.TeamAlias); a != "" {
			return a
		}
	}
	return "None"
}

// findKey finds a key by its plaintext value or its hash. h.mu must be held.
func (h *handler) findKey(ref string) *keyRec {
	if ref == "" {
		return nil
	}
	if k := h.keys[hashKey(ref)]; k != nil {
		return k
	}
	if !strings.HasPrefix(ref, "sk-") {
		return h.keys[ref]
	}
	return nil
}

// redactRef names a key in a message without echoing a plaintext key.
func redactRef(ref string) string {
	if strings.HasPrefix(ref, "sk-") {
		return hashKey(ref)
	}
	return ref
}

// canManageKey reports whether p may act on k: admins on any key, others on
// their own keys and on keys of teams they administer. h.mu must be held.
func (h *handler) canManageKey(p *principal, k *keyRec) bool {
	if p.admin {
		return true
	}
	if p.key != nil && p.key.token == k.token {
		return true
	}
	if p.userID != "" && val(k.row.UserID) == p.userID {
		return true
	}
	if t := h.teams[val(k.row.TeamID)]; t != nil && p.userID != "" && t.memberRole(p.userID) == "admin" {
		return true
	}
	return false
}

// isTeamAdminOf reports whether p is an admin of k's team. h.mu must be held.
func (h *handler) isTeamAdminOf(p *principal, k *keyRec) bool {
	t := h.teams[val(k.row.TeamID)]
	return t != nil && p.userID != "" && t.memberRole(p.userID) == "admin"
}

// KeyGenerate serves POST /key/generate.
func (h *handler) KeyGenerate(w http.ResponseWriter, r *http.Request, _ gen.KeyGenerateParams) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.KeyGenerateRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if !p.admin {
			if req.UserID != "" && req.UserID != p.userID {
				return nil, wrappedErr(http.StatusForbidden, fmt.Sprintf("User can only create keys for themselves. Got user_id=%s, Your ID=%s", req.UserID, p.userID))
			}
			if p.userID != "" {
				body["user_id"] = p.userID
			}
		}
		return h.generateKey(r, p, req.Key, body)
	})
}

// generateKey makes a key, plaintext (or a new one when empty), with the
// fields of body, and returns the GenerateKeyResponse. h.mu must be held.
func (h *handler) generateKey(r *http.Request, p *principal, plaintext string, body map[string]any) (any, *apiError) {
	if plaintext == "" {
		plaintext = "sk-" + h.urlsafe(16)
	} else if !strings.HasPrefix(plaintext, "sk-") {
		return nil, wrappedErr(http.StatusBadRequest, "Invalid key format. LiteLLM Virtual Key must start with 'sk-'. Received: "+maskKey(plaintext))
	}
	if h.keys[hashKey(plaintext)] != nil {
		return nil, wrappedErr(http.StatusBadRequest, "Key already exists. Pass a different key, or none to generate one.")
	}
	k := h.newKey(plaintext, changedBy(r, p))
	if e := h.applyKeyFields(k, body); e != nil {
		return nil, e
	}
	h.keys[k.token] = k
	return generateResponse(k, plaintext), nil
}

// KeyUpdate serves POST /key/update.
func (h *handler) KeyUpdate(w http.ResponseWriter, r *http.Request, _ gen.KeyUpdateParams) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.KeyUpdateRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		k := h.findKey(req.Key)
		if k == nil {
			return nil, wrappedErr(http.StatusNotFound, "Key not found, passed key="+redactRef(req.Key))
		}
		if !h.canManageKey(p, k) {
			return nil, wrappedErr(http.StatusForbidden, "You are not authorized to update this key")
		}
		if !p.admin {
			if uid, ok := body["user_id"]; ok && str(uid) != p.userID {
				return nil, wrappedErr(http.StatusForbidden, fmt.Sprintf("User=%s is not allowed to update key=%s to belong to user=%s", p.userID, k.token, str(uid)))
			}
		}
		if e := h.applyKeyFields(k, body); e != nil {
			return nil, e
		}
		k.touch(h.now(), changedBy(r, p))
		out := keyWithToken(keyInfoFields, k)
		out["key"] = req.Key
		return out, nil
	})
}

// KeyDelete serves POST /key/delete.
func (h *handler) KeyDelete(w http.ResponseWriter, r *http.Request, _ gen.KeyDeleteParams) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.KeyDeleteRequest](w, r)
	if !ok {
		return
	}
	if len(req.Keys) == 0 && len(req.KeyAliases) == 0 {
		writeError(w, valueError("At least one of 'keys' or 'key_aliases' must be provided.", body))
		return
	}
	h.do(w, func() (any, *apiError) {
		var found []*keyRec
		passed := append(slices.Clone(req.Keys), req.KeyAliases...)
		for _, ref := range req.Keys {
			if k := h.findKey(ref); k != nil {
				found = append(found, k)
			}
		}
		for _, alias := range req.KeyAliases {
			for _, k := range h.keys {
				if alias != "" && val(k.row.KeyAlias) == alias {
					found = append(found, k)
				}
			}
		}
		if len(found) == 0 {
			return nil, wrappedErr(http.StatusNotFound, "No keys found")
		}
		for _, k := range found {
			if !h.canManageKey(p, k) {
				return nil, wrappedErr(http.StatusForbidden, "You are not authorized to delete this key")
			}
		}
		// Like the proxy, delete the keys found and answer every key
		// passed in, found or not.
		for _, k := range found {
			delete(h.keys, k.token)
		}
		return map[string]any{"deleted_keys": toAnySlice(passed)}, nil
	})
}

// KeyInfo serves GET /key/info.
func (h *handler) KeyInfo(w http.ResponseWriter, r *http.Request, params gen.KeyInfoParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		ref := ""
		var k *keyRec
		if params.Key != nil && *params.Key != "" {
			ref = *params.Key
			k = h.findKey(ref)
		} else if p.key != nil {
			k = h.keys[p.key.token]
		}
		if k == nil {
			return nil, proxyErr(http.StatusNotFound, "not_found_error", "key", "Key not found in database")
		}
		if !h.canManageKey(p, k) {
			return nil, proxyErr(http.StatusForbidden, "auth_error", "None", "You are not allowed to access this key's info. Your role="+cmp.Or(p.role, "internal_user"))
		}
		if ref == "" {
			ref = k.token
		}
		return map[string]any{"key": ref, "info": keyInfoRow(k)}, nil
	})
}

// KeyList serves GET /key/list.
func (h *handler) KeyList(w http.ResponseWriter, r *http.Request, params gen.KeyListParams) {
	p := infoOf(r).p
	opt := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	h.do(w, func() (any, *apiError) {
		userID := opt(params.UserID)
		if !p.admin && userID != "" && userID != p.userID {
			return nil, proxyErr(http.StatusForbidden, "internal_server_error", "None", "You are not authorized to check another user's keys")
		}
		var list []*keyRec
		for _, k := range h.keys {
			if !p.admin && !h.ownsForList(p, k, params.IncludeTeamKeys != nil && *params.IncludeTeamKeys) {
				continue
			}
			if userID != "" && !strings.Contains(val(k.row.UserID), userID) {
				continue
			}
			if v := opt(params.TeamID); v != "" && val(k.row.TeamID) != v {
				continue
			}
			if v := opt(params.OrganizationID); v != "" && val(k.row.OrganizationID) != v {
				continue
			}
			if v := opt(params.KeyHash); v != "" && k.token != v {
				continue
			}
			if v := opt(params.KeyAlias); v != "" && !strings.Contains(val(k.row.KeyAlias), v) {
				continue
			}
			list = append(list, k)
		}
		desc := params.SortOrder == nil || *params.SortOrder != gen.KeyListParamsSortOrderAsc
		sortBy := "created_at"
		if params.SortBy != nil {
			sortBy = *params.SortBy
			if !slices.Contains([]string{"spend", "max_budget", "created_at", "updated_at", "token", "key_alias"}, sortBy) {
				return nil, proxyErr(http.StatusBadRequest, "internal_server_error", "None", pyDict("error",
					"Invalid sort column. Must be one of: spend, max_budget, created_at, updated_at, token, key_alias"))
			}
		}
		sortRows(list, sortBy, desc, func(k *keyRec) (map[string]any, int64) { return k.columns(), k.seq })
		page, size := pageParams(params.Page, params.Size, 10)
		pageKeys, pages := paginate(list, page, size)
		full := params.ReturnFullObject != nil && *params.ReturnFullObject
		expandUser := params.Expand != nil && slices.Contains(*params.Expand, "user")
		full = full || expandUser
		keys := make([]any, 0, len(pageKeys))
		for _, k := range pageKeys {
			if !full {
				keys = append(keys, k.token)
				continue
			}
			row := keyWithToken(keyListFields, k)
			if expandUser {
				if u := h.users[val(k.row.UserID)]; u != nil {
					ur := view(userRowFields, h.userRow(u))
					ur["password"] = nil
					row["user"] = ur
				}
				if u := h.users[val(k.row.CreatedBy)]; u != nil {
					row["created_by_user"] = map[string]any{"user_id": u.row.UserID, "user_email": deref(u.row.UserEmail), "user_alias": deref(u.row.UserAlias)}
				}
			}
			keys = append(keys, row)
		}
		return map[string]any{"keys": keys, "total_count": len(list), "current_page": page, "total_pages": pages}, nil
	})
}

// ownsForList reports whether a non-admin sees k in /key/list.
func (h *handler) ownsForList(p *principal, k *keyRec, teamKeys bool) bool {
	if p.key != nil && p.key.token == k.token {
		return true
	}
	if p.userID != "" && val(k.row.UserID) == p.userID {
		return true
	}
	if teamKeys && p.userID != "" {
		if t := h.teams[val(k.row.TeamID)]; t != nil && t.memberRole(p.userID) != "" {
			return true
		}
	}
	return false
}

// KeyRegenerate serves POST /key/regenerate.
func (h *handler) KeyRegenerate(w http.ResponseWriter, r *http.Request, params gen.KeyRegenerateParams) {
	ref := ""
	if params.Key != nil {
		ref = *params.Key
	}
	h.regenerate(w, r, ref)
}

// KeyRegenerateByPath serves POST /key/{key}/regenerate.
func (h *handler) KeyRegenerateByPath(w http.ResponseWriter, r *http.Request, key string, _ gen.KeyRegenerateByPathParams) {
	h.regenerate(w, r, key)
}

// regenerate gives a key a new value, keeping its settings. As in the proxy
// it is an Enterprise feature: without [WithEnterprise] it answers the
// proxy's 500. grace_period is ignored (the old value stops working at once)
// and new_master_key is refused.
func (h *handler) regenerate(w http.ResponseWriter, r *http.Request, ref string) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.KeyRegenerateRequest](w, r)
	if !ok {
		return
	}
	if req.Key != "" {
		ref = req.Key // the body wins
	}
	h.do(w, func() (any, *apiError) {
		if !h.cfg.enterprise {
			return nil, proxyErr(http.StatusInternalServerError, "internal_server_error", "None",
				"Regenerating Virtual Keys is an Enterprise feature, "+notPremium)
		}
		if req.NewMasterKey != "" {
			return nil, wrappedErr(http.StatusBadRequest, "proxytest does not rotate the master key (new_master_key)")
		}
		if ref == "" {
			return nil, wrappedErr(http.StatusBadRequest, "No key passed in.")
		}
		k := h.findKey(ref)
		if k == nil {
			return nil, wrappedErr(http.StatusNotFound, fmt.Sprintf("Key %s not found.", redactRef(ref)))
		}
		if !h.canManageKey(p, k) {
			return nil, wrappedErr(http.StatusForbidden, "You are not authorized to regenerate this key")
		}
		plaintext := req.NewKey
		if plaintext == "" {
			plaintext = "sk-" + h.urlsafe(16)
		} else if !strings.HasPrefix(plaintext, "sk-") {
			return nil, wrappedErr(http.StatusBadRequest, "New key must start with 'sk-'. This is to distinguish a key hash (used for tracking) from the actual key.")
		}
		token := hashKey(plaintext)
		if o := h.keys[token]; o != nil && o != k {
			return nil, wrappedErr(http.StatusBadRequest, "Key already exists. Pass a different new_key.")
		}
		if e := h.applyKeyFields(k, body); e != nil {
			return nil, e
		}
		delete(h.keys, k.token)
		k.token = token
		k.row.Token = token
		k.row.KeyName = keyName(plaintext)
		k.touch(h.now(), changedBy(r, p))
		h.keys[token] = k
		return generateResponse(k, plaintext), nil
	})
}

// KeyBlock serves POST /key/block.
func (h *handler) KeyBlock(w http.ResponseWriter, r *http.Request, _ gen.KeyBlockParams) {
	h.setBlocked(w, r, true)
}

// KeyUnblock serves POST /key/unblock.
func (h *handler) KeyUnblock(w http.ResponseWriter, r *http.Request, _ gen.KeyUnblockParams) {
	h.setBlocked(w, r, false)
}

func (h *handler) setBlocked(w http.ResponseWriter, r *http.Request, blocked bool) {
	p := infoOf(r).p
	req, _, ok := decodeBody[gen.KeyBlockRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		k := h.findKey(req.Key)
		if k == nil {
			return nil, proxyErr(http.StatusNotFound, "bad_request_error", "key", fmt.Sprintf("Key=%s not found.", redactRef(req.Key)))
		}
		if !p.admin && !h.isTeamAdminOf(p, k) {
			action := "unblock"
			if blocked {
				action = "block"
			}
			return nil, errorDetail(http.StatusForbidden, fmt.Sprintf(
				"Only proxy admins, team admins, or org admins can call /key/%s. user_role=%s, user_id=%s", action, p.role, p.userID))
		}
		k.row.Blocked = &blocked
		k.touch(h.now(), changedBy(r, p))
		if blocked {
			return keyWithToken(keyBlockFields, k), nil
		}
		return keyWithToken(keyUnblockFields, k), nil
	})
}

// uiSessionTeamID is the proxy's UI_SESSION_TOKEN_TEAM_ID: keys of this
// team are the admin UI's session tokens, which /key/aliases leaves out.
const uiSessionTeamID = "litellm-dashboard"

// KeyHealth is POST /key/health: the calling key is "healthy" and, without
// key-based logging in its metadata, has no logging callbacks to report
// (null). The emulator sends no test logs, so a key whose metadata
// configures logging is reported healthy with the callbacks it names.
func (h *handler) KeyHealth(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		res := map[string]any{"key": "healthy", "logging_callbacks": nil}
		if p.key == nil {
			return res, nil
		}
		logging, ok := p.key.row.Metadata["logging"].([]any)
		if !ok {
			return res, nil
		}
		names := []string{}
		quoted := []string{}
		for _, l := range logging {
			if m, ok := l.(map[string]any); ok {
				if n, ok := m["callback_name"].(string); ok {
					names = append(names, n)
					quoted = append(quoted, pyRepr(n))
				}
			}
		}
		res["logging_callbacks"] = map[string]any{
			"callbacks": names, "status": "healthy",
			"details": "No logger exceptions triggered, system is healthy. Manually check if logs were sent to [" + strings.Join(quoted, ", ") + "]",
		}
		return res, nil
	})
}

// KeyAliases is GET /key/aliases: the key_alias column of every key with a
// non-empty alias (not the UI's session tokens), sorted, one row per key
// (two keys with one alias list it twice, as the proxy's SQL does), paged.
// Callers other than proxy admins and admin viewers see the aliases of
// their own keys and of their teams' keys.
func (h *handler) KeyAliases(w http.ResponseWriter, r *http.Request, params gen.KeyAliasesParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		scoped := !p.admin && p.role != "proxy_admin_viewer"
		var teams []string
		if scoped && p.userID != "" {
			teams = h.userTeams(p.userID)
		}
		search := strings.ToLower(val(params.Search))
		aliases := []string{}
		for _, k := range h.keys {
			alias, team := val(k.row.KeyAlias), val(k.row.TeamID)
			if alias == "" || team == uiSessionTeamID {
				continue
			}
			if scoped {
				mine := p.userID != "" && val(k.row.UserID) == p.userID
				if !mine && (team == "" || !slices.Contains(teams, team)) {
					continue
				}
			}
			if search != "" && !strings.Contains(strings.ToLower(alias), search) {
				continue
			}
			if v := val(params.TeamID); v != "" && team != v {
				continue
			}
			aliases = append(aliases, alias)
		}
		slices.Sort(aliases)
		page, size := pageParams(params.Page, params.Size, 50)
		rows, pages := paginate(aliases, page, size)
		return map[string]any{
			"aliases": rows, "total_count": len(aliases), "current_page": page, "total_pages": pages, "size": size,
		}, nil
	})
}
