package keys

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/facade"
)

func TestNewCmdGenerate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		argv    string
		want    KeyFields
		wantErr string
	}{
		{name: "none", argv: "", want: KeyFields{}},
		{
			name: "all",
			argv: `--models " gpt-4, gpt-3.5-turbo " --aliases '{"gpt4": "gpt-4"}' --spend 100 --duration 24h --key-alias a --team-id t --user-id u --budget-id b --config '{"max_parallel_requests": 5}'`,
			want: KeyFields{
				Models: []string{"gpt-4", "gpt-3.5-turbo"}, Aliases: map[string]any{"gpt4": "gpt-4"}, Spend: ptr(100.0),
				Duration: "24h", KeyAlias: "a", TeamID: "t", UserID: "u", BudgetID: "b",
				Config: map[string]any{"max_parallel_requests": jsonNumber("5")},
			},
		},
		{name: "zero spend is sent", argv: "--spend 0", want: KeyFields{Spend: ptr(0.0)}},
		{name: "bad aliases", argv: "--aliases nope", wantErr: "--aliases: Invalid JSON"},
		{name: "config not an object", argv: "--config 3", wantErr: "--config: Invalid JSON: expected an object, got a number"},
		{name: "positional", argv: "x", wantErr: "unexpected argument(s): x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, _ := cmdtest.NewFactory(nil, "")
			var got *GenerateOptions
			err := cmdtest.Run(f, NewCmdGenerate(f, func(o *GenerateOptions) error { got = o; return nil }), tt.argv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got.Fields); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewCmdList(t *testing.T) {
	t.Parallel()
	f, _ := cmdtest.NewFactory(nil, "")
	var got *ListOptions
	err := cmdtest.Run(f, NewCmdList(f, func(o *ListOptions) error { got = o; return nil }),
		"--page 2 --size 50 --user-id u --team-id t --organization-id o --key-hash h --key-alias a --include-team-keys --format json")
	if err != nil {
		t.Fatal(err)
	}
	want := facade.KeyListOptions{Page: 2, Size: 50, UserID: "u", TeamID: "t", OrganizationID: "o", KeyHash: "h",
		KeyAlias: "a", IncludeTeamKeys: true, ReturnFullObject: true}
	if diff := cmp.Diff(want, got.Filter); diff != "" || got.Format != "json" || got.All {
		t.Errorf("format %q all %v, filter (-want +got):\n%s", got.Format, got.All, diff)
	}
}

func TestNewCmdDelete(t *testing.T) {
	t.Parallel()
	tests := []struct {
		argv          string
		keys, aliases []string
		wantErr       string
	}{
		{argv: "--keys 'k1,k2, k3'", keys: []string{"k1", "k2", "k3"}},
		{argv: "--key-aliases a1", aliases: []string{"a1"}},
		{argv: "--keys k --key-aliases a", keys: []string{"k"}, aliases: []string{"a"}},
		{argv: "", wantErr: "nothing to delete"},
		{argv: "--keys ' , '", wantErr: "nothing to delete"},
	}
	for _, tt := range tests {
		f, _ := cmdtest.NewFactory(nil, "")
		var got *DeleteOptions
		err := cmdtest.Run(f, NewCmdDelete(f, func(o *DeleteOptions) error { got = o; return nil }), tt.argv)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error = %v, want %q", tt.argv, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", tt.argv, err)
		}
		if diff := cmp.Diff(tt.keys, got.Keys); diff != "" {
			t.Errorf("%q: keys (-want +got):\n%s", tt.argv, diff)
		}
		if diff := cmp.Diff(tt.aliases, got.KeyAliases); diff != "" {
			t.Errorf("%q: aliases (-want +got):\n%s", tt.argv, diff)
		}
	}
}

func TestParseCreatedSince(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want time.Time
		err  bool
	}{
		{"2025-01-02", time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), false},
		{"2025-01-02_09:30", time.Date(2025, 1, 2, 9, 30, 0, 0, time.UTC), false},
		{"2025-01-02 09:30", time.Time{}, true},
		{"yesterday", time.Time{}, true},
		{"2025-13-01", time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := ParseCreatedSince(tt.in)
		if (err != nil) != tt.err || !got.Equal(tt.want) {
			t.Errorf("ParseCreatedSince(%q) = %v, %v", tt.in, got, err)
		}
	}
	if got, ok := parseCreatedAt("2025-01-02T09:30:00.5-05:00"); !ok || !got.Equal(time.Date(2025, 1, 2, 9, 30, 0, 5e8, time.UTC)) {
		t.Errorf("parseCreatedAt keeps the wall clock: got %v %v", got, ok)
	}
}

func ptr[T any](v T) *T { return &v }

func jsonNumber(s string) any { return json.Number(s) }
