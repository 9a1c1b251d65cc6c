package facade_test

import (
	"context"

	"github.com/litellm-go/proxyclient/facade"
)

// The inference methods beyond chat, for TestSecretsNeverLeak.
func init() {
	leakCalls["Embeddings.Create"] = func(ctx context.Context, c *facade.Client) error {
		_, err := c.Embeddings.Create(ctx, &facade.EmbeddingRequest{Model: "gpt-4o", Input: []string{"my key is " + plantedKey}})
		return err
	}
}
