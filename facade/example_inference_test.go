package facade_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func ExampleEmbeddingsService_Create() {
	srv := proxytest.NewServer(proxytest.WithModels(proxytest.Model{
		Name: "text-embedding-3-small", Params: map[string]any{"model": "openai/text-embedding-3-small"},
	}))
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))

	dims := 256
	resp, err := c.Embeddings.Create(context.Background(), &facade.EmbeddingRequest{
		Model:      "text-embedding-3-small",
		Input:      []string{"the first text", "the second"},
		Dimensions: &dims, // sent as base64 and decoded into []float32
	})
	if err != nil {
		log.Fatal(err)
	}
	for i, v := range resp.Vectors() {
		fmt.Println(i, len(v))
	}
	fmt.Println("tokens:", resp.Usage.PromptTokens)
	// Output:
	// 0 256
	// 1 256
	// tokens: 5
}

func ExampleResponsesService_Stream() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))

	stream, err := c.Responses.Stream(context.Background(), &facade.ResponseRequest{
		Model: "gpt-4o",
		Input: "stream a response",
	})
	if err != nil {
		log.Fatal(err)
	}
	defer stream.Close()
	for stream.Next() {
		if ev := stream.Current(); ev.Type == "response.output_text.delta" {
			fmt.Print(ev.Delta)
		}
	}
	if err := stream.Err(); err != nil {
		log.Fatal(err)
	}
	fmt.Println()
	fmt.Println(stream.Final().Status)
	// Output:
	// You said: stream a response
	// completed
}

func ExampleResponsesService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	resp, err := c.Responses.Create(ctx, &facade.ResponseRequest{
		Model: "gpt-4o",
		Input: []map[string]any{{"role": "user", "content": "Hello, Responses API"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.OutputText())
	stored, err := c.Responses.Get(ctx, resp.ID) // stored by the proxy's provider
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(stored.Status)
	// Output:
	// You said: Hello, Responses API
	// completed
}

func ExampleCompletionsService_Stream() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))

	stream, err := c.Completions.Stream(context.Background(), &facade.CompletionRequest{
		Model:  "gpt-4o",
		Prompt: "legacy prompt",
	})
	if err != nil {
		log.Fatal(err)
	}
	for chunk, err := range stream.All() {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Print(facade.CompletionText(&chunk))
	}
	fmt.Println()
	// Output:
	// You said: legacy prompt
}

func ExampleRerankService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))

	top := 1
	resp, err := c.Rerank.Create(context.Background(), &facade.RerankRequest{
		Model:     "gpt-4o",
		Query:     "red apple",
		Documents: []any{"a blue sky", "a red apple", "green grass"},
		TopN:      &top,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.Results[0].Index, resp.Results[0].RelevanceScore > 0.9)
	// Output:
	// 1 true
}

func ExampleModerationsService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))

	resp, err := c.Moderations.Create(context.Background(), &facade.ModerationRequest{
		Model: "gpt-4o",
		Input: []string{"have a nice day", "I will kill the build"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range resp.Results {
		fmt.Println(r.Flagged, r.Categories["violence"])
	}
	// Output:
	// false false
	// true true
}

func ExampleImagesService_Generate() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))

	resp, err := c.Images.Generate(context.Background(), &facade.ImageGenerationRequest{
		Model:          "gpt-4o",
		Prompt:         "a lighthouse at dawn",
		ResponseFormat: "b64_json",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(resp.Data), resp.Data[0].B64JSON == proxytest.TinyPNG)
	// Output:
	// 1 true
}

func ExampleAudioSpeechService_Create() {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()

	speech, err := c.Audio.Speech.Create(ctx, &facade.SpeechRequest{Model: "gpt-4o", Input: "Hello!", Voice: "alloy"})
	if err != nil {
		log.Fatal(err)
	}
	defer speech.Body.Close()
	audio, err := io.ReadAll(speech.Body) // or io.Copy to a file or a player, as it arrives
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(speech.ContentType, len(audio) > 0)

	text, err := c.Audio.Transcriptions.Create(ctx, &facade.TranscriptionRequest{
		Model:    "gpt-4o",
		File:     strings.NewReader(string(audio)), // an *os.File in a real program
		Filename: "hello.mp3",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(text.Text)
	// Output:
	// audio/mpeg true
	// Transcribed 106 bytes of hello.mp3.
}
