package facade

import (
	"context"
	"errors"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// Team guardrail submissions: a team registers a guardrail of the Generic
// Guardrail API (https://docs.litellm.ai/docs/adding_provider/generic_guardrail_api),
// which waits with status "pending_review" until a proxy admin approves it
// (it becomes "active": listed by [GuardrailsService.List] and run like any
// other guardrail) or rejects it. Every call needs a database.
type (
	// GuardrailRegisterRequest is the body of Register: GuardrailName and
	// LitellmParams (guardrail "generic_guardrail_api", mode, api_base) are
	// required; TeamID defaults to the key's team.
	GuardrailRegisterRequest = gen.GuardrailRegisterRequest
	// GuardrailRegistration is the answer of Register.
	GuardrailRegistration = gen.GuardrailRegisterResponse
	// GuardrailSubmission is a team's guardrail submission, with secret
	// values of LitellmParams masked.
	GuardrailSubmission = gen.GuardrailSubmission
	// GuardrailSubmissionList is the answer of Submissions: the submissions
	// that pass the filters, and counts by status of all those the caller
	// may see.
	GuardrailSubmissionList = gen.GuardrailSubmissionList
	// GuardrailSubmissionSummary counts, by status, the submissions the
	// caller may see (before Submissions' filters).
	GuardrailSubmissionSummary = gen.GuardrailSubmissionSummary
	// GuardrailSubmissionListOptions filter Submissions by Status
	// ("pending_review", "active", "rejected"), TeamID and Search (a part of
	// the name or description).
	GuardrailSubmissionListOptions = gen.GuardrailSubmissionListParams
	// GuardrailReview is the answer of Approve and Reject.
	GuardrailReview = gen.GuardrailReviewResponse
)

// Register submits a guardrail of the Generic Guardrail API for a team's
// use; it waits for a proxy admin's review. A caller who is not an admin
// may only register for a team it belongs to (an error matching
// [ErrForbidden]); a name in use, another integration than
// "generic_guardrail_api", or a missing mode or http(s) api_base is an
// error matching [ErrBadRequest].
//
// Endpoint: POST /guardrails/register (Python: none).
func (s *GuardrailsService) Register(ctx context.Context, req *GuardrailRegisterRequest, opts ...Option) (*GuardrailRegistration, error) {
	if req == nil || req.GuardrailName == "" || req.LitellmParams == nil {
		return nil, errors.New("POST /guardrails/register: guardrail name and litellm_params are required")
	}
	r := newRequest(http.MethodPost, "/guardrails/register").
		with(gen.NewGuardrailRegisterRequest(s.client.server, *req))
	out := new(GuardrailRegistration)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// Submissions lists the team submissions the caller may see, newest first
// (lo may be nil): a proxy admin sees every team's, others those of their
// teams. The proxy does not page this list.
//
// Endpoint: GET /guardrails/submissions (Python: none).
func (s *GuardrailsService) Submissions(ctx context.Context, lo *GuardrailSubmissionListOptions, opts ...Option) (*GuardrailSubmissionList, error) {
	if lo == nil {
		lo = &GuardrailSubmissionListOptions{}
	}
	r := newRequest(http.MethodGet, "/guardrails/submissions").
		with(gen.NewGuardrailSubmissionListRequest(s.client.server, lo))
	out := new(GuardrailSubmissionList)
	if err := s.client.doJSON(ctx, r, out, opts); err != nil {
		return result[*GuardrailSubmissionList](nil, err)
	}
	if out.Submissions == nil {
		out.Submissions = []GuardrailSubmission{}
	}
	return out, nil
}

// Submission returns the submission id. An unknown id is an error matching
// [ErrNotFound]; one of a team the caller is not in, [ErrForbidden].
//
// Endpoint: GET /guardrails/submissions/{guardrail_id} (Python: none).
func (s *GuardrailsService) Submission(ctx context.Context, id string, opts ...Option) (*GuardrailSubmission, error) {
	if id == "" {
		return nil, errors.New("GET /guardrails/submissions/{guardrail_id}: guardrail id is required")
	}
	r := newRequest(http.MethodGet, "/guardrails/submissions/{guardrail_id}").
		with(gen.NewGuardrailSubmissionGetRequest(s.client.server, id))
	out := new(GuardrailSubmission)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// Approve makes the pending submission id active (proxy admins only). An
// unknown id is an error matching [ErrNotFound]; a submission that is not
// pending review, [ErrBadRequest]. GuardrailReview.Warning is set when the
// proxy could not start the guardrail yet (it retries on its next sync).
//
// Endpoint: POST /guardrails/submissions/{guardrail_id}/approve (Python: none).
func (s *GuardrailsService) Approve(ctx context.Context, id string, opts ...Option) (*GuardrailReview, error) {
	return s.review(ctx, "approve", id, gen.NewGuardrailSubmissionApproveRequest, opts)
}

// Reject rejects the pending submission id (proxy admins only), with the
// errors of Approve.
//
// Endpoint: POST /guardrails/submissions/{guardrail_id}/reject (Python: none).
func (s *GuardrailsService) Reject(ctx context.Context, id string, opts ...Option) (*GuardrailReview, error) {
	return s.review(ctx, "reject", id, gen.NewGuardrailSubmissionRejectRequest, opts)
}

// review is Approve and Reject.
func (s *GuardrailsService) review(ctx context.Context, verb, id string,
	build func(server, id string) (*http.Request, error), opts []Option) (*GuardrailReview, error) {
	route := "/guardrails/submissions/{guardrail_id}/" + verb
	if id == "" {
		return nil, errors.New("POST " + route + ": guardrail id is required")
	}
	r := newRequest(http.MethodPost, route).with(build(s.client.server, id))
	out := new(GuardrailReview)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}
