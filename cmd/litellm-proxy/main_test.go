package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/zalando/go-keyring"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cli"
	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestMain makes the test binary double as the litellm-proxy command and as
// "fakebrowser", the stand-in browser the login scripts set as $BROWSER.
//
// With LITELLM_PROXY_TEST_MAIN=1 in its environment the test binary is the
// command itself, for the tests that start it as a subprocess and signal it.
func TestMain(m *testing.M) {
	if os.Getenv("LITELLM_PROXY_TEST_MAIN") == "1" {
		os.Exit(withTestKeyring(cli.Main))
	}
	testscript.Main(m, map[string]func(){
		"litellm-proxy": func() { os.Exit(withTestKeyring(cli.Main)) },
		"fakebrowser":   func() { os.Exit(fakeBrowser(os.Args[1:])) },
	})
}

// TestScripts runs testdata/script/*.txtar against the real command tree.
//
// Each script gets its own emulator (proxytest) and these variables:
// LITELLM_PROXY_URL (the emulator), LITELLM_PROXY_API_KEY (its master key),
// HOME=$WORK/home (so the token file is $WORK/home/.litellm/token.json),
// NO_COLOR=1, TZ=UTC and BROWSER=fakebrowser. The keychain is go-keyring's
// mock (see withTestKeyring): without LITELLM_TEST_KEYRING_FILE every
// keychain call fails, so the token file holds the key. Commands of their own:
//
//	exitcode N CMD [ARG]...            run CMD (as exec does) and check its exit code is N
//	proxy restart [-sso-start] [-sso-auto-approve] [-sso-user ID] [-sso-email E] [-sso-role R]
//	              [-sso-teams T1,T2] [-team ID[:ALIAS]]... [-no-models] [-version V] [-pkce-lifetime D]
//	    replace the emulator by a new one with these options (env updated)
//	proxy fault ROUTE STATUS [COUNT]   make ROUTE answer STATUS (COUNT times)
//	proxy nofault                      remove the faults
//	proxy source                       start a second emulator: SOURCE_PROXY_URL, SOURCE_PROXY_KEY
//	sleep DURATION                     wait (before signalling a background command)
//	filemode PERM FILE                 check FILE's permission bits (octal)
//	writetoken FILE AGE [field=value]... write a token file AGE old (a Go duration);
//	                                     expires_in=DURATION sets expires_at to now + DURATION
//	hostile PATH STATUS CONTENT-TYPE FILE
//	    make the script's hostile server (started on first use; its URL in
//	    HOSTILE_URL) answer PATH ("*": any path) with STATUS and FILE's
//	    contents read as the inside of a Go "..." string literal (so \x1b
//	    is ESC and \\u002d stays the six characters \u002d)
//
// fakebrowser GETs the URL it is given, finds the form of the emulator's
// approval page and submits it, as a user clicking "Approve" would. With
// FAKEBROWSER=ignore it only records the URL; the URL is appended to
// $WORK/browser.log either way.
func TestScripts(t *testing.T) {
	t.Parallel()
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, "home")
			if err := os.MkdirAll(home, 0o755); err != nil {
				return err
			}
			env.Setenv("HOME", home)
			env.Setenv("NO_COLOR", "1")
			env.Setenv("TZ", "UTC")
			env.Setenv("BROWSER", "fakebrowser")
			env.Setenv("LITELLM_PROXY_FORCE_TTY", "")
			h := &serverHolder{}
			env.Values[serverKey{}] = h
			env.Defer(h.close)
			h.start(env.Setenv, nil)
			hs := &hostileServer{routes: map[string]hostileResponse{}}
			env.Values[hostileKey{}] = hs
			env.Defer(func() {
				// Close outside the lock: Close waits for the handlers in
				// flight, and they take the lock.
				hs.mu.Lock()
				srv := hs.srv
				hs.srv = nil
				hs.mu.Unlock()
				if srv != nil {
					srv.Close()
				}
			})
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode":   cmdExitCode,
			"proxy":      cmdProxy,
			"sleep":      cmdSleep,
			"jsonget":    cmdJSONGet,
			"filemode":   cmdFileMode,
			"writetoken": cmdWriteToken,
			"hostile":    cmdHostile,
		},
	})
}

