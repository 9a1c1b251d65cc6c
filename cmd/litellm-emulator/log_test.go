package main

import (
	"bytes"
	"log"
	"testing"
	"time"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestLogRequest(t *testing.T) {
	for _, tt := range []struct {
		name string
		req  proxytest.Request
		want string
	}{
		{"answered", proxytest.Request{Method: "GET", Path: "/health/liveliness", Status: 200}, "GET /health/liveliness 200 1.5ms\n"},
		{"dropped", proxytest.Request{Method: "POST", Path: "/key/generate"}, "POST /key/generate - 1.5ms\n"},
		{"key in the path", proxytest.Request{Method: "POST", Path: "/key/sk-test-secret-9876/regenerate", Status: 500}, "POST /key/sk-...9876/regenerate 500 1.5ms\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			logRequest(log.New(&buf, "", 0))(tt.req, 1500*time.Microsecond)
			if got := buf.String(); got != tt.want {
				t.Errorf("logged %q, want %q", got, tt.want)
			}
		})
	}
}
