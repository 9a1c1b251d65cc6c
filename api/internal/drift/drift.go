// Package drift compares our curated OpenAPI 3.0 description of the LiteLLM
// proxy with the OpenAPI 3.1 document the real proxy publishes, and reports
// where ours promises something upstream does not have.
//
// The rule checked is one-directional: every operation (method and path),
// parameter and request-body field of our spec must exist upstream with a
// compatible type. Operations marked with the extension
// `x-litellm-hidden: true` are exempt (the proxy hides them from its own
// document). Responses are not compared. Whatever upstream has and we do
// not is reported for information only.
//
// Type compatibility rules:
//
//   - `type: [X, "null"]`, `anyOf`/`oneOf: [X, {type: null}]` and 3.0
//     `nullable: true` all count as X;
//   - an upstream schema without a type (`{}`) accepts anything;
//   - an upstream union accepts our type when one member does, and our
//     union is accepted when each of its members is;
//   - our `integer` is accepted by upstream `number` (narrower), our `number`
//     is not accepted by upstream `integer`;
//   - arrays compare their item types; objects compare their properties
//     (following $ref, merging allOf, recursing with a depth limit and a
//     cycle guard);
//   - when upstream has an enum, our values must be a subset of it;
//   - a schema of ours without a type ("any") is not accepted by a typed
//     upstream schema;
//   - extensions such as `x-go-type` and `x-go-name` are ignored, and so are
//     formats and read-only properties of our request bodies.
package drift

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// HiddenExtension is the operation (or path item) extension that marks an
// operation the proxy serves but hides from its own OpenAPI document.
const HiddenExtension = "x-litellm-hidden"

// Status says whether a Finding counts against the spec.
type Status string

const (
	// StatusDrift is an unexplained difference: the spec promises something
	// upstream does not document.
	StatusDrift Status = "drift"
	// StatusExplained is a difference that is expected: a hidden operation
	// or a finding covered by an Allowance.
	StatusExplained Status = "explained"
	// StatusNote is worth a look but is not drift (renamed path parameters,
	// hidden operations upstream documents after all, unused allowances,
	// bodies upstream does not type).
	StatusNote Status = "note"
	// StatusInfo lists what upstream has and our spec does not.
	StatusInfo Status = "info"
)

// Kind says what a Finding is about.
type Kind string

const (
	// KindMissing is an operation, parameter or body field of ours that
	// upstream does not have.
	KindMissing Kind = "MISSING"
	// KindRetyped is a parameter or body field whose type upstream does not
	// accept.
	KindRetyped Kind = "RETYPED"
	// KindRequired is something we require and upstream does not.
	KindRequired Kind = "REQUIRED"
	// KindEnum is an enum of ours that is not a subset of upstream's.
	KindEnum Kind = "ENUM"
	// KindMediaType is a request media type of ours that upstream does not
	// accept.
	KindMediaType Kind = "MEDIA-TYPE"
	// KindHidden is an operation marked x-litellm-hidden that upstream does
	// not document (as expected).
	KindHidden Kind = "HIDDEN"
	// KindHiddenPresent is an operation marked x-litellm-hidden that upstream
	// documents after all.
	KindHiddenPresent Kind = "HIDDEN-PRESENT"
	// KindRenamed is a path parameter whose name differs from upstream's in
	// the same path shape.
	KindRenamed Kind = "RENAMED"
	// KindUntypedBody is a request body of ours for an operation that
	// declares no request body upstream (the proxy reads the raw request),
	// so its fields cannot be checked.
	KindUntypedBody Kind = "UNTYPED-BODY"
	// KindUpstreamOnly lists parameters and body fields upstream has for a
	// shared operation that our spec does not.
	KindUpstreamOnly Kind = "UPSTREAM-ONLY"
	// KindUnusedAllowance is an Allowance that matched no finding.
	KindUnusedAllowance Kind = "UNUSED-ALLOW"
)

