package bench

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

var cliBuild struct {
	once sync.Once
	path string
	err  error
	out  []byte
}

// buildCLI builds cmd/litellm-proxy of the enclosing repository (with its
// own go.mod) once per run, or skips the benchmark when it does not build.
func buildCLI(b *testing.B) string {
	cliBuild.once.Do(func() {
		dir, err := os.MkdirTemp("", "bench-cli-")
		if err != nil {
			cliBuild.err = err
			return
		}
		cliBuild.path = filepath.Join(dir, "litellm-proxy")
		cmd := exec.Command("go", "build", "-o", cliBuild.path, "./cmd/litellm-proxy")
		cmd.Dir = ".."
		cliBuild.out, cliBuild.err = cmd.CombinedOutput()
	})
	if cliBuild.err != nil {
		b.Skipf("cmd/litellm-proxy does not build yet, CLI benchmark skipped: %v\n%s", cliBuild.err, cliBuild.out)
	}
	return cliBuild.path
}

// BenchmarkCLI is the wall time of the CLI: "--help", and "models list"
// against the emulator (test/proxytest, which cmd/litellm-emulator serves),
// each a fresh process.
func BenchmarkCLI(b *testing.B) {
	bin := buildCLI(b)
	emu := proxytest.NewServer()
	b.Cleanup(emu.Close)
	env := append(os.Environ(),
		"LITELLM_PROXY_URL="+emu.URL,
		"LITELLM_PROXY_API_KEY="+proxytest.DefaultMasterKey,
		"HOME="+b.TempDir(), // no stored login token
		"NO_COLOR=1",
	)
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"help", []string{"--help"}, "Usage:"},
		{"models-list", []string{"models", "list"}, "gpt"},
	} {
		b.Run("cmd="+tt.name, func(b *testing.B) {
			run := func() {
				var out bytes.Buffer
				cmd := exec.Command(bin, tt.args...)
				cmd.Env, cmd.Stdout, cmd.Stderr = env, &out, &out
				if err := cmd.Run(); err != nil || !strings.Contains(out.String(), tt.want) {
					b.Fatalf("%s %v: %v\n%s", bin, tt.args, err, out.String())
				}
			}
			run()
			for b.Loop() {
				run()
			}
		})
	}
}
