package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

// planted is a key the server does not know; it must never be printed.
const planted = "sk-test-PLANTED0123456789"

// run runs the CLI in-process against base with env, feeding stdin.
func run(t *testing.T, env map[string]string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	f := cmdutil.NewFactory("test", ios, func(k string) string { return env[k] })
	home := t.TempDir()
	f.TokenPath = func() (string, error) { return filepath.Join(home, ".litellm", "token.json"), nil }
	f.OpenBrowser = func(string) error { return nil }
	code = Run(context.Background(), f, args)
	return code, out.String(), errOut.String()
}

// TestPlantedKeyNeverPrinted runs every command that talks to the proxy with
// a key the proxy rejects, and checks that each fails with exit code 1 and
// prints the key nowhere, in whole or in part.
func TestPlantedKeyNeverPrinted(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer(proxytest.WithMasterKey("sk-test-real-master-key-0000"))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	yamlFile := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(yamlFile, []byte("model_list:\n  - model_name: m\n    litellm_params:\n      model: openai/m\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"LITELLM_PROXY_URL": srv.URL}

	commands := [][]string{
		{"models", "list"},
		{"models", "list", "--format", "json"},
		{"models", "info"},
		{"models", "get", "--id", "x"},
		{"models", "get", "--name", "gpt-4o"},
		{"models", "add", "m", "-p", "model=openai/m"},
		{"models", "update", "x", "-p", "rpm=1"},
		{"models", "delete", "x"},
		{"models", "import", yamlFile},
		{"model-groups", "list"},
		{"model-groups", "create", "g", "--deployment", "model=openai/m"},
		{"model-groups", "delete", "g"},
		{"model-groups", "make-public", "g"},
		{"keys", "list"},
		{"keys", "list", "--all"},
		{"keys", "generate", "--key-alias", "a"},
		{"keys", "info", planted},
		{"keys", "update", planted, "--key-alias", "b"},
		{"keys", "delete", "--keys", planted},
		{"keys", "delete", "--key-aliases", "a"},
		{"keys", "regenerate", planted},
		{"keys", "block", planted},
		{"keys", "unblock", planted},
		{"keys", "reset-spend", planted},
		{"keys", "generate-service-account", "--team-id", "t"},
		{"keys", "update-team", "t", planted, "--max-budget", "1"},
		{"keys", "bulk-update", planted, "--max-budget", "1"},
		{"keys", "import", "--source-base-url", srv.URL, "--source-api-key", planted},
		{"credentials", "list"},
		{"credentials", "create", "c", "--info", "{}", "--values", `{"api_key": "` + planted + `"}`},
		{"credentials", "get", "c"},
		{"credentials", "update", "c", "--values", "{}"},
		{"credentials", "delete", "c"},
		{"users", "list"},
		{"users", "get", "--id", "u"},
		{"users", "create", "--email", "a@b.c"},
		{"users", "update", "--id", "u", "--role", "proxy_admin"},
		{"users", "delete", "u"},
		{"users", "bulk-update", "u", "--max-budget", "1"},
		{"users", "activity-aggregated", "--start-date", "2026-01-01", "--end-date", "2026-01-02"},
		{"users", "seats"},
		{"teams", "list"},
		{"teams", "available"},
		{"teams", "create", "--alias", "t"},
		{"teams", "get", "t"},
		{"teams", "delete", "t"},
		{"teams", "add-member", "t", "--user-id", "u"},
		{"teams", "add-members", "t", "--user-ids", "u"},
		{"teams", "callbacks", "t"},
		{"teams", "add-callback", "t", "langfuse", "--var", "langfuse_host=h"},
		{"teams", "disable-logging", "t"},
		{"teams", "me", "t"},
		{"teams", "add-permissions", "/key/list", "--team-ids", "t"},
		{"chat", "completions", "gpt-4o", "-m", "user:hi"},
		{"chat", "completions", "gpt-4o", "-m", "user:hi", "--stream"},
		{"http", "request", "GET", "/key/list"},
		{"http", "request", "GET", "/key/info?key=" + planted},
		{"http", "request", "POST", "/key/generate", "-H", "Authorization: Bearer " + planted, "-j", `{"key": "` + planted + `"}`},
	}
	for _, argv := range commands {
		t.Run(strings.Join(argv[:2], "_"), func(t *testing.T) {
			t.Parallel()
			args := append([]string{"--api-key", planted}, argv...)
			code, stdout, stderr := run(t, env, "", args...)
			if code != ExitError {
				t.Errorf("%v: exit code %d, want %d\nstdout: %s\nstderr: %s", argv, code, ExitError, stdout, stderr)
			}
			for name, s := range map[string]string{"stdout": stdout, "stderr": stderr} {
				for _, part := range []string{planted, "PLANTED0123456789", "PLANTED"} {
					if strings.Contains(s, part) {
						t.Errorf("%v: %s contains %q:\n%s", argv, name, part, s)
					}
				}
			}
		})
	}

	// The interactive chat reports the failure and goes on; the key is not
	// printed either.
	t.Run("chat_interactive", func(t *testing.T) {
		t.Parallel()
		code, stdout, stderr := run(t, env, "hello\n/quit\n", "--api-key", planted, "chat", "gpt-4o")
		if code != ExitOK {
			t.Errorf("exit code %d, want 0", code)
		}
		if !strings.Contains(stderr, "Error: ") {
			t.Errorf("stderr %q does not report the error", stderr)
		}
		if strings.Contains(stdout+stderr, "PLANTED") {
			t.Errorf("output contains the key:\n%s\n%s", stdout, stderr)
		}
	})
}

// TestExitCodes checks the exit-code mapping in one place.
func TestExitCodes(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	t.Cleanup(srv.Close)
	env := map[string]string{"LITELLM_PROXY_URL": srv.URL, "LITELLM_PROXY_API_KEY": srv.MasterKey}
	tests := []struct {
		args       []string
		want       int
		wantStderr string
	}{
		{[]string{"models", "list"}, ExitOK, ""},
		{[]string{"bogus"}, ExitUsage, `Error: unknown command "bogus" for "litellm-proxy"`},
		{[]string{"models", "list", "--nope"}, ExitUsage, "Error: unknown flag: --nope"},
		{[]string{"models", "get"}, ExitUsage, "Error: Either --id or --name must be provided"},
		{[]string{"models", "get", "--id", "missing"}, ExitError, "Error: HTTP 404"},
		{[]string{"--api-key", "sk-test-wrong-000000", "keys", "list"}, ExitError, "Error: HTTP 401"},
		{[]string{"whoami"}, ExitError, "Not authenticated."},
		{[]string{"logout"}, ExitOK, ""},
	}
	for _, tt := range tests {
		code, _, stderr := run(t, env, "", tt.args...)
		if code != tt.want {
			t.Errorf("%v: exit code %d, want %d (stderr %q)", tt.args, code, tt.want, stderr)
		}
		if !strings.Contains(stderr, tt.wantStderr) {
			t.Errorf("%v: stderr %q does not contain %q", tt.args, stderr, tt.wantStderr)
		}
	}
}

// TestHelpText checks that every command of ours has Short, Long and
// Example help, and that every verb of a noun is reachable.
func TestHelpText(t *testing.T) {
	t.Parallel()
	ios, _, _, _ := iostreams.Test()
	root := NewRootCmd(cmdutil.NewFactory("test", ios, func(string) string { return "" }))
	var got []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() == "help" || c.Name() == "completion" || (c.HasParent() && c.Parent().Name() == "completion") {
			return
		}
		got = append(got, strings.TrimSpace(strings.TrimPrefix(c.CommandPath(), root.Name())))
		if c.Short == "" || strings.TrimSpace(c.Long) == "" || strings.TrimSpace(c.Example) == "" {
			t.Errorf("%q lacks help text: Short %q, Long %d bytes, Example %d bytes", c.CommandPath(), c.Short, len(c.Long), len(c.Example))
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	// The command tree, in cobra's order (sorted within each group). A
	// command added or removed changes this list, and the README's synopsis
	// with it.
	want := []string{
		"",
		"access-groups",
		"access-groups create",
		"access-groups delete",
		"access-groups get",
		"access-groups list",
		"access-groups update",
		"auth",
		"auth print-token",
		"budgets",
		"budgets create",
		"budgets delete",
		"budgets get",
		"budgets list",
		"budgets settings",
		"budgets update",
		"chat",
		"chat completions",
		"config",
		"config get",
		"config list",
		"config set",
		"config unset",
		"credentials",
		"credentials create",
		"credentials delete",
		"credentials get",
		"credentials list",
		"credentials update",
		"customers",
		"customers block",
		"customers create",
		"customers delete",
		"customers get",
		"customers list",
		"customers unblock",
		"customers update",
		"embeddings",
		"guardrails",
		"guardrails apply",
		"guardrails create",
		"guardrails delete",
		"guardrails get",
		"guardrails list",
		"guardrails register",
		"guardrails submissions",
		"guardrails submissions approve",
		"guardrails submissions get",
		"guardrails submissions list",
		"guardrails submissions reject",
		"guardrails update",
		"http",
		"http request",
		"keys",
		"keys aliases",
		"keys block",
		"keys bulk-update",
		"keys delete",
		"keys generate",
		"keys generate-service-account",
		"keys health",
		"keys import",
		"keys info",
		"keys list",
		"keys regenerate",
		"keys reset-spend",
		"keys unblock",
		"keys update",
		"keys update-team",
		"login",
		"logout",
		"mcp",
		"mcp access-groups",
		"mcp create",
		"mcp delete",
		"mcp get",
		"mcp health",
		"mcp list",
		"mcp tools",
		"mcp update",
		"model-groups",
		"model-groups create",
		"model-groups delete",
		"model-groups info",
		"model-groups list",
		"model-groups make-public",
		"models",
		"models add",
		"models delete",
		"models get",
		"models import",
		"models info",
		"models list",
		"models update",
		"organizations",
		"organizations add-member",
		"organizations create",
		"organizations delete",
		"organizations get",
		"organizations list",
		"organizations remove-member",
		"organizations update",
		"organizations update-member",
		"prompts",
		"prompts create",
		"prompts delete",
		"prompts get",
		"prompts list",
		"prompts test",
		"prompts update",
		"prompts versions",
		"spend",
		"spend calculate",
		"spend global-tags",
		"spend logs",
		"spend report",
		"spend reset",
		"spend tags",
		"tags",
		"tags active-users",
		"tags activity",
		"tags create",
		"tags delete",
		"tags distinct",
		"tags get",
		"tags list",
		"tags summary",
		"tags update",
		"tags user-usage",
		"teams",
		"teams activity",
		"teams add-callback",
		"teams add-member",
		"teams add-members",
		"teams add-models",
		"teams add-permissions",
		"teams available",
		"teams block",
		"teams callbacks",
		"teams create",
		"teams delete",
		"teams disable-logging",
		"teams get",
		"teams list",
		"teams me",
		"teams permissions",
		"teams remove-member",
		"teams remove-models",
		"teams set-permissions",
		"teams unblock",
		"teams update",
		"teams update-member",
		"users",
		"users activity",
		"users activity-aggregated",
		"users bulk-update",
		"users create",
		"users delete",
		"users get",
		"users list",
		"users seats",
		"users update",
		"vector-stores",
		"vector-stores create",
		"vector-stores delete",
		"vector-stores get",
		"vector-stores list",
		"vector-stores update",
		"version",
		"whoami",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("command tree (-want +got):\n%s", diff)
	}
}
