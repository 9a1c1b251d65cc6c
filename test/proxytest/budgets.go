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

// budgetRec is a LiteLLM_BudgetTable row. Organizations, organization
// members and customers point at one by budget_id; /budget/* manages them.
type budgetRec struct {
	seq int64
	row budgetColumns
}

// budgetColumns are the columns of a LiteLLM_BudgetTable row (null where a
// pointer is nil). Numbers are float64, as the request decodes them.
type budgetColumns struct {
	BudgetID            string         `json:"budget_id"`
	MaxBudget           *float64       `json:"max_budget"`
	SoftBudget          *float64       `json:"soft_budget"`
	MaxParallelRequests *float64       `json:"max_parallel_requests"`
	TPMLimit            *float64       `json:"tpm_limit"`
	RPMLimit            *float64       `json:"rpm_limit"`
	ModelMaxBudget      map[string]any `json:"model_max_budget"`
	BudgetDuration      *string        `json:"budget_duration"`
	BudgetResetAt       *string        `json:"budget_reset_at"`
	AllowedModels       []string       `json:"allowed_models"`
	CreatedAt           string         `json:"created_at"`
	CreatedBy           string         `json:"created_by"`
	UpdatedAt           string         `json:"updated_at"`
	UpdatedBy           string         `json:"updated_by"`
}

// columns is the row as a JSON-like map, what the views pick from.
func (b *budgetRec) columns() map[string]any { return columns(&b.row) }

// touch records an update by who.
func (b *budgetRec) touch(now time.Time, who string) {
	b.row.UpdatedAt, b.row.UpdatedBy = isoTime(now), who
}

// platform holds the state of the organization, budget and customer
// routes. Its maps are made on first use (see handler.plat).
type platform struct {
	orgs      map[string]*orgRec
	budgets   map[string]*budgetRec
	customers map[string]*customerRec
	tags      map[string]*tagRec // tags.go
	spend     []*spendLogRec     // spend logs of chat calls (spend.go)
}

// platform returns the handler's platform state. h.mu must be held.
func (h *handler) platform() *platform {
	p := &h.plat
	if p.orgs == nil {
		p.orgs, p.budgets, p.customers = map[string]*orgRec{}, map[string]*budgetRec{}, map[string]*customerRec{}
	}
	return p
}

// budgetLimitFields are the LiteLLM_BudgetTable columns a request may set.
var budgetLimitFields = []string{
	"max_budget", "soft_budget", "max_parallel_requests", "tpm_limit", "rpm_limit", "model_max_budget",
	"budget_duration", "budget_reset_at",
}

// budgetFullFields are the members of a budget row as /budget/* and
// POST /organization/info answer it.
var budgetFullFields = []viewField{
	{"budget_id", vNull}, {"max_budget", vNull}, {"soft_budget", vNull}, {"max_parallel_requests", vNull},
	{"tpm_limit", vNull}, {"rpm_limit", vNull}, {"model_max_budget", vNull}, {"budget_duration", vNull},
	{"budget_reset_at", vNull}, {"allowed_models", vArray}, {"created_at", vNull}, {"created_by", vNull},
	{"updated_at", vNull}, {"updated_by", vNull}, {"organization", vNull}, {"projects", vNull}, {"keys", vNull},
	{"end_users", vNull}, {"tags", vNull}, {"team_membership", vNull}, {"organization_membership", vNull},
}

// budgetLimitView are the members of a budget row embedded in an
// organization, a membership or a customer (LiteLLM_BudgetTable).
var budgetLimitView = []viewField{
	{"budget_id", vNull}, {"soft_budget", vNull}, {"max_budget", vNull}, {"max_parallel_requests", vNull},
	{"tpm_limit", vNull}, {"rpm_limit", vNull}, {"model_max_budget", vNull}, {"budget_duration", vNull},
	{"allowed_models", vArray},
}

// newBudget stores a budget row with the limit fields of body. An empty id
// is generated. h.mu must be held.
func (h *handler) newBudget(id string, body map[string]any, by string) *budgetRec {
	if id == "" {
		id = h.uuid()
	}
	now := isoTime(h.now())
	b := &budgetRec{seq: h.nextSeq(), row: budgetColumns{
		BudgetID: id, AllowedModels: []string{}, CreatedAt: now, CreatedBy: by, UpdatedAt: now, UpdatedBy: by,
	}}
	h.setBudgetLimits(b, body)
	h.platform().budgets[id] = b
	return b
}

