package facade

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// maxTokenFileSize is the largest token file LoadToken reads.
const maxTokenFileSize = 1 << 20

// ErrNoToken reports that no token is stored: the token file does not exist.
// errors.Is(err, fs.ErrNotExist) holds for it too.
var ErrNoToken = fmt.Errorf("no stored token: %w", fs.ErrNotExist)

// Token is the record `litellm-proxy login` stores in ~/.litellm/token.json,
// in the upstream CLI's format: the 1.88 one (every field below up to
// TeamID, key included) and the 1.106 one, which adds the fields of a
// `login --pkce` credential (ExpiresAt to Resource) and, when the secret is
// kept in the OS keychain, leaves key out of the file (see [TokenStore]).
//
// Its JSON form is the file format and includes the secrets. Every other
// way of printing a Token (String, GoString, Format with any verb, LogValue)
// shows Key, JWTToken and RefreshToken as REDACTED.
type Token struct {
	// Key is the API key or JWT to send. It is a secret. A file whose secret
	// is in the keychain has none.
	Key string `json:"key,omitempty"`
	// UserID is the user the proxy issued the key to ("cli-user" when the
	// proxy did not say).
	UserID string `json:"user_id"`
	// UserEmail is the user's email ("unknown" when the proxy did not say).
	UserEmail string `json:"user_email"`
	// UserRole is the user's role ("cli" from the upstream CLI).
	UserRole string `json:"user_role"`
	// AuthHeaderName is the header the key goes in ("Authorization").
	AuthHeaderName string `json:"auth_header_name"`
	// JWTToken is an additional JWT, usually empty. It is a secret.
	JWTToken string `json:"jwt_token"`
	// Timestamp is when the token was stored, in Unix seconds (a float, as
	// upstream writes it).
	Timestamp float64 `json:"timestamp"`
	// BaseURL is the proxy the key was issued by, without a trailing slash.
	BaseURL string `json:"base_url"`
	// TeamID is the team the key was assigned to, if any.
	TeamID string `json:"team_id,omitempty"`

	// ExpiresAt is when Key expires, in Unix seconds (a login --pkce
	// credential; 0 for the classic login, whose key lasts
	// CLI_JWT_EXPIRATION_HOURS from Timestamp).
	ExpiresAt float64 `json:"expires_at,omitempty"`
	// RefreshToken renews Key at TokenEndpoint (login --pkce). It is a secret.
	RefreshToken string `json:"refresh_token,omitempty"`
	// ClientID is the OAuth client the proxy registered for this login.
	ClientID string `json:"client_id,omitempty"`
	// TokenEndpoint is the proxy's OAuth token endpoint (POST /token).
	TokenEndpoint string `json:"token_endpoint,omitempty"`
	// RevocationEndpoint is the proxy's OAuth revocation endpoint (POST /revoke).
	RevocationEndpoint string `json:"revocation_endpoint,omitempty"`
	// Resource is the RFC 8707 resource the credential was issued for (the
	// proxy's base URL).
	Resource string `json:"resource,omitempty"`
}

// DefaultTokenLifetime is how long a classic login's key lasts when
// CLI_JWT_EXPIRATION_HOURS (or LITELLM_CLI_JWT_EXPIRATION_HOURS) does not
// say, as the proxy's default.
const DefaultTokenLifetime = 24 * time.Hour

// TokenFreshnessBuffer is how long before its expiry a key stops counting
// as fresh (and a login --pkce key is renewed), as upstream's
// CLI_TOKEN_FRESHNESS_BUFFER_SECONDS.
const TokenFreshnessBuffer = 360 * time.Second

// TokenLifetime returns the lifetime of a classic login's key from getenv:
// CLI_JWT_EXPIRATION_HOURS, else LITELLM_CLI_JWT_EXPIRATION_HOURS (whole
// hours, as the proxy reads them), else [DefaultTokenLifetime].
func TokenLifetime(getenv func(string) string) time.Duration {
	for _, name := range []string{"CLI_JWT_EXPIRATION_HOURS", "LITELLM_CLI_JWT_EXPIRATION_HOURS"} {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			if h, err := strconv.Atoi(v); err == nil {
				return time.Duration(h) * time.Hour
			}
		}
	}
	return DefaultTokenLifetime
}

// Renewable reports whether the token carries what renewing its key needs
// (a login --pkce credential): a refresh token, the client id, the token
// and revocation endpoints and the resource.
func (t *Token) Renewable() bool {
	return t != nil && t.RefreshToken != "" && t.ClientID != "" && t.TokenEndpoint != "" &&
		t.RevocationEndpoint != "" && t.Resource != ""
}

// Expiry returns when the key expires: ExpiresAt when set, else Timestamp
// plus lifetime.
func (t *Token) Expiry(lifetime time.Duration) time.Time {
	if t == nil {
		return time.Time{}
	}
	if t.ExpiresAt > 0 {
		return secondsToTime(t.ExpiresAt)
	}
	return t.storedAt().Add(lifetime)
}

