// Package config implements "litellm-proxy config": the persistent
// settings of ~/.litellm/config.json and its named profiles.
package config

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// Settings are the keys "config" knows, with their normalizers.
var Settings = map[string]func(string) (string, error){
	facade.SettingBaseURL: NormalizeBaseURL,
	facade.SettingModel: func(v string) (string, error) {
		v = strings.TrimSpace(v)
		if v == "" {
			return "", fmt.Errorf("model must not be empty")
		}
		return v, nil
	},
	facade.SettingFormat: func(v string) (string, error) {
		if v != cmdutil.FormatTable && v != cmdutil.FormatJSON {
			return "", fmt.Errorf("format must be table or json, got %q", v)
		}
		return v, nil
	},
}

// settingNames lists Settings in help order.
const settingNames = "base_url, model, format"

// NormalizeBaseURL checks a base_url as upstream's `lite config set` does (a
// full http(s) URL with a host, no whitespace or control characters, no
// query, fragment or credentials) and strips its trailing slashes.
func NormalizeBaseURL(v string) (string, error) {
	for _, r := range v {
		if r <= 32 || r == 127 {
			return "", fmt.Errorf("base_url must not contain whitespace or control characters")
		}
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("base_url must be a full http:// or https:// URL including a host")
	}
	if strings.ContainsAny(v, "?#") {
		return "", fmt.Errorf("base_url must not include a query string or fragment")
	}
	if u.User != nil {
		return "", fmt.Errorf("base_url must not contain credentials; pass --api-key separately")
	}
	return strings.TrimRight(v, "/"), nil
}

// Options are the inputs of the config subcommands.
type Options struct {
	IO      *iostreams.IOStreams
	Load    func() (facade.CLIConfig, string, error)
	Profile string
	Format  string
	Key     string
	Value   string
}

// NewCmdConfig returns the config command group.
func NewCmdConfig(f *cmdutil.Factory) *cobra.Command {
	cmd := cmdutil.NewGroupCmd("config", "Manage persistent CLI configuration and profiles",
		cmdutil.Heredoc(`
			Read and write the CLI's settings in ~/.litellm/config.json (mode 0600),
			the file upstream's 'lite config' uses. Settings: `+settingNames+`.

			  base_url  the proxy's address
			  model     the model of 'chat completions' when none is given
			  format    the output format, table or json

			Settings belong to a profile: --profile NAME (or LITELLM_PROFILE) selects
			one, else "default", whose settings are the file's bare keys (the ones
			upstream reads). Profile NAME's are stored as "profile.NAME.<setting>".

			Precedence, for every command: a flag (--base-url, --format, the MODEL
			argument), then the environment (LITELLM_PROXY_URL), then the selected
			profile, then the built-in default (http://localhost:4000, table).`),
		`  litellm-proxy config set base_url https://proxy.example.com
  litellm-proxy --profile staging config set base_url https://staging.example.com
  LITELLM_PROFILE=staging litellm-proxy models list
  litellm-proxy config list`)
	cmd.AddCommand(newCmdSet(f), newCmdGet(f), newCmdList(f), newCmdUnset(f))
	return cmd
}

func newOptions(f *cmdutil.Factory) *Options {
	return &Options{IO: f.IOStreams, Load: func() (facade.CLIConfig, string, error) { return cmdutil.LoadConfigFile(f) }}
}

// prepare fills the profile and checks it.
func prepare(f *cmdutil.Factory, opts *Options) error {
	opts.Profile = cmdutil.Profile(f)
	opts.Format = f.Format()
	if !facade.ValidProfileName(opts.Profile) {
		return cmdutil.FlagErrorf("invalid profile name %q: use 1 to 64 letters, digits, '-' and '_'", opts.Profile)
	}
	return nil
}

func checkKey(key string) error {
	if _, ok := Settings[key]; !ok {
		return cmdutil.FlagErrorf("Unknown config key '%s'. Allowed keys: %s", key, settingNames)
	}
	return nil
}

// profileNote is " (profile NAME)" for a named profile.
func profileNote(profile string) string {
	if profile == facade.DefaultProfile {
		return ""
	}
	return " (profile " + profile + ")"
}