// Finding is one difference between our spec and upstream.
type Finding struct {
	// Status says whether the finding is drift, explained, a note or info.
	Status Status `json:"status"`
	// Kind says what the finding is about.
	Kind Kind `json:"kind"`
	// Operation is "METHOD /path" as written in our spec.
	Operation string `json:"operation"`
	// Field locates the finding inside the operation: "" for the operation
	// itself, "query.limit", "path.key", "header.x-foo", "body" or
	// "body.a.b" ("[]" marks array items, e.g. "body.tags[]").
	Field string `json:"field,omitempty"`
	// Message is a human-readable description.
	Message string `json:"message"`
	// Ours is our type, for RETYPED and ENUM findings.
	Ours string `json:"ours,omitempty"`
	// Upstream is upstream's type, for RETYPED and ENUM findings.
	Upstream string `json:"upstream,omitempty"`
	// Reason explains an explained finding.
	Reason string `json:"reason,omitempty"`
	// Names lists the upstream-only items of an UPSTREAM-ONLY finding; a
	// trailing "*" marks an item upstream requires.
	Names []string `json:"names,omitempty"`
}

// Allowance moves matching drift findings to "explained".
type Allowance struct {
	// Operation is "METHOD /path"; path parameter names are not significant.
	Operation string `json:"operation" yaml:"operation"`
	// Field is matched against Finding.Field with path.Match; "" matches
	// only findings about the operation itself (such as a missing
	// operation) and "*" matches every finding of the operation.
	Field string `json:"field,omitempty" yaml:"field,omitempty"`
	// Reason is why the drift is expected; it is required.
	Reason string `json:"reason" yaml:"reason"`
	// Since limits the allowance to upstream documents whose info.version
	// is this version or newer ("1.106.12"): drift that only newer proxies
	// have. Against an older document the allowance is neither applied nor
	// reported unused. Empty applies to every version, and so does a
	// document whose version does not parse.
	Since string `json:"since,omitempty" yaml:"since,omitempty"`
}

// appliesTo reports whether a applies to an upstream document of version v.
func (a Allowance) appliesTo(v string) bool {
	if a.Since == "" {
		return true
	}
	c, ok := compareVersions(v, a.Since)
	return !ok || c >= 0
}

// parseVersion parses the numeric prefix of a dotted version: "1.106.12",
// "v1.88.0-stable" and "1.88" parse, "latest" does not.
func parseVersion(v string) ([]int, bool) {
	v = strings.TrimPrefix(strings.TrimSpace(v), "v")
	var out []int
	for part := range strings.SplitSeq(v, ".") {
		n, digits := 0, 0
		for _, r := range part {
			if r < '0' || r > '9' {
				break
			}
			n = n*10 + int(r-'0')
			digits++
		}
		if digits == 0 {
			break
		}
		out = append(out, n)
		if digits < len(part) {
			break // a suffix such as "0-stable" ends the version
		}
	}
	return out, len(out) > 0
}

// compareVersions compares two dotted versions numerically (missing parts
// are 0); ok is false when either does not parse.
func compareVersions(a, b string) (c int, ok bool) {
	va, okA := parseVersion(a)
	vb, okB := parseVersion(b)
	if !okA || !okB {
		return 0, false
	}
	for i := 0; i < max(len(va), len(vb)); i++ {
		x, y := 0, 0
		if i < len(va) {
			x = va[i]
		}
		if i < len(vb) {
			y = vb[i]
		}
		if x != y {
			if x < y {
				return -1, true
			}
			return 1, true
		}
	}
	return 0, true
}

