package bench

import (
	"net/http"
	"testing"
)

// BenchmarkChatRoundTrip is one non-streaming chat completion (a ~1 KB
// answer): over an in-memory transport returning the canned response (the
// client's own overhead), and over loopback to a local server (each client
// with its default HTTP client).
func BenchmarkChatRoundTrip(b *testing.B) {
	mem := &http.Client{Transport: &memoryTransport{contentType: "application/json", body: completionJSON}}
	for _, tr := range []string{"memory", "loopback"} {
		b.Run("transport="+tr, func(b *testing.B) {
			base, hc := "http://proxy.invalid", mem
			if tr == "loopback" {
				base, hc = newChatServer(b, nil).URL, nil
			}
			for _, c := range contenders(base, hc) {
				b.Run("client="+c.name, func(b *testing.B) {
					if got, err := c.chat(); err != nil || got != answer {
						b.Fatalf("chat: %q, %v", got, err)
					}
					b.ReportAllocs()
					for b.Loop() {
						if _, err := c.chat(); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
