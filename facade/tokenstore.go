package facade

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Keyring is a store of secrets by service and account, such as the OS
// keychain (Secret Service on Linux, Keychain on macOS, Credential Manager
// on Windows). Its methods are those of github.com/zalando/go-keyring's
// functions, so that a keychain plugs in with a three-line adapter; the
// facade itself depends on no keyring library.
//
// Get returns an error matching [ErrKeyringNotFound] (errors.Is) when
// nothing is stored for service and account; Delete of a missing entry may
// return it too. Any other error means the keychain could not be used.
type Keyring interface {
	Get(service, account string) (string, error)
	Set(service, account, secret string) error
	Delete(service, account string) error
}

// ErrKeyringNotFound is what a [Keyring] returns for a missing entry.
var ErrKeyringNotFound = errors.New("secret not found in keyring")

// The keychain entry of a login, as upstream's CLI names it.
const (
	KeyringService = "litellm-cli"
	KeyringAccount = "credential"
)

// TokenStore is where a login token is kept: the token file at Path and,
// when Keyring is set, the token's secrets (key, JWT, refresh token) in the
// keychain entry litellm-cli/credential, with the file holding only the
// metadata. It reads and writes the upstream CLI's formats: a file of
// either era (1.88: the key in the file; 1.106: the key in the keychain or,
// without one, in the file) and upstream 1.106's keychain entry, the JSON
// object {"base_url", "key", "jwt_token", "refresh_token", "timestamp"}.
type TokenStore struct {
	// Path is the token file, usually [DefaultTokenPath].
	Path string
	// Keyring holds the secrets; nil keeps them in the file (mode 0600).
	Keyring Keyring
}

// keyringSecret is the keychain entry of a login (upstream's CliTokenSecret).
// BaseURL pairs it with the token file: a secret issued by one proxy is
// never handed to another. Timestamp is the login it came from.
type keyringSecret struct {
	BaseURL      string  `json:"base_url"`
	Key          string  `json:"key,omitempty"`
	JWTToken     string  `json:"jwt_token"`
	RefreshToken string  `json:"refresh_token,omitempty"`
	Timestamp    float64 `json:"timestamp"`
}

// holdsSecret reports whether t carries anything that signs someone in.
func holdsSecret(t *Token) bool {
	return t.Key != "" || t.JWTToken != "" || t.RefreshToken != ""
}

// withoutSecret returns a copy of t without its secrets.
func withoutSecret(t *Token) *Token {
	c := *t
	c.Key, c.JWTToken, c.RefreshToken = "", "", ""
	return &c
}

// Load returns the stored token with its secrets resolved. A file that
// holds its key (written without a keychain, or by upstream's CLI 1.88) is
// used as it is, without asking the keychain; otherwise the secrets are the
// keychain entry's, when it belongs to the same proxy. A missing file gives
// an error matching [ErrNoToken]. When the keychain cannot be read, Load
// returns the file's token, without a key, and an error saying why.
func (s *TokenStore) Load() (*Token, error) {
	t, err := LoadToken(s.Path)
	if err != nil {
		return nil, err
	}
	if s.Keyring == nil || t.Key != "" {
		return t, nil
	}
	blob, err := s.Keyring.Get(KeyringService, KeyringAccount)
	switch {
	case errors.Is(err, ErrKeyringNotFound):
		return t, nil
	case err != nil:
		return t, fmt.Errorf("read the OS keychain: %w", err)
	}
	var sec keyringSecret
	if json.Unmarshal([]byte(blob), &sec) != nil || strings.TrimRight(sec.BaseURL, "/") != strings.TrimRight(t.BaseURL, "/") {
		return t, nil
	}
	if holdsSecret(t) && sec.Timestamp <= t.Timestamp {
		return t, nil
	}
	t.Key, t.JWTToken, t.RefreshToken = sec.Key, sec.JWTToken, sec.RefreshToken
	if sec.Timestamp > t.Timestamp {
		t.Timestamp = sec.Timestamp
	}
	return t, nil
}

// TokenStorage says where [TokenStore.Save] put a token's secrets.
type TokenStorage struct {
	// Keyring is true when the secrets went to the keychain (and the file
	// holds only metadata).
	Keyring bool
	// Fallback is why they went to the file although a keychain was set
	// (the keychain's error, or one saying it kept nothing); nil otherwise.
	Fallback error
}

// Save stores t. With a keychain, the secrets go to the keychain entry (read
// back to check that the keychain kept them: some backends accept writes
// and keep nothing) and the file gets the rest; when the keychain fails, the
// whole token goes to the file, and the returned storage says why. The file
// is written as [SaveToken] does (0600, atomically).
func (s *TokenStore) Save(t *Token) (TokenStorage, error) {
	if t == nil {
		return TokenStorage{}, errors.New("save token: nil token")
	}
	if s.Keyring == nil || !holdsSecret(t) {
		return TokenStorage{}, SaveToken(s.Path, t)
	}
	blob, err := json.Marshal(keyringSecret{
		BaseURL: strings.TrimRight(t.BaseURL, "/"), Key: t.Key, JWTToken: t.JWTToken,
		RefreshToken: t.RefreshToken, Timestamp: t.Timestamp,
	})
	if err != nil {
		return TokenStorage{}, fmt.Errorf("save token: %w", err)
	}
	fallback := s.Keyring.Set(KeyringService, KeyringAccount, string(blob))
	if fallback == nil {
		got, err := s.Keyring.Get(KeyringService, KeyringAccount)
		if err != nil || got != string(blob) {
			fallback = errors.New("the keychain kept nothing it was given")
		}
	}
	if fallback != nil {
		return TokenStorage{Fallback: fallback}, SaveToken(s.Path, t)
	}
	return TokenStorage{Keyring: true}, SaveToken(s.Path, withoutSecret(t))
}

// Remove deletes the token file and, with a keychain, the keychain entry.
// Missing ones are not errors. The file is removed even when the keychain
// entry could not be; the error then says so.
func (s *TokenStore) Remove() error {
	var kerr error
	if s.Keyring != nil {
		if err := s.Keyring.Delete(KeyringService, KeyringAccount); err != nil && !errors.Is(err, ErrKeyringNotFound) {
			kerr = fmt.Errorf("remove the OS keychain entry: %w", err)
		}
	}
	return errors.Join(RemoveToken(s.Path), kerr)
}

// KeyFor returns the stored key if the token was issued by baseURL, else
// "" (see [Token.KeyFor]); any error loading it gives "".
func (s *TokenStore) KeyFor(baseURL string) string {
	t, err := s.Load()
	if err != nil {
		return ""
	}
	return t.KeyFor(baseURL)
}
