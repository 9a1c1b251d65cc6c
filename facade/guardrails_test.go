package facade_test

import (
	"context"
	"errors"
	"testing"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestGuardrails(t *testing.T) {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	spec := &facade.GuardrailSpec{GuardrailName: "words", LitellmParams: facade.GuardrailParams{
		Guardrail: "litellm_content_filter", Mode: "pre_call",
		BlockedWords: []facade.GuardrailBlockedWord{{Keyword: "secret", Action: facade.GuardrailMask}, {Keyword: "bomb", Action: facade.GuardrailBlock}},
	}}
	g, err := c.Guardrails.Create(ctx, spec)
	if err != nil || g.GuardrailID == "" || g.LitellmParams == nil || g.LitellmParams.Guardrail != "litellm_content_filter" {
		t.Fatalf("create: %+v, %v", g, err)
	}
	if _, err := c.Guardrails.Create(ctx, spec); err == nil {
		t.Error("duplicate create: no error")
	}
	bad := *spec
	bad.GuardrailName = "bad"
	bad.LitellmParams.Guardrail = "nope"
	if _, err := c.Guardrails.Create(ctx, &bad); !errors.Is(err, facade.ErrBadRequest) {
		t.Errorf("unknown type: %v, want ErrBadRequest", err)
	}
	list, err := c.Guardrails.List(ctx)
	if err != nil || len(list) != 1 || list[0].GuardrailDefinitionLocation != "db" {
		t.Errorf("list: %+v, %v", list, err)
	}
	if cfgList, err := c.Guardrails.ListConfig(ctx); err != nil || len(cfgList) != 0 {
		t.Errorf("config list: %+v, %v", cfgList, err)
	}
	if got, err := c.Guardrails.Get(ctx, g.GuardrailID); err != nil || got.GuardrailName != "words" {
		t.Errorf("get: %+v, %v", got, err)
	}
	if _, err := c.Guardrails.Info(ctx, "missing"); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("info missing: %v", err)
	}
	if out, err := c.Guardrails.Apply(ctx, "words", "a secret plan"); err != nil || out != "a [KEYWORD_REDACTED] plan" {
		t.Errorf("apply: %q, %v", out, err)
	}
	if _, err := c.Guardrails.ApplyAlias(ctx, "words", "a bomb"); !errors.Is(err, facade.ErrBadRequest) {
		t.Errorf("apply blocked: %v", err)
	}
	if _, err := c.Guardrails.Apply(ctx, "nope", "x"); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("apply unknown: %v", err)
	}
	p, err := c.Guardrails.Patch(ctx, g.GuardrailID, &facade.GuardrailPatchRequest{GuardrailInfo: map[string]any{"description": "d"}})
	if err != nil || p.GuardrailInfo["description"] != "d" {
		t.Errorf("patch: %+v, %v", p, err)
	}
	spec.GuardrailName = "words2"
	if u, err := c.Guardrails.Update(ctx, g.GuardrailID, spec); err != nil || u.GuardrailName != "words2" {
		t.Errorf("update: %+v, %v", u, err)
	}
	if msg, err := c.Guardrails.Delete(ctx, g.GuardrailID); err != nil || msg == "" {
		t.Errorf("delete: %q, %v", msg, err)
	}
	if _, err := c.Guardrails.Delete(ctx, g.GuardrailID); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("delete again: %v", err)
	}
	if _, err := c.Guardrails.Create(ctx, &facade.GuardrailSpec{}); err == nil {
		t.Error("empty spec: no error")
	}
}
