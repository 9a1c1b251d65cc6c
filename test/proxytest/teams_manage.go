package proxytest

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/gen"
)

// The team routes beyond create, read, delete and member_add: update,
// member update and delete, block, models, member permissions and daily
// activity (team_endpoints.py of the 1.88.0 proxy).

// teamDBFields are the members of a team as the proxy returns the Prisma
// row itself (POST /team/update's data, /team/block, /team/unblock,
// /team/model/add, /team/model/delete), with the value each takes when unset.
var teamDBFields = []viewField{
	{"team_id", vNull}, {"team_alias", vNull}, {"organization_id", vNull}, {"object_permission_id", vNull},
	{"admins", vArray}, {"members", vArray}, {"members_with_roles", vArray}, {"metadata", vObject},
	{"max_budget", vNull}, {"soft_budget", vNull}, {"spend", vZeroFloat}, {"models", vArray},
	{"max_parallel_requests", vNull}, {"tpm_limit", vNull}, {"rpm_limit", vNull}, {"budget_duration", vNull},
	{"budget_reset_at", vNull}, {"blocked", vFalse}, {"created_at", vNull}, {"updated_at", vNull},
	{"model_spend", vObject}, {"model_max_budget", vObject}, {"router_settings", vObject},
	{"team_member_permissions", vArray}, {"access_group_ids", vArray}, {"policies", vArray},
	{"default_team_member_models", vArray}, {"budget_limits", vNull}, {"model_id", vNull},
	{"allow_team_guardrail_config", vFalse}, {"litellm_organization_table", vNull}, {"litellm_model_table", vNull},
	{"object_permission", vNull}, {"projects", vNull},
}

// teamMemberPermissionRoutes is all_available_permissions of GET
// /team/permissions_list: the proxy's key management routes (1.88.0).
var teamMemberPermissionRoutes = []string{
	"/key/generate", "/key/update", "/key/delete", "/key/info", "/key/regenerate", "/key/service-account/generate",
	"/key/{key_id}/regenerate", "/key/list", "/key/block", "/key/unblock", "/key/bulk_update", "/team/key/bulk_update",
	"/team/daily/activity", "/spend/logs", "/spend/logs/v2", "/key/{key_id}/reset_spend", "/key/aliases",
	"/key/access_group_assignment",
}

// teamRouteClass is the route class of the team routes this file serves:
// the member, permission and activity routes are in the proxy's
// self_managed_routes (the endpoint checks the caller), the others are
// admin routes.
func teamRouteClass(opID string) (class int, ok bool) {
	switch strings.ToLower(opID) {
	case "teammemberupdate", "teammemberdelete", "teampermissionslist", "teampermissionsupdate", "teamdailyactivity":
		return routeSelfManaged, true
	case "teamupdate", "teamblock", "teamunblock", "teammodeladd", "teammodeldelete":
		return routeAdmin, true
	}
	return 0, false
}

// teamNoDB is the no-database answer of the routes of this file (checked
// against 1.88.0 and 1.106.12), or nil.
func (h *handler) teamNoDB(opID string) *apiError {
	switch strings.ToLower(opID) {
	case "teamupdate":
		if h.is106() {
			return proxyErr(http.StatusUnauthorized, "auth_error", "None",
				"Authentication Error, No DB Connected. See - https://docs.litellm.ai/docs/proxy/virtual_keys")
		}
		return proxyErr(http.StatusInternalServerError, "internal_server_error", "None", pyDict("error", dbSeeDocs))
	case "teammemberupdate", "teammemberdelete", "teammodeladd", "teammodeldelete", "teampermissionslist", "teampermissionsupdate":
		return errorDetail(http.StatusInternalServerError, "No db connected")
	case "teamblock", "teamunblock":
		return internalServerError()
	case "teamdailyactivity":
		if h.is106() {
			return errorDetail(http.StatusInternalServerError, dbSeeDocsN)
		}
		return errorDetail(http.StatusInternalServerError, dbSeeDocs)
	}
	return nil
}

// teamDBRow renders a team as the Prisma row. h.mu must be held.
func (h *handler) teamDBRow(t *teamRec) map[string]any {
	return view(teamDBFields, h.teamRow(t))
}

// teamAdminOf reports whether the caller is a proxy admin or an admin of t.
func teamAdminOf(p *principal, t *teamRec) bool {
	return p.admin || (p.userID != "" && t.memberRole(p.userID) == "admin")
}

