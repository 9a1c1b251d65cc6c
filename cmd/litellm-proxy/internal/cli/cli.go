// Package cli builds the litellm-proxy command tree and runs it: [Main] is
// the whole program, and the one place where errors become exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/accessgroups"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/auth"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/budgets"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/chat"
	configcmd "github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/config"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/credentials"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/customers"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/embeddings"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/guardrails"
	httpcmd "github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/http"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/keys"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/mcp"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/modelgroups"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/models"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/organizations"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/prompts"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/spend"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/tags"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/teams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/users"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/vectorstores"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmd/version"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// Exit codes of the CLI.
const (
	ExitOK         = 0   // success
	ExitError      = 1   // an API, network or runtime error, or a declined prompt
	ExitUsage      = 2   // a usage error: a bad flag or argument
	ExitInterrupt  = 130 // ended by SIGINT (Ctrl-C): 128 + 2, as shells report it
	ExitTerminated = 143 // ended by SIGTERM: 128 + 15
)

// SignalGrace is how long the CLI waits, after SIGINT or SIGTERM cancelled
// the running command, for the command to return before it exits anyway.
const SignalGrace = 3 * time.Second

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
// and returns the exit code.
//
// SIGINT (Ctrl-C) and SIGTERM cancel the running command's context; the
// command then stops and the exit code is 130 for SIGINT and 143 for SIGTERM.
// A second signal, or a command still running SignalGrace after the first,
// ends the process at once with that code.
func Main() int {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	f := cmdutil.New(cliVersion())
	return RunWithSignals(sigs, os.Exit, f.IOStreams.ErrOut, SignalGrace, func(ctx context.Context) int {
		return Run(ctx, f, os.Args[1:])
	})
}

// SignalExitCode is the exit code for a process ended by sig: 130 for
// SIGINT, 143 for SIGTERM, 128 + the signal number for other Unix signals,
// else 1.
func SignalExitCode(sig os.Signal) int {
	switch sig {
	case os.Interrupt:
		return ExitInterrupt
	case syscall.SIGTERM:
		return ExitTerminated
	}
	if n, ok := sig.(syscall.Signal); ok && n > 0 && n < 64 {
		return 128 + int(n)
	}
	return ExitError
}

// RunWithSignals calls run with a context that the first signal from sigs
// cancels, and returns run's exit code, or the signal's exit code
// ([SignalExitCode]) when a signal arrived and run did not succeed. A second
// signal, or run still going grace after the first, calls exit with the
// signal's code without waiting for run (a command blocked in a system call
// cannot see its context).
func RunWithSignals(sigs <-chan os.Signal, exit func(int), errOut io.Writer, grace time.Duration, run func(context.Context) int) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got atomic.Value // the first signal
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		var sig os.Signal
		select {
		case sig = <-sigs:
		case <-done:
			return
		}
		got.Store(sig)
		cancel()
		timer := time.NewTimer(grace)
		defer timer.Stop()
		select {
		case <-sigs:
			fmt.Fprintln(errOut, "\nInterrupted again: exiting now.")
		case <-timer.C:
			fmt.Fprintln(errOut, "\nThe command did not stop in time: exiting now.")
		case <-done:
			return
		}
		exit(SignalExitCode(sig))
	}()
	code := run(ctx)
	close(done)
	<-stopped
	if sig, ok := got.Load().(os.Signal); ok && code != ExitOK {
		return SignalExitCode(sig)
	}
	return code
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
//     redacted and with control characters escaped, as upstream's shared
//     handler does; 1.
//   - [cmdutil.ErrSilent]: nothing more (the command has reported); 1.
//   - a cancelled context or [cmdutil.ErrCancel]: "Cancelled."; 1 ([Main]
//     turns it into 130 or 143 when a signal cancelled the command).
//   - anything else: "Error: <message>", redacted and escaped; 1.
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
		fmt.Fprintf(ios.ErrOut, "%s %s\n", cs.Red("Error:"), output.SafeErr(err))
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
		fmt.Fprintf(ios.ErrOut, "%s %s\n", cs.Red("Error:"), output.SafeErr(err))
		return ExitError
	}
}

