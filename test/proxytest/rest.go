package proxytest

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"

	"github.com/litellm-go/proxyclient/gen"
	"github.com/litellm-go/proxyclient/internal/pyrepr"
)

// The rest of families 1-7 (issue 14): team, key, user and model group
// operations. They work on the keys, users and teams of the other files
// and keep no state of their own.

// restRouteClass is the route class of this family's operations.
func restRouteClass(opID string) (int, bool) {
	switch strings.ToLower(opID) {
	// KeyManagementRoutes: internal users pass the route check, the
	// endpoint checks the caller.
	case "keyresetspend", "keybulkupdate", "keygenerateserviceaccount", "teamkeybulkupdate":
		return routeKeyMgmt, true
	case "teammemberme": // self_managed_routes
		return routeSelfManaged, true
	case "userbulkupdate", "teampermissionsbulkupdate", // management_routes: proxy admins
		// In no list of the route checks: proxy admins.
		"teambulkmemberadd", "teamcallbacksget", "teamcallbackadd", "teamdisablelogging", "modelgroupmakepublic",
		"userdailyactivityaggregated", // management_routes, not self_managed_routes as /user/daily/activity
		"useravailableusers":          // admin_viewer_routes
		return routeAdmin, true
	}
	return 0, false
}

// restNoDB is the answer of this family's routes on a proxy without a
// database (the same on 1.88.0 and 1.106.12 unless noted).
func (h *handler) restNoDB(opID string) *apiError {
	switch strings.ToLower(opID) {
	case "keyresetspend":
		return errorDetail(http.StatusInternalServerError, "DB not connected. prisma_client is None")
	case "keybulkupdate", "userbulkupdate", "teamkeybulkupdate":
		return errorDetail(http.StatusInternalServerError, "Database not connected")
	case "teammemberme":
		return errorDetail(http.StatusInternalServerError, dbConnect)
	case "modelgroupmakepublic": // the no-database config does not store models in the database either
		return errorDetail(http.StatusInternalServerError, storeModelInDB)
	case "teamcallbacksget", "teamdisablelogging", "teampermissionsbulkupdate":
		return errorDetail(http.StatusInternalServerError, "No db connected")
	case "teambulkmemberadd", "teamcallbackadd", "keygenerateserviceaccount", "userdailyactivityaggregated",
		"useravailableusers":
		if h.is106() {
			return errorDetail(http.StatusInternalServerError, dbSeeDocsN)
		}
		return errorDetail(http.StatusInternalServerError, dbSeeDocs)
	}
	return nil
}

// KeyResetSpend serves POST /key/{key}/reset_spend: the key is looked up
// (a value with "sk" in it is hashed first), reset_to is checked against its
// spend and budgets, and only then the caller (a proxy admin or an admin of
// the key's team), as in the proxy.
func (h *handler) KeyResetSpend(w http.ResponseWriter, r *http.Request, key string, _ gen.KeyResetSpendParams) {
	p := infoOf(r).p
	_, body, ok := decodeBody[gen.KeyResetSpendRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		token := key
		if strings.Contains(key, "sk") {
			token = hashKey(key)
		}
		k := h.keys[token]
		if k == nil {
			return nil, errorDetail(http.StatusNotFound, fmt.Sprintf("Key %s not found.", redactRef(key)))
		}
		resetTo, isNum := num(body["reset_to"])
		if !isNum {
			return nil, errorDetail(http.StatusBadRequest, "reset_to must be a float")
		}
		if resetTo < 0 {
			return nil, errorDetail(http.StatusBadRequest, "reset_to must be >= 0")
		}
		current := k.row.Spend
		if resetTo > current {
			return nil, errorDetail(http.StatusBadRequest, fmt.Sprintf("reset_to (%s) must be <= current spend (%s)", pyFloat(resetTo), pyFloat(current)))
		}
		maxBudget := k.row.MaxBudget
		if b := h.platform().budgets[val(k.row.BudgetID)]; b != nil && b.row.MaxBudget != nil {
			if maxBudget == nil || *b.row.MaxBudget < *maxBudget {
				maxBudget = b.row.MaxBudget
			}
		}
		if maxBudget != nil && resetTo > *maxBudget {
			return nil, errorDetail(http.StatusBadRequest, fmt.Sprintf("reset_to (%s) must be <= budget (%s)", pyFloat(resetTo), pyFloat(*maxBudget)))
		}
		if !p.admin && !h.isTeamAdminOf(p, k) {
			return nil, errorDetail(http.StatusForbidden, "You must be a proxy admin or team admin to reset key spend")
		}
		k.row.Spend = resetTo
		k.touch(h.now(), changedBy(r, p))
		return map[string]any{
			"key_hash": token, "spend": resetTo, "previous_spend": current,
			"max_budget": deref(k.row.MaxBudget), "budget_reset_at": deref(k.row.BudgetResetAt),
		}, nil
	})
}

