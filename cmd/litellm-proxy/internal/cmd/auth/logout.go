package auth

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// LogoutOptions are the inputs of "logout".
type LogoutOptions struct {
	IO     *iostreams.IOStreams
	Store  func() (*facade.TokenStore, error)
	Revoke func(ctx context.Context, tok *facade.Token) error
}

// NewCmdLogout returns "logout".
func NewCmdLogout(f *cmdutil.Factory, runF func(*LogoutOptions) error) *cobra.Command {
	opts := &LogoutOptions{
		IO: f.IOStreams, Store: func() (*facade.TokenStore, error) { return cmdutil.TokenStore(f) },
		Revoke: revokeFor(f),
	}
	return &cobra.Command{
		Use:   "logout",
		Short: "Clear stored authentication",
		Long: cmdutil.Heredoc(`
			Delete the stored login token: ~/.litellm/token.json and its OS keychain
			entry. For a 'login --pkce' token it first revokes the refresh token on
			the proxy (POST to its revocation endpoint); when the proxy answers 503
			(it could not record the revocation) nothing is cleared and it exits 1.
			Otherwise it makes no request: a key stays valid on the proxy until it
			expires or is deleted. Without a token it says so and exits 0.`),
		Example: `  litellm-proxy logout`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return logoutRun(cmd.Context(), opts)
		},
	}
}

func logoutRun(ctx context.Context, opts *LogoutOptions) error {
	store, err := opts.Store()
	if err != nil {
		return err
	}
	path := store.Path
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		// No file: nothing names a keychain entry, but clear one left behind.
		_ = store.Remove()
		fmt.Fprintln(opts.IO.Out, "No stored token: already logged out.")
		return nil
	}
	// A file that holds its key was written without a keychain: a keychain
	// that cannot be reached now holds nothing of this login.
	heldInFile := false
	if ft, err := facade.LoadToken(path); err == nil && ft.Key != "" {
		heldInFile = true
	}
	if tok, err := store.Load(); err == nil && tok.Renewable() && opts.Revoke != nil {
		if err := opts.Revoke(ctx, tok); err != nil {
			var unavailable *revocationUnavailable
			if errors.As(err, &unavailable) {
				fmt.Fprintf(opts.IO.ErrOut, "The proxy could not record the revocation (%s). Nothing was cleared; run 'litellm-proxy logout' again shortly.\n", output.SafeErr(err))
				return cmdutil.ErrSilent
			}
			fmt.Fprintf(opts.IO.ErrOut, "Could not revoke the refresh token on the proxy (%s); it expires on its own.\n", output.SafeErr(err))
		} else {
			fmt.Fprintln(opts.IO.Out, "Refresh token revoked on the proxy.")
		}
	}
	if err := store.Remove(); err != nil {
		_, statErr := os.Lstat(path)
		switch {
		case errors.Is(statErr, fs.ErrNotExist) && heldInFile:
		case errors.Is(statErr, fs.ErrNotExist):
			fmt.Fprintln(opts.IO.Out, "Logged out. The local token file is gone, but the OS keychain entry could not be removed.")
			fmt.Fprintln(opts.IO.Out, "Unlock your keychain and run 'litellm-proxy logout' again to clear it.")
			return cmdutil.ErrSilent
		default:
			return err
		}
	}
	fmt.Fprintln(opts.IO.Out, "Logged out successfully. Authentication token cleared.")
	return nil
}

// revocationUnavailable is a 503 from the revocation endpoint: the proxy
// could not record the revocation, so the refresh token still stands.
type revocationUnavailable struct{ err error }

// Error returns the message.
func (e *revocationUnavailable) Error() string { return e.err.Error() }

// Unwrap returns the underlying error.
func (e *revocationUnavailable) Unwrap() error { return e.err }
