package proxytest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSetColumn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		field   string
		v       any
		want    func(*keyColumns) any
		wantVal any
		found   bool
		wantErr bool
	}{
		{"number into *int", "tpm_limit", 100.0, func(k *keyColumns) any { return val(k.TPMLimit) }, 100, true, false},
		{"null clears a pointer", "key_alias", nil, func(k *keyColumns) any { return k.KeyAlias }, (*string)(nil), true, false},
		{"list of strings", "models", []any{"gpt-4o"}, func(k *keyColumns) any { return k.Models }, []string{"gpt-4o"}, true, false},
		{"object replaces, not merges", "metadata", map[string]any{"b": 2.0}, func(k *keyColumns) any { return k.Metadata }, map[string]any{"b": 2.0}, true, false},
		{"wrong type", "tpm_limit", "many", func(k *keyColumns) any { return val(k.TPMLimit) }, 7, true, true},
		{"no such column", "no_such_field", 1.0, func(k *keyColumns) any { return nil }, nil, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			k := &keyColumns{KeyAlias: ptr("old"), TPMLimit: ptr(7), Metadata: map[string]any{"a": 1.0}}
			found, err := setColumn(k, tt.field, tt.v)
			if found != tt.found || (err != nil) != tt.wantErr {
				t.Fatalf("setColumn(%q, %v) = %v, %v; want found %v, error %v", tt.field, tt.v, found, err, tt.found, tt.wantErr)
			}
			if diff := cmp.Diff(tt.wantVal, tt.want(k)); diff != "" {
				t.Errorf("column after setColumn (-want +got):\n%s", diff)
			}
		})
	}
}

func TestColumns(t *testing.T) {
	t.Parallel()
	got := columns(&teamColumns{TeamID: "t1", TPMLimit: ptr(5), Models: []string{}, Blocked: true})
	for field, want := range map[string]any{
		"team_id": "t1", "tpm_limit": 5.0, "team_alias": nil, "models": []any{}, "blocked": true, "metadata": nil, "spend": 0.0,
	} {
		if v, ok := got[field]; !ok || !cmp.Equal(v, want) {
			t.Errorf("columns()[%q] = %#v (present %v), want %#v", field, v, ok, want)
		}
	}
}
