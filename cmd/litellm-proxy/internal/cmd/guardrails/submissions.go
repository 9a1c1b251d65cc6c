package guardrails

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// SubmissionOptions are the inputs of "guardrails register" and the
// "guardrails submissions" commands.
type SubmissionOptions struct {
	IO          *iostreams.IOStreams
	Client      func() (*facade.Client, error)
	Format      string
	ID          string
	Name        string
	APIBase     string
	Mode        string
	Team        string
	Description string
	APIKeyStdin bool
	APIKey      string // read from stdin
	Status      string
	Search      string
}

// NewCmdRegister returns "guardrails register".
func NewCmdRegister(f *cmdutil.Factory, runF func(*SubmissionOptions) error) *cobra.Command {
	opts := &SubmissionOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "register NAME --api-base URL [--mode M] [--team TEAM_ID] [--description D] [--api-key-stdin]",
		Short: "Submit a team guardrail for review",
		Long: cmdutil.Heredoc(`
			Submit the guardrail NAME, a service that speaks LiteLLM's Generic Guardrail
			API at --api-base, for a team's use (POST /guardrails/register), and print the
			submission as JSON. It waits with status pending_review until a proxy admin
			approves or rejects it (guardrails submissions approve|reject). The team is
			--team, or the key's team. --api-key-stdin reads the service's API key from
			the first line of stdin, so that it is neither in the shell history nor in
			the process list.`),
		Example: `  printf '%s\n' "$GUARD_KEY" | litellm-proxy guardrails register pii-scrubber --api-base https://guard.example.com --team eng --api-key-stdin`,
		Args:    cmdutil.ExactArgs(1, "NAME is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if opts.APIBase == "" {
				return cmdutil.FlagErrorf("--api-base is required")
			}
			if opts.APIKeyStdin {
				key, err := cmdutil.ReadSecretLine(opts.IO, "api-key-stdin")
				if err != nil {
					return err
				}
				opts.APIKey = key
			}
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.GuardrailRegistration, error) {
				return c.Guardrails.Register(ctx, registerRequest(opts), o)
			})
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.APIBase, "api-base", "", "URL of the guardrail service (http or https; required)")
	fs.StringVar(&opts.Mode, "mode", "pre_call", "When it runs: pre_call, post_call, during_call, logging_only")
	fs.StringVar(&opts.Team, "team", "", "Team that submits it (default: the key's team)")
	fs.StringVar(&opts.Description, "description", "", "Description (guardrail_info.description)")
	fs.BoolVar(&opts.APIKeyStdin, "api-key-stdin", false, "Read the service's API key from the first line of stdin")
	return cmd
}

// registerRequest is the body "guardrails register" sends.
func registerRequest(opts *SubmissionOptions) *facade.GuardrailRegisterRequest {
	params := map[string]any{"guardrail": "generic_guardrail_api", "mode": opts.Mode, "api_base": opts.APIBase}
	if opts.APIKey != "" {
		params["api_key"] = opts.APIKey
	}
	req := &facade.GuardrailRegisterRequest{GuardrailName: opts.Name, LitellmParams: params, TeamID: opts.Team}
	if opts.Description != "" {
		req.GuardrailInfo = map[string]any{"description": opts.Description}
	}
	return req
}

// NewCmdSubmissions returns the "guardrails submissions" group.
func NewCmdSubmissions(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("submissions", "Review team guardrail submissions",
		cmdutil.Heredoc(`
			List and inspect the guardrails teams submitted with "guardrails register",
			and approve or reject them (a proxy admin key). An approved guardrail is
			active: it is listed and runs like any other.`),
		`  litellm-proxy guardrails submissions list --status pending_review
  litellm-proxy guardrails submissions approve 3a9eb012-1f01-4dfd-9699-ae1d2a7d7c6f`)
	cmd.AddCommand(newCmdSubmissionList(f, nil), newCmdSubmissionGet(f, nil),
		newCmdReview(f, nil, "approve", "Approve a submission (it becomes active)"),
		newCmdReview(f, nil, "reject", "Reject a submission"))
	return cmd
}

