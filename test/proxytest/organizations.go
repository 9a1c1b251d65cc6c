package proxytest

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/litellm-go/proxyclient/gen"
)

// orgRec is a LiteLLM_OrganizationTable row and its memberships
// (organization_endpoints.py). The budget row lives in platform.budgets.
type orgRec struct {
	seq     int64
	row     orgColumns
	members []*orgMember
}

// orgColumns are the columns of a LiteLLM_OrganizationTable row.
type orgColumns struct {
	OrganizationID    string         `json:"organization_id"`
	OrganizationAlias string         `json:"organization_alias"`
	BudgetID          string         `json:"budget_id"`
	Spend             float64        `json:"spend"`
	ModelSpend        map[string]any `json:"model_spend"`
	Metadata          map[string]any `json:"metadata"`
	Models            []string       `json:"models"`
	CreatedBy         string         `json:"created_by"`
	UpdatedBy         string         `json:"updated_by"`
	CreatedAt         string         `json:"created_at"`
	UpdatedAt         string         `json:"updated_at"`
}

// columns is the row as a JSON-like map, what the views pick from.
func (o *orgRec) columns() map[string]any { return columns(&o.row) }

// orgMember is a LiteLLM_OrganizationMembership row.
type orgMember struct {
	row orgMemberColumns
}

// orgMemberColumns are the columns of a LiteLLM_OrganizationMembership row
// (null where a pointer is nil).
type orgMemberColumns struct {
	UserID         string  `json:"user_id"`
	OrganizationID string  `json:"organization_id"`
	UserRole       string  `json:"user_role"`
	Spend          float64 `json:"spend"`
	BudgetID       *string `json:"budget_id"`
	CreatedAt      string  `json:"created_at"`
	UpdatedAt      string  `json:"updated_at"`
}

// columns is the row as a JSON-like map, what the views pick from.
func (m *orgMember) columns() map[string]any { return columns(&m.row) }

// orgRoles are the roles of an organization member, in the proxy's order.
var orgRoles = []string{"org_admin", "internal_user", "internal_user_viewer"}

// orgRowFields are the members of an organization as /organization/new
// answers it; orgWithMembersFields add members and teams (update, info,
// list, delete).
var (
	orgRowFields = []viewField{
		{"organization_id", vNull}, {"organization_alias", vNull}, {"budget_id", vNull}, {"spend", vZeroFloat},
		{"metadata", vObject}, {"models", vArray}, {"created_by", vNull}, {"updated_by", vNull}, {"users", vNull},
		{"litellm_budget_table", vNull}, {"object_permission", vNull}, {"object_permission_id", vNull},
		{"created_at", vNull}, {"updated_at", vNull},
	}
	orgWithMembersFields = append(slices.Clone(orgRowFields), viewField{"members", vArray}, viewField{"teams", vArray})
	// orgBatchFields: POST /organization/info returns the bare prisma rows.
	orgBatchFields = []viewField{
		{"organization_id", vNull}, {"organization_alias", vNull}, {"budget_id", vNull}, {"metadata", vObject},
		{"models", vArray}, {"spend", vZeroFloat}, {"model_spend", vObject}, {"object_permission_id", vNull},
		{"created_at", vNull}, {"created_by", vNull}, {"updated_at", vNull}, {"updated_by", vNull},
		{"litellm_budget_table", vNull}, {"teams", vNull}, {"users", vNull}, {"keys", vNull}, {"members", vNull},
		{"object_permission", vNull},
	}
	// orgMembershipFields: a LiteLLM_OrganizationMembershipTable.
	orgMembershipFields = []viewField{
		{"user_id", vNull}, {"organization_id", vNull}, {"user_role", vNull}, {"spend", vZeroFloat},
		{"budget_id", vNull}, {"created_at", vNull}, {"updated_at", vNull}, {"user", vNull},
		{"litellm_budget_table", vNull}, {"user_email", vNull},
	}
	// orgDeletedMemberFields: the prisma row member_delete returns.
	orgDeletedMemberFields = []viewField{
		{"user_id", vNull}, {"organization_id", vNull}, {"user_role", vNull}, {"spend", vZeroFloat},
		{"budget_id", vNull}, {"created_at", vNull}, {"updated_at", vNull}, {"user", vNull},
		{"organization", vNull}, {"litellm_budget_table", vNull},
	}
	// orgMemberUserFields: the prisma user row inside an organization's members.
	orgMemberUserFields = []viewField{
		{"user_id", vNull}, {"user_alias", vNull}, {"team_id", vNull}, {"sso_user_id", vNull},
		{"organization_id", vNull}, {"object_permission_id", vNull}, {"password", vNull}, {"teams", vArray},
		{"user_role", vNull}, {"max_budget", vNull}, {"spend", vZeroFloat}, {"user_email", vNull},
		{"models", vArray}, {"metadata", vObject}, {"max_parallel_requests", vNull}, {"tpm_limit", vNull},
		{"rpm_limit", vNull}, {"budget_duration", vNull}, {"budget_reset_at", vNull},
		{"allowed_cache_controls", vArray}, {"policies", vArray}, {"model_spend", vObject},
		{"model_max_budget", vObject}, {"created_at", vNull}, {"updated_at", vNull},
		{"litellm_organization_table", vNull}, {"organization_memberships", vNull},
		{"invitations_created", vNull}, {"invitations_updated", vNull}, {"invitations_user", vNull},
		{"object_permission", vNull},
	}
)

