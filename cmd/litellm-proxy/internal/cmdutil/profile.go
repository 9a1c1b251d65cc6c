package cmdutil

import (
	"fmt"
	"path/filepath"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// Profile returns the selected profile: --profile, else LITELLM_PROFILE,
// else "default".
func Profile(f *Factory) string {
	if f.Globals != nil && f.Globals.Profile != "" {
		return f.Globals.Profile
	}
	return facade.ProfileFromEnv(f.Getenv)
}

// ConfigPath returns the CLI configuration file, config.json beside the
// token file (~/.litellm/config.json).
func ConfigPath(f *Factory) (string, error) {
	if f.TokenPath == nil {
		return facade.DefaultConfigPath()
	}
	tp, err := f.TokenPath()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(tp), "config.json"), nil
}

// LoadConfigFile reads the CLI configuration file.
func LoadConfigFile(f *Factory) (facade.CLIConfig, string, error) {
	path, err := ConfigPath(f)
	if err != nil {
		return nil, "", err
	}
	c, err := facade.LoadCLIConfig(path)
	return c, path, err
}

// ProfileSetting returns setting of the selected profile, or "". A
// configuration file that cannot be read gives "" and a warning on stderr
// (once per process, with the token file's).
func ProfileSetting(f *Factory, setting string) string {
	c, _, err := LoadConfigFile(f)
	if err != nil {
		if f.IOStreams != nil {
			f.tokenWarning.Do(func() {
				fmt.Fprintf(f.IOStreams.ErrOut, "Warning: ignoring the configuration file: %s\n", output.SafeErr(err))
			})
		}
		return ""
	}
	return c.Get(Profile(f), setting)
}
