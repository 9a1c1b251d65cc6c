package proxytest

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/litellm-go/proxyclient/gen"
)

// userRec is a user: a LiteLLM_UserTable row. Team membership lives in the
// teams; the row's "teams" is computed from them.
type userRec struct {
	seq int64
	row userColumns
}

// userColumns are the columns of a LiteLLM_UserTable row, as the proxy
// stores them (null where a pointer is nil), but for teams.
type userColumns struct {
	UserID              string         `json:"user_id"`
	UserAlias           *string        `json:"user_alias"`
	UserEmail           *string        `json:"user_email"`
	UserRole            *string        `json:"user_role"`
	TeamID              *string        `json:"team_id"`
	OrganizationID      *string        `json:"organization_id"`
	SSOUserID           *string        `json:"sso_user_id"`
	MaxBudget           *float64       `json:"max_budget"`
	Spend               float64        `json:"spend"`
	Models              []string       `json:"models"`
	Metadata            map[string]any `json:"metadata"`
	MaxParallelRequests *int           `json:"max_parallel_requests"`
	TPMLimit            *int           `json:"tpm_limit"`
	RPMLimit            *int           `json:"rpm_limit"`
	BudgetDuration      *string        `json:"budget_duration"`
	BudgetResetAt       *string        `json:"budget_reset_at"`
	ModelSpend          map[string]any `json:"model_spend"`
	ModelMaxBudget      map[string]any `json:"model_max_budget"`
	CreatedAt           string         `json:"created_at"`
	UpdatedAt           string         `json:"updated_at"`
}

// userSettable reports whether a request may set the user column field.
func userSettable(field string) bool {
	switch field {
	case "user_alias", "user_email", "user_role", "team_id", "organization_id", "sso_user_id", "max_budget",
		"spend", "models", "metadata", "max_parallel_requests", "tpm_limit", "rpm_limit", "budget_duration",
		"model_max_budget":
		return true
	}
	return false
}

// newUser makes a user row. h.mu must be held.
func (h *handler) newUser(id string) *userRec {
	now := isoTime(h.now())
	return &userRec{seq: h.nextSeq(), row: userColumns{
		UserID: id, UserRole: ptr("internal_user"), Models: []string{}, Metadata: map[string]any{},
		ModelSpend: map[string]any{}, ModelMaxBudget: map[string]any{}, CreatedAt: now, UpdatedAt: now,
	}}
}

// applyUserFields stores the user columns of body into u.
func applyUserFields(u *userRec, body map[string]any) *apiError {
	for f, v := range body {
		if !userSettable(f) {
			continue
		}
		switch {
		case v == nil && (f == "models"):
			v = []any{}
		case v == nil && (f == "metadata" || f == "model_max_budget"):
			v = map[string]any{}
		case v == nil && f == "spend":
			v = 0.0
		}
		if e := setRecordColumn(&u.row, f, v); e != nil {
			return e
		}
	}
	return nil
}

// userTeams lists the ids of the teams the user is in. h.mu must be held.
func (h *handler) userTeams(userID string) []string {
	var ts []*teamRec
	for _, t := range h.teams {
		if t.memberRole(userID) != "" {
			ts = append(ts, t)
		}
	}
	slices.SortFunc(ts, func(a, b *teamRec) int { return int(a.seq - b.seq) })
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = t.row.TeamID
	}
	return ids
}

// userRow renders a user. h.mu must be held.
func (h *handler) userRow(u *userRec) map[string]any {
	out := columns(&u.row)
	out["teams"] = toAnySlice(h.userTeams(u.row.UserID))
	return out
}

// userByEmail finds a user by email. h.mu must be held.
func (h *handler) userByEmail(email string) *userRec {
	if email == "" {
		return nil
	}
	for _, u := range h.users {
		if strings.EqualFold(val(u.row.UserEmail), email) {
			return u
		}
	}
	return nil
}

// userKeys lists the keys of a user, oldest first. h.mu must be held.
func (h *handler) userKeys(userID string) []*keyRec {
	var ks []*keyRec
	for _, k := range h.keys {
		if userID != "" && val(k.row.UserID) == userID {
			ks = append(ks, k)
		}
	}
	slices.SortFunc(ks, func(a, b *keyRec) int { return int(a.seq - b.seq) })
	return ks
}

// allKeys lists every key, oldest first. h.mu must be held.
func (h *handler) allKeys() []*keyRec {
	ks := make([]*keyRec, 0, len(h.keys))
	for _, k := range h.keys {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b *keyRec) int { return int(a.seq - b.seq) })
	return ks
}

