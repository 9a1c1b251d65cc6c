//go:build unix

package realproxy

import (
	"os"
	"os/exec"
	"syscall"
)

// setProcAttr puts the proxy in its own process group, so that Stop
// reaches the workers it may fork.
func setProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setParentDeathSignal(cmd.SysProcAttr)
}

// signalGroup sends SIGTERM (or SIGKILL) to the process group of cmd, which
// is the proxy's own (Setpgid): only what this package started.
func signalGroup(cmd *exec.Cmd, kill bool) {
	if cmd.Process == nil || cmd.Process.Pid <= 0 {
		return
	}
	sig := syscall.SIGTERM
	if kill {
		sig = syscall.SIGKILL
	}
	if err := syscall.Kill(-cmd.Process.Pid, sig); err != nil {
		cmd.Process.Signal(sig) // the group is gone; the process may not be
	}
}

// lockFile takes an exclusive flock on file, waiting for it.
func lockFile(file string) (unlock func(), err error) {
	f, err := os.OpenFile(file, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