// member returns the membership of userID, or nil.
func (o *orgRec) member(userID string) *orgMember {
	for _, m := range o.members {
		if userID != "" && m.row.UserID == userID {
			return m
		}
	}
	return nil
}

// orgView renders an organization with fields. h.mu must be held.
func (h *handler) orgView(o *orgRec, fields []viewField, withMembers bool) map[string]any {
	row := o.columns()
	row["litellm_budget_table"] = h.budgetView(o.row.BudgetID, budgetLimitView)
	if withMembers {
		members := make([]any, 0, len(o.members))
		for _, m := range o.members {
			members = append(members, h.orgMemberView(m, true))
		}
		row["members"] = members
		teams := []any{}
		for _, t := range h.sortedTeams() {
			if teamOrgID(t) == o.row.OrganizationID {
				teams = append(teams, h.orgTeamView(t))
			}
		}
		row["teams"] = teams
	}
	return view(fields, row)
}

// orgMemberView renders a membership, with its user row when withUser.
// h.mu must be held.
func (h *handler) orgMemberView(m *orgMember, withUser bool) map[string]any {
	row := m.columns()
	row["litellm_budget_table"] = h.budgetView(val(m.row.BudgetID), budgetLimitView)
	if u := h.users[m.row.UserID]; u != nil && withUser {
		row["user"] = h.orgUserView(u, orgMemberUserFields)
	}
	return view(orgMembershipFields, row)
}

// orgsOf lists the ids of the organizations userID is a member of, and its
// role in each. h.mu must be held.
func (h *handler) orgsOf(userID string) map[string]string {
	out := map[string]string{}
	for id, o := range h.platform().orgs {
		if m := o.member(userID); m != nil {
			out[id] = m.row.UserRole
		}
	}
	return out
}

