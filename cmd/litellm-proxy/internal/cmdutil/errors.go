package cmdutil

import (
	"errors"
	"fmt"
)

// FlagError is a usage error: a missing, malformed or conflicting flag or
// argument. The CLI prints it with a pointer to --help and exits 2.
type FlagError struct{ err error }

// Error returns the message.
func (e *FlagError) Error() string { return e.err.Error() }

// Unwrap returns the underlying error.
func (e *FlagError) Unwrap() error { return e.err }

// FlagErrorf returns a [*FlagError] with a formatted message.
func FlagErrorf(format string, args ...any) error {
	return &FlagError{err: fmt.Errorf(format, args...)}
}

// FlagErrorWrap makes err a usage error (nil stays nil).
func FlagErrorWrap(err error) error {
	if err == nil {
		return nil
	}
	return &FlagError{err: err}
}

// ErrSilent is returned by a command that has already told the user what
// went wrong; the CLI prints nothing more and exits 1.
var ErrSilent = errors.New("silent error")

// ErrCancel is returned when the user cancelled (Ctrl-C, or declining a
// prompt); the CLI exits 1.
var ErrCancel = errors.New("cancelled")
