package bench

import (
	"net/http"

	"github.com/litellm-go/proxyclient/facade"
)

// facadeEmbedders returns the facade's embeddings calls: with no encoding
// format asked for (format=default: the facade asks for base64), and with
// float asked for.
func facadeEmbedders(hc *http.Client) []embedder {
	opts := []facade.Option{facade.WithAPIKey(benchKey)}
	if hc != nil {
		opts = append(opts, facade.WithHTTPClient(hc))
	}
	c, err := facade.New("http://proxy.invalid", opts...)
	if err != nil {
		panic(err)
	}
	call := func(format facade.EmbeddingEncodingFormat) func() (any, error) {
		return func() (any, error) {
			resp, err := c.Embeddings.Create(ctx, &facade.EmbeddingRequest{
				Model: "text-embedding-3-small", Input: embeddingInput, EncodingFormat: format,
			})
			if err != nil {
				return nil, err
			}
			return resp.Vectors(), nil
		}
	}
	return []embedder{
		{name: "facade", format: "default", embed: call("")},
		{name: "facade", format: "float", embed: call(facade.EmbeddingEncodingFloat)},
	}
}
