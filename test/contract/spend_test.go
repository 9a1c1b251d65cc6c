package contract

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/litellm-go/proxyclient/facade"
)

// spendSteps exercise the spend routes, after the chat steps booked some
// spend. Their no-database answers were checked against 1.88.0 and
// 1.106.12 (the same in both).
func spendSteps() []step {
	const noDBSpend = "Database not connected"
	// A range around now: end_date is a midnight, so it is tomorrow's.
	day := func(d int) string { return time.Now().UTC().AddDate(0, 0, d).Format(time.DateOnly) }
	checkRows := func(rows []facade.SpendLog) error {
		for _, r := range rows {
			if r.RequestID == "" || r.CallType == "" {
				return fmt.Errorf("spend log row without request id or call type: %+v", r)
			}
		}
		return nil
	}
	return []step{
		{name: "spend logs", readOnly: true, run: func(ctx context.Context, e *env) error {
			rows, err := e.c.Spend.Logs(ctx, nil)
			if err != nil {
				return err
			}
			return checkRows(rows)
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_error", noDBSpend)},
		{name: "spend logs in a date range", readOnly: true, run: func(ctx context.Context, e *env) error {
			rows, err := e.c.Spend.Logs(ctx, &facade.SpendLogOptions{Start: day(-1), End: day(1)})
			if err != nil {
				return err
			}
			return checkRows(rows)
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_error", noDBSpend)},
		{name: "spend logs page", readOnly: true, run: func(ctx context.Context, e *env) error {
			p, err := e.c.Spend.LogsPage(ctx, &facade.SpendLogPageOptions{Start: day(-1), End: day(1), Size: 2})
			if err != nil {
				return err
			}
			if p.Page != 1 || p.PageSize != 2 || len(p.Data) > 2 || p.Total < len(p.Data) {
				return fmt.Errorf("page %d size %d total %d with %d rows", p.Page, p.PageSize, p.Total, len(p.Data))
			}
			return checkRows(p.Data)
		}, noDB: errorEnv(http.StatusUnauthorized, "internal_error", "Prisma Client is not initialized")},
		{name: "spend logs all", readOnly: true, run: func(ctx context.Context, e *env) error {
			for r, err := range e.c.Spend.AllLogs(ctx, &facade.SpendLogPageOptions{Start: day(-1), End: day(1), Size: 5}) {
				if err != nil {
					return err
				}
				if err := checkRows([]facade.SpendLog{*r}); err != nil {
					return err
				}
			}
			return nil
		}, noDB: errorEnv(http.StatusUnauthorized, "internal_error", "Prisma Client is not initialized")},
		{name: "spend tags", readOnly: true, run: func(ctx context.Context, e *env) error {
			tags, err := e.c.Spend.Tags(ctx, "", "")
			for _, t := range tags {
				if t.IndividualRequestTag == "" || t.LogCount < 1 {
					return fmt.Errorf("tag row %+v", t)
				}
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_error", noDBSpend)},
		{name: "spend report (Enterprise only)", readOnly: true, wantErr: detailEnv(http.StatusBadRequest, "LiteLLM Enterprise"),
			run: func(ctx context.Context, e *env) error {
				_, err := e.c.Spend.Report(ctx, &facade.SpendReportOptions{Start: day(-1), End: day(1), GroupBy: "team"})
				return err
			}, noDB: detailEnv(http.StatusBadRequest, noDBSpend)},
		{name: "organization daily activity", readOnly: true, run: func(ctx context.Context, e *env) error {
			a, err := e.c.Spend.OrganizationActivity(ctx, &facade.ActivityOptions{Start: day(-1), End: day(1)})
			if err == nil && (a.Metadata.Page != 1 || a.Metadata.TotalSpend < 0) {
				return fmt.Errorf("metadata %+v", a.Metadata)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage), noDBIn: orgNoDB106},
		{name: "customer daily activity", readOnly: true, run: func(ctx context.Context, e *env) error {
			a, err := e.c.Spend.CustomerActivity(ctx, &facade.ActivityOptions{Start: day(-1), End: day(1), Size: 5})
			if err == nil && a.Metadata.Page != 1 {
				return fmt.Errorf("metadata %+v", a.Metadata)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "spend calculate", readOnly: true, run: func(ctx context.Context, e *env) error {
			cost, err := e.c.Spend.Calculate(ctx, &facade.SpendCalculateRequest{Model: e.chatModel(ctx),
				Messages: []facade.ChatMessage{facade.UserMessage("how much is this")}})
			if err == nil && cost < 0 {
				return fmt.Errorf("cost %v", cost)
			}
			return err
		}},
		{name: "spend calculate without a model", readOnly: true, want: facade.ErrBadRequest, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Spend.Calculate(ctx, &facade.SpendCalculateRequest{CompletionResponse: map[string]any{}})
			if err == nil {
				return errors.New("no error")
			}
			return err
		}},
	}
}
