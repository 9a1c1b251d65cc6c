package facade

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
)

// EnvProfile names the environment variable that selects a profile of the
// CLI configuration file when no --profile flag does.
const EnvProfile = "LITELLM_PROFILE"

// DefaultProfile is the profile used when none is selected. Its settings
// are the file's bare keys ("base_url"), which upstream's `lite config`
// reads and writes too.
const DefaultProfile = "default"

// Profile settings a configuration file may hold.
const (
	SettingBaseURL = "base_url" // the proxy's base URL
	SettingModel   = "model"    // the default model of chat completions
	SettingFormat  = "format"   // the CLI's output format: table or json
)

// maxConfigFileSize is the largest configuration file read.
const maxConfigFileSize = 1 << 20

var profileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)

// ValidProfileName reports whether name can name a profile: 1 to 64
// letters, digits, "-" and "_", starting with a letter or digit.
func ValidProfileName(name string) bool { return profileName.MatchString(name) }

// DefaultConfigPath returns the CLI configuration file's path,
// $HOME/.litellm/config.json, the file upstream's `lite config` uses.
func DefaultConfigPath() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("config path: %w", err)
	}
	return filepath.Join(home, ".litellm", "config.json"), nil
}

// CLIConfig is the CLI configuration file: a flat JSON object of strings,
// the format upstream's `lite config` reads (it ignores a file holding
// anything else, so nothing here nests). The default profile's settings are
// the bare keys ("base_url"); profile NAME's are "profile.NAME.<setting>".
type CLIConfig map[string]string

// LoadCLIConfig reads the configuration file at path; a missing file is an
// empty configuration. A file that is not a JSON object of strings is an
// error naming the file.
func LoadCLIConfig(path string) (CLIConfig, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return CLIConfig{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	if len(data) > maxConfigFileSize {
		return nil, fmt.Errorf("load config %s: file is larger than %d bytes", path, maxConfigFileSize)
	}
	data = bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))
	if len(data) == 0 {
		return CLIConfig{}, nil
	}
	c := CLIConfig{}
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("load config %s: not a JSON object of strings", path)
	}
	return c, nil
}

// Save writes the configuration to path as [SaveToken] writes a token: mode
// 0600, in a 0700 directory, atomically.
func (c CLIConfig) Save(path string) error {
	if c == nil {
		c = CLIConfig{}
	}
	data, err := json.MarshalIndent(map[string]string(c), "", "  ")
	if err != nil {
		return fmt.Errorf("save config: %w", err)
	}
	return writePrivateFile(path, append(data, '\n'))
}

// SettingKey returns the file key of setting in profile ("" or
// [DefaultProfile]: the bare setting).
func SettingKey(profile, setting string) string {
	if profile == "" || profile == DefaultProfile {
		return setting
	}
	return "profile." + profile + "." + setting
}

// Get returns setting of profile, or "".
func (c CLIConfig) Get(profile, setting string) string { return c[SettingKey(profile, setting)] }

// Keys returns the file's keys, sorted.
func (c CLIConfig) Keys() []string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ProfileFromEnv returns the profile getenv selects (LITELLM_PROFILE), or
// [DefaultProfile].
func ProfileFromEnv(getenv func(string) string) string {
	if p := getenv(EnvProfile); p != "" {
		return p
	}
	return DefaultProfile
}