// KeyBulkUpdate serves POST /key/bulk_update (proxy admins): each item is
// a /key/update of budget_id, max_budget, team_id and tags; an item that
// fails is listed with the reason (and the key's row, when it exists) and
// does not stop the others.
func (h *handler) KeyBulkUpdate(w http.ResponseWriter, r *http.Request, _ gen.KeyBulkUpdateParams) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.KeyBulkUpdateRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if !p.admin {
			return nil, errorDetail(http.StatusForbidden, "Only proxy admins can perform bulk key updates")
		}
		if len(req.Keys) == 0 {
			return nil, errorDetail(http.StatusBadRequest, "No keys provided for update")
		}
		if len(req.Keys) > 500 {
			return nil, errorDetail(http.StatusBadRequest, fmt.Sprintf("Maximum 500 keys can be updated at once. Found %d keys.", len(req.Keys)))
		}
		items, _ := body["keys"].([]any)
		done, failed := []any{}, []any{}
		for i, item := range req.Keys {
			fields := map[string]any{}
			if raw, isMap := items[i].(map[string]any); isMap {
				for _, f := range []string{"budget_id", "max_budget", "team_id", "tags"} {
					if v, set := raw[f]; set && v != nil {
						fields[f] = v
					}
				}
			}
			info, reason := h.updateKeyFields(r, p, item.Key, fields)
			if reason != "" {
				var row any
				if k := h.findKey(item.Key); k != nil {
					row = keyInfoRow(k)
				}
				failed = append(failed, map[string]any{"key": item.Key, "key_info": row, "failed_reason": reason})
				continue
			}
			done = append(done, map[string]any{"key": item.Key, "key_info": info})
		}
		return map[string]any{"total_requested": len(req.Keys), "successful_updates": done, "failed_updates": failed}, nil
	})
}

// updateKeyFields is one key update of the bulk routes: it returns the
// updated row (no token), or the reason it failed. h.mu must be held.
func (h *handler) updateKeyFields(r *http.Request, p *principal, ref string, fields map[string]any) (map[string]any, string) {
	if mb, isNum := num(fields["max_budget"]); isNum && mb < 0 {
		return nil, fmt.Sprintf("max_budget cannot be negative. Received: %s", pyFloat(mb))
	}
	k := h.findKey(ref)
	if k == nil {
		return nil, "Key not found."
	}
	if !h.canManageKey(p, k) {
		return nil, "You are not authorized to update this key"
	}
	if team, set := fields["team_id"]; set && h.teams[str(team)] == nil {
		return nil, fmt.Sprintf("Team doesn't exist in db. Team=%s. Create team via `/team/new` call.", str(team))
	}
	if e := h.applyKeyFields(k, fields); e != nil {
		return nil, apiErrorMessage(e)
	}
	k.touch(h.now(), changedBy(r, p))
	return keyInfoRow(k), ""
}

// apiErrorMessage is the message a bulk route lists for an error: the
// "error" of a {"detail": {"error": ...}} or the message of a
// ProxyException, as the proxy's loops take it.
func apiErrorMessage(e *apiError) string {
	switch b := e.body.(type) {
	case *errorEnvelope:
		// An HTTPException(detail={"error": msg}) the emulator renders as
		// /key/update's ProxyException, whose message is the printed dict:
		// the bulk loop reads the detail's "error" itself.
		if v, ok := pyrepr.Parse(b.Error.Message); ok {
			if m, ok := v.(map[string]any); ok && len(m) == 1 {
				if msg, ok := m["error"].(string); ok {
					return msg
				}
			}
		}
		return b.Error.Message
	case gen.DetailError:
		if m, ok := b.Detail.(map[string]any); ok {
			return str(m["error"])
		}
		return str(b.Detail)
	}
	return http.StatusText(e.status)
}

