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

// The proxy has two kinds of access group (issue 14, family 8):
//
//   - model access groups (/access_group/*, model_access_group_management_endpoints.py):
//     a name in the model_info.access_groups of database deployments. There
//     is no table; a group exists while a deployment carries it.
//   - unified access groups (/v1/access_group, and its alias
//     /v1/unified_access_group; access_group_endpoints.py): rows of
//     LiteLLM_AccessGroupTable that grant models, MCP servers and agents to
//     teams and keys.
//
// A key, team or user whose models list a model access group may call
// every model group one of whose deployments (config file or database)
// carries it (accessGroupGrants). The emulator does not mirror a unified
// group onto the access_group_ids of its teams and keys, and does not grant
// a unified group's models through them.

// accessGroupState is the emulator's state for model access groups (issue 14, family 8). h.mu guards it.
type accessGroupState struct {
	unified map[string]*unifiedAccessGroup // by access_group_id
}

// unifiedAccessGroup is a LiteLLM_AccessGroupTable row.
type unifiedAccessGroup struct {
	seq                  int64
	id, name             string
	description          *string
	models, mcp, agents  []string
	teams, keys          []string
	createdAt, updatedAt time.Time
	createdBy, updatedBy string
}

// accessGroupRouteClass is the route class of this family's operations:
// none of the routes is in a list of the route checks, so every one is a
// proxy admin route (a non-admin key gets the route checks' 401 before the
// endpoints' own admin checks run).
func accessGroupRouteClass(opID string) (int, bool) {
	switch strings.ToLower(opID) {
	case "accessgroupnew", "accessgrouplist", "accessgroupinfo", "accessgroupupdate", "accessgroupdelete",
		"accessgroupv1list", "accessgroupv1create", "accessgroupv1get", "accessgroupv1update", "accessgroupv1delete",
		"unifiedaccessgrouplist", "unifiedaccessgroupcreate", "unifiedaccessgroupget", "unifiedaccessgroupupdate",
		"unifiedaccessgroupdelete":
		return routeAdmin, true
	}
	return 0, false
}

// accessGroupNoDB is the answer of this family's routes on a proxy without
// a database. POST /access_group/new validates its body first (the handler
// answers it); the other model access group routes check the database
// first; the unified routes answer get_prisma_client_or_throw's error.
func (h *handler) accessGroupNoDB(opID string) *apiError {
	switch strings.ToLower(opID) {
	case "accessgrouplist", "accessgroupinfo", "accessgroupupdate", "accessgroupdelete":
		return detailErr(http.StatusInternalServerError, map[string]any{"error": "Database not connected."})
	case "accessgroupv1list", "accessgroupv1create", "accessgroupv1get", "accessgroupv1update", "accessgroupv1delete",
		"unifiedaccessgrouplist", "unifiedaccessgroupcreate", "unifiedaccessgroupget", "unifiedaccessgroupupdate",
		"unifiedaccessgroupdelete":
		msg := dbSeeDocs
		if h.is106() {
			msg = dbSeeDocsN
		}
		return detailErr(http.StatusInternalServerError, map[string]any{"error": msg})
	}
	return nil
}

// ----------------------------------------------------------------------------
// Model access groups: /access_group/*.

// agErr is the {"detail": {"error": msg}} of the model access group routes.
func agErr(status int, msg string) *apiError {
	return detailErr(status, map[string]any{"error": msg})
}

// deploymentAccessGroups is the model_info.access_groups of d.
func deploymentAccessGroups(d *deployment) []string {
	var out []string
	switch v := d.info["access_groups"].(type) {
	case []any:
		for _, g := range v {
			if s, ok := g.(string); ok {
				out = append(out, s)
			}
		}
	case []string:
		out = append(out, v...)
	}
	return out
}

