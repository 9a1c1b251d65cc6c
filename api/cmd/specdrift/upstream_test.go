package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/litellm-go/proxyclient/api/internal/drift"
)

// upstreamEnv names the upstream document TestSpecMatchesUpstream compares
// against. Unset, it compares against each of defaultUpstreams, in
// <repo root>/../shared/upstream/.
const upstreamEnv = "LITELLM_UPSTREAM_SPEC"

// defaultUpstreams are the documents of the pinned proxy and of the newest
// installable one.
var defaultUpstreams = []string{"litellm-openapi-1.88.0.json", "litellm-openapi-1.106.12.json"}

// repoRoot walks up from the working directory to the directory holding
// go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// TestSpecMatchesUpstream checks api/litellm-proxy.yaml against the real
// proxy's OpenAPI document: every operation, parameter and request-body
// field must exist upstream with a compatible type, unless the operation is
// x-litellm-hidden or api/drift-allow.yaml explains the difference.
func TestSpecMatchesUpstream(t *testing.T) {
	root := repoRoot(t)
	if upstream := os.Getenv(upstreamEnv); upstream != "" {
		checkUpstream(t, root, upstream, true)
		return
	}
	for _, name := range defaultUpstreams {
		t.Run(name, func(t *testing.T) {
			checkUpstream(t, root, filepath.Join(root, "..", "shared", "upstream", name), false)
		})
	}
}

// checkUpstream fails t for every unexplained difference between our spec
// and upstream. A missing default document skips; a missing document named
// by the environment fails.
func checkUpstream(t *testing.T, root, upstream string, fromEnv bool) {
	t.Helper()
	if !drift.IsURL(upstream) {
		if _, err := os.Stat(upstream); err != nil {
			if fromEnv {
				t.Fatalf("%s=%s: %v", upstreamEnv, upstream, err)
			}
			t.Skipf("upstream OpenAPI document %s not found (%v); set %s to a copy of a LiteLLM proxy's /openapi.json to run this test", upstream, err, upstreamEnv)
		}
	}

	specFile := filepath.Join(root, defaultSpec)
	ours, err := drift.Load(context.Background(), specFile)
	if err != nil {
		t.Fatalf("our spec: %v", err)
	}
	up, err := drift.Load(context.Background(), upstream)
	if err != nil {
		t.Fatalf("upstream: %v", err)
	}

	var cfg drift.Config
	allowFile := filepath.Join(root, defaultAllow)
	switch c, err := drift.LoadConfig(allowFile); {
	case err == nil:
		cfg = c
	case errors.Is(err, fs.ErrNotExist):
	default:
		t.Fatalf("allow file: %v", err)
	}

	report := drift.CompareConfig(ours, up, cfg)
	for _, f := range report.Findings {
		if f.Status == drift.StatusNote {
			t.Log(f.Line())
		}
	}
	if d := report.Drift(); len(d) > 0 {
		lines := make([]string, len(d))
		for i, f := range d {
			lines[i] = f.Line()
		}
		t.Errorf("%s drifts from %s (%d unexplained):\n%s\n\nFix the spec, mark routes the proxy hides with x-litellm-hidden: true, "+
			"or explain the drift in %s; details: go run ./api/cmd/specdrift -upstream %s",
			defaultSpec, upstream, len(d), strings.Join(lines, "\n"), defaultAllow, upstream)
	}
	t.Log(report.Summary.SummaryLine())
}
