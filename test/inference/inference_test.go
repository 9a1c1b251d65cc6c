// Package inference holds the inference routes beyond chat (embeddings and
// the rest) to a real LiteLLM proxy: TestLiveInference starts the emulator
// as an OpenAI-compatible provider, and a real proxy of each version whose
// models have the emulator's /v1 as their api_base, so that requests go
// facade -> real proxy -> emulator. What the facade decodes is then the
// real proxy's own handling (its headers, errors, re-framed streams, usage
// and cost headers). The same calls also go facade -> emulator directly,
// and the two answers' shapes are compared (test/internal/shape), with the
// accepted differences in allow.yaml.
package inference

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/internal/shape"
	"github.com/litellm-go/proxyclient/test/proxytest"
	"github.com/litellm-go/proxyclient/test/realproxy"
)

// providerModel is a model of the emulator as a provider, and how the real
// proxy routes to it.
type providerModel struct {
	name  string // the model group clients ask for, and the provider's model name
	model string // the real proxy's litellm_params.model
}

// providerModels are the models the real proxy forwards to the emulator.
var providerModels = []providerModel{
	{"text-embedding-3-small", "openai/text-embedding-3-small"},
	{"gpt-3.5-turbo-instruct", "text-completion-openai/gpt-3.5-turbo-instruct"},
	{"omni-moderation-latest", "openai/omni-moderation-latest"},
	{"dall-e-3", "openai/dall-e-3"},
	{"rerank-english-v3.0", "hosted_vllm/rerank-english-v3.0"},
	{"tts-1", "openai/tts-1"},
	{"whisper-1", "openai/whisper-1"},
	{"gpt-4o", "openai/gpt-4o"},
}

// emulatorModels are providerModels as emulator deployments.
func emulatorModels() []proxytest.Model {
	out := make([]proxytest.Model, 0, len(providerModels))
	for _, m := range providerModels {
		out = append(out, proxytest.Model{Name: m.name, Params: map[string]any{"model": m.model}})
	}
	return out
}

// recorder keeps the last response each client received, body included.
type recorder struct {
	base http.RoundTripper
	mu   sync.Mutex
	last *recorded
}

type recorded struct {
	status int
	header http.Header
	body   []byte
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	r.mu.Lock()
	r.last = &recorded{status: resp.StatusCode, header: resp.Header.Clone(), body: body}
	r.mu.Unlock()
	return resp, nil
}

func (r *recorder) take() *recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	l := r.last
	r.last = nil
	return l
}

// side is one way to the emulator: through the real proxy or directly.
type side struct {
	name string
	c    *facade.Client
	rec  *recorder
}

