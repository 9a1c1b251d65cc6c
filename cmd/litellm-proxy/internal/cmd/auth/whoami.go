// Package auth implements "litellm-proxy login", "logout" and "whoami": the
// proxy's SSO login for the CLI and the token file it writes.
package auth

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// notAuthenticated is what whoami says without a token.
const notAuthenticated = "Not authenticated. Run 'litellm-proxy login' to authenticate."

// staleAfter is the token age past which whoami warns (the proxy's CLI
// keys last 24 hours).
const staleAfter = 24 * time.Hour

// WhoamiOptions are the inputs of "whoami".
type WhoamiOptions struct {
	IO        *iostreams.IOStreams
	TokenPath func() (string, error)
	Config    func() (*cmdutil.Config, error)
	Now       func() time.Time
}

// NewCmdWhoami returns "whoami".
func NewCmdWhoami(f *cmdutil.Factory, runF func(*WhoamiOptions) error) *cobra.Command {
	opts := &WhoamiOptions{IO: f.IOStreams, TokenPath: f.TokenPath, Config: f.Config, Now: f.Now}
	return &cobra.Command{
		Use:   "whoami",
		Short: "Show current authentication status",
		Long: cmdutil.Heredoc(`
			Show who the stored login token (~/.litellm/token.json) belongs to and how
			old it is, with a warning past 24 hours. It reads the file only, makes no
			request and never prints the key.

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
	path, err := opts.TokenPath()
	if err != nil {
		return err
	}
	tok, err := facade.LoadToken(path)
	if errors.Is(err, facade.ErrNoToken) || (err == nil && tok.Key == "") {
		fmt.Fprintln(opts.IO.ErrOut, notAuthenticated)
		return cmdutil.ErrSilent
	}
	if err != nil {
		return err
	}
	out := opts.IO.Out
	cs := opts.IO.ColorScheme()
	fmt.Fprintln(out, cs.Green("Authenticated"))
	fmt.Fprintf(out, "User Email: %s\n", output.Safe(orUnknown(tok.UserEmail)))
	fmt.Fprintf(out, "User ID: %s\n", output.Safe(orUnknown(tok.UserID)))
	fmt.Fprintf(out, "User Role: %s\n", output.Safe(orUnknown(tok.UserRole)))
	if tok.TeamID != "" {
		fmt.Fprintf(out, "Team ID: %s\n", output.Safe(tok.TeamID))
	}
	fmt.Fprintf(out, "Proxy: %s\n", output.SafeURL(orUnknown(tok.BaseURL)))
	age := tok.Age(opts.Now())
	fmt.Fprintf(out, "Token age: %.1f hours\n", age.Hours())
	if age > staleAfter {
		fmt.Fprintln(out, cs.Yellow("Warning: Token is more than 24 hours old and may have expired."))
	}
	if cfg, err := opts.Config(); err == nil && tok.KeyFor(cfg.BaseURL) == "" {
		fmt.Fprintf(opts.IO.ErrOut, "Note: the token was issued by %s, so commands against %s do not use it.\n",
			output.SafeURL(orUnknown(tok.BaseURL)), output.SafeURL(cfg.BaseURL))
	}
	return nil
}
