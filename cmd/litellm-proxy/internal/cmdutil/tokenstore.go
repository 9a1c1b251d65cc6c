package cmdutil

import (
	"context"
	"errors"
	"fmt"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// TokenStore returns the store of the login token: the file at f.TokenPath
// and, unless LITELLM_CLI_DISABLE_KEYRING says otherwise, its secrets in the
// OS keychain ([SystemKeyring]).
func TokenStore(f *Factory) (*facade.TokenStore, error) {
	path, err := f.TokenPath()
	if err != nil {
		return nil, err
	}
	return &facade.TokenStore{Path: path, Keyring: SystemKeyring(f.Getenv)}, nil
}

// StorageNotice tells where [facade.TokenStore.Save] put the login's
// secrets, as upstream's login does.
func StorageNotice(f *Factory, path string, st facade.TokenStorage) string {
	switch {
	case st.Keyring:
		return "Credential stored in your OS keychain."
	case KeyringDisabled(f.Getenv):
		return fmt.Sprintf("Keychain storage is off (%s). Credential stored in %s (owner-only).", EnvDisableKeyring, path)
	case st.Fallback != nil:
		return fmt.Sprintf("No OS keychain available (%s). Credential stored in %s (owner-only).", output.SafeErr(st.Fallback), path)
	}
	return fmt.Sprintf("Credential stored in %s (owner-only).", path)
}

// BaseURLExplicit reports whether the base URL was chosen (--base-url,
// LITELLM_PROXY_URL or the profile's base_url) rather than defaulted.
func BaseURLExplicit(f *Factory) bool {
	return (f.Globals != nil && f.Globals.BaseURL != "") || f.Getenv(EnvBaseURL) != "" ||
		ProfileSetting(f, facade.SettingBaseURL) != ""
}

// RenewIfDue returns tok, its key renewed first when it is a login --pkce
// key within [facade.TokenFreshnessBuffer] of its expiry (the renewed token
// is saved to store). When the renewal fails, a warning goes to stderr and
// tok is returned as it was, or without its key once that has expired.
func RenewIfDue(f *Factory, store *facade.TokenStore, tok *facade.Token) *facade.Token {
	now := f.Now()
	lifetime := facade.TokenLifetime(f.Getenv)
	if tok.ExpiresAt == 0 || tok.Fresh(now, lifetime) {
		return tok
	}
	if tok.Renewable() {
		renewed, err := RenewToken(context.Background(), f, store, tok)
		if err == nil {
			return renewed
		}
		if f.IOStreams != nil {
			fmt.Fprintf(f.IOStreams.ErrOut, "Could not renew the key: %s\n", output.SafeErr(err))
		}
	}
	if !now.Before(tok.Expiry(lifetime)) {
		c := *tok
		c.Key = ""
		return &c
	}
	return tok
}

// RenewToken renews a login --pkce key with its refresh token (POST to the
// token's token endpoint, on the token's own proxy) and saves the renewed
// token to store before returning it, so that a crash after the renewal
// never strands a spent refresh token. When the renewal fails because
// another process rotated the pair first, the key that process stored for
// the same login is returned instead.
func RenewToken(ctx context.Context, f *Factory, store *facade.TokenStore, tok *facade.Token) (*facade.Token, error) {
	if !tok.Renewable() {
		return nil, errors.New("the stored login has no refresh token")
	}
	opts := []facade.Option{facade.WithUserAgent("litellm-proxy-cli/" + f.AppVersion)}
	if f.Globals != nil && f.Globals.Timeout > 0 {
		opts = append(opts, facade.WithTimeout(f.Globals.Timeout))
	}
	c, err := facade.New(tok.BaseURL, opts...)
	if err != nil {
		return nil, err
	}
	res, err := c.SSO.RefreshCLIToken(ctx, tok.TokenEndpoint, tok.ClientID, tok.RefreshToken, tok.Resource)
	if err != nil {
		if again, lerr := store.Load(); lerr == nil && again.RefreshToken != tok.RefreshToken && again.Key != "" &&
			again.BaseURL == tok.BaseURL && again.TokenEndpoint == tok.TokenEndpoint && again.UserID == tok.UserID &&
			again.TeamID == tok.TeamID && f.Now().Before(again.Expiry(0)) {
			return again, nil
		}
		return nil, err
	}
	renewed := tok.Renewed(res, f.Now())
	if _, err := store.Save(renewed); err != nil && f.IOStreams != nil {
		fmt.Fprintf(f.IOStreams.ErrOut, "Warning: the renewed key could not be stored (%s); the next command must log in again.\n", output.SafeErr(err))
	}
	return renewed, nil
}

// RevokeToken revokes the refresh token of a login --pkce token on its
// proxy.
func RevokeToken(ctx context.Context, f *Factory, tok *facade.Token) error {
	c, err := facade.New(tok.BaseURL, facade.WithUserAgent("litellm-proxy-cli/"+f.AppVersion))
	if err != nil {
		return err
	}
	return c.SSO.RevokeCLIToken(ctx, tok.RevocationEndpoint, tok.ClientID, tok.RefreshToken)
}
