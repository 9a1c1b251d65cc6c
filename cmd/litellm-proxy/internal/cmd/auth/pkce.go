package auth

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// callbackPath is the path of the loopback redirect URI.
const callbackPath = "/callback"

// callbackResult is what the browser brought back to the loopback server.
type callbackResult struct {
	code             string
	errCode, errDesc string
}

// loopback is the listener the browser is sent back to. Only a request
// carrying the pending sign-in's state settles it; anything else gets a 400
// and the wait goes on.
type loopback struct {
	srv   *http.Server
	ln    net.Listener
	state string
	done  chan callbackResult
}

func newLoopback(state string) (*loopback, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("open the loopback listener: %w", err)
	}
	l := &loopback{ln: ln, state: state, done: make(chan callbackResult, 1)}
	mux := http.NewServeMux()
	mux.HandleFunc(callbackPath, l.serve)
	l.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = l.srv.Serve(ln) }()
	return l, nil
}

func (l *loopback) redirectURI() string {
	return fmt.Sprintf("http://127.0.0.1:%d%s", l.ln.Addr().(*net.TCPAddr).Port, callbackPath)
}

func (l *loopback) close() { _ = l.srv.Close() }

func (l *loopback) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	respond := func(status int, text string) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_, _ = fmt.Fprintln(w, text)
	}
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(l.state)) != 1 {
		respond(http.StatusBadRequest, "This response does not belong to the pending sign-in; still waiting.")
		return
	}
	if e := q.Get("error"); e != "" {
		l.settle(callbackResult{errCode: e, errDesc: q.Get("error_description")})
		respond(http.StatusOK, "Sign-in was not approved. You can close this window.")
		return
	}
	code := q.Get("code")
	if code == "" {
		respond(http.StatusBadRequest, "The sign-in response carried no authorization code; still waiting.")
		return
	}
	l.settle(callbackResult{code: code})
	respond(http.StatusOK, "Signed in to LiteLLM. You can close this window and return to the terminal.")
}

func (l *loopback) settle(r callbackResult) {
	select {
	case l.done <- r:
	default:
	}
}

// pkceLoginRun is "login --pkce": discovery, client registration, the
// browser's authorization on a loopback redirect, the code exchange, and
// the stored credential with its refresh token.
func pkceLoginRun(ctx context.Context, opts *LoginOptions) error {
	out, errOut := opts.IO.Out, opts.IO.ErrOut
	c, err := opts.Client()
	if err != nil {
		return err
	}
	store, err := opts.Store()
	if err != nil {
		return err
	}
	contract, err := c.SSO.DiscoverCLIAuth(ctx)
	var apiErr *facade.APIError
	if errors.As(err, &apiErr) {
		err = &loginError{fmt.Sprintf("%s%s answered %d; this proxy version does not support 'litellm-proxy login --pkce' (LiteLLM 1.106 or later does)",
			c.BaseURL(), facade.CLIAuthDiscoveryPath, apiErr.StatusCode)}
	}
	if err != nil {
		return loginFailed(opts, err)
	}
	state := facade.NewOAuthState()
	verifier, challenge := facade.NewPKCEPair()
	lb, err := newLoopback(state)
	if err != nil {
		return loginFailed(opts, err)
	}
	defer lb.close()
	clientID, err := c.SSO.RegisterCLIClient(ctx, contract, lb.redirectURI())
	if err != nil {
		return loginFailed(opts, fmt.Errorf("client registration failed: %w", err))
	}
	authURL := contract.AuthorizeURL(clientID, lb.redirectURI(), state, challenge)
	if opts.NoBrowser {
		fmt.Fprintf(out, "Open this URL in your browser to log in (on this machine: it redirects to %s):\n  %s\n", lb.redirectURI(), output.SafeURL(authURL))
	} else {
		fmt.Fprintf(out, "Opening browser to: %s\n", output.SafeURL(authURL))
	}
	fmt.Fprintln(out, "Approve the sign-in in your browser. Waiting...")
	if !opts.NoBrowser {
		if err := opts.OpenBrowser(authURL); err != nil {
			fmt.Fprintf(errOut, "Could not open a browser (%s): open the URL above yourself.\n", output.SafeErr(err))
		}
	}
	wctx, cancel := context.WithTimeout(ctx, opts.LoginTimeout)
	defer cancel()
	var res callbackResult
	select {
	case res = <-lb.done:
	case <-wctx.Done():
		if ctx.Err() != nil {
			return loginFailed(opts, ctx.Err())
		}
		return loginFailed(opts, errTimedOut)
	}
	if res.errCode != "" {
		desc := res.errDesc
		if desc == "" {
			desc = "no details"
		}
		return loginFailed(opts, &loginError{fmt.Sprintf("sign-in was not approved (%s): %s", output.Safe(res.errCode), output.Safe(desc))})
	}
	t, err := c.SSO.ExchangeCode(ctx, contract, clientID, lb.redirectURI(), res.code, verifier)
	if err != nil {
		return loginFailed(opts, fmt.Errorf("token request failed: %w", err))
	}
	previous, _ := store.Load()
	tok := facade.PKCEToken(c.BaseURL(), contract, clientID, t, opts.Now())
	storage, err := store.Save(tok)
	if err != nil {
		return err
	}
	if previous != nil && previous.Renewable() && previous.RefreshToken != tok.RefreshToken && opts.Revoke != nil {
		if err := opts.Revoke(ctx, previous); err != nil {
			fmt.Fprintf(out, "Could not revoke the previous login's refresh token on the proxy (%s); it expires on its own.\n", output.SafeErr(err))
		}
	}
	cs := opts.IO.ColorScheme()
	fmt.Fprintln(out)
	fmt.Fprintln(out, cs.Green("Login successful!"))
	fmt.Fprintf(out, "API Key: %s\n", output.ShortKey(t.AccessToken))
	if t.TeamID != "" {
		fmt.Fprintf(out, "Team: %s\n", output.Safe(t.TeamID))
	}
	fmt.Fprintf(out, "Key expires in %s; it is renewed with the refresh token when it is used.\n", time.Duration(t.ExpiresIn)*time.Second)
	fmt.Fprintln(out, opts.Notice(store.Path, storage))
	fmt.Fprintln(out, "You can now use the CLI without specifying --api-key")
	return nil
}

// revokeFor returns the Revoke function of login and logout.
func revokeFor(f *cmdutil.Factory) func(ctx context.Context, tok *facade.Token) error {
	return func(ctx context.Context, tok *facade.Token) error {
		err := cmdutil.RevokeToken(ctx, f, tok)
		var oe *facade.OAuthError
		if errors.As(err, &oe) && oe.StatusCode == http.StatusServiceUnavailable {
			return &revocationUnavailable{err}
		}
		return err
	}
}
