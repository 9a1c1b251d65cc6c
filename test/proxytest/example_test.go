package proxytest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// ExampleNewServer starts an emulated proxy and asks its built-in model a question.
func ExampleNewServer() {
	srv := proxytest.NewServer()
	defer srv.Close()

	body := `{"model": "gpt-4o", "messages": [{"role": "user", "content": "Hello, proxy"}]}`
	req, _ := http.NewRequest("POST", srv.URL+"/chat/completions", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+srv.MasterKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.Client().Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var out struct {
		Choices []struct {
			Message struct{ Content string }
		}
	}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	fmt.Println(resp.StatusCode, out.Choices[0].Message.Content)
	// Output: 200 You said: Hello, proxy
}

// ExampleWithFault makes the first chat completion fail with a 429 and a
// Retry-After header, as a rate-limited proxy would.
func ExampleWithFault() {
	srv := proxytest.NewServer(proxytest.WithFault(
		proxytest.ErrorStatus(http.StatusTooManyRequests, 2*time.Second).On("chatCompletion").Times(1)))
	defer srv.Close()

	for range 2 {
		req, _ := http.NewRequest("POST", srv.URL+"/chat/completions",
			strings.NewReader(`{"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}`))
		req.Header.Set("Authorization", "Bearer "+srv.MasterKey)
		resp, err := srv.Client().Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
		fmt.Printf("%d Retry-After=%q\n", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	fmt.Println(srv.RequestCount("chatCompletion"), "requests")
	// Output:
	// 429 Retry-After="2"
	// 200 Retry-After=""
	// 2 requests
}