// Summary counts what a Report contains.
type Summary struct {
	// OursOperations is the number of operations in our spec.
	OursOperations int `json:"oursOperations"`
	// UpstreamOperations is the number of operations in the upstream document.
	UpstreamOperations int `json:"upstreamOperations"`
	// Hidden is the number of our operations marked x-litellm-hidden.
	Hidden int `json:"hidden"`
	// Shared is the number of our (non-hidden) operations found upstream.
	Shared int `json:"shared"`
	// MissingOperations is the number of our (non-hidden) operations not
	// found upstream, explained or not.
	MissingOperations int `json:"missingOperations"`
	// Drift is the number of unexplained drift findings.
	Drift int `json:"drift"`
	// Explained is the number of explained findings (hidden operations
	// included).
	Explained int `json:"explained"`
	// Notes is the number of notes.
	Notes int `json:"notes"`
	// UpstreamOnly is the number of upstream-only parameters and fields of
	// shared operations.
	UpstreamOnly int `json:"upstreamOnly"`
	// UpstreamOnlyOperations is the number of shared operations that have
	// upstream-only parameters or fields.
	UpstreamOnlyOperations int `json:"upstreamOnlyOperations"`
	// FamilyOperations is the number of upstream operations in the
	// families of [CompareConfig] (0 without families).
	FamilyOperations int `json:"familyOperations,omitempty"`
	// FamilyCovered is the number of them that our spec has.
	FamilyCovered int `json:"familyCovered,omitempty"`
	// FamilyUncovered is the number of them that an Uncovered entry
	// explains.
	FamilyUncovered int `json:"familyUncovered,omitempty"`
}

// Report is the result of Compare.
type Report struct {
	// Findings are in the order of our spec's paths (sorted) and methods,
	// followed by unused allowances.
	Findings []Finding `json:"findings"`
	// Summary counts the findings.
	Summary Summary `json:"summary"`
}

// HasDrift reports whether the report contains unexplained drift.
func (r Report) HasDrift() bool { return r.Summary.Drift > 0 }

// Drift returns the unexplained drift findings.
func (r Report) Drift() []Finding { return r.filter(StatusDrift) }

func (r Report) filter(s Status) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Status == s {
			out = append(out, f)
		}
	}
	return out
}

