package proxytest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/litellm-go/proxyclient/gen"
)

// teamRec is a team: a LiteLLM_TeamTable row plus its members.
type teamRec struct {
	seq     int64
	row     teamColumns
	members []teamMember
}

// teamColumns are the columns of a LiteLLM_TeamTable row, as the proxy
// stores them (null where a pointer is nil), but for the members.
type teamColumns struct {
	TeamID                string         `json:"team_id"`
	TeamAlias             *string        `json:"team_alias"`
	OrganizationID        *string        `json:"organization_id"`
	Metadata              map[string]any `json:"metadata"`
	MaxBudget             *float64       `json:"max_budget"`
	Spend                 float64        `json:"spend"`
	Models                []string       `json:"models"`
	MaxParallelRequests   *int           `json:"max_parallel_requests"`
	TPMLimit              *int           `json:"tpm_limit"`
	RPMLimit              *int           `json:"rpm_limit"`
	BudgetDuration        *string        `json:"budget_duration"`
	BudgetResetAt         *string        `json:"budget_reset_at"`
	Blocked               bool           `json:"blocked"`
	CreatedAt             string         `json:"created_at"`
	UpdatedAt             string         `json:"updated_at"`
	ModelSpend            map[string]any `json:"model_spend"`
	ModelMaxBudget        map[string]any `json:"model_max_budget"`
	TeamMemberPermissions []string       `json:"team_member_permissions"`
	ModelID               *string        `json:"model_id"`
}

type teamMember struct {
	userID, email, role string
	budget              map[string]any // the member's LiteLLM_BudgetTable, or nil
}

// memberRole is the role ("admin" or "user") of a member, or "".
func (t *teamRec) memberRole(userID string) string {
	for _, m := range t.members {
		if userID != "" && m.userID == userID {
			return m.role
		}
	}
	return ""
}

// addMember adds a member; it reports false if the user was one already.
func (t *teamRec) addMember(userID, email, role string) bool {
	if t.memberRole(userID) != "" {
		return false
	}
	t.members = append(t.members, teamMember{userID: userID, email: email, role: role})
	return true
}

func (t *teamRec) removeMember(userID string) {
	t.members = slices.DeleteFunc(t.members, func(m teamMember) bool { return m.userID == userID })
}

// teamSettable reports whether a request may set the team column field.
func teamSettable(field string) bool {
	switch field {
	case "team_alias", "organization_id", "metadata", "tpm_limit", "rpm_limit", "max_budget", "budget_duration",
		"models", "blocked", "team_member_permissions", "max_parallel_requests":
		return true
	}
	return false
}

// ensureTeam returns the team, creating it if needed. h.mu must be held.
func (h *handler) ensureTeam(id string) *teamRec {
	if t := h.teams[id]; t != nil {
		return t
	}
	now := isoTime(h.now())
	t := &teamRec{seq: h.nextSeq(), row: teamColumns{
		TeamID: id, Metadata: map[string]any{}, Models: []string{}, CreatedAt: now, UpdatedAt: now,
		ModelSpend: map[string]any{}, ModelMaxBudget: map[string]any{}, TeamMemberPermissions: []string{},
	}}
	h.teams[id] = t
	return t
}

// teamRow renders a team. h.mu must be held.
func (h *handler) teamRow(t *teamRec) map[string]any {
	out := columns(&t.row)
	withRoles := make([]any, 0, len(t.members))
	admins, members := []any{}, []any{}
	for _, m := range t.members {
		email := nilIfEmpty(m.email) // as given when the member was added
		withRoles = append(withRoles, map[string]any{"user_id": m.userID, "user_email": email, "role": m.role})
		if m.role == "admin" {
			admins = append(admins, m.userID)
		}
		members = append(members, m.userID)
	}
	out["members_with_roles"] = withRoles
	out["admins"] = admins
	out["members"] = members
	return out
}

// teamKeys lists the keys of a team, oldest first. h.mu must be held.
func (h *handler) teamKeys(teamID string) []*keyRec {
	var ks []*keyRec
	for _, k := range h.allKeys() {
		if val(k.row.TeamID) == teamID {
			ks = append(ks, k)
		}
	}
	return ks
}

// memberships renders the LiteLLM_TeamMembership rows of a team: the
// proxy keeps one for a member with a budget in the team.
func memberships(t *teamRec) []any {
	out := make([]any, 0, len(t.members))
	for _, m := range t.members {
		if m.budget != nil {
			out = append(out, membership(m, t.row.TeamID))
		}
	}
	return out
}

func membership(m teamMember, teamID string) map[string]any {
	row := map[string]any{"user_id": m.userID, "team_id": teamID, "spend": 0.0, "total_spend": 0.0}
	if m.budget != nil {
		row["budget_id"] = m.budget["budget_id"]
		row["litellm_budget_table"] = deepCopyMap(m.budget)
	}
	return view(membershipFields, row)
}

