package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var urlRE = regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)\n`)

// start runs the emulator until the test ends and returns its URL and outputs.
func start(t *testing.T, args ...string) (url string, stdout, stderr *syncBuffer, stop func() int) {
	t.Helper()
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	ctx, cancel := context.WithCancel(t.Context())
	code := make(chan int, 1)
	go func() { code <- run(ctx, append([]string{"--addr", "127.0.0.1:0"}, args...), stdout, stderr) }()
	stop = func() int {
		cancel()
		select {
		case c := <-code:
			return c
		case <-time.After(10 * time.Second):
			t.Fatal("run did not return after cancel")
			return -1
		}
	}
	t.Cleanup(func() { cancel() })
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := urlRE.FindStringSubmatch(stdout.String()); m != nil {
			return m[1], stdout, stderr, stop
		}
		select {
		case c := <-code:
			t.Fatalf("run exited with %d: %s", c, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("no URL printed; stdout %q, stderr %q", stdout.String(), stderr.String())
	return
}

// client is an HTTP client of the test's own.
func client(t *testing.T) *http.Client {
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

func get(t *testing.T, url, key string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := client(t).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestRun(t *testing.T) {
	url, stdout, stderr, stop := start(t, "--master-key", "sk-test-master")
	if !strings.Contains(stdout.String(), "master key: sk-test-master\n") {
		t.Errorf("stdout = %q", stdout.String())
	}
	if status, body := get(t, url+"/health/liveliness", ""); status != 200 || body != `"I'm alive!"` {
		t.Errorf("liveliness: %d %s", status, body)
	}
	if status, _ := get(t, url+"/key/list", "sk-test-master"); status != 200 {
		t.Errorf("key/list with the master key: %d", status)
	}
	if status, _ := get(t, url+"/sso/cli/poll/sk-test-session-abcd?token=sk-test-query-secret", ""); status != 200 {
		t.Errorf("poll: %d", status)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit code %d; stderr %s", code, stderr.String())
	}
	logs := stderr.String()
	for _, want := range []string{"GET /health/liveliness 200 ", "GET /key/list 200 ", "GET /sso/cli/poll/sk-...abcd 200 ", "stopped"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
	for _, secret := range []string{"sk-test-query-secret", "sk-test-session-abcd", "token="} {
		if strings.Contains(logs, secret) {
			t.Errorf("log shows %q:\n%s", secret, logs)
		}
	}
}

func TestRunConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(`model_list:
  - model_name: fake-gpt
    litellm_params: {model: openai/fake-gpt, mock_response: "Hello"}
general_settings:
  master_key: os.environ/EMULATOR_TEST_MASTER
litellm_settings: {telemetry: false}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EMULATOR_TEST_MASTER", "sk-test-config-master-9876")
	url, stdout, stderr, stop := start(t, "--config", cfg)
	if out := stdout.String(); !strings.Contains(out, "master key: sk-...9876 (from "+cfg+")\n") || strings.Contains(out, "sk-test-config-master-9876") {
		t.Errorf("stdout = %q, want the config's key abbreviated", out)
	}
	if !strings.Contains(stderr.String(), "not emulated, ignored: litellm_settings") {
		t.Errorf("stderr = %q", stderr.String())
	}
	if status, body := get(t, url+"/v1/models", "sk-test-config-master-9876"); status != 200 || !strings.Contains(body, `"id":"fake-gpt"`) || strings.Contains(body, "gpt-4o") {
		t.Errorf("models: %d %s", status, body)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit code %d", code)
	}

	// --master-key wins over the config's.
	url, _, _, stop = start(t, "--config", cfg, "--master-key", "sk-test-flag", "--enterprise")
	if status, _ := get(t, url+"/key/list", "sk-test-flag"); status != 200 {
		t.Errorf("flag key: %d", status)
	}
	stop()

	// A bad config file is a usage error naming the file.
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("model_list:\n  - model_name: x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run(t.Context(), []string{"--config", bad}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), bad) ||
		!strings.Contains(errOut.String(), "has no litellm_params") {
		t.Errorf("bad config: code %d, stderr %q", code, errOut.String())
	}
}

func TestRunSSOFlags(t *testing.T) {
	url, _, _, stop := start(t, "--sso-start-flow", "--sso-auto-approve", "--seed", "7")
	req, _ := http.NewRequestWithContext(t.Context(), "POST", url+"/sso/cli/start", nil)
	resp, err := client(t).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("/sso/cli/start: %d", resp.StatusCode)
	}
	if status, body := get(t, url+"/sso/key/generate?source=litellm-cli&key=sk-test-login", ""); status != 200 || !strings.Contains(body, "Login successful") {
		t.Errorf("auto approve: %d %s", status, body)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

func TestRunUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"--no-such-flag"}, 2},
		{[]string{"extra"}, 2},
		{[]string{"--master-key", ""}, 2},
		{[]string{"-h"}, 0},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(t.Context(), tt.args, &stdout, &stderr); code != tt.code {
			t.Errorf("run(%q) = %d, want %d; stderr %s", tt.args, code, tt.code, stderr.String())
		}
		if stdout.Len() != 0 {
			t.Errorf("run(%q) printed %q", tt.args, stdout.String())
		}
	}
}

func TestRunListenError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"--addr", ln.Addr().String()}, &stdout, &stderr); code != 1 {
		t.Errorf("code = %d, want 1; stderr %s", code, stderr.String())
	}
}

func TestRedactPath(t *testing.T) {
	for in, want := range map[string]string{
		"/key/sk-abcdef123456/regenerate": "/key/sk-...3456/regenerate",
		"/health/liveliness":              "/health/liveliness",
		"/sso/cli/poll/sk-x":              "/sso/cli/poll/sk-x",
	} {
		if got := redactPath(in); got != want {
			t.Errorf("redactPath(%q) = %q, want %q", in, got, want)
		}
	}
}