// newUserTeams reads the teams field of POST /user/new: ids or
// {"team_id", "user_role"} objects.
func newUserTeams(v any) (ids, roles []string) {
	xs, _ := v.([]any)
	for _, x := range xs {
		switch t := x.(type) {
		case string:
			ids, roles = append(ids, t), append(roles, "user")
		case map[string]any:
			role := str(t["user_role"])
			if role == "" {
				role = "user"
			}
			ids, roles = append(ids, str(t["team_id"])), append(roles, role)
		}
	}
	return ids, roles
}

// UserNew serves POST /user/new.
func (h *handler) UserNew(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.UserNewRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		id := req.UserID
		if id == "" {
			id = h.uuid()
		}
		if h.users[id] != nil {
			return nil, proxyErr(http.StatusConflict, "internal_server_error", "None", pyDict("error", fmt.Sprintf("User with id %s already exists", id)))
		}
		if req.UserEmail != "" && h.userByEmail(req.UserEmail) != nil {
			return nil, wrappedErr(http.StatusBadRequest, fmt.Sprintf("User with email %s already exists.", req.UserEmail))
		}
		teamIDs, teamRoles := newUserTeams(body["teams"])
		for _, tid := range teamIDs {
			if h.teams[tid] == nil {
				return nil, wrappedErr(http.StatusNotFound, "Team not found for team_id="+tid)
			}
		}
		u := h.newUser(id)
		if e := applyUserFields(u, body); e != nil {
			return nil, e
		}
		u.row.UserID = id
		if _, set := body["user_role"]; !set {
			u.row.UserRole = nil // as the proxy stores it: no role unless given
		}

		// The key the proxy creates for the user (auto_create_key, default true).
		autoKey := true
		if v, ok := body["auto_create_key"].(bool); ok {
			autoKey = v
		}
		plaintext := ""
		if autoKey {
			plaintext = "sk-" + h.urlsafe(16)
		}
		k := h.newKey(plaintext, changedBy(r, p))
		k.row.CreatedBy, k.row.UpdatedBy = nil, nil // the proxy records no author for these
		keyBody := map[string]any{"user_id": id}
		for _, f := range []string{"models", "duration", "key_alias", "team_id", "aliases", "config", "permissions",
			"tpm_limit", "rpm_limit", "max_parallel_requests", "blocked"} {
			if v, ok := body[f]; ok {
				keyBody[f] = v
			}
		}
		if e := h.applyKeyFields(k, keyBody); e != nil {
			return nil, e
		}
		h.users[id] = u
		for i, tid := range teamIDs {
			h.teams[tid].addMember(id, req.UserEmail, teamRoles[i])
		}
		out := generateResponse(k, plaintext)
		// The proxy's NewUserResponse leaves the key's hash and authors
		// out, and without a key most of the key's fields.
		for _, f := range []string{"token", "token_id", "created_by", "updated_by"} {
			out[f] = nil
		}
		if autoKey {
			h.keys[k.token] = k
		} else {
			for _, f := range []string{"key_name", "expires", "router_settings", "access_group_ids", "model_max_budget",
				"created_at", "updated_at"} {
				out[f] = nil
			}
		}
		row := h.userRow(u)
		for _, f := range []string{"user_id", "user_email", "user_alias", "max_budget", "spend", "models", "metadata"} {
			out[f] = row[f]
		}
		out["user_role"] = body["user_role"] // the request's, null when not given
		out["teams"] = body["teams"]
		return view(userNewFields, out), nil
	})
}

