package contract

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/litellm-go/proxyclient/facade"
)

// guardrailIDs are the ids of the guardrails the steps created, by env.
var guardrailIDs sync.Map // *env -> string

func guardrailID(e *env) string {
	if v, ok := guardrailIDs.Load(e); ok {
		return v.(string)
	}
	return "proxyclient-contract-no-guardrail"
}

// guardrailSteps exercise the Guardrails service (issue 14, family 8). A
// real proxy without a database answers "Prisma client not initialized"
// (HTTP 500) to everything but the v1 list and apply_guardrail; 1.106 also
// lists (v2) and looks up (404) the config file's guardrails.
func guardrailSteps() []step {
	const name, missing = "proxyclient-contract-guardrail", "proxyclient-contract-missing-guardrail"
	prisma := detailEnv(http.StatusInternalServerError, "Prisma client not initialized")
	lookup := map[string]*answer{"1.106.12": detailEnv(http.StatusNotFound, "not found")}
	spec := func(n string, typ string) *facade.GuardrailSpec {
		return &facade.GuardrailSpec{GuardrailName: n, GuardrailInfo: map[string]any{"description": "contract"},
			LitellmParams: facade.GuardrailParams{Guardrail: typ, Mode: "pre_call", BlockedWords: []facade.GuardrailBlockedWord{
				{Keyword: "contractsecret", Action: facade.GuardrailMask}, {Keyword: "contractforbidden", Action: facade.GuardrailBlock}}}}
	}
	return append([]step{
		{name: "guardrail list config", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Guardrails.ListConfig(ctx)
			return err
		}},
		{name: "guardrail create", run: func(ctx context.Context, e *env) error {
			g, err := e.c.Guardrails.Create(ctx, spec(name, "litellm_content_filter"))
			if err == nil {
				if g.GuardrailID == "" || g.GuardrailName != name {
					return fmt.Errorf("created %+v", g)
				}
				guardrailIDs.Store(e, g.GuardrailID)
			}
			return err
		}, noDB: prisma},
		{name: "guardrail create unknown integration", want: facade.ErrBadRequest, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Guardrails.Create(ctx, spec(name+"-x", "proxyclient-no-such-integration"))
			return err
		}, noDB: prisma},
		{name: "guardrail list", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Guardrails.List(ctx)
			return err
		}, noDBIn: map[string]*answer{"1.88.0": prisma}},
		{name: "guardrail get", run: func(ctx context.Context, e *env) error {
			g, err := e.c.Guardrails.Get(ctx, guardrailID(e))
			if err == nil && (g.GuardrailDefinitionLocation != "db" || g.LitellmParams == nil || len(g.LitellmParams.BlockedWords) != 2) {
				return fmt.Errorf("got %+v", g)
			}
			return err
		}, noDB: prisma, noDBIn: lookup},
		{name: "guardrail info missing", readOnly: true, want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Guardrails.Info(ctx, missing)
			return err
		}, noDB: prisma, noDBIn: lookup},
		{name: "guardrail apply", run: func(ctx context.Context, e *env) error {
			out, err := e.c.Guardrails.Apply(ctx, name, "a contractsecret text")
			if err == nil && out != "a [KEYWORD_REDACTED] text" {
				return fmt.Errorf("applied: %q", out)
			}
			return err
		}, noDB: errorEnv(http.StatusNotFound, "internal_server_error", "not found")},
		{name: "guardrail apply blocked", want: facade.ErrBadRequest, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Guardrails.ApplyAlias(ctx, name, "a contractforbidden text")
			return err
		}, noDB: errorEnv(http.StatusNotFound, "internal_server_error", "not found")},
		{name: "guardrail apply unknown", readOnly: true, want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Guardrails.Apply(ctx, missing, "text")
			return err
		}},
		{name: "guardrail patch", run: func(ctx context.Context, e *env) error {
			g, err := e.c.Guardrails.Patch(ctx, guardrailID(e), &facade.GuardrailPatchRequest{GuardrailInfo: map[string]any{"description": "patched"}})
			if err == nil && g.GuardrailInfo["description"] != "patched" {
				return fmt.Errorf("patched %+v", g)
			}
			return err
		}, noDB: prisma},
		{name: "guardrail update", run: func(ctx context.Context, e *env) error {
			g, err := e.c.Guardrails.Update(ctx, guardrailID(e), spec(name, "litellm_content_filter"))
			if err == nil && g.GuardrailInfo["description"] != "contract" {
				return fmt.Errorf("updated %+v", g)
			}
			return err
		}, noDB: prisma},
		{name: "guardrail delete", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Guardrails.Delete(ctx, guardrailID(e))
			return err
		}, noDB: prisma},
		{name: "guardrail delete missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Guardrails.Delete(ctx, missing)
			return err
		}, noDB: prisma},
	}, guardrailSubmissionSteps()...)
}

