package tags

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestNewCmdCreate(t *testing.T) {
	t.Parallel()
	budget := 10.0
	tests := []struct {
		name, argv, wantErr string
		want                Options
	}{
		{name: "name only", argv: "t1", want: Options{Names: []string{"t1"}}},
		{name: "all", argv: `t1 --description "Search team" --models " a, b " --max-budget 10 --budget-duration 30d`,
			want: Options{Names: []string{"t1"}, Description: "Search team", Models: []string{"a", "b"}, MaxBudget: &budget, Duration: "30d"}},
		{name: "budget id", argv: "t1 --budget-id b1", want: Options{Names: []string{"t1"}, BudgetID: "b1"}},
		{name: "no name", argv: "", wantErr: "NAME is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, _ := cmdtest.NewFactory(nil, "")
			var got *Options
			err := cmdtest.Run(f, NewCmdCreate(f, func(o *Options) error { got = o; return nil }), tt.argv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.IO, got.Client = nil, nil
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewCmdList(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, argv, wantErr string
		want                Options
	}{
		{name: "none", argv: "", want: Options{Format: "table"}},
		{name: "window", argv: "--start-date 2026-01-01 --end-date 2026-01-31 --format json",
			want: Options{Format: "json", StartDate: "2026-01-01", EndDate: "2026-01-31"}},
		{name: "one date", argv: "--start-date 2026-01-01", wantErr: "give --start-date and --end-date together"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, _ := cmdtest.NewFactory(nil, "")
			var got *Options
			err := cmdtest.Run(f, NewCmdList(f, func(o *Options) error { got = o; return nil }), tt.argv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.IO, got.Client = nil, nil
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRun runs the tags commands against the emulator, in order.
func TestRun(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	t.Cleanup(srv.Close)
	env := map[string]string{"LITELLM_PROXY_URL": srv.URL, "LITELLM_PROXY_API_KEY": srv.MasterKey}
	steps := []struct {
		argv    string
		list    bool
		wantOut []string
		wantErr string
	}{
		{argv: "create t1 --description d --max-budget 10", wantOut: []string{`"message": "Tag t1 created successfully"`}},
		{argv: "create t1", wantErr: "Tag t1 already exists"},
		{argv: "update t1 --description d2", wantOut: []string{`"description": "d2"`}},
		{argv: "get t1", wantOut: []string{`"max_budget": 10`}},
		{list: true, wantOut: []string{`(?m)^Name\tDescription\tModels\tMax Budget$`, `(?m)^t1\td2\t-\t10$`}},
		{list: true, argv: "--format json", wantOut: []string{`(?m)^    "name": "t1",$`}},
		{argv: "delete t1", wantOut: []string{`"message": "Tag t1 deleted successfully"`}},
		{argv: "get t1", wantErr: "Tags not found"},
	}
	for _, s := range steps {
		f, st := cmdtest.NewFactory(env, "")
		cmd := NewCmdTags(f)
		argv := s.argv
		if s.list {
			argv = strings.TrimSpace("list " + argv)
		}
		err := cmdtest.Run(f, cmd, argv)
		if s.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), s.wantErr) {
				t.Errorf("%s: error %v, want %q", argv, err, s.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", argv, err)
		}
		for _, re := range s.wantOut {
			if !regexp.MustCompile(re).MatchString(st.Out.String()) {
				t.Errorf("%s: stdout lacks %s:\n%s", argv, re, st.Out)
			}
		}
	}
}
