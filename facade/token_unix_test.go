//go:build unix

package facade

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// loadWithin runs LoadToken(path) and fails the test, instead of hanging,
// when it has not returned within the deadline. A FIFO at path is then
// opened for writing, which releases a reader blocked in open.
func loadWithin(t *testing.T, path string, deadline time.Duration) (*Token, error) {
	t.Helper()
	type result struct {
		tok *Token
		err error
	}
	done := make(chan result, 1)
	go func() {
		tok, err := LoadToken(path)
		done <- result{tok, err}
	}()
	select {
	case r := <-done:
		return r.tok, r.err
	case <-time.After(deadline):
		if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			_ = w.Close()
		}
		t.Fatalf("LoadToken(%s) did not return within %s", path, deadline)
		return nil, nil
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
}

func TestLoadTokenRefusesNonRegularFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(t *testing.T, dir, path string)
		want  string
	}{
		{name: "fifo", setup: func(t *testing.T, _, path string) { mkfifo(t, path) }, want: "a named pipe (FIFO), not a regular file"},
		{name: "symlink to fifo", setup: func(t *testing.T, dir, path string) {
			fifo := filepath.Join(dir, "pipe")
			mkfifo(t, fifo)
			if err := os.Symlink(fifo, path); err != nil {
				t.Fatal(err)
			}
		}, want: "a named pipe (FIFO), not a regular file"},
		{name: "directory", setup: func(t *testing.T, _, path string) {
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		}, want: "a directory, not a regular file"},
		{name: "device", setup: func(t *testing.T, _, path string) {
			if err := os.Symlink("/dev/null", path); err != nil {
				t.Fatal(err)
			}
		}, want: "a character device, not a regular file"},
		{name: "socket", setup: func(t *testing.T, dir, _ string) {
			// Unix socket paths are short: listen in the test's directory.
			l, err := net.Listen("unix", filepath.Join(dir, "token.json"))
			if err != nil {
				t.Skipf("unix sockets unavailable: %v", err)
			}
			t.Cleanup(func() { _ = l.Close() })
		}, want: "a socket, not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir, err := os.MkdirTemp("", "tok")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = os.RemoveAll(dir) })
			path := filepath.Join(dir, "token.json")
			tt.setup(t, dir, path)
			tok, err := loadWithin(t, path, 5*time.Second)
			if err == nil {
				t.Fatalf("LoadToken = %v, want an error", tok)
			}
			if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q: want the path and %q", msg, tt.want)
			}
		})
	}
}

func TestLoadTokenFollowsSymlinkToRegularFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := filepath.Join(dir, "real-token.json")
	if err := SaveToken(target, testToken()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "token.json")
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	tok, err := loadWithin(t, path, 5*time.Second)
	if err != nil {
		t.Fatalf("LoadToken through a symlink: %v", err)
	}
	if tok.Key != plantedKey {
		t.Errorf("LoadToken through a symlink read another key")
	}
}

// TestNewFromEnvTokenFIFO: a FIFO at ~/.litellm/token.json must not block
// NewFromEnv; the client is built without the stored key.
func TestNewFromEnvTokenFIFO(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("LITELLM_PROXY_URL", "http://127.0.0.1:1")
	t.Setenv("LITELLM_PROXY_API_KEY", "")
	if err := os.MkdirAll(filepath.Join(home, ".litellm"), 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(home, ".litellm", "token.json")
	mkfifo(t, path)
	done := make(chan error, 1)
	go func() {
		_, err := NewFromEnv()
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("NewFromEnv: %v", err)
		}
	case <-time.After(5 * time.Second):
		if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			_ = w.Close()
		}
		t.Fatal("NewFromEnv blocked on a FIFO at the token path")
	}
}