// orgAccess applies the checks a caller who is not a proxy admin meets on
// the organization routes: auth_checks_organization.py (for org_admin-only
// routes, when the key has a user) and _verify_org_access in the endpoint.
// h.mu must be held.
func (h *handler) orgAccess(p *principal, route, orgID string, adminOnlyRoute bool) *apiError {
	if p.admin {
		return nil
	}
	u := h.users[p.userID]
	if u == nil || p.userID == "" {
		if adminOnlyRoute {
			return adminRouteErr(p, route)
		}
		return detailErr(http.StatusForbidden, "You do not have access to this organization")
	}
	roles := h.orgsOf(p.userID)
	if adminOnlyRoute {
		switch role, ok := roles[orgID]; {
		case len(roles) == 0:
			return proxyErr(http.StatusUnauthorized, "auth_error", "organization_id", fmt.Sprintf(
				"Tried to access route=%s but you are not a member of any organization. Please contact the proxy admin to request access.", route))
		case orgID == "":
			return proxyErr(http.StatusUnauthorized, "auth_error", "organization_id",
				"Passed organization_id is None, please pass an organization_id in your request")
		case !ok:
			return proxyErr(http.StatusUnauthorized, "auth_error", "organization_id", fmt.Sprintf(
				"You do not have a role within the selected organization. Passed organization_id: %s. Please contact the organization admin to request access.", orgID))
		case role != "org_admin":
			return proxyErr(http.StatusUnauthorized, "auth_error", "user_role", fmt.Sprintf(
				"You do not have the required role to perform %s in Organization %s. Your role is %s in Organization %s", route, orgID, role, orgID))
		}
	}
	if roles[orgID] != "org_admin" {
		return detailErr(http.StatusForbidden, "You do not have access to this organization")
	}
	return nil
}

// OrganizationNew is POST /organization/new.
func (h *handler) OrganizationNew(w http.ResponseWriter, r *http.Request) {
	ri := infoOf(r)
	p := ri.p
	req, body, ok := decodeBody[gen.OrganizationNewRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if e := h.orgEnterpriseGate(infoOf(r).opID); e != nil {
			return nil, e
		}
		if !p.admin {
			if u := h.users[p.userID]; u != nil && p.userID != "" {
				return nil, proxyErr(http.StatusUnauthorized, "auth_error", "user_role",
					"Only proxy admins can create new organizations. You are "+cmp.Or(userRoleOf(u), "None"))
			}
			return nil, adminRouteErr(p, ri.route)
		}
		if e := checkBudgetValues(body); e != nil {
			return nil, e
		}
		pl := h.platform()
		id := req.OrganizationID
		if id == "" {
			id = h.uuid()
		}
		if pl.orgs[id] != nil {
			return nil, internalServerError() // the unique constraint fails in prisma
		}
		by := callerID(p)
		budgetID := req.BudgetID
		if budgetID == "" {
			budgetID = h.newBudget("", body, by).row.BudgetID
		}
		now := isoTime(h.now())
		o := &orgRec{seq: h.nextSeq(), row: orgColumns{
			OrganizationID: id, OrganizationAlias: req.OrganizationAlias, BudgetID: budgetID,
			ModelSpend: map[string]any{}, Metadata: deepCopyMap(mapOr(body["metadata"])),
			Models: append([]string{}, req.Models...), CreatedBy: by, UpdatedBy: by, CreatedAt: now, UpdatedAt: now,
		}}
		for _, f := range []string{"model_rpm_limit", "model_tpm_limit"} {
			if v, ok := body[f]; ok && v != nil {
				o.row.Metadata[f] = deepCopy(v)
			}
		}
		pl.orgs[id] = o
		return h.orgView(o, orgRowFields, false), nil
	})
}

