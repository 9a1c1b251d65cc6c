//go:build !unix

package realproxy

import (
	"errors"
	"os/exec"
)

func setProcAttr(*exec.Cmd) {}

func signalGroup(cmd *exec.Cmd, _ bool) {
	if cmd.Process != nil {
		cmd.Process.Kill()
	}
}

func lockFile(string) (func(), error) {
	return nil, errors.New("realproxy: file locks need a Unix system")
}
