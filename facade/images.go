package facade

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// ImagesService generates images (POST /images/generations).
type ImagesService service

// Wire types of the images endpoint (the generated types of gen/).
type (
	// ImageGenerationRequest is the body of POST /images/generations.
	ImageGenerationRequest = gen.ImageGenerationRequest
	// ImagesResponse holds the generated images.
	ImagesResponse = gen.ImagesResponse
	// Image is one generated image: a URL, or base64 in B64JSON when the
	// request's ResponseFormat is "b64_json".
	Image = gen.Image
)

// Generate generates images for req.Prompt.
//
// Endpoint: POST /images/generations (Python: litellm.image_generation through the proxy).
func (s *ImagesService) Generate(ctx context.Context, req *ImageGenerationRequest, opts ...Option) (*ImagesResponse, error) {
	switch {
	case req == nil:
		return nil, errors.New("POST /images/generations: nil request")
	case req.Prompt == "":
		return nil, errors.New("POST /images/generations: prompt is required")
	}
	return call[ImagesResponse](ctx, (*service)(s), &request{method: http.MethodPost, path: "/images/generations", kind: kindChat,
		build: func(server string) (*http.Request, error) {
			return newJSONRequest(server, func(server, ct string, r io.Reader) (*http.Request, error) {
				return gen.NewImageGenerationRequestWithBody(server, nil, ct, r)
			}, req)
		}}, opts)
}
