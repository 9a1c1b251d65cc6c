package facade_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestGuardrailSubmissions(t *testing.T) {
	srv := proxytest.NewServer(proxytest.WithUsers(
		proxytest.User{ID: "alice", Email: "alice@example.com", Teams: []string{"t1"}, Key: "sk-alice"},
		proxytest.User{ID: "bob", Teams: []string{"t2"}, Key: "sk-bob"},
	))
	defer srv.Close()
	ctx := context.Background()
	client := func(key string) *facade.Client {
		c, err := facade.New(srv.URL, facade.WithAPIKey(key))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	admin, alice, bob := client(srv.MasterKey), client("sk-alice"), client("sk-bob")
	params := func() map[string]any {
		return map[string]any{"guardrail": "generic_guardrail_api", "mode": "pre_call",
			"api_base": "https://guard.example.com", "api_key": "sk-guard-0123456789"}
	}

	reg, err := alice.Guardrails.Register(ctx, &facade.GuardrailRegisterRequest{GuardrailName: "pii", LitellmParams: params(), TeamID: "t1",
		GuardrailInfo: map[string]any{"description": "PII scrubber"}})
	if err != nil || reg.Status != "pending_review" || reg.GuardrailID == "" {
		t.Fatalf("register: %+v, %v", reg, err)
	}

	// Refusals, each with the proxy's status.
	for _, tc := range []struct {
		name string
		c    *facade.Client
		req  facade.GuardrailRegisterRequest
		want error
		msg  string
	}{
		{"another team", alice, facade.GuardrailRegisterRequest{GuardrailName: "x", LitellmParams: params(), TeamID: "t2"}, facade.ErrForbidden, "not a member of team 't2'"},
		{"no team", admin, facade.GuardrailRegisterRequest{GuardrailName: "x", LitellmParams: params()}, facade.ErrBadRequest, "team_id is required"},
		{"name in use", admin, facade.GuardrailRegisterRequest{GuardrailName: "pii", LitellmParams: params(), TeamID: "t1"}, facade.ErrBadRequest, "already exists"},
		{"other integration", admin, facade.GuardrailRegisterRequest{GuardrailName: "x", TeamID: "t1",
			LitellmParams: map[string]any{"guardrail": "lakera", "mode": "pre_call"}}, facade.ErrBadRequest, "generic_guardrail_api"},
		{"ftp api_base", admin, facade.GuardrailRegisterRequest{GuardrailName: "x", TeamID: "t1",
			LitellmParams: map[string]any{"guardrail": "generic_guardrail_api", "mode": "pre_call", "api_base": "ftp://h"}}, facade.ErrBadRequest, "http or https"},
		{"no mode", admin, facade.GuardrailRegisterRequest{GuardrailName: "x", TeamID: "t1",
			LitellmParams: map[string]any{"guardrail": "generic_guardrail_api", "api_base": "https://h"}}, facade.ErrBadRequest, "mode is required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.c.Guardrails.Register(ctx, &tc.req)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %v, want %v with %q", err, tc.want, tc.msg)
			}
		})
	}
	if _, err := admin.Guardrails.Register(ctx, &facade.GuardrailRegisterRequest{}); err == nil {
		t.Error("empty request: no error")
	}

	// A pending guardrail is neither listed nor run.
	if list, err := admin.Guardrails.List(ctx); err != nil || len(list) != 0 {
		t.Errorf("v2 list before approval: %+v, %v", list, err)
	}
	if _, err := admin.Guardrails.Apply(ctx, "pii", "x"); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("apply pending: %v, want ErrNotFound", err)
	}

	subs, err := alice.Guardrails.Submissions(ctx, nil)
	if err != nil || len(subs.Submissions) != 1 || subs.Summary.PendingReview != 1 || subs.Summary.Total != 1 {
		t.Fatalf("alice's submissions: %+v, %v", subs, err)
	}
	s := subs.Submissions[0]
	if s.SubmittedByUserID != "alice" || s.SubmittedByEmail != "alice@example.com" || !s.TeamGuardrail || s.TeamID != "t1" {
		t.Errorf("submission: %+v", s)
	}
	if k, _ := s.LitellmParams["api_key"].(string); strings.Contains(k, "0123456789") {
		t.Errorf("api_key not masked: %q", k)
	}
	if subs, err := bob.Guardrails.Submissions(ctx, nil); err != nil || len(subs.Submissions) != 0 {
		t.Errorf("bob sees: %+v, %v", subs, err)
	}
	if _, err := bob.Guardrails.Submissions(ctx, &facade.GuardrailSubmissionListOptions{TeamID: "t1"}); !errors.Is(err, facade.ErrForbidden) {
		t.Errorf("bob filtering t1: %v, want ErrForbidden", err)
	}
	if _, err := bob.Guardrails.Submission(ctx, reg.GuardrailID); !errors.Is(err, facade.ErrForbidden) {
		t.Errorf("bob gets alice's: %v, want ErrForbidden", err)
	}
	if _, err := admin.Guardrails.Submission(ctx, "nope"); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("unknown submission: %v", err)
	}
	for _, lo := range []facade.GuardrailSubmissionListOptions{{Status: "active"}, {Search: "nothing"}} {
		if subs, err := admin.Guardrails.Submissions(ctx, &lo); err != nil || len(subs.Submissions) != 0 || subs.Summary.Total != 1 {
			t.Errorf("filter %+v: %+v, %v", lo, subs, err)
		}
	}
	if subs, err := admin.Guardrails.Submissions(ctx, &facade.GuardrailSubmissionListOptions{Search: "scrub"}); err != nil || len(subs.Submissions) != 1 {
		t.Errorf("search by description: %+v, %v", subs, err)
	}

	// Only an admin reviews; a reviewed submission cannot be reviewed again.
	if _, err := alice.Guardrails.Approve(ctx, reg.GuardrailID); err == nil {
		t.Error("alice approved her own submission")
	}
	rv, err := admin.Guardrails.Approve(ctx, reg.GuardrailID)
	if err != nil || rv.Status != "active" || rv.Message != "Guardrail approved" {
		t.Fatalf("approve: %+v, %v", rv, err)
	}
	if _, err := admin.Guardrails.Reject(ctx, reg.GuardrailID); !errors.Is(err, facade.ErrBadRequest) {
		t.Errorf("reject an active one: %v, want ErrBadRequest", err)
	}
	if _, err := admin.Guardrails.Approve(ctx, "nope"); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("approve unknown: %v", err)
	}
	// Active now: listed to the team (not to bob) and run.
	if list, err := alice.Guardrails.List(ctx); err != nil || len(list) != 1 || list[0].GuardrailName != "pii" {
		t.Errorf("alice's v2 list: %+v, %v", list, err)
	}
	if list, err := bob.Guardrails.List(ctx); err != nil || len(list) != 0 {
		t.Errorf("bob's v2 list: %+v, %v", list, err)
	}
	got, err := admin.Guardrails.Submission(ctx, reg.GuardrailID)
	if err != nil || got.Status != "active" || got.ReviewedAt == "" {
		t.Errorf("reviewed submission: %+v, %v", got, err)
	}

	reg2, err := admin.Guardrails.Register(ctx, &facade.GuardrailRegisterRequest{GuardrailName: "toxic", LitellmParams: params(), TeamID: "t2"})
	if err != nil {
		t.Fatal(err)
	}
	if rv, err := admin.Guardrails.Reject(ctx, reg2.GuardrailID); err != nil || rv.Status != "rejected" {
		t.Errorf("reject: %+v, %v", rv, err)
	}
	subs, err = admin.Guardrails.Submissions(ctx, nil)
	if err != nil || subs.Summary != (facade.GuardrailSubmissionSummary{Total: 2, Active: 1, Rejected: 1}) || subs.Submissions[0].GuardrailName != "toxic" {
		t.Errorf("admin's submissions (newest first): %+v, %v", subs, err)
	}
	for _, f := range []func() error{
		func() error { _, err := admin.Guardrails.Submission(ctx, ""); return err },
		func() error { _, err := admin.Guardrails.Approve(ctx, ""); return err },
		func() error { _, err := admin.Guardrails.Reject(ctx, ""); return err },
	} {
		if err := f(); err == nil {
			t.Error("empty id: no error")
		}
	}
}