// UserBulkUpdate serves POST /user/bulk_update: users, each a /user/update
// (an upsert) that may fail on its own, or all_users with user_updates,
// the same fields for every user (newest first).
func (h *handler) UserBulkUpdate(w http.ResponseWriter, r *http.Request, _ gen.UserBulkUpdateParams) {
	req, body, ok := decodeBody[gen.UserBulkUpdateRequest](w, r)
	if !ok {
		return
	}
	items, _ := body["users"].([]any)
	for i, u := range req.Users {
		if u.UserID == "" && u.UserEmail == "" {
			writeError(w, h.bodyValueError([]any{"body", "users", i}, "Either user id or user email must be provided", items[i]))
			return
		}
	}
	updates, _ := body["user_updates"].(map[string]any)
	h.do(w, func() (any, *apiError) {
		results := []any{}
		okN, failedN := 0, 0
		switch {
		case req.AllUsers && updates != nil:
			users := make([]*userRec, 0, len(h.users))
			for _, u := range h.users {
				users = append(users, u)
			}
			if len(users) == 0 {
				return nil, errorDetail(http.StatusBadRequest, "No users found to update")
			}
			if len(users) > 500 {
				return nil, errorDetail(http.StatusBadRequest, fmt.Sprintf("Maximum 500 users can be updated at once. Found %d users.", len(users)))
			}
			slices.SortFunc(users, func(a, b *userRec) int { return int(b.seq - a.seq) })
			fields := map[string]any{}
			for f, v := range updates {
				if f != "user_id" && f != "user_email" && v != nil {
					fields[f] = v
				}
			}
			for _, u := range users {
				if e := applyUserFields(u, fields); e != nil {
					return nil, errorDetail(http.StatusInternalServerError, apiErrorMessage(e))
				}
				u.row.UpdatedAt = isoTime(h.now())
				updated := deepCopyMap(fields)
				updated["user_id"] = u.row.UserID
				results = append(results, map[string]any{"user_id": u.row.UserID, "user_email": deref(u.row.UserEmail),
					"success": true, "error": nil, "updated_user": updated})
				okN++
			}
		case len(req.Users) > 0:
			if len(req.Users) > 500 {
				return nil, errorDetail(http.StatusBadRequest, fmt.Sprintf("Maximum 500 users can be updated at once. Found %d users.", len(req.Users)))
			}
			for i, u := range req.Users {
				fields, _ := items[i].(map[string]any)
				res, e := h.updateUser(u.UserID, u.UserEmail, fields)
				if e != nil {
					results = append(results, map[string]any{"user_id": nilIfEmpty(u.UserID), "user_email": nilIfEmpty(u.UserEmail),
						"success": false, "error": apiErrorMessage(e), "updated_user": nil})
					failedN++
					continue
				}
				results = append(results, map[string]any{"user_id": res["user_id"], "user_email": nilIfEmpty(u.UserEmail),
					"success": true, "error": nil, "updated_user": res})
				okN++
			}
		default:
			return nil, errorDetail(http.StatusBadRequest,
				"Must specify either 'users' for individual updates or 'all_users=True' with 'user_updates' for bulk updates")
		}
		return map[string]any{"results": results, "total_requested": okN + failedN, "successful_updates": okN, "failed_updates": failedN}, nil
	})
}

// TeamBulkMemberAdd serves POST /team/bulk_member_add: one /team/member_add
// of all the members (every user, newest first, as role user, with
// all_users). When it fails, every member is a failed result with the
// error as Python prints the exception, and the answer is still 200.
func (h *handler) TeamBulkMemberAdd(w http.ResponseWriter, r *http.Request) {
	ri := infoOf(r)
	p := ri.p
	req, body, ok := decodeBody[gen.TeamBulkMemberAddRequest](w, r)
	if !ok {
		return
	}
	var members []gen.Member
	if v, set := body["members"]; set && v != nil {
		ms, ae := parseMembers(v)
		if ae != nil {
			writeError(w, ae)
			return
		}
		members = ms
	}
	h.do(w, func() (any, *apiError) {
		if req.AllUsers {
			if !p.admin {
				return nil, errorDetail(http.StatusForbidden,
					"`all_users=true` is restricted to PROXY_ADMIN. Org/team admins must specify explicit member lists.")
			}
			users := make([]*userRec, 0, len(h.users))
			for _, u := range h.users {
				users = append(users, u)
			}
			slices.SortFunc(users, func(a, b *userRec) int { return int(b.seq - a.seq) })
			members = members[:0]
			for _, u := range users {
				members = append(members, gen.Member{UserID: u.row.UserID, UserEmail: val(u.row.UserEmail), Role: gen.MemberRoleUser})
			}
		}
		if len(members) == 0 {
			return nil, errorDetail(http.StatusBadRequest, "At least one member is required")
		}
		if len(members) > 500 {
			return nil, errorDetail(http.StatusBadRequest, "Maximum 500 members can be added at once")
		}
		results := make([]any, 0, len(members))
		team, e := h.addTeamMembers(ri.route, p, req.TeamID, members, body["max_budget_in_team"])
		if e != nil {
			for _, m := range members {
				results = append(results, map[string]any{"user_id": nilIfEmpty(m.UserID), "user_email": nilIfEmpty(m.UserEmail),
					"success": false, "error": pyExceptionStr(e), "updated_user": nil, "updated_team_membership": nil})
			}
			return map[string]any{"team_id": req.TeamID, "results": results, "total_requested": len(members),
				"successful_additions": 0, "failed_additions": len(members), "updated_team": nil}, nil
		}
		users, _ := team["updated_users"].([]any)
		memberships, _ := team["updated_team_memberships"].([]any)
		for _, m := range members {
			var user, membership any
			for _, u := range users {
				um, _ := u.(map[string]any)
				if (m.UserID != "" && um["user_id"] == m.UserID) || (m.UserEmail != "" && um["user_email"] == m.UserEmail) {
					user = um
					break
				}
			}
			for _, tm := range memberships {
				if mm, _ := tm.(map[string]any); m.UserID != "" && mm["user_id"] == m.UserID {
					membership = mm
					break
				}
			}
			results = append(results, map[string]any{"user_id": nilIfEmpty(m.UserID), "user_email": nilIfEmpty(m.UserEmail),
				"success": true, "error": nil, "updated_user": user, "updated_team_membership": membership})
		}
		return map[string]any{"team_id": req.TeamID, "results": results, "total_requested": len(members),
			"successful_additions": len(results), "failed_additions": 0, "updated_team": team}, nil
	})
}