// setDeploymentAccessGroups stores groups as d's model_info.access_groups.
func (h *handler) setDeploymentAccessGroups(d *deployment, groups []string) {
	list := make([]any, len(groups))
	for i, g := range groups {
		list[i] = g
	}
	d.info["access_groups"] = list
	d.updatedAt = isoTime(h.now())
}

// tagDeployment adds group to d; it reports whether d changed.
func (h *handler) tagDeployment(d *deployment, group string) bool {
	groups := deploymentAccessGroups(d)
	if slices.Contains(groups, group) {
		return false
	}
	h.setDeploymentAccessGroups(d, append(groups, group))
	return true
}

// untagDeployment removes group from d; it reports whether d changed.
func (h *handler) untagDeployment(d *deployment, group string) bool {
	groups := deploymentAccessGroups(d)
	i := slices.Index(groups, group)
	if i < 0 {
		return false
	}
	h.setDeploymentAccessGroups(d, slices.Delete(groups, i, i+1))
	return true
}

// modelAccessGroup is an access group as get_all_access_groups_from_db
// builds it from the database deployments.
type modelAccessGroup struct {
	name        string
	modelNames  []string
	deployments int
}

// modelAccessGroups returns every access group of the database
// deployments, by name. h.mu must be held.
func (h *handler) modelAccessGroups() map[string]*modelAccessGroup {
	out := map[string]*modelAccessGroup{}
	for _, d := range h.deployments {
		if !d.inDB() {
			continue
		}
		for _, g := range deploymentAccessGroups(d) {
			ag := out[g]
			if ag == nil {
				ag = &modelAccessGroup{name: g}
				out[g] = ag
			}
			if !slices.Contains(ag.modelNames, d.name) {
				ag.modelNames = append(ag.modelNames, d.name)
			}
			ag.deployments++
		}
	}
	for _, ag := range out {
		slices.Sort(ag.modelNames)
	}
	return out
}

// view renders an access group as AccessGroupInfo; 1.106 adds the group's
// spend and shared budget (the emulator has no access group budgets).
func (h *handler) modelAccessGroupView(ag *modelAccessGroup) map[string]any {
	out := map[string]any{"access_group": ag.name, "model_names": ag.modelNames, "deployment_count": ag.deployments}
	if h.is106() {
		out["spend"], out["budget"] = 0.0, nil
	}
	return out
}

// missingModels are the names in names that are no model group of the
// router (config file and database models). h.mu must be held.
func (h *handler) missingModels(names []string) []string {
	groups := h.groups()
	var missing []string
	for _, n := range names {
		if !slices.Contains(groups, n) {
			missing = append(missing, n)
		}
	}
	return missing
}

// tagAccessGroup adds group to the deployments that ids names (when
// non-empty) or to every database deployment of names, and returns how many
// changed. A model without a database deployment is an error: 1.88 finds
// it after tagging the models before it, 1.106 checks every name first.
// h.mu must be held.
func (h *handler) tagAccessGroup(group string, names, ids []string) (int, *apiError) {
	n := 0
	if len(ids) > 0 {
		for _, id := range ids {
			d := h.deploymentByID(id)
			if d == nil || !d.inDB() {
				return n, agErr(http.StatusBadRequest, fmt.Sprintf("Deployment with model_id '%s' not found in Database.", id))
			}
			if h.tagDeployment(d, group) {
				n++
			}
		}
		return n, nil
	}
	dbDeployments := func(name string) []*deployment {
		var out []*deployment
		for _, d := range h.deployments {
			if d.inDB() && d.name == name {
				out = append(out, d)
			}
		}
		return out
	}
	notInDB := func(name string) *apiError {
		return agErr(http.StatusBadRequest, fmt.Sprintf(
			"Can't find model '%s' in Database. Access group management is only supported for database models.", name))
	}
	if h.is106() {
		for _, name := range names {
			if len(dbDeployments(name)) == 0 {
				return 0, notInDB(name)
			}
		}
	}
	for _, name := range names {
		ds := dbDeployments(name)
		if len(ds) == 0 {
			return n, notInDB(name)
		}
		for _, d := range ds {
			if h.tagDeployment(d, group) {
				n++
			}
		}
	}
	return n, nil
}

