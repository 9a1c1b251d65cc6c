// Package realproxy starts a real LiteLLM proxy for tests: the reference the
// emulator (test/proxytest), the facade and the spec are held to.
//
// Start provisions a Python virtual environment with the pinned LiteLLM
// version (once per machine: the venv is cached outside the repository),
// writes a config of mock_response models and a random master key, starts
// the proxy on a free loopback port, waits until it is alive and stops it
// when the test ends:
//
//	p := realproxy.Start(t, realproxy.Options{Version: realproxy.Newest})
//	c, _ := facade.New(p.URL, facade.WithAPIKey(p.MasterKey))
//
// A proxy takes 20-40 s to start, so the tests of a package should share one
// per version with Shared, and stop them in TestMain:
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		realproxy.StopShared()
//		os.Exit(code)
//	}
//
//	func TestX(t *testing.T) {
//		p := realproxy.Shared(t, realproxy.Pinned)
//		...
//	}
//
// The proxy has no database: what needs one answers the real no-database
// errors, which are part of the contract too.
//
// # Skip or fail
//
// When python3, its venv module or the package install is missing, Start
// and Shared skip the test with a message saying exactly why, unless
// LITELLM_LIVE=1 (make live and CI set it), where they fail instead. A
// provisioned proxy that does not come up always fails the test.
//
// # Cache
//
// Venvs live in $LITELLM_REALPROXY_CACHE/<version>, by default
// os.UserCacheDir()/proxyclient/realproxy/<version> (~/.cache/... on Linux),
// with the pip log beside them in <version>.log. A venv is complete when its
// .proxyclient-complete marker holds the requirements it was installed with
// (see Requirements); provisioning runs under a file lock (<version>.lock),
// so concurrent test binaries install a version once. A first install takes
// about 3 minutes per version and ~650 MB.
package realproxy

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Versions: the pinned and the newest installable.
const (
	// Pinned is the LiteLLM version the project targets.
	Pinned = "1.88.0"
	// Newest is the newest LiteLLM whose [proxy] extra installs from the
	// package registry these machines use.
	Newest = "1.106.12"
)

// Versions are the versions the live suites run against: Pinned, Newest.
var Versions = []string{Pinned, Newest}

// Environment variables read by the package.
const (
	// EnvCache overrides the cache root (the venvs are <root>/<version>).
	EnvCache = "LITELLM_REALPROXY_CACHE"
	// EnvLive set to "1" turns every skip of Start and Shared into a failure.
	EnvLive = "LITELLM_LIVE"
)

// Live reports whether LITELLM_LIVE=1: live suites must run, and whatever
// keeps them from running is a failure.
func Live() bool { return os.Getenv(EnvLive) == "1" }

// MarkerFile is the name of the file whose presence, inside a venv, says
// that the install finished; it holds the requirements installed.
const MarkerFile = ".proxyclient-complete"

// StartTimeout bounds the wait for /health/liveliness after the process
// starts (20-40 s normally; more on a loaded 2-core machine).
var StartTimeout = 120 * time.Second

// installTimeout bounds one pip install.
const installTimeout = 20 * time.Minute

// stopGrace is how long Stop waits after SIGTERM before SIGKILL.
const stopGrace = 5 * time.Second

// python is the interpreter that creates the venvs; tests replace it.
var python = "python3"

// Requirements returns the pip requirements of a version's venv:
// litellm[proxy]==version, and the Prisma client library. The proxy imports
// prisma when it classifies errors, even without a database; without it
// 1.106.12 answers a request without a key with a plain-text 500 instead of
// the 401 it gives in its Docker image (which ships prisma). The Prisma
// engines, which would need a download, are not installed.
func Requirements(version string) []string {
	return []string{"litellm[proxy]==" + version, "prisma==0.15.0"}
}

// Options configure Start.
type Options struct {
	// Version is the LiteLLM version to run; "" is Pinned.
	Version string
	// Models is the model_list; nil is DefaultModels().
	Models []Model
	// ExtraConfig is YAML appended to the config (litellm_settings,
	// router_settings, ...); may be "". A top-level general_settings block
	// in it is merged with the master key setting.
	ExtraConfig string
}

