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
	return []step{
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
	}
}