// UserInfo serves GET /user/info.
func (h *handler) UserInfo(w http.ResponseWriter, r *http.Request, params gen.UserInfoParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		id := ""
		if params.UserID != nil {
			id = *params.UserID
		}
		if !p.admin {
			if id != "" && id != p.userID {
				return nil, proxyErr(http.StatusForbidden, "auth_error", "None", fmt.Sprintf(
					"key not allowed to access this user's info. user_id=%s, key's user_id=%s", id, p.userID))
			}
			id = p.userID
		}
		if id == "" && p.admin {
			// A proxy admin without user_id: every key and team, and
			// the admin's own user row if there is one.
			keys := []any{}
			for _, k := range h.allKeys() {
				row := keyWithToken(userInfoAdminKeyFields, k)
				row["team_alias"] = h.teamAliasOf(k)
				keys = append(keys, row)
			}
			teams := []any{}
			for _, t := range h.sortedTeams() {
				teams = append(teams, view(teamRowFields, h.teamRow(t)))
			}
			var userInfo any
			if u := h.users[p.userID]; u != nil {
				info := view(userRowFields, h.userRow(u))
				info["organization_memberships"] = []any{}
				userInfo = info
			}
			return map[string]any{"user_id": nilIfEmpty(p.userID), "user_info": userInfo, "keys": keys, "teams": teams}, nil
		}
		u := h.users[id]
		if u == nil && p.admin {
			return nil, proxyErr(http.StatusNotFound, "internal_server_error", "None", fmt.Sprintf("User %s not found", id))
		}
		owned := h.userKeys(id)
		if id == "" && p.key != nil {
			owned = []*keyRec{p.key} // a key without a user
		}
		keys := []any{}
		spend := 0.0
		for _, k := range owned {
			row := keyWithToken(userInfoKeyFields, k)
			row["team_alias"] = h.teamAliasOf(k)
			keys = append(keys, row)
			spend += k.row.Spend
		}
		teams := []any{}
		for _, tid := range h.userTeams(id) {
			t := h.teams[tid]
			row := h.teamRow(t)
			row["team_memberships"] = memberships(t)
			row["keys"] = h.teamKeyRows(tid)
			teams = append(teams, view(teamListFields, row))
		}
		var userInfo any
		if u != nil {
			info := view(userRowFields, h.userRow(u))
			info["organization_memberships"] = []any{}
			userInfo = info
		} else if len(keys) > 0 {
			userInfo = map[string]any{"spend": spend}
		}
		return map[string]any{"user_id": nilIfEmpty(id), "user_info": userInfo, "keys": keys, "teams": teams}, nil
	})
}

// UserList serves GET /user/list.
func (h *handler) UserList(w http.ResponseWriter, r *http.Request, params gen.UserListParams) {
	opt := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	split := func(s string) []string {
		var out []string
		for _, x := range strings.Split(s, ",") {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
		return out
	}
	h.do(w, func() (any, *apiError) {
		ids, ssoIDs, orgIDs := split(opt(params.UserIds)), split(opt(params.SSOUserIds)), split(opt(params.OrganizationIds))
		var list []*userRec
		for _, u := range h.users {
			uid := u.row.UserID
			if v := opt(params.Role); v != "" && val(u.row.UserRole) != v {
				continue
			}
			if len(ids) > 0 && !slices.Contains(ids, uid) {
				continue
			}
			if len(ssoIDs) > 0 && !slices.Contains(ssoIDs, val(u.row.SSOUserID)) {
				continue
			}
			if len(orgIDs) > 0 && !slices.Contains(orgIDs, val(u.row.OrganizationID)) {
				continue
			}
			if v := opt(params.UserEmail); v != "" && !strings.Contains(strings.ToLower(val(u.row.UserEmail)), strings.ToLower(v)) {
				continue
			}
			if v := opt(params.Team); v != "" && (h.teams[v] == nil || h.teams[v].memberRole(uid) == "") {
				continue
			}
			list = append(list, u)
		}
		sortBy := opt(params.SortBy)
		desc := params.SortOrder != nil && *params.SortOrder == gen.UserListParamsSortOrderDesc
		sortRows(list, sortBy, desc, func(u *userRec) (map[string]any, int64) { return columns(&u.row), u.seq })
		page, size := pageParams(params.Page, params.PageSize, 25)
		pageUsers, pages := paginate(list, page, size)
		users := make([]any, 0, len(pageUsers))
		for _, u := range pageUsers {
			row := h.userRow(u)
			row["key_count"] = len(h.userKeys(u.row.UserID))
			users = append(users, view(userListFields, row))
		}
		return map[string]any{"users": users, "total": len(list), "page": page, "page_size": size, "total_pages": pages}, nil
	})
}

// UserUpdate serves POST /user/update. Like the proxy's upsert, a user_id or
// user_email that matches no user creates one.
func (h *handler) UserUpdate(w http.ResponseWriter, r *http.Request) {
	req, body, ok := decodeBody[gen.UserUpdateRequest](w, r)
	if !ok {
		return
	}
	if req.UserID == "" && req.UserEmail == "" {
		writeError(w, valueError("Either user id or user email must be provided", body))
		return
	}
	h.do(w, func() (any, *apiError) { return h.updateUser(req.UserID, req.UserEmail, body) })
}

// updateUser is a /user/update of the user with id userID (or, without
// one, email): an upsert that sets body's fields. It returns the answer
// ({"user_id", "data"}). h.mu must be held.
func (h *handler) updateUser(userID, email string, body map[string]any) (map[string]any, *apiError) {
	var u *userRec
	if userID != "" {
		u = h.users[userID]
	} else {
		u = h.userByEmail(email)
	}
	if u == nil {
		id := userID
		if id == "" {
			id = h.uuid()
		}
		u = h.newUser(id)
		u.row.UserRole = nil // the upsert sets no role
		h.users[id] = u
	}
	if e := applyUserFields(u, body); e != nil {
		return nil, e
	}
	u.row.UpdatedAt = isoTime(h.now())
	data := view(userRowFields, h.userRow(u))
	data["organization_memberships"] = nil
	return map[string]any{"user_id": u.row.UserID, "data": data}, nil
}

// UserDelete serves POST /user/delete: it deletes the users, their keys and
// their team memberships, and answers the count as a bare JSON integer.
func (h *handler) UserDelete(w http.ResponseWriter, r *http.Request, _ gen.UserDeleteParams) {
	req, _, ok := decodeBody[gen.UserDeleteRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		for _, id := range req.UserIds {
			if h.users[id] == nil {
				return nil, errorDetail(http.StatusNotFound, "User not found, passed user_id="+id)
			}
		}
		n := 0
		for _, id := range req.UserIds {
			if h.users[id] == nil {
				continue // listed twice
			}
			delete(h.users, id)
			n++
			for _, k := range h.userKeys(id) {
				delete(h.keys, k.token)
			}
			for _, t := range h.teams {
				t.removeMember(id)
			}
		}
		return n, nil
	})
}

