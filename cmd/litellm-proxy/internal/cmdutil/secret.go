package cmdutil

import (
	"bufio"
	"strings"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
)

// ReadSecretLine reads a secret (an API key, a token) from the first line
// of ios.In for the flag named flag (such as "auth-value-stdin"), so that
// it is in neither the shell history nor the process list. No line, or an
// empty one, is a usage error that names the flag, never the input.
func ReadSecretLine(ios *iostreams.IOStreams, flag string) (string, error) {
	line, err := bufio.NewReader(ios.In).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		if err != nil {
			return "", FlagErrorf("--%s: nothing on stdin", flag)
		}
		return "", FlagErrorf("--%s: the first line of stdin is empty", flag)
	}
	return line, nil
}
