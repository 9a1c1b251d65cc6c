package drift

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// KindUncovered is an upstream operation of a [Family] that our spec does
// not have: drift unless an [Uncovered] entry explains it. It is also the
// kind of an Uncovered entry that names an operation our spec has (the
// entry is stale).
const KindUncovered Kind = "UNCOVERED"

// Family is a group of upstream routes that our spec means to cover, such
// as teams or guardrails: every upstream operation whose path is one of
// Prefixes, or lies below one ("/team" covers "/team/new" and "/team", not
// "/teams"), must be in our spec or be explained by an [Uncovered] entry.
type Family struct {
	// Name names the family in findings ("teams").
	Name string `json:"name" yaml:"name"`
	// Prefixes are path prefixes, each starting with "/".
	Prefixes []string `json:"prefixes" yaml:"prefixes"`
}

// contains reports whether the path p belongs to the family.
func (f Family) contains(p string) bool {
	for _, pre := range f.Prefixes {
		pre = strings.TrimSuffix(pre, "/")
		if p == pre || strings.HasPrefix(p, pre+"/") {
			return true
		}
	}
	return false
}

// Uncovered explains why upstream operations of a family are not in our
// spec.
type Uncovered struct {
	// Operation is "METHOD /path". The method may be "*" (any method). Path
	// parameter names are not significant; a path segment may be a
	// path.Match pattern ("/guardrails/ui/*"), and a last segment "**"
	// matches the rest of the path, however deep ("/mcp-rest/**").
	Operation string `json:"operation" yaml:"operation"`
	// Reason is why the operations are left out; it is required.
	Reason string `json:"reason" yaml:"reason"`
	// Since limits the entry to upstream documents of this version or newer,
	// as [Allowance.Since] does.
	Since string `json:"since,omitempty" yaml:"since,omitempty"`
}

