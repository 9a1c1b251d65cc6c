package contract

import (
	"context"
	"fmt"
	"net/http"

	"github.com/litellm-go/proxyclient/facade"
)

// vectorStoreSteps exercise the VectorStores service (issue 14, family 8).
// Without a database the list is empty (the proxy reads the table only
// when it has one) and the other routes answer "Database not connected"
// (1.88.0's /vector_store/new as "500: Database not connected").
func vectorStoreSteps() []step {
	const id, missing = "proxyclient-contract-vs", "proxyclient-contract-missing-vs"
	dbDown := detailEnv(http.StatusInternalServerError, "Database not connected")
	return []step{
		{name: "vector store create", run: func(ctx context.Context, e *env) error {
			vs, err := e.c.VectorStores.Create(ctx, &facade.VectorStoreNewRequest{VectorStoreID: id, CustomLlmProvider: "openai",
				VectorStoreName: "contract"})
			if err == nil && (vs.VectorStoreID != id || vs.VectorStoreName != "contract") {
				return fmt.Errorf("created %+v", vs)
			}
			return err
		}, noDB: dbDown},
		{name: "vector store create duplicate", want: facade.ErrBadRequest, run: func(ctx context.Context, e *env) error {
			_, err := e.c.VectorStores.Create(ctx, &facade.VectorStoreNewRequest{VectorStoreID: id, CustomLlmProvider: "openai"})
			return err
		}, noDB: dbDown},
		{name: "vector store list", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.VectorStores.List(ctx, nil)
			return err
		}},
		{name: "vector store list /v1", readOnly: true, run: func(ctx context.Context, e *env) error {
			var out facade.VectorStoreList
			if err := e.c.HTTP.Get(ctx, "/v1/vector_store/list", &out); err != nil {
				return err
			}
			if out.Object != "list" {
				return fmt.Errorf("/v1/vector_store/list: object %q", out.Object)
			}
			return nil
		}},
		{name: "vector store update", run: func(ctx context.Context, e *env) error {
			vs, err := e.c.VectorStores.Update(ctx, &facade.VectorStoreUpdateRequest{VectorStoreID: id, VectorStoreName: "contract 2"})
			if err == nil && vs.VectorStoreName != "contract 2" {
				return fmt.Errorf("updated %+v", vs)
			}
			return err
		}, noDB: dbDown},
		{name: "vector store get", run: func(ctx context.Context, e *env) error {
			_, err := e.c.VectorStores.Get(ctx, id)
			return err
		}, noDB: dbDown},
		{name: "vector store get missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.VectorStores.Get(ctx, missing)
			return err
		}, noDB: dbDown},
		{name: "vector store delete", run: func(ctx context.Context, e *env) error {
			return e.c.VectorStores.Delete(ctx, id)
		}, noDB: dbDown},
		{name: "vector store delete missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			return e.c.VectorStores.Delete(ctx, id)
		}, noDB: dbDown},
	}
}
