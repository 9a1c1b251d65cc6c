package facade_test

import (
	"context"
	"io"
	"strings"

	"github.com/litellm-go/proxyclient/facade"
)

// The inference methods beyond chat, for TestSecretsNeverLeak.
func init() {
	leakCalls["Embeddings.Create"] = func(ctx context.Context, c *facade.Client) error {
		_, err := c.Embeddings.Create(ctx, &facade.EmbeddingRequest{Model: "gpt-4o", Input: []string{"my key is " + plantedKey}})
		return err
	}
	leakCalls["Completions.Create"] = func(ctx context.Context, c *facade.Client) error {
		_, err := c.Completions.Create(ctx, &facade.CompletionRequest{Model: "gpt-4o", Prompt: "my key is " + plantedKey})
		return err
	}
	leakCalls["Completions.Stream"] = func(ctx context.Context, c *facade.Client) error {
		s, err := c.Completions.Stream(ctx, &facade.CompletionRequest{Model: "gpt-4o", Prompt: "my key is " + plantedKey})
		if err != nil {
			return err
		}
		return drain(s.All())
	}
	leakCalls["Moderations.Create"] = func(ctx context.Context, c *facade.Client) error {
		_, err := c.Moderations.Create(ctx, &facade.ModerationRequest{Input: "my key is " + plantedKey})
		return err
	}
	leakCalls["Images.Generate"] = func(ctx context.Context, c *facade.Client) error {
		_, err := c.Images.Generate(ctx, &facade.ImageGenerationRequest{Model: "gpt-4o", Prompt: "my key is " + plantedKey})
		return err
	}
	leakCalls["Rerank.Create"] = func(ctx context.Context, c *facade.Client) error {
		_, err := c.Rerank.Create(ctx, &facade.RerankRequest{Model: "gpt-4o", Query: plantedKey, Documents: []any{"d"}})
		return err
	}
	leakCalls["Audio.Speech.Create"] = func(ctx context.Context, c *facade.Client) error {
		sp, err := c.Audio.Speech.Create(ctx, &facade.SpeechRequest{Model: "gpt-4o", Input: "my key is " + plantedKey, Voice: "alloy"})
		if err == nil {
			_, err = io.Copy(io.Discard, sp.Body)
			sp.Body.Close()
		}
		return err
	}
	leakCalls["Audio.Transcriptions.Create"] = func(ctx context.Context, c *facade.Client) error {
		_, err := c.Audio.Transcriptions.Create(ctx, &facade.TranscriptionRequest{Model: "gpt-4o", File: strings.NewReader(plantedKey), Filename: "a.wav"})
		return err
	}
	leakCalls["Responses.Create"] = func(ctx context.Context, c *facade.Client) error {
		_, err := c.Responses.Create(ctx, &facade.ResponseRequest{Model: "gpt-4o", Input: "my key is " + plantedKey})
		return err
	}
	leakCalls["Responses.Stream"] = func(ctx context.Context, c *facade.Client) error {
		s, err := c.Responses.Stream(ctx, &facade.ResponseRequest{Model: "gpt-4o", Input: "my key is " + plantedKey})
		if err != nil {
			return err
		}
		return drain(s.All())
	}
	leakCalls["Responses.Get"] = func(ctx context.Context, c *facade.Client) error {
		_, err := c.Responses.Get(ctx, "resp_"+plantedKey)
		return err
	}
	leakCalls["Responses.Delete"] = func(ctx context.Context, c *facade.Client) error {
		_, err := c.Responses.Delete(ctx, "resp_"+plantedKey)
		return err
	}
	leakCalls["Responses.Cancel"] = func(ctx context.Context, c *facade.Client) error {
		_, err := c.Responses.Cancel(ctx, "resp_"+plantedKey)
		return err
	}
	leakCalls["Responses.InputItems"] = func(ctx context.Context, c *facade.Client) error {
		_, err := c.Responses.InputItems(ctx, "resp_"+plantedKey)
		return err
	}
}