// handledParam is the param of an error that handle_exception_on_proxy
// converts: "None" in 1.88, null in 1.106.
func (h *handler) handledParam() any {
	if h.is106() {
		return nil
	}
	return "None"
}

// TeamUpdate serves POST /team/update: it sets the fields the body names
// and answers {"team_id", "data": the row}.
func (h *handler) TeamUpdate(w http.ResponseWriter, r *http.Request, _ gen.TeamUpdateParams) {
	req, body, ok := decodeBody[gen.TeamUpdateRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		t := h.teams[req.TeamID]
		if t == nil {
			return nil, proxyErr(http.StatusNotFound, "internal_server_error", h.handledParam(),
				pyDict("error", "Team not found, passed team_id="+req.TeamID))
		}
		for f, v := range body {
			if f == "team_id" || !teamSettable(f) {
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
		t.row.UpdatedAt = isoTime(h.now())
		return map[string]any{"team_id": t.row.TeamID, "data": h.teamDBRow(t)}, nil
	})
}

// memberRequestRepr is the pydantic repr of a TeamMemberUpdateRequest, as
// the proxy prints it in an error.
func memberRequestRepr(req gen.TeamMemberUpdateRequest) string {
	opt := func(p any) string {
		switch v := p.(type) {
		case *float64:
			if v != nil {
				return fmt.Sprint(*v)
			}
		case *int:
			if v != nil {
				return fmt.Sprint(*v)
			}
		}
		return "None"
	}
	role := pyOptional(string(req.Role))
	models := "None"
	if req.AllowedModels != nil {
		q := make([]string, len(req.AllowedModels))
		for i, m := range req.AllowedModels {
			q[i] = pyRepr(m)
		}
		models = "[" + strings.Join(q, ", ") + "]"
	}
	return fmt.Sprintf("user_id=%s user_email=%s team_id=%s max_budget_in_team=%s role=%s tpm_limit=%s rpm_limit=%s allowed_models=%s",
		pyOptional(req.UserID), pyOptional(req.UserEmail), pyRepr(req.TeamID), opt(req.MaxBudgetInTeam), role,
		opt(req.TpmLimit), opt(req.RpmLimit), models)
}

// TeamMemberUpdate serves POST /team/member_update. As the proxy does, it
// answers 200 for a user who is not a member (changing nothing), and its
// permission error names the route /team/member_delete.
func (h *handler) TeamMemberUpdate(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.TeamMemberUpdateRequest](w, r)
	if !ok {
		return
	}
	if req.UserID == "" && req.UserEmail == "" {
		writeError(w, valueError("Either user id or user email must be provided", body))
		return
	}
	h.do(w, func() (any, *apiError) {
		if req.Role == "admin" && !h.cfg.enterprise {
			return nil, detailErr(http.StatusBadRequest, "Assigning team admins is a premium feature. You must be a LiteLLM Enterprise user to use this feature. "+
				"If you have a license please set `LITELLM_LICENSE` in your env. Get a 7 day trial key here: https://www.litellm.ai/#trial. Pricing: https://www.litellm.ai/#pricing")
		}
		t := h.teams[req.TeamID]
		if t == nil {
			return nil, errorDetail(http.StatusBadRequest, fmt.Sprintf("Team id=%s does not exist in db", req.TeamID))
		}
		if !teamAdminOf(p, t) {
			return nil, errorDetail(http.StatusForbidden, fmt.Sprintf(
				"Call not allowed. User not proxy admin OR team admin. route=/team/member_delete, team_id=%s", req.TeamID))
		}
		uid := req.UserID
		if uid == "" {
			for _, m := range t.members {
				if m.email != "" && m.email == req.UserEmail {
					uid = m.userID
					break
				}
			}
		}
		if uid == "" {
			return nil, errorDetail(http.StatusBadRequest, "User id doesn't exist in team table. Data="+memberRequestRepr(req))
		}
		if i := slices.IndexFunc(t.members, func(m teamMember) bool { return m.userID == uid }); i >= 0 {
			m := &t.members[i]
			limits := map[string]any{}
			if v, ok := body["max_budget_in_team"]; ok && v != nil {
				limits["max_budget"] = v
			}
			if v, ok := body["tpm_limit"]; ok && v != nil {
				limits["tpm_limit"] = v
			}
			if v, ok := body["rpm_limit"]; ok && v != nil {
				limits["rpm_limit"] = v
			}
			if v, ok := body["allowed_models"]; ok && v != nil {
				limits["allowed_models"] = v
			}
			if len(limits) > 0 {
				if m.budget == nil {
					m.budget = h.memberBudget(nil)
				}
				for k, v := range limits {
					m.budget[k] = v
				}
			}
			if req.Role != "" {
				m.role = string(req.Role)
				if req.UserEmail != "" {
					m.email = req.UserEmail
				}
			}
			t.row.UpdatedAt = isoTime(h.now())
		}
		return map[string]any{
			"user_id": uid, "user_email": nilIfEmpty(req.UserEmail), "team_id": req.TeamID,
			"max_budget_in_team": body["max_budget_in_team"], "tpm_limit": body["tpm_limit"],
			"rpm_limit": body["rpm_limit"], "allowed_models": body["allowed_models"],
		}, nil
	})
}