// modelAccessGroupChange is the NewModelGroupResponse: the request's lists
// as sent (null when absent).
func modelAccessGroupChange(group string, body map[string]any, n int) map[string]any {
	return map[string]any{"access_group": group, "model_names": body["model_names"], "model_ids": body["model_ids"], "models_updated": n}
}

// AccessGroupNew is POST /access_group/new.
func (h *handler) AccessGroupNew(w http.ResponseWriter, r *http.Request) {
	req, body, ok := decodeBody[gen.ModelAccessGroupNewRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if strings.TrimSpace(req.AccessGroup) == "" {
			return nil, agErr(http.StatusBadRequest, "access_group is required and cannot be empty")
		}
		if len(req.ModelNames) == 0 && len(req.ModelIds) == 0 {
			return nil, agErr(http.StatusBadRequest, "Either model_names or model_ids must be provided and non-empty")
		}
		if len(req.ModelIds) == 0 {
			if missing := h.missingModels(req.ModelNames); len(missing) > 0 {
				return nil, agErr(http.StatusBadRequest, "Model(s) not found: "+strings.Join(missing, ", "))
			}
		}
		if h.cfg.noDB {
			return nil, agErr(http.StatusInternalServerError, "Database not connected. Cannot create access group.")
		}
		if h.modelAccessGroups()[req.AccessGroup] != nil {
			return nil, agErr(http.StatusConflict, fmt.Sprintf(
				"Access group '%s' already exists. Use PUT /access_group/%s/update to modify it.", req.AccessGroup, req.AccessGroup))
		}
		n, e := h.tagAccessGroup(req.AccessGroup, req.ModelNames, req.ModelIds)
		if e != nil {
			return nil, e
		}
		return modelAccessGroupChange(req.AccessGroup, body, n), nil
	})
}

// AccessGroupList is GET /access_group/list: sorted by name, not paged.
func (h *handler) AccessGroupList(w http.ResponseWriter, r *http.Request) {
	h.do(w, func() (any, *apiError) {
		groups := h.modelAccessGroups()
		names := make([]string, 0, len(groups))
		for n := range groups {
			names = append(names, n)
		}
		slices.Sort(names)
		list := make([]any, 0, len(names))
		for _, n := range names {
			list = append(list, h.modelAccessGroupView(groups[n]))
		}
		return map[string]any{"access_groups": list}, nil
	})
}

// modelAccessGroupNotFound is the 404 of an unknown model access group.
func modelAccessGroupNotFound(group string) *apiError {
	return agErr(http.StatusNotFound, fmt.Sprintf("Access group '%s' not found", group))
}

// AccessGroupInfo is GET /access_group/{access_group}/info.
func (h *handler) AccessGroupInfo(w http.ResponseWriter, r *http.Request, accessGroup string) {
	h.do(w, func() (any, *apiError) {
		ag := h.modelAccessGroups()[accessGroup]
		if ag == nil {
			return nil, modelAccessGroupNotFound(accessGroup)
		}
		return h.modelAccessGroupView(ag), nil
	})
}

// AccessGroupUpdate is PUT /access_group/{access_group}/update: the group
// leaves every database deployment, then is added as /access_group/new adds it.
func (h *handler) AccessGroupUpdate(w http.ResponseWriter, r *http.Request, accessGroup string) {
	req, body, ok := decodeBody[gen.ModelAccessGroupUpdateRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if len(req.ModelNames) == 0 && len(req.ModelIds) == 0 {
			return nil, agErr(http.StatusBadRequest, "Either model_names or model_ids must be provided and non-empty")
		}
		if h.modelAccessGroups()[accessGroup] == nil {
			return nil, modelAccessGroupNotFound(accessGroup)
		}
		if len(req.ModelIds) == 0 {
			if missing := h.missingModels(req.ModelNames); len(missing) > 0 {
				return nil, agErr(http.StatusBadRequest, "Model(s) not found: "+strings.Join(missing, ", "))
			}
		}
		for _, d := range h.deployments {
			if d.inDB() {
				h.untagDeployment(d, accessGroup)
			}
		}
		n, e := h.tagAccessGroup(accessGroup, req.ModelNames, req.ModelIds)
		if e != nil {
			return nil, e
		}
		return modelAccessGroupChange(accessGroup, body, n), nil
	})
}