// UserInfoV2 serves GET /v2/user/info: the user row alone. Without user_id
// it answers for the caller's user; a user the caller may not read is
// reported as not found, as by the proxy.
func (h *handler) UserInfoV2(w http.ResponseWriter, r *http.Request, params gen.UserInfoV2Params) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		id := p.userID
		if params.UserID != nil {
			id = *params.UserID
		}
		if id == "" {
			return nil, proxyErr(http.StatusBadRequest, "internal_server_error", "None",
				"user_id is required. Either pass it as a query parameter or authenticate with a user-bound key.")
		}
		u := h.users[id]
		if u != nil && !h.mayReadUser(p, id) {
			u = nil
		}
		if u == nil {
			return nil, proxyErr(http.StatusNotFound, "internal_server_error", "None", "User not found: "+id)
		}
		row := h.userRow(u)
		out := map[string]any{}
		for _, f := range []string{"user_id", "user_email", "user_alias", "user_role", "spend", "max_budget", "models",
			"budget_duration", "budget_reset_at", "metadata", "created_at", "updated_at", "sso_user_id", "teams"} {
			out[f] = row[f]
		}
		if out["models"] == nil {
			out["models"] = []any{}
		}
		return out, nil
	})
}

// mayReadUser reports whether p may read the user id with /v2/user/info:
// admins and admin viewers read anyone, users themselves, team admins the
// members of their teams. h.mu must be held.
func (h *handler) mayReadUser(p *principal, id string) bool {
	if p.admin || p.role == "proxy_admin_viewer" || p.userID == id {
		return true
	}
	if p.userID == "" {
		return false
	}
	for _, t := range h.teams {
		if t.memberRole(p.userID) == "admin" && t.memberRole(id) != "" {
			return true
		}
	}
	return false
}

// UserDailyActivity is GET /user/daily/activity: the daily activity of the
// users named by the spend logs (the user of the key that made each
// request; the master key's is default_user_id). Proxy admins and admin
// viewers see every user, or user_id; others only themselves (403 for
// another user_id, and for a key without a user). The timezone offset is
// not applied: the emulator's days are UTC days.
func (h *handler) UserDailyActivity(w http.ResponseWriter, r *http.Request, params gen.UserDailyActivityParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		if params.StartDate == nil || params.EndDate == nil {
			return nil, errorDetail(http.StatusBadRequest, "Please provide start_date and end_date")
		}
		userID := val(params.UserID)
		if !p.admin && p.role != "proxy_admin_viewer" {
			if p.userID == "" {
				return nil, errorDetail(http.StatusForbidden,
					"Service-account keys cannot query user analytics. Use a user-bound key, or call as a proxy admin.")
			}
			if userID == "" {
				userID = p.userID
			}
			if userID != p.userID {
				return nil, errorDetail(http.StatusForbidden, "Non-admin users can only view their own spend data.")
			}
		}
		var ids []string
		if userID != "" {
			ids = []string{userID}
		}
		return h.dailyActivity(activityFilter{
			entity: func(s *spendLogRec) string { return str(s.row["user"]) },
			ids:    ids, start: *params.StartDate, end: *params.EndDate, model: val(params.Model), apiKey: val(params.APIKey),
			page: val(params.Page), size: cmp.Or(val(params.PageSize), 50),
			entityMetadata: func(string) map[string]any { return map[string]any{} },
		})
	})
}