// memberBudget makes the budget row POST /team/member_add creates for
// max_budget_in_team. h.mu must be held.
func (h *handler) memberBudget(maxBudget any) map[string]any {
	return map[string]any{
		"budget_id": h.uuid(), "soft_budget": nil, "max_budget": maxBudget, "max_parallel_requests": nil,
		"tpm_limit": nil, "rpm_limit": nil, "model_max_budget": nil, "budget_duration": nil,
		"allowed_models": []any{}, "budget_reset_at": nil, "created_at": isoTime(h.now()),
	}
}

// teamKeyRows renders the keys of a team as /team/info and /team/list show them.
func (h *handler) teamKeyRows(teamID string) []any {
	keys := []any{}
	for _, k := range h.teamKeys(teamID) {
		keys = append(keys, keyWithToken(teamInfoKeyFields, k))
	}
	return keys
}

// sortedTeams lists every team, oldest first. h.mu must be held.
func (h *handler) sortedTeams() []*teamRec {
	ts := make([]*teamRec, 0, len(h.teams))
	for _, t := range h.teams {
		ts = append(ts, t)
	}
	slices.SortFunc(ts, func(a, b *teamRec) int { return int(a.seq - b.seq) })
	return ts
}

// resolveMember finds the user a Member names, creating it if there is none
// (as /team/member_add does). h.mu must be held.
func (h *handler) resolveMember(m gen.Member) *userRec {
	if m.UserID != "" {
		if u := h.users[m.UserID]; u != nil {
			return u
		}
	} else if u := h.userByEmail(m.UserEmail); u != nil {
		return u
	}
	id := m.UserID
	if id == "" {
		id = h.uuid()
	}
	u := h.newUser(id)
	if m.UserEmail != "" {
		u.row.UserEmail = ptr(m.UserEmail)
	}
	h.users[id] = u
	return u
}

// parseMembers reads a Member or a list of Members.
func parseMembers(v any) ([]gen.Member, *apiError) {
	data, _ := json.Marshal(v)
	var ms []gen.Member
	if _, isList := v.([]any); isList {
		if err := json.Unmarshal(data, &ms); err != nil {
			return nil, valueError(err.Error(), v)
		}
	} else {
		var m gen.Member
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, valueError(err.Error(), v)
		}
		ms = []gen.Member{m}
	}
	for _, m := range ms {
		if m.UserID == "" && m.UserEmail == "" {
			return nil, valueError("Either user_id or user_email must be provided", v)
		}
	}
	return ms, nil
}

// TeamNew serves POST /team/new.
func (h *handler) TeamNew(w http.ResponseWriter, r *http.Request, _ gen.TeamNewParams) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.TeamNewRequest](w, r)
	if !ok {
		return
	}
	var members []gen.Member
	if len(req.MembersWithRoles) > 0 {
		var ae *apiError
		if members, ae = parseMembers(body["members_with_roles"]); ae != nil {
			writeError(w, ae)
			return
		}
	}
	for _, id := range req.Admins {
		members = append(members, gen.Member{UserID: id, Role: gen.MemberRoleAdmin})
	}
	for _, id := range req.Members {
		members = append(members, gen.Member{UserID: id, Role: gen.MemberRoleUser})
	}
	h.do(w, func() (any, *apiError) {
		id := req.TeamID
		if id == "" {
			id = h.uuid()
		}
		if h.teams[id] != nil {
			return nil, wrappedErr(http.StatusBadRequest, fmt.Sprintf("Team id = %s already exists. Please use a different team id.", id))
		}
		t := h.ensureTeam(id)
		for f, v := range body {
			if !teamSettable(f) {
				continue
			}
			switch {
			case v == nil && f == "models":
				v = []any{}
			case v == nil && f == "metadata":
				v = map[string]any{}
			case v == nil && f == "blocked":
				v = false
			}
			if e := setRecordColumn(&t.row, f, v); e != nil {
				return nil, e
			}
		}
		for _, m := range members {
			u := h.resolveMember(m)
			t.addMember(u.row.UserID, m.UserEmail, string(m.Role))
		}
		// The proxy makes the caller an admin of the team it creates
		// (the master key's user is default_user_id), creating its user.
		out := view(teamRowFields, h.teamRow(t))
		if p.userID != "" && t.memberRole(p.userID) == "" {
			h.resolveMember(gen.Member{UserID: p.userID, Role: gen.MemberRoleAdmin}) // creates the user
			t.addMember(p.userID, "", "admin")
			if len(members) == 0 {
				out = view(teamRowFields, h.teamRow(t))
			}
		}
		return out, nil
	})
}

