package contract

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/litellm-go/proxyclient/facade"
)

// promptSteps are the contract steps of this family (issue 14): every
// route is for proxy admins. A real proxy without a database answers the
// writes with HTTP 500 "DB not connected" and reads its in-memory registry
// (empty): a prompt is not found (HTTP 400 on GET, 404 on versions), and
// /prompts/test runs.
func promptSteps() []step {
	const id, missing = "proxyclient-contract-prompt", "proxyclient-contract-missing-prompt"
	const content = "---\nmodel: %s\ntemperature: 0.2\n---\nSystem: Be brief.\nUser: Say hello to {{name}}."
	noDB := detailEnv(http.StatusInternalServerError, dbMessage)
	notFound := detailEnv(http.StatusBadRequest, "Prompt "+id+" not found")
	create := func(ctx context.Context, e *env, suffix string) (*facade.Prompt, error) {
		return e.c.Prompts.Create(ctx, &facade.PromptCreateRequest{PromptID: id, LitellmParams: facade.PromptParams{
			PromptIntegration: "dotprompt", DotpromptContent: fmt.Sprintf(content, e.chatModel(ctx)) + suffix,
		}, PromptInfo: &facade.PromptInfo{PromptType: facade.PromptTypeDB}})
	}
	versionOf := func(p *facade.Prompt) string {
		_, v, _ := strings.Cut(p.PromptID, ".v")
		return v
	}
	testPrompt := func(ctx context.Context, e *env, req *facade.PromptTestRequest) (string, error) {
		s, err := e.c.Prompts.Test(ctx, req)
		if err != nil {
			return "", err
		}
		defer s.Close()
		var acc facade.ChatCompletionAccumulator
		for s.Next() {
			acc.Add(s.Current())
		}
		return acc.Completion().Content(), s.Err()
	}
	var first string // the version the first create made
	return []step{
		{name: "prompt list", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Prompts.List(ctx, nil)
			return err
		}},
		{name: "prompt create", run: func(ctx context.Context, e *env) error {
			p, err := create(ctx, e, "")
			if err == nil {
				first = versionOf(p)
				if first == "" || p.LitellmParams.PromptIntegration != "dotprompt" || p.PromptInfo.PromptType != facade.PromptTypeDB {
					return fmt.Errorf("created %+v", p)
				}
			}
			return err
		}, noDB: noDB},
		{name: "prompt create again (a new version)", run: func(ctx context.Context, e *env) error {
			p, err := create(ctx, e, "")
			if err == nil && (versionOf(p) == first || versionOf(p) == "") {
				return fmt.Errorf("second create: %s after version %s", p.PromptID, first)
			}
			return err
		}, noDB: noDB},
		{name: "prompt list after create", readOnly: true, run: func(ctx context.Context, e *env) error {
			list, err := e.c.Prompts.List(ctx, &facade.PromptOptions{Environment: "development"})
			if err == nil && !e.noDB {
				for _, p := range list {
					if p.PromptID == id {
						return nil
					}
				}
				return fmt.Errorf("%s not listed: %+v", id, list)
			}
			return err
		}},
		{name: "prompt get", run: func(ctx context.Context, e *env) error {
			d, err := e.c.Prompts.Get(ctx, id, nil)
			if err == nil && (d.PromptSpec.PromptID != id || d.RawPromptTemplate == nil || !strings.HasPrefix(d.RawPromptTemplate.Content, "System:")) {
				return fmt.Errorf("got %+v", d)
			}
			return err
		}, noDB: notFound},
		{name: "prompt info of the first version", run: func(ctx context.Context, e *env) error {
			d, err := e.c.Prompts.Info(ctx, id+".v"+first, nil)
			if err == nil && fmt.Sprint(d.PromptSpec.Version) != first {
				return fmt.Errorf("info of version %s: %+v", first, d.PromptSpec)
			}
			return err
		}, noDB: detailEnv(http.StatusBadRequest, "not found")},
		{name: "prompt get unknown", readOnly: true, want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Prompts.Get(ctx, missing, nil)
			return err
		}},
		{name: "prompt get unknown (the proxy's HTTP 400)", readOnly: true,
			wantErr: detailEnv(http.StatusBadRequest, "Prompt "+missing+" not found in environment staging"),
			run: func(ctx context.Context, e *env) error {
				_, err := e.c.Prompts.Info(ctx, missing, &facade.PromptOptions{Environment: "staging"})
				return err
			}},
		{name: "prompt versions", run: func(ctx context.Context, e *env) error {
			vs, err := e.c.Prompts.Versions(ctx, id, nil)
			if err == nil && (len(vs) < 2 || vs[0].Version <= vs[1].Version || vs[0].PromptID != id) {
				return fmt.Errorf("versions %+v", vs)
			}
			return err
		}, noDB: detailEnv(http.StatusNotFound, "No versions found for prompt ID "+id)},
		{name: "prompt versions unknown", readOnly: true, want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Prompts.Versions(ctx, missing, nil)
			return err
		}},
		{name: "prompt update (a new version)", run: func(ctx context.Context, e *env) error {
			p, err := e.c.Prompts.Update(ctx, id, &facade.PromptCreateRequest{PromptID: id, LitellmParams: facade.PromptParams{
				PromptIntegration: "dotprompt", DotpromptContent: fmt.Sprintf(content, e.chatModel(ctx)) + " (updated)"}})
			if err == nil && !strings.HasSuffix(p.LitellmParams.DotpromptContent, "(updated)") {
				return fmt.Errorf("updated %+v", p)
			}
			return err
		}, noDB: noDB},
		{name: "prompt update unknown", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Prompts.Update(ctx, missing, &facade.PromptCreateRequest{PromptID: missing,
				LitellmParams: facade.PromptParams{PromptIntegration: "dotprompt"}})
			return err
		}, noDB: noDB},
		{name: "prompt patch", run: func(ctx context.Context, e *env) error {
			p, err := e.c.Prompts.Patch(ctx, id, &facade.PromptPatchRequest{PromptInfo: &facade.PromptInfo{PromptType: facade.PromptTypeDB,
				AdditionalProperties: map[string]any{"description": "contract"}}}, nil)
			if err == nil && p.PromptInfo.AdditionalProperties["description"] != "contract" {
				return fmt.Errorf("patched %+v", p)
			}
			return err
		}, noDB: noDB},
		{name: "prompt test", readOnly: true, run: func(ctx context.Context, e *env) error {
			out, err := testPrompt(ctx, e, &facade.PromptTestRequest{DotpromptContent: fmt.Sprintf(content, e.chatModel(ctx)),
				PromptVariables: map[string]any{"name": "Ada"}})
			if err == nil && out == "" {
				return errors.New("prompt test: empty answer")
			}
			return err
		}},
		{name: "prompt test without a model", readOnly: true,
			wantErr: detailEnv(http.StatusBadRequest, "Model is required in dotprompt metadata"),
			run: func(ctx context.Context, e *env) error {
				_, err := testPrompt(ctx, e, &facade.PromptTestRequest{DotpromptContent: "User: hello"})
				return err
			}},
		{name: "prompt test with an unknown model", readOnly: true,
			wantErr: detailEnv(http.StatusBadRequest, "Invalid model name passed in model=proxyclient-no-such-model"),
			run: func(ctx context.Context, e *env) error {
				_, err := testPrompt(ctx, e, &facade.PromptTestRequest{DotpromptContent: "---\nmodel: proxyclient-no-such-model\n---\nUser: hello"})
				return err
			}},
		{name: "prompt delete", run: func(ctx context.Context, e *env) error {
			msg, err := e.c.Prompts.Delete(ctx, id, nil)
			if err == nil && msg != "Prompt "+id+" deleted successfully" {
				return fmt.Errorf("delete: %q", msg)
			}
			return err
		}, noDB: noDB},
		{name: "prompt delete again", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Prompts.Delete(ctx, id, nil)
			return err
		}, noDB: noDB},
	}
}
