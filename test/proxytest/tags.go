package proxytest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/gen"
)

// tagRec is a LiteLLM_TagTable row. seq orders /tag/list as the real
// proxy's unordered find_many comes back from PostgreSQL: an updated row
// moves to the end.
type tagRec struct {
	seq                  int64
	name                 string
	description          any // string or nil
	models               []string
	modelInfo            map[string]any
	createdAt, updatedAt string
	createdBy            any // string or nil
	budgetID             string
}

// tagRouteClass is the route class of the tag routes: /tag/list is open
// to internal users and admin viewers too (the endpoint scopes it), the
// others are admin routes.
func tagRouteClass(opID string) (class int, ok bool) {
	switch strings.ToLower(opID) {
	case "taglist":
		return routeSelfManaged, true
	case "tagnew", "tagupdate", "taginfo", "tagdelete":
		return routeAdmin, true
	}
	return 0, false
}

// tagNoDB is the no-database answer of the tag routes (after body
// validation), or nil.
func (h *handler) tagNoDB(opID string) *apiError {
	switch strings.ToLower(opID) {
	case "tagnew":
		// CommonProxyErrors.db_not_connected_error.
		if h.is106() {
			return detailErr(http.StatusInternalServerError, dbSeeDocsN)
		}
		return detailErr(http.StatusInternalServerError, dbSeeDocs)
	case "tagupdate", "taginfo", "taglist", "tagdelete":
		return detailErr(http.StatusInternalServerError, "Database not connected")
	}
	return nil
}

// tagErr is an error the tag endpoints raise inside their try block: the
// proxy catches its own HTTPException and raises HTTP 500 with the detail
// "<status>: <detail>".
func tagErr(status int, detail string) *apiError {
	return detailErr(http.StatusInternalServerError, fmt.Sprintf("%d: %s", status, detail))
}

// tags returns the tag table. h.mu must be held.
func (h *handler) tags() map[string]*tagRec {
	pl := h.platform()
	if pl.tags == nil {
		pl.tags = map[string]*tagRec{}
	}
	return pl.tags
}

// tagConfig renders a tag as TagConfig (/tag/new, /tag/update).
func tagConfig(t *tagRec) map[string]any {
	models := []any{}
	for _, m := range t.models {
		models = append(models, m)
	}
	return map[string]any{
		"name": t.name, "description": t.description, "models": models, "model_info": deepCopy(t.modelInfo),
		"created_at": t.createdAt, "updated_at": t.updatedAt, "created_by": t.createdBy,
	}
}

// tagRow renders a tag as /tag/info and /tag/list do: TagConfig and, when
// the tag has a budget, its full row. h.mu must be held.
func (h *handler) tagRow(t *tagRec) map[string]any {
	row := tagConfig(t)
	if b := h.budgetView(t.budgetID, budgetFullFields); b != nil {
		row["litellm_budget_table"] = b
	}
	return row
}

// tagModelInfo is the proxy's _get_model_names: the names of the models
// stored in the database whose ids are in models. h.mu must be held.
func (h *handler) tagModelInfo(models []string) map[string]any {
	info := map[string]any{}
	for _, d := range h.deployments {
		if d.inDB() && slices.Contains(models, d.id) {
			info[d.id] = d.name
		}
	}
	return info
}

// tagDeployments adds the tag to the litellm_params.tags of the
// deployments that models name (by id, else by model name), as the proxy
// does after storing the tag. A deployment that is not stored in the
// database (one from the config) fails the call, although the tag stays
// created. h.mu must be held.
func (h *handler) tagDeployments(tag string, models []string) *apiError {
	for _, m := range models {
		var ds []*deployment
		for _, d := range h.deployments {
			if d.id == m {
				ds = []*deployment{d}
				break
			}
		}
		if ds == nil {
			for _, d := range h.deployments {
				if d.name == m {
					ds = append(ds, d)
				}
			}
		}
		for _, d := range ds {
			if !d.inDB() {
				return tagErr(http.StatusNotFound, fmt.Sprintf("Model %s not found in database", d.id))
			}
			tags, _ := d.params["tags"].([]any)
			if !slices.Contains(tags, any(tag)) {
				d.params["tags"] = append(tags, tag)
			}
		}
	}
	return nil
}

// budgetFieldsOf returns the budget fields a tag request sets
// (model_dump(exclude_none) filtered by LiteLLM_BudgetTable's fields).
func budgetFieldsOf(body map[string]any) map[string]any {
	out := map[string]any{}
	for _, f := range budgetLimitFields {
		if v, ok := body[f]; ok && v != nil {
			out[f] = v
		}
	}
	return out
}

// tagBudget is the proxy's handle_budget_for_entity: the budget id the tag
// keeps, creating or updating a budget with the request's budget fields.
// h.mu must be held.
func (h *handler) tagBudget(p *principal, existing, requested string, fields map[string]any) string {
	if existing == "" {
		switch {
		case requested != "":
			return requested
		case len(fields) > 0:
			// A budget made from LiteLLM_BudgetTable(**fields): no reset
			// time unless the request has one.
			b := h.newBudget("", fields, callerID(p))
			b.row.BudgetResetAt = nil
			_, _ = setColumn(&b.row, "budget_reset_at", fields["budget_reset_at"])
			return b.row.BudgetID
		}
		return ""
	}
	if len(fields) > 0 {
		if b := h.platform().budgets[existing]; b != nil {
			h.setBudgetLimits(b, fields)
			b.touch(h.now(), callerID(p))
		}
	}
	if requested != "" && requested != existing {
		return requested
	}
	return existing
}