// pyExceptionStr is str() of the exception behind e, as a bulk route
// reports it: "STATUS: DETAIL" for an HTTPException, "" for a
// ProxyException (which keeps no args).
func pyExceptionStr(e *apiError) string {
	d, ok := e.body.(gen.DetailError)
	if !ok {
		return ""
	}
	switch v := d.Detail.(type) {
	case map[string]any:
		if len(v) == 1 {
			if msg, ok := v["error"].(string); ok {
				return fmt.Sprintf("%d: %s", e.status, pyDict("error", msg))
			}
		}
	case string:
		return fmt.Sprintf("%d: %s", e.status, v)
	}
	return fmt.Sprintf("%d: %v", e.status, d.Detail)
}

// bodyValueError is pydantic's 422 for a model validator's ValueError at
// loc, as the version sends it.
func (h *handler) bodyValueError(loc []any, msg string, input any) *apiError {
	return h.publicValidation(&apiError{status: http.StatusUnprocessableEntity, body: gen.DetailError{Detail: []any{map[string]any{
		"type": "value_error", "loc": loc, "msg": "Value error, " + msg, "input": input, "ctx": map[string]any{"error": map[string]any{}},
	}}}})
}

// callbackVarNames are the names StandardCallbackDynamicParams declares,
// the callback variables a team callback may set, by version.
func (h *handler) callbackVarNames() []string {
	names := []string{"langfuse_public_key", "langfuse_secret", "langfuse_secret_key", "langfuse_host", "langfuse_prompt_version",
		"gcs_bucket_name", "gcs_path_service_account", "langsmith_api_key", "langsmith_project", "langsmith_base_url",
		"langsmith_sampling_rate", "langsmith_tenant_id", "humanloop_api_key", "arize_api_key", "arize_space_key", "arize_space_id",
		"posthog_api_key", "posthog_api_url", "wandb_api_key", "weave_project_id", "turn_off_message_logging", "litellm_disabled_callbacks"}
	if h.is106() {
		names = append(names, "langfuse_environment", "langfuse_span_scope", "arize_success_sampling_rate", "arize_error_sampling_rate",
			"arize_otlp_protocol", "dd_api_key", "dd_site", "dd_agent_host", "dd_agent_port", "newrelic_api_key", "newrelic_region",
			"signoz_ingestion_endpoint", "signoz_ingestion_key")
	}
	return names
}

// teamCallbackSettings is the team's metadata.callback_settings as
// TeamCallbackMetadata reads it.
func teamCallbackSettings(t *teamRec) (success, failure []any, vars map[string]any) {
	cs, _ := t.row.Metadata["callback_settings"].(map[string]any)
	success, failure, vars = []any{}, []any{}, map[string]any{}
	if v, ok := cs["success_callback"].([]any); ok {
		success = v
	}
	if v, ok := cs["failure_callback"].([]any); ok {
		failure = v
	}
	if v, ok := cs["callback_vars"].(map[string]any); ok {
		vars = v
	}
	return success, failure, vars
}

// TeamCallbacksGet serves GET /team/{team_id}/callback: the team's
// metadata.callback_settings (not the metadata.logging POST adds to).
func (h *handler) TeamCallbacksGet(w http.ResponseWriter, r *http.Request, teamID string) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		t := h.teams[teamID]
		if t == nil {
			return nil, errorDetail(http.StatusNotFound, fmt.Sprintf("Team id = %s does not exist.", teamID))
		}
		if !teamAdminOf(p, t) {
			return nil, detailErr(http.StatusForbidden, "You do not have access to this team")
		}
		success, failure, vars := teamCallbackSettings(t)
		return map[string]any{"status": "success", "data": map[string]any{
			"team_id": teamID, "success_callbacks": success, "failure_callbacks": failure, "callback_vars": vars,
		}}, nil
	})
}