// TeamList serves GET /team/list: a JSON array.
func (h *handler) TeamList(w http.ResponseWriter, r *http.Request, params gen.TeamListParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		userID := ""
		if params.UserID != nil {
			userID = *params.UserID
		}
		if !p.admin && (userID == "" || userID != p.userID) {
			return nil, errorDetail(http.StatusUnauthorized, "Only admin users can query all teams/other teams. Your user role="+p.role)
		}
		out := []any{}
		for _, t := range h.sortedTeams() {
			if userID != "" && t.memberRole(userID) == "" {
				continue
			}
			if params.OrganizationID != nil && !orgMatches(*params.OrganizationID, val(t.row.OrganizationID)) {
				continue
			}
			row := h.teamRow(t)
			row["team_memberships"] = memberships(t)
			row["keys"] = h.teamKeyRows(t.row.TeamID)
			out = append(out, view(teamListFields, row))
		}
		return out, nil
	})
}

// orgMatches applies the organization_id filter ("default_organization" means none).
func orgMatches(filter, org string) bool {
	if filter == "default_organization" {
		return org == ""
	}
	return filter == org
}

// TeamListV2 serves GET /v2/team/list.
func (h *handler) TeamListV2(w http.ResponseWriter, r *http.Request, params gen.TeamListV2Params) {
	p := infoOf(r).p
	opt := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	h.do(w, func() (any, *apiError) {
		userID := opt(params.UserID)
		if !p.admin {
			if userID != "" && userID != p.userID {
				return nil, errorDetail(http.StatusUnauthorized, "Only admin users can query all teams/other teams. Your user role="+p.role)
			}
			userID = p.userID
		}
		var list []*teamRec
		for _, t := range h.sortedTeams() {
			id, alias := t.row.TeamID, val(t.row.TeamAlias)
			if userID != "" && t.memberRole(userID) == "" {
				continue
			}
			if !p.admin && userID == "" {
				continue
			}
			if v := opt(params.OrganizationID); v != "" && !orgMatches(v, val(t.row.OrganizationID)) {
				continue
			}
			if v := opt(params.TeamID); v != "" && id != v {
				continue
			}
			if v := opt(params.TeamAlias); v != "" && !strings.Contains(strings.ToLower(alias), strings.ToLower(v)) {
				continue
			}
			if v := strings.ToLower(opt(params.Search)); v != "" &&
				!strings.Contains(strings.ToLower(id), v) && !strings.Contains(strings.ToLower(alias), v) {
				continue
			}
			list = append(list, t)
		}
		sortBy := opt(params.SortBy)
		desc := params.SortOrder != nil && *params.SortOrder == gen.TeamListV2ParamsSortOrderDesc
		sortRows(list, sortBy, desc, func(t *teamRec) (map[string]any, int64) { return columns(&t.row), t.seq })
		page, size := pageParams(params.Page, params.PageSize, 10)
		pageTeams, pages := paginate(list, page, size)
		teams := make([]any, 0, len(pageTeams))
		for _, t := range pageTeams {
			row := h.teamRow(t)
			row["members_count"] = len(t.members)
			row["keys_count"] = len(h.teamKeys(t.row.TeamID))
			teams = append(teams, view(teamV2Fields, row))
		}
		return map[string]any{"teams": teams, "total": len(list), "page": page, "page_size": size, "total_pages": pages}, nil
	})
}

// TeamInfo serves GET /team/info.
func (h *handler) TeamInfo(w http.ResponseWriter, r *http.Request, params gen.TeamInfoParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		id := ""
		if params.TeamID != nil {
			id = *params.TeamID
		}
		if id == "" {
			return nil, proxyErr(http.StatusUnprocessableEntity, "auth_error", "None", pyDict("message", "Malformed request. No team id passed in."))
		}
		t := h.teams[id]
		if t == nil {
			return nil, proxyErr(http.StatusNotFound, "auth_error", "None", pyDict("message", fmt.Sprintf("Team not found, passed team id: %s.", id)))
		}
		if !p.admin && t.memberRole(p.userID) == "" && p.teamID() != id {
			return nil, proxyErr(http.StatusForbidden, "auth_error", "None", pyDict("error",
				fmt.Sprintf("User=%s not authorized to access this team=%s", p.userID, id)))
		}
		return map[string]any{"team_id": id, "team_info": view(teamInfoFields, h.teamRow(t)), "keys": h.teamKeyRows(id),
			"team_memberships": memberships(t)}, nil
	})
}

// TeamAvailable serves GET /team/available: the teams the caller may join.
func (h *handler) TeamAvailable(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		out := []any{}
		for _, t := range h.sortedTeams() {
			id := t.row.TeamID
			if h.cfg.availableSet && !slices.Contains(h.cfg.availableTeams, id) {
				continue
			}
			if t.memberRole(p.userID) != "" {
				continue
			}
			out = append(out, view(teamRowFields, h.teamRow(t)))
		}
		return out, nil
	})
}

