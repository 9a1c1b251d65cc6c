package iostreams

import (
	"io"
	"strings"
	"testing"
)

func TestSystemEnvironment(t *testing.T) {
	t.Parallel()
	env := func(m map[string]string) Getenv { return func(k string) string { return m[k] } }
	tests := []struct {
		env        map[string]string
		tty, color bool
	}{
		{map[string]string{"LITELLM_PROXY_FORCE_TTY": "1"}, true, true},
		{map[string]string{"LITELLM_PROXY_FORCE_TTY": "1", "NO_COLOR": "1"}, true, false},
		{map[string]string{"LITELLM_PROXY_FORCE_TTY": "1", "NO_COLOR": "anything"}, true, false},
		{map[string]string{"LITELLM_PROXY_FORCE_TTY": "1", "CLICOLOR": "0"}, true, false},
		{map[string]string{"LITELLM_PROXY_FORCE_TTY": "1", "TERM": "dumb"}, true, false},
		{map[string]string{"LITELLM_PROXY_FORCE_TTY": "0"}, false, false},
		{map[string]string{"LITELLM_PROXY_FORCE_TTY": "false"}, false, false},
	}
	for _, tt := range tests {
		s := System(env(tt.env))
		if !tt.tty {
			// Under go test the real streams are not terminals.
			s.SetStdoutTTY(false)
		}
		if s.IsStdoutTTY() != tt.tty || s.ColorScheme().Enabled() != tt.color {
			t.Errorf("%v: tty %v color %v, want %v %v", tt.env, s.IsStdoutTTY(), s.ColorScheme().Enabled(), tt.tty, tt.color)
		}
		if tt.tty && (!s.IsStdinTTY() || !s.IsStderrTTY() || !s.CanPrompt()) {
			t.Errorf("%v: FORCE_TTY should make every stream a terminal", tt.env)
		}
	}
}

func TestColorScheme(t *testing.T) {
	t.Parallel()
	on, off := &ColorScheme{enabled: true}, &ColorScheme{}
	if got := on.Red("x"); got != "\x1b[31mx\x1b[0m" {
		t.Errorf("Red = %q", got)
	}
	if got := on.Bold(""); got != "" {
		t.Errorf("Bold of empty = %q", got)
	}
	if got := off.Green("x"); got != "x" {
		t.Errorf("disabled Green = %q", got)
	}
}

func TestReadLine(t *testing.T) {
	t.Parallel()
	s, in, _, _ := Test()
	in.WriteString("one\r\ntwo\nlast")
	for _, want := range []string{"one", "two", "last"} {
		got, err := s.ReadLine()
		if err != nil || got != want {
			t.Fatalf("ReadLine = %q, %v; want %q", got, err, want)
		}
	}
	if _, err := s.ReadLine(); err != io.EOF {
		t.Errorf("ReadLine at the end: %v, want EOF", err)
	}
}

func TestProgressIndicator(t *testing.T) {
	t.Parallel()
	s, _, _, errOut := Test()
	s.StartProgressIndicator("waiting")
	s.StopProgressIndicator()
	if errOut.Len() != 0 {
		t.Errorf("spinner written when stderr is not a terminal: %q", errOut)
	}
	s.SetStderrTTY(true)
	s.StartProgressIndicator("waiting")
	s.StartProgressIndicator("again") // no second spinner
	s.StopProgressIndicator()
	s.StopProgressIndicator() // no-op
	if out := errOut.String(); !strings.Contains(out, "waiting") || strings.Contains(out, "again") {
		t.Errorf("spinner output %q", out)
	}
}
