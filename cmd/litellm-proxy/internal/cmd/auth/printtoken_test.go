package auth

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/facade"
)

func TestNewCmdPrintToken(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_800_000_000, 0)
	ts := func(d time.Duration) float64 { return float64(now.Add(d).Unix()) }
	const base = "http://proxy.test:4000"
	tests := []struct {
		name    string
		argv    string
		env     map[string]string
		tok     *facade.Token
		wantOut string
		wantErr string
	}{
		{name: "no token", wantErr: "Not authenticated. Run 'litellm-proxy login'."},
		{name: "fresh", tok: &facade.Token{Key: "sk-a", BaseURL: base, Timestamp: ts(-time.Hour)}, wantOut: "sk-a\n"},
		{name: "bare, other proxy", tok: &facade.Token{Key: "sk-a", BaseURL: "http://x", Timestamp: ts(-time.Hour)}, wantOut: "sk-a\n"},
		{name: "flag, other proxy", argv: "--base-url " + base, tok: &facade.Token{Key: "sk-a", BaseURL: "http://x", Timestamp: ts(-time.Hour)},
			wantErr: "Not authenticated for this server."},
		{name: "env, same proxy", env: map[string]string{"LITELLM_PROXY_URL": base + "/"}, tok: &facade.Token{Key: "sk-a", BaseURL: base, Timestamp: ts(-time.Hour)}, wantOut: "sk-a\n"},
		{name: "expired", tok: &facade.Token{Key: "sk-a", BaseURL: base, Timestamp: ts(-25 * time.Hour)}, wantErr: "Token expired."},
		{name: "pkce expired, cannot renew", tok: &facade.Token{Key: "sk-a", BaseURL: base, Timestamp: ts(-time.Hour), ExpiresAt: ts(-time.Minute), RefreshToken: "r"},
			wantErr: "Key expired. Run 'litellm-proxy login --pkce' again."},
		{name: "pkce near expiry, still valid", tok: &facade.Token{Key: "sk-a", BaseURL: base, Timestamp: ts(-time.Hour), ExpiresAt: ts(time.Minute), RefreshToken: "r"},
			wantOut: "sk-a\n"},
		{name: "extra argument", argv: "x", wantErr: "unexpected argument(s): x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "token.json")
			if tt.tok != nil {
				if err := facade.SaveToken(path, tt.tok); err != nil {
					t.Fatal(err)
				}
			}
			f, st := cmdtest.NewFactory(tt.env, path)
			f.Now = func() time.Time { return now }
			err := cmdtest.Run(f, NewCmdPrintToken(f, nil), tt.argv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error()+st.ErrOut.String(), tt.wantErr) {
					t.Errorf("error = %v, stderr %q; want %q", err, st.ErrOut, tt.wantErr)
				}
				if st.Out.Len() != 0 {
					t.Errorf("stdout = %q, want nothing", st.Out)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v (stderr %q)", err, st.ErrOut)
			}
			if st.Out.String() != tt.wantOut {
				t.Errorf("stdout = %q, want %q", st.Out, tt.wantOut)
			}
		})
	}
}
