package realproxy

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// fakeLiteLLMEnv makes the test binary act as a fake bin/litellm: it serves
// /health/liveliness on the --port it is given, so Start and Stop are
// tested without Python.
const fakeLiteLLMEnv = "REALPROXY_FAKE_LITELLM"

func TestMain(m *testing.M) {
	if mode := os.Getenv(fakeLiteLLMEnv); mode != "" {
		fakeLiteLLM(mode)
		return
	}
	code := m.Run()
	StopShared()
	os.Exit(code)
}

// fakeLiteLLM is the fake proxy: "serve" answers liveliness, "crash" exits
// at once, "taken" reports the port in use.
func fakeLiteLLM(mode string) {
	port := ""
	for i, a := range os.Args {
		if a == "--port" && i+1 < len(os.Args) {
			port = os.Args[i+1]
		}
	}
	fmt.Println("fake litellm starting, master key", os.Getenv("LITELLM_MASTER_KEY"))
	switch mode {
	case "crash":
		fmt.Println("Traceback: boom")
		os.Exit(3)
	case "taken":
		fmt.Println("ERROR: [Errno 98] error while attempting to bind on address: address already in use")
		os.Exit(1)
	}
	http.HandleFunc("/health/liveliness", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`"I'm alive!"`))
	})
	fmt.Println(http.ListenAndServe("127.0.0.1:"+port, nil))
	os.Exit(1)
}

// fakeTB records Skipf and Fatalf instead of ending the real test.
type fakeTB struct {
	testing.TB
	mu              sync.Mutex
	skipped, failed string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Skipf(format string, args ...any) {
	f.mu.Lock()
	f.skipped = fmt.Sprintf(format, args...)
	f.mu.Unlock()
	runtime.Goexit()
}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.mu.Lock()
	f.failed = fmt.Sprintf(format, args...)
	f.mu.Unlock()
	runtime.Goexit()
}

// run calls fn(f) in a goroutine, as the testing package runs a test, and
// waits for it.
func (f *fakeTB) run(fn func(testing.TB)) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
}

// withPython points the package at a fake interpreter for the test.
func withPython(t *testing.T, path string) {
	old := python
	python = path
	t.Cleanup(func() { python = old })
}

func TestRenderConfig(t *testing.T) {
	tests := []struct {
		name   string
		models []Model
		extra  string
		want   map[string]any
	}{
		{"default models", DefaultModels(), "", map[string]any{
			"model_list": []any{
				map[string]any{"model_name": "gpt-4o", "litellm_params": map[string]any{
					"model": "openai/gpt-4o", "api_key": "sk-fake-upstream", "mock_response": "Hello from the real LiteLLM proxy"}},
				map[string]any{"model_name": "gpt-4o-mini", "litellm_params": map[string]any{
					"model": "openai/gpt-4o-mini", "api_key": "sk-fake-upstream", "mock_response": "Hi from the real LiteLLM proxy"}},
			},
			"general_settings": map[string]any{"master_key": "os.environ/LITELLM_MASTER_KEY"},
		}},
		{"forwarding model, quoting", []Model{{Name: `emu: "x"`, APIBase: "http://127.0.0.1:1234/v1", APIKey: "sk-emu"}}, "", map[string]any{
			"model_list": []any{map[string]any{"model_name": `emu: "x"`, "litellm_params": map[string]any{
				"model": `openai/emu: "x"`, "api_key": "sk-emu", "api_base": "http://127.0.0.1:1234/v1"}}},
			"general_settings": map[string]any{"master_key": "os.environ/LITELLM_MASTER_KEY"},
		}},
		{"no models, extra settings", []Model{}, "litellm_settings:\n  drop_params: true\n", map[string]any{
			"model_list":       []any{},
			"general_settings": map[string]any{"master_key": "os.environ/LITELLM_MASTER_KEY"},
			"litellm_settings": map[string]any{"drop_params": true},
		}},
		{"extra general_settings merged (4-space indent)", nil,
			"router_settings:\n    num_retries: 0\ngeneral_settings:\n    # comment\n    allow_public_health_readiness_details: true\n", map[string]any{
				"model_list":      []any{},
				"router_settings": map[string]any{"num_retries": 0},
				"general_settings": map[string]any{"master_key": "os.environ/LITELLM_MASTER_KEY",
					"allow_public_health_readiness_details": true},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := renderConfig(tt.models, tt.extra)
			var got map[string]any
			if err := yaml.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("not YAML: %v\n%s", err, out)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("config (-want +got):\n%s\n%s", diff, out)
			}
		})
	}
}

func TestNewMasterKey(t *testing.T) {
	a, b := newMasterKey(), newMasterKey()
	if len(a) != 35 || !strings.HasPrefix(a, "sk-") || strings.Trim(a[3:], "0123456789abcdef") != "" {
		t.Errorf("key %q is not sk- and 32 hex digits", a)
	}
	if a == b {
		t.Error("two keys are equal")
	}
}