// printAPIError is upstream's shared HTTP error handler. The body is the
// proxy's text, so it is made safe first: JSON is decoded, re-encoded with
// control characters escaped and redacted ([output.RedactedJSON]); other
// text is cut at 4 KiB, redacted and escaped ([output.Safe]).
func printAPIError(f *cmdutil.Factory, e *facade.APIError) {
	ios := f.IOStreams
	fmt.Fprintf(ios.ErrOut, "%s HTTP %d\n", ios.ErrColorScheme().Red("Error:"), e.StatusCode)
	body := strings.TrimSpace(string(e.Body))
	if body != "" {
		if pretty, err := output.RedactedJSON([]byte(body)); err == nil {
			_, _ = ios.Out.Write(pretty)
			return
		}
		const limit = 4 << 10
		if len(body) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(body[cut]) {
				cut--
			}
			body = body[:cut] + "…"
		}
		fmt.Fprintln(ios.ErrOut, output.Safe(body))
		return
	}
	if e.Message != "" {
		fmt.Fprintln(ios.ErrOut, output.Safe(e.Message))
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

Settings are taken from a flag, else the environment, else the selected
profile of ~/.litellm/config.json ('litellm-proxy config'; --profile, else
LITELLM_PROFILE, else "default"), else the built-in default:
Connection: --base-url, else LITELLM_PROXY_URL, else the profile's base_url,
else http://localhost:4000.
API key: --api-key, else LITELLM_PROXY_API_KEY, else the key stored by
'litellm-proxy login' for the same base URL (the OS keychain, or
~/.litellm/token.json).
Output format: --format, else the profile's format, else table.

Output: lists print as tables, or as JSON with --format json. On a terminal
a table has a title and aligned columns; when stdout is piped it prints
tab-separated values (a header row, then the rows; no title, no colour) so
that scripts can parse it. Single objects always print as JSON. Colour is
used only on a terminal and never when NO_COLOR is set.

Exit codes: 0 success; 1 an API, network or runtime error (for an HTTP error,
"Error: HTTP <status>" on stderr and the error body on stdout); 2 a usage
error (a bad flag or argument; the message names it); 130 when Ctrl-C
(SIGINT) and 143 when SIGTERM stopped the command. A signal cancels the
running request; a second one, or a command still running 3 s later, ends
the CLI at once.

Text from the proxy (error messages and bodies, table cells, streamed
replies) is printed with terminal control characters escaped (ESC as \x1b,
CSI as \u009b; newlines and tabs kept), and keys, tokens and URL passwords
in error output are redacted.

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
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			// --format, else the profile's format, else table.
			if fl := cmd.Flags().Lookup("format"); fl != nil && !fl.Changed {
				if v := cmdutil.ProfileSetting(f, facade.SettingFormat); v == cmdutil.FormatTable || v == cmdutil.FormatJSON {
					f.Globals.Format = v
				}
			}
			return nil
		},
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
	add("auth", auth.NewCmdLogin(f, nil), auth.NewCmdLogout(f, nil), auth.NewCmdWhoami(f, nil), auth.NewCmdAuth(f))
	add("manage",
		models.NewCmdModels(f), modelgroups.NewCmdModelGroups(f), keys.NewCmdKeys(f),
		credentials.NewCmdCredentials(f), users.NewCmdUsers(f), teams.NewCmdTeams(f),
		organizations.NewCmdOrganizations(f), budgets.NewCmdBudgets(f), customers.NewCmdCustomers(f), tags.NewCmdTags(f),
		spend.NewCmdSpend(f), guardrails.NewCmdGuardrails(f), mcp.NewCmdMCP(f), vectorstores.NewCmdVectorStores(f),
		accessgroups.NewCmdAccessGroups(f), prompts.NewCmdPrompts(f),
	)
	add("use", chat.NewCmdChat(f), embeddings.NewCmdEmbeddings(f, nil), httpcmd.NewCmdHTTP(f), version.NewCmdVersion(f, nil), configcmd.NewCmdConfig(f))
	root.SetHelpCommandGroupID("use")
	root.SetCompletionCommandGroupID("use")
	return root
}