// TeamMemberDelete serves POST /team/member_delete: it removes the member,
// its membership and its keys in the team.
func (h *handler) TeamMemberDelete(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.TeamMemberDeleteRequest](w, r)
	if !ok {
		return
	}
	if req.UserID == "" && req.UserEmail == "" {
		writeError(w, valueError("Either user id or user email must be provided", body))
		return
	}
	h.do(w, func() (any, *apiError) {
		t := h.teams[req.TeamID]
		if t == nil {
			return nil, errorDetail(http.StatusBadRequest, fmt.Sprintf("Team id=%s does not exist in db", req.TeamID))
		}
		if !teamAdminOf(p, t) {
			return nil, errorDetail(http.StatusForbidden, fmt.Sprintf(
				"Call not allowed. User not proxy admin OR team admin. route=/team/member_delete, team_id=%s", req.TeamID))
		}
		i := slices.IndexFunc(t.members, func(m teamMember) bool {
			if req.UserID != "" {
				return m.userID == req.UserID
			}
			return m.email != "" && m.email == req.UserEmail
		})
		if i < 0 {
			return nil, errorDetail(http.StatusBadRequest, "User not found in team")
		}
		uid := t.members[i].userID
		t.removeMember(uid)
		for _, k := range h.teamKeys(req.TeamID) {
			if val(k.row.UserID) == uid {
				delete(h.keys, k.token)
			}
		}
		// The proxy answers the row it read, with the new member list but
		// the old updated_at.
		return view(teamRowFields, h.teamRow(t)), nil
	})
}

// setTeamBlocked serves /team/block and /team/unblock.
func (h *handler) setTeamBlocked(w http.ResponseWriter, r *http.Request, blocked bool) {
	req, _, ok := decodeBody[gen.TeamBlockRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		t := h.teams[req.TeamID]
		if t == nil {
			return nil, errorDetail(http.StatusNotFound, "Team not found, passed team_id="+req.TeamID)
		}
		t.row.Blocked = blocked
		t.row.UpdatedAt = isoTime(h.now())
		return h.teamDBRow(t), nil
	})
}

// TeamBlock serves POST /team/block.
func (h *handler) TeamBlock(w http.ResponseWriter, r *http.Request) { h.setTeamBlocked(w, r, true) }

// TeamUnblock serves POST /team/unblock; unblocking a team that is not
// blocked is no error.
func (h *handler) TeamUnblock(w http.ResponseWriter, r *http.Request) { h.setTeamBlocked(w, r, false) }

// changeTeamModels serves /team/model/add and /team/model/delete.
func (h *handler) changeTeamModels(w http.ResponseWriter, r *http.Request, add bool) {
	p := infoOf(r).p
	req, _, ok := decodeBody[gen.TeamModelsRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		t := h.teams[req.TeamID]
		if t == nil {
			return nil, errorDetail(http.StatusNotFound, "Team not found, passed team_id="+req.TeamID)
		}
		if !teamAdminOf(p, t) {
			return nil, errorDetail(http.StatusForbidden, "Only proxy admin or team admin can modify team models")
		}
		var models []string
		if add {
			// An empty list means every model: adding to it keeps that
			// access as all-proxy-models. The proxy dedupes through a
			// set; the emulator sorts.
			models = slices.Clone(t.row.Models)
			if len(models) == 0 {
				models = []string{"all-proxy-models"}
			}
			models = append(models, req.Models...)
			slices.Sort(models)
			models = slices.Compact(models)
		} else {
			models = []string{}
			for _, m := range t.row.Models {
				if !slices.Contains(req.Models, m) {
					models = append(models, m)
				}
			}
		}
		t.row.Models = models
		t.row.UpdatedAt = isoTime(h.now())
		return h.teamDBRow(t), nil
	})
}

