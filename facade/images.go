package facade

import (
	"context"
	"errors"
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
	r := newRequest(http.MethodPost, "/images/generations").ofKind(kindChat).
		with(gen.NewImageGenerationRequest(s.client.server, nil, *req))
	res := new(ImagesResponse)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}