// Model is one model_list entry: a model name and its litellm_params.
type Model struct {
	// Name is the model_name clients ask for.
	Name string
	// Model is litellm_params.model ("openai/gpt-4o"); "" is "openai/"+Name.
	Model string
	// MockResponse, when set, is the content every completion answers
	// with; no upstream provider is called.
	MockResponse string
	// APIBase is litellm_params.api_base, e.g. an emulator's URL + "/v1":
	// the proxy forwards to it.
	APIBase string
	// APIKey is litellm_params.api_key; "" is a fake key (the openai
	// provider refuses to run without one).
	APIKey string
}

// fakeUpstreamKey is the provider key of models without an APIKey.
const fakeUpstreamKey = "sk-fake-upstream"

// DefaultModels returns gpt-4o and gpt-4o-mini, both answering with a
// mock_response.
func DefaultModels() []Model {
	return []Model{
		{Name: "gpt-4o", Model: "openai/gpt-4o", MockResponse: "Hello from the real LiteLLM proxy"},
		{Name: "gpt-4o-mini", Model: "openai/gpt-4o-mini", MockResponse: "Hi from the real LiteLLM proxy"},
	}
}

// Proxy is a running real proxy.
type Proxy struct {
	// URL is the base URL, http://127.0.0.1:PORT (no trailing slash).
	URL string
	// MasterKey is the proxy's master key (sk- and 32 hex digits).
	MasterKey string
	// Version is the LiteLLM version it runs.
	Version string
	// ConfigFile is the config it was started with.
	ConfigFile string
	// LogFile holds its stdout and stderr.
	LogFile string

	cmd      *exec.Cmd
	done     chan struct{} // closed when the process has exited
	waitErr  error
	stopOnce sync.Once
	tmpDir   string // removed by Stop (Shared proxies only)
}

// Start starts a real proxy for tb and stops it in tb.Cleanup, after
// logging the tail of its log if tb failed. It skips tb when the proxy
// cannot be provisioned (see the package documentation) and fails it when
// the proxy does not come up.
func Start(tb testing.TB, opts Options) *Proxy {
	tb.Helper()
	version := opts.Version
	if version == "" {
		version = Pinned
	}
	dir, err := Provision(version)
	if err != nil {
		skipOrFail(tb, version, err)
		return nil
	}
	p, err := start(dir, version, opts, tb.TempDir())
	if err != nil {
		tb.Fatalf("realproxy: %v", err)
		return nil
	}
	tb.Cleanup(func() {
		if tb.Failed() {
			tb.Logf("realproxy: LiteLLM %s log %s (last lines):\n%s", version, p.LogFile, p.LogTail(30))
		}
		p.Stop()
	})
	return p
}

// skipOrFail skips tb because version cannot be provisioned, or fails it
// under LITELLM_LIVE=1.
func skipOrFail(tb testing.TB, version string, err error) {
	tb.Helper()
	msg := skipMessage(version, err)
	if Live() {
		tb.Fatalf("%s (%s=1: a failure, not a skip)", msg, EnvLive)
		return
	}
	tb.Skipf("%s; set %s=1 to fail instead", msg, EnvLive)
}

func skipMessage(version string, err error) string {
	return fmt.Sprintf("realproxy: no real LiteLLM %s: %v", version, err)
}

// sharedProxy is the state of one version's shared proxy.
type sharedProxy struct {
	mu      sync.Mutex // held while starting
	p       *Proxy
	skipErr error // provisioning failed: skip (or fail under LITELLM_LIVE=1)
	failErr error // the start failed: fail
}

var shared struct {
	mu       sync.Mutex
	versions map[string]*sharedProxy
}

