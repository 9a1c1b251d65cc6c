package facade

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/litellm-go/proxyclient/gen"
)

// TagsService manages tags (https://docs.litellm.ai/docs/proxy/tag_routing):
// a tag names the models that requests carrying it may be routed to, and
// may have a budget. Requests pass tags in their metadata; the proxy
// tracks spend per tag. Every call but List and DailyActivity needs a proxy
// admin key (admin viewers may also read the analytics).
//
// The proxy re-raises its own "already exists" (400) and "not found"
// (404) errors as HTTP 500 with the detail "400: ..." or "404: ...": the
// errors of this service match the sentinel of that inner status
// ([ErrBadRequest], [ErrNotFound]) as well as [ErrServer], and unwrap to
// the [*APIError].
type TagsService service

// Wire types of the tag endpoints, named here so that users import only
// facade.
type (
	// Tag is a tag. Get and List fill LitellmBudgetTable when the tag has
	// a budget. A tag that requests passed but that is not stored (List
	// only) has nil Models and an empty CreatedBy.
	Tag = gen.Tag
	// TagNewRequest is the body of POST /tag/new; Name is required. The
	// budget fields create the tag's budget; BudgetID attaches an existing
	// one instead.
	TagNewRequest = gen.TagNewRequest
	// TagUpdateRequest is the body of POST /tag/update; Name is required.
	// The proxy replaces the tag's description and models with the
	// request's: leave them empty and they are cleared.
	TagUpdateRequest = gen.TagUpdateRequest
	// TagResponse is the answer of POST /tag/new and /tag/update.
	TagResponse = gen.TagResponse
	// TagListOptions are the query parameters of GET /tag/list: StartDate
	// and EndDate (YYYY-MM-DD, both or neither) limit the dynamic tags to
	// those used in the window; stored tags are always listed.
	TagListOptions = gen.TagListParams
	// TagDeleteResponse is the answer of POST /tag/delete.
	TagDeleteResponse = gen.TagDeleteResponse
)

// Create creates a tag. An existing name is an error matching
// [ErrBadRequest]. Naming in Models a deployment from the proxy's config
// file (not stored in its database) fails the call with HTTP 500 after
// the tag was created.
//
// Endpoint: POST /tag/new (Python: none).
func (s *TagsService) Create(ctx context.Context, req *TagNewRequest, opts ...Option) (*TagResponse, error) {
	const method, path = http.MethodPost, "/tag/new"
	if req == nil || req.Name == "" {
		return nil, errors.New("POST /tag/new: tag name is required")
	}
	r := newRequest(method, path).
		with(gen.NewTagNewRequest(s.client.server, *req))
	res := new(TagResponse)
	return result(res, reraised(s.client.doJSON(ctx, r, res, opts)))
}

// Update changes the tag req.Name: its description and models become the
// request's, and budget fields change (or create) its budget. An unknown
// tag is an error matching [ErrNotFound].
//
// Endpoint: POST /tag/update (Python: none).
func (s *TagsService) Update(ctx context.Context, req *TagUpdateRequest, opts ...Option) (*TagResponse, error) {
	const method, path = http.MethodPost, "/tag/update"
	if req == nil || req.Name == "" {
		return nil, errors.New("POST /tag/update: tag name is required")
	}
	r := newRequest(method, path).
		with(gen.NewTagUpdateRequest(s.client.server, *req))
	res := new(TagResponse)
	return result(res, reraised(s.client.doJSON(ctx, r, res, opts)))
}

// Info returns the named tags by name. One unknown name fails the call
// with an error matching [ErrNotFound].
//
// Endpoint: POST /tag/info (Python: none).
func (s *TagsService) Info(ctx context.Context, names []string, opts ...Option) (map[string]Tag, error) {
	const method, path = http.MethodPost, "/tag/info"
	if len(names) == 0 {
		return nil, errors.New("POST /tag/info: no tag names")
	}
	r := newRequest(method, path).
		with(gen.NewTagInfoRequest(s.client.server, gen.TagInfoRequest{Names: names}))
	var res gen.TagInfoResponse
	err := reraised(s.client.doJSON(ctx, r, &res, opts))
	if err == nil && res == nil {
		res = gen.TagInfoResponse{}
	}
	return result(map[string]Tag(res), err)
}

// Get returns the tag name, an error matching [ErrNotFound] when there is
// none.
//
// Endpoint: POST /tag/info (Python: none).
func (s *TagsService) Get(ctx context.Context, name string, opts ...Option) (*Tag, error) {
	if name == "" {
		return nil, errors.New("POST /tag/info: tag name is required")
	}
	tags, err := s.Info(ctx, []string{name}, opts...)
	if err != nil || tags == nil {
		return nil, err
	}
	t, ok := tags[name]
	if !ok {
		return nil, errors.New("POST /tag/info: the answer lacks tag " + strconv.Quote(name))
	}
	return &t, nil
}

// List returns the stored tags, then the tags requests passed that are
// not stored. The proxy does not page this list. lo may be nil.
//
// Endpoint: GET /tag/list (Python: none).
func (s *TagsService) List(ctx context.Context, lo *TagListOptions, opts ...Option) ([]Tag, error) {
	r := newRequest(http.MethodGet, "/tag/list").
		with(gen.NewTagListRequest(s.client.server, lo))
	var list []Tag
	err := s.client.doJSON(ctx, r, &list, opts)
	if err == nil && list == nil {
		list = []Tag{}
	}
	return result(list, err)
}

// Delete deletes the tag name (not its budget). An unknown tag is an
// error matching [ErrNotFound].
//
// Endpoint: POST /tag/delete (Python: none).
func (s *TagsService) Delete(ctx context.Context, name string, opts ...Option) (*TagDeleteResponse, error) {
	const method, path = http.MethodPost, "/tag/delete"
	if name == "" {
		return nil, errors.New("POST /tag/delete: tag name is required")
	}
	r := newRequest(method, path).
		with(gen.NewTagDeleteRequest(s.client.server, gen.TagDeleteRequest{Name: name}))
	res := new(TagDeleteResponse)
	return result(res, reraised(s.client.doJSON(ctx, r, res, opts)))
}

// reraisedError is an [*APIError] of HTTP 500 whose message is the detail
// of an HTTPException the proxy raised and caught itself ("404: Tag x
// not found"): it also matches the sentinel of that inner status.
type reraisedError struct {
	*APIError
	inner int
}

// Unwrap returns the *APIError.
func (e *reraisedError) Unwrap() error { return e.APIError }

// Is matches the sentinel of the inner status, and whatever the
// *APIError matches.
func (e *reraisedError) Is(target error) bool {
	inner := &APIError{StatusCode: e.inner}
	return inner.Is(target) || e.APIError.Is(target)
}

// reraised wraps an HTTP 500 *APIError whose message starts with a 4xx
// status and ": " in a [*reraisedError]; any other err is returned as it
// is.
func reraised(err error) error {
	var e *APIError
	if !errors.As(err, &e) || e.StatusCode != http.StatusInternalServerError {
		return err
	}
	code, _, ok := strings.Cut(e.Message, ": ")
	n, cerr := strconv.Atoi(code)
	if !ok || cerr != nil || n < 400 || n > 499 {
		return err
	}
	return &reraisedError{APIError: e, inner: n}
}
