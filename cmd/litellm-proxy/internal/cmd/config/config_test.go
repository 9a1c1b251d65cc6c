package config

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/facade"
)

func TestNormalizeBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want, wantErr string }{
		{in: "https://proxy.example.com/", want: "https://proxy.example.com"},
		{in: "http://127.0.0.1:4000/litellm//", want: "http://127.0.0.1:4000/litellm"},
		{in: "proxy.example.com", wantErr: "full http:// or https:// URL"},
		{in: "ftp://x", wantErr: "full http:// or https:// URL"},
		{in: "http://x y", wantErr: "whitespace or control characters"},
		{in: "http://x/?q=1", wantErr: "query string or fragment"},
		{in: "http://x/#f", wantErr: "query string or fragment"},
		{in: "http://u:p@x", wantErr: "must not contain credentials"},
	}
	for _, tt := range tests {
		got, err := NormalizeBaseURL(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%q: got %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNewCmdConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		env     map[string]string
		argv    []string // run in order on one file
		wantOut string   // of the last command
		wantErr string   // of the last command
		wantKey string   // a file key that must then be set
	}{
		{name: "set and get", argv: []string{"set base_url http://a/", "get base_url"}, wantOut: "http://a\n", wantKey: "base_url"},
		{name: "profile flag", argv: []string{"--profile p1 set model m", "--profile p1 get model"}, wantOut: "m\n", wantKey: "profile.p1.model"},
		{name: "profile env", env: map[string]string{"LITELLM_PROFILE": "p2"}, argv: []string{"set format json", "list"},
			wantOut: "format = json\n", wantKey: "profile.p2.format"}, // the root command applies a profile's format
		{name: "unset", argv: []string{"set model m", "unset model", "get model"}, wantErr: "silent"},
		{name: "unknown key", argv: []string{"set colour red"}, wantErr: "Unknown config key 'colour'"},
		{name: "bad profile", argv: []string{"--profile a.b list"}, wantErr: `invalid profile name "a.b"`},
		{name: "missing value", argv: []string{"set model"}, wantErr: "KEY and VALUE are required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			var err error
			var st *cmdtest.Streams
			for _, argv := range tt.argv {
				f, s := cmdtest.NewFactory(tt.env, filepath.Join(dir, "token.json"))
				st = s
				err = cmdtest.Run(f, NewCmdConfig(f), argv)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v (stderr %q)", err, st.ErrOut)
			}
			if st.Out.String() != tt.wantOut {
				t.Errorf("stdout %q, want %q", st.Out, tt.wantOut)
			}
			c, err := facade.LoadCLIConfig(filepath.Join(dir, "config.json"))
			if err != nil || c[tt.wantKey] == "" {
				t.Errorf("file %v, %v: want key %q", c, err, tt.wantKey)
			}
		})
	}
}
