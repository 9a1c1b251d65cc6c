package proxytest_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// inferenceOperations are the inference operations beyond chat: any key
// may call them, as chat (TestRouteGating).
var inferenceOperations = []string{
	"embeddings", "embeddingsV1", "completion", "completionV1", "moderation", "moderationV1",
	"imageGeneration", "imageGenerationV1", "rerank", "rerankV1",
	"audioSpeech", "audioSpeechV1", "audioTranscription", "audioTranscriptionV1",
	"responseCreate", "responseCreateV1", "responseGet", "responseGetV1", "responseDelete", "responseDeleteV1",
	"responseCancel", "responseCancelV1", "responseInputItems", "responseInputItemsV1",
}

func init() {
	for _, op := range inferenceOperations {
		routeClasses[op] = "any"
	}
}

// inferenceModels are deployments for the inference tests.
var inferenceModels = []proxytest.Model{
	embeddingModel,
	{Name: "gpt-3.5-turbo-instruct", Params: map[string]any{"model": "text-completion-openai/gpt-3.5-turbo-instruct"}},
	{Name: "omni-moderation-latest", Params: map[string]any{"model": "openai/omni-moderation-latest"}},
	{Name: "dall-e-3", Params: map[string]any{"model": "openai/dall-e-3"}},
	{Name: "rerank-english-v3.0", Params: map[string]any{"model": "hosted_vllm/rerank-english-v3.0"}},
	{Name: "tts-1", Params: map[string]any{"model": "openai/tts-1"}},
	{Name: "whisper-1", Params: map[string]any{"model": "openai/whisper-1"}},
}

func TestInferenceEndpoints(t *testing.T) {
	srv := newServer(t, proxytest.WithModels(inferenceModels...))
	tests := []struct {
		name  string
		path  string
		body  map[string]any
		check func(t *testing.T, m map[string]any)
	}{
		{"completion", "/completions", map[string]any{"model": "gpt-3.5-turbo-instruct", "prompt": "hello there"}, func(t *testing.T, m map[string]any) {
			if got := get(m, "choices", 0, "text"); got != "You said: hello there" || m["object"] != "text_completion" {
				t.Errorf("completion %v", m)
			}
		}},
		{"completion v1, max_tokens", "/v1/completions", map[string]any{"model": "gpt-3.5-turbo-instruct", "prompt": []string{"a b c d"}, "max_tokens": 2}, func(t *testing.T, m map[string]any) {
			if get(m, "choices", 0, "text") != "You said:" || get(m, "choices", 0, "finish_reason") != "length" {
				t.Errorf("completion %v", m)
			}
		}},
		{"moderation flags the keyword", "/moderations", map[string]any{"model": "omni-moderation-latest", "input": []string{"I will kill the process", "hello"}}, func(t *testing.T, m map[string]any) {
			if get(m, "results", 0, "flagged") != true || get(m, "results", 1, "flagged") != false || get(m, "results", 0, "categories", "violence") != true {
				t.Errorf("moderation %v", m)
			}
		}},
		{"moderation v1, default model", "/v1/moderations", map[string]any{"input": "hello"}, func(t *testing.T, m map[string]any) {
			if get(m, "results", 0, "flagged") != false {
				t.Errorf("moderation %v", m)
			}
		}},
		{"image url", "/images/generations", map[string]any{"model": "dall-e-3", "prompt": "a cat", "n": 2}, func(t *testing.T, m map[string]any) {
			u, _ := get(m, "data", 1, "url").(string)
			if !strings.HasPrefix(u, "https://") || get(m, "data", 0, "revised_prompt") != "a cat" {
				t.Errorf("images %v", m)
			}
		}},
		{"image b64", "/v1/images/generations", map[string]any{"model": "dall-e-3", "prompt": "a cat", "response_format": "b64_json"}, func(t *testing.T, m map[string]any) {
			if get(m, "data", 0, "b64_json") != proxytest.TinyPNG {
				t.Errorf("images %v", m)
			}
		}},
		{"rerank", "/rerank", map[string]any{"model": "rerank-english-v3.0", "query": "red apple", "documents": []string{"a blue sky", "a red apple", "red paint"}, "top_n": 2}, func(t *testing.T, m map[string]any) {
			res, _ := m["results"].([]any)
			if len(res) != 2 || get(m, "results", 0, "index") != 1.0 || get(m, "results", 1, "index") != 2.0 || get(m, "results", 0, "document", "text") != "a red apple" {
				t.Errorf("rerank %v", m)
			}
		}},
		{"rerank v1 without documents", "/v1/rerank", map[string]any{"model": "rerank-english-v3.0", "query": "q", "documents": []string{"q"}, "return_documents": false}, func(t *testing.T, m map[string]any) {
			if get(m, "results", 0, "document") != nil {
				t.Errorf("rerank %v", m)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustOK(t, call(t, srv, http.MethodPost, tt.path, srv.MasterKey, tt.body))
			if r.Header.Get("x-litellm-call-id") == "" {
				t.Errorf("no x-litellm-call-id")
			}
			tt.check(t, r.Map(t))
		})
	}
}

func TestCompletionStream(t *testing.T) {
	srv := newServer(t, proxytest.WithModels(inferenceModels...))
	r := mustOK(t, call(t, srv, http.MethodPost, "/completions", srv.MasterKey,
		map[string]any{"model": "gpt-3.5-turbo-instruct", "prompt": "one two", "stream": true, "stream_options": map[string]any{"include_usage": true}}))
	body := string(r.Body)
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/event-stream") || !strings.HasSuffix(body, "data: [DONE]\n\n") {
		t.Fatalf("stream %q", body)
	}
	for _, want := range []string{`"text":"You"`, `"text":" two"`, `"finish_reason":"stop"`, `"total_tokens":`} {
		if !strings.Contains(body, want) {
			t.Errorf("stream has no %s: %s", want, body)
		}
	}
}

