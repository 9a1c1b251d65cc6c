package facade_test

import (
	"context"
	"errors"
	"testing"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestVectorStoresService(t *testing.T) {
	t.Parallel()
	for _, version := range proxytest.Versions {
		t.Run(version, func(t *testing.T) {
			t.Parallel()
			srv := proxytest.NewServer(proxytest.WithVersion(version))
			defer srv.Close()
			c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			for _, id := range []string{"vs-1", "vs-2"} {
				vs, err := c.VectorStores.Create(ctx, &facade.VectorStoreNewRequest{VectorStoreID: id, CustomLlmProvider: "openai",
					VectorStoreName: "store " + id, VectorStoreMetadata: map[string]any{"owner": "t"}})
				if err != nil || vs.VectorStoreID != id || vs.UserID != "default_user_id" || vs.CreatedAt.IsZero() {
					t.Fatalf("Create(%s) = %+v, %v", id, vs, err)
				}
			}
			// The duplicate: HTTP 500 "400: ..." on 1.88, 400 on 1.106; a bad request on both.
			if _, err := c.VectorStores.Create(ctx, &facade.VectorStoreNewRequest{VectorStoreID: "vs-1", CustomLlmProvider: "openai"}); !errors.Is(err, facade.ErrBadRequest) {
				t.Errorf("duplicate Create: %v, want ErrBadRequest", err)
			}
			if _, err := c.VectorStores.Create(ctx, &facade.VectorStoreNewRequest{VectorStoreID: "vs-3"}); err == nil {
				t.Error("Create without provider: no error")
			}
			// Every page holds every store; All yields each once.
			one := 1
			page, err := c.VectorStores.List(ctx, &facade.VectorStoreListOptions{PageSize: &one})
			if err != nil || len(page.Data) != 2 || page.TotalPages != 2 || page.TotalCount != 2 {
				t.Errorf("List = %+v, %v", page, err)
			}
			var ids []string
			for vs, err := range c.VectorStores.All(ctx) {
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, vs.VectorStoreID)
			}
			if len(ids) != 2 {
				t.Errorf("All = %v", ids)
			}
			vs, err := c.VectorStores.Update(ctx, &facade.VectorStoreUpdateRequest{VectorStoreID: "vs-1", VectorStoreName: "renamed"})
			if err != nil || vs.VectorStoreName != "renamed" || vs.VectorStoreMetadata["owner"] != "t" {
				t.Errorf("Update = %+v, %v", vs, err)
			}
			if vs, err := c.VectorStores.Get(ctx, "vs-1"); err != nil || vs.VectorStoreName != "renamed" {
				t.Errorf("Get = %+v, %v", vs, err)
			}
			if err := c.VectorStores.Delete(ctx, "vs-1"); err != nil {
				t.Fatal(err)
			}
			for name, err := range map[string]error{
				"Get": func() error { _, err := c.VectorStores.Get(ctx, "vs-1"); return err }(),
				"Update": func() error {
					_, err := c.VectorStores.Update(ctx, &facade.VectorStoreUpdateRequest{VectorStoreID: "vs-1"})
					return err
				}(),
				"Delete": c.VectorStores.Delete(ctx, "vs-1"),
			} {
				if !errors.Is(err, facade.ErrNotFound) {
					t.Errorf("%s of a deleted store: %v, want ErrNotFound", name, err)
				}
			}
			if _, err := c.VectorStores.Get(ctx, ""); err == nil {
				t.Error("Get(\"\"): no error")
			}
		})
	}
}
