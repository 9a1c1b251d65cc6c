package facade_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestPrompts(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	defer srv.Close()
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	req := func(content string, env string) *facade.PromptCreateRequest {
		r := &facade.PromptCreateRequest{PromptID: "greet", LitellmParams: facade.PromptParams{PromptIntegration: "dotprompt", DotpromptContent: content}}
		if env != "" {
			r.PromptInfo = &facade.PromptInfo{PromptType: facade.PromptTypeDB, Environment: env}
		}
		return r
	}
	const v1 = "---\nmodel: gpt-4o\n---\nUser: Hi {{name}}"
	p, err := c.Prompts.Create(ctx, req(v1, ""))
	if err != nil || p.PromptID != "greet.v1" || p.PromptInfo.PromptType != facade.PromptTypeDB || p.Environment != "development" {
		t.Fatalf("create: %+v, %v", p, err)
	}
	if p, err = c.Prompts.Update(ctx, "greet.v1", req(v1+"!", "")); err != nil || p.PromptID != "greet.v2" {
		t.Fatalf("update: %+v, %v", p, err)
	}
	if p, err = c.Prompts.Create(ctx, req(v1, "staging")); err != nil || p.PromptID != "greet.v1" {
		t.Fatalf("create in staging: %+v, %v", p, err)
	}
	list, err := c.Prompts.List(ctx, nil)
	if err != nil || len(list) != 1 || list[0].PromptID != "greet" || list[0].LitellmParams.DotpromptContent != v1+"!" {
		t.Errorf("list: %+v, %v", list, err)
	}
	versions, err := c.Prompts.Versions(ctx, "greet", nil)
	var got []int
	for _, v := range versions {
		got = append(got, v.Version)
	}
	if err != nil || !cmp.Equal(got, []int{2, 1, 1}) {
		t.Errorf("versions: %v, %v", got, err)
	}
	if vs, err := c.Prompts.Versions(ctx, "greet", &facade.PromptOptions{Environment: "staging"}); err != nil || len(vs) != 1 || vs[0].Environment != "staging" {
		t.Errorf("staging versions: %+v, %v", vs, err)
	}
	d, err := c.Prompts.Get(ctx, "greet", nil)
	if err != nil || d.PromptSpec.Version != 2 || d.RawPromptTemplate == nil || d.RawPromptTemplate.Content != "User: Hi {{name}}!" ||
		!cmp.Equal(d.Environments, []string{"development", "staging"}) {
		t.Errorf("get: %+v, %v", d, err)
	}
	if d, err := c.Prompts.Info(ctx, "greet.v1", nil); err != nil || d.PromptSpec.Version != 1 || d.PromptSpec.PromptID != "greet" {
		t.Errorf("info v1: %+v, %v", d, err)
	}
	if d, err := c.Prompts.Get(ctx, "greet", &facade.PromptOptions{Environment: "staging"}); err != nil || d.PromptSpec.Environment != "staging" {
		t.Errorf("get staging: %+v, %v", d, err)
	}
	// The proxy answers an unknown prompt with HTTP 400; the facade makes it ErrNotFound too.
	_, err = c.Prompts.Get(ctx, "nope", nil)
	var apiErr *facade.APIError
	if !errors.Is(err, facade.ErrNotFound) || !errors.Is(err, facade.ErrBadRequest) || !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
		t.Errorf("get unknown: %v", err)
	}
	if _, err := c.Prompts.Versions(ctx, "nope", nil); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("versions unknown: %v", err)
	}
	if _, err := c.Prompts.Update(ctx, "nope", req(v1, "")); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("update unknown: %v", err)
	}
	// Patch changes the latest development version in place.
	p, err = c.Prompts.Patch(ctx, "greet", &facade.PromptPatchRequest{PromptInfo: &facade.PromptInfo{PromptType: facade.PromptTypeDB,
		AdditionalProperties: map[string]any{"description": "patched"}}}, nil)
	if err != nil || p.PromptID != "greet.v2" || p.PromptInfo.AdditionalProperties["description"] != "patched" {
		t.Errorf("patch: %+v, %v", p, err)
	}
	if _, err := c.Prompts.Patch(ctx, "greet", nil, &facade.PromptOptions{Environment: "production"}); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("patch in an environment without the prompt: %v", err)
	}
	msg, err := c.Prompts.Delete(ctx, "greet", nil)
	if err != nil || msg != "Prompt greet deleted successfully" {
		t.Errorf("delete: %q, %v", msg, err)
	}
	if _, err := c.Prompts.Delete(ctx, "greet", nil); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("delete again: %v", err)
	}
	if list, err := c.Prompts.List(ctx, nil); err != nil || len(list) != 0 {
		t.Errorf("list after delete: %+v, %v", list, err)
	}
}