// AccessGroupDelete is DELETE /access_group/{access_group}/delete.
func (h *handler) AccessGroupDelete(w http.ResponseWriter, r *http.Request, accessGroup string) {
	h.do(w, func() (any, *apiError) {
		if h.modelAccessGroups()[accessGroup] == nil {
			return nil, modelAccessGroupNotFound(accessGroup)
		}
		n := 0
		for _, d := range h.deployments {
			if d.inDB() && h.untagDeployment(d, accessGroup) {
				n++
			}
		}
		return map[string]any{
			"access_group": accessGroup, "models_updated": n,
			"message": fmt.Sprintf("Access group '%s' deleted successfully", accessGroup),
		}, nil
	})
}

// ----------------------------------------------------------------------------
// Unified access groups: /v1/access_group and /v1/unified_access_group.

// unifiedMap returns the unified access groups, made on first use. h.mu must be held.
func (h *handler) unifiedMap() map[string]*unifiedAccessGroup {
	if h.accessGroups.unified == nil {
		h.accessGroups.unified = map[string]*unifiedAccessGroup{}
	}
	return h.accessGroups.unified
}

// unifiedByName finds a unified access group by name. h.mu must be held.
func (h *handler) unifiedByName(name string) *unifiedAccessGroup {
	for _, g := range h.unifiedMap() {
		if g.name == name {
			return g
		}
	}
	return nil
}

// unifiedNotFound is the 404 of an unknown unified access group (a plain
// string detail, unlike the model access group routes).
func unifiedNotFound(id string) *apiError {
	return detailErr(http.StatusNotFound, fmt.Sprintf("Access group '%s' not found", id))
}

// unifiedExists is the 409 of a name in use.
func unifiedExists(name string) *apiError {
	return detailErr(http.StatusConflict, fmt.Sprintf("Access group '%s' already exists", name))
}

