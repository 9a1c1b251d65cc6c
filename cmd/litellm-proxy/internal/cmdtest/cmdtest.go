// Package cmdtest helps test commands: a factory over buffers, and a runner
// that parses a command line the way the real root command does.
package cmdtest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
)

// Streams are the buffers behind a test factory's IOStreams.
type Streams struct {
	In, Out, ErrOut *bytes.Buffer
}

// NewFactory returns a factory over buffers (no terminal, no colour) whose
// environment is env and whose token file is tokenPath.
func NewFactory(env map[string]string, tokenPath string) (*cmdutil.Factory, *Streams) {
	ios, in, out, errOut := iostreams.Test()
	f := cmdutil.NewFactory("test", ios, func(k string) string { return env[k] })
	f.TokenPath = func() (string, error) { return tokenPath, nil }
	f.OpenBrowser = func(string) error { return nil }
	return f, &Streams{In: in, Out: out, ErrOut: errOut}
}

// Run parses argv (split as a shell would, with ” and "" quoting) for cmd
// under a stand-in root that has the global flags, and executes it.
func Run(f *cmdutil.Factory, cmd *cobra.Command, argv string) error {
	args, err := Split(argv)
	if err != nil {
		return err
	}
	root := &cobra.Command{Use: "litellm-proxy", SilenceErrors: true, SilenceUsage: true}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return cmdutil.FlagErrorWrap(err) })
	cmdutil.AddGlobalFlags(root, f.Globals)
	root.AddCommand(cmd)
	root.SetArgs(append([]string{cmd.Name()}, args...))
	root.SetIn(strings.NewReader(""))
	root.SetOut(io.Discard)
	root.SetErr(io.Discard)
	_, err = root.ExecuteContextC(context.Background())
	return err
}

// Split splits a command line into words, honouring single and double
// quotes and backslash escapes outside single quotes.
func Split(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped = false
		case r == '\\' && quote != '\'':
			escaped, inWord = true, true
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 || escaped {
		return nil, fmt.Errorf("unterminated quote or escape in %q", s)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