// OrganizationUpdate is PATCH /organization/update.
func (h *handler) OrganizationUpdate(w http.ResponseWriter, r *http.Request) {
	ri := infoOf(r)
	p := ri.p
	req, body, ok := decodeBody[gen.OrganizationUpdateRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if e := h.orgEnterpriseGate(infoOf(r).opID); e != nil {
			return nil, e
		}
		if e := checkBudgetValues(body); e != nil {
			return nil, e
		}
		if req.OrganizationID == "" {
			return nil, errorDetail(http.StatusBadRequest, "organization_id is required")
		}
		if e := h.orgAccess(p, ri.route, req.OrganizationID, false); e != nil {
			return nil, e
		}
		o := h.platform().orgs[req.OrganizationID]
		if o == nil {
			// A ValueError the proxy does not catch.
			return nil, internalServerError()
		}
		for _, f := range []string{"organization_alias", "budget_id", "spend", "models"} {
			if v, ok := body[f]; ok && v != nil {
				_, _ = setColumn(&o.row, f, v) // a value of another type leaves the column as it was
			}
		}
		if md, ok := body["metadata"].(map[string]any); ok {
			merged := deepCopyMap(o.row.Metadata)
			for k, v := range md {
				merged[k] = deepCopy(v)
			}
			o.row.Metadata = merged
		}
		if b := h.platform().budgets[o.row.BudgetID]; b != nil {
			h.setBudgetLimits(b, body)
			b.touch(h.now(), callerID(p))
		}
		o.row.UpdatedBy = callerID(p)
		o.row.UpdatedAt = isoTime(h.now())
		return h.orgView(o, orgWithMembersFields, true), nil
	})
}

// OrganizationDelete is DELETE /organization/delete.
func (h *handler) OrganizationDelete(w http.ResponseWriter, r *http.Request) {
	ri := infoOf(r)
	p := ri.p
	req, _, ok := decodeBody[gen.OrganizationDeleteRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if e := h.orgEnterpriseGate(infoOf(r).opID); e != nil {
			return nil, e
		}
		if !p.admin {
			if len(req.OrganizationIds) > 0 {
				if e := h.orgAccess(p, ri.route, req.OrganizationIds[0], true); e != nil {
					return nil, e
				}
			}
			return nil, errorDetail(http.StatusUnauthorized, "Only proxy admins can delete organizations")
		}
		pl := h.platform()
		out := []any{}
		for _, id := range req.OrganizationIds {
			o := pl.orgs[id]
			if o == nil {
				return nil, errorDetail(http.StatusNotFound, fmt.Sprintf("Organization=%s not found", id))
			}
			// The teams and keys of the organization go with it.
			for tid, t := range h.teams {
				if teamOrgID(t) == id {
					delete(h.teams, tid)
				}
			}
			for tok, k := range h.keys {
				if keyOrgID(k) == id {
					delete(h.keys, tok)
				}
			}
			o.members = nil
			out = append(out, h.orgView(o, orgWithMembersFields, true))
			delete(pl.orgs, id)
		}
		return out, nil
	})
}

// sortedOrgs lists the organizations in creation order. h.mu must be held.
func (h *handler) sortedOrgs() []*orgRec {
	var list []*orgRec
	for _, o := range h.platform().orgs {
		list = append(list, o)
	}
	slices.SortFunc(list, func(a, b *orgRec) int { return cmp.Compare(a.seq, b.seq) })
	return list
}

// OrganizationList is GET /organization/list: every organization for a
// proxy admin, those the caller is a member of otherwise.
func (h *handler) OrganizationList(w http.ResponseWriter, r *http.Request, params gen.OrganizationListParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		if e := h.orgEnterpriseGate(infoOf(r).opID); e != nil {
			return nil, e
		}
		mine := map[string]string{}
		if !p.admin && p.role != "proxy_admin_viewer" {
			mine = h.orgsOf(p.userID)
		}
		out := []any{}
		for _, o := range h.sortedOrgs() {
			id := o.row.OrganizationID
			if params.OrgID != nil && *params.OrgID != "" && id != *params.OrgID {
				continue
			}
			if params.OrgAlias != nil && *params.OrgAlias != "" &&
				!strings.Contains(strings.ToLower(o.row.OrganizationAlias), strings.ToLower(*params.OrgAlias)) {
				continue
			}
			if _, ok := mine[id]; !ok && !p.admin && p.role != "proxy_admin_viewer" {
				continue
			}
			out = append(out, h.orgView(o, orgWithMembersFields, true))
		}
		return out, nil
	})
}

