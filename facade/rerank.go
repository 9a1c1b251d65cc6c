package facade

import (
	"context"
	"errors"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// RerankService ranks documents by relevance to a query (POST /rerank).
type RerankService service

// Wire types of the rerank endpoint (the generated types of gen/).
type (
	// RerankRequest is the body of POST /rerank. Documents are strings, or
	// objects whose RankFields are ranked.
	RerankRequest = gen.RerankRequest
	// RerankResponse holds the results, best first.
	RerankResponse = gen.RerankResponse
	// RerankResult is the index of a document and its relevance score.
	RerankResult = gen.RerankResult
)

// Create ranks req.Documents by relevance to req.Query.
//
// Endpoint: POST /rerank (Python: litellm.rerank through the proxy).
func (s *RerankService) Create(ctx context.Context, req *RerankRequest, opts ...Option) (*RerankResponse, error) {
	switch {
	case req == nil:
		return nil, errors.New("POST /rerank: nil request")
	case req.Model == "":
		return nil, errors.New("POST /rerank: model is required")
	case req.Query == "":
		return nil, errors.New("POST /rerank: query is required")
	}
	r := newRequest(http.MethodPost, "/rerank").ofKind(kindChat).
		with(gen.NewRerankRequest(s.client.server, *req))
	res := new(RerankResponse)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}
