package bench

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/litellm-go/proxyclient/test/realproxy"
)

// helperEnv names the helper a re-executed test binary runs instead of the
// tests (see TestMain).
const helperEnv = "PROXYCLIENT_BENCH_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "streamserver" {
		runStreamServer()
		return
	}
	code := m.Run()
	stopStreamServer()
	realproxy.StopShared()
	os.Exit(code)
}

// heldChunks is the length of the streams of the held-stream server.
const heldChunks = 20

// runStreamServer is the held-stream server, run in its own process so that
// its connections, goroutines and buffers are not counted in the client's
// heap and goroutines. It prints "ADDR host:port" and serves until its stdin
// closes:
//
//   - POST /chat/completions answers a stream of heldChunks chunks
//     (chunkJSON): the first is written and flushed at once, the rest only
//     once /release is called, so that every stream opened before the
//     release stays open, in flight, with one chunk delivered;
//   - POST /release lets the streams held so far finish.
func runStreamServer() {
	var (
		mu      sync.Mutex
		release = make(chan struct{})
	)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /release", func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		close(release)
		release = make(chan struct{})
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /chat/completions", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		mu.Lock()
		held := release
		mu.Unlock()
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-cache")
		// No connection is kept after a round: each starts with none.
		w.Header().Set("Connection", "close")
		w.WriteHeader(http.StatusOK)
		fl := w.(http.Flusher)
		for i := range heldChunks {
			if i == 1 {
				select {
				case <-held:
				case <-r.Context().Done():
					return
				}
			}
			_, _ = fmt.Fprintf(w, "data: %s\n\n", chunkJSON(i, heldChunks))
			fl.Flush()
		}
		_, _ = io.WriteString(w, "data: [DONE]\n\n")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("ADDR %s\n", ln.Addr())
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: time.Minute}
	_ = srv.Serve(ln)
}

var streamServer struct {
	once  sync.Once
	url   string
	err   error
	cmd   *exec.Cmd
	stdin io.WriteCloser
}

// heldStreamServer starts the held-stream server process once per test
// binary and returns its base URL.
func heldStreamServer(tb testing.TB) string {
	tb.Helper()
	s := &streamServer
	s.once.Do(func() {
		s.cmd = exec.Command(os.Args[0], "-test.run=^$")
		s.cmd.Env = append(os.Environ(), helperEnv+"=streamserver", "GOMAXPROCS=1")
		s.cmd.Stderr = os.Stderr
		if s.stdin, s.err = s.cmd.StdinPipe(); s.err != nil {
			return
		}
		out, err := s.cmd.StdoutPipe()
		if err != nil {
			s.err = err
			return
		}
		if s.err = s.cmd.Start(); s.err != nil {
			return
		}
		line, err := bufio.NewReader(out).ReadString('\n')
		addr, ok := strings.CutPrefix(strings.TrimSpace(line), "ADDR ")
		if err != nil || !ok {
			s.err = errors.Join(errors.New("stream server did not print its address"), err)
			return
		}
		s.url = "http://" + addr
	})
	if s.err != nil {
		tb.Fatalf("held-stream server: %v", s.err)
	}
	return s.url
}

func stopStreamServer() {
	s := &streamServer
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.stdin.Close()
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}