func TestPromptsTest(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	defer srv.Close()
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	run := func(req *facade.PromptTestRequest) (string, error) {
		s, err := c.Prompts.Test(ctx, req)
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
	tests := []struct {
		name    string
		req     facade.PromptTestRequest
		want    string
		wantErr string
	}{
		{name: "variables are escaped", req: facade.PromptTestRequest{DotpromptContent: "---\nmodel: gpt-4o\n---\nUser: Hi {{ who }} {{missing}}",
			PromptVariables: map[string]any{"who": "<Ada>"}}, want: "You said: Hi &lt;Ada&gt;"},
		{name: "conversation history replaces the user messages", req: facade.PromptTestRequest{
			DotpromptContent:    "---\nmodel: gpt-4o\n---\nSystem: terse\nUser: ignored",
			ConversationHistory: []map[string]string{{"role": "user", "content": "from history"}}}, want: "You said: from history"},
		{name: "no model", req: facade.PromptTestRequest{DotpromptContent: "User: hi"}, wantErr: "Model is required in dotprompt metadata"},
		{name: "no message", req: facade.PromptTestRequest{DotpromptContent: "---\nmodel: gpt-4o\n---\n"}, wantErr: "No messages found"},
		{name: "unknown model", req: facade.PromptTestRequest{DotpromptContent: "---\nmodel: nope\n---\nUser: hi"}, wantErr: "Invalid model name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := run(&tt.req)
			if tt.wantErr != "" {
				if !errors.Is(err, facade.ErrBadRequest) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got %v, want a bad request with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if _, err := c.Prompts.Test(ctx, nil); err == nil {
		t.Error("nil request: no error")
	}
}

func TestPromptsNoDatabase(t *testing.T) {
	t.Parallel()
	for _, v := range proxytest.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			srv := proxytest.NewServer(proxytest.WithNoDatabase(), proxytest.WithVersion(v))
			defer srv.Close()
			c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
			if err != nil {
				t.Fatal(err)
			}
			ctx := t.Context()
			_, err = c.Prompts.Create(ctx, &facade.PromptCreateRequest{PromptID: "p", LitellmParams: facade.PromptParams{PromptIntegration: "dotprompt"}})
			var apiErr *facade.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || !strings.Contains(apiErr.Message, "DB not connected") {
				t.Errorf("create: %v", err)
			}
			if list, err := c.Prompts.List(ctx, nil); err != nil || len(list) != 0 {
				t.Errorf("list: %+v, %v", list, err)
			}
			if _, err := c.Prompts.Get(ctx, "p", &facade.PromptOptions{Environment: "staging"}); err == nil ||
				!strings.Contains(err.Error(), "Prompt p not found in environment staging") {
				t.Errorf("get: %v", err)
			}
		})
	}
}

func TestPromptsRequests(t *testing.T) {
	t.Parallel()
	c, err := facade.New("http://proxy.example/base/", facade.WithAPIKey("sk-test-prompts"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	staging := &facade.PromptOptions{Environment: "staging"}
	tests := []struct {
		name string
		call func(opt facade.Option) error
		want string
	}{
		{"list", func(o facade.Option) error { _, err := c.Prompts.List(ctx, nil, o); return err }, "GET /base/prompts/list"},
		{"list in an environment", func(o facade.Option) error { _, err := c.Prompts.List(ctx, staging, o); return err },
			"GET /base/prompts/list?environment=staging"},
		{"get escapes the id", func(o facade.Option) error { _, err := c.Prompts.Get(ctx, "a/b c.v2", staging, o); return err },
			"GET /base/prompts/a%2Fb%20c.v2?environment=staging"},
		{"versions", func(o facade.Option) error { _, err := c.Prompts.Versions(ctx, "p", nil, o); return err }, "GET /base/prompts/p/versions"},
		{"patch", func(o facade.Option) error { _, err := c.Prompts.Patch(ctx, "p", nil, staging, o); return err },
			"PATCH /base/prompts/p?environment=staging"},
		{"delete", func(o facade.Option) error { _, err := c.Prompts.Delete(ctx, "p", nil, o); return err }, "DELETE /base/prompts/p"},
		{"test", func(o facade.Option) error {
			_, err := c.Prompts.Test(ctx, &facade.PromptTestRequest{DotpromptContent: "User: hi"}, o)
			return err
		}, "POST /base/prompts/test"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req *http.Request
			if err := tt.call(facade.ReturnRequest(&req)); err != nil {
				t.Fatal(err)
			}
			got := req.Method + " " + req.URL.EscapedPath()
			if req.URL.RawQuery != "" {
				got += "?" + req.URL.RawQuery
			}
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if req.Header.Get("Authorization") != "Bearer sk-test-prompts" {
				t.Errorf("no key on the request")
			}
		})
	}
	for name, err := range map[string]error{
		"create without id": func() error {
			_, err := c.Prompts.Create(ctx, &facade.PromptCreateRequest{LitellmParams: facade.PromptParams{PromptIntegration: "dotprompt"}})
			return err
		}(),
		"create without integration": func() error {
			_, err := c.Prompts.Create(ctx, &facade.PromptCreateRequest{PromptID: "p"})
			return err
		}(),
		"get without id":    func() error { _, err := c.Prompts.Get(ctx, "", nil); return err }(),
		"update without id": func() error { _, err := c.Prompts.Update(ctx, "", nil); return err }(),
		"delete without id": func() error { _, err := c.Prompts.Delete(ctx, "", nil); return err }(),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
