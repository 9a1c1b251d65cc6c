// Package cli builds the litellm-proxy command tree and runs it: [Main] is
// the whole program, and the one place where errors become exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/auth"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/chat"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/credentials"
	httpcmd "github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/http"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/keys"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/modelgroups"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/models"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/teams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/users"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/version"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// Exit codes of the CLI.
const (
	ExitOK    = 0 // success
	ExitError = 1 // an API, network or runtime error, or a cancelled command
	ExitUsage = 2 // a usage error: a bad flag or argument
)

// Version is the CLI's version; release builds set it with
// -ldflags "-X github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cli.Version=v1.2.3".
var Version = ""

// cliVersion returns Version, else the module version from the build info,
// else the facade's version.
func cliVersion() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return strings.TrimPrefix(bi.Main.Version, "v")
	}
	return facade.Version
}

// Main runs the CLI with the process's arguments, streams and environment,
// and returns the exit code. Ctrl-C cancels the running command's context.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, cmdutil.New(cliVersion()), os.Args[1:])
}

// Run runs the command tree with args and returns the exit code.
func Run(ctx context.Context, f *cmdutil.Factory, args []string) int {
	root := NewRootCmd(f)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	return HandleError(f, cmd, err)
}

// HandleError prints err the way its type asks for and returns the exit
// code:
//
//   - nil: 0.
//   - a usage error ([*cmdutil.FlagError] or one of cobra's own): "Error: …"
//     and a pointer to --help on stderr; 2.
//   - an [*facade.APIError]: "Error: HTTP <status>" on stderr and the error
//     body pretty-printed on stdout when it is JSON (on stderr otherwise),
//     redacted, as upstream's shared handler does; 1.
//   - [cmdutil.ErrSilent]: nothing more (the command has reported); 1.
//   - a cancelled context or [cmdutil.ErrCancel]: "Cancelled."; 1.
//   - anything else: "Error: <message>", redacted; 1.
func HandleError(f *cmdutil.Factory, cmd *cobra.Command, err error) int {
	if err == nil {
		return ExitOK
	}
	ios := f.IOStreams
	cs := ios.ErrColorScheme()
	var flagErr *cmdutil.FlagError
	var apiErr *facade.APIError
	switch {
	case errors.Is(err, cmdutil.ErrSilent):
		return ExitError
	case errors.As(err, &flagErr) || isCobraUsageError(err):
		fmt.Fprintf(ios.ErrOut, "%s %s\n", cs.Red("Error:"), facade.Redact(err.Error()))
		path := "litellm-proxy"
		if cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(ios.ErrOut, "Run '%s --help' for usage.\n", path)
		return ExitUsage
	case errors.As(err, &apiErr):
		printAPIError(f, apiErr)
		return ExitError
	case errors.Is(err, cmdutil.ErrCancel) || errors.Is(err, context.Canceled):
		fmt.Fprintln(ios.ErrOut, "Cancelled.")
		return ExitError
	default:
		fmt.Fprintf(ios.ErrOut, "%s %s\n", cs.Red("Error:"), facade.Redact(err.Error()))
		return ExitError
	}
}

// printAPIError is upstream's shared HTTP error handler.
func printAPIError(f *cmdutil.Factory, e *facade.APIError) {
	ios := f.IOStreams
	fmt.Fprintf(ios.ErrOut, "%s HTTP %d\n", ios.ErrColorScheme().Red("Error:"), e.StatusCode)
	body := strings.TrimSpace(string(e.Body))
	if body != "" {
		if pretty, err := output.JSON([]byte(body)); err == nil {
			fmt.Fprint(ios.Out, facade.Redact(string(pretty)))
			return
		}
		const limit = 4 << 10
		if len(body) > limit {
			body = body[:limit] + "…"
		}
		fmt.Fprintln(ios.ErrOut, facade.Redact(body))
		return
	}
	if e.Message != "" {
		fmt.Fprintln(ios.ErrOut, facade.Redact(e.Message))
	}
}

// isCobraUsageError recognises the errors cobra and pflag return for bad
// command lines (they have no types of their own).
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{
		"unknown command ", "unknown flag: ", "unknown shorthand flag: ", "invalid argument ",
		"flag needs an argument", "required flag(s) ", "bad flag syntax",
	} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// NewRootCmd returns the root command with the whole tree.
func NewRootCmd(f *cmdutil.Factory) *cobra.Command {
	var showVersion bool
	root := &cobra.Command{
		Use:   "litellm-proxy",
		Short: "Command-line client of the LiteLLM proxy",
		Long: `litellm-proxy manages a LiteLLM proxy: models, model groups, virtual keys,
credentials, users and teams; sends chat completions and raw HTTP requests;
and logs in through the proxy's SSO flow.

Connection: --base-url, else LITELLM_PROXY_URL, else http://localhost:4000.
API key: --api-key, else LITELLM_PROXY_API_KEY, else the key stored by
'litellm-proxy login' for the same base URL (~/.litellm/token.json).

Output: lists print as tables, or as JSON with --format json. On a terminal
a table has a title and aligned columns; when stdout is piped it prints
tab-separated values (a header row, then the rows; no title, no colour) so
that scripts can parse it. Single objects always print as JSON. Colour is
used only on a terminal and never when NO_COLOR is set.

Exit codes: 0 success; 1 an API, network or runtime error (for an HTTP error,
"Error: HTTP <status>" on stderr and the error body on stdout); 2 a usage
error (a bad flag or argument; the message names it).

Destructive commands (keys delete, users delete, teams delete, models
delete, credentials delete, model-groups delete) do not prompt and need no
--yes, as upstream, so that scripts can call them: check the arguments.`,
		Example: `  litellm-proxy login
  litellm-proxy models list
  litellm-proxy --format json keys list --size 10
  litellm-proxy chat completions gpt-4o -m "user:Hello!"
  LITELLM_PROXY_URL=https://proxy.example.com litellm-proxy version`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if showVersion {
				return version.Print(cmd.Context(), f)
			}
			return cmd.Help()
		},
	}
	root.SetContext(context.Background())
	root.SetIn(f.IOStreams.In)
	root.SetOut(f.IOStreams.Out)
	root.SetErr(f.IOStreams.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return cmdutil.FlagErrorWrap(err) })
	cmdutil.AddGlobalFlags(root, f.Globals)
	root.Flags().BoolVarP(&showVersion, "version", "v", false, "Show the CLI and server versions and exit")

	root.AddGroup(
		&cobra.Group{ID: "auth", Title: "Authentication:"},
		&cobra.Group{ID: "manage", Title: "Management:"},
		&cobra.Group{ID: "use", Title: "Using the proxy:"},
	)
	add := func(group string, cmds ...*cobra.Command) {
		for _, c := range cmds {
			c.GroupID = group
			root.AddCommand(c)
		}
	}
	add("auth", auth.NewCmdLogin(f, nil), auth.NewCmdLogout(f, nil), auth.NewCmdWhoami(f, nil))
	add("manage",
		models.NewCmdModels(f), modelgroups.NewCmdModelGroups(f), keys.NewCmdKeys(f),
		credentials.NewCmdCredentials(f), users.NewCmdUsers(f), teams.NewCmdTeams(f),
	)
	add("use", chat.NewCmdChat(f), httpcmd.NewCmdHTTP(f), version.NewCmdVersion(f, nil))
	root.SetHelpCommandGroupID("use")
	root.SetCompletionCommandGroupID("use")
	return root
}