// requireTeams is 1.106's check that every assigned team exists. h.mu must be held.
func (h *handler) requireTeams(ids []string) *apiError {
	if !h.is106() {
		return nil
	}
	var missing []string
	for _, id := range ids {
		if h.teams[id] == nil && !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	slices.Sort(missing)
	return detailErr(http.StatusBadRequest, "Unknown team ids: "+strings.Join(missing, ", "))
}

// agList is list, or an empty list for nil.
func agList(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// unifiedView renders g as AccessGroupResponse. 1.106 drops assigned teams
// that no longer exist and names every resource ({id, name}: the MCP
// server's alias or name, the team's alias, the key's alias; agents are
// unknown to the emulator). h.mu must be held.
func (h *handler) unifiedView(g *unifiedAccessGroup) map[string]any {
	teams := agList(g.teams)
	out := map[string]any{
		"access_group_id": g.id, "access_group_name": g.name, "description": g.description,
		"access_model_names": agList(g.models), "access_mcp_server_ids": agList(g.mcp),
		"access_agent_ids": agList(g.agents), "assigned_team_ids": teams,
		"assigned_key_ids": agList(g.keys), "created_at": spendTime(g.createdAt), "created_by": g.createdBy,
		"updated_at": spendTime(g.updatedAt), "updated_by": g.updatedBy,
	}
	if !h.is106() {
		return out
	}
	teams = slices.DeleteFunc(slices.Clone(teams), func(id string) bool { return h.teams[id] == nil })
	out["assigned_team_ids"] = teams
	label := func(ids []string, name func(string) *string) []any {
		list := []any{}
		for _, id := range ids {
			list = append(list, map[string]any{"id": id, "name": name(id)})
		}
		return list
	}
	out["access_mcp_servers"] = label(g.mcp, func(id string) *string {
		if s := h.mcp.servers[id]; s != nil {
			if n := cmp.Or(s.row.Alias, s.row.ServerName); n != "" {
				return &n
			}
		}
		return nil
	})
	out["access_agents"] = label(g.agents, func(string) *string { return nil })
	out["assigned_teams"] = label(teams, func(id string) *string { return h.teams[id].row.TeamAlias })
	out["assigned_keys"] = label(g.keys, func(token string) *string {
		if k := h.keys[token]; k != nil && k.row.KeyAlias != nil && *k.row.KeyAlias != "" {
			return k.row.KeyAlias
		}
		return nil
	})
	return out
}

// unifiedCreate is POST /v1/access_group and its alias: HTTP 201.
func (h *handler) unifiedCreate(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.AccessGroupCreateRequest](w, r)
	if !ok {
		return
	}
	var out map[string]any
	e := func() *apiError {
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.unifiedByName(req.AccessGroupName) != nil {
			return unifiedExists(req.AccessGroupName)
		}
		if e := h.requireTeams(req.AssignedTeamIds); e != nil {
			return e
		}
		now, by := h.now(), callerID(p)
		g := &unifiedAccessGroup{
			seq: h.nextSeq(), id: h.uuid(), name: req.AccessGroupName, description: optString(body, "description"),
			models: req.AccessModelNames, mcp: req.AccessMcpServerIds, agents: req.AccessAgentIds,
			teams: req.AssignedTeamIds, keys: req.AssignedKeyIds,
			createdAt: now, updatedAt: now, createdBy: by, updatedBy: by,
		}
		h.unifiedMap()[g.id] = g
		out = h.unifiedView(g)
		return nil
	}()
	if e != nil {
		writeError(w, e)
		return
	}
	writeJSON(w, http.StatusCreated, out)
}

// unifiedList is GET /v1/access_group and its alias: newest first.
func (h *handler) unifiedList(w http.ResponseWriter) {
	h.do(w, func() (any, *apiError) {
		var list []*unifiedAccessGroup
		for _, g := range h.unifiedMap() {
			list = append(list, g)
		}
		slices.SortFunc(list, func(a, b *unifiedAccessGroup) int { return cmp.Compare(b.seq, a.seq) })
		out := make([]any, 0, len(list))
		for _, g := range list {
			out = append(out, h.unifiedView(g))
		}
		return out, nil
	})
}

// unifiedGet is GET /v1/access_group/{access_group_id} and its alias.
func (h *handler) unifiedGet(w http.ResponseWriter, id string) {
	h.do(w, func() (any, *apiError) {
		g := h.unifiedMap()[id]
		if g == nil {
			return nil, unifiedNotFound(id)
		}
		return h.unifiedView(g), nil
	})
}

// unifiedUpdate is PUT /v1/access_group/{access_group_id} and its alias:
// the members the body holds change (a null list becomes empty).
func (h *handler) unifiedUpdate(w http.ResponseWriter, r *http.Request, id string) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.AccessGroupUpdateRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		g := h.unifiedMap()[id]
		if g == nil {
			return nil, unifiedNotFound(id)
		}
		if req.AssignedTeamIds != nil {
			if e := h.requireTeams(*req.AssignedTeamIds); e != nil {
				return nil, e
			}
		}
		if name := optString(body, "access_group_name"); name != nil {
			if other := h.unifiedByName(*name); other != nil && other != g {
				return nil, unifiedExists(*name)
			}
			g.name = *name
		}
		if _, ok := body["description"]; ok {
			g.description = optString(body, "description")
		}
		for field, list := range map[string]struct {
			dst *[]string
			src *[]string
		}{
			"access_model_names": {&g.models, req.AccessModelNames}, "access_mcp_server_ids": {&g.mcp, req.AccessMcpServerIds},
			"access_agent_ids": {&g.agents, req.AccessAgentIds}, "assigned_team_ids": {&g.teams, req.AssignedTeamIds},
			"assigned_key_ids": {&g.keys, req.AssignedKeyIds},
		} {
			if _, ok := body[field]; ok {
				*list.dst = agList(val(list.src))
			}
		}
		g.updatedAt, g.updatedBy = h.now(), callerID(p)
		return h.unifiedView(g), nil
	})
}

