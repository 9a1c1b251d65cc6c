package teams

import (
	"context"
	"encoding/json"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/facade"
)

// TeamIDOptions are the inputs of "teams callbacks" and "teams disable-logging".
type TeamIDOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*facade.Client, error)
	TeamID string
}

// NewCmdCallbacks returns "teams callbacks".
func NewCmdCallbacks(f *cmdutil.Factory, runF func(*TeamIDOptions) error) *cobra.Command {
	opts := &TeamIDOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "callbacks TEAM_ID",
		Short: "Show a team's callback settings",
		Long: cmdutil.Heredoc(`
			Print the callback settings of the team TEAM_ID (GET /team/{team_id}/callback;
			proxy admins): its success and failure callbacks and their variables, from the
			team's metadata.callback_settings. Secret variables (keys, tokens, passwords)
			are printed as REDACTED. The callbacks "teams add-callback" adds are
			in the team's metadata.logging ("teams get" shows them).`),
		Example: `  litellm-proxy teams callbacks engineering`,
		Args:    cmdutil.ExactArgs(1, "TEAM_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.TeamID = args[0]
			if runF != nil {
				return runF(opts)
			}
			// callback_vars hold the callbacks' credentials (Langfuse keys, ...).
			return cmdutil.JSONRunRedacted(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.TeamCallbacks, error) {
					return c.Teams.Callbacks(ctx, opts.TeamID, o)
				})
		},
	}
}

// NewCmdDisableLogging returns "teams disable-logging".
func NewCmdDisableLogging(f *cmdutil.Factory, runF func(*TeamIDOptions) error) *cobra.Command {
	opts := &TeamIDOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "disable-logging TEAM_ID",
		Short: "Turn off a team's logging callbacks",
		Long: cmdutil.Heredoc(`
			Empty the success and failure callbacks of the team TEAM_ID's callback
			settings (POST /team/{team_id}/disable_logging; proxy admins) and print the
			proxy's answer as JSON.`),
		Example: `  litellm-proxy teams disable-logging engineering`,
		Args:    cmdutil.ExactArgs(1, "TEAM_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.TeamID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.TeamDisabledLogging, error) {
					return c.Teams.DisableLogging(ctx, opts.TeamID, o)
				})
		},
	}
}

// AddCallbackOptions are the inputs of "teams add-callback".
type AddCallbackOptions struct {
	IO      *iostreams.IOStreams
	Client  func() (*facade.Client, error)
	TeamID  string
	Request facade.TeamCallbackAddRequest
}

// NewCmdAddCallback returns "teams add-callback".
func NewCmdAddCallback(f *cmdutil.Factory, runF func(*AddCallbackOptions) error) *cobra.Command {
	opts := &AddCallbackOptions{IO: f.IOStreams, Client: f.Client}
	var typ string
	var vars []string
	var varsStdin bool
	cmd := &cobra.Command{
		Use:   "add-callback TEAM_ID CALLBACK [--type success|failure|success_and_failure] [--var NAME=VALUE]... [--vars-stdin]",
		Short: "Add a logging callback to a team",
		Long: cmdutil.Heredoc(`
			Log the requests of the team TEAM_ID to the integration CALLBACK (langfuse,
			langsmith, gcs_bucket, ...) with POST /team/{team_id}/callback (proxy admins).
			--var sets one of its variables (langfuse_public_key=..., langfuse_host=...);
			give secrets with --vars-stdin, a JSON object of string values read from
			stdin, so that they stay out of the shell's history. The proxy stores the
			values encrypted; the updated team is printed as JSON, secret values redacted.`),
		Example: `  litellm-proxy teams add-callback engineering langfuse --var langfuse_host=https://cloud.langfuse.com \
    --vars-stdin <<<'{"langfuse_public_key": "pk-lf-...", "langfuse_secret_key": "sk-lf-..."}'`,
		Args: cmdutil.ExactArgs(2, "TEAM_ID and CALLBACK are required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.TeamID = args[0]
			opts.Request = facade.TeamCallbackAddRequest{CallbackName: args[1], CallbackType: facade.TeamCallbackType(typ),
				CallbackVars: map[string]string{}}
			if varsStdin {
				data, err := io.ReadAll(io.LimitReader(opts.IO.In, 1<<20))
				if err != nil {
					return err
				}
				var m map[string]string
				if err := json.Unmarshal(data, &m); err != nil {
					return cmdutil.FlagErrorf("--vars-stdin: stdin is not a JSON object of strings")
				}
				for k, v := range m {
					opts.Request.CallbackVars[k] = v
				}
			}
			for _, kv := range vars {
				k, v, ok := strings.Cut(kv, "=")
				if !ok || k == "" {
					return cmdutil.FlagErrorf("--var: expected NAME=VALUE")
				}
				opts.Request.CallbackVars[k] = v
			}
			if runF != nil {
				return runF(opts)
			}
			// The team's metadata holds its callbacks' credentials.
			return cmdutil.JSONRunRedacted(cmd.Context(), opts.IO, opts.Client,
				func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.Team, error) {
					return c.Teams.AddCallback(ctx, opts.TeamID, &opts.Request, o)
				})
		},
	}
	fs := cmd.Flags()
	cmdutil.StringEnumFlag(fs, &typ, "type", "success_and_failure", "When the callback runs", "success", "failure", "success_and_failure")
	fs.StringArrayVar(&vars, "var", nil, "A callback variable, NAME=VALUE (repeatable)")
	fs.BoolVar(&varsStdin, "vars-stdin", false, "Read callback variables from stdin, as a JSON object of strings")
	return cmd
}
