package proxytest

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/gen"
)

// Team guardrail submissions (guardrail_endpoints.py: register_guardrail,
// list/get_guardrail_submission, approve/reject_guardrail_submission): a
// team submits a generic_guardrail_api guardrail, which waits in the
// guardrails table as pending_review until a proxy admin approves it
// (active: listed and run like any other) or rejects it.

// timeOrNil is f(t), or nil for the zero time.
func timeOrNil(t time.Time, f func(time.Time) string) any {
	if t.IsZero() {
		return nil
	}
	return f(t)
}

// callerTeamIDs are the teams of the caller's user (_get_user_team_ids).
// h.mu must be held.
func (h *handler) callerTeamIDs(p *principal) []string {
	if p == nil || p.userID == "" {
		return nil
	}
	return h.userTeams(p.userID)
}

// guardrailAdminView reports whether the caller sees every team's
// submissions (_user_has_admin_view: proxy admins and admin viewers).
func guardrailAdminView(p *principal) bool {
	return p == nil || p.admin || p.role == "proxy_admin_viewer"
}

// guardrailVisible reports whether the v2 list shows the row to the
// caller: a row without a team to everyone, a team's row to admins and the
// team's members. h.mu must be held.
func (h *handler) guardrailVisible(p *principal, g *guardrailRec) bool {
	if g.teamID == "" || p == nil || p.admin {
		return true
	}
	return slices.Contains(h.callerTeamIDs(p), g.teamID)
}

// submissionView is a row as GuardrailSubmissionItem: litellm_params as
// submitted, with secret values masked.
func submissionView(g *guardrailRec) map[string]any {
	info := maps.Clone(g.info)
	if info == nil {
		info = map[string]any{}
	}
	return map[string]any{
		"guardrail_id": g.id, "guardrail_name": g.name, "status": g.statusOr(),
		"team_id": nilIfEmpty(g.teamID), "team_guardrail": g.teamID != "",
		"litellm_params": maskParams(g.params), "guardrail_info": info,
		"submitted_by_user_id": info["submitted_by_user_id"], "submitted_by_email": info["submitted_by_email"],
		"submitted_at": timeOrNil(g.submitted, timeZ), "reviewed_at": timeOrNil(g.reviewed, timeZ),
		"created_at": timeZ(g.created), "updated_at": timeZ(g.updated),
	}
}

// GuardrailRegister is POST /guardrails/register.
func (h *handler) GuardrailRegister(w http.ResponseWriter, r *http.Request) {
	req, _, ok := decodeBody[gen.GuardrailRegisterRequest](w, r)
	if !ok {
		return
	}
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		teamID := req.TeamID
		if teamID == "" && p != nil {
			teamID = p.teamID()
		}
		if teamID == "" {
			return nil, detailErr(http.StatusBadRequest,
				"team_id is required. Provide it in the request body or use a team-scoped API key.")
		}
		if p != nil && !p.admin && teamID != p.teamID() && !slices.Contains(h.callerTeamIDs(p), teamID) {
			return nil, detailErr(http.StatusForbidden, "You are not a member of team "+pyRepr(teamID))
		}
		params := req.LitellmParams
		if params["guardrail"] != "generic_guardrail_api" {
			return nil, detailErr(http.StatusBadRequest,
				"Only guardrails with litellm_params.guardrail='generic_guardrail_api' are accepted for registration")
		}
		base, _ := params["api_base"].(string)
		if base == "" {
			return nil, detailErr(http.StatusBadRequest, "litellm_params.api_base is required for generic_guardrail_api")
		}
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return nil, detailErr(http.StatusBadRequest, "litellm_params.api_base must use http or https scheme")
		}
		if u.Hostname() == "" {
			return nil, detailErr(http.StatusBadRequest, "litellm_params.api_base must contain a valid hostname")
		}
		if params["mode"] == nil {
			return nil, detailErr(http.StatusBadRequest, "litellm_params.mode is required (e.g. pre_call, post_call)")
		}
		if h.guardrailNameTaken(req.GuardrailName, "") {
			return nil, detailErr(http.StatusBadRequest, fmt.Sprintf("Guardrail with name %s already exists", pyRepr(req.GuardrailName)))
		}
		info := maps.Clone(req.GuardrailInfo)
		if info == nil {
			info = map[string]any{}
		}
		info["submitted_by_user_id"], info["submitted_by_email"] = nil, nil
		if p != nil && p.userID != "" {
			info["submitted_by_user_id"] = p.userID
			if u := h.users[p.userID]; u != nil {
				info["submitted_by_email"] = nilIfEmpty(val(u.row.UserEmail))
			}
		}
		info["team_guardrail"] = true
		now := h.now()
		g := &guardrailRec{seq: h.nextSeq(), id: h.uuid(), name: req.GuardrailName, params: maps.Clone(params), info: info,
			created: now, updated: now, teamID: teamID, status: "pending_review", submitted: now}
		h.guardrailDB()[g.id] = g
		return map[string]any{"guardrail_id": g.id, "guardrail_name": g.name, "status": g.status,
			"submitted_at": timeZ(g.submitted)}, nil
	})
}

