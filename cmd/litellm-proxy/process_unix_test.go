//go:build unix

package main

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startCLI starts the CLI (this test binary, see TestMain) as a subprocess
// with HOME set to home and the given arguments.
func startCLI(t *testing.T, home string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "LITELLM_PROXY_TEST_MAIN=1", "HOME="+home,
		"LITELLM_PROXY_API_KEY=", "LITELLM_PROXY_URL=", "NO_COLOR=1", "BROWSER=true")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return cmd, &stdout, &stderr
}

// waitCLI waits for cmd up to d and returns its exit code; it kills the
// process and fails the test when it is still running then.
func waitCLI(t *testing.T, cmd *exec.Cmd, d time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.ExitCode()
		}
		t.Fatalf("wait: %v", err)
	case <-time.After(d):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("the CLI was still running %s later", d)
	}
	return -1
}

// hangingServer accepts requests and never answers them; hit receives one
// value per request.
func hangingServer(t *testing.T) (*httptest.Server, chan struct{}) {
	t.Helper()
	hit := make(chan struct{}, 16)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hit <- struct{}{}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	return srv, hit
}

// TestSignalEndsCLI: SIGTERM and SIGINT end a command waiting on a server
// that never answers, within a few seconds, with exit codes 143 and 130.
func TestSignalEndsCLI(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		sig  syscall.Signal
		args []string
		want int
	}{
		{"SIGTERM models list", syscall.SIGTERM, []string{"models", "list"}, 143},
		{"SIGINT models list", syscall.SIGINT, []string{"models", "list"}, 130},
		{"SIGTERM keys generate", syscall.SIGTERM, []string{"keys", "generate"}, 143},
		{"SIGTERM login", syscall.SIGTERM, []string{"login", "--no-browser"}, 143},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, hit := hangingServer(t)
			args := append([]string{"--base-url", srv.URL, "--api-key", "sk-test-signal-0123456789"}, tt.args...)
			cmd, _, stderr := startCLI(t, t.TempDir(), args...)
			select {
			case <-hit:
			case <-time.After(10 * time.Second):
				t.Fatal("the CLI sent no request")
			}
			start := time.Now()
			if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			code := waitCLI(t, cmd, 5*time.Second)
			if code != tt.want {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.want, stderr)
			}
			if d := time.Since(start); d > 4*time.Second {
				t.Errorf("exited %s after the signal", d)
			}
			if !strings.Contains(strings.ToLower(stderr.String()), "cancelled") {
				t.Errorf("stderr %q: want it to say the command was cancelled", stderr)
			}
		})
	}
}

// TestSignalEndsBlockedCLI: a command blocked in a system call that its
// context cannot interrupt (models import reading a FIFO nobody writes,
// blocked in open(2)) still ends SignalGrace after SIGTERM, with 143.
func TestSignalEndsBlockedCLI(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "config.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			_ = w.Close()
		}
	})
	cmd, _, stderr := startCLI(t, t.TempDir(), "--base-url", "http://127.0.0.1:1", "models", "import", fifo)
	time.Sleep(300 * time.Millisecond) // let it reach open(2)
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code := waitCLI(t, cmd, 10*time.Second)
	if code != 143 {
		t.Errorf("exit code %d, want 143; stderr:\n%s", code, stderr)
	}
	if d := time.Since(start); d > 6*time.Second {
		t.Errorf("exited %s after the signal", d)
	}
	if !strings.Contains(stderr.String(), "did not stop in time") {
		t.Errorf("stderr %q: want the forced-exit note", stderr)
	}
}

// TestTokenFIFODoesNotHangCLI: a FIFO at ~/.litellm/token.json neither
// blocks a command that looks for a stored key nor whoami; both finish at
// once, and the error names the path and what it is.
func TestTokenFIFODoesNotHangCLI(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/sso/cli/start" {
			http.NotFound(w, r) // the older login flow
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"data": []}`))
	}))
	t.Cleanup(srv.Close)
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".litellm"), 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(home, ".litellm", "token.json")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	// Whatever happens, release a reader blocked in open(2) at the end.
	t.Cleanup(func() {
		if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			_ = w.Close()
		}
	})
	tests := []struct {
		args     []string
		wantCode int
		stderr   string
	}{
		{[]string{"--base-url", srv.URL, "models", "list"}, 0, "a named pipe (FIFO), not a regular file"},
		{[]string{"--base-url", srv.URL, "whoami"}, 1, "a named pipe (FIFO), not a regular file"},
		{[]string{"--base-url", srv.URL, "login", "--no-browser", "--login-timeout", "1s", "--poll-interval", "50ms"}, 2, "a named pipe (FIFO), not a regular file"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[2:], " "), func(t *testing.T) {
			cmd, _, stderr := startCLI(t, home, tt.args...)
			code := waitCLI(t, cmd, 10*time.Second)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stderr.String(), tt.stderr) || !strings.Contains(stderr.String(), path) {
				t.Errorf("stderr %q: want the path and %q", stderr, tt.stderr)
			}
		})
	}
}