// withTestKeyring runs main with go-keyring's mock backend, never the real
// OS keychain. With LITELLM_TEST_KEYRING_FILE set, the mock starts with the
// CLI's entry read from that file and the entry is written back (or the
// file removed) when main returns, so that the entry outlives one command
// as a keychain's does; with LITELLM_TEST_KEYRING_FAIL set every keychain
// call fails with its value; with neither, every call fails ("no keychain").
func withTestKeyring(main func() int) int {
	path := os.Getenv("LITELLM_TEST_KEYRING_FILE")
	if msg := os.Getenv("LITELLM_TEST_KEYRING_FAIL"); msg != "" || path == "" {
		if msg == "" {
			msg = "no keychain in tests"
		}
		keyring.MockInitWithError(errors.New(msg))
		return main()
	}
	keyring.MockInit()
	if data, err := os.ReadFile(path); err == nil {
		if err := keyring.Set(facade.KeyringService, facade.KeyringAccount, string(data)); err != nil {
			panic(err)
		}
	}
	code := main()
	if v, err := keyring.Get(facade.KeyringService, facade.KeyringAccount); err == nil {
		if err := os.WriteFile(path, []byte(v), 0o600); err != nil {
			panic(err)
		}
	} else {
		_ = os.Remove(path)
	}
	return code
}

type serverKey struct{}

type hostileKey struct{}

// hostileServer answers each path with a canned response.
type hostileServer struct {
	srv    *httptest.Server
	mu     sync.Mutex
	routes map[string]hostileResponse
}

type hostileResponse struct {
	status int
	ctype  string
	body   []byte
}

func (h *hostileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	resp, ok := h.routes[r.URL.Path]
	if !ok {
		resp, ok = h.routes["*"]
	}
	h.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", resp.ctype)
	w.WriteHeader(resp.status)
	_, _ = w.Write(resp.body)
}

func cmdHostile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: hostile PATH STATUS CONTENT-TYPE FILE")
	}
	status, err := strconv.Atoi(args[1])
	ts.Check(err)
	body, err := strconv.Unquote(`"` + strings.ReplaceAll(strings.TrimRight(ts.ReadFile(args[3]), "\n"), `"`, `\"`) + `"`)
	ts.Check(err)
	h := ts.Value(hostileKey{}).(*hostileServer)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.srv == nil {
		h.srv = httptest.NewServer(h)
	}
	h.routes[args[0]] = hostileResponse{status, args[2], []byte(body)}
	ts.Setenv("HOSTILE_URL", h.srv.URL)
}

// serverHolder owns a script's emulator, which "proxy restart" replaces.
type serverHolder struct {
	mu     sync.Mutex
	srv    *proxytest.Server
	source *proxytest.Server
}

func (h *serverHolder) start(setenv func(string, string), opts []proxytest.Option) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.srv != nil {
		h.srv.Close()
	}
	h.srv = proxytest.NewServer(opts...)
	setenv("LITELLM_PROXY_URL", h.srv.URL)
	setenv("LITELLM_PROXY_API_KEY", h.srv.MasterKey)
}

func (h *serverHolder) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.srv != nil {
		h.srv.Close()
	}
	if h.source != nil {
		h.source.Close()
	}
}