// Fresh reports whether the key is still usable at now with
// [TokenFreshnessBuffer] to spare, as upstream's is_cli_token_fresh (which
// print-token checks before printing the key).
func (t *Token) Fresh(now time.Time, lifetime time.Duration) bool {
	if t == nil {
		return false
	}
	return now.Before(t.Expiry(lifetime).Add(-TokenFreshnessBuffer))
}

// secondsToTime converts Unix seconds to a time, clamped to a sane range.
func secondsToTime(ts float64) time.Time {
	const limit = 1e15 // seconds, about 31 million years
	switch {
	case math.IsNaN(ts):
		ts = 0
	case ts > limit:
		ts = limit
	case ts < -limit:
		ts = -limit
	}
	sec, frac := math.Modf(ts)
	return time.Unix(int64(sec), int64(frac*1e9))
}

// DefaultTokenPath returns the token file path, $HOME/.litellm/token.json
// (from os.UserHomeDir).
func DefaultTokenPath() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("token path: %w", err)
	}
	return filepath.Join(home, ".litellm", "token.json"), nil
}

// LoadToken reads the token file at path. A missing file gives an error that
// matches ErrNoToken (and fs.ErrNotExist). A file that is not a JSON object,
// or is larger than 1 MiB, gives an error that names the file but never
// shows its contents.
//
// Only a regular file is read: a named pipe (FIFO), a directory, a device or
// a socket at path is refused with an error naming the path and what it is,
// before it is opened, so that a FIFO cannot block the caller. A symbolic
// link is followed (dotfile managers link ~/.litellm/token.json), but its
// target must be a regular file too. The file is opened non-blocking where
// the platform allows it and checked again once open, so that a file
// swapped for a FIFO between the check and the open cannot block either.
func LoadToken(path string) (*Token, error) {
	fi, err := os.Lstat(path)
	if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		fi, err = os.Stat(path)
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("load token %s: %w", path, ErrNoToken)
		}
		return nil, fmt.Errorf("load token: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("load token %s: %s, not a regular file", path, fileKind(fi.Mode()))
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("load token %s: %w", path, ErrNoToken)
		}
		return nil, fmt.Errorf("load token: %w", err)
	}
	defer f.Close()
	ofi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("load token: %w", err)
	}
	if !ofi.Mode().IsRegular() {
		return nil, fmt.Errorf("load token %s: %s, not a regular file", path, fileKind(ofi.Mode()))
	}
	if !os.SameFile(fi, ofi) {
		return nil, fmt.Errorf("load token %s: the file changed while it was opened", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxTokenFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("load token: %w", err)
	}
	if len(data) > maxTokenFileSize {
		return nil, fmt.Errorf("load token %s: file is larger than %d bytes", path, maxTokenFileSize)
	}
	t, err := parseToken(data)
	if err != nil {
		return nil, fmt.Errorf("load token %s: %w", path, err)
	}
	return t, nil
}

// fileKind names the type of a file that is not a regular one.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return "a special file"
}

// parseToken decodes a token file. Its errors never quote the data, which
// holds a key.
func parseToken(data []byte) (*Token, error) {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))
	if len(trimmed) == 0 {
		return nil, errors.New("file is empty")
	}
	if trimmed[0] != '{' {
		return nil, errors.New("not a JSON object")
	}
	var t Token
	if err := json.Unmarshal(trimmed, &t); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("invalid JSON at byte %d", se.Offset)
		case errors.As(err, &te) && te.Field != "":
			return nil, fmt.Errorf("field %q is a JSON %s, want %s", te.Field, te.Value, te.Type)
		}
		return nil, errors.New("invalid JSON")
	}
	return &t, nil
}

// SaveToken writes t to path atomically: it writes a temporary file (mode
// 0600) in the same directory, syncs it and renames it over path. The
// directory is created with mode 0700; an existing directory that group or
// others may access is tightened to 0700 (unless it is a shared, sticky
// directory such as /tmp).
func SaveToken(path string, t *Token) error {
	if t == nil {
		return errors.New("save token: nil token")
	}
	data, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return fmt.Errorf("save token: %w", err)
	}
	if err := writePrivateFile(path, append(data, '\n')); err != nil {
		return fmt.Errorf("save token: %w", err)
	}
	return nil
}

// writePrivateFile writes data to path atomically, mode 0600, creating the
// directory with mode 0700 (and tightening an existing one, see SaveToken).
func writePrivateFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if err := tightenDir(dir); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer func() {
		if tmpName != "" {
			_ = os.Remove(tmpName)
		}
	}()
	if err := writeSynced(tmp, data); err != nil {
		return err
	}
	if err := os.Rename(tmpName, path); err != nil {
		return err
	}
	tmpName = ""
	syncDir(dir)
	return nil
}