// OrganizationInfo is GET /organization/info.
func (h *handler) OrganizationInfo(w http.ResponseWriter, r *http.Request, params gen.OrganizationInfoParams) {
	ri := infoOf(r)
	h.do(w, func() (any, *apiError) {
		if e := h.orgEnterpriseGate(infoOf(r).opID); e != nil {
			return nil, e
		}
		if e := h.orgAccess(ri.p, ri.route, params.OrganizationID, true); e != nil {
			return nil, e
		}
		o := h.platform().orgs[params.OrganizationID]
		if o == nil {
			return nil, errorDetail(http.StatusNotFound, "Organization not found")
		}
		return h.orgView(o, orgWithMembersFields, true), nil
	})
}

// OrganizationInfoBatch is the deprecated POST /organization/info: the
// organizations that exist among those asked for, with their full budget
// rows and no members.
func (h *handler) OrganizationInfoBatch(w http.ResponseWriter, r *http.Request) {
	ri := infoOf(r)
	req, _, ok := decodeBody[gen.OrganizationInfoRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if e := h.orgEnterpriseGate(infoOf(r).opID); e != nil {
			return nil, e
		}
		if len(req.Organizations) == 0 {
			return nil, errorDetail(http.StatusBadRequest, "Specify list of organization id's to query. Passed in=[]")
		}
		for _, id := range req.Organizations {
			if e := h.orgAccess(ri.p, ri.route, id, true); e != nil {
				return nil, e
			}
		}
		out := []any{}
		for _, o := range h.sortedOrgs() {
			if !slices.Contains(req.Organizations, o.row.OrganizationID) {
				continue
			}
			row := h.orgView(o, orgBatchFields, false)
			row["litellm_budget_table"] = h.budgetView(o.row.BudgetID, budgetFullFields)
			out = append(out, row)
		}
		return out, nil
	})
}

// parseOrgMembers reads the member field of /organization/member_add: one
// OrgMember or a list, each with a role the proxy accepts.
func parseOrgMembers(v any) ([]gen.OrganizationMember, *apiError) {
	var raw []any
	single := false
	switch x := v.(type) {
	case []any:
		raw = x
	case map[string]any:
		raw, single = []any{x}, true
	}
	expected := "<LitellmUserRoles.ORG_ADMIN: 'org_admin'>, <LitellmUserRoles.INTERNAL_USER: 'internal_user'> or <LitellmUserRoles.INTERNAL_USER_VIEW_ONLY: 'internal_user_viewer'>"
	out := make([]gen.OrganizationMember, 0, len(raw))
	for i, x := range raw {
		m := mapOr(x)
		role := str(m["role"])
		if !slices.Contains(orgRoles, role) {
			// pydantic reports a single member's role at body.role.
			loc := []any{"body", "role"}
			if !single {
				loc = []any{"body", "member", i, "role"}
			}
			return nil, &apiError{status: http.StatusUnprocessableEntity, body: map[string]any{"detail": []any{map[string]any{
				"type": "literal_error", "loc": loc, "msg": "Input should be " + expected, "input": m["role"],
				"ctx": map[string]any{"expected": expected},
			}}}}
		}
		out = append(out, gen.OrganizationMember{Role: gen.OrganizationMemberRole(role), UserID: str(m["user_id"]), UserEmail: str(m["user_email"])})
	}
	return out, nil
}