func cmdProxy(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! proxy")
	}
	h := ts.Value(serverKey{}).(*serverHolder)
	if len(args) == 0 {
		ts.Fatalf("usage: proxy restart|fault|nofault ...")
	}
	switch args[0] {
	case "restart":
		fs := flag.NewFlagSet("proxy restart", flag.ContinueOnError)
		ssoStart := fs.Bool("sso-start", false, "")
		autoApprove := fs.Bool("sso-auto-approve", false, "")
		ssoUser := fs.String("sso-user", "", "")
		ssoEmail := fs.String("sso-email", "", "")
		ssoRole := fs.String("sso-role", "", "")
		ssoTeams := fs.String("sso-teams", "", "")
		noModels := fs.Bool("no-models", false, "")
		version := fs.String("version", "", "")
		pkceLifetime := fs.Duration("pkce-lifetime", 0, "")
		var teams []proxytest.Team
		fs.Func("team", "", func(s string) error {
			id, alias, _ := strings.Cut(s, ":")
			teams = append(teams, proxytest.Team{ID: id, Alias: alias})
			return nil
		})
		ts.Check(fs.Parse(args[1:]))
		var opts []proxytest.Option
		if *ssoStart {
			opts = append(opts, proxytest.WithSSOStartFlow())
		}
		if *autoApprove {
			opts = append(opts, proxytest.WithSSOAutoApprove())
		}
		if *ssoUser != "" || *ssoEmail != "" || *ssoRole != "" || *ssoTeams != "" {
			u := proxytest.User{ID: "sso-user", Email: "sso-user@example.com", Role: "proxy_admin"}
			if *ssoUser != "" {
				u.ID = *ssoUser
			}
			if *ssoEmail != "" {
				u.Email = *ssoEmail
			}
			if *ssoRole != "" {
				u.Role = *ssoRole
			}
			if *ssoTeams != "" {
				u.Teams = strings.Split(*ssoTeams, ",")
			}
			opts = append(opts, proxytest.WithSSOUser(u))
		}
		if len(teams) > 0 {
			opts = append(opts, proxytest.WithTeams(teams...))
		}
		if *noModels {
			opts = append(opts, proxytest.WithModels())
		}
		if *version != "" {
			opts = append(opts, proxytest.WithVersion(*version))
		}
		if *pkceLifetime > 0 {
			opts = append(opts, proxytest.WithPKCEKeyLifetime(*pkceLifetime))
		}
		h.start(ts.Setenv, opts)
	case "fault":
		if len(args) < 3 {
			ts.Fatalf("usage: proxy fault ROUTE STATUS [COUNT]")
		}
		status, err := strconv.Atoi(args[2])
		ts.Check(err)
		f := proxytest.ErrorStatus(status, 0).On(args[1])
		if len(args) > 3 {
			n, err := strconv.Atoi(args[3])
			ts.Check(err)
			f = f.Times(n)
		}
		h.mu.Lock()
		h.srv.SetFaults(f)
		h.mu.Unlock()
	case "source":
		h.mu.Lock()
		if h.source == nil {
			h.source = proxytest.NewServer(proxytest.WithMasterKey("sk-source-master-proxytest"))
		}
		ts.Setenv("SOURCE_PROXY_URL", h.source.URL)
		ts.Setenv("SOURCE_PROXY_KEY", h.source.MasterKey)
		h.mu.Unlock()
	case "nofault":
		h.mu.Lock()
		h.srv.SetFaults()
		h.mu.Unlock()
	default:
		ts.Fatalf("unknown proxy subcommand %q", args[0])
	}
}

func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N CMD [ARG]...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d; want %d", args[1], got, want)
	}
}

func cmdSleep(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: sleep DURATION")
	}
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	time.Sleep(d)
}

// cmdJSONGet is "jsonget VAR PATH": it sets $VAR to the string or number
// at PATH (members and list indexes joined by dots: submissions.0.id) of
// the JSON the last command printed on stdout.
func cmdJSONGet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: jsonget VAR PATH")
	}
	var v any
	ts.Check(json.Unmarshal([]byte(ts.ReadFile("stdout")), &v))
	for _, part := range strings.Split(args[1], ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				ts.Fatalf("jsonget: %q: no item %s in a list of %d", args[1], part, len(x))
			}
			v = x[i]
		default:
			ts.Fatalf("jsonget: %q: %s is not in a list or object", args[1], part)
		}
	}
	switch v.(type) {
	case string, float64:
		ts.Setenv(args[0], fmt.Sprint(v))
	default:
		ts.Fatalf("jsonget: %q is %T, not a string or number", args[1], v)
	}
}

