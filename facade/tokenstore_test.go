package facade

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// mapKeyring is an in-memory Keyring; err, when set, fails every call.
type mapKeyring struct {
	m       map[string]string
	err     error
	discard bool // accept writes, keep nothing
}

func (k *mapKeyring) Get(service, account string) (string, error) {
	if k.err != nil {
		return "", k.err
	}
	v, ok := k.m[service+"/"+account]
	if !ok {
		return "", ErrKeyringNotFound
	}
	return v, nil
}

func (k *mapKeyring) Set(service, account, secret string) error {
	if k.err != nil {
		return k.err
	}
	if !k.discard {
		k.m[service+"/"+account] = secret
	}
	return nil
}

func (k *mapKeyring) Delete(service, account string) error {
	if k.err != nil {
		return k.err
	}
	if _, ok := k.m[service+"/"+account]; !ok {
		return ErrKeyringNotFound
	}
	delete(k.m, service+"/"+account)
	return nil
}

func TestTokenStoreKeyring(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		kr          *mapKeyring
		wantKeyring bool
		wantInFile  bool
	}{
		{name: "keychain", kr: &mapKeyring{m: map[string]string{}}, wantKeyring: true},
		{name: "keychain fails", kr: &mapKeyring{m: map[string]string{}, err: errors.New("no dbus")}, wantInFile: true},
		{name: "keychain keeps nothing", kr: &mapKeyring{m: map[string]string{}, discard: true}, wantInFile: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := &TokenStore{Path: filepath.Join(t.TempDir(), ".litellm", "token.json"), Keyring: tt.kr}
			tok := testToken()
			st, err := s.Save(tok)
			if err != nil {
				t.Fatal(err)
			}
			if st.Keyring != tt.wantKeyring || (st.Fallback != nil) != tt.wantInFile {
				t.Errorf("storage = %+v", st)
			}
			data, err := os.ReadFile(s.Path)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(string(data), plantedKey); got != tt.wantInFile {
				t.Errorf("key in file = %v, want %v:\n%s", got, tt.wantInFile, data)
			}
			if got := strings.Contains(string(data), plantedSecret); got != tt.wantInFile {
				t.Errorf("refresh token in file = %v, want %v", got, tt.wantInFile)
			}
			got, err := s.Load()
			if err != nil {
				t.Fatal(err)
			}
			if got.Key != tok.Key || got.RefreshToken != tok.RefreshToken || got.JWTToken != tok.JWTToken {
				t.Errorf("Load lost the secrets: %+v", got)
			}
			if k := s.KeyFor("http://localhost:4000/"); k != tok.Key {
				t.Errorf("KeyFor = %q", k)
			}
			if err := s.Remove(); tt.kr.err == nil && err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(s.Path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("file left after Remove: %v", err)
			}
			if len(tt.kr.m) != 0 {
				t.Errorf("keychain entry left after Remove: %v", tt.kr.m)
			}
		})
	}
}

// TestTokenStoreUpstreamFormats reads token files and keychain entries as
// upstream's CLI 1.88 (key in the file) and 1.106 (key in the keychain,
// pkce fields) write them.
func TestTokenStoreUpstreamFormats(t *testing.T) {
	t.Parallel()
	const base = "http://localhost:4000"
	secret := func(ts float64, key string) string {
		b, _ := json.Marshal(map[string]any{"base_url": base, "key": key, "jwt_token": "", "refresh_token": "llm_srefresh_x", "timestamp": ts})
		return string(b)
	}
	tests := []struct {
		name, file string
		entry      string // keychain entry; "" for none
		wantKey    string
		wantErr    bool
	}{
		{name: "1.88 file", file: `{"key": "sk-file", "user_id": "cli-user", "user_email": "unknown", "user_role": "cli",
			"auth_header_name": "Authorization", "jwt_token": "", "timestamp": 1718000000.5}`, wantKey: "sk-file"},
		{name: "1.106 metadata and keychain", file: `{"base_url": "` + base + `", "user_id": "u", "user_email": "unknown",
			"user_role": "cli", "auth_header_name": "Authorization", "jwt_token": "", "timestamp": 100.0,
			"expires_at": 1e10, "client_id": "llm_dcrc_x", "token_endpoint": "` + base + `/token",
			"revocation_endpoint": "` + base + `/revoke", "resource": "` + base + `", "team_id": null}`,
			entry: secret(100, "sk-keychain"), wantKey: "sk-keychain"},
		{name: "newer file wins", file: `{"base_url": "` + base + `", "key": "sk-file", "timestamp": 200.0}`,
			entry: secret(100, "sk-keychain"), wantKey: "sk-file"},
		{name: "file with a key, older", file: `{"base_url": "` + base + `", "key": "sk-file", "timestamp": 50.0}`,
			entry: secret(100, "sk-keychain"), wantKey: "sk-file"},
		{name: "refresh token in file, newer keychain", file: `{"base_url": "` + base + `", "refresh_token": "r", "timestamp": 50.0}`,
			entry: secret(100, "sk-keychain"), wantKey: "sk-keychain"},
		{name: "entry of another proxy", file: `{"base_url": "http://other:4000", "timestamp": 100.0}`,
			entry: secret(100, "sk-keychain"), wantKey: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "token.json")
			if err := os.WriteFile(path, []byte(tt.file), 0o600); err != nil {
				t.Fatal(err)
			}
			kr := &mapKeyring{m: map[string]string{}}
			if tt.entry != "" {
				kr.m[KeyringService+"/"+KeyringAccount] = tt.entry
			}
			got, err := (&TokenStore{Path: path, Keyring: kr}).Load()
			if err != nil {
				t.Fatal(err)
			}
			if got.Key != tt.wantKey {
				t.Errorf("Key = %q, want %q", got.Key, tt.wantKey)
			}
		})
	}
}