func TestVenvDir(t *testing.T) {
	root := t.TempDir()
	t.Setenv(EnvCache, root)
	if got, err := VenvDir("1.88.0"); err != nil || got != filepath.Join(root, "1.88.0") {
		t.Errorf("VenvDir = %q, %v", got, err)
	}
	for _, bad := range []string{"", "../x", "a/b", ".hidden"} {
		if _, err := VenvDir(bad); err == nil {
			t.Errorf("VenvDir(%q): no error", bad)
		}
	}
	t.Setenv(EnvCache, "")
	home, err := os.UserCacheDir()
	if err != nil {
		t.Skip("no user cache dir here")
	}
	if got, _ := VenvDir(Pinned); got != filepath.Join(home, "proxyclient", "realproxy", Pinned) {
		t.Errorf("default VenvDir = %q", got)
	}
}

func TestComplete(t *testing.T) {
	tests := []struct {
		name    string
		marker  string // "" writes none
		litellm bool
		want    bool
	}{
		{"no marker", "", true, false},
		{"marker of the older recipe", "litellm[proxy]==1.88.0\n", true, false},
		{"marker of another version", marker("1.87.0"), true, false},
		{"marker but no bin/litellm", marker("1.88.0"), false, false},
		{"complete", marker("1.88.0"), true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.marker != "" {
				writeFile(t, filepath.Join(dir, MarkerFile), tt.marker, 0o644)
			}
			if tt.litellm {
				writeFile(t, filepath.Join(dir, "bin", "litellm"), "#!/bin/sh\n", 0o755)
			}
			if got := complete(dir, "1.88.0"); got != tt.want {
				t.Errorf("complete = %v, want %v", got, tt.want)
			}
		})
	}
}

func writeFile(t *testing.T, file, data string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
}

// fakePython writes a python3 stand-in: "-c ..." succeeds, "-m venv
// --clear DIR" creates DIR/bin/pip, and that pip logs its arguments to
// DIR/pip.calls, sleeps a little (so concurrent installs overlap) and
// creates bin/litellm, or fails when $FAKE_PIP_FAIL is set.
func fakePython(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "python3")
	writeFile(t, file, `#!/bin/sh
set -e
if [ "$1" = "-c" ]; then exit 0; fi
dir="$4"
mkdir -p "$dir/bin"
cat > "$dir/bin/pip" <<EOF
#!/bin/sh
echo "\$*" >> "$dir/pip.calls"
sleep 0.2
if [ -n "\$FAKE_PIP_FAIL" ]; then echo "ERROR: No matching distribution found" >&2; exit 1; fi
printf '#!/bin/sh\n' > "$dir/bin/litellm"
chmod +x "$dir/bin/litellm"
EOF
chmod +x "$dir/bin/pip"
echo venv >> "$dir/venv.calls"
`, 0o755)
	return file
}

func lines(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

func TestProvision(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake interpreter is a shell script")
	}
	t.Setenv(EnvCache, t.TempDir())
	withPython(t, fakePython(t))
	const v = "9.9.9"
	dir, _ := VenvDir(v)

	// Concurrent provisioning installs once, under the lock.
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Go(func() { _, errs[i] = Provision(v) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Provision %d: %v", i, err)
		}
	}
	if got := lines(t, filepath.Join(dir, "venv.calls")); len(got) != 1 {
		t.Errorf("venv created %d times, want 1", len(got))
	}
	want := []string{"install --disable-pip-version-check --no-input litellm[proxy]==9.9.9 prisma==0.15.0"}
	if diff := cmp.Diff(want, lines(t, filepath.Join(dir, "pip.calls"))); diff != "" {
		t.Errorf("pip calls (-want +got):\n%s", diff)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, MarkerFile)); string(b) != marker(v) {
		t.Errorf("marker = %q, want %q", b, marker(v))
	}
	if err := Available(v); err != nil {
		t.Errorf("Available after Provision: %v", err)
	}

	// A venv of the older recipe (marker without prisma) is completed by pip
	// in place, without a new venv.
	writeFile(t, filepath.Join(dir, MarkerFile), "litellm[proxy]==9.9.9\n", 0o644)
	if _, err := Provision(v); err != nil {
		t.Fatal(err)
	}
	if got := lines(t, filepath.Join(dir, "venv.calls")); len(got) != 1 {
		t.Errorf("venv recreated for an older marker (%d)", len(got))
	}
	if got := lines(t, filepath.Join(dir, "pip.calls")); len(got) != 2 {
		t.Errorf("pip ran %d times, want 2", len(got))
	}
}

func TestProvisionFailureLeavesNoMarker(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake interpreter is a shell script")
	}
	t.Setenv(EnvCache, t.TempDir())
	t.Setenv("FAKE_PIP_FAIL", "1")
	withPython(t, fakePython(t))
	_, err := Provision("9.9.8")
	if err == nil || !strings.Contains(err.Error(), "No matching distribution") || !strings.Contains(err.Error(), "9.9.8.log") {
		t.Fatalf("err = %v, want the pip failure and the log file", err)
	}
	dir, _ := VenvDir("9.9.8")
	if _, err := os.Stat(filepath.Join(dir, MarkerFile)); !os.IsNotExist(err) {
		t.Errorf("marker after a failed install: %v", err)
	}
}