// methodOrder is the order in which the methods of one path are reported.
var methodOrder = []string{"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "QUERY"}

var templateParam = regexp.MustCompile(`\{[^}/]*\}`)

// pathShape replaces every path parameter of a template by "{}".
func pathShape(p string) string { return templateParam.ReplaceAllString(p, "{}") }

// pathParamNames lists the parameter names of a path template in order.
func pathParamNames(p string) []string {
	var names []string
	for _, m := range templateParam.FindAllString(p, -1) {
		names = append(names, m[1:len(m)-1])
	}
	return names
}

// upstreamOp is an upstream operation found by path shape.
type upstreamOp struct {
	path string
	item *openapi3.PathItem
	op   *openapi3.Operation
}

// upstreamIndex finds upstream operations by method and path shape.
type upstreamIndex struct {
	// byShape maps a path shape to its paths, sorted.
	byShape map[string][]string
	items   map[string]*openapi3.PathItem
	ops     int
}

func newUpstreamIndex(doc *openapi3.T) *upstreamIndex {
	idx := &upstreamIndex{byShape: map[string][]string{}, items: map[string]*openapi3.PathItem{}}
	if doc == nil || doc.Paths == nil {
		return idx
	}
	for p, item := range doc.Paths.Map() {
		if item == nil {
			continue
		}
		idx.items[p] = item
		s := pathShape(p)
		idx.byShape[s] = append(idx.byShape[s], p)
		idx.ops += len(item.Operations())
	}
	for _, ps := range idx.byShape {
		sort.Strings(ps)
	}
	return idx
}

// find returns the upstream operation for method and path: the same path if
// upstream has it with that method, else the first path of the same shape
// that has the method.
func (idx *upstreamIndex) find(method, p string) (upstreamOp, bool) {
	if item := idx.items[p]; item != nil {
		if op := operations(item)[method]; op != nil {
			return upstreamOp{p, item, op}, true
		}
	}
	for _, up := range idx.byShape[pathShape(p)] {
		if op := operations(idx.items[up])[method]; op != nil {
			return upstreamOp{up, idx.items[up], op}, true
		}
	}
	return upstreamOp{}, false
}

// methodsAt lists the methods upstream has for the shape of p.
func (idx *upstreamIndex) methodsAt(p string) []string {
	seen := map[string]bool{}
	for _, up := range idx.byShape[pathShape(p)] {
		for m := range operations(idx.items[up]) {
			seen[m] = true
		}
	}
	return sortedMethods(seen)
}

func sortedMethods(set map[string]bool) []string {
	var out []string
	for _, m := range methodOrder {
		if set[m] {
			out = append(out, m)
			delete(set, m)
		}
	}
	var rest []string
	for m := range set {
		rest = append(rest, m)
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// operations returns the operations of a path item keyed by upper-cased
// method.
func operations(item *openapi3.PathItem) map[string]*openapi3.Operation {
	out := map[string]*openapi3.Operation{}
	for m, op := range item.Operations() {
		if op != nil {
			out[strings.ToUpper(m)] = op
		}
	}
	return out
}

// isHidden reports whether an extension map carries x-litellm-hidden: true.
func isHidden(ext map[string]any) bool {
	switch v := ext[HiddenExtension].(type) {
	case bool:
		return v
	case string:
		return strings.EqualFold(v, "true")
	}
	return false
}

// Compare checks our spec against the upstream document and applies the
// allowances. Neither document is modified.
func Compare(ours, upstream *openapi3.T, allow []Allowance) Report {
	idx := newUpstreamIndex(upstream)
	c := newComparer()
	var sum Summary
	sum.UpstreamOperations = idx.ops

	if ours != nil && ours.Paths != nil {
		items := ours.Paths.Map()
		paths := make([]string, 0, len(items))
		for p := range items {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for _, p := range paths {
			item := items[p]
			if item == nil {
				continue
			}
			ops := operations(item)
			set := map[string]bool{}
			for m := range ops {
				set[m] = true
			}
			for _, m := range sortedMethods(set) {
				op := ops[m]
				sum.OursOperations++
				c.operation(&sum, idx, m, p, item, op)
			}
		}
	}

	version := ""
	if upstream != nil && upstream.Info != nil {
		version = upstream.Info.Version
	}
	var applicable []Allowance
	for _, a := range allow {
		if a.appliesTo(version) {
			applicable = append(applicable, a)
		}
	}
	findings := applyAllowances(c.findings, applicable)
	for _, f := range findings {
		switch f.Status {
		case StatusDrift:
			sum.Drift++
		case StatusExplained:
			sum.Explained++
		case StatusNote:
			sum.Notes++
		case StatusInfo:
			if f.Kind == KindUpstreamOnly {
				sum.UpstreamOnly += len(f.Names)
				sum.UpstreamOnlyOperations++
			}
		}
	}
	return Report{Findings: findings, Summary: sum}
}

// comparer accumulates findings.
type comparer struct {
	findings []Finding
	// op is the operation being compared ("METHOD /path").
	op string
	// upOnly collects upstream-only items of the current operation.
	upOnly []string
	// stack holds the schema pairs being compared, as a cycle guard.
	stack map[[2]*openapi3.Schema]bool
	// seen dedupes findings (union members of ours often repeat one).
	seen map[string]bool
	// shared is state shared with trial comparers.
	shared *sharedState
}

// sharedState is shared by a comparer and its trial comparers.
type sharedState struct {
	memo   map[trialKey]int
	trials int
	// merged caches mergedObjects results by member identity.
	merged map[string]*shape
}

func newComparer() *comparer {
	return &comparer{shared: &sharedState{memo: map[trialKey]int{}, merged: map[string]*shape{}}}
}

func (c *comparer) add(f Finding) {
	if f.Operation == "" {
		f.Operation = c.op
	}
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	key := strings.Join([]string{string(f.Status), string(f.Kind), f.Operation, f.Field, f.Message}, "\x00")
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.findings = append(c.findings, f)
}

func (c *comparer) drift(kind Kind, field, msg string) {
	c.add(Finding{Status: StatusDrift, Kind: kind, Field: field, Message: msg})
}

func (c *comparer) operation(sum *Summary, idx *upstreamIndex, method, p string, item *openapi3.PathItem, op *openapi3.Operation) {
	c.op = method + " " + p
	c.upOnly = nil
	up, found := idx.find(method, p)

	if isHidden(op.Extensions) || isHidden(item.Extensions) {
		sum.Hidden++
		if found {
			c.add(Finding{Status: StatusNote, Kind: KindHiddenPresent,
				Message: fmt.Sprintf("marked %s but upstream documents it (%s %s): the marker may be obsolete, and the operation is not compared", HiddenExtension, method, up.path)})
		} else {
			c.add(Finding{Status: StatusExplained, Kind: KindHidden,
				Message: "hidden (explained): upstream hides this route from its document",
				Reason:  HiddenExtension})
		}
		return
	}
	if !found {
		sum.MissingOperations++
		msg := "operation missing upstream"
		if ms := idx.methodsAt(p); len(ms) > 0 {
			msg += fmt.Sprintf(" (upstream has this path with %s)", strings.Join(ms, ", "))
		}
		c.drift(KindMissing, "", msg)
		return
	}
	sum.Shared++

	// Path parameter renames: same shape, different names.
	rename := map[string]string{}
	ourNames, upNames := pathParamNames(p), pathParamNames(up.path)
	for i := range ourNames {
		if i < len(upNames) && ourNames[i] != upNames[i] {
			rename[ourNames[i]] = upNames[i]
			c.add(Finding{Status: StatusNote, Kind: KindRenamed, Field: "path." + ourNames[i],
				Message: fmt.Sprintf("path parameter {%s} is {%s} upstream (%s)", ourNames[i], upNames[i], up.path)})
		}
	}

	c.parameters(effectiveParams(item, op), effectiveParams(up.item, up.op), rename)
	c.body(op.RequestBody, up.op.RequestBody)

	if len(c.upOnly) > 0 {
		c.add(Finding{Status: StatusInfo, Kind: KindUpstreamOnly,
			Message: fmt.Sprintf("%d upstream-only: %s", len(c.upOnly), strings.Join(c.upOnly, ", ")),
			Names:   c.upOnly})
	}
}

// paramKey identifies a parameter: location and name (lower-cased for
// headers, which are case-insensitive).
func paramKey(in, name string) string {
	if in == openapi3.ParameterInHeader {
		name = strings.ToLower(name)
	}
	return in + "." + name
}

// effectiveParams merges path-item and operation parameters, the
// operation's overriding, in declaration order.
func effectiveParams(item *openapi3.PathItem, op *openapi3.Operation) []*openapi3.Parameter {
	var out []*openapi3.Parameter
	pos := map[string]int{}
	add := func(ps openapi3.Parameters) {
		for _, ref := range ps {
			if ref == nil || ref.Value == nil {
				continue
			}
			k := paramKey(ref.Value.In, ref.Value.Name)
			if i, ok := pos[k]; ok {
				out[i] = ref.Value
				continue
			}
			pos[k] = len(out)
			out = append(out, ref.Value)
		}
	}
	if item != nil {
		add(item.Parameters)
	}
	if op != nil {
		add(op.Parameters)
	}
	return out
}

// paramSchema is the schema of a parameter, from `schema` or `content`.
func paramSchema(p *openapi3.Parameter) *openapi3.SchemaRef {
	if p.Schema != nil {
		return p.Schema
	}
	for _, mt := range sortedKeys(p.Content) {
		if m := p.Content[mt]; m != nil && m.Schema != nil {
			return m.Schema
		}
	}
	return nil
}

func (c *comparer) parameters(ours, ups []*openapi3.Parameter, rename map[string]string) {
	byKey := map[string]*openapi3.Parameter{}
	for _, p := range ups {
		byKey[paramKey(p.In, p.Name)] = p
	}
	matched := map[string]bool{}
	for _, p := range ours {
		field := p.In + "." + p.Name
		name := p.Name
		if p.In == openapi3.ParameterInPath {
			if n, ok := rename[name]; ok {
				name = n
			}
		}
		k := paramKey(p.In, name)
		up, ok := byKey[k]
		if !ok {
			c.drift(KindMissing, field, "missing upstream")
			continue
		}
		matched[k] = true
		c.schema(field, paramSchema(p), paramSchema(up), 0)
		if p.Required && !up.Required {
			c.drift(KindRequired, field, "required in ours, optional upstream")
		}
	}
	for _, p := range ups {
		k := paramKey(p.In, p.Name)
		if matched[k] {
			continue
		}
		name := p.In + "." + p.Name
		if p.Required {
			name += "*"
		}
		c.upOnly = append(c.upOnly, name)
	}
}

// mediaType strips parameters from a media type and lower-cases it.
func mediaType(mt string) string {
	if i := strings.IndexByte(mt, ';'); i >= 0 {
		mt = mt[:i]
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (c *comparer) body(ours, up *openapi3.RequestBodyRef) {
	var ob, ub *openapi3.RequestBody
	if ours != nil {
		ob = ours.Value
	}
	if up != nil {
		ub = up.Value
	}
	if ob == nil {
		if ub != nil {
			// Everything upstream's body has is upstream-only.
			for _, mt := range sortedKeys(ub.Content) {
				if m := ub.Content[mt]; m != nil {
					c.upstreamOnlyFields("body", flatten(m.Schema, 0))
					break
				}
			}
		}
		return
	}
	if ub == nil {
		n := 0
		for _, m := range ob.Content {
			if m != nil {
				n += len(flatten(m.Schema, 0).props)
			}
		}
		c.add(Finding{Status: StatusNote, Kind: KindUntypedBody, Field: "body",
			Message: fmt.Sprintf("upstream declares no request body (reads it untyped); %d top-level body field(s) not checked", n)})
		return
	}
	if ob.Required && !ub.Required {
		c.drift(KindRequired, "body", "request body required in ours, optional upstream")
	}
	upContent := map[string]*openapi3.MediaType{}
	for mt, m := range ub.Content {
		upContent[mediaType(mt)] = m
	}
	for _, mt := range sortedKeys(ob.Content) {
		m := ob.Content[mt]
		if m == nil {
			continue
		}
		um, ok := upContent[mediaType(mt)]
		if !ok {
			um, ok = upContent["*/*"]
		}
		if !ok {
			c.drift(KindMediaType, "body",
				fmt.Sprintf("media type %s not accepted upstream (upstream: %s)", mt, strings.Join(sortedKeys(upContent), ", ")))
			continue
		}
		c.schema("body", m.Schema, um.Schema, 0)
	}
}

// applyAllowances marks matching drift findings explained and reports
// allowances that matched nothing.
func applyAllowances(findings []Finding, allow []Allowance) []Finding {
	used := make([]bool, len(allow))
	for i := range findings {
		f := &findings[i]
		if f.Status != StatusDrift {
			continue
		}
		for j, a := range allow {
			if a.matches(*f) {
				f.Status = StatusExplained
				f.Reason = a.Reason
				used[j] = true
				break
			}
		}
	}
	for j, a := range allow {
		if !used[j] {
			field := a.Field
			findings = append(findings, Finding{Status: StatusNote, Kind: KindUnusedAllowance,
				Operation: a.Operation, Field: field,
				Message: "allowance matched no drift; remove it?", Reason: a.Reason})
		}
	}
	return findings
}

// splitOperation splits "METHOD /path" into upper-cased method and path.
func splitOperation(s string) (method, p string, ok bool) {
	method, p, ok = strings.Cut(strings.TrimSpace(s), " ")
	p = strings.TrimSpace(p)
	if !ok || method == "" || !strings.HasPrefix(p, "/") {
		return "", "", false
	}
	return strings.ToUpper(method), p, true
}

func (a Allowance) matches(f Finding) bool {
	am, ap, ok := splitOperation(a.Operation)
	if !ok {
		return false
	}
	fm, fp, ok := splitOperation(f.Operation)
	if !ok || am != fm || pathShape(ap) != pathShape(fp) {
		return false
	}
	if a.Field == "" {
		return f.Field == ""
	}
	if a.Field == f.Field {
		return true
	}
	m, err := path.Match(a.Field, f.Field)
	return err == nil && m
}
