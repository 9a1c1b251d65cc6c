package drift

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseAllowances(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		want    int
		wantErr string
	}{
		{"yaml list", `
- operation: POST /key/generate
  field: body.foo
  reason: passed through to the provider
- {operation: GET /key/info, reason: new in 1.90}
`, 2, ""},
		{"yaml object", `
allow:
  - operation: POST /key/generate
    field: "body.*"
    reason: enterprise
`, 1, ""},
		{"json list", `[{"operation": "POST /key/generate", "field": "body.foo", "reason": "r"}]`, 1, ""},
		{"json object", `{"allow": [{"operation": "POST /key/generate", "reason": "r"}]}`, 1, ""},
		{"empty", "\n", 0, ""},
		{"missing reason", `[{"operation": "POST /key/generate", "field": "body.foo"}]`, 0, "reason is required"},
		{"bad operation", `[{"operation": "/key/generate", "reason": "r"}]`, 0, `is not "METHOD /path"`},
		{"unknown field", `[{"operation": "POST /x", "reason": "r", "feild": "body.x"}]`, 0, "feild"},
		{"not yaml", `[{`, 0, "yaml"},
		{"since", `[{"operation": "POST /key/update", "field": "body.key", "reason": "r", "since": "1.106.12"}]`, 1, ""},
		{"bad since", `[{"operation": "POST /key/update", "reason": "r", "since": "newest"}]`, 0, `since "newest" is not a version`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAllowances([]byte(tt.data))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want {
				t.Fatalf("got %d allowances (%+v), want %d", len(got), got, tt.want)
			}
		})
	}
}

func TestLoadAllowancesFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "allow.yaml")
	if err := os.WriteFile(file, []byte("- {operation: GET /x, field: query.y, reason: because}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := LoadAllowances(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != (Allowance{Operation: "GET /x", Field: "query.y", Reason: "because"}) {
		t.Errorf("got %+v", got)
	}
	if _, err := LoadAllowances(filepath.Join(t.TempDir(), "nope.yaml")); err == nil {
		t.Error("missing file: no error")
	}
}

func TestLoadFileAndURL(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "up.json")
	if err := os.WriteFile(file, []byte(upstreamFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := Load(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Paths.Find("/key/generate") == nil {
		t.Error("file: /key/generate not loaded")
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/openapi.json":
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(upstreamFixture))
		case "/slow":
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	doc, err = Load(context.Background(), srv.URL+"/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Paths.Find("/key/{key_id}/regenerate") == nil {
		t.Error("URL: /key/{key_id}/regenerate not loaded")
	}
	if _, err := Load(context.Background(), srv.URL+"/missing.json"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("404: err = %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := Load(ctx, srv.URL+"/slow"); err == nil {
		t.Error("slow URL: no timeout error")
	}
	if _, err := Load(context.Background(), filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
}
