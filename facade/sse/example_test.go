package sse_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/litellm-go/proxyclient/facade/sse"
)

func ExampleDecoder() {
	body := strings.NewReader(": ping\n\n" +
		"data: {\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}\n\n" +
		"event: usage\r\ndata: {\"prompt_tokens\":3,\r\ndata: \"completion_tokens\":1}\r\n\r\n" +
		"data: [DONE]\n\n" +
		"data: {\"trunc")

	d := sse.NewDecoder(body, sse.WithMaxEventSize(1<<20))
	for d.Next() {
		ev := d.Event() // ev.Data is valid until the next call to d.Next
		fmt.Printf("type=%q data=%s\n", ev.Type, ev.Data)
	}
	if err := d.Err(); err != nil {
		fmt.Println("error:", err)
		fmt.Println("truncated:", errors.Is(err, io.ErrUnexpectedEOF))
	}
	// Output:
	// type="" data={"choices":[{"delta":{"content":"Hello"}}]}
	// type="usage" data={"prompt_tokens":3,
	// "completion_tokens":1}
	// type="" data=[DONE]
	// error: sse: stream ended in the middle of an event: unexpected EOF
	// truncated: true
}
