package drift

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// oursFixture is a small 3.0 spec in the style of api/litellm-proxy.yaml.
const oursFixture = `
openapi: 3.0.3
info: {title: ours, version: "1"}
paths:
  /key/generate:
    post:
      parameters:
        - {name: LiteLLM-Changed-By, in: header, schema: {type: string}}
        - {name: dry_run, in: query, schema: {type: boolean}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/GenerateKeyRequest'}
      responses: {"200": {description: ok}}
  /key/{key}/regenerate:
    post:
      parameters:
        - {name: key, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
  /key/list:
    parameters:
      - {name: page, in: query, schema: {type: integer}}
    get:
      parameters:
        - {name: size, in: query, schema: {type: integer, nullable: true}}
        - {name: user_id, in: query, required: true, schema: {type: integer}}
        - {name: status, in: query, schema: {type: string, enum: [active, deleted]}}
        - {name: spend, in: query, schema: {type: integer}}
      responses: {"200": {description: ok}}
  /key/info:
    get:
      responses: {"200": {description: ok}}
  /sso/key/generate:
    get:
      x-litellm-hidden: true
      responses: {"200": {description: ok}}
  /sso/callback:
    get:
      x-litellm-hidden: true
      responses: {"200": {description: ok}}
components:
  schemas:
    GenerateKeyRequest:
      allOf:
        - $ref: '#/components/schemas/KeyBase'
        - type: object
          required: [models]
          properties:
            models: {type: array, items: {type: string}}
            max_budget: {type: integer}
            tpm_limit: {type: number}
            metadata: {type: object, additionalProperties: true}
            config: {type: object, nullable: true, additionalProperties: true, x-go-type: "map[string]any"}
            object_permission:
              type: object
              properties:
                vector_stores: {type: array, items: {type: integer}}
                mcp_servers: {type: array, items: {type: string}}
                bogus: {type: string}
            tags: {type: array, items: {type: string}, x-go-name: Labels}
            union_field:
              oneOf:
                - {type: string}
                - {type: array, items: {type: string}}
            foo: {type: string}
            tree: {$ref: '#/components/schemas/Node'}
            created_at: {type: string, readOnly: true}
    KeyBase:
      type: object
      properties:
        key_alias: {type: string, nullable: true}
        duration: {type: string}
    Node:
      type: object
      properties:
        name: {type: string}
        label: {type: string}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
`

// upstreamFixture is a small 3.1 document in the style of the proxy's.
const upstreamFixture = `{
  "openapi": "3.1.0",
  "info": {"title": "upstream", "version": "1"},
  "paths": {
    "/key/generate": {"post": {
      "parameters": [
        {"name": "litellm-changed-by", "in": "header", "required": false,
         "schema": {"anyOf": [{"type": "string"}, {"type": "null"}]}}
      ],
      "requestBody": {"required": true, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/GenerateKeyRequest"}}}},
      "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {}}}}}
    }},
    "/key/{key_id}/regenerate": {"post": {
      "parameters": [{"name": "key_id", "in": "path", "required": true,
        "schema": {"anyOf": [{"type": "string"}, {"type": "null"}]}}],
      "responses": {"200": {"description": "ok"}}
    }},
    "/key/list": {"get": {
      "parameters": [
        {"name": "page", "in": "query", "schema": {"type": "integer"}},
        {"name": "size", "in": "query", "schema": {"type": ["integer", "null"]}},
        {"name": "user_id", "in": "query", "schema": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
        {"name": "status", "in": "query", "schema": {"enum": ["active", "blocked"], "type": "string"}},
        {"name": "spend", "in": "query", "schema": {"type": "number"}},
        {"name": "team_id", "in": "query", "required": true, "schema": {"type": "string"}}
      ],
      "responses": {"200": {"description": "ok"}}
    }},
    "/key/info": {"delete": {"responses": {"200": {"description": "ok"}}}},
    "/sso/callback": {"get": {"responses": {"200": {"description": "ok"}}}}
  },
  "components": {"schemas": {
    "GenerateKeyRequest": {"type": "object", "properties": {
      "key_alias": {"anyOf": [{"type": "string"}, {"type": "null"}]},
      "duration": {"type": ["string", "null"]},
      "models": {"anyOf": [{"type": "array", "items": {}}, {"type": "null"}]},
      "max_budget": {"anyOf": [{"type": "number"}, {"type": "null"}]},
      "tpm_limit": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
      "metadata": {},
      "config": {"anyOf": [{"additionalProperties": true, "type": "object"}, {"type": "null"}]},
      "object_permission": {"anyOf": [{"$ref": "#/components/schemas/ObjectPermission"}, {"type": "null"}]},
      "tags": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "null"}]},
      "union_field": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}, {"type": "integer"}, {"type": "null"}]},
      "tree": {"$ref": "#/components/schemas/Node"},
      "budget_id": {"type": "string"},
      "created_at": {"type": "integer"}
    }},
    "ObjectPermission": {"type": "object", "properties": {
      "vector_stores": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "null"}]},
      "mcp_servers": {"type": "array", "items": {"type": "string"}}
    }},
    "Node": {"type": "object", "properties": {
      "name": {"type": "string"},
      "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
    }}
  }}
}`