// TeamDelete serves POST /team/delete; it deletes the teams' keys too.
func (h *handler) TeamDelete(w http.ResponseWriter, r *http.Request, _ gen.TeamDeleteParams) {
	req, _, ok := decodeBody[gen.TeamDeleteRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		for _, id := range req.TeamIds {
			if h.teams[id] == nil {
				return nil, errorDetail(http.StatusNotFound, "Team not found, passed team_id="+id)
			}
		}
		for _, id := range req.TeamIds {
			for _, k := range h.teamKeys(id) {
				delete(h.keys, k.token)
			}
			delete(h.teams, id)
		}
		return map[string]any{"deleted_teams": toAnySlice(req.TeamIds)}, nil
	})
}

// TeamMemberAdd serves POST /team/member_add. Users that do not exist are created.
func (h *handler) TeamMemberAdd(w http.ResponseWriter, r *http.Request) {
	ri := infoOf(r)
	p := ri.p
	req, body, ok := decodeBody[gen.TeamMemberAddRequest](w, r)
	if !ok {
		return
	}
	members, ae := parseMembers(body["member"])
	if ae != nil {
		writeError(w, ae)
		return
	}
	h.do(w, func() (any, *apiError) {
		return h.addTeamMembers(ri.route, p, req.TeamID, members, body["max_budget_in_team"])
	})
}

// addTeamMembers is a /team/member_add of members to the team teamID, by
// p (on route), each with max_budget_in_team maxBudgetInTeam (nil for
// none). It returns the answer (the team, updated_users and
// updated_team_memberships). h.mu must be held.
func (h *handler) addTeamMembers(route string, p *principal, teamID string, members []gen.Member, maxBudgetInTeam any) (map[string]any, *apiError) {
	if teamID == "" {
		return nil, errorDetail(http.StatusBadRequest, "No team id passed in")
	}
	t := h.teams[teamID]
	if t == nil {
		return nil, errorDetail(http.StatusNotFound, fmt.Sprintf(
			"Team doesn't exist in db. Team=%s. Create team via `/team/new` call.", teamID))
	}
	if !p.admin && t.memberRole(p.userID) != "admin" {
		return nil, errorDetail(http.StatusForbidden, fmt.Sprintf(
			"Call not allowed. User not proxy admin OR team admin. route=%s, team_id=%s", route, teamID))
	}
	var existing []gen.Member
	var fresh []gen.Member
	for _, m := range members {
		uid := m.UserID
		if uid == "" {
			if u := h.userByEmail(m.UserEmail); u != nil {
				uid = u.row.UserID
			}
		}
		if uid != "" && t.memberRole(uid) != "" {
			existing = append(existing, m)
			continue
		}
		fresh = append(fresh, m)
	}
	if len(fresh) == 0 {
		reprs := make([]string, len(t.members))
		for i, tm := range t.members {
			reprs[i] = fmt.Sprintf("Member(user_id=%s, user_email=%s, role=%s)", pyOptional(tm.userID), pyOptional(tm.email), pyRepr(tm.role))
		}
		return nil, proxyErr(http.StatusBadRequest, "team_member_already_in_team", "member", fmt.Sprintf(
			"User already in team. Member: user_id=%s, user_email=%s. Existing members=[%s]",
			cmp.Or(existing[0].UserID, "None"), cmp.Or(existing[0].UserEmail, "None"), strings.Join(reprs, ", ")))
	}
	if !h.cfg.enterprise {
		for _, m := range fresh {
			if m.Role == gen.MemberRoleAdmin {
				return nil, errorDetail(http.StatusBadRequest, fmt.Sprintf(
					"Assigning team admins is a premium feature. Got=user_id=%s user_email=%s role='admin'. %s. ",
					pyOptional(m.UserID), pyOptional(m.UserEmail), notPremium))
			}
		}
	}
	users, ms := []any{}, []any{}
	for _, m := range fresh {
		u := h.resolveMember(m)
		uid := u.row.UserID
		if !t.addMember(uid, val(u.row.UserEmail), string(m.Role)) {
			continue // listed twice
		}
		users = append(users, view(updatedUserFields, h.userRow(u)))
		if maxBudgetInTeam != nil {
			t.members[len(t.members)-1].budget = h.memberBudget(maxBudgetInTeam)
			ms = append(ms, membership(t.members[len(t.members)-1], teamID))
		}
	}
	t.row.UpdatedAt = isoTime(h.now())
	out := view(teamRowFields, h.teamRow(t))
	out["updated_users"] = users
	out["updated_team_memberships"] = ms
	return out, nil
}

// pyOptional renders an optional string as Python's repr does (None when empty).
func pyOptional(s string) string {
	if s == "" {
		return "None"
	}
	return pyRepr(s)
}
