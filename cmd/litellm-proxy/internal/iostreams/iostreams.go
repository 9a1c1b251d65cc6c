// Package iostreams holds the standard streams of the CLI and what is known
// about them: whether each is a terminal, and whether colour may be used.
//
// Data goes to Out; status, warnings and errors go to ErrOut. Colour is used
// only when the stream is a terminal and NO_COLOR is unset (any value turns
// colour off, see https://no-color.org), CLICOLOR is not "0" and TERM is not
// "dumb". LITELLM_PROXY_FORCE_TTY=1 makes every stream count as a terminal,
// for tests and for piping the human-readable output somewhere.
package iostreams

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// IOStreams are the streams a command reads and writes.
type IOStreams struct {
	// In is the standard input (prompts, piped chat input).
	In io.Reader
	// Out receives the command's data: tables, JSON, completions.
	Out io.Writer
	// ErrOut receives status lines, warnings and errors.
	ErrOut io.Writer

	stdinTTY  bool
	stdoutTTY bool
	stderrTTY bool
	noColor   bool

	inReader *bufio.Reader

	progressMu   sync.Mutex
	progressStop chan struct{}
	progressDone chan struct{}
}

// Getenv is the signature of os.Getenv, so that tests can pass a map.
type Getenv func(string) string

// System returns the process's streams, with terminal detection and the
// colour settings read from getenv (os.Getenv when nil).
func System(getenv Getenv) *IOStreams {
	if getenv == nil {
		getenv = os.Getenv
	}
	s := &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		stdinTTY:  isTerminal(os.Stdin),
		stdoutTTY: isTerminal(os.Stdout),
		stderrTTY: isTerminal(os.Stderr),
	}
	if v := getenv("LITELLM_PROXY_FORCE_TTY"); v != "" && v != "0" && !strings.EqualFold(v, "false") {
		s.stdinTTY, s.stdoutTTY, s.stderrTTY = true, true, true
	}
	s.noColor = getenv("NO_COLOR") != "" || getenv("CLICOLOR") == "0" || getenv("TERM") == "dumb"
	return s
}

// Test returns streams over buffers, none of them a terminal and colour off,
// and the three buffers (in, out, errOut).
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut, noColor: true}, in, out, errOut
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeCharDevice != 0
}

// IsStdinTTY reports whether the standard input is a terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether the standard output is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether the standard error is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// SetStdinTTY overrides the terminal detection of the standard input.
func (s *IOStreams) SetStdinTTY(v bool) { s.stdinTTY = v }

// SetStdoutTTY overrides the terminal detection of the standard output.
func (s *IOStreams) SetStdoutTTY(v bool) { s.stdoutTTY = v }

// SetStderrTTY overrides the terminal detection of the standard error.
func (s *IOStreams) SetStderrTTY(v bool) { s.stderrTTY = v }

// SetColorEnabled turns colour on or off (it still needs a terminal).
func (s *IOStreams) SetColorEnabled(v bool) { s.noColor = !v }

// CanPrompt reports whether the user can answer a prompt: standard input
// and output are both terminals.
func (s *IOStreams) CanPrompt() bool { return s.stdinTTY && s.stdoutTTY }

// ColorScheme returns the colours for Out.
func (s *IOStreams) ColorScheme() *ColorScheme {
	return &ColorScheme{enabled: s.stdoutTTY && !s.noColor}
}

// ErrColorScheme returns the colours for ErrOut.
func (s *IOStreams) ErrColorScheme() *ColorScheme {
	return &ColorScheme{enabled: s.stderrTTY && !s.noColor}
}

// ReadLine reads one line from In without its line ending. At the end of
// the input it returns the partial last line, if any, and io.EOF.
func (s *IOStreams) ReadLine() (string, error) {
	if s.inReader == nil {
		s.inReader = bufio.NewReader(s.In)
	}
	line, err := s.inReader.ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if err == io.EOF && line != "" {
		return line, nil
	}
	return line, err
}

// StartProgressIndicator shows a spinner with label on ErrOut until
// StopProgressIndicator is called, only when ErrOut is a terminal.
func (s *IOStreams) StartProgressIndicator(label string) {
	if !s.stderrTTY {
		return
	}
	s.progressMu.Lock()
	defer s.progressMu.Unlock()
	if s.progressStop != nil {
		return
	}
	stop, done := make(chan struct{}), make(chan struct{})
	s.progressStop, s.progressDone = stop, done
	go func() {
		defer close(done)
		frames := []string{"|", "/", "-", "\\"}
		t := time.NewTicker(120 * time.Millisecond)
		defer t.Stop()
		for i := 0; ; i++ {
			fmt.Fprintf(s.ErrOut, "\r%s %s", frames[i%len(frames)], label)
			select {
			case <-stop:
				fmt.Fprintf(s.ErrOut, "\r%s\r", strings.Repeat(" ", len(label)+2))
				return
			case <-t.C:
			}
		}
	}()
}

// StopProgressIndicator removes the spinner, if one is shown.
func (s *IOStreams) StopProgressIndicator() {
	s.progressMu.Lock()
	stop, done := s.progressStop, s.progressDone
	s.progressStop, s.progressDone = nil, nil
	s.progressMu.Unlock()
	if stop == nil {
		return
	}
	close(stop)
	<-done
}

// ColorScheme colours text when enabled and returns it unchanged otherwise.
type ColorScheme struct{ enabled bool }

// Enabled reports whether the scheme adds colour.
func (c *ColorScheme) Enabled() bool { return c.enabled }

func (c *ColorScheme) wrap(code, s string) string {
	if !c.enabled || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// Bold returns s in bold.
func (c *ColorScheme) Bold(s string) string { return c.wrap("1", s) }

// Red returns s in red.
func (c *ColorScheme) Red(s string) string { return c.wrap("31", s) }

// Green returns s in green.
func (c *ColorScheme) Green(s string) string { return c.wrap("32", s) }

// Yellow returns s in yellow.
func (c *ColorScheme) Yellow(s string) string { return c.wrap("33", s) }

// Cyan returns s in cyan.
func (c *ColorScheme) Cyan(s string) string { return c.wrap("36", s) }

// Gray returns s dimmed.
func (c *ColorScheme) Gray(s string) string { return c.wrap("90", s) }