// isPattern reports whether u names operations by pattern rather than one
// operation exactly.
func (u Uncovered) isPattern() bool {
	m, p, _ := splitOperation(u.Operation)
	return m == "*" || strings.ContainsAny(p, `*?[\`)
}

// matches reports whether u names the operation method p.
func (u Uncovered) matches(method, p string) bool {
	um, up, ok := splitOperation(u.Operation)
	if !ok || (um != "*" && um != method) {
		return false
	}
	return matchPath(pathShape(up), pathShape(p))
}

// matchPath matches a path against a pattern segment by segment with
// path.Match; a last pattern segment "**" matches any rest.
func matchPath(pattern, p string) bool {
	ps, ss := strings.Split(pattern, "/"), strings.Split(p, "/")
	for i, seg := range ps {
		if seg == "**" && i == len(ps)-1 {
			return len(ss) >= i
		}
		if i >= len(ss) {
			return false
		}
		if ok, err := path.Match(seg, ss[i]); err != nil || !ok {
			return false
		}
	}
	return len(ps) == len(ss)
}

// Config is what an allow file holds: allowances for drift of our
// operations, and the families our spec covers with the upstream
// operations left out of it.
type Config struct {
	// Allow lists explained drift of our operations.
	Allow []Allowance `json:"allow" yaml:"allow"`
	// Families are the groups of upstream routes the spec covers.
	Families []Family `json:"families,omitempty" yaml:"families,omitempty"`
	// Uncovered explains the family operations the spec leaves out.
	Uncovered []Uncovered `json:"uncovered,omitempty" yaml:"uncovered,omitempty"`
}

// validate checks the families and uncovered entries of c.
func (c Config) validate() []error {
	var errs []error
	for i, f := range c.Families {
		if strings.TrimSpace(f.Name) == "" || len(f.Prefixes) == 0 {
			errs = append(errs, fmt.Errorf("family %d: name and prefixes are required", i+1))
		}
		for _, p := range f.Prefixes {
			if !strings.HasPrefix(p, "/") {
				errs = append(errs, fmt.Errorf("family %d (%s): prefix %q does not start with /", i+1, f.Name, p))
			}
		}
	}
	for i, u := range c.Uncovered {
		if _, _, ok := splitOperation(u.Operation); !ok {
			errs = append(errs, fmt.Errorf("uncovered %d: operation %q is not \"METHOD /path\"", i+1, u.Operation))
		}
		if strings.TrimSpace(u.Reason) == "" {
			errs = append(errs, fmt.Errorf("uncovered %d (%s): reason is required", i+1, u.Operation))
		}
		if _, ok := parseVersion(u.Since); u.Since != "" && !ok {
			errs = append(errs, fmt.Errorf("uncovered %d (%s): since %q is not a version", i+1, u.Operation, u.Since))
		}
	}
	return errs
}

// CompareConfig is [Compare] with the whole of an allow file: besides the
// drift of our operations it checks that every upstream operation of
// cfg.Families is in our spec or explained by an applicable entry of
// cfg.Uncovered (KindUncovered findings), that no exact entry names an
// operation our spec has, and notes entries that match nothing upstream.
func CompareConfig(ours, upstream *openapi3.T, cfg Config) Report {
	r := Compare(ours, upstream, cfg.Allow)
	if len(cfg.Families) == 0 {
		return r
	}
	version := ""
	if upstream != nil && upstream.Info != nil {
		version = upstream.Info.Version
	}
	var entries []Uncovered
	for _, u := range cfg.Uncovered {
		if (Allowance{Since: u.Since}).appliesTo(version) {
			entries = append(entries, u)
		}
	}
	have := map[string]bool{} // "METHOD shape" of our operations, hidden ones included
	if ours != nil && ours.Paths != nil {
		for p, item := range ours.Paths.Map() {
			if item == nil {
				continue
			}
			for m := range operations(item) {
				have[m+" "+pathShape(p)] = true
			}
		}
	}
	used := make([]bool, len(entries))
	var found []Finding
	for _, op := range upstreamOperations(upstream) {
		fam, ok := familyOf(cfg.Families, op.path)
		if !ok {
			continue
		}
		r.Summary.FamilyOperations++
		if have[op.method+" "+pathShape(op.path)] {
			r.Summary.FamilyCovered++
			continue
		}
		f := Finding{Status: StatusDrift, Kind: KindUncovered, Operation: op.method + " " + op.path,
			Message: fmt.Sprintf("upstream operation of family %s is neither in the spec nor listed as uncovered", fam)}
		for j, u := range entries {
			if u.matches(op.method, op.path) {
				used[j] = true
				f.Status, f.Reason = StatusExplained, u.Reason
				f.Message = fmt.Sprintf("upstream operation of family %s left out of the spec", fam)
				r.Summary.FamilyUncovered++
				break
			}
		}
		found = append(found, f)
	}
	for j, u := range entries {
		m, p, _ := splitOperation(u.Operation)
		switch {
		case !u.isPattern() && have[m+" "+pathShape(p)]:
			found = append(found, Finding{Status: StatusDrift, Kind: KindUncovered, Operation: u.Operation,
				Message: "listed as uncovered but the spec has it; remove the entry", Reason: u.Reason})
		case !used[j]:
			found = append(found, Finding{Status: StatusNote, Kind: KindUnusedAllowance, Operation: u.Operation,
				Message: "uncovered entry matched no upstream operation of a family; remove it?", Reason: u.Reason})
		}
	}
	for _, f := range found {
		switch f.Status {
		case StatusDrift:
			r.Summary.Drift++
		case StatusExplained:
			r.Summary.Explained++
		case StatusNote:
			r.Summary.Notes++
		}
	}
	r.Findings = append(r.Findings, found...)
	return r
}

// familyOf returns the name of the first family that contains p.
func familyOf(families []Family, p string) (string, bool) {
	for _, f := range families {
		if f.contains(p) {
			return f.Name, true
		}
	}
	return "", false
}

// methodPath is an operation of a document.
type methodPath struct{ method, path string }

// upstreamOperations lists the operations of doc by sorted path and method.
func upstreamOperations(doc *openapi3.T) []methodPath {
	if doc == nil || doc.Paths == nil {
		return nil
	}
	items := doc.Paths.Map()
	paths := make([]string, 0, len(items))
	for p := range items {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var out []methodPath
	for _, p := range paths {
		if items[p] == nil {
			continue
		}
		set := map[string]bool{}
		for m := range operations(items[p]) {
			set[m] = true
		}
		for _, m := range sortedMethods(set) {
			out = append(out, methodPath{m, p})
		}
	}
	return out
}
