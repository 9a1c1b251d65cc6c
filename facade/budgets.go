package facade

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// BudgetsService manages budgets: rows of spend and rate limits (max
// budget, soft budget, TPM, RPM, parallel requests, a reset period) that
// keys (KeyGenerateRequest.BudgetID), customers (CustomerNewRequest.BudgetID),
// organizations and organization members point at by id
// (https://docs.litellm.ai/docs/proxy/users). Every call needs a proxy
// admin key.
type BudgetsService service

// Wire types of the budget endpoints, named here so that users import only
// facade. [Budget] is the row itself.
type (
	// BudgetNewRequest is the body of POST /budget/new and POST
	// /budget/update. Without BudgetID, Create lets the proxy generate one.
	BudgetNewRequest = gen.BudgetNewRequest
	// BudgetSetting describes one settable field of a budget and its value.
	BudgetSetting = gen.BudgetSetting
)

// Create creates a budget (req may be nil: a budget without limits). A
// BudgetID that exists already is an error (HTTP 400).
//
// Endpoint: POST /budget/new (Python: none).
func (s *BudgetsService) Create(ctx context.Context, req *BudgetNewRequest, opts ...Option) (*Budget, error) {
	var body BudgetNewRequest
	if req != nil {
		body = *req
	}
	r := newRequest(http.MethodPost, "/budget/new").
		with(gen.NewBudgetNewRequest(s.client.server, body))
	b := new(Budget)
	return result(b, s.client.doJSON(ctx, r, b, opts))
}

// Update changes the budget req.BudgetID; limits left nil are not changed.
// The proxy answers an unknown id with HTTP 200 and null; Update returns
// an error matching [ErrNotFound] for it.
//
// Endpoint: POST /budget/update (Python: none).
func (s *BudgetsService) Update(ctx context.Context, req *BudgetNewRequest, opts ...Option) (*Budget, error) {
	const method, path = http.MethodPost, "/budget/update"
	if req == nil || req.BudgetID == "" {
		return nil, errors.New("POST /budget/update: budget id is required")
	}
	r := newRequest(method, path).
		with(gen.NewBudgetUpdateRequest(s.client.server, *req))
	var b *Budget // stays nil when the proxy answers null
	err := s.client.doJSON(ctx, r, &b, opts)
	return nullIsNotFound(method, path, "budget "+req.BudgetID, b, err)
}

// Get returns the budgets among ids that exist (unknown ids are left out).
//
// Endpoint: POST /budget/info (Python: none).
func (s *BudgetsService) Get(ctx context.Context, ids []string, opts ...Option) ([]Budget, error) {
	if len(ids) == 0 {
		return nil, errors.New("POST /budget/info: no budget ids")
	}
	r := newRequest(http.MethodPost, "/budget/info").
		with(gen.NewBudgetInfoRequest(s.client.server, gen.BudgetInfoRequest{Budgets: ids}))
	budgets := new([]Budget)
	return result(arrayResult(budgets, s.client.doJSON(ctx, r, budgets, opts)))
}

// Settings describes the settable fields of a budget with the values of
// the budget id (every value null for an unknown id: the proxy does not
// fail).
//
// Endpoint: GET /budget/settings (Python: none).
func (s *BudgetsService) Settings(ctx context.Context, id string, opts ...Option) ([]BudgetSetting, error) {
	if id == "" {
		return nil, errors.New("GET /budget/settings: budget id is required")
	}
	r := newRequest(http.MethodGet, "/budget/settings").
		with(gen.NewBudgetSettingsRequest(s.client.server, &gen.BudgetSettingsParams{BudgetID: id}))
	settings := new([]BudgetSetting)
	return result(arrayResult(settings, s.client.doJSON(ctx, r, settings, opts)))
}

// List returns every budget, including those the proxy made for
// organizations, organization members and customers. The proxy does not
// page this list.
//
// Endpoint: GET /budget/list (Python: none).
func (s *BudgetsService) List(ctx context.Context, opts ...Option) ([]Budget, error) {
	r := newRequest(http.MethodGet, "/budget/list").
		with(gen.NewBudgetListRequest(s.client.server))
	budgets := new([]Budget)
	return result(arrayResult(budgets, s.client.doJSON(ctx, r, budgets, opts)))
}

// Delete deletes the budget id and returns it. The proxy answers an
// unknown id with HTTP 200 and null; Delete returns an error matching
// [ErrNotFound] for it.
//
// Endpoint: POST /budget/delete (Python: none).
func (s *BudgetsService) Delete(ctx context.Context, id string, opts ...Option) (*Budget, error) {
	const method, path = http.MethodPost, "/budget/delete"
	if id == "" {
		return nil, errors.New("POST /budget/delete: budget id is required")
	}
	r := newRequest(method, path).
		with(gen.NewBudgetDeleteRequest(s.client.server, gen.BudgetDeleteRequest{ID: id}))
	var b *Budget // stays nil when the proxy answers null
	err := s.client.doJSON(ctx, r, &b, opts)
	return nullIsNotFound(method, path, "budget "+id, b, err)
}

// nullIsNotFound is result for a call whose answer is an object or null
// (HTTP 200): a null answer (v nil, err nil) becomes an error matching
// [ErrNotFound] naming what.
func nullIsNotFound[T any](method, path, what string, v *T, err error) (*T, error) {
	if err == nil && v == nil {
		err = fmt.Errorf("%s %s: %s not found (the proxy answered null): %w", method, path, what, ErrNotFound)
	}
	return result(v, err)
}
