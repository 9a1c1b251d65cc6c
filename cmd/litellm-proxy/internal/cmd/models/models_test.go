package models

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdtest"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestNewCmdAdd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		argv    string
		want    AddOptions
		wantErr string
	}{
		{
			name: "params and info",
			argv: "gpt-4o -p model=openai/gpt-4o -p api_key=os.environ/KEY -p rpm=60 -i input_cost_per_token=0.000001 -i note=a=b",
			want: AddOptions{
				ModelName: "gpt-4o",
				Params:    map[string]any{"model": "openai/gpt-4o", "api_key": "os.environ/KEY", "rpm": json.Number("60")},
				Info:      map[string]any{"input_cost_per_token": json.Number("0.000001"), "note": "a=b"},
			},
		},
		{
			name: "long flags, digits stay strings for other keys",
			argv: "m --param model=x/y --param api_key=12345",
			want: AddOptions{ModelName: "m", Params: map[string]any{"model": "x/y", "api_key": "12345"}},
		},
		{name: "no name", argv: "", wantErr: "MODEL_NAME is required"},
		{name: "no model param", argv: "m -p api_key=k", wantErr: "--param model=PROVIDER/MODEL is required"},
		{name: "param without =", argv: "m -p model", wantErr: `--param: invalid format "model": expected name=value`},
		{name: "info without =", argv: "m -p model=a -i x", wantErr: `--info: invalid format "x"`},
		{name: "two names", argv: "a b -p model=x", wantErr: "unexpected argument(s): b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, _ := cmdtest.NewFactory(nil, "")
			var got *AddOptions
			err := cmdtest.Run(f, NewCmdAdd(f, func(o *AddOptions) error { got = o; return nil }), tt.argv)
			if tt.wantErr != "" {
				var fe *cmdutil.FlagError
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &fe) {
					t.Fatalf("error = %v, want a usage error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want.ModelName, got.ModelName); diff != "" {
				t.Errorf("ModelName (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want.Params, got.Params); diff != "" {
				t.Errorf("Params (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want.Info, got.Info); diff != "" {
				t.Errorf("Info (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewCmdGet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		argv, wantID, wantName, wantErr string
	}{
		{argv: "--id abc", wantID: "abc"},
		{argv: "--name gpt-4o", wantName: "gpt-4o"},
		{argv: "", wantErr: "Either --id or --name must be provided"},
		{argv: "--id a --name b", wantErr: "--id and --name cannot be used together"},
		{argv: "abc", wantErr: "unexpected argument(s): abc"},
	}
	for _, tt := range tests {
		f, _ := cmdtest.NewFactory(nil, "")
		var got *GetOptions
		err := cmdtest.Run(f, NewCmdGet(f, func(o *GetOptions) error { got = o; return nil }), tt.argv)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error = %v, want %q", tt.argv, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.ID != tt.wantID || got.Name != tt.wantName {
			t.Errorf("%q: got id %q name %q err %v", tt.argv, got.ID, got.Name, err)
		}
	}
}

func TestNewCmdInfo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		argv string
		want []string
		fmt  string
	}{
		{"", []string{"public_model", "upstream_model", "updated_at"}, "table"},
		{"--columns id,,input_cost ", []string{"id", "input_cost"}, "table"},
		{"--format json", []string{"public_model", "upstream_model", "updated_at"}, "json"},
	}
	for _, tt := range tests {
		f, _ := cmdtest.NewFactory(nil, "")
		var got *InfoOptions
		if err := cmdtest.Run(f, NewCmdInfo(f, func(o *InfoOptions) error { got = o; return nil }), tt.argv); err != nil {
			t.Fatalf("%q: %v", tt.argv, err)
		}
		if diff := cmp.Diff(tt.want, got.Columns); diff != "" || got.Format != tt.fmt {
			t.Errorf("%q: format %q, columns (-want +got):\n%s", tt.argv, got.Format, diff)
		}
	}
}

// TestListRun runs "models list" against the emulator, piped and on a
// terminal.
func TestListRun(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	t.Cleanup(srv.Close)
	env := map[string]string{"LITELLM_PROXY_URL": srv.URL, "LITELLM_PROXY_API_KEY": srv.MasterKey}
	for _, tty := range []bool{false, true} {
		f, st := cmdtest.NewFactory(env, "")
		f.IOStreams.SetStdoutTTY(tty)
		if err := cmdtest.Run(f, NewCmdList(f, nil), ""); err != nil {
			t.Fatal(err)
		}
		out := st.Out.String()
		if tty {
			for _, want := range []string{"Available Models\n", "ID                 Object  Created           Owned By\n", "\ngpt-4o             model   20"} {
				if !strings.Contains(out, want) {
					t.Errorf("TTY output lacks %q:\n%s", want, out)
				}
			}
		} else {
			if !strings.HasPrefix(out, "ID\tObject\tCreated\tOwned By\ngpt-4o\tmodel\t") || strings.Contains(out, "Available Models") {
				t.Errorf("piped output:\n%s", out)
			}
		}
	}
}

func TestLoadModelList(t *testing.T) {
	t.Parallel()
	data := []byte(`
model_list:
  - model_name: a
    litellm_params: {model: openai/a}
    model_info: {access_groups: [x, 3]}
  - model_name: 7
    litellm_params: {model: azure/b}
  - model_name: c
    litellm_params: {model: [1]}
`)
	got, err := loadModelList(data, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].name != "a" || got[1].name != "7" || len(got[0].groups) != 1 {
		t.Errorf("entries = %+v", got)
	}
}