// OrganizationMemberAdd is POST /organization/member_add. A user that does
// not exist is created (as an internal_user).
func (h *handler) OrganizationMemberAdd(w http.ResponseWriter, r *http.Request) {
	ri := infoOf(r)
	req, body, ok := decodeBody[gen.OrganizationMemberAddRequest](w, r)
	if !ok {
		return
	}
	members, ae := parseOrgMembers(body["member"])
	if ae != nil {
		writeError(w, ae)
		return
	}
	h.do(w, func() (any, *apiError) {
		if e := h.orgEnterpriseGate(infoOf(r).opID); e != nil {
			return nil, e
		}
		if e := h.orgAccess(ri.p, ri.route, req.OrganizationID, true); e != nil {
			return nil, e
		}
		o := h.platform().orgs[req.OrganizationID]
		if o == nil {
			return nil, proxyErr(http.StatusNotFound, "auth_error", "None",
				pyDict("error", "Organization not found for organization_id="+req.OrganizationID))
		}
		users, ms := []any{}, []any{}
		for _, m := range members {
			u := h.users[m.UserID]
			if u == nil || m.UserID == "" {
				u = h.userByEmail(m.UserEmail)
			}
			if u == nil {
				u = h.newOrgUser(cmp.Or(m.UserID, h.uuid()), m.UserEmail)
			}
			uid := userIDOf(u)
			if o.member(uid) != nil {
				return nil, proxyErr(http.StatusInternalServerError, "auth_error", "None", fmt.Sprintf(
					"Authentication Error, Error adding member=role=%s user_id=%s user_email=%s to organization=%s: Unique constraint failed on the fields: (`user_id`,`organization_id`)",
					pyRepr(string(m.Role)), pyOptional(m.UserID), pyOptional(m.UserEmail), req.OrganizationID))
			}
			now := isoTime(h.now())
			mem := &orgMember{row: orgMemberColumns{
				UserID: uid, OrganizationID: req.OrganizationID, UserRole: string(m.Role), CreatedAt: now, UpdatedAt: now,
			}}
			o.members = append(o.members, mem)
			users = append(users, h.orgUserView(u, updatedUserFields))
			ms = append(ms, h.orgMemberView(mem, false))
		}
		return map[string]any{"organization_id": req.OrganizationID, "updated_users": users,
			"updated_organization_memberships": ms}, nil
	})
}

// orgMemberID resolves the user a member_update or member_delete names.
// h.mu must be held.
func (h *handler) orgMemberID(userID, email string) string {
	if userID == "" && email != "" {
		if u := h.userByEmail(email); u != nil {
			return userIDOf(u)
		}
	}
	return userID
}

// OrganizationMemberUpdate is PATCH /organization/member_update.
func (h *handler) OrganizationMemberUpdate(w http.ResponseWriter, r *http.Request) {
	ri := infoOf(r)
	req, body, ok := decodeBody[gen.OrganizationMemberUpdateRequest](w, r)
	if !ok {
		return
	}
	if v, ok := body["role"]; ok && v != nil && !slices.Contains(orgRoles, str(v)) {
		writeError(w, &apiError{status: http.StatusUnprocessableEntity, body: map[string]any{"detail": []any{map[string]any{
			"type": "value_error", "loc": []any{"body", "role"}, "msg": "Value error, Invalid role. Must be one of: " + pyList(orgRoles),
			"input": v, "ctx": map[string]any{"error": map[string]any{}},
		}}}})
		return
	}
	h.do(w, func() (any, *apiError) {
		if e := h.orgEnterpriseGate(infoOf(r).opID); e != nil {
			return nil, e
		}
		if e := h.orgAccess(ri.p, ri.route, req.OrganizationID, true); e != nil {
			return nil, e
		}
		o := h.platform().orgs[req.OrganizationID]
		if o == nil {
			return nil, errorDetail(http.StatusBadRequest, "Organization not found for organization_id="+req.OrganizationID)
		}
		uid := h.orgMemberID(req.UserID, req.UserEmail)
		m := o.member(uid)
		if m == nil {
			return nil, errorDetail(http.StatusNotFound, "Member not found in organization for user_id="+cmp.Or(uid, "None"))
		}
		if u := h.users[uid]; u != nil && !ri.p.admin {
			if role := userRoleOf(u); role == "proxy_admin" || role == "proxy_admin_viewer" {
				return nil, errorDetail(http.StatusForbidden, "Only PROXY_ADMIN may modify the organization role of a user who is a global PROXY_ADMIN.")
			}
		}
		if req.Role != "" {
			m.row.UserRole = string(req.Role)
		}
		if req.MaxBudgetInOrganization != nil {
			if b := h.platform().budgets[val(m.row.BudgetID)]; b != nil {
				b.row.MaxBudget = ptr(*req.MaxBudgetInOrganization)
				b.row.UpdatedAt = isoTime(h.now())
			} else {
				b := h.newBudget("", map[string]any{"max_budget": *req.MaxBudgetInOrganization}, callerID(ri.p))
				m.row.BudgetID = ptr(b.row.BudgetID)
			}
		}
		m.row.UpdatedAt = isoTime(h.now())
		// The database lists an updated row last, and so does info.
		o.members = append(slices.DeleteFunc(o.members, func(x *orgMember) bool { return x == m }), m)
		return h.orgMemberView(m, false), nil
	})
}

