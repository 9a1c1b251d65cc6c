package contract

import (
	"context"
	"fmt"
	"net/http"

	"github.com/litellm-go/proxyclient/facade"
)

// tagSteps exercise the tags service: the proxy re-raises its own 400 and
// 404 as HTTP 500 ("404: Tag ... not found"), which the facade matches to
// ErrBadRequest and ErrNotFound.
func tagSteps() []step {
	const tag, missing = "proxyclient-contract-tag", "proxyclient-contract-missing-tag"
	limit := 4.0
	dbDown := detailEnv(http.StatusInternalServerError, "Database not connected")
	return []step{
		{name: "tag create", run: func(ctx context.Context, e *env) error {
			res, err := e.c.Tags.Create(ctx, &facade.TagNewRequest{Name: tag, Description: "contract", MaxBudget: &limit})
			if err == nil && (res.Tag.Name != tag || res.Tag.Description != "contract") {
				return fmt.Errorf("created %+v", res.Tag)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "tag create duplicate", want: facade.ErrBadRequest, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Tags.Create(ctx, &facade.TagNewRequest{Name: tag})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "tag update", run: func(ctx context.Context, e *env) error {
			res, err := e.c.Tags.Update(ctx, &facade.TagUpdateRequest{Name: tag, Description: "contract 2"})
			if err == nil && res.Tag.Description != "contract 2" {
				return fmt.Errorf("updated %+v", res.Tag)
			}
			return err
		}, noDB: dbDown},
		{name: "tag update missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Tags.Update(ctx, &facade.TagUpdateRequest{Name: missing})
			return err
		}, noDB: dbDown},
		{name: "tag get", run: func(ctx context.Context, e *env) error {
			t, err := e.c.Tags.Get(ctx, tag)
			if err == nil && (t.LitellmBudgetTable == nil || t.LitellmBudgetTable.MaxBudget == nil || *t.LitellmBudgetTable.MaxBudget != limit) {
				return fmt.Errorf("tag budget %+v, want max_budget %v", t.LitellmBudgetTable, limit)
			}
			return err
		}, noDB: dbDown},
		{name: "tag get missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Tags.Get(ctx, missing)
			return err
		}, noDB: dbDown},
		{name: "tag list", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Tags.List(ctx, nil)
			return err
		}, noDB: dbDown},
		{name: "tag delete", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Tags.Delete(ctx, tag)
			return err
		}, noDB: dbDown},
		{name: "tag delete missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Tags.Delete(ctx, tag)
			return err
		}, noDB: dbDown},
	}
}
