package auth

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// LogoutOptions are the inputs of "logout".
type LogoutOptions struct {
	IO        *iostreams.IOStreams
	TokenPath func() (string, error)
}

// NewCmdLogout returns "logout".
func NewCmdLogout(f *cmdutil.Factory, runF func(*LogoutOptions) error) *cobra.Command {
	opts := &LogoutOptions{IO: f.IOStreams, TokenPath: f.TokenPath}
	return &cobra.Command{
		Use:   "logout",
		Short: "Clear stored authentication",
		Long: cmdutil.Heredoc(`
			Delete the stored login token (~/.litellm/token.json). It makes no request:
			the key itself stays valid on the proxy until it expires or is deleted.
			Without a token it says so and exits 0.`),
		Example: `  litellm-proxy logout`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return logoutRun(opts)
		},
	}
}

func logoutRun(opts *LogoutOptions) error {
	path, err := opts.TokenPath()
	if err != nil {
		return err
	}
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(opts.IO.Out, "No stored token: already logged out.")
		return nil
	}
	if err := facade.RemoveToken(path); err != nil {
		return err
	}
	fmt.Fprintln(opts.IO.Out, "Logged out successfully. Authentication token cleared.")
	return nil
}