// TeamCallbackAdd serves POST /team/{team_id}/callback: the callback is
// appended to metadata.logging with its variables encrypted (an opaque
// stand-in here); a second one of the same name and type is refused.
func (h *handler) TeamCallbackAdd(w http.ResponseWriter, r *http.Request, teamID string, _ gen.TeamCallbackAddParams) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.TeamCallbackAddRequest](w, r)
	if !ok {
		return
	}
	valid := h.callbackVarNames()
	for k, v := range req.CallbackVars {
		if !slices.Contains(valid, k) {
			quoted := make([]string, len(valid))
			for i, n := range valid {
				quoted[i] = pyRepr(n)
			}
			writeError(w, h.bodyValueError([]any{"body"}, fmt.Sprintf("Invalid callback variable: %s. Must be one of {%s}", k, strings.Join(quoted, ", ")), body))
			return
		}
		if strings.Contains(v, "os.environ/") {
			writeError(w, h.bodyValueError([]any{"body"}, fmt.Sprintf("Callback param '%s' (from key/team callback metadata) contains an 'os.environ/' "+
				"reference. Environment references in request-supplied parameters are no longer resolved server-side for security reasons.\n"+
				"To resolve:\n  1. Remove the 'os.environ/' reference from your request body / metadata.\n"+
				"  2. Either (a) configure this callback value in your proxy config.yaml under 'litellm_settings' / 'general_settings', or "+
				"(b) pass the resolved secret value directly in the request.\nSee https://docs.litellm.ai/docs/proxy/logging for server-side "+
				"callback configuration.", k), body))
			return
		}
	}
	typ := string(req.CallbackType)
	if typ == "" {
		typ = "success_and_failure"
	}
	h.do(w, func() (any, *apiError) {
		t := h.teams[teamID]
		if t == nil {
			return nil, errorDetail(http.StatusBadRequest, fmt.Sprintf("Team id = %s does not exist. Please use a different team id.", teamID))
		}
		if !teamAdminOf(p, t) {
			return nil, detailErr(http.StatusForbidden, "You do not have access to this team")
		}
		logging, _ := t.row.Metadata["logging"].([]any)
		for _, c := range logging {
			if m, _ := c.(map[string]any); m["callback_name"] == req.CallbackName && m["callback_type"] == typ {
				return nil, proxyErr(http.StatusBadRequest, "bad_request_error", "callback_name", fmt.Sprintf(
					"callback_name = %s already exists in team_callback_settings, for team_id = %s and event = %s", req.CallbackName, teamID, typ))
			}
		}
		vars := map[string]any{}
		for k, v := range req.CallbackVars {
			vars[k] = v
		}
		logging = append(logging, map[string]any{"callback_name": req.CallbackName, "callback_type": typ, "callback_vars": encrypted(vars)})
		if t.row.Metadata == nil {
			t.row.Metadata = map[string]any{}
		}
		t.row.Metadata["logging"] = logging
		t.row.UpdatedAt = isoTime(h.now())
		return map[string]any{"status": "success", "data": h.teamDBRow(t)}, nil
	})
}

// TeamDisableLogging serves POST /team/{team_id}/disable_logging: the
// success and failure callbacks of metadata.callback_settings are emptied.
func (h *handler) TeamDisableLogging(w http.ResponseWriter, r *http.Request, teamID string, _ gen.TeamDisableLoggingParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		t := h.teams[teamID]
		if t == nil {
			return nil, errorDetail(http.StatusNotFound, fmt.Sprintf("Team id = %s does not exist.", teamID))
		}
		if !teamAdminOf(p, t) {
			return nil, detailErr(http.StatusForbidden, "You do not have access to this team")
		}
		_, _, vars := teamCallbackSettings(t)
		cs, _ := t.row.Metadata["callback_settings"].(map[string]any)
		callbacks, ok := cs["callbacks"].([]any)
		if !ok {
			callbacks = []any{}
		}
		if t.row.Metadata == nil {
			t.row.Metadata = map[string]any{}
		}
		t.row.Metadata["callback_settings"] = map[string]any{"success_callback": []any{}, "failure_callback": []any{},
			"callbacks": callbacks, "callback_vars": vars}
		t.row.UpdatedAt = isoTime(h.now())
		return map[string]any{"status": "success", "message": "Logging disabled for team " + teamID, "data": map[string]any{
			"team_id": teamID, "success_callbacks": []any{}, "failure_callbacks": []any{},
		}}, nil
	})
}

// TeamMemberMe serves GET /team/{team_id}/members/me: the calling key's
// user's membership (by user id, or by email for a member added by email).
func (h *handler) TeamMemberMe(w http.ResponseWriter, r *http.Request, teamID string) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		if p.userID == "" {
			return nil, errorDetail(http.StatusBadRequest, "API key has no associated user_id; cannot resolve 'me' for team membership.")
		}
		t := h.teams[teamID]
		if t == nil {
			return nil, errorDetail(http.StatusNotFound, fmt.Sprintf("Team doesn't exist in db. Team=%s. Create team via `/team/new` call.", teamID))
		}
		var email string
		u := h.users[p.userID]
		if u != nil {
			email = val(u.row.UserEmail)
		}
		var me *teamMember
		for i, m := range t.members {
			if (m.userID != "" && m.userID == p.userID) || (m.email != "" && email != "" && m.email == email) {
				me = &t.members[i]
				break
			}
		}
		if me == nil {
			return nil, errorDetail(http.StatusNotFound, fmt.Sprintf("User user_id=%s is not a member of team_id=%s.", p.userID, teamID))
		}
		out := map[string]any{"user_id": p.userID, "team_id": teamID, "team_alias": deref(t.row.TeamAlias), "role": me.role,
			"user_email": nilIfEmpty(email), "spend": 0.0, "total_spend": 0.0, "budget_id": nil, "litellm_budget_table": nil}
		if me.budget != nil {
			out["budget_id"] = me.budget["budget_id"]
			out["litellm_budget_table"] = deepCopyMap(me.budget)
		}
		return out, nil
	})
}

