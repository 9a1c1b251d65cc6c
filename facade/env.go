package facade

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// Environment variables read by [NewFromEnv] and [ResolveEnv], the same as
// the upstream client and CLI read.
const (
	// EnvBaseURL names the proxy's base URL.
	EnvBaseURL = "LITELLM_PROXY_URL"
	// EnvAPIKey holds the API key.
	EnvAPIKey = "LITELLM_PROXY_API_KEY"
)

// Where [EnvConfig.APIKey] came from.
const (
	// KeySourceNone says that no key was found.
	KeySourceNone = ""
	// KeySourceExplicit is EnvOptions.APIKey (a command-line flag, say).
	KeySourceExplicit = "explicit"
	// KeySourceEnv is LITELLM_PROXY_API_KEY.
	KeySourceEnv = "env"
	// KeySourceToken is the token stored by "litellm-proxy login".
	KeySourceToken = "token"
)

// EnvOptions are the inputs of [ResolveEnv]. The zero value reads the
// process's environment and the default token file.
type EnvOptions struct {
	// BaseURL, when set, wins over LITELLM_PROXY_URL.
	BaseURL string
	// APIKey, when set, wins over LITELLM_PROXY_API_KEY and the token file.
	APIKey string
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// TokenPath returns the token file's path; nil means [DefaultTokenPath].
	TokenPath func() (string, error)
	// OnTokenError, when set, is called with the error of a token file that
	// exists but cannot be used (corrupt, unreadable, not a regular file).
	// A missing file is not an error. The error never holds the file's
	// contents.
	OnTokenError func(error)
	// FallbackBaseURL, when set, is asked for the base URL when neither
	// BaseURL nor LITELLM_PROXY_URL gives one, before [DefaultBaseURL] (the
	// CLI's configuration profile, say).
	FallbackBaseURL func() string
	// StoredKey, when set, replaces the token-file lookup: it returns the
	// stored key for baseURL, or "" (the CLI's keyring-backed store, say).
	// TokenPath, OnTokenError and Keyring are then not used.
	StoredKey func(baseURL string) string
	// Keyring, when set, is where the token file's secret is looked up when
	// the file holds none (a login that kept its key in the OS keychain; see
	// [TokenStore]). The facade depends on no keyring library: plug one in,
	// such as github.com/zalando/go-keyring, whose functions have the
	// [Keyring] methods' signatures (map its ErrNotFound to
	// [ErrKeyringNotFound]).
	Keyring Keyring
}

// EnvConfig is a resolved connection configuration. String, GoString,
// Format and LogValue never show APIKey.
type EnvConfig struct {
	// BaseURL is EnvOptions.BaseURL, else LITELLM_PROXY_URL, else
	// EnvOptions.FallbackBaseURL, else [DefaultBaseURL].
	BaseURL string
	// APIKey is EnvOptions.APIKey, else LITELLM_PROXY_API_KEY, else the key
	// of the stored login token when it was issued for BaseURL, else "".
	APIKey string
	// APIKeySource says where APIKey came from: one of the KeySource
	// constants.
	APIKeySource string
}

// ResolveEnv resolves the base URL and the API key as [NewFromEnv] does,
// with explicit values first (the CLI's --base-url and --api-key), then the
// environment, then the token file written by "litellm-proxy login" (used
// only when it was issued for the resolved base URL).
func ResolveEnv(o EnvOptions) EnvConfig {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg := EnvConfig{BaseURL: o.BaseURL}
	if cfg.BaseURL == "" {
		cfg.BaseURL = getenv(EnvBaseURL)
	}
	if cfg.BaseURL == "" && o.FallbackBaseURL != nil {
		cfg.BaseURL = o.FallbackBaseURL()
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	switch {
	case o.APIKey != "":
		cfg.APIKey, cfg.APIKeySource = o.APIKey, KeySourceExplicit
	case getenv(EnvAPIKey) != "":
		cfg.APIKey, cfg.APIKeySource = getenv(EnvAPIKey), KeySourceEnv
	default:
		if key := storedKey(o, cfg.BaseURL); key != "" {
			cfg.APIKey, cfg.APIKeySource = key, KeySourceToken
		}
	}
	return cfg
}

// storedKey returns the key of the stored token when it was issued for
// baseURL, else "".
func storedKey(o EnvOptions, baseURL string) string {
	if o.StoredKey != nil {
		return o.StoredKey(baseURL)
	}
	tokenPath := o.TokenPath
	if tokenPath == nil {
		tokenPath = DefaultTokenPath
	}
	path, err := tokenPath()
	if err != nil {
		return ""
	}
	tok, err := LoadToken(path)
	if err != nil {
		if !errors.Is(err, ErrNoToken) && o.OnTokenError != nil {
			o.OnTokenError(err)
		}
		return ""
	}
	if tok.Key == "" && o.Keyring != nil && strings.TrimRight(tok.BaseURL, "/") == strings.TrimRight(baseURL, "/") {
		tok, err = (&TokenStore{Path: path, Keyring: o.Keyring}).Load()
		if err != nil {
			if o.OnTokenError != nil {
				o.OnTokenError(err)
			}
			return ""
		}
	}
	return tok.KeyFor(baseURL)
}

// String describes the configuration with the key redacted.
func (c EnvConfig) String() string {
	return fmt.Sprintf("facade.EnvConfig{BaseURL: %q, APIKey: %s, APIKeySource: %q}", c.BaseURL, secret(c.APIKey), c.APIKeySource)
}

// GoString is String: %#v never shows the key.
func (c EnvConfig) GoString() string { return c.String() }

// Format prints String whatever the verb.
func (c EnvConfig) Format(f fmt.State, verb rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue logs the configuration with the key redacted.
func (c EnvConfig) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", c.BaseURL), slog.Any("api_key", secret(c.APIKey)), slog.String("api_key_source", c.APIKeySource))
}

// ProfileBaseURL returns the base_url of the profile getenv selects
// (LITELLM_PROFILE, else "default") in the CLI configuration file beside
// the token file (~/.litellm/config.json, see [CLIConfig]), or "" when
// there is none or the file cannot be read.
func ProfileBaseURL(getenv func(string) string, tokenPath func() (string, error)) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	if tokenPath == nil {
		tokenPath = DefaultTokenPath
	}
	tp, err := tokenPath()
	if err != nil {
		return ""
	}
	c, err := LoadCLIConfig(filepath.Join(filepath.Dir(tp), "config.json"))
	if err != nil {
		return ""
	}
	return c.Get(ProfileFromEnv(getenv), SettingBaseURL)
}