// setBudgetLimits stores the non-null limit fields of body in b, and a
// reset time when a duration is set without one. h.mu must be held.
func (h *handler) setBudgetLimits(b *budgetRec, body map[string]any) {
	for _, f := range budgetLimitFields {
		if v, ok := body[f]; ok && v != nil {
			_, _ = setColumn(&b.row, f, v) // a value of another type leaves the column as it was
		}
	}
	if d, ok := body["budget_duration"].(string); ok && d != "" && body["budget_reset_at"] == nil {
		b.row.BudgetResetAt = ptr(isoTime(h.now().Add(durationOf(d))))
	}
}

// durationOf reads a LiteLLM duration ("30s", "10m", "24h", "30d", "1mo");
// anything else is a day.
func durationOf(s string) time.Duration {
	n, unit := 0, ""
	for i, c := range s {
		if c < '0' || c > '9' {
			unit = s[i:]
			break
		}
		n = n*10 + int(c-'0')
	}
	switch unit {
	case "s":
		return time.Duration(n) * time.Second
	case "m":
		return time.Duration(n) * time.Minute
	case "h":
		return time.Duration(n) * time.Hour
	case "mo":
		return time.Duration(n) * 30 * 24 * time.Hour
	}
	return time.Duration(cmp.Or(n, 1)) * 24 * time.Hour
}

// budgetView renders the budget with this id in fields, or nil when there
// is none. h.mu must be held.
func (h *handler) budgetView(id any, fields []viewField) any {
	b := h.platform().budgets[str(id)]
	if b == nil {
		return nil
	}
	return view(fields, b.columns())
}

// callerID is the user_id the proxy records as created_by/updated_by.
func callerID(p *principal) string {
	if p == nil {
		return "default_user_id"
	}
	return cmp.Or(p.userID, "default_user_id")
}

// adminRouteErr is the route check's refusal of a caller who is not a
// proxy admin.
func adminRouteErr(p *principal, route string) *apiError {
	return proxyErr(http.StatusUnauthorized, "auth_error", "None",
		"Authentication Error, Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route="+
			route+". Your role="+cmp.Or(p.role, "unknown")+". Your user_id="+maskUserID(cmp.Or(p.userID, "unknown")))
}

// orgEnterpriseGate is 1.106.12's refusal of every organization route on a
// proxy without an Enterprise license (a dependency of the whole router),
// or nil.
func (h *handler) orgEnterpriseGate(opID string) *apiError {
	if h.is106() && !h.cfg.enterprise && strings.HasPrefix(strings.ToLower(opID), "organization") {
		return errorDetail(http.StatusForbidden, "Organizations are only available for LiteLLM Enterprise users. "+notPremium)
	}
	return nil
}

// platformNoDB is the real proxy's no-database answer to an organization,
// budget or customer route, or nil for other operations (see noDBAnswer).
func (h *handler) platformNoDB(opID string) *apiError {
	if e := h.orgEnterpriseGate(opID); e != nil {
		return e
	}
	seeDocs := dbSeeDocs
	var param any = "None"
	if h.is106() {
		seeDocs, param = dbSeeDocsN, nil
	}
	handled := func(status int, msg string) *apiError {
		return proxyErr(status, "internal_server_error", param, msg)
	}
	switch strings.ToLower(opID) {
	case "organizationnew", "organizationupdate", "organizationdelete", "organizationmemberupdate",
		"organizationmemberdelete", "budgetnew", "budgetupdate", "budgetdelete", "customernew":
		return errorDetail(http.StatusInternalServerError, seeDocs)
	case "organizationlist", "organizationinfo", "organizationinfobatch", "budgetinfo":
		return errorDetail(http.StatusInternalServerError, "No db connected")
	case "organizationmemberadd":
		return proxyErr(http.StatusInternalServerError, "auth_error", "None", pyDict("error", "No db connected"))
	case "budgetsettings", "budgetlist":
		return errorDetail(http.StatusBadRequest, seeDocs)
	case "customerupdate", "customerdelete":
		return handled(http.StatusInternalServerError, "Not connected to DB!")
	case "customerinfo":
		return handled(http.StatusInternalServerError, pyDict("error", seeDocs))
	case "customerlist":
		return handled(http.StatusBadRequest, pyDict("error", seeDocs))
	case "customerblock":
		return errorDetail(http.StatusInternalServerError, "500: {'error': 'Postgres DB Not connected'}")
	}
	return nil
}