// unifiedDelete is DELETE /v1/access_group/{access_group_id} and its
// alias: HTTP 204 without a body.
func (h *handler) unifiedDelete(w http.ResponseWriter, id string) {
	h.mu.Lock()
	groups := h.unifiedMap()
	found := groups[id] != nil
	delete(groups, id)
	h.mu.Unlock()
	if !found {
		writeError(w, unifiedNotFound(id))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNoContent)
}

// AccessGroupV1List is GET /v1/access_group.
func (h *handler) AccessGroupV1List(w http.ResponseWriter, r *http.Request) { h.unifiedList(w) }

// AccessGroupV1Create is POST /v1/access_group.
func (h *handler) AccessGroupV1Create(w http.ResponseWriter, r *http.Request) { h.unifiedCreate(w, r) }

// AccessGroupV1Get is GET /v1/access_group/{access_group_id}.
func (h *handler) AccessGroupV1Get(w http.ResponseWriter, r *http.Request, id string) {
	h.unifiedGet(w, id)
}

// AccessGroupV1Update is PUT /v1/access_group/{access_group_id}.
func (h *handler) AccessGroupV1Update(w http.ResponseWriter, r *http.Request, id string) {
	h.unifiedUpdate(w, r, id)
}

// AccessGroupV1Delete is DELETE /v1/access_group/{access_group_id}.
func (h *handler) AccessGroupV1Delete(w http.ResponseWriter, r *http.Request, id string) {
	h.unifiedDelete(w, id)
}

// UnifiedAccessGroupList is GET /v1/unified_access_group.
func (h *handler) UnifiedAccessGroupList(w http.ResponseWriter, r *http.Request) { h.unifiedList(w) }

// UnifiedAccessGroupCreate is POST /v1/unified_access_group.
func (h *handler) UnifiedAccessGroupCreate(w http.ResponseWriter, r *http.Request) {
	h.unifiedCreate(w, r)
}

// UnifiedAccessGroupGet is GET /v1/unified_access_group/{access_group_id}.
func (h *handler) UnifiedAccessGroupGet(w http.ResponseWriter, r *http.Request, id string) {
	h.unifiedGet(w, id)
}

// UnifiedAccessGroupUpdate is PUT /v1/unified_access_group/{access_group_id}.
func (h *handler) UnifiedAccessGroupUpdate(w http.ResponseWriter, r *http.Request, id string) {
	h.unifiedUpdate(w, r, id)
}

// UnifiedAccessGroupDelete is DELETE /v1/unified_access_group/{access_group_id}.
func (h *handler) UnifiedAccessGroupDelete(w http.ResponseWriter, r *http.Request, id string) {
	h.unifiedDelete(w, id)
}

// accessGroupGrants reports whether one of models is a model access group
// that a deployment of the model group model carries (the proxy's
// _check_model_access_helper with router.get_model_access_groups). h.mu
// must be held.
func (h *handler) accessGroupGrants(models []string, model string) bool {
	for _, d := range h.deployments {
		if d.name != model {
			continue
		}
		for _, g := range deploymentAccessGroups(d) {
			if slices.Contains(models, g) {
				return true
			}
		}
	}
	return false
}