func newCmdSubmissionList(f *cmdutil.Factory, runF func(*SubmissionOptions) error) *cobra.Command {
	opts := &SubmissionOptions{IO: f.IOStreams, Client: f.Client}
	cmd := &cobra.Command{
		Use:     "list [--status S] [--team TEAM_ID] [--search TEXT]",
		Aliases: []string{"ls"},
		Short:   "List team guardrail submissions",
		Long: cmdutil.Heredoc(`
			List the team submissions the key may see, newest first (GET
			/guardrails/submissions), as a table with the columns ID, Name, Team, Status,
			Submitted By and Submitted At and a line of counts by status, or with
			--format json as the proxy's answer (submissions and summary). A proxy admin
			sees every team's; other keys, those of their teams.`),
		Example: `  litellm-proxy guardrails submissions list --status pending_review --format json`,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = f.Format()
			if runF != nil {
				return runF(opts)
			}
			return submissionListRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Status, "status", "", "Only submissions with this status: pending_review, active or rejected")
	fs.StringVar(&opts.Team, "team", "", "Only the submissions of this team")
	fs.StringVar(&opts.Search, "search", "", "Only submissions whose name or description contains this text")
	return cmd
}

func submissionListRun(ctx context.Context, opts *SubmissionOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	exp := cmdutil.NewExporter(opts.IO, opts.Format)
	list, err := c.Guardrails.Submissions(ctx, &facade.GuardrailSubmissionListOptions{
		Status: opts.Status, TeamID: opts.Team, Search: opts.Search}, exp.Option())
	if err != nil {
		return exp.Error(err)
	}
	if exp.IsJSON() {
		return exp.JSON(list)
	}
	if len(list.Submissions) == 0 {
		output.Notef(opts.IO, "No guardrail submissions found.\n")
	} else {
		t := output.NewTable("Guardrail submissions", "ID", "Name", "Team", "Status", "Submitted By", "Submitted At")
		for _, g := range list.Submissions {
			t.AddRow(g.GuardrailID, g.GuardrailName, dash(g.TeamID), g.Status, dash(g.SubmittedByUserID), dash(g.SubmittedAt))
		}
		if err := t.Render(opts.IO); err != nil {
			return err
		}
	}
	s := list.Summary
	output.Notef(opts.IO, "Visible to this key: %d submissions, %d pending review, %d active, %d rejected.\n",
		s.Total, s.PendingReview, s.Active, s.Rejected)
	return nil
}

func newCmdSubmissionGet(f *cmdutil.Factory, runF func(*SubmissionOptions) error) *cobra.Command {
	opts := &SubmissionOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   "get GUARDRAIL_ID",
		Short: "Show a team guardrail submission",
		Long: cmdutil.Heredoc(`
			Print the submission GUARDRAIL_ID as JSON (GET
			/guardrails/submissions/{guardrail_id}), secret values masked. An unknown id
			is HTTP 404; one of a team the key is not in, HTTP 403.`),
		Example: `  litellm-proxy guardrails submissions get 3a9eb012-1f01-4dfd-9699-ae1d2a7d7c6f`,
		Args:    cmdutil.ExactArgs(1, "GUARDRAIL_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.GuardrailSubmission, error) {
				return c.Guardrails.Submission(ctx, opts.ID, o)
			})
		},
	}
}

// newCmdReview returns "guardrails submissions approve" or "... reject".
func newCmdReview(f *cmdutil.Factory, runF func(*SubmissionOptions) error, verb, short string) *cobra.Command {
	opts := &SubmissionOptions{IO: f.IOStreams, Client: f.Client}
	return &cobra.Command{
		Use:   verb + " GUARDRAIL_ID",
		Short: short,
		Long: cmdutil.Heredoc(fmt.Sprintf(`
			%s the pending submission GUARDRAIL_ID (POST
			/guardrails/submissions/{guardrail_id}/%s; a proxy admin key) and print the
			proxy's answer as JSON. An unknown id is HTTP 404; a submission that is not
			pending review, HTTP 400.`, short, verb)),
		Example: fmt.Sprintf(`  litellm-proxy guardrails submissions %s 3a9eb012-1f01-4dfd-9699-ae1d2a7d7c6f`, verb),
		Args:    cmdutil.ExactArgs(1, "GUARDRAIL_ID is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return cmdutil.JSONRun(cmd.Context(), opts.IO, opts.Client, func(ctx context.Context, c *facade.Client, o facade.Option) (*facade.GuardrailReview, error) {
				if verb == "approve" {
					return c.Guardrails.Approve(ctx, opts.ID, o)
				}
				return c.Guardrails.Reject(ctx, opts.ID, o)
			})
		},
	}
}