// KeyGenerateServiceAccount serves POST /key/service-account/generate: a
// key of the team team_id (which must exist) and of no user. As in the
// proxy, a user_id in the body is checked (it must be in the team) and then
// dropped, and a caller other than a proxy admin must be in the team.
func (h *handler) KeyGenerateServiceAccount(w http.ResponseWriter, r *http.Request, _ gen.KeyGenerateServiceAccountParams) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.KeyGenerateRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if req.TeamID == "" {
			return nil, detailErr(http.StatusBadRequest, "team_id is required for service account keys. Please specify `team_id` in the request body.")
		}
		t := h.teams[req.TeamID]
		if t == nil {
			return nil, detailErr(http.StatusBadRequest, "team_id does not exist in the database. Please specify a valid `team_id` in the request body.")
		}
		if req.UserID != "" && t.memberRole(req.UserID) == "" {
			return nil, detailErr(http.StatusBadRequest, fmt.Sprintf("User=%s not assigned to team=%s", req.UserID, req.TeamID))
		}
		if !p.admin && t.memberRole(p.userID) == "" {
			return nil, detailErr(http.StatusBadRequest, fmt.Sprintf("User=%s not assigned to team=%s", cmpOrNone(p.userID), req.TeamID))
		}
		delete(body, "user_id")
		return h.generateKey(r, p, req.Key, body)
	})
}

// cmpOrNone is s, or Python's None when s is empty.
func cmpOrNone(s string) string {
	if s == "" {
		return "None"
	}
	return s
}

// UserDailyActivityAggregated is GET /user/daily/activity/aggregated: the
// daily activity of /user/daily/activity over the whole range (one page)
// and summed over the users, so the breakdown names no entities: every
// user's, or user_id's.
func (h *handler) UserDailyActivityAggregated(w http.ResponseWriter, _ *http.Request, params gen.UserDailyActivityAggregatedParams) {
	h.do(w, func() (any, *apiError) {
		if params.StartDate == nil || params.EndDate == nil {
			return nil, errorDetail(http.StatusBadRequest, "Please provide start_date and end_date")
		}
		// Only proxy admins get here (the route is an admin route), so
		// the endpoint's own checks of other callers do not apply.
		var ids []string
		if userID := val(params.UserID); userID != "" {
			ids = []string{userID}
		}
		res, e := h.dailyActivity(activityFilter{
			entity: func(s *spendLogRec) string { return str(s.row["user"]) },
			ids:    ids, start: *params.StartDate, end: *params.EndDate, model: val(params.Model), apiKey: val(params.APIKey),
			page: 1, size: math.MaxInt32,
		})
		if e != nil {
			return nil, e
		}
		out, _ := res.(map[string]any)
		days, _ := out["results"].([]any)
		for _, d := range days {
			if bd, ok := jsonMember(d, "breakdown").(map[string]any); ok {
				bd["entities"] = map[string]any{}
			}
		}
		if md, ok := out["metadata"].(map[string]any); ok {
			md["page"], md["total_pages"], md["has_more"] = 1, 1, false
		}
		return out, nil
	})
}

// jsonMember is v[k] of a JSON-like object, or nil.
func jsonMember(v any, k string) any {
	m, _ := v.(map[string]any)
	return m[k]
}

// UserAvailableUsers is GET /user/available_users (an Enterprise route
// that open-source proxies serve too): the users and teams counted (1.106
// leaves out users SCIM deactivated, metadata.scim_active false) and no
// licence limits, as a proxy without a licence and without SSO answers.
func (h *handler) UserAvailableUsers(w http.ResponseWriter, _ *http.Request) {
	h.do(w, func() (any, *apiError) {
		users := 0
		for _, u := range h.users {
			if h.is106() && u.row.Metadata["scim_active"] == false {
				continue
			}
			users++
		}
		return map[string]any{"total_users": nil, "total_teams": nil, "total_users_used": users, "total_teams_used": len(h.teams),
			"total_teams_remaining": nil, "total_users_remaining": nil}, nil
	})
}

// keyManagementRoutes are the values of the proxy's KeyManagementRoutes,
// the permissions a team may grant its members, by version.
func (h *handler) keyManagementRoutes() []string {
	routes := []string{"/key/generate", "/key/update", "/key/delete", "/key/regenerate", "/key/service-account/generate",
		"/key/{key_id}/regenerate", "/key/block", "/key/unblock", "/key/bulk_update", "/team/key/bulk_update",
		"/key/{key_id}/reset_spend", "/key/access_group_assignment"}
	if h.is106() {
		routes = append(routes, "/auto_router/manage")
	}
	routes = append(routes, "/key/info", "/key/health", "/key/list", "/key/aliases", "/team/daily/activity")
	if h.is106() {
		routes = append(routes, "/team/daily/activity/aggregated")
	}
	return append(routes, "/spend/logs", "/spend/logs/v2")
}