func load(t *testing.T, data string) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(data))
	if err != nil {
		t.Fatalf("load fixture: %v\n%s", err, data)
	}
	return doc
}

// compact renders findings as "STATUS KIND OP FIELD" for comparison.
func compact(fs []Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, strings.TrimSpace(fmt.Sprintf("%s %s %s %s", f.Status, f.Kind, f.Operation, f.Field)))
	}
	sort.Strings(out)
	return out
}

func find(r Report, kind Kind, op, field string) (Finding, bool) {
	for _, f := range r.Findings {
		if f.Kind == kind && f.Operation == op && f.Field == field {
			return f, true
		}
	}
	return Finding{}, false
}

func TestCompareFixture(t *testing.T) {
	r := Compare(load(t, oursFixture), load(t, upstreamFixture), nil)

	want := []string{
		"drift MISSING GET /key/info",
		"drift MISSING POST /key/generate body.foo",
		"drift MISSING POST /key/generate body.object_permission.bogus",
		"drift MISSING POST /key/generate body.tree.label",
		"drift MISSING POST /key/generate query.dry_run",
		"drift REQUIRED POST /key/generate body.models",
		"drift RETYPED POST /key/generate body.object_permission.vector_stores[]",
		"drift RETYPED POST /key/generate body.tpm_limit",
		"drift ENUM GET /key/list query.status",
		"drift REQUIRED GET /key/list query.user_id",
		"drift RETYPED GET /key/list query.user_id",
		"explained HIDDEN GET /sso/key/generate",
		"info UPSTREAM-ONLY GET /key/list",
		"info UPSTREAM-ONLY POST /key/generate",
		"note HIDDEN-PRESENT GET /sso/callback",
		"note RENAMED POST /key/{key}/regenerate path.key",
	}
	sort.Strings(want)
	if got := compact(r.Findings); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	wantSum := Summary{OursOperations: 6, UpstreamOperations: 5, Hidden: 2, Shared: 3, MissingOperations: 1,
		Drift: 11, Explained: 1, Notes: 2, UpstreamOnly: 2, UpstreamOnlyOperations: 2}
	if r.Summary != wantSum {
		t.Errorf("summary = %+v\nwant      %+v", r.Summary, wantSum)
	}
	if !r.HasDrift() || len(r.Drift()) != 11 {
		t.Errorf("HasDrift = %v, len(Drift) = %d", r.HasDrift(), len(r.Drift()))
	}

	f, _ := find(r, KindRetyped, "POST /key/generate", "body.tpm_limit")
	if f.Ours != "number" || f.Upstream != "integer" || f.Message != "ours=number upstream=integer" {
		t.Errorf("tpm_limit finding = %+v", f)
	}
	f, _ = find(r, KindRetyped, "POST /key/generate", "body.object_permission.vector_stores[]")
	if f.Ours != "integer" || f.Upstream != "string" {
		t.Errorf("nested finding = %+v", f)
	}
	f, _ = find(r, KindMissing, "GET /key/info", "")
	if !strings.Contains(f.Message, "upstream has this path with DELETE") {
		t.Errorf("missing operation message = %q", f.Message)
	}
	f, _ = find(r, KindEnum, "GET /key/list", "query.status")
	if !strings.Contains(f.Message, "[deleted]") {
		t.Errorf("enum message = %q", f.Message)
	}
	f, _ = find(r, KindRenamed, "POST /key/{key}/regenerate", "path.key")
	if !strings.Contains(f.Message, "{key_id}") {
		t.Errorf("renamed message = %q", f.Message)
	}
	f, _ = find(r, KindUpstreamOnly, "GET /key/list", "")
	if strings.Join(f.Names, ",") != "query.team_id*" {
		t.Errorf("upstream-only names = %q", f.Names)
	}
	f, _ = find(r, KindUpstreamOnly, "POST /key/generate", "")
	if strings.Join(f.Names, ",") != "body.budget_id" {
		t.Errorf("upstream-only names = %q", f.Names)
	}
}

