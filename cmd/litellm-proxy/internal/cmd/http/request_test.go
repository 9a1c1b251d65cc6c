package http

import (
	"encoding/json"
	nethttp "net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
)

func TestNewCmdRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		argv    string
		method  string
		uri     string
		json    string
		data    string
		headers nethttp.Header
		wantErr string
	}{
		{name: "get", argv: "get /models", method: "GET", uri: "/models", headers: nethttp.Header{}},
		{
			name: "json and headers", argv: `POST /chat/completions -j '{"model": "gpt-4"}' -H "X-Custom-Header:value" -H " Accept : application/json "`,
			method: "POST", uri: "/chat/completions", json: `{"model": "gpt-4"}`,
			headers: nethttp.Header{"X-Custom-Header": {"value"}, "Accept": {"application/json"}},
		},
		{name: "raw data", argv: "PUT x -d 'not json'", method: "PUT", uri: "x", data: "not json", headers: nethttp.Header{}},
		{name: "bad json", argv: `POST /models -j '{"invalid": json}'`, wantErr: "Invalid JSON format"},
		{name: "bad header", argv: "GET /models -H invalid-header", wantErr: "Invalid header format: invalid-header. Expected format: 'key:value'"},
		{name: "bad header name", argv: "GET /models -H 'a b:c'", wantErr: "Invalid header format"},
		{name: "one argument", argv: "GET", wantErr: "METHOD and URI are required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, _ := cmdtest.NewFactory(nil, "")
			var got *RequestOptions
			err := cmdtest.Run(f, NewCmdRequest(f, func(o *RequestOptions) error { got = o; return nil }), tt.argv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Method != tt.method || got.URI != tt.uri || string(got.Data) != tt.data {
				t.Errorf("got %s %s data %q", got.Method, got.URI, got.Data)
			}
			if tt.json != "" && !json.Valid(got.JSON) {
				t.Errorf("JSON = %s", got.JSON)
			}
			if diff := cmp.Diff(tt.headers, got.Headers); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
		})
	}
}