// TeamModelAdd serves POST /team/model/add.
func (h *handler) TeamModelAdd(w http.ResponseWriter, r *http.Request) {
	h.changeTeamModels(w, r, true)
}

// TeamModelDelete serves POST /team/model/delete; models the team does not
// have are ignored.
func (h *handler) TeamModelDelete(w http.ResponseWriter, r *http.Request) {
	h.changeTeamModels(w, r, false)
}

// TeamPermissionsList serves GET /team/permissions_list.
func (h *handler) TeamPermissionsList(w http.ResponseWriter, r *http.Request, params gen.TeamPermissionsListParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		id := val(params.TeamID)
		t := h.teams[id]
		if t == nil {
			return nil, errorDetail(http.StatusNotFound, fmt.Sprintf(
				"Team doesn't exist in db. Team=%s. Create team via `/team/new` call.", cmp.Or(id, "None")))
		}
		if !teamAdminOf(p, t) && t.memberRole(p.userID) == "" {
			return nil, errorDetail(http.StatusForbidden, fmt.Sprintf(
				"Call not allowed. User not proxy admin OR team admin. route=/team/member_add, team_id=%s", id))
		}
		perms := t.row.TeamMemberPermissions
		if perms == nil {
			perms = []string{}
		}
		return map[string]any{"team_id": id, "team_member_permissions": toAnySlice(perms),
			"all_available_permissions": toAnySlice(teamMemberPermissionRoutes)}, nil
	})
}

// TeamPermissionsUpdate serves POST /team/permissions_update. As the proxy
// does, it stores routes that are not in all_available_permissions too.
func (h *handler) TeamPermissionsUpdate(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, _, ok := decodeBody[gen.TeamPermissionsUpdateRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		t := h.teams[req.TeamID]
		if t == nil {
			return nil, errorDetail(http.StatusNotFound, fmt.Sprintf(
				"Team doesn't exist in db. Team=%s. Create team via `/team/new` call.", req.TeamID))
		}
		if !teamAdminOf(p, t) {
			return nil, errorDetail(http.StatusForbidden, fmt.Sprintf(
				"Call not allowed. User not proxy admin OR team admin. route=/team/permissions_update, team_id=%s", req.TeamID))
		}
		t.row.TeamMemberPermissions = slices.Clone(req.TeamMemberPermissions)
		t.row.UpdatedAt = isoTime(h.now())
		return view(teamRowFields, h.teamRow(t)), nil
	})
}

// activityMetrics are the counters of a day or of a breakdown entry.
type activityMetrics struct {
	spend                            float64
	prompt, completion, total, calls int
}

func (m *activityMetrics) add(row map[string]any) {
	num := func(k string) float64 { f, _ := row[k].(float64); i, _ := row[k].(int); return f + float64(i) }
	m.spend += num("spend")
	m.prompt += int(num("prompt_tokens"))
	m.completion += int(num("completion_tokens"))
	m.total += int(num("total_tokens"))
	m.calls++
}

func (m *activityMetrics) json() map[string]any {
	return map[string]any{"spend": m.spend, "prompt_tokens": m.prompt, "completion_tokens": m.completion,
		"cache_read_input_tokens": 0, "cache_creation_input_tokens": 0, "total_tokens": m.total,
		"successful_requests": m.calls, "failed_requests": 0, "api_requests": m.calls}
}

// activityGroup is a breakdown entry: its counters, per key too.
type activityGroup struct {
	m      activityMetrics
	byKey  map[string]*activityMetrics
	meta   map[string]any
	keyed  bool // has an api_key_breakdown
	keyMap map[string]map[string]any
}

// teamActivityDay aggregates the spend logs of one day.
type teamActivityDay struct {
	m      activityMetrics
	groups map[string]map[string]*activityGroup // dimension -> entry
}

