package proxytest

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/litellm-go/proxyclient/gen"
)

// customerRec is a LiteLLM_EndUserTable row: a customer (end user), named
// by the user field of LLM requests (customer_endpoints.py).
type customerRec struct {
	seq int64
	row customerColumns
}

// customerColumns are the columns of a LiteLLM_EndUserTable row (null where
// a pointer is nil).
type customerColumns struct {
	UserID             string  `json:"user_id"`
	Alias              *string `json:"alias"`
	Spend              float64 `json:"spend"`
	AllowedModelRegion *string `json:"allowed_model_region"`
	DefaultModel       *string `json:"default_model"`
	BudgetID           *string `json:"budget_id"`
	Blocked            bool    `json:"blocked"`
}

// columns is the row as a JSON-like map, what the views pick from.
func (c *customerRec) columns() map[string]any { return columns(&c.row) }

// setFields stores the non-null customerSettable fields of body; a value
// of another type leaves its column as it was.
func (c *customerRec) setFields(body map[string]any) {
	for _, f := range customerSettable {
		if v, ok := body[f]; ok && v != nil {
			_, _ = setColumn(&c.row, f, v)
		}
	}
}

// customerRowFields are the members of a customer as /customer/new,
// /customer/update and /customer/block answer it (the prisma row);
// customerViewFields those of /customer/info and /customer/list
// (LiteLLM_EndUserTable, without budget_id).
var (
	customerRowFields = []viewField{
		{"user_id", vNull}, {"alias", vNull}, {"spend", vZeroFloat}, {"allowed_model_region", vNull},
		{"default_model", vNull}, {"budget_id", vNull}, {"object_permission_id", vNull},
		{"litellm_budget_table", vNull}, {"object_permission", vNull}, {"blocked", vFalse},
	}
	customerViewFields = []viewField{
		{"user_id", vNull}, {"blocked", vFalse}, {"alias", vNull}, {"spend", vZeroFloat},
		{"allowed_model_region", vNull}, {"default_model", vNull}, {"litellm_budget_table", vNull},
		{"object_permission_id", vNull}, {"object_permission", vNull},
	}
)

// customerSettable are the LiteLLM_EndUserTable columns a request sets.
var customerSettable = []string{"alias", "blocked", "allowed_model_region", "default_model", "spend"}

// customerRow renders a customer with its full budget row (withBudget) or
// none. h.mu must be held.
func (h *handler) customerRow(c *customerRec, withBudget bool) map[string]any {
	row := c.columns()
	if withBudget {
		row["litellm_budget_table"] = h.budgetView(val(c.row.BudgetID), budgetFullFields)
	}
	return view(customerRowFields, row)
}

// customerView renders a customer as info and list do. h.mu must be held.
func (h *handler) customerView(c *customerRec) map[string]any {
	row := c.columns()
	row["litellm_budget_table"] = h.budgetView(val(c.row.BudgetID), budgetLimitView)
	return view(customerViewFields, row)
}

// newCustomer stores a customer row. h.mu must be held.
func (h *handler) newCustomer(id string) *customerRec {
	c := &customerRec{seq: h.nextSeq(), row: customerColumns{UserID: id}}
	h.platform().customers[id] = c
	return c
}

// hasBudgetFields reports whether body sets a budget limit.
func hasBudgetFields(body map[string]any) bool {
	for _, f := range budgetLimitFields {
		if v, ok := body[f]; ok && v != nil {
			return true
		}
	}
	return false
}

// CustomerNew is POST /customer/new.
func (h *handler) CustomerNew(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.CustomerNewRequest](w, r)
	if !ok {
		return
	}
	if v, ok := body["max_budget"]; ok && v != nil && req.BudgetID != "" {
		writeError(w, valueError("Set either 'max_budget' or 'budget_id', not both.", body))
		return
	}
	h.do(w, func() (any, *apiError) {
		if req.DefaultModel != "" && !slices.Contains(h.modelNames(), req.DefaultModel) {
			return nil, errorDetail(http.StatusUnprocessableEntity, fmt.Sprintf(
				"Default Model not on proxy. Configure via `/model/new` or config.yaml. Default_model=%s, proxy_model_names=%s",
				req.DefaultModel, pySet(h.modelNames())))
		}
		pl := h.platform()
		if pl.customers[req.UserID] != nil {
			return nil, proxyErr(http.StatusBadRequest, "bad_request", "user_id", fmt.Sprintf(
				"Customer already exists, passed user_id=%s. Please pass a new user_id.", req.UserID))
		}
		c := h.newCustomer(req.UserID)
		c.setFields(body)
		switch {
		case hasBudgetFields(body):
			c.row.BudgetID = ptr(h.newBudget("", body, callerID(p)).row.BudgetID)
		case req.BudgetID != "":
			c.row.BudgetID = ptr(req.BudgetID)
		}
		return h.customerRow(c, true), nil
	})
}

