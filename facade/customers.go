package facade

import (
	"context"
	"errors"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// CustomersService manages customers (end users): the people or tenants
// of the caller's application, named by the user field of an LLM request
// (https://docs.litellm.ai/docs/proxy/customers). A customer can carry a
// budget, a default model and an allowed model region, and can be
// blocked. Every call needs a proxy admin key.
type CustomersService service

// Wire types of the customer endpoints, named here so that users import
// only facade.
type (
	// Customer is a customer row. Get and List leave BudgetID empty and
	// fill LitellmBudgetTable with the limit fields only.
	Customer = gen.Customer
	// CustomerNewRequest is the body of POST /customer/new; UserID is
	// required. The budget fields create the customer's budget; BudgetID
	// attaches an existing budget instead (not both).
	CustomerNewRequest = gen.CustomerNewRequest
	// CustomerUpdateRequest is the body of POST /customer/update; UserID is
	// required. The proxy ignores values that equal a default, so Blocked
	// false does not unblock.
	CustomerUpdateRequest = gen.CustomerUpdateRequest
	// CustomerDeleteResponse is the answer of POST /customer/delete.
	CustomerDeleteResponse = gen.CustomerDeleteResponse
	// CustomerUnblockResponse is the answer of POST /customer/unblock on a
	// proxy with the Enterprise blocked-user list.
	CustomerUnblockResponse = gen.CustomerUnblockResponse
	// ModelRegion is the region a customer's requests may be routed to.
	ModelRegion = gen.ModelRegion
)

// The regions of [ModelRegion].
const (
	// ModelRegionEU keeps a customer's requests on EU deployments.
	ModelRegionEU = gen.ModelRegionEU
	// ModelRegionUS keeps a customer's requests on US deployments.
	ModelRegionUS = gen.ModelRegionUS
)

// Create creates a customer. An existing UserID is an error (HTTP 400), a
// DefaultModel the proxy does not serve too (HTTP 422).
//
// Endpoint: POST /customer/new (Python: none).
func (s *CustomersService) Create(ctx context.Context, req *CustomerNewRequest, opts ...Option) (*Customer, error) {
	if req == nil || req.UserID == "" {
		return nil, errors.New("POST /customer/new: user id is required")
	}
	r := newRequest(http.MethodPost, "/customer/new").
		with(gen.NewCustomerNewRequest(s.client.server, *req))
	c := new(Customer)
	return result(c, s.client.doJSON(ctx, r, c, opts))
}

// Update changes the customer req.UserID. Budget fields change (or
// create) its budget. An unknown customer is an error matching
// [ErrNotFound].
//
// Endpoint: POST /customer/update (Python: none).
func (s *CustomersService) Update(ctx context.Context, req *CustomerUpdateRequest, opts ...Option) (*Customer, error) {
	if req == nil || req.UserID == "" {
		return nil, errors.New("POST /customer/update: user id is required")
	}
	r := newRequest(http.MethodPost, "/customer/update").
		with(gen.NewCustomerUpdateRequest(s.client.server, *req))
	c := new(Customer)
	return result(c, s.client.doJSON(ctx, r, c, opts))
}

// Get returns the customer id. An unknown customer is an error matching
// [ErrNotFound].
//
// Endpoint: GET /customer/info (Python: none).
func (s *CustomersService) Get(ctx context.Context, id string, opts ...Option) (*Customer, error) {
	if id == "" {
		return nil, errors.New("GET /customer/info: customer id is required")
	}
	r := newRequest(http.MethodGet, "/customer/info").
		with(gen.NewCustomerInfoRequest(s.client.server, &gen.CustomerInfoParams{EndUserID: id}))
	c := new(Customer)
	return result(c, s.client.doJSON(ctx, r, c, opts))
}

// List returns every customer. The proxy does not page this list.
//
// Endpoint: GET /customer/list (Python: none).
func (s *CustomersService) List(ctx context.Context, opts ...Option) ([]Customer, error) {
	r := newRequest(http.MethodGet, "/customer/list").
		with(gen.NewCustomerListRequest(s.client.server))
	customers := new([]Customer)
	return result(arrayResult(customers, s.client.doJSON(ctx, r, customers, opts)))
}

// Delete deletes the customers. One unknown id fails the call, before
// anything is deleted, with an error matching [ErrNotFound].
//
// Endpoint: POST /customer/delete (Python: none).
func (s *CustomersService) Delete(ctx context.Context, ids []string, opts ...Option) (*CustomerDeleteResponse, error) {
	if len(ids) == 0 {
		return nil, errors.New("POST /customer/delete: no customer ids")
	}
	r := newRequest(http.MethodPost, "/customer/delete").
		with(gen.NewCustomerDeleteRequest(s.client.server, gen.CustomerIDsRequest{UserIds: ids}))
	deleted := new(CustomerDeleteResponse)
	return result(deleted, s.client.doJSON(ctx, r, deleted, opts))
}

// Block marks the customers blocked, for the proxy's end-user checks on
// LLM requests that name them (a recorded LiteLLM 1.88.0 still answered
// such a request made with the master key). An id that is not a customer
// yet becomes a blocked customer. It returns the blocked customers.
//
// Endpoint: POST /customer/block (Python: none).
func (s *CustomersService) Block(ctx context.Context, ids []string, opts ...Option) ([]Customer, error) {
	if len(ids) == 0 {
		return nil, errors.New("POST /customer/block: no customer ids")
	}
	r := newRequest(http.MethodPost, "/customer/block").
		with(gen.NewCustomerBlockRequest(s.client.server, gen.CustomerIDsRequest{UserIds: ids}))
	res := new(gen.CustomerBlockResponse)
	return result(arrayResult(&res.BlockedUsers, s.client.doJSON(ctx, r, res, opts)))
}

// Unblock unblocks the customers. It needs the proxy's Enterprise
// blocked-user list: an open-source proxy answers HTTP 400 ("Blocked user
// check was never set"), an error matching [ErrBadRequest], and changes
// nothing (a customer blocked with Block stays blocked).
//
// Endpoint: POST /customer/unblock (Python: none).
func (s *CustomersService) Unblock(ctx context.Context, ids []string, opts ...Option) (*CustomerUnblockResponse, error) {
	if len(ids) == 0 {
		return nil, errors.New("POST /customer/unblock: no customer ids")
	}
	r := newRequest(http.MethodPost, "/customer/unblock").
		with(gen.NewCustomerUnblockRequest(s.client.server, gen.CustomerIDsRequest{UserIds: ids}))
	res := new(CustomerUnblockResponse)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}