func newCmdSet(f *cmdutil.Factory) *cobra.Command {
	opts := newOptions(f)
	return &cobra.Command{
		Use:     "set KEY VALUE",
		Short:   "Set a setting of the selected profile",
		Long:    "Set KEY (" + settingNames + ") of the selected profile to VALUE.",
		Example: `  litellm-proxy config set base_url https://proxy.example.com`,
		Args:    cmdutil.ExactArgs(2, "KEY and VALUE are required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := prepare(f, opts); err != nil {
				return err
			}
			opts.Key, opts.Value = args[0], args[1]
			if err := checkKey(opts.Key); err != nil {
				return err
			}
			v, err := Settings[opts.Key](opts.Value)
			if err != nil {
				return cmdutil.FlagErrorWrap(err)
			}
			c, path, err := opts.Load()
			if err != nil {
				return err
			}
			c[facade.SettingKey(opts.Profile, opts.Key)] = v
			if err := c.Save(path); err != nil {
				return err
			}
			fmt.Fprintf(opts.IO.Out, "Set %s = %s in %s%s\n", opts.Key, output.Safe(v), path, profileNote(opts.Profile))
			return nil
		},
	}
}

func newCmdGet(f *cmdutil.Factory) *cobra.Command {
	opts := newOptions(f)
	return &cobra.Command{
		Use:     "get KEY",
		Short:   "Print a setting of the selected profile",
		Long:    "Print the value of KEY in the selected profile; exit 1 when it is not set.",
		Example: `  litellm-proxy config get base_url`,
		Args:    cmdutil.ExactArgs(1, "KEY is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := prepare(f, opts); err != nil {
				return err
			}
			opts.Key = args[0]
			if err := checkKey(opts.Key); err != nil {
				return err
			}
			c, _, err := opts.Load()
			if err != nil {
				return err
			}
			v, ok := c[facade.SettingKey(opts.Profile, opts.Key)]
			if !ok {
				fmt.Fprintf(opts.IO.ErrOut, "%s is not set%s\n", opts.Key, profileNote(opts.Profile))
				return cmdutil.ErrSilent
			}
			fmt.Fprintln(opts.IO.Out, output.Safe(v))
			return nil
		},
	}
}

func newCmdList(f *cmdutil.Factory) *cobra.Command {
	opts := newOptions(f)
	var all bool
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List the settings of the selected profile",
		Long: cmdutil.Heredoc(`
			List the settings of the selected profile as "key = value" lines ("(no
			config set)" when it has none), or as a JSON object with --format json.
			--all lists every key of the file, profiles included, as stored.`),
		Example: `  litellm-proxy config list
  litellm-proxy config list --all --format json`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := prepare(f, opts); err != nil {
				return err
			}
			c, _, err := opts.Load()
			if err != nil {
				return err
			}
			shown := facade.CLIConfig{}
			for _, k := range c.Keys() {
				switch {
				case all:
					shown[k] = c[k]
				default:
					for s := range Settings {
						if k == facade.SettingKey(opts.Profile, s) {
							shown[s] = c[k]
						}
					}
				}
			}
			if opts.Format == cmdutil.FormatJSON {
				return output.PrintJSON(opts.IO, map[string]string(shown))
			}
			if len(shown) == 0 {
				fmt.Fprintln(opts.IO.Out, "(no config set)")
				return nil
			}
			for _, k := range shown.Keys() {
				fmt.Fprintf(opts.IO.Out, "%s = %s\n", output.Safe(k), output.Safe(shown[k]))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "List every key of the file, every profile's included")
	return cmd
}

func newCmdUnset(f *cmdutil.Factory) *cobra.Command {
	opts := newOptions(f)
	return &cobra.Command{
		Use:     "unset KEY",
		Short:   "Remove a setting of the selected profile",
		Long:    "Remove KEY from the selected profile (it then falls back to the default).",
		Example: `  litellm-proxy config unset base_url`,
		Args:    cmdutil.ExactArgs(1, "KEY is required"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := prepare(f, opts); err != nil {
				return err
			}
			opts.Key = args[0]
			if err := checkKey(opts.Key); err != nil {
				return err
			}
			c, path, err := opts.Load()
			if err != nil {
				return err
			}
			k := facade.SettingKey(opts.Profile, opts.Key)
			if _, ok := c[k]; !ok {
				fmt.Fprintf(opts.IO.Out, "%s was not set%s\n", opts.Key, profileNote(opts.Profile))
				return nil
			}
			delete(c, k)
			if err := c.Save(path); err != nil {
				return err
			}
			fmt.Fprintf(opts.IO.Out, "Removed %s from %s%s\n", opts.Key, path, profileNote(opts.Profile))
			return nil
		},
	}
}