func TestStartSkipOrFail(t *testing.T) {
	t.Setenv(EnvCache, t.TempDir())
	withPython(t, filepath.Join(t.TempDir(), "no-python3"))
	for _, live := range []string{"", "1"} {
		t.Run("LITELLM_LIVE="+live, func(t *testing.T) {
			t.Setenv(EnvLive, live)
			for name, start := range map[string]func(testing.TB){
				"Start":  func(tb testing.TB) { Start(tb, Options{}) },
				"Shared": func(tb testing.TB) { Shared(tb, "9.9.4") },
			} {
				f := &fakeTB{TB: t}
				f.run(start)
				got, other := f.skipped, f.failed
				if live == "1" {
					got, other = f.failed, f.skipped
				}
				if got == "" || other != "" {
					t.Fatalf("%s: skipped %q, failed %q", name, f.skipped, f.failed)
				}
				if !strings.Contains(got, "realproxy: no real LiteLLM") || !strings.Contains(got, "no-python3 not found in PATH") ||
					!strings.Contains(got, EnvLive+"=1") {
					t.Errorf("%s: message %q does not say why", name, got)
				}
			}
		})
	}
	if err := Available(Pinned); err == nil || !strings.Contains(err.Error(), "not found in PATH") {
		t.Errorf("Available = %v", err)
	}
}

// fakeVenv makes a complete venv whose bin/litellm is this test binary in
// fake mode.
func fakeVenv(t *testing.T, version, mode string) {
	t.Helper()
	t.Setenv(EnvCache, t.TempDir())
	t.Setenv(fakeLiteLLMEnv, mode)
	dir, _ := VenvDir(version)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(exe, filepath.Join(dir, "bin", "litellm")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, MarkerFile), marker(version), 0o644)
}

func TestStartStop(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("process groups")
	}
	fakeVenv(t, "9.9.7", "serve")
	var p *Proxy
	t.Run("start", func(t *testing.T) {
		p = Start(t, Options{Version: "9.9.7"})
		resp, err := http.Get(p.URL + "/health/liveliness")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if p.Version != "9.9.7" || !strings.HasPrefix(p.URL, "http://127.0.0.1:") || p.Exited() {
			t.Errorf("proxy = %+v", p)
		}
		cfg, _ := os.ReadFile(p.ConfigFile)
		if !strings.Contains(string(cfg), "gpt-4o-mini") {
			t.Errorf("config without the default models:\n%s", cfg)
		}
		if tail := p.LogTail(5); !strings.Contains(tail, "fake litellm starting") || strings.Contains(tail, p.MasterKey) {
			t.Errorf("log tail %q: want the output, with the key masked", tail)
		}
	})
	// The subtest's cleanup stopped it.
	deadline := time.Now().Add(10 * time.Second)
	for !p.Exited() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !p.Exited() {
		t.Fatal("the proxy still runs after its test ended")
	}
	if _, err := http.Get(p.URL + "/health/liveliness"); err == nil {
		t.Error("the port still answers")
	}
	p.Stop() // idempotent
}

func TestStartFailures(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("process groups")
	}
	tests := []struct {
		mode string
		want []string
	}{
		{"crash", []string{"did not come up", "the process exited", "Traceback: boom"}},
		{"taken", []string{"port taken", "address already in use"}},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			fakeVenv(t, "9.9.6", tt.mode)
			t.Setenv(EnvLive, "") // a start failure fails even without LITELLM_LIVE
			f := &fakeTB{TB: t}
			f.run(func(tb testing.TB) { Start(tb, Options{Version: "9.9.6"}) })
			if f.skipped != "" || f.failed == "" {
				t.Fatalf("skipped %q, failed %q: want a failure", f.skipped, f.failed)
			}
			for _, w := range tt.want {
				if !strings.Contains(f.failed, w) {
					t.Errorf("failure %q lacks %q", f.failed, w)
				}
			}
			if strings.Contains(f.failed, "sk-") && !strings.Contains(f.failed, "sk-***") {
				t.Errorf("failure shows the master key: %q", f.failed)
			}
		})
	}
}

func TestShared(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("process groups")
	}
	fakeVenv(t, "9.9.5", "serve")
	a := Shared(t, "9.9.5")
	b := Shared(t, "9.9.5")
	if a != b {
		t.Fatal("Shared started two proxies for one version")
	}
	StopShared()
	if !a.Exited() {
		t.Error("StopShared left the proxy running")
	}
	if _, err := os.Stat(a.ConfigFile); !os.IsNotExist(err) {
		t.Errorf("temporary files left: %v", err)
	}
	c := Shared(t, "9.9.5")
	if c == a || c.Exited() {
		t.Error("Shared after StopShared did not start a new proxy")
	}
	StopShared()
}
