package shape

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"
)

// AllowEntry is one explained, accepted difference.
type AllowEntry struct {
	// Case is a pattern ("*" matches any run of characters) for the name of
	// the case the difference belongs to.
	Case string `yaml:"case"`
	// Diff is a pattern for the difference line, as [Diff] writes it.
	Diff string `yaml:"diff"`
	// Reason says why the difference is accepted. Required.
	Reason string `yaml:"reason"`
}

// Allow is an allow-list of differences, loaded from YAML:
//
//	entries:
//	  - case: "1.88.0/chat/*"
//	    diff: "header x-litellm-model-region: missing"
//	    reason: "why this difference is acceptable"
//
// Every entry must have a case, a diff and a reason, and must be used by at
// least one difference during the run (see [Allow.CheckUsed]), so that the
// list holds no stale entries. It is safe for concurrent use.
type Allow struct {
	path    string
	entries []AllowEntry
	mu      sync.Mutex
	used    []int
}

// LoadAllow reads and validates an allow-list file.
func LoadAllow(path string) (*Allow, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	a, err := ParseAllow(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	a.path = path
	return a, nil
}

// ParseAllow parses and validates an allow-list document.
func ParseAllow(data []byte) (*Allow, error) {
	var doc struct {
		Entries []AllowEntry `yaml:"entries"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	var problems []error
	for i, e := range doc.Entries {
		if e.Case == "" || e.Diff == "" || e.Reason == "" {
			problems = append(problems, fmt.Errorf("entry %d (case %q, diff %q): case, diff and reason are all required", i+1, e.Case, e.Diff))
		}
	}
	if err := errors.Join(problems...); err != nil {
		return nil, err
	}
	return &Allow{entries: doc.Entries, used: make([]int, len(doc.Entries))}, nil
}

// Entries returns a copy of the entries.
func (a *Allow) Entries() []AllowEntry {
	return append([]AllowEntry(nil), a.entries...)
}

// Filter returns the differences of case caseName that no entry allows,
// and marks the entries that allowed any as used.
func (a *Allow) Filter(caseName string, diffs []string) []string {
	var left []string
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, d := range diffs {
		allowed := false
		for i, e := range a.entries {
			if Match(e.Case, caseName) && Match(e.Diff, d) {
				a.used[i]++
				allowed = true
			}
		}
		if !allowed {
			left = append(left, d)
		}
	}
	return left
}

// Unused returns the entries no difference has used so far.
func (a *Allow) Unused() []AllowEntry {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []AllowEntry
	for i, e := range a.entries {
		if a.used[i] == 0 {
			out = append(out, e)
		}
	}
	return out
}

// CheckUsed fails tb for every entry no difference used: a stale entry
// hides nothing and must be removed. Call it after all cases ran (from the
// parent test, after its subtests). When the run is narrowed with -run or
// -skip, not every case ran and the check is only logged.
func (a *Allow) CheckUsed(tb testing.TB) {
	tb.Helper()
	unused := a.Unused()
	if len(unused) == 0 {
		return
	}
	report := tb.Errorf
	if narrowed() {
		report = tb.Logf
	}
	for _, e := range unused {
		report("allow-list %s: stale entry (no difference matched): case %q, diff %q (reason: %s)", a.path, e.Case, e.Diff, e.Reason)
	}
}

func narrowed() bool {
	for _, name := range []string{"test.run", "test.skip"} {
		if f := flag.Lookup(name); f != nil && f.Value.String() != "" {
			return true
		}
	}
	return false
}
