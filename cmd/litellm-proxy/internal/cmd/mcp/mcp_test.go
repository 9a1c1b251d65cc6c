package mcp

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestNewCmdCreateUpdate(t *testing.T) {
	t.Parallel()
	yes, no := true, false
	tests := []struct {
		name, argv, stdin, wantErr string
		update                     bool
		want                       serverFields
	}{
		{name: "name only", argv: "docs"},
		{name: "all", argv: `docs --id d1 --alias D --description "The docs" --url http://h/mcp --transport http --auth-type bearer_token
			--access-group a --access-group b --allowed-tool search --allow-all-keys`,
			want: serverFields{ID: "d1", Alias: "D", Description: "The docs", URL: "http://h/mcp", Transport: "http",
				AuthType: "bearer_token", AccessGroups: []string{"a", "b"}, AllowedTools: []string{"search"}, AllowAllKeys: &yes}},
		{name: "stdio", argv: "s --transport stdio --command npx --arg -y --arg pkg",
			want: serverFields{Transport: "stdio", Command: "npx", CommandArgs: []string{"-y", "pkg"}}},
		{name: "credential from stdin", argv: "docs --auth-value-stdin", stdin: "tok-123\r\nmore\n",
			want: serverFields{AuthValueStdin: true, AuthValue: "tok-123"}},
		{name: "credential stdin empty", argv: "docs --auth-value-stdin", wantErr: "--auth-value-stdin: nothing on stdin"},
		{name: "bad transport", argv: "docs --transport pigeon", wantErr: `must be one of sse, http, stdio`},
		{name: "no name", argv: "", wantErr: "NAME is required"},
		{name: "update, allow-all-keys false is sent", update: true, argv: "d1 --allow-all-keys=false --name docs2",
			want: serverFields{Name: "docs2", AllowAllKeys: &no}},
		{name: "update, allow-all-keys left alone", update: true, argv: "d1 --description x", want: serverFields{Description: "x"}},
		{name: "update, no id", update: true, argv: "", wantErr: "SERVER_ID is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, st := cmdtest.NewFactory(nil, "")
			st.In.WriteString(tt.stdin)
			var got *Options
			newCmd := NewCmdCreate
			if tt.update {
				newCmd = NewCmdUpdate
			}
			err := cmdtest.Run(f, newCmd(f, func(o *Options) error { got = o; return nil }), tt.argv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got.Fields, cmpopts.IgnoreUnexported(serverFields{}), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRun runs the mcp commands against the emulator; the credential read
// from stdin is never printed.
func TestRun(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	t.Cleanup(srv.Close)
	env := map[string]string{"LITELLM_PROXY_URL": srv.URL, "LITELLM_PROXY_API_KEY": srv.MasterKey}
	run := func(argv, stdin string) (string, error) {
		f, st := cmdtest.NewFactory(env, "")
		st.In.WriteString(stdin)
		err := cmdtest.Run(f, NewCmdMCP(f), argv)
		return st.Out.String() + st.ErrOut.String(), err
	}
	out, err := run("create docs --id d1 --url http://127.0.0.1:9/mcp?key=url-secret --transport http --auth-type api_key --auth-value-stdin", "cred-secret\n")
	if err != nil || strings.Contains(out, "cred-secret") || !strings.Contains(out, `"credentials": null`) {
		t.Fatalf("create: %v\n%s", err, out)
	}
	for _, argv := range []string{"list", "health", "access-groups"} {
		out, err := run(argv, "")
		if err != nil || strings.Contains(out, "secret") {
			t.Errorf("%s: %v\n%s", argv, err, out)
		}
	}
	if out, err := run("delete d1", ""); err != nil || out != "Deleted MCP server d1\n" {
		t.Errorf("delete: %v %q", err, out)
	}
	if _, err := run("delete d1", ""); err == nil {
		t.Error("delete again: no error")
	}
}
