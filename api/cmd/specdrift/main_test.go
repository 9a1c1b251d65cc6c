package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const oursSpec = `
openapi: 3.0.3
info: {title: ours, version: "1"}
paths:
  /key/generate:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                key_alias: {type: string, nullable: true}
                max_budget: {type: number}
      responses: {"200": {description: ok}}
  /sso/key/generate:
    get:
      x-litellm-hidden: true
      responses: {"200": {description: ok}}
`

const upstreamSame = `{"openapi": "3.1.0", "info": {"title": "u", "version": "1"}, "paths": {
  "/key/generate": {"post": {
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {
      "key_alias": {"anyOf": [{"type": "string"}, {"type": "null"}]},
      "max_budget": {"anyOf": [{"type": "number"}, {"type": "null"}]},
      "team_id": {"type": "string"}}}}}},
    "responses": {"200": {"description": "ok"}}}}}}`

const upstreamDrifted = `{"openapi": "3.1.0", "info": {"title": "u", "version": "1"}, "paths": {
  "/key/generate": {"post": {
    "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
      "max_budget": {"type": "integer"}}}}}},
    "responses": {"200": {"description": "ok"}}}}}}`

func write(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	spec := write(t, dir, "ours.yaml", oursSpec)
	same := write(t, dir, "same.json", upstreamSame)
	drifted := write(t, dir, "drifted.json", upstreamDrifted)
	allowAll := write(t, dir, "allow.yaml", `
- {operation: POST /key/generate, field: body.key_alias, reason: enterprise-only field}
- {operation: POST /key/generate, field: body.max_budget, reason: upstream types it too narrowly}
`)
	badAllow := write(t, dir, "bad-allow.yaml", `[{operation: POST /key/generate}]`)
	missing := filepath.Join(dir, "missing.json")

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/openapi.json" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(upstreamDrifted))
	}))
	defer srv.Close()

	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     []string
		stderr     string
		noDefaults bool
	}{
		{"no args", nil, 2, nil, "-upstream is required", false},
		{"bad flag", []string{"-nope"}, 2, nil, "flag provided but not defined", false},
		{"extra arg", []string{"-upstream", same, "x"}, 2, nil, "unexpected arguments", false},
		{"bad format", []string{"-upstream", same, "-format", "xml"}, 2, nil, "-format must be text or json", false},
		{"missing upstream", []string{"-upstream", missing}, 2, nil, "specdrift: upstream:", false},
		{"missing spec", []string{"-upstream", same, "-spec", missing}, 2, nil, "specdrift: spec:", true},
		{"missing explicit allow", []string{"-upstream", same, "-allow", missing}, 2, nil, "allow file", false},
		{"bad allow", []string{"-upstream", same, "-allow", badAllow}, 2, nil, "reason is required", false},
		{"no drift", []string{"-upstream", same}, 0,
			[]string{"== Drift (unexplained): 0", "EXPLAINED  HIDDEN          GET /sso/key/generate", "INFO       UPSTREAM-ONLY   POST /key/generate  1 upstream-only: body.team_id", "summary: ours=2 operations"}, "", false},
		{"drift", []string{"-upstream", drifted}, 1,
			[]string{"DRIFT      MISSING         POST /key/generate  body.key_alias: missing upstream",
				"DRIFT      RETYPED         POST /key/generate  body.max_budget: ours=number upstream=integer",
				"drift=2 explained=1"}, "", false},
		{"drift explained", []string{"-upstream", drifted, "-allow", allowAll}, 0,
			[]string{"(2 allowances, 0 families, 0 uncovered entries)", "EXPLAINED  RETYPED         POST /key/generate  body.max_budget: ours=number upstream=integer [allowed: upstream types it too narrowly]"}, "", false},
		{"url", []string{"-upstream", srv.URL + "/openapi.json"}, 1, []string{"drift=2"}, "", false},
		{"url 404", []string{"-upstream", srv.URL + "/nope"}, 2, nil, "404", false},
		{"help", []string{"-h"}, 0, nil, "usage: specdrift", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if !tt.noDefaults {
				args = append([]string{"-spec", spec}, args...)
			}
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout.String(), stderr.String())
			}
			for _, want := range tt.stdout {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
				}
			}
			if tt.stderr != "" && !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr.String())
			}
		})
	}
}

func TestRunJSON(t *testing.T) {
	dir := t.TempDir()
	spec := write(t, dir, "ours.yaml", oursSpec)
	drifted := write(t, dir, "drifted.json", upstreamDrifted)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-spec", spec, "-upstream", drifted, "-format", "json"}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit code = %d, stderr:\n%s", code, stderr.String())
	}
	var report struct {
		Findings []struct {
			Status, Kind, Operation, Field, Ours, Upstream string
		}
		Summary struct{ Drift, Explained int }
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout.String())
	}
	if report.Summary.Drift != 2 || report.Summary.Explained != 1 {
		t.Errorf("summary = %+v", report.Summary)
	}
	found := false
	for _, f := range report.Findings {
		if f.Kind == "RETYPED" && f.Field == "body.max_budget" && f.Ours == "number" && f.Upstream == "integer" && f.Status == "drift" {
			found = true
		}
	}
	if !found {
		t.Errorf("RETYPED body.max_budget not in %s", stdout.String())
	}
}

// TestDefaultAllowOptional checks that a missing default allow file is not
// an error (the test runs in this package's directory, where
// api/drift-allow.yaml does not exist relative to the working directory).
func TestDefaultAllowOptional(t *testing.T) {
	if _, err := os.Stat(defaultAllow); err == nil {
		t.Skipf("%s exists relative to %s", defaultAllow, mustGetwd(t))
	}
	dir := t.TempDir()
	spec := write(t, dir, "ours.yaml", oursSpec)
	same := write(t, dir, "same.json", upstreamSame)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-spec", spec, "-upstream", same}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit code = %d, stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "(0 allowances, 0 families, 0 uncovered entries)") {
		t.Errorf("stdout:\n%s", stdout.String())
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}