func cmdFileMode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: filemode PERM FILE")
	}
	want, err := strconv.ParseUint(args[0], 8, 32)
	ts.Check(err)
	fi, err := os.Stat(ts.MkAbs(args[1]))
	ts.Check(err)
	got := fi.Mode().Perm()
	if (got == os.FileMode(want)) == neg {
		ts.Fatalf("%s has mode %#o; want %s%#o", args[1], got, map[bool]string{true: "not ", false: ""}[neg], want)
	}
}

func cmdWriteToken(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: writetoken FILE AGE [field=value]...")
	}
	age, err := time.ParseDuration(args[1])
	ts.Check(err)
	tok := map[string]any{
		"key": "sk-test-stored-0123456789abcdef", "user_id": "cli-user", "user_email": "unknown",
		"user_role": "cli", "auth_header_name": "Authorization", "jwt_token": "",
		"timestamp": float64(time.Now().Add(-age).UnixNano()) / 1e9,
	}
	for _, kv := range args[2:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			ts.Fatalf("writetoken: bad field %q", kv)
		}
		if v == "<none>" {
			delete(tok, k)
			continue
		}
		if k == "expires_in" { // expires_at, as a number: now + the duration
			d, err := time.ParseDuration(v)
			ts.Check(err)
			tok["expires_at"] = float64(time.Now().Add(d).UnixNano()) / 1e9
			continue
		}
		if name, ok := strings.CutPrefix(v, "$"); ok {
			v = ts.Getenv(name)
		}
		tok[k] = v
	}
	b, err := json.MarshalIndent(tok, "", "  ")
	ts.Check(err)
	path := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o700))
	ts.Check(os.WriteFile(path, b, 0o600))
}

var (
	formRE  = regexp.MustCompile(`(?is)<form[^>]*\baction="([^"]*)"[^>]*>(.*?)</form>`)
	methRE  = regexp.MustCompile(`(?is)<form[^>]*\bmethod="([^"]*)"`)
	inputRE = regexp.MustCompile(`(?is)<input[^>]*>`)
	attrRE  = regexp.MustCompile(`(?is)\b(name|value|type)="([^"]*)"`)
)

// fakeBrowser stands in for a browser: it loads the login page and submits
// its approval form.
func fakeBrowser(args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(os.Stderr, "usage: fakebrowser URL")
		return 2
	}
	page := args[0]
	if work := os.Getenv("WORK"); work != "" {
		if f, err := os.OpenFile(filepath.Join(work, "browser.log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
			fmt.Fprintln(f, page)
			f.Close()
		}
	}
	if os.Getenv("FAKEBROWSER") == "ignore" {
		return 0
	}
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(page)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fakebrowser:", err)
		return 1
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	m := formRE.FindSubmatch(body)
	if m == nil {
		return 0 // no form: the login completed already (auto-approve)
	}
	base, err := url.Parse(page)
	if err != nil {
		return 1
	}
	action, err := base.Parse(html.UnescapeString(string(m[1])))
	if err != nil {
		return 1
	}
	form := url.Values{}
	for _, in := range inputRE.FindAll(m[2], -1) {
		attrs := map[string]string{}
		for _, a := range attrRE.FindAllSubmatch(in, -1) {
			attrs[strings.ToLower(string(a[1]))] = html.UnescapeString(string(a[2]))
		}
		if attrs["name"] != "" {
			form.Set(attrs["name"], attrs["value"])
		}
	}
	method := "GET"
	if mm := methRE.FindSubmatch(body); mm != nil {
		method = strings.ToUpper(string(mm[1]))
	}
	if method == "POST" {
		resp, err = client.PostForm(action.String(), form)
	} else {
		action.RawQuery = form.Encode()
		resp, err = client.Get(action.String())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fakebrowser:", err)
		return 1
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(os.Stderr, "fakebrowser: approval answered", resp.Status)
		return 1
	}
	return 0
}