func newSide(t *testing.T, name, base, key string) side {
	t.Helper()
	rec := &recorder{base: http.DefaultTransport.(*http.Transport).Clone()}
	c, err := facade.New(base, facade.WithAPIKey(key), facade.WithHTTPClient(&http.Client{Transport: rec}), facade.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return side{name: name, c: c, rec: rec}
}

// inferenceCase is one facade call and the check of its result.
type inferenceCase struct {
	name string
	run  func(ctx context.Context, c *facade.Client) error
}

// wantVectors checks vectors against the emulator's deterministic ones.
func wantVectors(r *facade.EmbeddingResponse, inputs []string, dims int) error {
	vs := r.Vectors()
	if len(vs) != len(inputs) {
		return fmt.Errorf("%d vectors for %d inputs", len(vs), len(inputs))
	}
	for i, in := range inputs {
		if want := proxytest.EmbeddingVector(in, dims); !slices.Equal(vs[i], want) {
			return fmt.Errorf("vector %d (%d values) is not the emulator's (%d values)", i, len(vs[i]), len(want))
		}
	}
	if r.Usage.PromptTokens == 0 {
		return fmt.Errorf("no usage: %+v", r.Usage)
	}
	return nil
}

func cases() []inferenceCase {
	return []inferenceCase{
		{"embeddings/base64", func(ctx context.Context, c *facade.Client) error {
			in := []string{"the quick brown fox", "jumps"}
			r, err := c.Embeddings.Create(ctx, &facade.EmbeddingRequest{Model: "text-embedding-3-small", Input: in})
			if err != nil {
				return err
			}
			return wantVectors(r, in, 0)
		}},
		{"embeddings/float-dimensions", func(ctx context.Context, c *facade.Client) error {
			in := []string{"shortened"}
			dims := 64
			r, err := c.Embeddings.Create(ctx, &facade.EmbeddingRequest{Model: "text-embedding-3-small", Input: in,
				EncodingFormat: facade.EmbeddingEncodingFloat, Dimensions: &dims})
			if err != nil {
				return err
			}
			return wantVectors(r, in, dims)
		}},
		{"completions", func(ctx context.Context, c *facade.Client) error {
			r, err := c.Completions.Create(ctx, &facade.CompletionRequest{Model: "gpt-3.5-turbo-instruct", Prompt: "hello there"})
			if err != nil {
				return err
			}
			if got := facade.CompletionText(r); got != "You said: hello there" {
				return fmt.Errorf("completion text %q", got)
			}
			return nil
		}},
		{"completions/stream", func(ctx context.Context, c *facade.Client) error {
			s, err := c.Completions.Stream(ctx, &facade.CompletionRequest{Model: "gpt-3.5-turbo-instruct", Prompt: "hello there",
				StreamOptions: facade.ChatStreamOptions{IncludeUsage: true}})
			if err != nil {
				return err
			}
			var text strings.Builder
			for chunk, err := range s.All() {
				if err != nil {
					return err
				}
				for _, ch := range chunk.Choices {
					text.WriteString(ch.Text)
				}
			}
			if text.String() != "You said: hello there" {
				return fmt.Errorf("streamed text %q", text.String())
			}
			return nil
		}},
		{"moderations", func(ctx context.Context, c *facade.Client) error {
			r, err := c.Moderations.Create(ctx, &facade.ModerationRequest{Model: "omni-moderation-latest", Input: []string{"kill the process", "hello"}})
			if err != nil {
				return err
			}
			if len(r.Results) != 2 || !r.Results[0].Flagged || r.Results[1].Flagged || !r.Results[0].Categories["violence"] {
				return fmt.Errorf("moderation results %+v", r.Results)
			}
			return nil
		}},
		{"images/url", func(ctx context.Context, c *facade.Client) error {
			n := 2
			r, err := c.Images.Generate(ctx, &facade.ImageGenerationRequest{Model: "dall-e-3", Prompt: "a cat", N: &n})
			if err != nil {
				return err
			}
			if len(r.Data) != 2 || !strings.HasPrefix(r.Data[0].URL, "https://") {
				return fmt.Errorf("images %+v", r.Data)
			}
			return nil
		}},
		{"images/b64", func(ctx context.Context, c *facade.Client) error {
			r, err := c.Images.Generate(ctx, &facade.ImageGenerationRequest{Model: "dall-e-3", Prompt: "a cat", ResponseFormat: "b64_json"})
			if err != nil {
				return err
			}
			if len(r.Data) != 1 || r.Data[0].B64JSON != proxytest.TinyPNG {
				return fmt.Errorf("images %+v", r.Data)
			}
			return nil
		}},
		{"rerank", func(ctx context.Context, c *facade.Client) error {
			top := 2
			docs := []any{"a blue sky", "a red apple", "red paint"}
			r, err := c.Rerank.Create(ctx, &facade.RerankRequest{Model: "rerank-english-v3.0", Query: "red apple", Documents: docs, TopN: &top})
			if err != nil {
				return err
			}
			if len(r.Results) != 2 || r.Results[0].Index != 1 || r.Results[1].Index != 2 ||
				r.Results[0].RelevanceScore != proxytest.RerankScore("red apple", "a red apple") {
				return fmt.Errorf("rerank results %+v", r.Results)
			}
			return nil
		}},
		{"audio/speech", func(ctx context.Context, c *facade.Client) error {
			sp, err := c.Audio.Speech.Create(ctx, &facade.SpeechRequest{Model: "tts-1", Input: "hello from the proxy", Voice: "alloy"})
			if err != nil {
				return err
			}
			defer sp.Body.Close()
			got, err := io.ReadAll(sp.Body)
			if err != nil {
				return err
			}
			if !bytes.Equal(got, proxytest.SpeechAudio("hello from the proxy")) || !strings.HasPrefix(sp.ContentType, "audio/mpeg") {
				return fmt.Errorf("speech: %s, %d bytes", sp.ContentType, len(got))
			}
			return nil
		}},
		{"audio/transcription", func(ctx context.Context, c *facade.Client) error {
			audio := bytes.Repeat([]byte{0x55}, 3000)
			tr, err := c.Audio.Transcriptions.Create(ctx, &facade.TranscriptionRequest{Model: "whisper-1", File: bytes.NewReader(audio), Filename: "clip.wav"})
			if err != nil {
				return err
			}
			if tr.Text != proxytest.TranscriptionText("clip.wav", len(audio)) {
				return fmt.Errorf("transcription %q", tr.Text)
			}
			return nil
		}},
		{"responses/create", func(ctx context.Context, c *facade.Client) error {
			r, err := c.Responses.Create(ctx, &facade.ResponseRequest{Model: "gpt-4o", Input: "hello responses"})
			if err != nil {
				return err
			}
			if r.OutputText() != "You said: hello responses" || r.Status != "completed" || r.Usage.TotalTokens == 0 {
				return fmt.Errorf("response %q, status %q, usage %+v", r.OutputText(), r.Status, r.Usage)
			}
			lastResponseID.Store(c, r.ID)
			return nil
		}},
		{"responses/get", func(ctx context.Context, c *facade.Client) error {
			id, _ := lastResponseID.Load(c)
			r, err := c.Responses.Get(ctx, id.(string))
			if err == nil && r.OutputText() != "You said: hello responses" {
				return fmt.Errorf("stored response %q", r.OutputText())
			}
			return err
		}},
		{"responses/input-items", func(ctx context.Context, c *facade.Client) error {
			id, _ := lastResponseID.Load(c)
			items, err := c.Responses.InputItems(ctx, id.(string))
			if v, _ := versionOf.Load(c); v == realproxy.Pinned {
				// 1.88.0 cannot route input_items: it looks for a deployment
				// of model None (fixed by 1.106).
				var apiErr *facade.APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest || !strings.Contains(apiErr.Message, "model=None") {
					return fmt.Errorf("1.88.0 input_items: want its 400 for model=None, got %v", err)
				}
				return nil
			}
			if err == nil && len(items.Data) != 1 {
				return fmt.Errorf("%d input items", len(items.Data))
			}
			return err
		}},
		{"responses/delete", func(ctx context.Context, c *facade.Client) error {
			id, _ := lastResponseID.Load(c)
			d, err := c.Responses.Delete(ctx, id.(string))
			if err == nil && !d.Deleted {
				return fmt.Errorf("delete %+v", d)
			}
			return err
		}},
		{"responses/stream", func(ctx context.Context, c *facade.Client) error {
			s, err := c.Responses.Stream(ctx, &facade.ResponseRequest{Model: "gpt-4o", Input: "stream this"})
			if err != nil {
				return err
			}
			var text strings.Builder
			for ev, err := range s.All() {
				if err != nil {
					return err
				}
				if ev.Type == "response.output_text.delta" {
					text.WriteString(ev.Delta)
				}
			}
			if text.String() != "You said: stream this" || s.Final() == nil || s.Final().OutputText() != text.String() {
				return fmt.Errorf("streamed %q", text.String())
			}
			return nil
		}},
		{"responses/background-cancel", func(ctx context.Context, c *facade.Client) error {
			r, err := c.Responses.Create(ctx, &facade.ResponseRequest{Model: "gpt-4o", Input: "later", Background: true})
			if err != nil {
				return err
			}
			cancelled, err := c.Responses.Cancel(ctx, r.ID)
			if err == nil && cancelled.Status != "cancelled" {
				return fmt.Errorf("status %q after cancel", cancelled.Status)
			}
			return err
		}},
		{"embeddings/unknown-model", func(ctx context.Context, c *facade.Client) error {
			_, err := c.Embeddings.Create(ctx, &facade.EmbeddingRequest{Model: "no-such-embedding-model", Input: []string{"x"}})
			if !isStatus(err, http.StatusBadRequest) {
				return fmt.Errorf("want a 400, got %v", err)
			}
			return nil
		}},
	}
}

// versionOf is the real proxy version behind a client (none for the
// emulator's own).
var versionOf sync.Map

// lastResponseID is the id of the response responses/create made, by client.
var lastResponseID sync.Map

// isStatus reports whether err is an *APIError with status code.
func isStatus(err error, code int) bool {
	var apiErr *facade.APIError
	return asAPIError(err, &apiErr) && apiErr.StatusCode == code
}

// TestLiveInference runs the cases facade -> real proxy -> emulator for
// each real version, and facade -> emulator, comparing the answers' shapes.
func TestLiveInference(t *testing.T) {
	if !realproxy.Live() {
		t.Skipf("set %s=1 (make live) to run the inference routes through a real LiteLLM with the emulator as provider", realproxy.EnvLive)
	}
	allow, err := shape.LoadAllow("allow.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, version := range realproxy.Versions {
		t.Run(version, func(t *testing.T) {
			t.Parallel()
			emu := proxytest.NewServer(proxytest.WithVersion(version), proxytest.WithModels(emulatorModels()...))
			t.Cleanup(emu.Close)
			var models []realproxy.Model
			for _, m := range providerModels {
				models = append(models, realproxy.Model{Name: m.name, Model: m.model, APIBase: emu.URL + "/v1", APIKey: emu.MasterKey})
			}
			real := realproxy.Start(t, realproxy.Options{Version: version, Models: models})
			proxied := newSide(t, "real "+version+" -> emulator", real.URL, real.MasterKey)
			versionOf.Store(proxied.c, version)
			direct := newSide(t, "emulator", emu.URL, emu.MasterKey)
			for _, tc := range cases() {
				t.Run(tc.name, func(t *testing.T) {
					var shapes [2]shape.Shape
					var bodies [2][]byte
					for i, s := range []side{proxied, direct} {
						if err := tc.run(t.Context(), s.c); err != nil {
							t.Errorf("%s: %v", s.name, err)
						}
						rec := s.rec.take()
						if rec == nil {
							t.Fatalf("%s: no response recorded", s.name)
						}
						shapes[i] = shape.Of(rec.status, rec.header, rec.body)
						bodies[i] = rec.body
					}
					if os.Getenv("INFERENCE_DUMP") != "" {
						t.Logf("DUMP %s real=%v emu=%v", tc.name, shapes[0].Headers, shapes[1].Headers)
					}
					if left := allow.Filter(version+"/"+tc.name, shape.Diff(shapes[0], shapes[1])); len(left) > 0 {
						t.Errorf("the emulator differs from real %s (as the provider behind it):\n  %s\nreal:     %s\nemulator: %s",
							version, strings.Join(left, "\n  "), excerpt(bodies[0]), excerpt(bodies[1]))
					}
				})
			}
			ran++
		})
	}
	t.Cleanup(func() {
		if ran == len(realproxy.Versions) && !t.Failed() {
			allow.CheckUsed(t)
		}
	})
}

func excerpt(b []byte) string {
	const n = 400
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}