// OrganizationMemberDelete is DELETE /organization/member_delete: the
// deleted membership, or null (HTTP 200) when there was none.
func (h *handler) OrganizationMemberDelete(w http.ResponseWriter, r *http.Request) {
	ri := infoOf(r)
	req, body, ok := decodeBody[gen.OrganizationMemberDeleteRequest](w, r)
	if !ok {
		return
	}
	if req.UserID == "" && req.UserEmail == "" {
		writeError(w, valueError("Either user id or user email must be provided", body))
		return
	}
	h.do(w, func() (any, *apiError) {
		if e := h.orgEnterpriseGate(infoOf(r).opID); e != nil {
			return nil, e
		}
		if e := h.orgAccess(ri.p, ri.route, req.OrganizationID, true); e != nil {
			return nil, e
		}
		o := h.platform().orgs[req.OrganizationID]
		if o == nil {
			return nil, nil
		}
		m := o.member(h.orgMemberID(req.UserID, req.UserEmail))
		if m == nil {
			return nil, nil
		}
		o.members = slices.DeleteFunc(o.members, func(x *orgMember) bool { return x == m })
		return view(orgDeletedMemberFields, m.columns()), nil
	})
}

// platformRouteClass classifies the organization routes, whose checks for
// callers who are not proxy admins run in the endpoint (organization/list
// is an info route); ok is false for other operations.
func platformRouteClass(opID string) (class int, ok bool) {
	id := strings.ToLower(opID)
	switch {
	case id == "organizationlist":
		return routeAnyKey, true
	case strings.HasPrefix(id, "organization"):
		return routeSelfManaged, true
	}
	return 0, false
}

// The users and teams the organization routes read, through these
// accessors only (their records belong to users.go and teams.go).

func userIDOf(u *userRec) string { return u.row.UserID }

func userRoleOf(u *userRec) string {
	if u.row.UserRole == nil {
		return ""
	}
	return *u.row.UserRole
}

func keyOrgID(k *keyRec) string {
	if k.row.OrganizationID == nil {
		return ""
	}
	return *k.row.OrganizationID
}

func teamOrgID(t *teamRec) string {
	if t.row.OrganizationID == nil {
		return ""
	}
	return *t.row.OrganizationID
}

// newOrgUser creates the user member_add adds. h.mu must be held.
func (h *handler) newOrgUser(id, email string) *userRec {
	u := h.newUser(id)
	if email != "" {
		u.row.UserEmail = &email
	}
	h.users[id] = u
	return u
}

// orgUserView renders a user with fields. h.mu must be held.
func (h *handler) orgUserView(u *userRec, fields []viewField) map[string]any {
	return view(fields, h.userRow(u))
}

// orgTeamView renders a team of an organization. h.mu must be held.
func (h *handler) orgTeamView(t *teamRec) map[string]any { return view(teamRowFields, h.teamRow(t)) }
