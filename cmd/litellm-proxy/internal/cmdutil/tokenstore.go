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
// token's token endpoint) and saves the renewed token to store.
func RenewToken(ctx context.Context, f *Factory, store *facade.TokenStore, tok *facade.Token) (*facade.Token, error) {
	return nil, errors.New("renewal is not implemented")
}