// TeamDailyActivity serves GET /team/daily/activity from the spend logs
// the emulator books for its chat completions: per day (newest first) the
// counters and their breakdown by model, model group, provider, endpoint,
// key and team, paged by day.
func (h *handler) TeamDailyActivity(w http.ResponseWriter, r *http.Request, params gen.TeamDailyActivityParams) {
	h.do(w, func() (any, *apiError) {
		if params.StartDate == nil || params.EndDate == nil {
			return nil, errorDetail(http.StatusBadRequest, "Please provide start_date and end_date")
		}
		split := func(p *string) []string {
			if p == nil || *p == "" {
				return nil
			}
			return strings.Split(*p, ",")
		}
		teams, excluded := split(params.TeamIds), split(params.ExcludeTeamIds)
		days := map[string]*teamActivityDay{}
		for _, rec := range h.sortedSpend() {
			row := rec.row
			team, _ := row["team_id"].(string)
			day := rec.at.UTC().Format(time.DateOnly)
			if team == "" || (teams != nil && !slices.Contains(teams, team)) || slices.Contains(excluded, team) ||
				day < *params.StartDate || day > *params.EndDate {
				continue
			}
			if params.Model != nil && *params.Model != "" && row["model"] != *params.Model && row["model_group"] != *params.Model {
				continue
			}
			if params.APIKey != nil && *params.APIKey != "" && rec.key != spendHashKey(*params.APIKey) {
				continue
			}
			d := days[day]
			if d == nil {
				d = &teamActivityDay{groups: map[string]map[string]*activityGroup{}}
				days[day] = d
			}
			d.m.add(row)
			keyMeta := map[string]any{"key_alias": nilIfEmpty(rec.alias), "team_id": team}
			teamMeta := map[string]any{}
			if t := h.teams[team]; t != nil {
				teamMeta["team_alias"] = t.row.TeamAlias
			}
			model, _ := row["model"].(string)
			group, _ := row["model_group"].(string)
			provider, _ := row["custom_llm_provider"].(string)
			for _, e := range []struct {
				dim, name string
				meta      map[string]any
				keyed     bool
			}{
				{"models", model, map[string]any{}, true}, {"model_groups", group, map[string]any{}, true},
				{"providers", provider, map[string]any{}, true}, {"endpoints", "/chat/completions", map[string]any{}, true},
				{"api_keys", rec.key, keyMeta, false}, {"entities", team, teamMeta, true},
			} {
				dim := d.groups[e.dim]
				if dim == nil {
					dim = map[string]*activityGroup{}
					d.groups[e.dim] = dim
				}
				g := dim[e.name]
				if g == nil {
					g = &activityGroup{meta: e.meta, keyed: e.keyed, byKey: map[string]*activityMetrics{}, keyMap: map[string]map[string]any{}}
					dim[e.name] = g
				}
				g.m.add(row)
				if e.keyed {
					km := g.byKey[rec.key]
					if km == nil {
						km = &activityMetrics{}
						g.byKey[rec.key] = km
						g.keyMap[rec.key] = keyMeta
					}
					km.add(row)
				}
			}
		}
		dates := make([]string, 0, len(days))
		var total activityMetrics
		for day, d := range days {
			dates = append(dates, day)
			total.spend += d.m.spend
			total.prompt += d.m.prompt
			total.completion += d.m.completion
			total.total += d.m.total
			total.calls += d.m.calls
		}
		slices.Sort(dates)
		slices.Reverse(dates)
		page, size := pageParams(params.Page, params.PageSize, 10)
		pageDates, pages := paginate(dates, page, size)
		results := make([]any, 0, len(pageDates))
		for _, day := range pageDates {
			d := days[day]
			breakdown := map[string]any{"mcp_servers": map[string]any{}}
			for _, dim := range []string{"models", "model_groups", "providers", "endpoints", "api_keys", "entities"} {
				out := map[string]any{}
				for name, g := range d.groups[dim] {
					entry := map[string]any{"metrics": g.m.json(), "metadata": g.meta}
					if g.keyed {
						keys := map[string]any{}
						for k, km := range g.byKey {
							keys[k] = map[string]any{"metrics": km.json(), "metadata": g.keyMap[k]}
						}
						entry["api_key_breakdown"] = keys
					}
					out[name] = entry
				}
				breakdown[dim] = out
			}
			results = append(results, map[string]any{"date": day, "metrics": d.m.json(), "breakdown": breakdown})
		}
		return map[string]any{"results": results, "metadata": map[string]any{
			"total_spend": total.spend, "total_prompt_tokens": total.prompt, "total_completion_tokens": total.completion,
			"total_tokens": total.total, "total_api_requests": total.calls, "total_successful_requests": total.calls,
			"total_failed_requests": 0, "total_cache_read_input_tokens": 0, "total_cache_creation_input_tokens": 0,
			"page": page, "total_pages": pages, "has_more": page < pages,
		}}, nil
	})
}
