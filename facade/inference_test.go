package facade_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

// inferenceServer is an emulator with a model of each inference kind.
func inferenceServer(t *testing.T) (*proxytest.Server, *facade.Client) {
	t.Helper()
	srv := proxytest.NewServer(proxytest.WithModels(
		proxytest.Model{Name: "text-embedding-3-small", Params: map[string]any{"model": "openai/text-embedding-3-small"}},
		proxytest.Model{Name: "gpt-3.5-turbo-instruct", Params: map[string]any{"model": "text-completion-openai/gpt-3.5-turbo-instruct"}},
		proxytest.Model{Name: "omni-moderation-latest", Params: map[string]any{"model": "openai/omni-moderation-latest"}},
		proxytest.Model{Name: "dall-e-3", Params: map[string]any{"model": "openai/dall-e-3"}},
		proxytest.Model{Name: "rerank-english-v3.0", Params: map[string]any{"model": "hosted_vllm/rerank-english-v3.0"}},
	))
	t.Cleanup(srv.Close)
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey), facade.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func TestEmbeddingsAgainstEmulator(t *testing.T) {
	_, c := inferenceServer(t)
	for _, format := range []facade.EmbeddingEncodingFormat{"", facade.EmbeddingEncodingFloat, facade.EmbeddingEncodingBase64} {
		dims := 32
		r, err := c.Embeddings.Create(t.Context(), &facade.EmbeddingRequest{Model: "text-embedding-3-small", Input: []string{"a", "b"}, EncodingFormat: format, Dimensions: &dims})
		if err != nil {
			t.Fatal(err)
		}
		for i, in := range []string{"a", "b"} {
			want := proxytest.EmbeddingVector(in, dims)
			got := r.Vectors()[i]
			if len(got) != dims || got[0] != want[0] || got[dims-1] != want[dims-1] {
				t.Errorf("format %q: vector %d differs from the emulator's", format, i)
			}
		}
	}
}

func TestCompletions(t *testing.T) {
	_, c := inferenceServer(t)
	ctx := t.Context()
	got, err := c.Completions.Create(ctx, &facade.CompletionRequest{Model: "gpt-3.5-turbo-instruct", Prompt: "hi there", Stream: true})
	if err != nil {
		t.Fatal(err)
	}
	if facade.CompletionText(got) != "You said: hi there" || got.Usage.TotalTokens == 0 {
		t.Errorf("completion %+v", got)
	}
	s, err := c.Completions.Stream(ctx, &facade.CompletionRequest{Model: "gpt-3.5-turbo-instruct", Prompt: "hi there",
		StreamOptions: facade.ChatStreamOptions{IncludeUsage: true}})
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	usage := 0
	for chunk, err := range s.All() {
		if err != nil {
			t.Fatal(err)
		}
		if len(chunk.Choices) > 0 {
			text.WriteString(chunk.Choices[0].Text)
		}
		usage += chunk.Usage.TotalTokens
	}
	if text.String() != "You said: hi there" || usage == 0 {
		t.Errorf("streamed %q, usage %d", text.String(), usage)
	}
	if _, err := c.Completions.Create(ctx, &facade.CompletionRequest{Model: "m"}); err == nil {
		t.Error("a request without a prompt was sent")
	}
}

func TestModerationsImagesRerank(t *testing.T) {
	_, c := inferenceServer(t)
	ctx := t.Context()
	m, err := c.Moderations.Create(ctx, &facade.ModerationRequest{Input: []string{"kill it", "fine"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Results) != 2 || !m.Results[0].Flagged || m.Results[1].Flagged {
		t.Errorf("moderation %+v", m)
	}
	img, err := c.Images.Generate(ctx, &facade.ImageGenerationRequest{Model: "dall-e-3", Prompt: "a cat", ResponseFormat: "b64_json"})
	if err != nil {
		t.Fatal(err)
	}
	if len(img.Data) != 1 || img.Data[0].B64JSON != proxytest.TinyPNG {
		t.Errorf("images %+v", img)
	}
	top := 1
	rr, err := c.Rerank.Create(ctx, &facade.RerankRequest{Model: "rerank-english-v3.0", Query: "red apple",
		Documents: []any{"blue sky", "red apple"}, TopN: &top})
	if err != nil {
		t.Fatal(err)
	}
	if len(rr.Results) != 1 || rr.Results[0].Index != 1 || rr.Results[0].RelevanceScore <= 0 {
		t.Errorf("rerank %+v", rr)
	}
	_, err = c.Rerank.Create(ctx, &facade.RerankRequest{Model: "nope", Query: "q", Documents: []any{"d"}})
	var apiErr *facade.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown model: %v", err)
	}
}

func TestInferenceRequestChecks(t *testing.T) {
	_, c := inferenceServer(t)
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"moderation nil":   func() error { _, err := c.Moderations.Create(ctx, nil); return err },
		"images no prompt": func() error { _, err := c.Images.Generate(ctx, &facade.ImageGenerationRequest{}); return err },
		"rerank no query": func() error {
			_, err := c.Rerank.Create(ctx, &facade.RerankRequest{Model: "m"})
			return err
		},
		"completion nil": func() error { _, err := c.Completions.Stream(ctx, nil); return err },
	} {
		if err := call(); err == nil {
			t.Errorf("%s: sent", name)
		}
	}
}
