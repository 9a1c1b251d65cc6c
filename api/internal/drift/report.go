package drift

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Line renders a finding as one greppable line:
//
//	DRIFT      RETYPED        POST /key/generate  body.spend: ours=string upstream=number
func (f Finding) Line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-9s  %-14s  %s  ", strings.ToUpper(string(f.Status)), f.Kind, f.Operation)
	if f.Field != "" {
		b.WriteString(f.Field)
		b.WriteString(": ")
	}
	b.WriteString(f.Message)
	if f.Reason != "" && f.Status == StatusExplained && f.Kind != KindHidden {
		fmt.Fprintf(&b, " [allowed: %s]", f.Reason)
	}
	if f.Kind == KindUnusedAllowance && f.Reason != "" {
		fmt.Fprintf(&b, " [reason was: %s]", f.Reason)
	}
	return b.String()
}

// SummaryLine renders the summary counts as one line.
func (s Summary) SummaryLine() string {
	line := fmt.Sprintf("summary: ours=%d operations (hidden=%d shared=%d missing-upstream=%d) upstream=%d operations; "+
		"drift=%d explained=%d notes=%d; upstream-only=%d params/fields in %d shared operations",
		s.OursOperations, s.Hidden, s.Shared, s.MissingOperations, s.UpstreamOperations,
		s.Drift, s.Explained, s.Notes, s.UpstreamOnly, s.UpstreamOnlyOperations)
	if s.FamilyOperations > 0 {
		line += fmt.Sprintf("; families: %d upstream operations, %d in the spec, %d listed as uncovered, %d neither",
			s.FamilyOperations, s.FamilyCovered, s.FamilyUncovered, s.FamilyOperations-s.FamilyCovered-s.FamilyUncovered)
	}
	return line
}

// Text writes the report for people: unexplained drift first, then
// explained findings, notes, upstream-only information and a summary line.
func (r Report) Text(w io.Writer) error {
	sections := []struct {
		title  string
		status Status
	}{
		{"Drift (unexplained)", StatusDrift},
		{"Explained (hidden operations and allow-listed drift)", StatusExplained},
		{"Notes (not drift)", StatusNote},
		{"Upstream-only (informational; * = required upstream)", StatusInfo},
	}
	var b strings.Builder
	for _, s := range sections {
		fs := r.filter(s.status)
		if s.status == StatusInfo {
			fmt.Fprintf(&b, "== %s: %d params/fields in %d operations\n", s.title, r.Summary.UpstreamOnly, len(fs))
		} else {
			fmt.Fprintf(&b, "== %s: %d\n", s.title, len(fs))
		}
		for _, f := range fs {
			b.WriteString(f.Line())
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	b.WriteString(r.Summary.SummaryLine())
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// JSON writes the report as an indented JSON object with "findings" and
// "summary".
func (r Report) JSON(w io.Writer) error {
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
