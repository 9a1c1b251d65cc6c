//go:build !unix

package facade

// openNonBlock is 0 where the platform has no O_NONBLOCK (or no FIFOs):
// LoadToken relies on its checks before and after opening.
const openNonBlock = 0
