package facade

import (
	"context"
	"errors"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// CredentialsService manages the provider credentials stored on the proxy
// (https://docs.litellm.ai/docs/proxy/credentials), which deployments
// reference by name instead of carrying their own API keys. The proxy marks
// these routes as beta; every call needs an admin key.
//
// Some failures (a missing credential on update or delete, a database error
// on list) come back from the proxy with HTTP 200 and an error object in the
// body. The service returns them as an *[APIError], so errors.Is(err,
// [ErrNotFound]) works as it does for a real 404.
type CredentialsService service

// Wire types of the credential endpoints, named here so that users import
// only facade.
type (
	// Credential is a stored credential as the proxy shows it. Values whose
	// key names contain "key", "secret", "token" or "authorization" are
	// masked by the proxy ("sk****yz").
	Credential = gen.Credential
	// CredentialCreateRequest is the body of POST /credentials. Either
	// CredentialValues or ModelID (copy the values of that deployment) must
	// be set.
	CredentialCreateRequest = gen.CredentialCreateRequest
	// CredentialItem is the body of PATCH /credentials/{credential_name}.
	// The proxy merges it into the stored credential: a nil or empty map
	// changes nothing, and a CredentialName different from the one in the
	// path renames the credential.
	CredentialItem = gen.CredentialItem
	// CredentialList is the response of GET /credentials.
	CredentialList = gen.CredentialList
	// SuccessResponse is the {"success": true, "message": ...} answer of the
	// credential routes.
	SuccessResponse = gen.SuccessResponse
)

// Create stores a new credential. A nil CredentialInfo is sent as {} (the
// proxy requires the field).
//
// Endpoint: POST /credentials (Python: client.credentials.create).
func (s *CredentialsService) Create(ctx context.Context, req *CredentialCreateRequest, opts ...Option) (*SuccessResponse, error) {
	const method, path = http.MethodPost, "/credentials"
	if req == nil {
		return nil, errors.New("POST /credentials: nil request")
	}
	if req.CredentialName == "" {
		return nil, errors.New("POST /credentials: credential name is required")
	}
	body := *req
	if body.CredentialInfo == nil {
		body.CredentialInfo = map[string]any{}
	}
	r := newRequest(method, path).
		with(gen.NewCredentialCreateRequest(s.client.server, body))
	res := new(SuccessResponse)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}

// List returns the stored credentials, with secret values masked.
//
// Endpoint: GET /credentials (Python: client.credentials.list).
func (s *CredentialsService) List(ctx context.Context, opts ...Option) (*CredentialList, error) {
	r := newRequest(http.MethodGet, "/credentials").
		with(gen.NewCredentialListRequest(s.client.server))
	list := new(CredentialList)
	return result(list, s.client.doJSON(ctx, r, list, opts))
}

// Get returns the credential called name, with secret values masked. The
// name is percent-encoded into the path, so any name (with "/", "?", "#",
// ...) reaches the credential route; "." and ".." are rejected.
//
// Endpoint: GET /credentials/by_name/{credential_name} (Python: client.credentials.get).
func (s *CredentialsService) Get(ctx context.Context, name string, opts ...Option) (*Credential, error) {
	const method, path = http.MethodGet, "/credentials/by_name/{credential_name}"
	if err := pathParam(method, path, "credential name", name); err != nil {
		return nil, err
	}
	r := newRequest(method, path).
		with(gen.NewCredentialGetRequest(s.client.server, name))
	cred := new(Credential)
	return result(cred, s.client.doJSON(ctx, r, cred, opts))
}

// Update changes the credential called name. The proxy merges item into
// the stored credential, so nil maps are sent as {} (no change), and an
// empty item.CredentialName is sent as name (a different name renames the
// credential). The upstream Python client has no update. Updating a
// credential that does not exist is an error that matches [ErrNotFound].
//
// Endpoint: PATCH /credentials/{credential_name} (Python: none).
func (s *CredentialsService) Update(ctx context.Context, name string, item *CredentialItem, opts ...Option) (*SuccessResponse, error) {
	const method, path = http.MethodPatch, "/credentials/{credential_name}"
	if err := pathParam(method, path, "credential name", name); err != nil {
		return nil, err
	}
	if item == nil {
		return nil, errors.New("PATCH /credentials/{credential_name}: nil request")
	}
	body := *item
	if body.CredentialName == "" {
		body.CredentialName = name
	}
	if body.CredentialInfo == nil {
		body.CredentialInfo = map[string]any{}
	}
	if body.CredentialValues == nil {
		body.CredentialValues = map[string]any{}
	}
	r := newRequest(method, path).
		with(gen.NewCredentialUpdateRequest(s.client.server, name, body))
	res := new(SuccessResponse)
	return result(res, applyNotFoundHint(s.client.doJSON(ctx, r, res, opts)))
}

// Delete removes the credential called name. Deleting a credential that
// does not exist is an error that matches [ErrNotFound], although the proxy
// reports it with HTTP 200 and an error object whose code is often "500"
// (the *[APIError] keeps that status; the "not found" in its message makes
// it match).
//
// Endpoint: DELETE /credentials/{credential_name} (Python: client.credentials.delete).
func (s *CredentialsService) Delete(ctx context.Context, name string, opts ...Option) (*SuccessResponse, error) {
	const method, path = http.MethodDelete, "/credentials/{credential_name}"
	if err := pathParam(method, path, "credential name", name); err != nil {
		return nil, err
	}
	r := newRequest(method, path).
		with(gen.NewCredentialDeleteRequest(s.client.server, name))
	res := new(SuccessResponse)
	return result(res, applyNotFoundHint(s.client.doJSON(ctx, r, res, opts)))
}