// Shared returns the proxy of version (DefaultModels, no extra config)
// shared by every test of the process, starting it on first use; versions
// start concurrently. It is not stopped by tb: call StopShared from
// TestMain (a process that exits without doing so leaves the proxy to be
// killed by its parent-death signal, on Linux). A failed start is reported
// to every caller.
func Shared(tb testing.TB, version string) *Proxy {
	tb.Helper()
	if version == "" {
		version = Pinned
	}
	shared.mu.Lock()
	if shared.versions == nil {
		shared.versions = map[string]*sharedProxy{}
	}
	sp := shared.versions[version]
	if sp == nil {
		sp = &sharedProxy{}
		shared.versions[version] = sp
	}
	shared.mu.Unlock()

	sp.mu.Lock()
	defer sp.mu.Unlock()
	if sp.p == nil && sp.skipErr == nil && sp.failErr == nil {
		sp.p, sp.skipErr, sp.failErr = startShared(version)
	}
	switch {
	case sp.skipErr != nil:
		skipOrFail(tb, version, sp.skipErr)
	case sp.failErr != nil:
		tb.Fatalf("realproxy: %v", sp.failErr)
	}
	return sp.p
}

// startShared provisions and starts a shared proxy, with its files in a
// temporary directory that Stop removes.
func startShared(version string) (p *Proxy, skipErr, failErr error) {
	dir, err := Provision(version)
	if err != nil {
		return nil, err, nil
	}
	tmp, err := os.MkdirTemp("", "realproxy-"+version+"-")
	if err != nil {
		return nil, nil, err
	}
	p, err = start(dir, version, Options{Version: version}, tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, nil, err
	}
	p.tmpDir = tmp
	return p, nil, nil
}

// StopShared stops every proxy Shared started; a later Shared starts a new
// one. Call it from TestMain after m.Run.
func StopShared() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	for v, sp := range shared.versions {
		sp.mu.Lock()
		sp.p.Stop()
		sp.mu.Unlock()
		delete(shared.versions, v)
	}
}

// Available reports whether version can run here: nil when its venv is
// complete, or when python3 with the venv module is present to install it
// (the install itself may still fail: Start says why); the reason otherwise.
func Available(version string) error {
	dir, err := VenvDir(version)
	if err != nil {
		return err
	}
	if complete(dir, version) {
		return nil
	}
	return checkPython()
}

func checkPython() error {
	path, err := exec.LookPath(python)
	if err != nil {
		return fmt.Errorf("%s not found in PATH (install Python 3 with its venv module)", python)
	}
	out, err := exec.Command(path, "-c", "import venv, ensurepip").CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s has no venv/ensurepip module (Debian: apt-get install python3-venv): %s", path, lastLine(out))
	}
	return nil
}

// CacheRoot returns the directory holding the venvs: $LITELLM_REALPROXY_CACHE,
// or os.UserCacheDir()/proxyclient/realproxy.
func CacheRoot() (string, error) {
	if d := os.Getenv(EnvCache); d != "" {
		return filepath.Abs(d)
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory (set %s): %w", EnvCache, err)
	}
	return filepath.Join(d, "proxyclient", "realproxy"), nil
}

