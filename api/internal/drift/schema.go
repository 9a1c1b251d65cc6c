package drift

import (
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

const (
	// maxDepth bounds how deep nested body fields are compared.
	maxDepth = 12
	// maxFlattenDepth bounds $ref/allOf/anyOf nesting while normalising one
	// schema.
	maxFlattenDepth = 32
)

// shape is a schema normalised for comparison: nullability removed, allOf
// merged, single-member unions unwrapped and multi-type schemas split into
// unions. A shape is either any, a union (of non-union shapes), or has
// exactly one type.
type shape struct {
	// src is the schema the shape was made from (identity for memoising).
	src *openapi3.Schema
	// name is the component name when the schema was a $ref.
	name     string
	any      bool
	types    []string
	union    []*shape
	props    map[string]*openapi3.SchemaRef
	order    []string
	required map[string]bool
	items    *openapi3.SchemaRef
	addl     *openapi3.SchemaRef
	enum     []any
	hasEnum  bool
}

func (sh *shape) typ() string {
	if sh.any || len(sh.types) == 0 {
		return ""
	}
	return sh.types[0]
}

func (sh *shape) isNull() bool {
	return sh.union == nil && len(sh.types) == 1 && sh.types[0] == "null"
}

func (sh *shape) addProp(name string, ref *openapi3.SchemaRef) {
	if sh.props == nil {
		sh.props = map[string]*openapi3.SchemaRef{}
	}
	if _, ok := sh.props[name]; ok {
		return
	}
	sh.props[name] = ref
	sh.order = append(sh.order, name)
}

// merge folds o (an allOf member or the only non-null anyOf/oneOf member)
// into sh; what sh already has wins.
func (sh *shape) merge(o *shape) {
	if o.any {
		return
	}
	if o.union != nil {
		if sh.union == nil && len(sh.types) == 0 && len(sh.props) == 0 && sh.items == nil {
			sh.union = o.union
		}
		return
	}
	if len(sh.types) == 0 {
		sh.types = o.types
	}
	if sh.name == "" {
		sh.name = o.name
	}
	for _, name := range o.order {
		sh.addProp(name, o.props[name])
	}
	for r := range o.required {
		sh.required[r] = true
	}
	if sh.items == nil {
		sh.items = o.items
	}
	if sh.addl == nil {
		sh.addl = o.addl
	}
	if !sh.hasEnum && o.hasEnum {
		sh.enum, sh.hasEnum = o.enum, true
	}
}

// flatten normalises a schema into a shape.
func flatten(ref *openapi3.SchemaRef, depth int) *shape {
	if ref == nil || ref.Value == nil || depth > maxFlattenDepth {
		return &shape{any: true}
	}
	s := ref.Value
	if s.Always != nil {
		return &shape{any: true}
	}
	sh := &shape{src: s, name: refName(ref.Ref), required: map[string]bool{}}
	nullOnly := false
	if s.Type != nil {
		for _, t := range *s.Type {
			if t != openapi3.TypeNull {
				sh.types = append(sh.types, t)
			}
		}
		nullOnly = len(sh.types) == 0 && len(*s.Type) > 0
	}
	for _, name := range sortedKeys(s.Properties) {
		sh.addProp(name, s.Properties[name])
	}
	for _, r := range s.Required {
		sh.required[r] = true
	}
	sh.items = s.Items
	sh.addl = s.AdditionalProperties.Schema
	switch {
	case len(s.Enum) > 0:
		sh.enum, sh.hasEnum = s.Enum, true
	case s.Const != nil:
		sh.enum, sh.hasEnum = []any{s.Const}, true
	}
	for _, m := range s.AllOf {
		sh.merge(flatten(m, depth+1))
	}

	var alts []*shape
	sawNull := false
	for _, m := range append(append(openapi3.SchemaRefs{}, s.AnyOf...), s.OneOf...) {
		f := flatten(m, depth+1)
		switch {
		case f.isNull():
			sawNull = true
		case f.union != nil:
			alts = append(alts, f.union...)
		default:
			alts = append(alts, f)
		}
	}
	switch {
	case len(alts) == 1:
		sh.merge(alts[0])
	case len(alts) > 1 && len(sh.types) == 0 && len(sh.props) == 0 && sh.items == nil && sh.union == nil:
		for _, a := range alts {
			if a.any {
				return &shape{any: true}
			}
		}
		sh.union = alts
		return sh
	}
	if sh.union != nil {
		return sh
	}

	if len(sh.types) == 0 {
		switch {
		case len(sh.props) > 0 || sh.addl != nil:
			sh.types = []string{openapi3.TypeObject}
		case sh.items != nil:
			sh.types = []string{openapi3.TypeArray}
		case sh.hasEnum:
			sh.types = enumTypes(sh.enum)
		case nullOnly || (sawNull && len(alts) == 0):
			sh.types = []string{openapi3.TypeNull}
		}
	}
	switch len(sh.types) {
	case 0:
		return &shape{any: true}
	case 1:
		return sh
	}
	// type: [string, integer] is a union of single-typed shapes.
	u := &shape{}
	for _, t := range sh.types {
		m := *sh
		m.types = []string{t}
		u.union = append(u.union, &m)
	}
	return u
}

// refName is the last segment of a $ref ("#/components/schemas/X" → "X").
func refName(ref string) string {
	if i := strings.LastIndexByte(ref, '/'); i >= 0 {
		return ref[i+1:]
	}
	return ref
}

// enumTypes infers the types of enum values.
func enumTypes(vals []any) []string {
	set := map[string]bool{}
	for _, v := range vals {
		switch v.(type) {
		case string:
			set[openapi3.TypeString] = true
		case bool:
			set[openapi3.TypeBoolean] = true
		case float64, float32, int, int64:
			set[openapi3.TypeNumber] = true
		}
	}
	return sortedKeys(set)
}

// accepts is the shallow type check of a single (non-union) shape of ours
// against a single upstream shape.
func accepts(up, ours *shape) bool {
	if up.any {
		return true
	}
	if ours.any {
		return false
	}
	t, u := ours.typ(), up.typ()
	return t == u || (t == openapi3.TypeInteger && u == openapi3.TypeNumber)
}

func describe(sh *shape, depth int) string {
	switch {
	case sh.any:
		return "any"
	case sh.union != nil:
		parts := make([]string, len(sh.union))
		for i, m := range sh.union {
			parts[i] = describe(m, depth)
		}
		return strings.Join(parts, "|")
	case sh.typ() == openapi3.TypeArray && depth < 3:
		return "array<" + describe(flatten(sh.items, 0), depth+1) + ">"
	case sh.typ() == openapi3.TypeObject && sh.name != "":
		return "object(" + sh.name + ")"
	}
	return sh.typ()
}

func enumString(vals []any) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = fmt.Sprint(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func value(ref *openapi3.SchemaRef) *openapi3.Schema {
	if ref == nil {
		return nil
	}
	return ref.Value
}

// schema compares one of our schemas with upstream's at field.
func (c *comparer) schema(field string, ours, up *openapi3.SchemaRef, depth int) {
	if depth > maxDepth {
		return
	}
	key := [2]*openapi3.Schema{value(ours), value(up)}
	if key[0] != nil && key[1] != nil {
		if c.stack == nil {
			c.stack = map[[2]*openapi3.Schema]bool{}
		}
		if c.stack[key] {
			return // cycle
		}
		c.stack[key] = true
		defer delete(c.stack, key)
	}
	c.shapes(field, flatten(ours, 0), flatten(up, 0), depth)
}

func (c *comparer) retyped(field string, o, u *shape) {
	ours, up := describe(o, 0), describe(u, 0)
	c.add(Finding{Status: StatusDrift, Kind: KindRetyped, Field: field,
		Message: fmt.Sprintf("ours=%s upstream=%s", ours, up), Ours: ours, Upstream: up})
}

func (c *comparer) shapes(field string, o, u *shape, depth int) {
	if u.any {
		return
	}
	if o.union != nil {
		for _, m := range o.union {
			c.shapes(field, m, u, depth)
		}
		return
	}
	if o.any {
		c.retyped(field, o, u)
		return
	}
	candidates := []*shape{u}
	if u.union != nil {
		candidates = u.union
	}
	var ok []*shape
	for _, m := range candidates {
		if accepts(m, o) {
			if m.any {
				return
			}
			ok = append(ok, m)
		}
	}
	if len(ok) == 0 {
		c.retyped(field, o, u)
		return
	}
	c.enum(field, o, ok)
	c.descend(field, o, c.best(field, o, ok, depth), depth)
}

// descend compares what is inside two accepted shapes: array items or
// object properties.
func (c *comparer) descend(field string, o, m *shape, depth int) {
	switch o.typ() {
	case openapi3.TypeArray:
		if m.items != nil {
			c.schema(field+"[]", o.items, m.items, depth+1)
		}
	case openapi3.TypeObject:
		c.object(field, o, m, depth)
	}
}

// maxTrials bounds the trial comparisons best may run for one Compare.
const maxTrials = 20000

// trialKey memoises trial results.
type trialKey struct {
	ours, up *openapi3.Schema
	typ      string
}

// trial counts the drift findings comparing o with m would produce.
func (c *comparer) trial(field string, o, m *shape, depth int) int {
	key := trialKey{o.src, m.src, o.typ()}
	memo := key.ours != nil && key.up != nil
	if memo {
		if n, ok := c.shared.memo[key]; ok {
			return n
		}
	}
	c.shared.trials++
	sub := &comparer{op: c.op, stack: c.stack, shared: c.shared}
	sub.descend(field, o, m, depth)
	n := 0
	for _, f := range sub.findings {
		if f.Status == StatusDrift {
			n++
		}
	}
	if memo {
		c.shared.memo[key] = n
	}
	return n
}

// best picks the accepting upstream union member to recurse into: for
// objects and arrays the one producing the least drift (by trial), ties
// broken by shared property names or accepting items.
func (c *comparer) best(field string, o *shape, ok []*shape, depth int) *shape {
	if len(ok) == 1 {
		return ok[0]
	}
	if t := o.typ(); t != openapi3.TypeObject && t != openapi3.TypeArray {
		return ok[0]
	}
	if c.stack == nil {
		c.stack = map[[2]*openapi3.Schema]bool{}
	}
	bestM, bestDrift, bestScore := ok[0], -1, -1
	for _, m := range ok {
		drift := 0
		if c.shared.trials < maxTrials {
			drift = c.trial(field, o, m, depth)
		}
		score := 0
		switch o.typ() {
		case openapi3.TypeObject:
			for name := range o.props {
				if _, ok := m.props[name]; ok {
					score++
				}
			}
		case openapi3.TypeArray:
			oi, mi := flatten(o.items, 0), flatten(m.items, 0)
			if mi.any || (oi.union == nil && mi.union == nil && accepts(mi, oi)) {
				score = 1
			}
		}
		if bestDrift < 0 || drift < bestDrift || (drift == bestDrift && score > bestScore) {
			bestM, bestDrift, bestScore = m, drift, score
		}
	}
	// Our object may flatten an upstream union of objects (one message
	// object with a role enum for upstream's per-role message variants):
	// try the variants merged.
	if bestDrift > 0 && o.typ() == openapi3.TypeObject && c.shared.trials < maxTrials {
		if merged := c.mergedObjects(ok); merged != nil && c.trial(field, o, merged, depth) < bestDrift {
			return merged
		}
	}
	return bestM
}

// mergedObjects merges the object members of an upstream union into one
// object shape: every member's properties (a property several members have
// becomes the anyOf of their schemas), required when a member requires it.
// It returns nil when fewer than two members have properties.
func (c *comparer) mergedObjects(members []*shape) *shape {
	var objs []*shape
	var key strings.Builder
	for _, m := range members {
		if m.typ() == openapi3.TypeObject && len(m.props) > 0 {
			objs = append(objs, m)
			fmt.Fprintf(&key, "%p/", m.src)
		}
	}
	if len(objs) < 2 {
		return nil
	}
	if sh, ok := c.shared.merged[key.String()]; ok {
		return sh
	}
	sh := &shape{types: []string{openapi3.TypeObject}, required: map[string]bool{}}
	refs := map[string][]*openapi3.SchemaRef{}
	for _, m := range objs {
		for _, name := range m.order {
			ref := m.props[name]
			dup := false
			for _, r := range refs[name] {
				dup = dup || value(r) == value(ref)
			}
			if !dup {
				refs[name] = append(refs[name], ref)
			}
			if _, ok := sh.props[name]; !ok {
				sh.addProp(name, ref)
			}
			if m.required[name] {
				sh.required[name] = true
			}
		}
		if sh.addl == nil {
			sh.addl = m.addl
		}
	}
	for name, rs := range refs {
		if len(rs) > 1 {
			sh.props[name] = &openapi3.SchemaRef{Value: &openapi3.Schema{AnyOf: rs}}
		}
	}
	c.shared.merged[key.String()] = sh
	return sh
}

// enum checks our enum against the enums of the accepting upstream members.
func (c *comparer) enum(field string, o *shape, ok []*shape) {
	allowed := map[string]bool{}
	var upVals []any
	for _, m := range ok {
		if !m.hasEnum {
			return // some accepting member has no enum
		}
		for _, v := range m.enum {
			k := fmt.Sprint(v)
			if !allowed[k] {
				allowed[k] = true
				upVals = append(upVals, v)
			}
		}
	}
	up := o.typ() + " enum " + enumString(upVals)
	if !o.hasEnum {
		c.add(Finding{Status: StatusDrift, Kind: KindEnum, Field: field,
			Message: fmt.Sprintf("ours allows any %s, upstream only %s", o.typ(), enumString(upVals)),
			Ours:    o.typ(), Upstream: up})
		return
	}
	var extra []any
	for _, v := range o.enum {
		if !allowed[fmt.Sprint(v)] {
			extra = append(extra, v)
		}
	}
	if len(extra) > 0 {
		c.add(Finding{Status: StatusDrift, Kind: KindEnum, Field: field,
			Message: fmt.Sprintf("enum values %s not upstream (upstream: %s)", enumString(extra), enumString(upVals)),
			Ours:    o.typ() + " enum " + enumString(o.enum), Upstream: up})
	}
}

func readOnly(ref *openapi3.SchemaRef) bool {
	return ref != nil && ref.Value != nil && ref.Value.ReadOnly
}

// object compares the properties of two object shapes.
func (c *comparer) object(field string, o, m *shape, depth int) {
	if o.addl != nil && m.addl != nil {
		c.schema(field+".*", o.addl, m.addl, depth+1)
	}
	if len(o.props) == 0 {
		return // ours is free-form
	}
	if len(m.props) == 0 {
		// Upstream is free-form, or a map of typed values.
		if m.addl != nil {
			for _, name := range o.order {
				if !readOnly(o.props[name]) {
					c.schema(field+"."+name, o.props[name], m.addl, depth+1)
				}
			}
		}
		return
	}
	for _, name := range o.order {
		ref := o.props[name]
		if readOnly(ref) {
			continue
		}
		f := field + "." + name
		up, ok := m.props[name]
		if !ok {
			c.add(Finding{Status: StatusDrift, Kind: KindMissing, Field: f, Message: "missing upstream"})
			continue
		}
		c.schema(f, ref, up, depth+1)
		if o.required[name] && !m.required[name] {
			c.add(Finding{Status: StatusDrift, Kind: KindRequired, Field: f, Message: "required in ours, optional upstream"})
		}
	}
	for _, name := range m.order {
		if _, ok := o.props[name]; !ok && !readOnly(m.props[name]) {
			c.upOnly = append(c.upOnly, upName(field+"."+name, m.required[name]))
		}
	}
}

func upName(name string, required bool) string {
	if required {
		return name + "*"
	}
	return name
}

// upstreamOnlyFields lists the top-level properties of an upstream body our
// spec does not declare at all.
func (c *comparer) upstreamOnlyFields(field string, sh *shape) {
	members := []*shape{sh}
	if sh.union != nil {
		members = sh.union
	}
	seen := map[string]bool{}
	var names []string
	for _, m := range members {
		for _, name := range m.order {
			if !seen[name] && !readOnly(m.props[name]) {
				seen[name] = true
				names = append(names, upName(field+"."+name, m.required[name]))
			}
		}
	}
	sort.Strings(names)
	c.upOnly = append(c.upOnly, names...)
}
