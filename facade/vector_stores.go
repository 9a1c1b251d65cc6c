package facade

import (
	"context"
	"errors"
	"iter"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// VectorStoresService manages the vector stores the proxy knows (its
// management routes, not the OpenAI vector store API that the proxy
// forwards to a provider): a registered vector store can be named in
// requests and its provider credentials stay in the proxy
// (https://docs.litellm.ai/docs/completion/knowledgebase). List needs any
// key; the other calls need a proxy admin key.
//
// LiteLLM 1.88 re-raises the "already exists" and "required" errors of
// Create (400) as HTTP 500 with the detail "400: ...": the errors of Create
// match [ErrBadRequest] as well as [ErrServer] there, and unwrap to the
// [*APIError].
type VectorStoresService service

// Wire types of the vector store endpoints, named here so that users
// import only facade.
type (
	// VectorStore is a vector store the proxy manages. LitellmParams come
	// back with secrets redacted.
	VectorStore = gen.VectorStore
	// VectorStoreNewRequest is the body of POST /vector_store/new;
	// VectorStoreID and CustomLlmProvider are required.
	VectorStoreNewRequest = gen.VectorStoreNewRequest
	// VectorStoreUpdateRequest is the body of POST /vector_store/update;
	// VectorStoreID is required, the other fields that are set change.
	VectorStoreUpdateRequest = gen.VectorStoreUpdateRequest
	// VectorStoreList is a page of GET /vector_store/list.
	VectorStoreList = gen.VectorStoreListResponse
	// VectorStoreListOptions are the query parameters of GET
	// /vector_store/list (Page from 1, PageSize; nil for the defaults).
	VectorStoreListOptions = gen.VectorStoreListParams
)

// Create registers a vector store and returns it. An existing id is an
// error matching [ErrBadRequest].
//
// Endpoint: POST /vector_store/new (Python: none).
func (s *VectorStoresService) Create(ctx context.Context, req *VectorStoreNewRequest, opts ...Option) (*VectorStore, error) {
	if req == nil || req.VectorStoreID == "" || req.CustomLlmProvider == "" {
		return nil, errors.New("POST /vector_store/new: vector store id and provider are required")
	}
	r := newRequest(http.MethodPost, "/vector_store/new").
		with(gen.NewVectorStoreNewRequest(s.client.server, *req))
	res := new(gen.VectorStoreWriteResponse)
	if err := reraised(s.client.doJSON(ctx, r, res, opts)); err != nil {
		return result[*VectorStore](nil, err)
	}
	return &res.VectorStore, nil
}

// List returns a page of the vector stores the caller may see (lo may be
// nil). The proxy counts pages by lo.PageSize but puts every store in
// each page's Data; All returns each store once.
//
// Endpoint: GET /vector_store/list (Python: none).
func (s *VectorStoresService) List(ctx context.Context, lo *VectorStoreListOptions, opts ...Option) (*VectorStoreList, error) {
	params := &gen.VectorStoreListParams{}
	if lo != nil {
		params = lo
	}
	r := newRequest(http.MethodGet, "/vector_store/list").
		with(gen.NewVectorStoreListRequest(s.client.server, params))
	list := new(VectorStoreList)
	return result(list, s.client.doJSON(ctx, r, list, opts))
}

// All returns every vector store the caller may see. The proxy answers
// the whole list on every page, so All stops after the page that holds
// TotalCount stores, which is the first one; on a proxy that does page the
// list it fetches page after page.
//
// Endpoint: GET /vector_store/list, once per page (Python: none).
func (s *VectorStoresService) All(ctx context.Context, opts ...Option) iter.Seq2[*VectorStore, error] {
	return pages(ctx, 1, func(ctx context.Context, page int) ([]VectorStore, int, error) {
		list, err := s.List(ctx, &VectorStoreListOptions{Page: &page}, opts...)
		if err != nil || list == nil {
			return nil, 0, err
		}
		if len(list.Data) >= list.TotalCount {
			return list.Data, page, nil
		}
		return list.Data, list.TotalPages, nil
	})
}

// Get returns the vector store id. An unknown id is an error matching
// [ErrNotFound].
//
// Endpoint: POST /vector_store/info (Python: none).
func (s *VectorStoresService) Get(ctx context.Context, id string, opts ...Option) (*VectorStore, error) {
	if id == "" {
		return nil, errors.New("POST /vector_store/info: vector store id is required")
	}
	r := newRequest(http.MethodPost, "/vector_store/info").
		with(gen.NewVectorStoreInfoRequest(s.client.server, gen.VectorStoreIDRequest{VectorStoreID: id}))
	res := new(gen.VectorStoreInfoResponse)
	if err := s.client.doJSON(ctx, r, res, opts); err != nil {
		return result[*VectorStore](nil, err)
	}
	return &res.VectorStore, nil
}

// Update changes the fields of req that are set on the vector store
// req.VectorStoreID and returns it. An unknown id is an error matching
// [ErrNotFound].
//
// Endpoint: POST /vector_store/update (Python: none).
func (s *VectorStoresService) Update(ctx context.Context, req *VectorStoreUpdateRequest, opts ...Option) (*VectorStore, error) {
	if req == nil || req.VectorStoreID == "" {
		return nil, errors.New("POST /vector_store/update: vector store id is required")
	}
	r := newRequest(http.MethodPost, "/vector_store/update").
		with(gen.NewVectorStoreUpdateRequest(s.client.server, *req))
	res := new(gen.VectorStoreWriteResponse)
	if err := s.client.doJSON(ctx, r, res, opts); err != nil {
		return result[*VectorStore](nil, err)
	}
	return &res.VectorStore, nil
}

// Delete removes the vector store id from the proxy (the provider keeps
// its data). An unknown id is an error matching [ErrNotFound].
//
// Endpoint: POST /vector_store/delete (Python: none).
func (s *VectorStoresService) Delete(ctx context.Context, id string, opts ...Option) error {
	if id == "" {
		return errors.New("POST /vector_store/delete: vector store id is required")
	}
	r := newRequest(http.MethodPost, "/vector_store/delete").
		with(gen.NewVectorStoreDeleteRequest(s.client.server, gen.VectorStoreIDRequest{VectorStoreID: id}))
	res := new(gen.VectorStoreWriteResponse)
	_, err := result(res, s.client.doJSON(ctx, r, res, opts))
	return err
}