// budgetSettingFields are the fields GET /budget/settings describes, in
// BudgetNewRequest's order, with their types and descriptions.
var budgetSettingFields = []struct{ name, typ, desc string }{
	{"max_budget", "Float", "Requests will fail if this budget (in USD) is exceeded."},
	{"soft_budget", "Float", "Requests will NOT fail if this is exceeded. Will fire alerting though."},
	{"max_parallel_requests", "Integer", "Max concurrent requests allowed for this budget id."},
	{"tpm_limit", "Integer", "Max tokens per minute, allowed for this budget id."},
	{"rpm_limit", "Integer", "Max requests per minute, allowed for this budget id."},
	{"budget_duration", "String", "Max duration budget should be set for (e.g. '1hr', '1d', '28d')"},
	{"model_max_budget", "Object", "Max budget for each model (e.g. {'gpt-4o': {'max_budget': '0.0000001', 'budget_duration': '1d', 'tpm_limit': 1000, 'rpm_limit': 1000}})"},
}

// checkBudgetValues is the proxy's check of max_budget and soft_budget.
func checkBudgetValues(body map[string]any) *apiError {
	for _, f := range []string{"max_budget", "soft_budget"} {
		if n, ok := num(body[f]); ok && n < 0 {
			return errorDetail(http.StatusBadRequest, fmt.Sprintf("%s must be a non-negative finite number. Received: %v", f, n))
		}
	}
	return nil
}

// sortedBudgets lists the budgets in creation order. h.mu must be held.
func (h *handler) sortedBudgets() []*budgetRec {
	var list []*budgetRec
	for _, b := range h.platform().budgets {
		list = append(list, b)
	}
	slices.SortFunc(list, func(a, b *budgetRec) int { return cmp.Compare(a.seq, b.seq) })
	return list
}

// BudgetNew is POST /budget/new.
func (h *handler) BudgetNew(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.BudgetNewRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if e := checkBudgetValues(body); e != nil {
			return nil, e
		}
		if req.BudgetID != "" && h.platform().budgets[req.BudgetID] != nil {
			return nil, errorDetail(http.StatusBadRequest, fmt.Sprintf("Budget with id '%s' already exists.", req.BudgetID))
		}
		return view(budgetFullFields, h.newBudget(req.BudgetID, body, callerID(p)).columns()), nil
	})
}

// BudgetUpdate is POST /budget/update: the updated row, or null when there
// is no such budget.
func (h *handler) BudgetUpdate(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.BudgetNewRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if req.BudgetID == "" {
			return nil, errorDetail(http.StatusBadRequest, "budget_id is required")
		}
		if e := checkBudgetValues(body); e != nil {
			return nil, e
		}
		b := h.platform().budgets[req.BudgetID]
		if b == nil {
			return nil, nil
		}
		h.setBudgetLimits(b, body)
		b.touch(h.now(), callerID(p))
		return view(budgetFullFields, b.columns()), nil
	})
}

// BudgetInfo is POST /budget/info.
func (h *handler) BudgetInfo(w http.ResponseWriter, r *http.Request) {
	req, _, ok := decodeBody[gen.BudgetInfoRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if len(req.Budgets) == 0 {
			return nil, errorDetail(http.StatusBadRequest, "Specify list of budget id's to query. Passed in=[]")
		}
		out := []any{}
		for _, b := range h.sortedBudgets() {
			if slices.Contains(req.Budgets, b.row.BudgetID) {
				out = append(out, view(budgetFullFields, b.columns()))
			}
		}
		return out, nil
	})
}

// BudgetSettings is GET /budget/settings.
func (h *handler) BudgetSettings(w http.ResponseWriter, r *http.Request, params gen.BudgetSettingsParams) {
	h.do(w, func() (any, *apiError) {
		row := map[string]any{}
		if b := h.platform().budgets[params.BudgetID]; b != nil {
			row = b.columns()
		}
		out := make([]any, 0, len(budgetSettingFields))
		for _, f := range budgetSettingFields {
			out = append(out, map[string]any{
				"field_name": f.name, "field_type": f.typ, "field_description": f.desc, "field_value": row[f.name],
				"stored_in_db": true, "field_default_value": nil, "premium_field": false, "nested_fields": nil,
			})
		}
		return out, nil
	})
}

// BudgetList is GET /budget/list.
func (h *handler) BudgetList(w http.ResponseWriter, r *http.Request) {
	h.do(w, func() (any, *apiError) {
		out := []any{}
		for _, b := range h.sortedBudgets() {
			out = append(out, view(budgetFullFields, b.columns()))
		}
		return out, nil
	})
}

// BudgetDelete is POST /budget/delete: the deleted row, or null when there
// is no such budget.
func (h *handler) BudgetDelete(w http.ResponseWriter, r *http.Request) {
	req, _, ok := decodeBody[gen.BudgetDeleteRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		pl := h.platform()
		b := pl.budgets[req.ID]
		if b == nil {
			return nil, nil
		}
		delete(pl.budgets, req.ID)
		return view(budgetFullFields, b.columns()), nil
	})
}
