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

// vectorStoreState is the emulator's state for this family (issue 14, family 8). h.mu guards it.
type vectorStoreState struct {
	stores map[string]*vectorStoreRec
}

// vectorStoreRec is a LiteLLM_ManagedVectorStoresTable row
// (vector_store_endpoints/management_endpoints.py).
type vectorStoreRec struct {
	seq                 int64
	id, provider        string
	name, description   *string
	metadata            map[string]any
	credentialName      *string
	litellmParams       map[string]any
	teamID, userID      *string
	createdAt, updateAt time.Time
}

// vectorStoreRouteClass gates the vector store management routes: the list
// is an LLM API route (any key), the rest are admin routes (1.106.12 adds
// /vector_store/info to the self-managed routes; the emulator keeps 1.88.0's
// rule for both).
func vectorStoreRouteClass(opID string) (class int, ok bool) {
	switch strings.ToLower(opID) {
	case "vectorstorelist", "vectorstorelistv1":
		return routeAnyKey, true
	case "vectorstorenew", "vectorstoreinfo", "vectorstoreupdate", "vectorstoredelete":
		return routeAdmin, true
	}
	return 0, false
}

// vectorStoreNoDB is the no-database answer of the vector store routes.
// The list reads the database only when there is one, so it answers an
// empty list. /vector_store/new of 1.88.0 wraps its own HTTPException.
func (h *handler) vectorStoreNoDB(opID string) *apiError {
	switch strings.ToLower(opID) {
	case "vectorstorenew":
		if h.is106() {
			return detailErr(http.StatusInternalServerError, "Database not connected")
		}
		return detailErr(http.StatusInternalServerError, "500: Database not connected")
	case "vectorstoreinfo", "vectorstoreupdate", "vectorstoredelete":
		return detailErr(http.StatusInternalServerError, "Database not connected")
	}
	return nil
}

// vectorStoreMap returns the store map, made on first use. h.mu must be held.
func (h *handler) vectorStoreMap() map[string]*vectorStoreRec {
	if h.vectorStores.stores == nil {
		h.vectorStores.stores = map[string]*vectorStoreRec{}
	}
	return h.vectorStores.stores
}

// vectorStoreView renders a store; written is true for the answers of new
// and update (the prisma row, timestamps with +00:00), false for info and
// list (timestamps with Z).
func (v *vectorStoreRec) view(written bool) map[string]any {
	ts := spendTime
	if written {
		ts = isoTime
	}
	var meta any
	if v.metadata != nil {
		meta = v.metadata
	}
	params := v.litellmParams
	if params == nil {
		params = map[string]any{}
	}
	return map[string]any{
		"vector_store_id": v.id, "custom_llm_provider": v.provider,
		"vector_store_name": v.name, "vector_store_description": v.description,
		"vector_store_metadata": meta, "created_at": ts(v.createdAt), "updated_at": ts(v.updateAt),
		"litellm_credential_name": v.credentialName, "litellm_params": params,
		"team_id": v.teamID, "user_id": v.userID,
	}
}

// vectorStoreErr is an HTTPException that 1.88.0's /vector_store/new raises
// inside its try block: it answers HTTP 500 with "<status>: <detail>";
// 1.106.12 re-raises it as it is.
func (h *handler) vectorStoreErr(status int, detail string) *apiError {
	if h.is106() {
		return detailErr(status, detail)
	}
	return detailErr(http.StatusInternalServerError, fmt.Sprintf("%d: %s", status, detail))
}

// vectorStoreNotFound is the answer for an unknown id.
func vectorStoreNotFound(id string) *apiError {
	return detailErr(http.StatusNotFound, fmt.Sprintf("Vector store with ID %s not found", id))
}

// optString is a JSON string field of body, or nil.
func optString(body map[string]any, k string) *string {
	if s, ok := body[k].(string); ok {
		return &s
	}
	return nil
}

