package cli

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// signalRun runs RunWithSignals over run, sends sigs (the first once run has
// started), and returns the exit code (from RunWithSignals or from the exit
// function, whichever comes first), whether exit was called, and stderr.
func signalRun(t *testing.T, grace time.Duration, send []os.Signal, run func(context.Context) int) (code int, forced bool, stderr string) {
	t.Helper()
	sigs := make(chan os.Signal, 2)
	exited := make(chan int, 1)
	exit := func(c int) {
		select {
		case exited <- c:
		default:
		}
	}
	var errOut syncBuffer
	started := make(chan struct{})
	returned := make(chan int, 1)
	go func() {
		returned <- RunWithSignals(sigs, exit, &errOut, grace, func(ctx context.Context) int {
			close(started)
			return run(ctx)
		})
	}()
	<-started
	for _, s := range send {
		sigs <- s
		time.Sleep(20 * time.Millisecond)
	}
	select {
	case c := <-exited:
		return c, true, errOut.String()
	case c := <-returned:
		return c, false, errOut.String()
	case <-time.After(10 * time.Second):
		t.Fatal("neither the command returned nor exit was called within 10s")
	}
	return 0, false, ""
}

func TestRunWithSignals(t *testing.T) {
	t.Parallel()
	stops := func(ctx context.Context) int { <-ctx.Done(); return ExitError }
	block := make(chan struct{}) // never closed: a command that ignores its context
	ignores := func(context.Context) int { <-block; return ExitOK }
	tests := []struct {
		name       string
		grace      time.Duration
		send       []os.Signal
		run        func(context.Context) int
		wantCode   int
		wantForced bool
		wantErr    string
	}{
		{"SIGINT cancels the command", time.Minute, []os.Signal{os.Interrupt}, stops, ExitInterrupt, false, ""},
		{"SIGTERM cancels the command", time.Minute, []os.Signal{syscall.SIGTERM}, stops, ExitTerminated, false, ""},
		{"second signal exits at once", time.Minute, []os.Signal{os.Interrupt, os.Interrupt}, ignores, ExitInterrupt, true, "Interrupted again"},
		{"grace runs out", 50 * time.Millisecond, []os.Signal{syscall.SIGTERM}, ignores, ExitTerminated, true, "did not stop in time"},
		{"no signal keeps the code", time.Minute, nil, func(context.Context) int { return ExitUsage }, ExitUsage, false, ""},
		{"success after a signal stays 0", time.Minute, []os.Signal{syscall.SIGTERM}, func(ctx context.Context) int { <-ctx.Done(); return ExitOK }, ExitOK, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			code, forced, stderr := signalRun(t, tt.grace, tt.send, tt.run)
			if code != tt.wantCode || forced != tt.wantForced {
				t.Errorf("code %d (forced %v), want %d (forced %v)", code, forced, tt.wantCode, tt.wantForced)
			}
			if tt.wantErr != "" && !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("stderr %q, want %q", stderr, tt.wantErr)
			}
			if d := time.Since(start); tt.grace == time.Minute && d > 5*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
}

func TestSignalExitCode(t *testing.T) {
	t.Parallel()
	for sig, want := range map[os.Signal]int{os.Interrupt: 130, syscall.SIGTERM: 143, os.Kill: 137} {
		if got := SignalExitCode(sig); got != want {
			t.Errorf("SignalExitCode(%v) = %d, want %d", sig, got, want)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
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
