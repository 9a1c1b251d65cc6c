package cmdutil

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// newClient returns a client of a server that answers every path in
// answers (by path, then by the page query parameter, "" for none).
func newClient(t *testing.T, answers map[string]map[string]string) *facade.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := answers[r.URL.Path][r.URL.Query().Get("page")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c, err := facade.New(srv.URL, facade.WithAPIKey("sk-test-0123456789abcdef"), facade.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestExporter(t *testing.T) {
	t.Parallel()
	const keyPage = `{"total_count": 1, "keys": [{"token": "h", "zz_unknown": 1.50}], "current_page": 1, "total_pages": 1}`
	answers := map[string]map[string]string{
		"/key/list": {"": keyPage},
		"/user/list": {
			"1": `{"users": [{"user_id": "u1", "zz": [1.0]}], "total_pages": 2}`,
			"2": `{"users": [{"user_id": "u2"}], "total_pages": 2}`,
		},
		"/models":    {"": `{"data": [{"owned_by": "o", "id": "m"}], "object": "list"}`},
		"/team/list": {"": `null`},
		// A 2xx answer the facade cannot decode into its type.
		"/v1/model/info": {"": `{"data": [{"model_name": 7}]}`},
	}
	tests := []struct {
		name string
		run  func(c *facade.Client, e *Exporter) error
		want string
	}{
		{
			name: "the answer as sent: key order, spelling, unknown fields",
			run: func(c *facade.Client, e *Exporter) error {
				l, err := c.Keys.List(t.Context(), nil, e.Option())
				return e.Print(l, err)
			},
			want: "{\n  \"total_count\": 1,\n  \"keys\": [\n    {\n      \"token\": \"h\",\n      \"zz_unknown\": 1.50\n    }\n  ],\n  \"current_page\": 1,\n  \"total_pages\": 1\n}\n",
		},
		{
			name: "the items of every page",
			run: func(c *facade.Client, e *Exporter) error {
				for _, err := range c.Users.All(t.Context(), nil, e.Option()) {
					if err != nil {
						return err
					}
				}
				return e.JSONItems("users", nil)
			},
			want: "[\n  {\n    \"user_id\": \"u1\",\n    \"zz\": [\n      1.0\n    ]\n  },\n  {\n    \"user_id\": \"u2\"\n  }\n]\n",
		},
		{
			name: "a member's items",
			run: func(c *facade.Client, e *Exporter) error {
				m, err := c.Models.List(t.Context(), nil, e.Option())
				if err != nil {
					return err
				}
				return e.JSONItems("data", m)
			},
			want: "[\n  {\n    \"owned_by\": \"o\",\n    \"id\": \"m\"\n  }\n]\n",
		},
		{
			name: "null is an empty list",
			run: func(c *facade.Client, e *Exporter) error {
				teams, err := c.Teams.List(t.Context(), nil, e.Option())
				if err != nil {
					return err
				}
				return e.JSONItems("", teams)
			},
			want: "[]\n",
		},
		{
			name: "an answer the types do not fit is printed",
			run: func(c *facade.Client, e *Exporter) error {
				d, err := c.Models.Info(t.Context(), nil, e.Option())
				return e.Print(d, err)
			},
			want: "{\n  \"data\": [\n    {\n      \"model_name\": 7\n    }\n  ]\n}\n",
		},
		{
			name: "the typed value when nothing was recorded",
			run: func(c *facade.Client, e *Exporter) error {
				return e.JSON(map[string]any{"a": "<b>"})
			},
			want: "{\n  \"a\": \"<b>\"\n}\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ios, _, out, _ := iostreams.Test()
			e := NewExporter(ios, FormatJSON)
			if err := tt.run(newClient(t, answers), e); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, out.String()); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExporter_errors(t *testing.T) {
	t.Parallel()
	c := newClient(t, nil)
	ios, _, out, _ := iostreams.Test()
	e := NewExporter(ios, FormatTable)
	_, err := c.Keys.Info(t.Context(), "sk-test-0123456789abcdef", e.Option())
	if got := e.Print(nil, err); got == nil || strings.Contains(got.Error(), "sk-test-0123456789abcdef") {
		t.Errorf("Print of a 404 = %v, want the error, redacted", got)
	}
	if out.Len() != 0 || e.Last() != nil || e.IsJSON() {
		t.Errorf("an error answer was recorded or printed: %q %q", out.String(), e.Last())
	}
}

func TestExporterHide(t *testing.T) {
	t.Parallel()
	const hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	tests := []struct {
		name    string
		secrets []string
		v       any
		want    string
	}{
		{"raw answer", []string{"sk-test-0123456789"}, facade.RawJSON(`{"key": "sk-test-0123456789", "n": 1}`),
			`{"key": "sk-...6789", "n": 1}`},
		{"typed value, in a list", []string{"sk-a-0123456789", "sk-b-0123456789"}, map[string]any{"deleted_keys": []string{"sk-a-0123456789", "sk-b-0123456789"}},
			`{"deleted_keys": ["sk-...6789", "sk-...6789"]}`},
		{"inside a longer string", []string{"sk-test-0123456789"}, facade.RawJSON(`{"message": "key sk-test-0123456789 not found"}`),
			`{"message": "key sk-...6789 not found"}`},
		{"short key", []string{"sk-short"}, facade.RawJSON(`{"key": "sk-short"}`), `{"key": "REDACTED"}`},
		{"a hash stays", []string{hash}, facade.RawJSON(`{"token": "` + hash + `"}`), `{"token": "` + hash + `"}`},
		{"nothing to hide", nil, facade.RawJSON(`{"key": "sk-test-0123456789"}`), `{"key": "sk-test-0123456789"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			if err := NewExporter(ios, FormatJSON).Hide(tt.secrets...).JSON(tt.v); err != nil {
				t.Fatal(err)
			}
			var got, want bytes.Buffer
			if err := json.Compact(&got, out.Bytes()); err != nil {
				t.Fatalf("printed %q: %v", out, err)
			}
			_ = json.Compact(&want, []byte(tt.want))
			if got.String() != want.String() {
				t.Errorf("printed %s, want %s", got.String(), want.String())
			}
		})
	}
}