// VectorStoreNew is POST /vector_store/new.
func (h *handler) VectorStoreNew(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.VectorStoreNewRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		if req.VectorStoreID == "" || req.CustomLlmProvider == "" {
			return nil, h.vectorStoreErr(http.StatusBadRequest, "vector_store_id and custom_llm_provider are required")
		}
		stores := h.vectorStoreMap()
		if stores[req.VectorStoreID] != nil {
			return nil, h.vectorStoreErr(http.StatusBadRequest, fmt.Sprintf("Vector store with ID %s already exists", req.VectorStoreID))
		}
		now := h.now()
		v := &vectorStoreRec{
			seq: h.nextSeq(), id: req.VectorStoreID, provider: req.CustomLlmProvider,
			name: optString(body, "vector_store_name"), description: optString(body, "vector_store_description"),
			credentialName: optString(body, "litellm_credential_name"),
			createdAt:      now, updateAt: now, userID: ptr(callerID(p)),
		}
		if m, ok := body["vector_store_metadata"].(map[string]any); ok {
			v.metadata = m
		}
		if m, ok := body["litellm_params"].(map[string]any); ok {
			v.litellmParams = withoutNulls(m)
		}
		if t := p.teamID(); t != "" {
			v.teamID = ptr(t)
		}
		stores[v.id] = v
		return map[string]any{
			"status": "success", "message": fmt.Sprintf("Vector store %s created successfully", v.id),
			"vector_store": v.view(true),
		}, nil
	})
}

// vectorStoreList is the page of both list routes.
func (h *handler) vectorStoreList(w http.ResponseWriter, page, pageSize *int) {
	pg, size := 1, 100
	if page != nil {
		pg = *page
	}
	if pageSize != nil {
		size = *pageSize
	}
	h.do(w, func() (any, *apiError) {
		if size < 1 {
			if h.is106() {
				return nil, detailErr(http.StatusBadRequest, fmt.Sprintf("page_size must be >= 1, got page_size=%d", size))
			}
			// Python's floor division by zero, caught by the endpoint.
			return nil, detailErr(http.StatusInternalServerError, "integer division or modulo by zero")
		}
		var list []*vectorStoreRec
		for _, v := range h.vectorStoreMap() {
			list = append(list, v)
		}
		// The database lists the newest first.
		slices.SortFunc(list, func(a, b *vectorStoreRec) int { return cmp.Compare(b.seq, a.seq) })
		data := []any{}
		for _, v := range list {
			data = append(data, v.view(false))
		}
		// The proxy counts pages but answers every store on each of them.
		return map[string]any{
			"object": "list", "data": data, "total_count": len(data),
			"current_page": pg, "total_pages": (len(data) + size - 1) / size,
		}, nil
	})
}

// VectorStoreList is GET /vector_store/list.
func (h *handler) VectorStoreList(w http.ResponseWriter, r *http.Request, params gen.VectorStoreListParams) {
	h.vectorStoreList(w, params.Page, params.PageSize)
}

// VectorStoreListV1 is GET /v1/vector_store/list.
func (h *handler) VectorStoreListV1(w http.ResponseWriter, r *http.Request, params gen.VectorStoreListV1Params) {
	h.vectorStoreList(w, params.Page, params.PageSize)
}

// VectorStoreInfo is POST /vector_store/info.
func (h *handler) VectorStoreInfo(w http.ResponseWriter, r *http.Request) {
	req, _, ok := decodeBody[gen.VectorStoreIDRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		v := h.vectorStoreMap()[req.VectorStoreID]
		if v == nil {
			return nil, vectorStoreNotFound(req.VectorStoreID)
		}
		return map[string]any{"vector_store": v.view(false)}, nil
	})
}

// VectorStoreUpdate is POST /vector_store/update: the fields sent change.
func (h *handler) VectorStoreUpdate(w http.ResponseWriter, r *http.Request) {
	req, body, ok := decodeBody[gen.VectorStoreUpdateRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		v := h.vectorStoreMap()[req.VectorStoreID]
		if v == nil {
			return nil, vectorStoreNotFound(req.VectorStoreID)
		}
		if _, ok := body["vector_store_name"]; ok {
			v.name = optString(body, "vector_store_name")
		}
		if _, ok := body["vector_store_description"]; ok {
			v.description = optString(body, "vector_store_description")
		}
		if s := optString(body, "custom_llm_provider"); s != nil {
			v.provider = *s
		}
		if m, ok := body["vector_store_metadata"].(map[string]any); ok {
			v.metadata = m
		}
		v.updateAt = h.now()
		return map[string]any{
			"status": "success", "message": fmt.Sprintf("Vector store %s updated successfully", v.id),
			"vector_store": v.view(true),
		}, nil
	})
}

// VectorStoreDelete is POST /vector_store/delete.
func (h *handler) VectorStoreDelete(w http.ResponseWriter, r *http.Request) {
	req, _, ok := decodeBody[gen.VectorStoreIDRequest](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		stores := h.vectorStoreMap()
		if stores[req.VectorStoreID] == nil {
			return nil, vectorStoreNotFound(req.VectorStoreID)
		}
		delete(stores, req.VectorStoreID)
		return map[string]any{"status": "success", "message": fmt.Sprintf("Vector store %s deleted successfully", req.VectorStoreID)}, nil
	})
}