func TestTokenFresh(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_000_000, 0)
	at := func(d time.Duration) float64 { return float64(now.Add(d).Unix()) }
	tests := []struct {
		name string
		tok  Token
		want bool
	}{
		{"classic, 1h old", Token{Timestamp: at(-time.Hour)}, true},
		{"classic, 23h55m old", Token{Timestamp: at(-23*time.Hour - 55*time.Minute)}, false},
		{"expires_at in 1h", Token{Timestamp: at(-30 * time.Hour), ExpiresAt: at(time.Hour)}, true},
		{"expires_at in 5m", Token{Timestamp: at(-time.Hour), ExpiresAt: at(5 * time.Minute)}, false},
	}
	for _, tt := range tests {
		if got := tt.tok.Fresh(now, DefaultTokenLifetime); got != tt.want {
			t.Errorf("%s: Fresh = %v, want %v", tt.name, got, tt.want)
		}
	}
	env := map[string]string{"LITELLM_CLI_JWT_EXPIRATION_HOURS": "48"}
	if got := TokenLifetime(func(k string) string { return env[k] }); got != 48*time.Hour {
		t.Errorf("TokenLifetime = %v", got)
	}
}

func TestCLIConfig(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), ".litellm", "config.json")
	c, err := LoadCLIConfig(path)
	if err != nil || len(c) != 0 {
		t.Fatalf("missing file: %v, %v", c, err)
	}
	c[SettingKey(DefaultProfile, SettingBaseURL)] = "http://a"
	c[SettingKey("staging", SettingBaseURL)] = "http://b"
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode: %v %v", fi, err)
	}
	got, err := LoadCLIConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Get("", SettingBaseURL) != "http://a" || got.Get("staging", SettingBaseURL) != "http://b" || got["profile.staging.base_url"] != "http://b" {
		t.Errorf("got %v", got)
	}
	if err := os.WriteFile(path, []byte(`{"profiles": {"x": 1}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCLIConfig(path); err == nil || !strings.Contains(err.Error(), "not a JSON object of strings") {
		t.Errorf("nested file: %v", err)
	}
	for name, want := range map[string]bool{"default": true, "prod-1": true, "a_b": true, "": false, "-x": false, "a.b": false, "a/b": false} {
		if ValidProfileName(name) != want {
			t.Errorf("ValidProfileName(%q) = %v", name, !want)
		}
	}
}

// TestResolveEnvKeyringAndProfile: the keychain hook of ResolveEnv and the
// profile base URL that NewFromEnv falls back to.
func TestResolveEnvKeyringAndProfile(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), ".litellm")
	path := filepath.Join(dir, "token.json")
	const base = "http://proxy.test:4000"
	kr := &mapKeyring{m: map[string]string{}}
	if _, err := (&TokenStore{Path: path, Keyring: kr}).Save(&Token{Key: "sk-in-keychain", BaseURL: base, Timestamp: 1}); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{EnvBaseURL: base}
	getenv := func(k string) string { return env[k] }
	tp := func() (string, error) { return path, nil }
	if got := ResolveEnv(EnvOptions{Getenv: getenv, TokenPath: tp}); got.APIKey != "" {
		t.Errorf("without a keyring: %v", got)
	}
	if got := ResolveEnv(EnvOptions{Getenv: getenv, TokenPath: tp, Keyring: kr}); got.APIKey != "sk-in-keychain" || got.APIKeySource != KeySourceToken {
		t.Errorf("with the keyring: %v", got)
	}
	c := CLIConfig{"base_url": "http://default.test", "profile.staging.base_url": "http://staging.test"}
	if err := c.Save(filepath.Join(dir, "config.json")); err != nil {
		t.Fatal(err)
	}
	if got := ProfileBaseURL(getenv, tp); got != "http://default.test" {
		t.Errorf("default profile: %q", got)
	}
	env[EnvProfile] = "staging"
	if got := ProfileBaseURL(getenv, tp); got != "http://staging.test" {
		t.Errorf("staging profile: %q", got)
	}
	delete(env, EnvBaseURL)
	got := ResolveEnv(EnvOptions{Getenv: getenv, TokenPath: tp, FallbackBaseURL: func() string { return ProfileBaseURL(getenv, tp) }})
	if got.BaseURL != "http://staging.test" {
		t.Errorf("profile fallback: %v", got)
	}
}