func TestInferenceUnknownModel(t *testing.T) {
	srv := newServer(t, proxytest.WithModels(inferenceModels...))
	for _, c := range []struct{ path, body string }{
		{"/completions", `{"model":"nope","prompt":"x"}`},
		{"/moderations", `{"model":"nope","input":"x"}`},
		{"/images/generations", `{"model":"nope","prompt":"x"}`},
		{"/rerank", `{"model":"nope","query":"x","documents":["y"]}`},
	} {
		r := call(t, srv, http.MethodPost, c.path, srv.MasterKey, c.body)
		if r.Status != http.StatusBadRequest || !strings.Contains(string(r.Body), "Invalid model name") {
			t.Errorf("%s: %d %s", c.path, r.Status, r.Body)
		}
	}
}

func init() {
	// The speech answers are audio, which the validating transport checks
	// against the spec's binary audio/* schema.
	for _, ct := range []string{"audio/mpeg", "audio/opus", "audio/aac", "audio/flac", "audio/wav", "audio/pcm"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.FileBodyDecoder)
	}
}

func TestSpeech(t *testing.T) {
	srv := newServer(t, proxytest.WithModels(inferenceModels...))
	for _, tt := range []struct{ path, format, ct string }{{"/audio/speech", "", "audio/mpeg"}, {"/v1/audio/speech", "wav", "audio/wav"}} {
		r := mustOK(t, call(t, srv, http.MethodPost, tt.path, srv.MasterKey,
			map[string]any{"model": "tts-1", "input": "hello", "voice": "alloy", "response_format": tt.format}))
		if r.Header.Get("Content-Type") != tt.ct || !bytes.Equal(r.Body, proxytest.SpeechAudio("hello")) {
			t.Errorf("%s: %s, %d bytes", tt.path, r.Header.Get("Content-Type"), len(r.Body))
		}
	}
}

func TestTranscription(t *testing.T) {
	srv := newServer(t, proxytest.WithModels(inferenceModels...))
	for _, path := range []string{"/audio/transcriptions", "/v1/audio/transcriptions"} {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		_ = mw.WriteField("model", "whisper-1")
		fw, _ := mw.CreateFormFile("file", "a.mp3")
		_, _ = fw.Write(make([]byte, 1234))
		_ = mw.Close()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+path, &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+srv.MasterKey)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(data), proxytest.TranscriptionText("a.mp3", 1234)) {
			t.Errorf("%s: %d %s", path, resp.StatusCode, data)
		}
	}
}
