package cmdutil

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/litellm-go/proxyclient/facade"
)

// EnvDisableKeyring names the variable that keeps the login's secrets out of
// the OS keychain (1, true, yes or on), as upstream's CLI reads it.
const EnvDisableKeyring = "LITELLM_CLI_DISABLE_KEYRING"

// KeyringTimeout is how long a keychain call may take before the CLI stops
// waiting for it and uses the token file instead (a keychain that neither
// answers nor fails, as a locked one on a headless machine can, would
// otherwise hang every command).
const KeyringTimeout = 5 * time.Second

// KeyringDisabled reports whether getenv disables the keychain.
func KeyringDisabled(getenv func(string) string) bool {
	switch strings.ToLower(strings.TrimSpace(getenv(EnvDisableKeyring))) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// SystemKeyring returns the OS keychain (Secret Service on Linux, Keychain
// on macOS, Credential Manager on Windows, through
// github.com/zalando/go-keyring), or nil when getenv disables it.
func SystemKeyring(getenv func(string) string) facade.Keyring {
	if KeyringDisabled(getenv) {
		return nil
	}
	return &systemKeyring{timeout: KeyringTimeout}
}

// systemKeyring is go-keyring as a facade.Keyring, each call bounded by
// timeout. Once a call timed out, the keychain is not asked again in this
// process: the call still running may hold it.
type systemKeyring struct {
	timeout time.Duration
	stuck   bool
}

var errKeyringStuck = errors.New("the OS keychain did not answer")

func (k *systemKeyring) call(fn func() (string, error)) (string, error) {
	if k.stuck {
		return "", errKeyringStuck
	}
	type result struct {
		v   string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := fn()
		ch <- result{v, err}
	}()
	timer := time.NewTimer(k.timeout)
	defer timer.Stop()
	select {
	case r := <-ch:
		if errors.Is(r.err, keyring.ErrNotFound) {
			return "", facade.ErrKeyringNotFound
		}
		if r.err != nil {
			return "", fmt.Errorf("OS keychain: %w", r.err)
		}
		return r.v, nil
	case <-timer.C:
		k.stuck = true
		return "", fmt.Errorf("%w within %s", errKeyringStuck, k.timeout)
	}
}

// Get reads an entry.
func (k *systemKeyring) Get(service, account string) (string, error) {
	return k.call(func() (string, error) { return keyring.Get(service, account) })
}

// Set writes an entry.
func (k *systemKeyring) Set(service, account, secret string) error {
	_, err := k.call(func() (string, error) { return "", keyring.Set(service, account, secret) })
	return err
}

// Delete removes an entry.
func (k *systemKeyring) Delete(service, account string) error {
	_, err := k.call(func() (string, error) { return "", keyring.Delete(service, account) })
	return err
}
