package realproxy

import "syscall"

// setParentDeathSignal makes the kernel stop the proxy when the test binary
// dies without stopping it (a Shared proxy whose TestMain did not call
// StopShared, a killed go test).
func setParentDeathSignal(a *syscall.SysProcAttr) {
	a.Pdeathsig = syscall.SIGTERM
}
