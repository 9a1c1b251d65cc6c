package proxytest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/litellm-go/proxyclient/gen"
)

// TinyPNG is the image the emulator generates: a 1x1 PNG, base64-encoded
// (the b64_json of each image with response_format "b64_json").
const TinyPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="

type (
	// imagesResponseJSON is litellm's ImageResponse as the proxy dumps
	// it: the fields OpenAI's gpt-image models set are null here.
	imagesResponseJSON struct {
		Created      int64          `json:"created"`
		Background   *string        `json:"background"`
		Data         []imageJSON    `json:"data"`
		OutputFormat *string        `json:"output_format"`
		Quality      *string        `json:"quality"`
		Size         *string        `json:"size"`
		Usage        map[string]any `json:"usage"`
	}
	imageJSON struct {
		B64JSON       *string `json:"b64_json"`
		RevisedPrompt string  `json:"revised_prompt"`
		URL           *string `json:"url"`
		// ProviderSpecificFields is null, and sent by 1.106 only.
		ProviderSpecificFields *json.RawMessage `json:"provider_specific_fields,omitempty"`
	}
)

// ImageGeneration serves POST /images/generations.
func (h *handler) ImageGeneration(w http.ResponseWriter, r *http.Request, _ gen.ImageGenerationParams) {
	h.imageGeneration(w, r)
}

// ImageGenerationV1 serves POST /v1/images/generations.
func (h *handler) ImageGenerationV1(w http.ResponseWriter, r *http.Request, _ gen.ImageGenerationV1Params) {
	h.imageGeneration(w, r)
}

func (h *handler) imageGeneration(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ri := infoOf(r)
	var req struct {
		Prompt         string `json:"prompt"`
		Model          string `json:"model"`
		N              *int   `json:"n"`
		ResponseFormat string `json:"response_format"`
	}
	if e := readInference(r, &req); e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	if req.Model == "" {
		req.Model = r.URL.Query().Get("model")
	}
	n := 1
	if req.N != nil {
		n = *req.N
	}
	if n < 1 || n > 10 {
		h.inferenceError(w, ri, proxyErr(http.StatusBadRequest, "invalid_request_error", "n",
			"litellm.BadRequestError: OpenAIException - n must be between 1 and 10"))
		return
	}
	if req.ResponseFormat != "" && req.ResponseFormat != "url" && req.ResponseFormat != "b64_json" {
		h.inferenceError(w, ri, proxyErr(http.StatusBadRequest, "invalid_request_error", "response_format",
			"litellm.BadRequestError: OpenAIException - response_format must be 'url' or 'b64_json'"))
		return
	}
	d, e := h.inferenceDeployment(ri, req.Model)
	if e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	out := imagesResponseJSON{Created: h.now().Unix(), Usage: map[string]any{
		"total_tokens": 0, "input_tokens": 0, "output_tokens": 0,
		"input_tokens_details": map[string]any{"image_tokens": 0, "text_tokens": 0}, "output_tokens_details": nil,
	}}
	if h.is106() {
		out.Usage["prompt_tokens"], out.Usage["completion_tokens"] = 0, 0
		out.Usage["prompt_tokens_details"] = map[string]any{"image_tokens": 0, "text_tokens": 0,
			"audio_tokens": nil, "cached_tokens": nil, "video_tokens": nil}
	}
	for i := range n {
		img := imageJSON{RevisedPrompt: req.Prompt}
		if req.ResponseFormat == "b64_json" {
			b := TinyPNG
			img.B64JSON = &b
		} else {
			u := fmt.Sprintf("https://images.proxytest.invalid/%016x-%d.png", hashSeed("image", req.Prompt), i)
			img.URL = &u
		}
		if h.is106() {
			null := json.RawMessage("null")
			img.ProviderSpecificFields = &null
		}
		out.Data = append(out.Data, img)
	}
	h.inferenceHeaders(w, ri, d, req.Model, start)
	writeJSON(w, http.StatusOK, out)
}