// enumError is pydantic's 422 for a value not among values, at loc.
func (h *handler) enumError(loc []any, input any, values []string) *apiError {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "'" + v + "'"
	}
	expected := strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
	return h.publicValidation(&apiError{status: http.StatusUnprocessableEntity, body: gen.DetailError{Detail: []any{map[string]any{
		"type": "enum", "loc": loc, "msg": "Input should be " + expected, "input": input, "ctx": map[string]any{"expected": expected},
	}}}})
}

// TeamPermissionsBulkUpdate serves POST /team/permissions_bulk_update:
// the permissions are merged into the teams' team_member_permissions
// (sorted); teams that have them all already are not counted.
func (h *handler) TeamPermissionsBulkUpdate(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, _, ok := decodeBody[gen.TeamPermissionsBulkUpdateRequest](w, r)
	if !ok {
		return
	}
	valid := h.keyManagementRoutes()
	for i, perm := range req.Permissions {
		if !slices.Contains(valid, perm) {
			writeError(w, h.enumError([]any{"body", "permissions", i}, perm, valid))
			return
		}
	}
	h.do(w, func() (any, *apiError) {
		if !p.admin {
			return nil, errorDetail(http.StatusForbidden, "Only proxy admins can bulk-update team permissions")
		}
		if len(req.Permissions) == 0 {
			return map[string]any{"message": "No permissions provided", "teams_updated": 0, "permissions_appended": nil}, nil
		}
		if !req.ApplyToAllTeams && len(req.TeamIds) == 0 {
			return nil, errorDetail(http.StatusBadRequest, "Must provide team_ids or set apply_to_all_teams=true")
		}
		if req.ApplyToAllTeams && len(req.TeamIds) > 0 {
			return nil, errorDetail(http.StatusBadRequest, "Cannot set both apply_to_all_teams=true and team_ids")
		}
		var teams []*teamRec
		if len(req.TeamIds) > 0 {
			var missing []string
			for _, id := range req.TeamIds {
				if t := h.teams[id]; t != nil {
					if !slices.Contains(teams, t) {
						teams = append(teams, t)
					}
				} else if !slices.Contains(missing, id) {
					missing = append(missing, id)
				}
			}
			if len(missing) > 0 {
				slices.Sort(missing)
				return nil, errorDetail(http.StatusNotFound, "Team(s) not found: "+pyList(missing))
			}
		} else {
			for _, t := range h.teams {
				teams = append(teams, t)
			}
		}
		updated := 0
		for _, t := range teams {
			merged := slices.Clone(t.row.TeamMemberPermissions)
			for _, perm := range req.Permissions {
				if !slices.Contains(merged, perm) {
					merged = append(merged, perm)
				}
			}
			if len(merged) == len(t.row.TeamMemberPermissions) {
				continue
			}
			slices.Sort(merged)
			merged = slices.Compact(merged)
			t.row.TeamMemberPermissions = merged
			t.row.UpdatedAt = isoTime(h.now())
			updated++
		}
		return map[string]any{"message": "Team permissions updated successfully", "teams_updated": updated,
			"permissions_appended": toAnySlice(req.Permissions)}, nil
	})
}

