package auth

import (
	"context"
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

// NewCmdAuth returns the auth command group.
func NewCmdAuth(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("auth", "Manage CLI authentication (apiKeyHelper support)",
		cmdutil.Heredoc(`
			Commands around the stored login: print-token prints its key, for tools
			that ask a command for an API key (Claude Code's apiKeyHelper).`),
		`  litellm-proxy auth print-token`)
	cmd.AddCommand(NewCmdPrintToken(f, nil))
	return cmd
}

// PrintTokenOptions are the inputs of "auth print-token".
type PrintTokenOptions struct {
	IO     *iostreams.IOStreams
	Store  func() (*facade.TokenStore, error)
	Config func() (*cmdutil.Config, error)
	// Explicit reports whether the base URL was chosen (flag, environment
	// or profile) rather than defaulted.
	Explicit func() bool
	Now      func() time.Time
	Lifetime time.Duration
	// Renew renews a login --pkce key (nil: keys are not renewed).
	Renew func(ctx context.Context, tok *facade.Token) (*facade.Token, error)
}

// NewCmdPrintToken returns "auth print-token".
func NewCmdPrintToken(f *cmdutil.Factory, runF func(*PrintTokenOptions) error) *cobra.Command {
	opts := &PrintTokenOptions{
		IO: f.IOStreams, Store: func() (*facade.TokenStore, error) { return cmdutil.TokenStore(f) },
		Config: f.Config, Explicit: func() bool { return cmdutil.BaseURLExplicit(f) }, Now: f.Now,
		Lifetime: facade.TokenLifetime(f.Getenv),
		Renew: func(ctx context.Context, tok *facade.Token) (*facade.Token, error) {
			store, err := cmdutil.TokenStore(f)
			if err != nil {
				return nil, err
			}
			return cmdutil.RenewToken(ctx, f, store, tok)
		},
	}
	return &cobra.Command{
		Use:   "print-token",
		Short: "Print the stored API key (for apiKeyHelper)",
		Long: cmdutil.Heredoc(`
			Print the key stored by 'login' and nothing else on stdout, for tools
			that run a command to get an API key, such as Claude Code's apiKeyHelper
			("apiKeyHelper": "litellm-proxy auth print-token"). Every diagnostic goes
			to stderr.

			The key is the one issued for the proxy at --base-url (or
			LITELLM_PROXY_URL, or the profile's base_url) when one of those is set;
			run bare, it prints the stored key whatever proxy issued it. A key from
			'login --pkce' is renewed first when it expires within 6 minutes (the
			renewed key and refresh token are stored). It exits 1, printing nothing
			on stdout, when no key is stored, the key was issued by another proxy,
			or it expired (after CLI_JWT_EXPIRATION_HOURS, default 24, for a
			classic login) and cannot be renewed.`),
		Example: `  litellm-proxy auth print-token
  litellm-proxy --base-url https://proxy.example.com auth print-token`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return printTokenRun(cmd.Context(), opts)
		},
	}
}

func printTokenRun(ctx context.Context, opts *PrintTokenOptions) error {
	errOut := opts.IO.ErrOut
	fail := func(msg string) error {
		fmt.Fprintln(errOut, msg)
		return cmdutil.ErrSilent
	}
	// Config first: resolving the API key renews a due key for the same
	// proxy, and the token loaded below is then the renewed one.
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	store, err := opts.Store()
	if err != nil {
		return err
	}
	tok, loadErr := store.Load()
	if errors.Is(loadErr, facade.ErrNoToken) || (loadErr == nil && tok.Key == "" && tok.RefreshToken == "") {
		return fail("Not authenticated. Run 'litellm-proxy login'.")
	}
	if tok == nil {
		return loadErr
	}
	if opts.Explicit() && strings.TrimRight(tok.BaseURL, "/") != strings.TrimRight(cfg.BaseURL, "/") {
		return fail("Not authenticated for this server. Run 'litellm-proxy login'.")
	}
	renews := tok.RefreshToken != ""
	now := opts.Now()
	if !renews && !tok.Fresh(now, opts.Lifetime) {
		return fail("Token expired. Run 'litellm-proxy login' again.")
	}
	if loadErr != nil {
		return fail(fmt.Sprintf("Your credential is in your OS keychain, which could not be read (%s). Unlock it, or run 'litellm-proxy login' to start over.", output.SafeErr(loadErr)))
	}
	key := tok.Key
	sameServer := strings.TrimRight(tok.BaseURL, "/") == strings.TrimRight(cfg.BaseURL, "/")
	if sameServer && cfg.APIKeySource == "token" && cfg.APIKey != "" {
		// Resolving the configuration already renewed the key if it was due.
		key = cfg.APIKey
	} else if renews && !tok.Fresh(now, opts.Lifetime) {
		key = ""
		if now.Before(tok.Expiry(opts.Lifetime)) {
			key = tok.Key // still valid, if the renewal fails
		}
		if opts.Renew != nil && tok.Renewable() {
			renewed, err := opts.Renew(ctx, tok)
			if err == nil {
				key = renewed.Key
			} else {
				fmt.Fprintf(errOut, "Could not renew the key: %s\n", output.SafeErr(err))
			}
		}
	}
	if key == "" {
		cmd := "litellm-proxy login"
		if renews {
			cmd += " --pkce"
		}
		return fail(fmt.Sprintf("Key expired. Run '%s' again.", cmd))
	}
	fmt.Fprintln(opts.IO.Out, key)
	return nil
}
