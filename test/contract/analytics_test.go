package contract

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"slices"
	"time"

	"github.com/litellm-go/proxyclient/facade"
)

// analyticsTag is the request tag of the analytics steps' chat.
const analyticsTag = "proxyclient-contract-tag"

// analyticsSteps are the contract steps of this family (issue 14): the
// tag analytics and the global spend routes. A chat with a tag comes
// first, so that a proxy that books spend at once (the emulator) has
// something to count; a real proxy's daily tag spend is written later
// (its spend updater runs every minute), so only the shapes are checked
// there. Without a database: /tag/daily/activity answers {"detail":
// "Database not connected"}, the other tag routes {"detail": {"error":
// "DB not connected..."}}, /global/spend/tags a ProxyException with its
// traceback, and /global/spend/reset "Prisma Client is not initialized"
// (HTTP 401).
func analyticsSteps() []step {
	dbDetail := detailEnv(http.StatusInternalServerError, dbMessage)
	day := func() string { return time.Now().UTC().Format(time.DateOnly) }
	tagged := facade.TagFilter{Tags: []string{analyticsTag}}
	// counted checks a tag's count where the proxy counts at once: the
	// emulator (a real proxy without a database never gets here; one with
	// a database, LITELLM_PROXY_URL, writes its daily tag spend later).
	counted := func(what string, n int) error {
		if n == 0 && os.Getenv("LITELLM_PROXY_URL") == "" {
			return fmt.Errorf("%s: the tagged chat was not counted", what)
		}
		return nil
	}
	return []step{
		{name: "analytics tagged chat", readOnly: true, run: func(ctx context.Context, e *env) error {
			req := chatReq(e.chatModel(ctx))
			req.Metadata = map[string]any{"tags": []string{analyticsTag}}
			_, err := e.c.Chat.Completions.Create(ctx, req)
			return err
		}},
		{name: "tag daily activity", readOnly: true, run: func(ctx context.Context, e *env) error {
			res, err := e.c.Tags.DailyActivity(ctx, &facade.TagActivityOptions{Start: day(), End: day(), Tags: []string{analyticsTag}})
			if err != nil {
				return err
			}
			if res.Results == nil {
				return fmt.Errorf("tag daily activity: nil results, want a (possibly empty) list")
			}
			return counted("tag daily activity", res.Metadata.TotalAPIRequests)
		}, noDB: detailEnv(http.StatusInternalServerError, "Database not connected")},
		{name: "tag daily activity without dates", readOnly: true, run: func(ctx context.Context, e *env) error {
			return e.c.HTTP.Get(ctx, "/tag/daily/activity", nil)
		}, wantErr: detailEnv(http.StatusBadRequest, "Please provide start_date and end_date"),
			noDB: detailEnv(http.StatusInternalServerError, "Database not connected")},
		{name: "tag summary", readOnly: true, run: func(ctx context.Context, e *env) error {
			sums, err := e.c.Tags.Summary(ctx, &facade.TagSummaryOptions{Start: day(), End: day(), TagFilter: tagged})
			if err != nil {
				return err
			}
			n := 0
			for _, s := range sums {
				if s.Tag == analyticsTag {
					n = s.TotalRequests
				}
			}
			return counted("tag summary", n)
		}, noDB: dbDetail},
		{name: "tag summary bad date", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Tags.Summary(ctx, &facade.TagSummaryOptions{Start: "12/01/2026", End: day()})
			return err
		}, wantErr: detailEnv(http.StatusBadRequest, "Invalid date format. Use YYYY-MM-DD"), noDB: dbDetail},
		{name: "tag distinct", readOnly: true, run: func(ctx context.Context, e *env) error {
			tags, err := e.c.Tags.Distinct(ctx)
			if err != nil {
				return err
			}
			return counted("tag distinct", len(slices.DeleteFunc(tags, func(t string) bool { return t != analyticsTag })))
		}, noDB: dbDetail},
		{name: "tag dau", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Tags.DailyActiveUsers(ctx, &tagged)
			return err
		}, noDB: dbDetail},
		{name: "tag wau", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Tags.WeeklyActiveUsers(ctx, &facade.TagFilter{Contains: "proxyclient"})
			return err
		}, noDB: dbDetail},
		{name: "tag mau", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Tags.MonthlyActiveUsers(ctx, nil)
			return err
		}, noDB: dbDetail},
		{name: "tag per-user analytics", readOnly: true, run: func(ctx context.Context, e *env) error {
			p, err := e.c.Tags.UserUsage(ctx, &facade.TagUserUsageOptions{TagFilter: tagged, Page: 1, Size: 10})
			if err == nil && (p.Page != 1 || p.PageSize != 10 || p.Results == nil) {
				return fmt.Errorf("per-user analytics page %+v", p)
			}
			return err
		}, noDB: dbDetail},
		{name: "global spend tags", readOnly: true, run: func(ctx context.Context, e *env) error {
			tags, err := e.c.Spend.GlobalTags(ctx, &facade.GlobalSpendTagsOptions{Start: day(), End: day(), Tags: []string{analyticsTag}})
			if err != nil {
				return err
			}
			n := 0
			for _, t := range tags {
				if t.Name == analyticsTag {
					n = t.LogCount
				}
			}
			return counted("global spend tags", n)
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_error", "/spend/tags Error"+"Database not connected")},
		{name: "global spend tags without dates", readOnly: true, run: func(ctx context.Context, e *env) error {
			return e.c.HTTP.Get(ctx, "/global/spend/tags", nil)
		}, wantErr: errorEnv(http.StatusBadRequest, "bad_request", "Please provide start_date and end_date"),
			noDB: errorEnv(http.StatusInternalServerError, "internal_error", "Database not connected")},
		// Safe on every proxy: another key is refused before anything is read.
		{name: "global spend reset, not the master key", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Spend.Reset(ctx, facade.WithAPIKey("sk-proxyclient-contract-not-the-master-key"))
			return err
		}, wantErr: errorEnv(http.StatusUnauthorized, "auth_error", "which is only for MASTER KEY")},
		{name: "global spend reset", run: func(ctx context.Context, e *env) error {
			if os.Getenv("LITELLM_PROXY_URL") != "" && !e.noDB {
				// Somebody's proxy with a database: resetting every key's and
				// team's spend is not the contract suite's to do.
				return nil
			}
			res, err := e.c.Spend.Reset(ctx)
			if err == nil && res.Status != "success" {
				return fmt.Errorf("reset: %+v", res)
			}
			return err
		}, noDB: errorEnv(http.StatusUnauthorized, "internal_error", "Prisma Client is not initialized")},
	}
}