// TeamKeyBulkUpdate serves POST /team/key/bulk_update: update_fields on
// the keys key_ids of the team (or all its keys neither blocked nor
// expired), each a /key/update that may fail on its own; a key not in the
// team is a failed update. Callers other than proxy admins must be admins
// of the team, or members the team lets call /key/update.
func (h *handler) TeamKeyBulkUpdate(w http.ResponseWriter, r *http.Request, _ gen.TeamKeyBulkUpdateParams) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.TeamKeyBulkUpdateRequest](w, r)
	if !ok {
		return
	}
	switch {
	case len(req.KeyIds) > 0 && req.AllKeysInTeam:
		writeError(w, h.bodyValueError([]any{"body"}, "Provide either `key_ids` or `all_keys_in_team=True`, not both.", body))
		return
	case len(req.KeyIds) == 0 && !req.AllKeysInTeam:
		writeError(w, h.bodyValueError([]any{"body"}, "Must provide either `key_ids` (non-empty) or `all_keys_in_team=True`.", body))
		return
	}
	fields, _ := body["update_fields"].(map[string]any)
	h.do(w, func() (any, *apiError) {
		if req.TeamID == "" {
			return nil, errorDetail(http.StatusBadRequest, "team_id is required")
		}
		if len(req.KeyIds) > 500 {
			return nil, errorDetail(http.StatusBadRequest, fmt.Sprintf("Maximum 500 keys can be updated at once. Found %d key_ids.", len(req.KeyIds)))
		}
		var requested []string
		inTeam := map[string]*keyRec{}
		if req.AllKeysInTeam {
			var keys []*keyRec
			for _, k := range h.keys {
				if val(k.row.TeamID) == req.TeamID && !val(k.row.Blocked) && (k.expires == nil || k.expires.After(h.now())) {
					keys = append(keys, k)
				}
			}
			if len(keys) > 500 {
				return nil, errorDetail(http.StatusBadRequest, fmt.Sprintf(
					"Team %s has more than 500 keys. Use `key_ids` to update in batches of 500.", req.TeamID))
			}
			slices.SortFunc(keys, func(a, b *keyRec) int { return strings.Compare(a.token, b.token) })
			for _, k := range keys {
				requested = append(requested, k.token)
				inTeam[k.token] = k
			}
		} else {
			seen := map[string]bool{}
			for _, ref := range req.KeyIds {
				token := ref
				if strings.HasPrefix(ref, "sk-") {
					token = hashKey(ref)
				}
				if seen[token] {
					continue
				}
				seen[token] = true
				requested = append(requested, ref)
				if k := h.keys[token]; k != nil && val(k.row.TeamID) == req.TeamID {
					inTeam[token] = k
				}
			}
		}
		if !p.admin {
			if e := h.teamKeyUpdateAllowed(p, req.TeamID); e != nil {
				return nil, e
			}
		}
		if len(requested) == 0 {
			return nil, errorDetail(http.StatusNotFound, "No keys found for team "+req.TeamID)
		}
		done, failed := []any{}, []any{}
		for _, ref := range requested {
			token := ref
			if strings.HasPrefix(ref, "sk-") {
				token = hashKey(ref)
			}
			k := inTeam[token]
			if k == nil {
				failed = append(failed, map[string]any{"key": ref, "key_info": nil, "failed_reason": "Key not found in team " + req.TeamID})
				continue
			}
			upd := deepCopyMap(fields)
			upd["team_id"] = req.TeamID
			info, reason := h.updateKeyFields(r, &principal{admin: true, userID: p.userID, role: p.role}, k.token, upd)
			if reason != "" {
				failed = append(failed, map[string]any{"key": ref, "key_info": keyInfoRow(k), "failed_reason": reason})
				continue
			}
			done = append(done, map[string]any{"key": ref, "key_info": info})
		}
		return map[string]any{"total_requested": len(requested), "successful_updates": done, "failed_updates": failed}, nil
	})
}

// baselineTeamMemberPermissions are the routes every team member may call
// (BASELINE_TEAM_MEMBER_PERMISSIONS).
var baselineTeamMemberPermissions = []string{"/key/info", "/key/health"}

// teamKeyUpdateAllowed is can_team_member_execute_key_management_endpoint
// for /key/update on the team teamID, for a caller who is no proxy admin.
// h.mu must be held.
func (h *handler) teamKeyUpdateAllowed(p *principal, teamID string) *apiError {
	t := h.teams[teamID]
	if t == nil {
		return errorDetail(http.StatusNotFound, fmt.Sprintf("Team doesn't exist in db. Team=%s. Create team via `/team/new` call.", teamID))
	}
	switch t.memberRole(p.userID) {
	case "admin":
		return nil
	case "":
		return proxyErr(http.StatusUnauthorized, "team_member_permission_error", "/key/update", fmt.Sprintf(
			"User %s does not belong to team %s. Team-scoped key management endpoints can only be used for keys in your own team.", cmpOrNone(p.userID), teamID))
	}
	perms := append(slices.Clone(t.row.TeamMemberPermissions), baselineTeamMemberPermissions...)
	if slices.Contains(perms, "/key/update") {
		return nil
	}
	perms = slices.Compact(perms)
	return proxyErr(http.StatusUnauthorized, "team_member_permission_error", "/key/update", fmt.Sprintf(
		"Team member does not have permissions for endpoint: /key/update. You only have access to the following endpoints: %s for team %s. "+
			"To create keys for this team, please ask your proxy admin to check the team member permission settings and update the settings to allow team member users to create keys.",
		pyList(perms), teamID))
}

// storeModelInDB is the proxy's refusal of a route that needs
// store_model_in_db.
const storeModelInDB = "Set `'STORE_MODEL_IN_DB='True'` in your env to enable this feature."

// ModelGroupMakePublic serves POST /model_group/make_public: the public
// model groups become model_groups (not checked against the model list).
// Only /public/model_hub, which the spec does not have, shows them, so the
// emulator keeps nothing.
func (h *handler) ModelGroupMakePublic(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, _, ok := decodeBody[gen.ModelGroupMakePublicRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if h.cfg.noModelStore {
			return nil, errorDetail(http.StatusInternalServerError, storeModelInDB)
		}
		return map[string]any{"message": "Successfully updated public model groups",
			"public_model_groups": toAnySlice(req.ModelGroups), "updated_by": nilIfEmpty(p.userID)}, nil
	})
}
