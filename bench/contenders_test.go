package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	openai "github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	goopenai "github.com/sashabaranov/go-openai"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/gen"
)

// A contender makes chat calls through one client. Each is built with its
// own defaults, given only the base URL, the key and (when not nil) the HTTP
// client to use.
type contender struct {
	name string
	// chat makes one non-streaming call and returns the answer's content.
	chat func() (string, error)
	// stream makes one streaming call; each(content) runs for every chunk
	// received. It returns the number of chunks.
	stream func(each func(string)) (int, error)
}

// contenders returns the clients in the order the tables show them. hc nil
// means each client's default HTTP client.
func contenders(base string, hc *http.Client) []contender {
	return []contender{
		facadeContender(base, hc),
		genContender(base, hc),
		netHTTPContender(base, hc),
		openaiGoContender(base, hc),
		goOpenAIContender(base, hc),
	}
}

var chatRequest = facade.ChatCompletionRequest{Model: "gpt-4o", Messages: []facade.ChatMessage{facade.UserMessage("Tell me about foxes.")}}

func facadeContender(base string, hc *http.Client) contender {
	opts := []facade.Option{facade.WithAPIKey(benchKey)}
	if hc != nil {
		opts = append(opts, facade.WithHTTPClient(hc))
	}
	c, err := facade.New(base, opts...)
	if err != nil {
		panic(err)
	}
	return contender{
		name: "facade",
		chat: func() (string, error) {
			resp, err := c.Chat.Completions.Create(ctx, &chatRequest)
			if err != nil {
				return "", err
			}
			return resp.Content(), nil
		},
		stream: func(each func(string)) (int, error) {
			s, err := c.Chat.Completions.Stream(ctx, &chatRequest)
			if err != nil {
				return 0, err
			}
			defer s.Close()
			n := 0
			for s.Next() {
				n++
				if ch := s.Current(); len(ch.Choices) > 0 {
					each(ch.Choices[0].Delta.Content)
				}
			}
			return n, s.Err()
		},
	}
}

// genContender is the generated client alone: gen.ClientWithResponses.
func genContender(base string, hc *http.Client) contender {
	opts := []gen.ClientOption{gen.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer "+benchKey)
		return nil
	})}
	if hc != nil {
		opts = append(opts, gen.WithHTTPClient(hc))
	}
	c, err := gen.NewClientWithResponses(base+"/", opts...)
	if err != nil {
		panic(err)
	}
	return contender{
		name: "gen",
		chat: func() (string, error) {
			resp, err := c.ChatCompletionWithResponse(ctx, chatRequest)
			if err != nil {
				return "", err
			}
			if resp.JSON200 == nil || len(resp.JSON200.Choices) == 0 {
				return "", fmt.Errorf("status %d", resp.StatusCode())
			}
			return resp.JSON200.Choices[0].Message.Content, nil
		},
	}
}

// netHTTPContender is what a user writes by hand with net/http and
// encoding/json: the floor.
func netHTTPContender(base string, hc *http.Client) contender {
	if hc == nil {
		hc = &http.Client{}
	}
	url := base + "/chat/completions"
	do := func(stream bool) (*http.Response, error) {
		req := chatRequest
		req.Stream = stream
		body, err := json.Marshal(&req)
		if err != nil {
			return nil, err
		}
		hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		hreq.Header.Set("Content-Type", "application/json")
		hreq.Header.Set("Authorization", "Bearer "+benchKey)
		resp, err := hc.Do(hreq)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return nil, fmt.Errorf("status %d", resp.StatusCode)
		}
		return resp, nil
	}
	return contender{
		name: "net/http",
		chat: func() (string, error) {
			resp, err := do(false)
			if err != nil {
				return "", err
			}
			defer resp.Body.Close()
			var out gen.ChatCompletion
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
				return "", err
			}
			if len(out.Choices) == 0 {
				return "", errors.New("no choice")
			}
			return out.Choices[0].Message.Content, nil
		},
		stream: func(each func(string)) (int, error) {
			resp, err := do(true)
			if err != nil {
				return 0, err
			}
			defer resp.Body.Close()
			return scanStream(resp.Body, each)
		},
	}
}

// scanStream is the hand-written SSE loop: bufio.Scanner over lines,
// "data: " prefix, json.Unmarshal.
func scanStream(r io.Reader, each func(string)) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	n := 0
	for sc.Scan() {
		line := sc.Bytes()
		data, ok := bytes.CutPrefix(line, []byte("data: "))
		if !ok {
			continue
		}
		if bytes.Equal(data, []byte("[DONE]")) {
			return n, nil
		}
		var c gen.ChatCompletionChunk
		if err := json.Unmarshal(data, &c); err != nil {
			return n, err
		}
		n++
		if len(c.Choices) > 0 {
			each(c.Choices[0].Delta.Content)
		}
	}
	if err := sc.Err(); err != nil {
		return n, err
	}
	return n, io.ErrUnexpectedEOF
}

func openaiGoContender(base string, hc *http.Client) contender {
	opts := []option.RequestOption{option.WithBaseURL(base + "/"), option.WithAPIKey(benchKey)}
	if hc != nil {
		opts = append(opts, option.WithHTTPClient(hc))
	}
	c := openai.NewClient(opts...)
	params := openai.ChatCompletionNewParams{
		Model:    "gpt-4o",
		Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Tell me about foxes.")},
	}
	return contender{
		name: "openai-go",
		chat: func() (string, error) {
			resp, err := c.Chat.Completions.New(ctx, params)
			if err != nil {
				return "", err
			}
			if len(resp.Choices) == 0 {
				return "", errors.New("no choice")
			}
			return resp.Choices[0].Message.Content, nil
		},
		stream: func(each func(string)) (int, error) {
			s := c.Chat.Completions.NewStreaming(ctx, params)
			defer s.Close()
			n := 0
			for s.Next() {
				n++
				if ch := s.Current(); len(ch.Choices) > 0 {
					each(ch.Choices[0].Delta.Content)
				}
			}
			return n, s.Err()
		},
	}
}

func goOpenAIContender(base string, hc *http.Client) contender {
	cfg := goopenai.DefaultConfig(benchKey)
	cfg.BaseURL = base
	if hc != nil {
		cfg.HTTPClient = hc
	}
	c := goopenai.NewClientWithConfig(cfg)
	req := goopenai.ChatCompletionRequest{
		Model:    "gpt-4o",
		Messages: []goopenai.ChatCompletionMessage{{Role: goopenai.ChatMessageRoleUser, Content: "Tell me about foxes."}},
	}
	return contender{
		name: "go-openai",
		chat: func() (string, error) {
			resp, err := c.CreateChatCompletion(ctx, req)
			if err != nil {
				return "", err
			}
			if len(resp.Choices) == 0 {
				return "", errors.New("no choice")
			}
			return resp.Choices[0].Message.Content, nil
		},
		stream: func(each func(string)) (int, error) {
			sreq := req
			sreq.Stream = true
			s, err := c.CreateChatCompletionStream(ctx, sreq)
			if err != nil {
				return 0, err
			}
			defer s.Close()
			n := 0
			for {
				r, err := s.Recv()
				if errors.Is(err, io.EOF) {
					return n, nil
				}
				if err != nil {
					return n, err
				}
				n++
				if len(r.Choices) > 0 {
					each(r.Choices[0].Delta.Content)
				}
			}
		},
	}
}
