//go:build unix

package facade

import "syscall"

// openNonBlock is added to the flags LoadToken opens the token file with, so
// that opening a FIFO never blocks.
const openNonBlock = syscall.O_NONBLOCK
