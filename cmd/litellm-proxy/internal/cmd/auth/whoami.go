// Package auth implements "litellm-proxy login", "logout" and "whoami": the
// proxy's SSO login for the CLI and the token file it writes.
package auth

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// notAuthenticated is what whoami says without a token.
const notAuthenticated = "Not authenticated. Run 'litellm-proxy login' to authenticate."

// WhoamiOptions are the inputs of "whoami".
type WhoamiOptions struct {
	IO        *iostreams.IOStreams
	TokenPath func() (string, error)
	Store     func() (*facade.TokenStore, error)
	Config    func() (*cmdutil.Config, error)
	Now       func() time.Time
	Lifetime  time.Duration
}

// NewCmdWhoami returns "whoami".
func NewCmdWhoami(f *cmdutil.Factory, runF func(*WhoamiOptions) error) *cobra.Command {
	opts := &WhoamiOptions{
		IO: f.IOStreams, TokenPath: f.TokenPath, Config: f.Config, Now: f.Now,
		Store:    func() (*facade.TokenStore, error) { return cmdutil.TokenStore(f) },
		Lifetime: facade.TokenLifetime(f.Getenv),
	}
	return &cobra.Command{
		Use:   "whoami",
		Short: "Show current authentication status",
		Long: cmdutil.Heredoc(`
			Show who the stored login token (~/.litellm/token.json, its secret in the
			OS keychain or the file) belongs to and how old it is, with a warning past
			CLI_JWT_EXPIRATION_HOURS (default 24), or, for a 'login --pkce' key, when
			it expires. It makes no request and never prints the key.

			Without a token it says so and exits 1 (upstream exits 0), so that scripts
			can test for a login.`),
		Example: `  litellm-proxy whoami`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return whoamiRun(opts)
		},
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "Unknown"
	}
	return s
}

func whoamiRun(opts *WhoamiOptions) error {
	store, err := opts.Store()
	if err != nil {
		return err
	}
	tok, err := store.Load()
	if errors.Is(err, facade.ErrNoToken) || (err == nil && tok.Key == "" && tok.RefreshToken == "") {
		fmt.Fprintln(opts.IO.ErrOut, notAuthenticated)
		return cmdutil.ErrSilent
	}
	keychainErr := err
	if tok == nil {
		return err
	}
	out := opts.IO.Out
	cs := opts.IO.ColorScheme()
	if keychainErr != nil {
		fmt.Fprintln(out, cs.Yellow("Signed in, but the credential cannot be read"))
	} else {
		fmt.Fprintln(out, cs.Green("Authenticated"))
	}
	fmt.Fprintf(out, "User Email: %s\n", output.Safe(orUnknown(tok.UserEmail)))
	fmt.Fprintf(out, "User ID: %s\n", output.Safe(orUnknown(tok.UserID)))
	fmt.Fprintf(out, "User Role: %s\n", output.Safe(orUnknown(tok.UserRole)))
	if tok.TeamID != "" {
		fmt.Fprintf(out, "Team ID: %s\n", output.Safe(tok.TeamID))
	}
	fmt.Fprintf(out, "Proxy: %s\n", output.SafeURL(orUnknown(tok.BaseURL)))
	age := tok.Age(opts.Now())
	fmt.Fprintf(out, "Token age: %.1f hours\n", age.Hours())
	if keychainErr != nil {
		fmt.Fprintf(out, "Your credential is in your OS keychain, which could not be read (%s). Unlock it, or run 'litellm-proxy login' to start over.\n", output.SafeErr(keychainErr))
	}
	switch lifetime := opts.Lifetime; {
	case tok.ExpiresAt > 0:
		left := tok.Expiry(lifetime).Sub(opts.Now())
		renews := tok.RefreshToken != ""
		switch {
		case left <= 0 && renews:
			fmt.Fprintln(out, cs.Yellow("Key expired. Run 'litellm-proxy login --pkce' again"))
		case left <= 0:
			fmt.Fprintln(out, cs.Yellow("Key expired. Run 'litellm-proxy login' again"))
		case renews:
			fmt.Fprintf(out, "Key expires in: %.1f hours, renewed on next use\n", left.Hours())
		default:
			fmt.Fprintf(out, "Key expires in: %.1f hours\n", left.Hours())
		}
	case lifetime > 0 && age > lifetime:
		fmt.Fprintln(out, cs.Yellow(fmt.Sprintf("Warning: Token is more than %d hours old and may have expired.", int(lifetime.Hours()))))
	}
	if cfg, err := opts.Config(); err == nil && (tok.BaseURL == "" || strings.TrimRight(tok.BaseURL, "/") != strings.TrimRight(cfg.BaseURL, "/")) {
		fmt.Fprintf(opts.IO.ErrOut, "Note: the token was issued by %s, so commands against %s do not use it.\n",
			output.SafeURL(orUnknown(tok.BaseURL)), output.SafeURL(cfg.BaseURL))
	}
	return nil
}