// GuardrailSubmissionList is GET /guardrails/submissions.
func (h *handler) GuardrailSubmissionList(w http.ResponseWriter, r *http.Request, params gen.GuardrailSubmissionListParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		var visible []string // nil: every team
		if !guardrailAdminView(p) {
			visible = h.callerTeamIDs(p)
			if params.TeamID != "" && !slices.Contains(visible, params.TeamID) {
				return nil, detailErr(http.StatusForbidden, "You are not a member of team "+pyRepr(params.TeamID))
			}
		}
		var rows []*guardrailRec
		for _, g := range h.sortedGuardrails() {
			if g.teamID != "" && (visible == nil || slices.Contains(visible, g.teamID)) {
				rows = append(rows, g)
			}
		}
		slices.SortStableFunc(rows, func(a, b *guardrailRec) int { return -cmp.Compare(a.seq, b.seq) }) // created_at desc
		summary := map[string]any{"total": len(rows), "pending_review": 0, "active": 0, "rejected": 0}
		for _, g := range rows {
			if n, ok := summary[g.statusOr()].(int); ok {
				summary[g.statusOr()] = n + 1
			}
		}
		search := strings.ToLower(params.Search)
		out := []any{}
		for _, g := range rows {
			switch {
			case params.Status != "" && g.status != params.Status,
				params.TeamID != "" && g.teamID != params.TeamID,
				search != "" && !strings.Contains(strings.ToLower(g.name), search) &&
					!strings.Contains(strings.ToLower(fmt.Sprint(g.info["description"])), search):
				continue
			}
			out = append(out, submissionView(g))
		}
		return map[string]any{"submissions": out, "summary": summary}, nil
	})
}

// submissionNotFound is the 404 of the submission routes.
func submissionNotFound() *apiError {
	return detailErr(http.StatusNotFound, "Guardrail submission not found")
}

// GuardrailSubmissionGet is GET /guardrails/submissions/{guardrail_id}.
func (h *handler) GuardrailSubmissionGet(w http.ResponseWriter, r *http.Request, guardrailID string) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		g := h.guardrailDB()[guardrailID]
		if g == nil {
			return nil, submissionNotFound()
		}
		if p != nil && !p.admin && (g.teamID == "" || !slices.Contains(h.callerTeamIDs(p), g.teamID)) {
			return nil, detailErr(http.StatusForbidden, "You are not a member of the team that owns this submission")
		}
		return submissionView(g), nil
	})
}

// reviewSubmission moves a pending_review row to status (approve, reject).
func (h *handler) reviewSubmission(w http.ResponseWriter, guardrailID, status, message string) {
	h.do(w, func() (any, *apiError) {
		g := h.guardrailDB()[guardrailID]
		if g == nil {
			return nil, submissionNotFound()
		}
		if g.status != "pending_review" {
			return nil, detailErr(http.StatusBadRequest, fmt.Sprintf("Guardrail is not pending review (status=%s)", g.statusOr()))
		}
		now := h.now()
		g.status, g.reviewed, g.updated = status, now, now
		return map[string]any{"guardrail_id": g.id, "status": status, "message": message}, nil
	})
}

// GuardrailSubmissionApprove is POST /guardrails/submissions/{guardrail_id}/approve.
func (h *handler) GuardrailSubmissionApprove(w http.ResponseWriter, r *http.Request, guardrailID string) {
	h.reviewSubmission(w, guardrailID, "active", "Guardrail approved")
}

// GuardrailSubmissionReject is POST /guardrails/submissions/{guardrail_id}/reject.
func (h *handler) GuardrailSubmissionReject(w http.ResponseWriter, r *http.Request, guardrailID string) {
	h.reviewSubmission(w, guardrailID, "rejected", "Guardrail rejected")
}