// TagNew is POST /tag/new.
func (h *handler) TagNew(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.TagNewRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		tags := h.tags()
		if tags[req.Name] != nil {
			return nil, tagErr(http.StatusBadRequest, fmt.Sprintf("Tag %s already exists", req.Name))
		}
		now := isoTime(h.now())
		var createdBy any
		if p.userID != "" {
			createdBy = p.userID
		}
		t := &tagRec{
			seq: h.nextSeq(), name: req.Name, description: body["description"],
			models: append([]string{}, req.Models...), modelInfo: h.tagModelInfo(req.Models),
			createdAt: now, updatedAt: now, createdBy: createdBy,
		}
		t.budgetID = h.tagBudget(p, "", req.BudgetID, budgetFieldsOf(body))
		tags[req.Name] = t
		if e := h.tagDeployments(req.Name, req.Models); e != nil {
			return nil, e
		}
		return map[string]any{"message": fmt.Sprintf("Tag %s created successfully", req.Name), "tag": tagConfig(t)}, nil
	})
}

// TagUpdate is POST /tag/update. As the proxy, it replaces description
// and models with the request's: absent ones become null and [].
func (h *handler) TagUpdate(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.TagUpdateRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		t := h.tags()[req.Name]
		if t == nil {
			return nil, tagErr(http.StatusNotFound, fmt.Sprintf("Tag %s not found", req.Name))
		}
		t.budgetID = h.tagBudget(p, t.budgetID, req.BudgetID, budgetFieldsOf(body))
		t.description = body["description"]
		t.models = append([]string{}, req.Models...)
		t.modelInfo = h.tagModelInfo(req.Models)
		t.updatedAt = isoTime(h.now())
		t.seq = h.nextSeq()
		return map[string]any{"message": fmt.Sprintf("Tag %s updated successfully", req.Name), "tag": tagConfig(t)}, nil
	})
}

// TagInfo is POST /tag/info: the named tags by name; one unknown name
// fails the call.
func (h *handler) TagInfo(w http.ResponseWriter, r *http.Request) {
	req, _, ok := decodeBody[gen.TagInfoRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		tags := h.tags()
		var missing []string
		for _, n := range req.Names {
			if tags[n] == nil {
				missing = append(missing, n)
			}
		}
		if len(missing) > 0 {
			return nil, tagErr(http.StatusNotFound, "Tags not found: "+pyList(missing))
		}
		out := map[string]any{}
		for _, n := range req.Names {
			out[n] = h.tagRow(tags[n])
		}
		return out, nil
	})
}

// TagList is GET /tag/list: the stored tags. The emulator keeps no daily
// tag spend, so there are no dynamic tags. Internal users get LiteLLM
// 1.88.0's own failure (its key lookup passes Prisma an argument it does
// not take), and on 1.106.12 only the stored tags their keys produced:
// none.
func (h *handler) TagList(w http.ResponseWriter, r *http.Request, params gen.TagListParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		if (params.StartDate == nil) != (params.EndDate == nil) {
			return nil, detailErr(http.StatusBadRequest, "start_date and end_date must be provided together")
		}
		if params.StartDate != nil {
			start, err := parseDay(*params.StartDate)
			bad := *params.StartDate
			var end time.Time
			if err == nil {
				end, err = parseDay(*params.EndDate)
				bad = *params.EndDate
			}
			if err != nil {
				return nil, detailErr(http.StatusBadRequest, fmt.Sprintf(
					"Invalid date format, expected YYYY-MM-DD: time data %s does not match format '%%Y-%%m-%%d'", pyRepr(bad)))
			}
			if start.After(end) {
				return nil, detailErr(http.StatusBadRequest, "start_date must be on or before end_date")
			}
		}
		switch p.role {
		case "proxy_admin", "proxy_admin_viewer", "":
		case "internal_user", "internal_user_viewer":
			if !h.is106() {
				return nil, detailErr(http.StatusInternalServerError,
					"LiteLLM_VerificationTokenActions.find_many() got an unexpected keyword argument 'select'")
			}
			return []any{}, nil
		default:
			return nil, adminRouteErr(p, "/tag/list")
		}
		list := make([]*tagRec, 0, len(h.tags()))
		for _, t := range h.tags() {
			list = append(list, t)
		}
		slices.SortFunc(list, func(a, b *tagRec) int { return int(a.seq - b.seq) })
		out := make([]any, len(list))
		for i, t := range list {
			out[i] = h.tagRow(t)
		}
		return out, nil
	})
}

// TagDelete is POST /tag/delete. The tag's budget stays.
func (h *handler) TagDelete(w http.ResponseWriter, r *http.Request) {
	req, _, ok := decodeBody[gen.TagDeleteRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		tags := h.tags()
		if tags[req.Name] == nil {
			return nil, tagErr(http.StatusNotFound, fmt.Sprintf("Tag %s not found", req.Name))
		}
		delete(tags, req.Name)
		return map[string]any{"message": fmt.Sprintf("Tag %s deleted successfully", req.Name)}, nil
	})
}

// parseDay parses a YYYY-MM-DD date.
func parseDay(s string) (time.Time, error) { return time.Parse(time.DateOnly, s) }
