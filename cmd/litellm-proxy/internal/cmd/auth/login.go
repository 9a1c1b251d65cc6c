package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// Login defaults, as upstream: a poll every 2 s for 5 minutes, each request
// given 10 s.
const (
	DefaultPollInterval = 2 * time.Second
	DefaultLoginTimeout = 5 * time.Minute
	pollRequestTimeout  = 10 * time.Second
	// reportEvery is how often (in attempts) a retried poll error is shown.
	reportEvery = 10
)

// LoginOptions are the inputs of "login".
type LoginOptions struct {
	IO           *iostreams.IOStreams
	Client       func() (*facade.Client, error)
	TokenPath    func() (string, error)
	Store        func() (*facade.TokenStore, error)
	Notice       func(path string, st facade.TokenStorage) string
	Revoke       func(ctx context.Context, tok *facade.Token) error
	OpenBrowser  func(string) error
	Now          func() time.Time
	NewSessionID func() string

	NoBrowser    bool
	PrintKeyURL  bool
	PollInterval time.Duration
	LoginTimeout time.Duration
	Team         string
	PKCE         bool
}

// NewCmdLogin returns "login".
func NewCmdLogin(f *cmdutil.Factory, runF func(*LoginOptions) error) *cobra.Command {
	opts := &LoginOptions{
		IO: f.IOStreams, Client: f.Client, TokenPath: f.TokenPath,
		Store:       func() (*facade.TokenStore, error) { return cmdutil.TokenStore(f) },
		Notice:      func(path string, st facade.TokenStorage) string { return cmdutil.StorageNotice(f, path, st) },
		OpenBrowser: f.OpenBrowser, Now: f.Now,
		NewSessionID: func() string { return "sk-" + uuid.NewString() },
	}
	cmd := &cobra.Command{
		Use:   "login",
		Short: "Authenticate with the LiteLLM proxy server",
		Long: cmdutil.Heredoc(`
			Log in through the proxy's single sign-on and store the key it issues
			(see below where), for the proxy at --base-url. Later
			commands against the same base URL use it when neither --api-key nor
			LITELLM_PROXY_API_KEY is set.

			The command opens the login page in the browser (the command in $BROWSER
			when set, else xdg-open or open) and always prints its URL, then polls
			the proxy every --poll-interval until you approve, for up to
			--login-timeout. The URL carries the login session id: do not share it.
			When a key for this proxy is already stored, the browser also gets that
			key (existing_key), so that the proxy rotates it; the printed URL leaves
			it out, so that a whole key never shows on the terminal (a URL opened by
			hand logs in without rotating). Proxies that offer POST /sso/cli/start get
			the newer flow, which also shows a verification code to compare with the
			page.

			Proxies without POST /sso/cli/start use the older flow, in which the
			session id in the URL ("sk-<uuid4>") becomes the API key itself. There
			the printed URL shows it masked ("key=sk-abc…wxyz"); --no-browser, which
			needs the whole URL, then stops with a usage error unless you also pass
			--print-key-url, which prints it in full (with a warning).

			When your user belongs to several teams, the proxy asks for one: pick it
			at the prompt on a terminal, or pass --team (a team id or alias; "skip"
			takes the first team, as upstream). Without a terminal and without --team
			the command fails with the list of teams.

			With --pkce (LiteLLM 1.106 and later, which serve
			/.well-known/litellm-cli-auth) the login is OAuth 2.1 authorization code
			with PKCE S256: the CLI registers itself as a public client with a
			loopback redirect (http://127.0.0.1:<port>/callback), opens the proxy's
			/authorize page, and exchanges the code for a key and a refresh token.
			The key is renewed with the refresh token when it is used within 6
			minutes of its expiry (by any command, auth print-token included), and
			'logout' revokes the refresh token. The browser must run on this machine.

			The key goes to the OS keychain, with ~/.litellm/token.json holding the
			rest, or, where no keychain is available or LITELLM_CLI_DISABLE_KEYRING=1,
			to that file (mode 0600); the last line says which.

			A failed or timed-out login exits 1, a cancelled one 130 (Ctrl-C) or 143
			(SIGTERM); upstream exits 0 in every case, which scripts cannot check.
			The key is never printed in full (but see --print-key-url).`),
		Example: `  litellm-proxy login
  litellm-proxy login --pkce
  litellm-proxy --base-url https://proxy.example.com login --no-browser
  litellm-proxy login --team engineering`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.PollInterval <= 0 {
				return cmdutil.FlagErrorf("--poll-interval must be positive, got %s", opts.PollInterval)
			}
			if opts.LoginTimeout <= 0 {
				return cmdutil.FlagErrorf("--login-timeout must be positive, got %s", opts.LoginTimeout)
			}
			if opts.PKCE && (opts.Team != "" || opts.PrintKeyURL) {
				return cmdutil.FlagErrorf("--pkce cannot be used with --team or --print-key-url (the proxy's consent page picks the team)")
			}
			if runF != nil {
				return runF(opts)
			}
			if opts.PKCE {
				return pkceLoginRun(cmd.Context(), opts)
			}
			return loginRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.BoolVar(&opts.NoBrowser, "no-browser", false, "Only print the login URL; do not open a browser")
	fs.BoolVar(&opts.PrintKeyURL, "print-key-url", false, "Print the login URL in full even when it carries the new API key (proxies without POST /sso/cli/start)")
	fs.DurationVar(&opts.PollInterval, "poll-interval", DefaultPollInterval, "Time between two polls")
	fs.DurationVar(&opts.LoginTimeout, "login-timeout", DefaultLoginTimeout, "How long to wait for the login")
	fs.StringVar(&opts.Team, "team", "", "Team id or alias to use when the proxy asks for one ('skip': the first)")
	fs.BoolVar(&opts.PKCE, "pkce", false, "Sign in with OAuth authorization code + PKCE (a loopback redirect); the key renews itself with a refresh token (LiteLLM 1.106+)")
	return cmd
}

// session is a login session: the id the poll names and, with the newer
// flow, the poll secret and the verification code.
type session struct {
	id, secret, code string
}

func loginRun(ctx context.Context, opts *LoginOptions) error {
	out, errOut := opts.IO.Out, opts.IO.ErrOut
	c, err := opts.Client()
	if err != nil {
		return err
	}
	store, err := opts.Store()
	if err != nil {
		return err
	}
	path := store.Path
	base := c.BaseURL()
	existing := ""
	if tok, err := store.Load(); err == nil {
		existing = tok.KeyFor(base)
	}

	s, err := startSession(ctx, c, opts)
	if err != nil {
		return loginFailed(opts, err)
	}
	// The browser gets existing_key (so the proxy can rotate the stored
	// key); the URL printed for SSH sessions does not, because printing it
	// would show a whole, still valid key on the terminal. Nor does it show
	// a session id that is itself the new key (see shownLoginURL).
	loginURL := c.SSO.LoginURL(s.id, existing)
	shownURL, masked := shownLoginURL(c.SSO.LoginURL(s.id, ""), s.id, opts.PrintKeyURL)
	if opts.NoBrowser {
		fmt.Fprintf(out, "Open this URL in your browser to log in:\n  %s\n", shownURL)
		if masked {
			return cmdutil.FlagErrorf("this proxy's login URL carries the new API key itself (it has no POST /sso/cli/start), " +
				"so it is printed masked: pass --print-key-url to print it in full, or log in where a browser can be opened")
		}
	} else {
		fmt.Fprintf(out, "Opening browser to: %s\n", shownURL)
	}
	if opts.PrintKeyURL && sessionIsKey(s.id) {
		fmt.Fprintln(errOut, "Warning: the URL above carries the API key the proxy will issue: do not share it or leave it in logs.")
	}
	if s.code != "" {
		fmt.Fprintf(out, "Verification code: %s\n", output.Safe(s.code))
	}
	fmt.Fprintln(out, "Please complete the SSO authentication in your browser...")
	fmt.Fprintf(out, "Session ID: %s\n", output.Escape(output.ShortKey(s.id)))
	if !opts.NoBrowser {
		if err := opts.OpenBrowser(loginURL); err != nil {
			if masked {
				fmt.Fprintf(errOut, "Could not open a browser (%s). The URL above is masked because it carries the new API key: "+
					"rerun with --no-browser --print-key-url to print it in full.\n", output.SafeErr(err))
				return cmdutil.ErrSilent
			}
			fmt.Fprintf(errOut, "Could not open a browser (%s): open the URL above yourself.\n", output.SafeErr(err))
		}
	}
	fmt.Fprintln(out, "Waiting for authentication...")

	res, err := poll(ctx, c, opts, s)
	if err != nil {
		return loginFailed(opts, err)
	}
	tok := &facade.Token{
		Key:            res.Key,
		UserID:         or(res.UserID, "cli-user"),
		UserEmail:      or(res.UserEmail, "unknown"),
		UserRole:       or(res.UserRole, "cli"),
		AuthHeaderName: "Authorization",
		JWTToken:       "",
		Timestamp:      float64(opts.Now().UnixNano()) / 1e9,
		BaseURL:        base,
		TeamID:         res.TeamID,
	}
	storage, err := store.Save(tok)
	if err != nil {
		return err
	}
	cs := opts.IO.ColorScheme()
	fmt.Fprintln(out)
	fmt.Fprintln(out, cs.Green("Login successful!"))
	fmt.Fprintf(out, "API Key: %s\n", output.ShortKey(res.Key))
	if res.TeamID != "" {
		fmt.Fprintf(out, "Team: %s\n", output.Safe(res.TeamID))
	}
	fmt.Fprintf(out, "Token saved to %s\n", path)
	fmt.Fprintln(out, opts.Notice(path, storage))
	fmt.Fprintln(out, "You can now use the CLI without specifying --api-key")
	return nil
}

// sessionIsKey reports whether the login session id is, or may become, the
// API key itself: the ids of the older flow are ("sk-<uuid4>", and the proxy
// issues a key with exactly that value), and so may be a start-flow id in
// the same form. The real proxy's start-flow ids ("cli-…") are not: its key
// is a JWT returned by the poll.
func sessionIsKey(id string) bool { return strings.HasPrefix(id, "sk-") }

// shownLoginURL returns the login URL to print, and whether it is masked:
// when the session id is a key (sessionIsKey) and printKeyURL is false, the
// key= value is shown as "sk-abc…wxyz". The URL's user information, if any,
// is redacted and control characters are escaped.
func shownLoginURL(u, id string, printKeyURL bool) (string, bool) {
	masked := false
	if sessionIsKey(id) && !printKeyURL {
		u = strings.ReplaceAll(u, "key="+url.QueryEscape(id), "key="+output.ShortKey(id))
		masked = true
	}
	return output.SafeURL(u), masked
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// loginError is a login failure with the message to show.
type loginError struct{ msg string }

// Error returns the message.
func (e *loginError) Error() string { return e.msg }

// loginFailed reports err as upstream's login does and returns the error
// that sets the exit code.
func loginFailed(opts *LoginOptions, err error) error {
	errOut := opts.IO.ErrOut
	var fe *cmdutil.FlagError
	switch {
	case errors.As(err, &fe):
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, cmdutil.ErrCancel):
		fmt.Fprintln(errOut, "\nAuthentication cancelled by user.")
	case errors.Is(err, errTimedOut):
		fmt.Fprintln(errOut, "Authentication timed out. Please try again.")
	default:
		fmt.Fprintf(errOut, "Authentication failed: %s\n", output.SafeErr(err))
	}
	return cmdutil.ErrSilent
}

var errTimedOut = errors.New("timed out")

// startSession starts the newer login flow (POST /sso/cli/start) and falls
// back to a session id of our own ("sk-<uuid4>") when the proxy answers 404
// or 405, as proxies older than that flow do.
func startSession(ctx context.Context, c *facade.Client, opts *LoginOptions) (session, error) {
	startURL := c.BaseURL() + "/sso/cli/start"
	res, err := c.SSO.Start(ctx, facade.WithMaxRetries(0), facade.WithTimeout(pollRequestTimeout))
	var apiErr *facade.APIError
	var decErr *facade.DecodeError
	var trErr *facade.TransportError
	switch {
	case err == nil:
		var missing []string
		for _, f := range [][2]string{{"login_id", res.LoginID}, {"poll_secret", res.PollSecret}, {"user_code", res.UserCode}} {
			if f[1] == "" {
				missing = append(missing, f[0])
			}
		}
		if len(missing) > 0 {
			return session{}, &loginError{fmt.Sprintf("The response from %s is missing required field(s): %s. The proxy version may not match this CLI; upgrade whichever is older.",
				startURL, strings.Join(missing, ", "))}
		}
		return session{id: res.LoginID, secret: res.PollSecret, code: res.UserCode}, nil
	case ctx.Err() != nil:
		return session{}, ctx.Err()
	case errors.As(err, &apiErr) && (apiErr.StatusCode == http.StatusNotFound || apiErr.StatusCode == http.StatusMethodNotAllowed):
		return session{id: opts.NewSessionID()}, nil
	case errors.As(err, &apiErr):
		msg := fmt.Sprintf("Starting CLI login failed: HTTP %d from %s", apiErr.StatusCode, startURL)
		if apiErr.Message != "" {
			msg += ": " + apiErr.Message
		}
		return session{}, &loginError{msg}
	case errors.As(err, &decErr):
		return session{}, &loginError{fmt.Sprintf("The proxy returned a non-JSON response from %s (content-type: %s). A proxy, load balancer, or auth gateway in front of LiteLLM may be intercepting the request.",
			startURL, or(decErr.ContentType, "none"))}
	case errors.As(err, &trErr):
		return session{}, &loginError{fmt.Sprintf("Could not reach the proxy at %s: %v. Check that the proxy is running and that --base-url points at it.", startURL, err)}
	default:
		return session{}, err
	}
}

// poll polls until the login is complete, answering a team selection on
// the way. 5xx and 429 answers and connection errors are retried; any other
// 4xx is final.
func poll(ctx context.Context, c *facade.Client, opts *LoginOptions, s session) (*facade.SSOPollResponse, error) {
	errOut := opts.IO.ErrOut
	ctx, cancel := context.WithTimeout(ctx, opts.LoginTimeout)
	defer cancel()
	opts.IO.StartProgressIndicator("Waiting for the browser login...")
	defer opts.IO.StopProgressIndicator()

	po := &facade.SSOPollOptions{PollSecret: s.secret}
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			t := time.NewTimer(opts.PollInterval)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil, pollDone(ctx)
			case <-t.C:
			}
		}
		res, err := c.SSO.Poll(ctx, s.id, po, facade.WithMaxRetries(0), facade.WithTimeout(pollRequestTimeout))
		var apiErr *facade.APIError
		switch {
		case ctx.Err() != nil:
			return nil, pollDone(ctx)
		case errors.As(err, &apiErr):
			if apiErr.StatusCode >= 500 || apiErr.StatusCode == http.StatusTooManyRequests {
				if attempt%reportEvery == 0 {
					msg := "Polling error: HTTP " + strconv.Itoa(apiErr.StatusCode)
					if apiErr.Message != "" {
						msg += ": " + output.Safe(apiErr.Message)
					}
					opts.IO.StopProgressIndicator()
					fmt.Fprintln(errOut, msg)
					opts.IO.StartProgressIndicator("Waiting for the browser login...")
				}
				continue
			}
			detail := output.Safe(apiErr.Message)
			if detail == "" {
				return nil, &loginError{fmt.Sprintf("The proxy rejected the login session with HTTP %d and no error detail (from %s/sso/cli/poll/…)", apiErr.StatusCode, c.BaseURL())}
			}
			return nil, &loginError{fmt.Sprintf("The proxy rejected the login session with HTTP %d: %s", apiErr.StatusCode, detail)}
		case err != nil:
			var decErr *facade.DecodeError
			if errors.As(err, &decErr) {
				return nil, err
			}
			if attempt%reportEvery == 0 {
				opts.IO.StopProgressIndicator()
				fmt.Fprintf(errOut, "Connection error (will retry): %s\n", output.SafeErr(err))
				opts.IO.StartProgressIndicator("Waiting for the browser login...")
			}
			continue
		}
		if res.Status != facade.SSOStatusReady {
			continue
		}
		if res.RequiresTeamSelection {
			opts.IO.StopProgressIndicator()
			team, err := selectTeam(ctx, opts, res)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(opts.IO.Out, "\nGenerating key for team: %s\n", output.Safe(team))
			po.TeamID = team
			opts.IO.StartProgressIndicator("Waiting for the browser login...")
			attempt = -1 // poll again at once
			continue
		}
		if res.Key == "" {
			continue
		}
		if res.TeamID != "" && len(res.Teams) == 1 && po.TeamID == "" {
			opts.IO.StopProgressIndicator()
			fmt.Fprintf(opts.IO.Out, "\nAutomatically assigned to team: %s\n", output.Safe(res.TeamID))
		}
		return res, nil
	}
}