// submissionIDs are the ids of the team submissions the steps made, by env.
var submissionIDs sync.Map // *env -> []string

func submissionID(e *env, i int) string {
	if v, ok := submissionIDs.Load(e); ok && len(v.([]string)) > i {
		return v.([]string)[i]
	}
	return "proxyclient-contract-no-submission"
}

// guardrailSubmissionSteps register two team guardrails, review one of
// each way and delete both. Every call needs a database: a real proxy
// without one answers "Prisma client not initialized" (HTTP 500).
func guardrailSubmissionSteps() []step {
	const team = "proxyclient-contract-guardrail-team"
	prisma := detailEnv(http.StatusInternalServerError, "Prisma client not initialized")
	register := func(name string) func(ctx context.Context, e *env) error {
		return func(ctx context.Context, e *env) error {
			reg, err := e.c.Guardrails.Register(ctx, &facade.GuardrailRegisterRequest{GuardrailName: name, TeamID: team,
				LitellmParams: map[string]any{"guardrail": "generic_guardrail_api", "mode": "pre_call", "api_base": "https://guard.invalid"}})
			if err != nil {
				return err
			}
			if reg.Status != "pending_review" {
				return fmt.Errorf("registered %+v", reg)
			}
			ids, _ := submissionIDs.Load(e)
			list, _ := ids.([]string)
			submissionIDs.Store(e, append(list, reg.GuardrailID))
			return nil
		}
	}
	review := func(i int, approve bool, want string) func(ctx context.Context, e *env) error {
		return func(ctx context.Context, e *env) error {
			f := e.c.Guardrails.Reject
			if approve {
				f = e.c.Guardrails.Approve
			}
			rv, err := f(ctx, submissionID(e, i))
			if err == nil && rv.Status != want {
				return fmt.Errorf("reviewed %+v, want status %s", rv, want)
			}
			return err
		}
	}
	return []step{
		{name: "guardrail register", run: register("proxyclient-contract-team-guardrail"), noDB: prisma},
		{name: "guardrail register second", run: register("proxyclient-contract-team-guardrail-2"), noDB: prisma},
		{name: "guardrail register other integration", want: facade.ErrBadRequest, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Guardrails.Register(ctx, &facade.GuardrailRegisterRequest{GuardrailName: "proxyclient-contract-x", TeamID: team,
				LitellmParams: map[string]any{"guardrail": "lakera", "mode": "pre_call"}})
			return err
		}, noDB: prisma},
		{name: "guardrail submissions", readOnly: true, run: func(ctx context.Context, e *env) error {
			list, err := e.c.Guardrails.Submissions(ctx, &facade.GuardrailSubmissionListOptions{TeamID: team, Status: "pending_review"})
			if err == nil && len(list.Submissions) != 2 {
				return fmt.Errorf("pending submissions of %s: %+v", team, list.Submissions)
			}
			return err
		}, noDB: prisma},
		{name: "guardrail submission get", run: func(ctx context.Context, e *env) error {
			s, err := e.c.Guardrails.Submission(ctx, submissionID(e, 0))
			if err == nil && (s.TeamID != team || !s.TeamGuardrail) {
				return fmt.Errorf("got %+v", s)
			}
			return err
		}, noDB: prisma},
		{name: "guardrail submission get missing", readOnly: true, want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Guardrails.Submission(ctx, "proxyclient-contract-missing-submission")
			return err
		}, noDB: prisma},
		{name: "guardrail submission approve", run: review(0, true, "active"), noDB: prisma},
		{name: "guardrail submission reject", run: review(1, false, "rejected"), noDB: prisma},
		{name: "guardrail submission reject reviewed", want: facade.ErrBadRequest, run: review(0, false, "rejected"), noDB: prisma},
		{name: "guardrail submissions delete", run: func(ctx context.Context, e *env) error {
			for i := range 2 {
				if _, err := e.c.Guardrails.Delete(ctx, submissionID(e, i)); err != nil {
					return err
				}
			}
			return nil
		}, noDB: prisma},
	}
}