// writeSynced writes data to f with mode 0600, syncs and closes it.
func writeSynced(f *os.File, data []byte) error {
	err := f.Chmod(0o600)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// tightenDir removes group and other permissions from dir.
func tightenDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	if fi.Mode().Perm()&0o077 == 0 || fi.Mode()&fs.ModeSticky != 0 {
		return nil
	}
	return os.Chmod(dir, 0o700)
}

// syncDir makes a rename in dir durable where the platform allows it.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// RemoveToken deletes the token file at path; a missing file is not an error.
func RemoveToken(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove token: %w", err)
	}
	return nil
}

// KeyFor returns the stored key if the token was issued by baseURL (compared
// with trailing slashes removed on both sides), else "". A token without a
// base URL, as older CLIs wrote, is never used.
func (t *Token) KeyFor(baseURL string) string {
	if t == nil {
		return ""
	}
	own := strings.TrimRight(t.BaseURL, "/")
	if own == "" || own != strings.TrimRight(baseURL, "/") {
		return ""
	}
	return t.Key
}

// Age returns how long before now the token was stored. A token without a
// timestamp counts as stored at the Unix epoch, as upstream's whoami does.
func (t *Token) Age(now time.Time) time.Duration {
	if t == nil {
		return 0
	}
	return now.Sub(t.storedAt())
}

// storedAt converts Timestamp to a time, clamped to a sane range.
func (t *Token) storedAt() time.Time { return secondsToTime(t.Timestamp) }

// tokenView is how a Token prints: its secrets redacted.
type tokenView struct {
	Key                secret
	UserID             string
	UserEmail          string
	UserRole           string
	AuthHeaderName     string
	JWTToken           secret
	Timestamp          float64
	BaseURL            string
	TeamID             string
	ExpiresAt          float64
	RefreshToken       secret
	ClientID           string
	TokenEndpoint      string
	RevocationEndpoint string
	Resource           string
}

func (t Token) view() tokenView {
	return tokenView{
		Key: secret(t.Key), UserID: t.UserID, UserEmail: t.UserEmail, UserRole: t.UserRole,
		AuthHeaderName: t.AuthHeaderName, JWTToken: secret(t.JWTToken), Timestamp: t.Timestamp,
		BaseURL: t.BaseURL, TeamID: t.TeamID, ExpiresAt: t.ExpiresAt, RefreshToken: secret(t.RefreshToken),
		ClientID: t.ClientID, TokenEndpoint: t.TokenEndpoint, RevocationEndpoint: t.RevocationEndpoint,
		Resource: t.Resource,
	}
}

// String describes the token with its key redacted, as %+v does.
func (t Token) String() string { return fmt.Sprintf("%+v", t.view()) }

// GoString prints the token as a Go composite literal with its key redacted.
func (t Token) GoString() string {
	v := t.view()
	return fmt.Sprintf("facade.Token{Key:%#v, UserID:%q, UserEmail:%q, UserRole:%q, AuthHeaderName:%q, JWTToken:%#v, Timestamp:%s, BaseURL:%q, TeamID:%q, "+
		"ExpiresAt:%s, RefreshToken:%#v, ClientID:%q, TokenEndpoint:%q, RevocationEndpoint:%q, Resource:%q}",
		v.Key, v.UserID, v.UserEmail, v.UserRole, v.AuthHeaderName, v.JWTToken,
		strconv.FormatFloat(v.Timestamp, 'f', -1, 64), v.BaseURL, v.TeamID,
		strconv.FormatFloat(v.ExpiresAt, 'f', -1, 64), v.RefreshToken, v.ClientID, v.TokenEndpoint,
		v.RevocationEndpoint, v.Resource)
}

// Format prints the token as a struct would print, with its key redacted
// whatever the verb; %#v prints GoString.
func (t Token) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, t.GoString())
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), t.view())
}

// LogValue logs the token's fields with its key redacted.
func (t Token) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Any("key", secret(t.Key)),
		slog.String("user_id", t.UserID),
		slog.String("user_email", t.UserEmail),
		slog.String("user_role", t.UserRole),
		slog.String("auth_header_name", t.AuthHeaderName),
		slog.Any("jwt_token", secret(t.JWTToken)),
		slog.Float64("timestamp", t.Timestamp),
		slog.String("base_url", t.BaseURL),
		slog.String("team_id", t.TeamID),
		slog.Float64("expires_at", t.ExpiresAt),
		slog.Any("refresh_token", secret(t.RefreshToken)),
		slog.String("client_id", t.ClientID),
		slog.String("token_endpoint", t.TokenEndpoint),
		slog.String("revocation_endpoint", t.RevocationEndpoint),
		slog.String("resource", t.Resource),
	)
}
