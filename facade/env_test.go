package facade

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestResolveEnv(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "token.json")
	if err := SaveToken(good, &Token{Key: "sk-test-stored", BaseURL: "http://proxy.test:4000/"}); err != nil {
		t.Fatal(err)
	}
	corrupt := filepath.Join(dir, "corrupt.json")
	if err := os.WriteFile(corrupt, []byte("sk-test-leak not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.json")
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	path := func(p string) func() (string, error) { return func() (string, error) { return p, nil } }
	tests := []struct {
		name     string
		opts     EnvOptions
		want     EnvConfig
		tokenErr bool
	}{
		{"defaults", EnvOptions{Getenv: env(nil), TokenPath: path(missing)},
			EnvConfig{BaseURL: DefaultBaseURL}, false},
		{"environment", EnvOptions{Getenv: env(map[string]string{EnvBaseURL: "http://e.test", EnvAPIKey: "sk-test-env"}), TokenPath: path(good)},
			EnvConfig{BaseURL: "http://e.test", APIKey: "sk-test-env", APIKeySource: KeySourceEnv}, false},
		{"explicit wins", EnvOptions{BaseURL: "http://x.test", APIKey: "sk-test-flag", Getenv: env(map[string]string{EnvBaseURL: "http://e.test", EnvAPIKey: "sk-test-env"})},
			EnvConfig{BaseURL: "http://x.test", APIKey: "sk-test-flag", APIKeySource: KeySourceExplicit}, false},
		{"token for the same base URL", EnvOptions{BaseURL: "http://proxy.test:4000", Getenv: env(nil), TokenPath: path(good)},
			EnvConfig{BaseURL: "http://proxy.test:4000", APIKey: "sk-test-stored", APIKeySource: KeySourceToken}, false},
		{"token of another base URL", EnvOptions{Getenv: env(map[string]string{EnvBaseURL: "http://other.test"}), TokenPath: path(good)},
			EnvConfig{BaseURL: "http://other.test"}, false},
		{"corrupt token", EnvOptions{BaseURL: "http://proxy.test:4000", Getenv: env(nil), TokenPath: path(corrupt)},
			EnvConfig{BaseURL: "http://proxy.test:4000"}, true},
		{"fallback base URL", EnvOptions{Getenv: env(nil), TokenPath: path(missing), FallbackBaseURL: func() string { return "http://profile.test" }},
			EnvConfig{BaseURL: "http://profile.test"}, false},
		{"environment before fallback", EnvOptions{Getenv: env(map[string]string{EnvBaseURL: "http://e.test"}), TokenPath: path(missing), FallbackBaseURL: func() string { return "http://profile.test" }},
			EnvConfig{BaseURL: "http://e.test"}, false},
		{"own stored key", EnvOptions{Getenv: env(nil), TokenPath: path(corrupt), StoredKey: func(base string) string { return "sk-test-own-" + base }},
			EnvConfig{BaseURL: DefaultBaseURL, APIKey: "sk-test-own-" + DefaultBaseURL, APIKeySource: KeySourceToken}, false},
		{"no token path", EnvOptions{Getenv: env(nil), TokenPath: func() (string, error) { return "", errors.New("no home") }},
			EnvConfig{BaseURL: DefaultBaseURL}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var tokenErrs []error
			tt.opts.OnTokenError = func(err error) { tokenErrs = append(tokenErrs, err) }
			got := ResolveEnv(tt.opts)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ResolveEnv (-want +got):\n%s", diff)
			}
			if (len(tokenErrs) > 0) != tt.tokenErr {
				t.Errorf("OnTokenError calls = %v, want some: %v", tokenErrs, tt.tokenErr)
			}
			for _, err := range tokenErrs {
				if strings.Contains(err.Error(), "sk-test-leak") {
					t.Errorf("token error shows the file's contents: %v", err)
				}
			}
		})
	}
}

func TestEnvConfigNeverPrintsKey(t *testing.T) {
	t.Parallel()
	c := EnvConfig{BaseURL: "http://x.test", APIKey: "sk-test-secret-value", APIKeySource: KeySourceEnv}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("cfg", "config", c)
	for _, got := range []string{c.String(), fmt.Sprintf("%v", c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), fmt.Sprintf("%s", &c), logged.String()} {
		if strings.Contains(got, "sk-test-secret-value") {
			t.Errorf("printed the key: %s", got)
		}
		if !strings.Contains(got, "http://x.test") {
			t.Errorf("lost the base URL: %s", got)
		}
	}
}