// bodyDocs builds ours (3.0) and upstream (3.1) documents whose POST /x
// request body is an object with the single property "x".
func bodyDocs(t *testing.T, ours, up string) (*openapi3.T, *openapi3.T) {
	t.Helper()
	o := fmt.Sprintf(`{"openapi": "3.0.3", "info": {"title": "o", "version": "1"}, "paths": {"/x": {"post": {
		"requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"x": %s}}}}},
		"responses": {"200": {"description": "ok"}}}}}}`, ours)
	u := fmt.Sprintf(`{"openapi": "3.1.0", "info": {"title": "u", "version": "1"}, "paths": {"/x": {"post": {
		"requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"x": %s}}}}},
		"responses": {"200": {"description": "ok"}}}}}}`, up)
	return load(t, o), load(t, u)
}

func TestSchemaRules(t *testing.T) {
	tests := []struct {
		name     string
		ours, up string
		want     []string // "KIND field" of the drift findings
	}{
		// Nullable normalisation.
		{"3.0 nullable vs 3.1 type list", `{"type": "string", "nullable": true}`, `{"type": ["string", "null"]}`, nil},
		{"anyOf null", `{"type": "string"}`, `{"anyOf": [{"type": "string"}, {"type": "null"}]}`, nil},
		{"oneOf null first", `{"type": "string", "nullable": true}`, `{"oneOf": [{"type": "null"}, {"type": "string"}]}`, nil},
		{"nullable ref", `{"type": "object", "properties": {"a": {"type": "string"}}}`,
			`{"anyOf": [{"type": "object", "properties": {"a": {"type": ["string", "null"]}}}, {"type": "null"}]}`, nil},
		{"nullable retyped", `{"type": "string", "nullable": true}`, `{"type": ["integer", "null"]}`, []string{"RETYPED body.x"}},
		// {} upstream.
		{"untyped upstream vs string", `{"type": "string"}`, `{}`, nil},
		{"untyped upstream vs object", `{"type": "object", "properties": {"a": {"type": "integer"}}}`, `{}`, nil},
		{"untyped upstream vs array", `{"type": "array", "items": {"type": "integer"}}`, `{"description": "anything"}`, nil},
		{"untyped upstream nullable", `{"type": "string"}`, `{"anyOf": [{}, {"type": "null"}]}`, nil},
		{"untyped ours vs typed upstream", `{"description": "anything"}`, `{"type": "string"}`, []string{"RETYPED body.x"}},
		// integer / number.
		{"integer vs number", `{"type": "integer"}`, `{"type": "number"}`, nil},
		{"number vs integer", `{"type": "number"}`, `{"type": "integer"}`, []string{"RETYPED body.x"}},
		{"integer vs integer", `{"type": "integer", "format": "int64"}`, `{"type": "integer"}`, nil},
		// Arrays.
		{"array items retyped", `{"type": "array", "items": {"type": "string"}}`, `{"type": "array", "items": {"type": "integer"}}`,
			[]string{"RETYPED body.x[]"}},
		{"array untyped items", `{"type": "array", "items": {"type": "string"}}`, `{"type": "array", "items": {}}`, nil},
		{"array vs string", `{"type": "array", "items": {"type": "string"}}`, `{"type": "string"}`, []string{"RETYPED body.x"}},
		// Objects.
		{"object vs free-form object", `{"type": "object", "properties": {"a": {"type": "string"}}}`,
			`{"type": "object", "additionalProperties": true}`, nil},
		{"nested missing and retyped", `{"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}, "b": {"type": "object", "properties": {"c": {"type": "boolean"}}}, "d": {"type": "string"}}}`,
			`{"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "object", "properties": {"c": {"type": "string"}}}}}`,
			[]string{"MISSING body.x.d", "REQUIRED body.x.a", "RETYPED body.x.b.c"}},
		{"allOf merged", `{"allOf": [{"type": "object", "properties": {"a": {"type": "string"}}}, {"properties": {"b": {"type": "integer"}}}]}`,
			`{"allOf": [{"type": "object", "properties": {"b": {"type": "number"}}}, {"type": "object", "properties": {"a": {"type": "string"}}}]}`, nil},
		{"map values", `{"type": "object", "additionalProperties": {"type": "string"}}`,
			`{"type": "object", "additionalProperties": {"type": "integer"}}`, []string{"RETYPED body.x.*"}},
		// Enums.
		{"enum subset", `{"type": "string", "enum": ["a"]}`, `{"type": "string", "enum": ["a", "b"]}`, nil},
		{"enum not subset", `{"type": "string", "enum": ["a", "c"]}`, `{"type": "string", "enum": ["a", "b"]}`, []string{"ENUM body.x"}},
		{"enum vs const", `{"type": "string", "enum": ["a"]}`, `{"type": "string", "const": "a"}`, nil},
		{"enum ours only", `{"type": "string", "enum": ["a"]}`, `{"type": "string"}`, nil},
		{"enum upstream only", `{"type": "string"}`, `{"type": "string", "enum": ["a", "b"]}`, []string{"ENUM body.x"}},
		{"enum union of literals", `{"type": "string", "enum": ["a", "b"]}`,
			`{"anyOf": [{"const": "a", "type": "string"}, {"const": "b", "type": "string"}]}`, nil},
		// Unions.
		{"upstream union member", `{"type": "integer"}`, `{"anyOf": [{"type": "string"}, {"type": "integer"}]}`, nil},
		{"upstream type list", `{"type": "integer"}`, `{"type": ["string", "number"]}`, nil},
		{"ours union subset", `{"oneOf": [{"type": "string"}, {"type": "integer"}]}`,
			`{"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}`, nil},
		{"ours union not subset", `{"oneOf": [{"type": "string"}, {"type": "boolean"}]}`,
			`{"anyOf": [{"type": "string"}, {"type": "integer"}]}`, []string{"RETYPED body.x"}},
		{"upstream union of objects", `{"type": "object", "properties": {"kind": {"type": "string", "enum": ["a", "b"]}, "a": {"type": "string"}, "b": {"type": "integer"}}}`,
			`{"anyOf": [{"type": "object", "properties": {"kind": {"const": "a"}, "a": {"type": "string"}}}, {"type": "object", "properties": {"kind": {"const": "b"}, "b": {"type": "integer"}}}]}`, nil},
		// Extensions are ignored.
		{"x-go-type ignored", `{"type": "string", "x-go-type": "int", "x-go-name": "X"}`, `{"type": "string"}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ours, up := bodyDocs(t, tt.ours, tt.up)
			r := Compare(ours, up, nil)
			var got []string
			for _, f := range r.Drift() {
				got = append(got, string(f.Kind)+" "+f.Field)
			}
			sort.Strings(got)
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("drift = %q, want %q\n%s", got, tt.want, lines(r))
			}
		})
	}
}

func lines(r Report) string {
	var b bytes.Buffer
	_ = r.Text(&b)
	return b.String()
}

func TestRetypedMessage(t *testing.T) {
	ours, up := bodyDocs(t, `{"type": "string"}`, `{"anyOf": [{"type": "integer"}, {"type": "array", "items": {"type": "string"}}, {"type": "null"}]}`)
	r := Compare(ours, up, nil)
	d := r.Drift()
	if len(d) != 1 || d[0].Message != "ours=string upstream=integer|array<string>" {
		t.Fatalf("drift = %+v", d)
	}
	want := "DRIFT      RETYPED         POST /x  body.x: ours=string upstream=integer|array<string>"
	if got := d[0].Line(); got != want {
		t.Errorf("line = %q\nwant   %q", got, want)
	}
}

func TestPathParamRenamed(t *testing.T) {
	ours := load(t, `
openapi: 3.0.3
info: {title: o, version: "1"}
paths:
  /team/{team}/member/{user}:
    delete:
      parameters:
        - {name: team, in: path, required: true, schema: {type: string}}
        - {name: user, in: path, required: true, schema: {type: integer}}
      responses: {"200": {description: ok}}
`)
	up := load(t, `{"openapi": "3.1.0", "info": {"title": "u", "version": "1"}, "paths": {
		"/team/{team_id}/member/{user}": {"delete": {"parameters": [
			{"name": "team_id", "in": "path", "required": true, "schema": {"type": "string"}},
			{"name": "user", "in": "path", "required": true, "schema": {"type": "string"}}],
		"responses": {"200": {"description": "ok"}}}}}}`)
	r := Compare(ours, up, nil)
	got := compact(r.Findings)
	want := []string{
		"drift RETYPED DELETE /team/{team}/member/{user} path.user",
		"note RENAMED DELETE /team/{team}/member/{user} path.team",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r.Summary.Shared != 1 || r.Summary.MissingOperations != 0 {
		t.Errorf("summary = %+v", r.Summary)
	}
}

func TestAllowances(t *testing.T) {
	ours, up := load(t, oursFixture), load(t, upstreamFixture)
	allow := []Allowance{
		{Operation: "GET /key/info", Reason: "added in 1.90"},
		{Operation: "post /key/generate", Field: "body.object_permission.*", Reason: "enterprise fields"},
		{Operation: "POST /key/generate", Field: "body.foo", Reason: "proxy passes extra fields through"},
		{Operation: "GET /key/list", Field: "*", Reason: "whole operation"},
		{Operation: "GET /key/info", Field: "query.nothing", Reason: "stale"},
		{Operation: "POST /key/{key_id}/regenerate", Field: "", Reason: "matches by shape but nothing to explain"},
	}
	r := Compare(ours, up, allow)
	want := []string{
		"drift MISSING POST /key/generate body.tree.label",
		"drift MISSING POST /key/generate query.dry_run",
		"drift REQUIRED POST /key/generate body.models",
		"drift RETYPED POST /key/generate body.tpm_limit",
	}
	if got := compact(r.Drift()); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("drift:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	f, _ := find(r, KindMissing, "GET /key/info", "")
	if f.Status != StatusExplained || f.Reason != "added in 1.90" {
		t.Errorf("missing operation finding = %+v", f)
	}
	f, _ = find(r, KindMissing, "POST /key/generate", "body.object_permission.bogus")
	if f.Status != StatusExplained || f.Reason != "enterprise fields" {
		t.Errorf("glob finding = %+v", f)
	}
	if !strings.Contains(f.Line(), "EXPLAINED") || !strings.Contains(f.Line(), "[allowed: enterprise fields]") {
		t.Errorf("line = %q", f.Line())
	}
	var unused []string
	for _, f := range r.Findings {
		if f.Kind == KindUnusedAllowance {
			unused = append(unused, f.Operation+" "+f.Field)
		}
	}
	if strings.Join(unused, ",") != "GET /key/info query.nothing,POST /key/{key_id}/regenerate " {
		t.Errorf("unused allowances = %q", unused)
	}
	if r.Summary.Drift != 4 || r.Summary.Explained != 8 {
		t.Errorf("summary = %+v", r.Summary)
	}
}

func TestCycleTerminates(t *testing.T) {
	const cyc = `"components": {"schemas": {
		"A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}, "as": {"type": "array", "items": {"$ref": "#/components/schemas/A"}}, "n": {"type": "string"}}},
		"B": {"allOf": [{"$ref": "#/components/schemas/A"}], "properties": {"a": {"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]}}}
	}}`
	doc := func(version, extra string) string {
		return fmt.Sprintf(`{"openapi": %q, "info": {"title": "c", "version": "1"}, "paths": {"/c": {"post": {
			"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}},
			"responses": {"200": {"description": "ok"}}}}}, %s%s}`, version, cyc, extra)
	}
	ours, up := load(t, doc("3.0.3", "")), load(t, doc("3.1.0", ""))
	// A property only ours has, deep in the cycle.
	ours.Components.Schemas["A"].Value.Properties["extra"] = openapi3.NewSchemaRef("", openapi3.NewStringSchema())

	done := make(chan Report, 1)
	go func() { done <- Compare(ours, up, nil) }()
	select {
	case r := <-done:
		if _, ok := find(r, KindMissing, "POST /c", "body.extra"); !ok {
			t.Errorf("missing body.extra not reported:\n%s", lines(r))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Compare did not terminate on a $ref cycle")
	}
}

func TestBodies(t *testing.T) {
	ours := load(t, `
openapi: 3.0.3
info: {title: o, version: "1"}
paths:
  /audio/transcriptions:
    post:
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: {type: object, properties: {file: {type: string, format: binary}, model: {type: string}}}
      responses: {"200": {description: ok}}
  /completions:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {model: {type: string}, prompt: {type: string}}}
      responses: {"200": {description: ok}}
  /files:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {purpose: {type: string}}}
      responses: {"200": {description: ok}}
  /key/delete:
    post:
      responses: {"200": {description: ok}}
`)
	up := load(t, `{"openapi": "3.1.0", "info": {"title": "u", "version": "1"}, "paths": {
		"/audio/transcriptions": {"post": {"requestBody": {"required": true, "content": {"multipart/form-data": {"schema":
			{"type": "object", "required": ["file"], "properties": {"file": {"type": "string", "contentMediaType": "application/octet-stream"}, "model": {"type": "string"}}}}}},
			"responses": {"200": {"description": "ok"}}}},
		"/completions": {"post": {"responses": {"200": {"description": "ok"}}}},
		"/files": {"post": {"requestBody": {"content": {"multipart/form-data": {"schema": {"type": "object"}}}},
			"responses": {"200": {"description": "ok"}}}},
		"/key/delete": {"post": {"requestBody": {"required": true, "content": {"application/json": {"schema":
			{"type": "object", "required": ["keys"], "properties": {"keys": {"type": "array", "items": {"type": "string"}}, "key_aliases": {"type": "array"}}}}}},
			"responses": {"200": {"description": "ok"}}}}
	}}`)
	r := Compare(ours, up, nil)
	want := []string{
		"drift MEDIA-TYPE POST /files body",
		"info UPSTREAM-ONLY POST /key/delete",
		"note UNTYPED-BODY POST /completions body",
	}
	if got := compact(r.Findings); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	f, _ := find(r, KindUpstreamOnly, "POST /key/delete", "")
	if strings.Join(f.Names, ",") != "body.key_aliases,body.keys*" {
		t.Errorf("names = %q", f.Names)
	}
	f, _ = find(r, KindUntypedBody, "POST /completions", "body")
	if !strings.Contains(f.Message, "2 top-level body field(s) not checked") {
		t.Errorf("untyped body message = %q", f.Message)
	}

	// Requiring a body upstream makes optional is drift.
	ours.Paths.Find("/completions").Post.RequestBody.Value.Required = true
	up.Paths.Find("/completions").Post.RequestBody = &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().
		WithJSONSchema(openapi3.NewObjectSchema().WithProperty("model", openapi3.NewStringSchema()).WithProperty("prompt", openapi3.NewStringSchema()))}
	r = Compare(ours, up, nil)
	if got := compact(r.Drift()); strings.Join(got, ",") != "drift MEDIA-TYPE POST /files body,drift REQUIRED POST /completions body" {
		t.Errorf("drift = %q", got)
	}
}

func TestReportRendering(t *testing.T) {
	r := Compare(load(t, oursFixture), load(t, upstreamFixture), []Allowance{{Operation: "GET /key/info", Reason: "new"}})
	text := lines(r)
	for _, want := range []string{
		"== Drift (unexplained): 10\n",
		"DRIFT      MISSING         POST /key/generate  body.foo: missing upstream\n",
		"DRIFT      RETYPED         POST /key/generate  body.tpm_limit: ours=number upstream=integer\n",
		"EXPLAINED  MISSING         GET /key/info  operation missing upstream (upstream has this path with DELETE) [allowed: new]\n",
		"EXPLAINED  HIDDEN          GET /sso/key/generate  hidden (explained)",
		"NOTE       HIDDEN-PRESENT  GET /sso/callback  marked x-litellm-hidden but upstream documents it",
		"INFO       UPSTREAM-ONLY   GET /key/list  1 upstream-only: query.team_id*\n",
		"summary: ours=6 operations (hidden=2 shared=3 missing-upstream=1) upstream=5 operations; drift=10 explained=2 notes=2; upstream-only=2 params/fields in 2 shared operations\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text report lacks %q:\n%s", want, text)
		}
	}

	var b bytes.Buffer
	if err := r.JSON(&b); err != nil {
		t.Fatal(err)
	}
	var decoded Report
	if err := json.Unmarshal(b.Bytes(), &decoded); err != nil {
		t.Fatalf("JSON report does not decode: %v\n%s", err, b.String())
	}
	if decoded.Summary != r.Summary || len(decoded.Findings) != len(r.Findings) {
		t.Errorf("JSON round trip: %+v", decoded.Summary)
	}

	b.Reset()
	if err := (Report{}).JSON(&b); err != nil || !strings.Contains(b.String(), `"findings": []`) {
		t.Errorf("empty JSON report = %s (%v)", b.String(), err)
	}
}

func TestPathShape(t *testing.T) {
	for in, want := range map[string]string{
		"/key/{key}/regenerate":    "/key/{}/regenerate",
		"/key/{key_id}/regenerate": "/key/{}/regenerate",
		"/files/{file_id}:content": "/files/{}:content",
		"/v1/models":               "/v1/models",
	} {
		if got := pathShape(in); got != want {
			t.Errorf("pathShape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAllowancesSince(t *testing.T) {
	ours := load(t, oursFixture)
	allow := []Allowance{
		{Operation: "POST /key/generate", Field: "body.models", Reason: "relaxed in 1.100", Since: "1.100"},
	}
	tests := []struct {
		upstreamVersion string
		wantExplained   bool
		wantUnused      bool
	}{
		{"1.88.0", false, false}, // older: drift, and no "unused" note
		{"1.100", true, false},
		{"1.106.12", true, false},
		{"v2.0.0-stable", true, false},
		{"latest", true, false}, // unparseable: the allowance applies
	}
	for _, tt := range tests {
		t.Run(tt.upstreamVersion, func(t *testing.T) {
			up := load(t, upstreamFixture)
			up.Info.Version = tt.upstreamVersion
			r := Compare(ours, up, allow)
			f, ok := find(r, KindRequired, "POST /key/generate", "body.models")
			if !ok {
				t.Fatal("no REQUIRED finding for body.models")
			}
			if got := f.Status == StatusExplained; got != tt.wantExplained {
				t.Errorf("explained = %v, want %v (%+v)", got, tt.wantExplained, f)
			}
			unused := false
			for _, f := range r.Findings {
				unused = unused || f.Kind == KindUnusedAllowance
			}
			if unused != tt.wantUnused {
				t.Errorf("unused note = %v, want %v", unused, tt.wantUnused)
			}
		})
	}
}

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int
		ok   bool
	}{
		{"1.88.0", "1.106.12", -1, true},
		{"1.106.12", "1.106.12", 0, true},
		{"1.106", "1.106.0", 0, true},
		{"1.107.0", "1.106.12", 1, true},
		{"1.88.0-stable", "1.88.0", 0, true},
		{"x", "1.0", 0, false},
	}
	for _, tt := range tests {
		got, ok := compareVersions(tt.a, tt.b)
		if got != tt.want || ok != tt.ok {
			t.Errorf("compareVersions(%q, %q) = %d, %v; want %d, %v", tt.a, tt.b, got, ok, tt.want, tt.ok)
		}
	}
}
