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
	return call[Budget](ctx, (*service)(s), &request{method: http.MethodPost, path: "/budget/new", kind: kindAdmin,
		build: func(server string) (*http.Request, error) {
			return newJSONRequest(server, gen.NewBudgetNewRequestWithBody, body)
		}}, opts)
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
	body := *req
	return nullIsNotFound(method, path, "budget "+req.BudgetID, func() (**Budget, error) {
		return call[*Budget](ctx, (*service)(s), &request{method: method, path: path, kind: kindAdmin,
			build: func(server string) (*http.Request, error) {
				return newJSONRequest(server, gen.NewBudgetUpdateRequestWithBody, body)
			}}, opts)
	})
}

// Get returns the budgets among ids that exist (unknown ids are left out).
//
// Endpoint: POST /budget/info (Python: none).
func (s *BudgetsService) Get(ctx context.Context, ids []string, opts ...Option) ([]Budget, error) {
	if len(ids) == 0 {
		return nil, errors.New("POST /budget/info: no budget ids")
	}
	body := gen.BudgetInfoRequest{Budgets: ids}
	return arrayResult[Budget](call[[]Budget](ctx, (*service)(s), &request{method: http.MethodPost, path: "/budget/info", kind: kindAdmin,
		build: func(server string) (*http.Request, error) {
			return newJSONRequest(server, gen.NewBudgetInfoRequestWithBody, body)
		}}, opts))
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
	params := &gen.BudgetSettingsParams{BudgetID: id}
	return arrayResult[BudgetSetting](call[[]BudgetSetting](ctx, (*service)(s), &request{method: http.MethodGet, path: "/budget/settings", kind: kindAdmin,
		build: func(server string) (*http.Request, error) { return gen.NewBudgetSettingsRequest(server, params) }}, opts))
}

// List returns every budget, including those the proxy made for
// organizations, organization members and customers. The proxy does not
// page this list.
//
// Endpoint: GET /budget/list (Python: none).
func (s *BudgetsService) List(ctx context.Context, opts ...Option) ([]Budget, error) {
	return arrayResult[Budget](call[[]Budget](ctx, (*service)(s), &request{method: http.MethodGet, path: "/budget/list", kind: kindAdmin,
		build: gen.NewBudgetListRequest}, opts))
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
	body := gen.BudgetDeleteRequest{ID: id}
	return nullIsNotFound(method, path, "budget "+id, func() (**Budget, error) {
		return call[*Budget](ctx, (*service)(s), &request{method: method, path: path, kind: kindAdmin,
			build: func(server string) (*http.Request, error) {
				return newJSONRequest(server, gen.NewBudgetDeleteRequestWithBody, body)
			}}, opts)
	})
}

// nullIsNotFound runs a call whose answer is an object or null (HTTP 200)
// and turns null into an error matching [ErrNotFound] naming what. A
// request kept by [ReturnRequest] gives nil, nil.
func nullIsNotFound[T any](method, path, what string, do func() (**T, error)) (*T, error) {
	res, err := do()
	switch {
	case err != nil:
		return nil, err
	case res == nil:
		return nil, nil // ReturnRequest
	case *res == nil:
		return nil, fmt.Errorf("%s %s: %s not found (the proxy answered null): %w", method, path, what, ErrNotFound)
	}
	return *res, nil
}