// pollDone maps the end of the polling context to cancel or time-out.
func pollDone(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return errTimedOut
	}
	return context.Canceled
}

// team is a team the proxy offers at login.
type team struct{ id, alias string }

// selectTeam picks the team to log in with: --team, the only team, or the
// user's answer at a prompt.
func selectTeam(ctx context.Context, opts *LoginOptions, res *facade.SSOPollResponse) (string, error) {
	var teams []team
	for _, d := range res.TeamDetails {
		if d.TeamID != "" {
			teams = append(teams, team{d.TeamID, d.TeamAlias})
		}
	}
	if len(teams) == 0 {
		for _, id := range res.Teams {
			teams = append(teams, team{id: id})
		}
	}
	ids := make([]string, len(teams))
	for i, t := range teams {
		ids[i] = t.id
	}
	switch {
	case len(teams) == 0:
		return "", &loginError{"the proxy asks for a team, but offers none. No teams available for selection."}
	case opts.Team == "skip":
		return teams[0].id, nil
	case opts.Team != "":
		for _, t := range teams {
			if t.id == opts.Team || (t.alias != "" && t.alias == opts.Team) {
				return t.id, nil
			}
		}
		return "", cmdutil.FlagErrorf("--team %q is not one of your teams: %s", opts.Team, output.Safe(strings.Join(ids, ", ")))
	case len(teams) == 1:
		return teams[0].id, nil
	case !opts.IO.CanPrompt():
		return "", cmdutil.FlagErrorf("the proxy asks which team to log in with: pass --team with one of %s (or 'skip' for the first)", output.Safe(strings.Join(ids, ", ")))
	}
	out := opts.IO.Out
	t := output.NewTable("Available Teams", "Index", "Team Name", "Team ID")
	for i, tm := range teams {
		t.AddRow(strconv.Itoa(i+1), or(tm.alias, tm.id), tm.id)
	}
	fmt.Fprintln(out)
	if err := t.Render(opts.IO); err != nil {
		return "", err
	}
	lines := make(chan lineResult, 1)
	for {
		fmt.Fprint(out, "Select a team by entering the index number (or 'skip' to use first team): ")
		go func() {
			l, err := opts.IO.ReadLine()
			lines <- lineResult{l, err}
		}()
		var r lineResult
		select {
		case <-ctx.Done():
			fmt.Fprintln(out)
			return "", pollDone(ctx)
		case r = <-lines:
		}
		if r.err != nil {
			fmt.Fprintln(out)
			return "", cmdutil.ErrCancel
		}
		answer := strings.TrimSpace(r.line)
		if strings.EqualFold(answer, "skip") {
			return teams[0].id, nil
		}
		n, err := strconv.Atoi(answer)
		switch {
		case err != nil:
			fmt.Fprintln(opts.IO.ErrOut, "Invalid input. Please enter a number or 'skip'")
		case n < 1 || n > len(teams):
			fmt.Fprintf(opts.IO.ErrOut, "Invalid selection. Please enter a number between 1 and %d\n", len(teams))
		default:
			return teams[n-1].id, nil
		}
	}
}

type lineResult struct {
	line string
	err  error
}