// VenvDir returns the venv directory of version.
func VenvDir(version string) (string, error) {
	if version == "" || strings.ContainsAny(version, `/\`) || strings.HasPrefix(version, ".") {
		return "", fmt.Errorf("invalid version %q", version)
	}
	root, err := CacheRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, version), nil
}

// marker returns what the marker of a complete venv of version holds.
func marker(version string) string {
	return strings.Join(Requirements(version), "\n") + "\n"
}

// complete reports whether dir is a venv installed with the requirements
// of version.
func complete(dir, version string) bool {
	b, err := os.ReadFile(filepath.Join(dir, MarkerFile))
	if err != nil || string(b) != marker(version) {
		return false
	}
	_, err = os.Stat(filepath.Join(dir, "bin", "litellm"))
	return err == nil
}

// Provision makes sure the venv of version is complete, installing what is
// missing, and returns its directory. A venv whose marker names other
// requirements (an older recipe) is completed in place by pip.
func Provision(version string) (string, error) {
	dir, err := VenvDir(version)
	if err != nil {
		return "", err
	}
	if complete(dir, version) {
		return dir, nil
	}
	if err := checkPython(); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return "", err
	}
	unlock, err := lockFile(dir + ".lock")
	if err != nil {
		return "", fmt.Errorf("lock %s.lock: %w", dir, err)
	}
	defer unlock()
	if complete(dir, version) { // another process installed it meanwhile
		return dir, nil
	}
	logFile := dir + ".log"
	log, err := os.OpenFile(logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return "", err
	}
	defer log.Close()
	ctx, cancel := context.WithTimeout(context.Background(), installTimeout)
	defer cancel()
	run := func(name string, args ...string) error {
		fmt.Fprintf(log, "\n$ %s %s  # %s\n", name, strings.Join(args, " "), time.Now().UTC().Format(time.RFC3339))
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s %s: %w (log: %s: %s)", filepath.Base(name), strings.Join(args, " "), err, logFile, tailFile(logFile, 1))
		}
		return nil
	}
	os.Remove(filepath.Join(dir, MarkerFile))
	if _, err := os.Stat(filepath.Join(dir, "bin", "pip")); err != nil {
		if err := run(python, "-m", "venv", "--clear", dir); err != nil {
			return "", err
		}
	}
	args := append([]string{"install", "--disable-pip-version-check", "--no-input"}, Requirements(version)...)
	if err := run(filepath.Join(dir, "bin", "pip"), args...); err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(dir, "bin", "litellm")); err != nil {
		return "", fmt.Errorf("pip install finished but %s is missing", filepath.Join(dir, "bin", "litellm"))
	}
	if err := os.WriteFile(filepath.Join(dir, MarkerFile), []byte(marker(version)), 0o644); err != nil {
		return "", err
	}
	return dir, nil
}

// newMasterKey returns "sk-" and 32 random hex digits.
func newMasterKey() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return "sk-" + hex.EncodeToString(b)
}

// yamlString quotes s for YAML (a JSON string is a YAML string).
func yamlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// renderConfig returns the proxy config of models and extra, with the
// master key read from $LITELLM_MASTER_KEY.
func renderConfig(models []Model, extra string) string {
	var b strings.Builder
	b.WriteString("# written by test/realproxy\nmodel_list:\n")
	if len(models) == 0 {
		b.Reset()
		b.WriteString("# written by test/realproxy\nmodel_list: []\n")
	}
	for _, m := range models {
		model := m.Model
		if model == "" {
			model = "openai/" + m.Name
		}
		key := m.APIKey
		if key == "" {
			key = fakeUpstreamKey
		}
		fmt.Fprintf(&b, "  - model_name: %s\n    litellm_params:\n      model: %s\n      api_key: %s\n", yamlString(m.Name), yamlString(model), yamlString(key))
		if m.MockResponse != "" {
			fmt.Fprintf(&b, "      mock_response: %s\n", yamlString(m.MockResponse))
		}
		if m.APIBase != "" {
			fmt.Fprintf(&b, "      api_base: %s\n", yamlString(m.APIBase))
		}
	}
	const masterKey = "master_key: os.environ/LITELLM_MASTER_KEY"
	lines := strings.Split(strings.TrimRight(extra, "\n"), "\n")
	merged := false
	for i, l := range lines {
		if strings.TrimRight(l, " \t") != "general_settings:" {
			continue
		}
		indent := "  "
		for _, next := range lines[i+1:] {
			if t := strings.TrimLeft(next, " "); t != "" && !strings.HasPrefix(t, "#") {
				if n := len(next) - len(t); n > 0 {
					indent = next[:n]
				}
				break
			}
		}
		lines[i] = "general_settings:\n" + indent + masterKey
		merged = true
		break
	}
	if !merged {
		b.WriteString("general_settings:\n  " + masterKey + "\n")
	}
	if strings.TrimSpace(extra) != "" {
		b.WriteString(strings.Join(lines, "\n") + "\n")
	}
	return b.String()
}

// freePort returns a loopback port nobody listens on (now).
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// environ is the proxy's environment: ours without what would connect it
// to a database or route loopback calls through an HTTP proxy.
func environ(masterKey string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(name) {
		case "DATABASE_URL", "DIRECT_URL", "LITELLM_MASTER_KEY", "LITELLM_LOCAL_MODEL_COST_MAP", "NO_PROXY":
			continue
		}
		env = append(env, kv)
	}
	noProxy := "127.0.0.1,localhost,::1"
	if v := os.Getenv("NO_PROXY"); v != "" {
		noProxy = v + "," + noProxy
	}
	return append(env, "LITELLM_MASTER_KEY="+masterKey, "LITELLM_LOCAL_MODEL_COST_MAP=True",
		"NO_PROXY="+noProxy, "no_proxy="+noProxy, "PYTHONUNBUFFERED=1")
}

// start runs the proxy of the venv dir with files in tmp and waits until it
// is alive.
func start(dir, version string, opts Options, tmp string) (*Proxy, error) {
	models := opts.Models
	if models == nil {
		models = DefaultModels()
	}
	cfg := filepath.Join(tmp, "config.yaml")
	if err := os.WriteFile(cfg, []byte(renderConfig(models, opts.ExtraConfig)), 0o600); err != nil {
		return nil, err
	}
	var lastErr error
	for attempt := 0; attempt < 2; attempt++ { // a second port if the first was taken meanwhile
		p, err := startOnce(dir, version, cfg, tmp, attempt)
		if err == nil {
			return p, nil
		}
		lastErr = err
		if !errors.Is(err, errPortTaken) {
			break
		}
	}
	return nil, lastErr
}

var errPortTaken = errors.New("port taken")

func startOnce(dir, version, cfg, tmp string, attempt int) (*Proxy, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	p := &Proxy{URL: fmt.Sprintf("http://127.0.0.1:%d", port), MasterKey: newMasterKey(), Version: version,
		ConfigFile: cfg, LogFile: filepath.Join(tmp, fmt.Sprintf("proxy-%d.log", attempt)), done: make(chan struct{})}
	log, err := os.Create(p.LogFile)
	if err != nil {
		return nil, err
	}
	p.cmd = exec.Command(filepath.Join(dir, "bin", "litellm"), "--config", cfg, "--host", "127.0.0.1", "--port", fmt.Sprint(port))
	p.cmd.Dir = tmp
	p.cmd.Env = environ(p.MasterKey)
	p.cmd.Stdout, p.cmd.Stderr = log, log
	setProcAttr(p.cmd)
	if err := p.cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("start LiteLLM %s: %w", version, err)
	}
	go func() {
		p.waitErr = p.cmd.Wait()
		log.Close()
		close(p.done)
	}()
	if err := p.waitAlive(StartTimeout); err != nil {
		p.Stop()
		tail := p.LogTail(40)
		err = fmt.Errorf("LiteLLM %s did not come up: %v\n--- %s (last lines) ---\n%s", version, err, p.LogFile, tail)
		if strings.Contains(tail, "address already in use") {
			return nil, fmt.Errorf("%w: %w", errPortTaken, err)
		}
		return nil, err
	}
	return p, nil
}

// waitAlive polls GET /health/liveliness until it answers 200.
func (p *Proxy) waitAlive(timeout time.Duration) error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(timeout)
	for {
		select {
		case <-p.done:
			return fmt.Errorf("the process exited: %v", p.waitErr)
		default:
		}
		resp, err := client.Get(p.URL + "/health/liveliness")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("/health/liveliness: HTTP %d", resp.StatusCode)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not alive after %s: %v", timeout, err)
		}
		select {
		case <-p.done:
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// Stop stops the proxy: SIGTERM to its process group, SIGKILL after a few
// seconds. It is idempotent.
func (p *Proxy) Stop() {
	if p == nil || p.cmd == nil {
		return
	}
	p.stopOnce.Do(func() {
		signalGroup(p.cmd, false)
		select {
		case <-p.done:
		case <-time.After(stopGrace):
			signalGroup(p.cmd, true)
			<-p.done
		}
		signalGroup(p.cmd, true) // children left in the group
		if p.tmpDir != "" {
			os.RemoveAll(p.tmpDir)
		}
	})
}

// Exited reports whether the proxy process has exited.
func (p *Proxy) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// LogTail returns the last n lines of the proxy's log, with the master key
// masked.
func (p *Proxy) LogTail(n int) string {
	return strings.ReplaceAll(tailFile(p.LogFile, n), p.MasterKey, "sk-***")
}

// tailFile returns the last n lines of file (at most 16 KiB).
func tailFile(file string, n int) string {
	b, err := os.ReadFile(file)
	if err != nil {
		return fmt.Sprintf("(%v)", err)
	}
	if len(b) > 16<<10 {
		b = b[len(b)-16<<10:]
	}
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}