// CustomerUpdate is POST /customer/update. As the proxy, it ignores the
// values that equal a default (false, 0, [] and {}), so blocked: false
// does not unblock.
func (h *handler) CustomerUpdate(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.CustomerUpdateRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		c := h.platform().customers[req.UserID]
		if c == nil {
			return nil, proxyErr(http.StatusNotFound, "not_found", "user_id", fmt.Sprintf("End User Id=%s does not exist in db", req.UserID))
		}
		set := map[string]any{}
		for k, v := range body {
			if n, isNum := num(v); v == nil || v == false || (isNum && n == 0) {
				continue
			} else if m, ok := v.(map[string]any); ok && len(m) == 0 {
				continue
			} else if l, ok := v.([]any); ok && len(l) == 0 {
				continue
			}
			set[k] = v
		}
		c.setFields(set)
		if v, ok := set["budget_id"]; ok {
			_, _ = setColumn(&c.row, "budget_id", v)
		}
		if hasBudgetFields(set) {
			if b := h.platform().budgets[val(c.row.BudgetID)]; b != nil {
				h.setBudgetLimits(b, set)
				b.touch(h.now(), callerID(p))
			} else {
				c.row.BudgetID = ptr(h.newBudget("", set, callerID(p)).row.BudgetID)
			}
		}
		return h.customerRow(c, true), nil
	})
}

// CustomerInfo is GET /customer/info.
func (h *handler) CustomerInfo(w http.ResponseWriter, r *http.Request, params gen.CustomerInfoParams) {
	h.do(w, func() (any, *apiError) {
		c := h.platform().customers[params.EndUserID]
		if c == nil {
			return nil, proxyErr(http.StatusNotFound, "not_found", "end_user_id", fmt.Sprintf("End User Id=%s does not exist in db", params.EndUserID))
		}
		return h.customerView(c), nil
	})
}

// sortedCustomers lists the customers in creation order. h.mu must be held.
func (h *handler) sortedCustomers() []*customerRec {
	var list []*customerRec
	for _, c := range h.platform().customers {
		list = append(list, c)
	}
	slices.SortFunc(list, func(a, b *customerRec) int { return cmp.Compare(a.seq, b.seq) })
	return list
}

// CustomerList is GET /customer/list.
func (h *handler) CustomerList(w http.ResponseWriter, r *http.Request) {
	h.do(w, func() (any, *apiError) {
		out := []any{}
		for _, c := range h.sortedCustomers() {
			out = append(out, h.customerView(c))
		}
		return out, nil
	})
}

// CustomerDelete is POST /customer/delete: all the customers, or none when
// one does not exist.
func (h *handler) CustomerDelete(w http.ResponseWriter, r *http.Request) {
	req, _, ok := decodeBody[gen.CustomerIDsRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		pl := h.platform()
		if len(req.UserIds) == 0 {
			return nil, proxyErr(http.StatusInternalServerError, "internal_server_error", "None", "user_id is required, passed user_id = []")
		}
		var missing []string
		for _, id := range req.UserIds {
			if pl.customers[id] == nil && !slices.Contains(missing, id) {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			return nil, proxyErr(http.StatusNotFound, "not_found", "user_ids", fmt.Sprintf("End User Id(s)=%s do not exist in db", joinComma(missing)))
		}
		n := 0
		for _, id := range req.UserIds {
			if pl.customers[id] != nil {
				delete(pl.customers, id)
				n++
			}
		}
		return map[string]any{"deleted_customers": n, "message": "Successfully deleted customers with ids: " + pyList(req.UserIds)}, nil
	})
}

// CustomerBlock is POST /customer/block: an upsert, so an unknown id
// becomes a blocked customer.
func (h *handler) CustomerBlock(w http.ResponseWriter, r *http.Request) {
	req, _, ok := decodeBody[gen.CustomerIDsRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		out := []any{}
		for _, id := range req.UserIds {
			c := h.platform().customers[id]
			if c == nil {
				c = h.newCustomer(id)
			}
			c.row.Blocked = true
			out = append(out, h.customerRow(c, false))
		}
		return map[string]any{"blocked_users": out}, nil
	})
}

// blockedUserCheckMissing is the open-source proxy's answer to
// /customer/unblock: the blocked-user list is an Enterprise callback.
const blockedUserCheckMissing = "Blocked user check was never set. This call has no effect.This uses the enterprise folder - only available on the Docker image."

// CustomerUnblock is POST /customer/unblock, which an open-source proxy
// refuses, database or not.
func (h *handler) CustomerUnblock(w http.ResponseWriter, r *http.Request) {
	writeError(w, errorDetail(http.StatusBadRequest, blockedUserCheckMissing))
}

// joinComma joins ids as Python's ", ".join does.
func joinComma(xs []string) string { return strings.Join(xs, ", ") }

// pySet renders strings as Python prints a set of them.
func pySet(xs []string) string {
	if len(xs) == 0 {
		return "set()"
	}
	l := pyList(xs)
	return "{" + l[1:len(l)-1] + "}"
}

// modelNames lists the model groups the proxy serves. h.mu must be held.
func (h *handler) modelNames() []string {
	var out []string
	for _, d := range h.deployments {
		if !slices.Contains(out, d.name) {
			out = append(out, d.name)
		}
	}
	return out
}

// customerRegion is the allowed_model_region of the customer a chat names
// in its user field (the proxy reports it in x-litellm-model-region), or
// "". h.mu must be held.
func (h *handler) customerRegion(user string) string {
	if c := h.platform().customers[user]; c != nil && user != "" {
		return val(c.row.AllowedModelRegion)
	}
	return ""
}
