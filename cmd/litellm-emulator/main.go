// Command litellm-emulator serves the in-memory LiteLLM proxy of
// test/proxytest on a real port, for trying the client, the CLI and the
// examples without a proxy.
//
// Usage:
//
//	litellm-emulator [--addr 127.0.0.1:4000] [--config FILE] [--master-key KEY] [--enterprise]
//	                 [--sso-auto-approve] [--sso-start-flow] [--seed N] [--no-db] [--version V]
//
// --config reads a LiteLLM proxy config file (the YAML of `litellm --config`):
// its model_list replaces the default models (mock_response, api_base and
// model_info included) and its general_settings.master_key (a value or
// os.environ/NAME) is the master key unless --master-key is given. Settings
// the emulator does not emulate are listed on stderr and otherwise ignored.
// --enterprise behaves as a proxy with an Enterprise licence (key
// regeneration, tags and the like).
//
// It prints its URL and master key (abbreviated when it comes from a config
// file), logs one line per request (method, path with keys abbreviated,
// status, duration; never the query) to stderr, and
// shuts down cleanly on Ctrl-C or SIGTERM. An --addr with port 0 picks a free
// port; the URL printed is the real one. --no-db answers as a real proxy
// started without a database (virtual keys and the routes that store things
// get its no-database errors); --version picks the real version to imitate
// where versions differ (1.88.0, the default, or 1.106.12).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run serves the emulator until ctx ends. It returns the exit code: 0 after a
// clean shutdown, 1 if serving failed, 2 for bad usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("litellm-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:4000", "listen `address`; port 0 picks a free port")
	masterKey := fs.String("master-key", proxytest.DefaultMasterKey, "the proxy's master `key`")
	autoApprove := fs.Bool("sso-auto-approve", false, "complete SSO CLI logins without the approval page")
	startFlow := fs.Bool("sso-start-flow", false, "enable the newer CLI login flow (POST /sso/cli/start)")
	seed := fs.Uint64("seed", 0, "seed of generated keys, ids and fault draws (0: random)")
	noDB := fs.Bool("no-db", false, "answer as a proxy without a database (its no-database errors; virtual keys get 400)")
	version := fs.String("version", proxytest.Version, "the LiteLLM `version` to imitate: "+strings.Join(proxytest.Versions, " or "))
	configFile := fs.String("config", "", "LiteLLM proxy config `file` (model_list, general_settings.master_key)")
	enterprise := fs.Bool("enterprise", false, "behave as a proxy with an Enterprise licence")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "litellm-emulator: unexpected arguments: %s\n", strings.Join(fs.Args(), " "))
		fs.Usage()
		return 2
	}
	if *masterKey == "" {
		fmt.Fprintln(stderr, "litellm-emulator: --master-key must not be empty")
		return 2
	}
	if !slices.Contains(proxytest.Versions, *version) {
		fmt.Fprintf(stderr, "litellm-emulator: --version %q: want one of %s\n", *version, strings.Join(proxytest.Versions, ", "))
		return 2
	}
	keySet := false
	fs.Visit(func(f *flag.Flag) { keySet = keySet || f.Name == "master-key" })
	var opts []proxytest.Option
	shownKey := *masterKey
	if *configFile != "" {
		cfg, err := proxytest.LoadLiteLLMConfig(*configFile)
		if err != nil {
			fmt.Fprintf(stderr, "litellm-emulator: %v\n", err)
			return 2
		}
		if len(cfg.Ignored) > 0 {
			fmt.Fprintf(stderr, "litellm-emulator: %s: not emulated, ignored: %s\n", *configFile, strings.Join(cfg.Ignored, ", "))
		}
		opts = append(opts, cfg.Option())
		if cfg.MasterKey != "" && !keySet {
			*masterKey = cfg.MasterKey
			shownKey = abbreviate(cfg.MasterKey) + " (from " + *configFile + ")"
		}
	}
	opts = append(opts, proxytest.WithMasterKey(*masterKey))
	if *enterprise {
		opts = append(opts, proxytest.WithEnterprise())
	}
	if *autoApprove {
		opts = append(opts, proxytest.WithSSOAutoApprove())
	}
	if *startFlow {
		opts = append(opts, proxytest.WithSSOStartFlow())
	}
	if *seed != 0 {
		opts = append(opts, proxytest.WithSeed(*seed))
	}
	opts = append(opts, proxytest.WithVersion(*version))
	if *noDB {
		opts = append(opts, proxytest.WithNoDatabase())
	}
	logger := log.New(stderr, "", log.LstdFlags)
	opts = append(opts, proxytest.WithRequestHook(logRequest(logger)))
	emulator := proxytest.NewUnstartedServer(opts...)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "litellm-emulator: %v\n", err)
		return 1
	}
	srv := &http.Server{
		Handler:           emulator.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(stderr, "litellm-emulator: ", log.LstdFlags),
	}
	fmt.Fprintf(stdout, "LiteLLM emulator listening on http://%s\nmaster key: %s\n", ln.Addr(), shownKey)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "litellm-emulator: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		_ = srv.Close() // streams still open after the grace period
	}
	<-served
	logger.Print("litellm-emulator: stopped")
	return 0
}

// logRequest logs one line per request: method, path with keys
// abbreviated, status ("-" when the connection was dropped) and duration.
func logRequest(l *log.Logger) func(proxytest.Request, time.Duration) {
	return func(r proxytest.Request, elapsed time.Duration) {
		status := "-"
		if r.Status != 0 {
			status = strconv.Itoa(r.Status)
		}
		l.Printf("%s %s %s %s", r.Method, redactPath(r.Path), status, elapsed.Round(time.Microsecond))
	}
}

// abbreviate shows a key as "sk-...<last 4>", as the proxy does.
func abbreviate(key string) string {
	if len(key) <= 8 {
		return "sk-..."
	}
	return "sk-..." + key[len(key)-4:]
}

// redactPath abbreviates path segments that are keys (/key/{key}/regenerate,
// /sso/cli/poll/{key_id}) to "sk-...<last 4>".
func redactPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "sk-") && len(s) > 7 {
			segs[i] = "sk-..." + s[len(s)-4:]
		}
	}
	return strings.Join(segs, "/")
}
