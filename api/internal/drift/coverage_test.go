package drift

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// coverageOurs has two of the team routes of coverageUpstream.
const coverageOurs = `
openapi: 3.0.3
info: {title: ours, version: "1"}
paths:
  /team/new:
    post:
      responses: {"200": {description: ok}}
  /team/{team_id}/members:
    get:
      parameters:
        - {name: team_id, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
`

const coverageUpstream = `
openapi: 3.0.3
info: {title: upstream, version: "1.88.0"}
paths:
  /team/new:
    post:
      responses: {"200": {description: ok}}
  /team/{id}/members:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
  /team/{id}/callback:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
    post:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
  /team/ui/a/b:
    get:
      responses: {"200": {description: ok}}
  /teams:
    get:
      responses: {"200": {description: ok}}
  /health:
    get:
      responses: {"200": {description: ok}}
`

func TestCompareConfigCoverage(t *testing.T) {
	teams := []Family{{Name: "teams", Prefixes: []string{"/team"}}}
	tests := []struct {
		name      string
		cfg       Config
		want      []string // compact() of the UNCOVERED and UNUSED-ALLOW findings
		wantDrift int
		wantSum   [3]int // FamilyOperations, FamilyCovered, FamilyUncovered
	}{
		{"no families: no coverage check", Config{}, []string{}, 0, [3]int{}},
		{"family without entries: every missing operation is drift", Config{Families: teams}, []string{
			"drift UNCOVERED GET /team/ui/a/b",
			"drift UNCOVERED GET /team/{id}/callback",
			"drift UNCOVERED POST /team/{id}/callback",
		}, 3, [3]int{5, 2, 0}},
		{"exact entry, method wildcard, ** glob", Config{Families: teams, Uncovered: []Uncovered{
			{Operation: "GET /team/{team_id}/callback", Reason: "r1"},
			{Operation: "* /team/{x}/callback", Reason: "r2"},
			{Operation: "GET /team/ui/**", Reason: "r3"},
		}}, []string{
			"explained UNCOVERED GET /team/ui/a/b",
			"explained UNCOVERED GET /team/{id}/callback",
			"explained UNCOVERED POST /team/{id}/callback",
		}, 0, [3]int{5, 2, 3}},
		{"a one-segment glob does not cross a slash", Config{Families: teams, Uncovered: []Uncovered{
			{Operation: "* /team/{x}/callback", Reason: "r"},
			{Operation: "GET /team/ui/*", Reason: "r"},
		}}, []string{
			"drift UNCOVERED GET /team/ui/a/b",
			"explained UNCOVERED GET /team/{id}/callback",
			"explained UNCOVERED POST /team/{id}/callback",
			"note UNUSED-ALLOW GET /team/ui/*",
		}, 1, [3]int{5, 2, 2}},
		{"an exact entry for an operation the spec has is drift", Config{Families: teams, Uncovered: []Uncovered{
			{Operation: "* /team/**", Reason: "r"},
			{Operation: "GET /team/{team_id}/members", Reason: "stale"},
		}}, []string{
			"drift UNCOVERED GET /team/{team_id}/members",
			"explained UNCOVERED GET /team/ui/a/b",
			"explained UNCOVERED GET /team/{id}/callback",
			"explained UNCOVERED POST /team/{id}/callback",
		}, 1, [3]int{5, 2, 3}},
		{"since a newer version: not applied, not reported", Config{Families: teams, Uncovered: []Uncovered{
			{Operation: "* /team/**", Reason: "r", Since: "1.106.12"},
		}}, []string{
			"drift UNCOVERED GET /team/ui/a/b",
			"drift UNCOVERED GET /team/{id}/callback",
			"drift UNCOVERED POST /team/{id}/callback",
		}, 3, [3]int{5, 2, 0}},
		{"an entry outside every family matches nothing", Config{Families: teams, Uncovered: []Uncovered{
			{Operation: "* /team/**", Reason: "r"},
			{Operation: "GET /health", Reason: "r"},
		}}, []string{
			"explained UNCOVERED GET /team/ui/a/b",
			"explained UNCOVERED GET /team/{id}/callback",
			"explained UNCOVERED POST /team/{id}/callback",
			"note UNUSED-ALLOW GET /health",
		}, 0, [3]int{5, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := CompareConfig(load(t, coverageOurs), load(t, coverageUpstream), tt.cfg)
			var got []Finding
			for _, f := range r.Findings {
				if f.Kind == KindUncovered || f.Kind == KindUnusedAllowance {
					got = append(got, f)
				}
			}
			if diff := cmp.Diff(tt.want, compact(got)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			if r.Summary.Drift != tt.wantDrift {
				t.Errorf("Drift = %d, want %d\n%s", r.Summary.Drift, tt.wantDrift, lines(r))
			}
			s := r.Summary
			if got := [3]int{s.FamilyOperations, s.FamilyCovered, s.FamilyUncovered}; got != tt.wantSum {
				t.Errorf("family counts = %v, want %v", got, tt.wantSum)
			}
			if s.FamilyOperations > 0 && !strings.Contains(s.SummaryLine(), "families: ") {
				t.Errorf("summary line lacks the family counts: %s", s.SummaryLine())
			}
		})
	}
}

func TestMatchPath(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"/team/{}/callback", "/team/{}/callback", true},
		{"/team/*", "/team/new", true},
		{"/team/*", "/team/a/b", false},
		{"/team/**", "/team/a/b", true},
		{"/team/**", "/team", true},
		{"/team/**", "/teams/x", false},
		{"/team/n?w", "/team/new", true},
		{"/team/[", "/team/new", false}, // a bad pattern matches nothing
		{"/team/new", "/team/new/x", false},
	}
	for _, tt := range tests {
		if got := matchPath(tt.pattern, tt.path); got != tt.want {
			t.Errorf("matchPath(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name, data, wantErr string
	}{
		{"families and uncovered", `
allow: []
families:
  - {name: teams, prefixes: [/team, /v2/team]}
uncovered:
  - {operation: "GET /team/{id}/callback", reason: r}
  - {operation: "* /team/ui/**", reason: r, since: 1.106.12}
`, ""},
		{"family without prefixes", "families: [{name: teams}]\n", "name and prefixes are required"},
		{"relative prefix", "families: [{name: teams, prefixes: [team]}]\n", `prefix "team" does not start with /`},
		{"uncovered without reason", "uncovered: [{operation: GET /team/x}]\n", "reason is required"},
		{"uncovered bad operation", "uncovered: [{operation: /team/x, reason: r}]\n", `is not "METHOD /path"`},
		{"uncovered bad since", "uncovered: [{operation: GET /team/x, reason: r, since: soon}]\n", `since "soon" is not a version`},
		{"unknown key", "familys: []\n", "familys"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ParseConfig([]byte(tt.data))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(cfg.Families) != 1 || len(cfg.Families[0].Prefixes) != 2 || len(cfg.Uncovered) != 2 {
				t.Fatalf("cfg = %+v", cfg)
			}
		})
	}
}
