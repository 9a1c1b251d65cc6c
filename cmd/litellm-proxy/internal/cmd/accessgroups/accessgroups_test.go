package accessgroups

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestNewCmdCreate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, argv, wantErr string
		want                Options
	}{
		{name: "models", argv: "g --model a --model b", want: Options{Name: "g", Models: []string{"a", "b"}}},
		{name: "model ids", argv: "g --model-id d1", want: Options{Name: "g", ModelIDs: []string{"d1"}}},
		{name: "unified", argv: "g --unified --model a --team t1 --team t2 --key-hash h --mcp-server s --agent ag --description d",
			want: Options{Name: "g", Unified: true, Models: []string{"a"}, Teams: []string{"t1", "t2"}, Keys: []string{"h"},
				MCPServers: []string{"s"}, Agents: []string{"ag"}, Description: "d"}},
		{name: "unified without members", argv: "g --unified", want: Options{Name: "g", Unified: true}},
		{name: "no models", argv: "g", wantErr: "--model or --model-id is required"},
		{name: "unified flag without --unified", argv: "g --model a --description d", wantErr: "--description needs --unified"},
		{name: "model id with --unified", argv: "g --unified --model-id d1", wantErr: "--model-id is not a flag of --unified"},
		{name: "no name", argv: "", wantErr: "NAME is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, _ := cmdtest.NewFactory(nil, "")
			var got *Options
			err := cmdtest.Run(f, NewCmdCreate(f, func(o *Options) error { got = o; return nil }), tt.argv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.IO, got.Client, got.set = nil, nil, nil
			if diff := cmp.Diff(tt.want, *got, cmp.AllowUnexported(Options{})); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRun runs the commands against the emulator, in order: a model
// access group on two database deployments, then a unified access group
// by the id the proxy gave it.
func TestRun(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	t.Cleanup(srv.Close)
	env := map[string]string{"LITELLM_PROXY_URL": srv.URL, "LITELLM_PROXY_API_KEY": srv.MasterKey}
	run := func(argv string) (string, error) {
		f, st := cmdtest.NewFactory(env, "")
		err := cmdtest.Run(f, NewCmdAccessGroups(f), argv)
		return st.Out.String(), err
	}
	// Database models for the model access group, through the facade.
	f, _ := cmdtest.NewFactory(env, "")
	c, err := f.Client()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"m-1", "m-2"} {
		body := `{"model_name": "db-model", "litellm_params": {"model": "openai/gpt-4o"}, "model_info": {"id": "` + id + `"}}`
		if err := c.HTTP.Post(t.Context(), "/model/new", json.RawMessage(body), nil); err != nil {
			t.Fatal(err)
		}
	}
	var id string
	steps := []struct {
		argv    func() string
		wantOut []string
		wantErr string
		after   func(out string)
	}{
		{argv: func() string { return "create g1 --model db-model" }, wantOut: []string{`"models_updated": 2`}},
		{argv: func() string { return "create g1 --model-id m-1" }, wantErr: "409: Access group 'g1' already exists"},
		{argv: func() string { return "list" }, wantOut: []string{`(?m)^Name\tModels\tDeployments$`, `(?m)^g1\tdb-model\t2$`}},
		{argv: func() string { return "update g1 --model-id m-2" }, wantOut: []string{`"models_updated": 1`, `"model_names": null`}},
		{argv: func() string { return "get g1" }, wantOut: []string{`"deployment_count": 1`}},
		{argv: func() string { return "delete g1" }, wantOut: []string{`(?m)^Deleted access group g1 \(removed from 1 deployments\)$`}},
		{argv: func() string { return "get g1" }, wantErr: "404: Access group"},

		{argv: func() string { return "create u1 --unified --model gpt-4o --team t1 --description desk" },
			wantOut: []string{`"access_group_name": "u1"`, `"assigned_team_ids": \[\s*"t1"\s*\]`},
			after: func(out string) {
				var g struct {
					ID string `json:"access_group_id"`
				}
				if err := json.Unmarshal([]byte(out), &g); err != nil || g.ID == "" {
					t.Fatalf("create: %q, %v", out, err)
				}
				id = g.ID
			}},
		{argv: func() string { return "list --unified" }, wantOut: []string{`(?m)^ID\tName\tModels\tTeams\tKeys\tDescription$`, `(?m)\tu1\tgpt-4o\tt1\t0\tdesk$`}},
		// A list flag replaces the list; --team= empties it; the other members stay.
		{argv: func() string { return "update " + id + " --unified --team= --name u2" },
			wantOut: []string{`"access_group_name": "u2"`, `"assigned_team_ids": \[\]`, `"description": "desk"`, `"access_model_names": \[\s*"gpt-4o"\s*\]`}},
		{argv: func() string { return "get " + id + " --unified" }, wantOut: []string{`"access_group_name": "u2"`}},
		{argv: func() string { return "delete " + id + " --unified" }, after: func(out string) {
			if out != "Deleted access group "+id+"\n" {
				t.Errorf("delete: %q", out)
			}
		}},
		{argv: func() string { return "get " + id + " --unified" }, wantErr: "404: Access group"},
	}
	for _, s := range steps {
		argv := s.argv()
		out, err := run(argv)
		if s.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), s.wantErr) {
				t.Errorf("%s: error %v, want %q", argv, err, s.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", argv, err)
		}
		for _, re := range s.wantOut {
			if !regexp.MustCompile(re).MatchString(out) {
				t.Errorf("%s: stdout lacks %s:\n%s", argv, re, out)
			}
		}
		if s.after != nil {
			s.after(out)
		}
	}
}
