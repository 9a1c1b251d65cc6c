// Package cmdutil holds what every command shares: the [Factory] of lazily
// built dependencies, the global flags and their resolution into a
// [Config], typed usage errors, flag-value parsers and the helpers that
// print API results.
package cmdutil

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// Environment variables the CLI reads.
const (
	EnvBaseURL = facade.EnvBaseURL
	EnvAPIKey  = facade.EnvAPIKey
	EnvBrowser = "BROWSER"
)

// DefaultBaseURL is the proxy address used when neither --base-url nor
// LITELLM_PROXY_URL is set.
const DefaultBaseURL = facade.DefaultBaseURL

// Factory carries the dependencies of the commands. Everything that costs
// something (reading the token file, building the client) is a function,
// called only by the commands that need it.
type Factory struct {
	// IOStreams are the standard streams.
	IOStreams *iostreams.IOStreams
	// AppVersion is the CLI's version.
	AppVersion string
	// Getenv reads the environment (os.Getenv in production).
	Getenv func(string) string
	// Now returns the current time.
	Now func() time.Time
	// Globals holds the values of the root command's persistent flags.
	Globals *GlobalOptions
	// Config resolves the base URL and the API key.
	Config func() (*Config, error)
	// Client builds a facade client from Config.
	Client func() (*facade.Client, error)
	// TokenPath returns the path of the login token file.
	TokenPath func() (string, error)
	// OpenBrowser opens url in the user's browser.
	OpenBrowser func(url string) error

	tokenWarning sync.Once
}

// GlobalOptions are the root command's persistent flags.
type GlobalOptions struct {
	// BaseURL is --base-url ("" when not given).
	BaseURL string
	// APIKey is --api-key ("" when not given).
	APIKey string
	// Format is --format: "table" or "json".
	Format string
	// Timeout is --timeout (0: the facade's default).
	Timeout time.Duration
	// Profile is --profile ("" when not given; see [Profile]).
	Profile string
}

// Output formats of --format.
const (
	FormatTable = "table"
	FormatJSON  = "json"
)

// Config is the resolved connection configuration.
type Config struct {
	// BaseURL is --base-url, else LITELLM_PROXY_URL, else the profile's
	// base_url, else DefaultBaseURL.
	BaseURL string
	// APIKey is --api-key, else LITELLM_PROXY_API_KEY, else the key of the
	// stored login token when it was issued for BaseURL, else "".
	APIKey string
	// APIKeySource says where APIKey came from: "flag", "env", "token" or "".
	APIKeySource string
	// Timeout is --timeout.
	Timeout time.Duration
}

// New returns the production factory: the process's streams and
// environment, the token in ~/.litellm/token.json and the system browser.
func New(appVersion string) *Factory {
	return NewFactory(appVersion, iostreams.System(os.Getenv), os.Getenv)
}

// NewFactory returns a factory over ios and getenv, with the token file at
// facade.DefaultTokenPath (which follows $HOME) and the browser from getenv.
func NewFactory(appVersion string, ios *iostreams.IOStreams, getenv func(string) string) *Factory {
	f := &Factory{
		IOStreams:  ios,
		AppVersion: appVersion,
		Getenv:     getenv,
		Now:        time.Now,
		Globals:    &GlobalOptions{Format: FormatTable},
		TokenPath:  facade.DefaultTokenPath,
	}
	f.Config = func() (*Config, error) { return ResolveConfig(f) }
	f.Client = func() (*facade.Client, error) { return NewClient(f) }
	f.OpenBrowser = func(url string) error { return OpenBrowser(f.Getenv, url) }
	return f
}

// ResolveConfig resolves the global flags, the environment and the token
// file into a Config.
func ResolveConfig(f *Factory) (*Config, error) {
	g := f.Globals
	if g == nil {
		g = &GlobalOptions{}
	}
	env := facade.ResolveEnv(facade.EnvOptions{
		BaseURL:         g.BaseURL,
		APIKey:          g.APIKey,
		Getenv:          f.Getenv,
		FallbackBaseURL: func() string { return ProfileSetting(f, facade.SettingBaseURL) },
		StoredKey:       func(baseURL string) string { return StoredKey(f, baseURL) },
	})
	source := env.APIKeySource
	if source == facade.KeySourceExplicit {
		source = "flag"
	}
	return &Config{BaseURL: env.BaseURL, APIKey: env.APIKey, APIKeySource: source, Timeout: g.Timeout}, nil
}

// StoredKey returns the key of the stored login token when it was issued
// for baseURL, else "". A missing token file gives "" silently; one that
// cannot be used (corrupt, unreadable, or not a regular file, such as a
// FIFO, which is refused without being opened) gives "" and a warning on
// stderr, once per process.
func StoredKey(f *Factory, baseURL string) string {
	if f.TokenPath == nil {
		return ""
	}
	store, err := TokenStore(f)
	if err != nil {
		return ""
	}
	tok, err := store.Load()
	if err == nil && tok.KeyFor(baseURL) != "" {
		tok = RenewIfDue(f, store, tok)
	}
	if err != nil && !errors.Is(err, facade.ErrNoToken) && f.IOStreams != nil {
		f.tokenWarning.Do(func() {
			fmt.Fprintf(f.IOStreams.ErrOut, "Warning: not using the stored login token: %s\n", output.Safe(err.Error()))
		})
	}
	if err != nil || tok == nil {
		return ""
	}
	return tok.KeyFor(baseURL)
}

// NewClient builds a facade client from the factory's Config.
func NewClient(f *Factory) (*facade.Client, error) {
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	opts := []facade.Option{facade.WithAPIKey(cfg.APIKey), facade.WithUserAgent("litellm-proxy-cli/" + f.AppVersion)}
	if cfg.Timeout > 0 {
		opts = append(opts, facade.WithTimeout(cfg.Timeout))
	}
	c, err := facade.New(cfg.BaseURL, opts...)
	if err != nil {
		return nil, FlagErrorf("--base-url %q: %v", cfg.BaseURL, err)
	}
	return c, nil
}

// AddGlobalFlags registers the persistent flags on the root command (and on
// the stand-in roots of command tests).
func AddGlobalFlags(cmd *cobra.Command, g *GlobalOptions) {
	fs := cmd.PersistentFlags()
	fs.StringVar(&g.BaseURL, "base-url", "", "Base URL of the LiteLLM proxy server (env: "+EnvBaseURL+"; default "+DefaultBaseURL+")")
	fs.StringVar(&g.APIKey, "api-key", "", "API key for authentication (env: "+EnvAPIKey+"; default: the key stored by 'login' for the same base URL)")
	if g.Format == "" {
		g.Format = FormatTable
	}
	fs.Var(newEnumValue(&g.Format, FormatTable, FormatJSON), "format", "Output format of lists and tables: table or json")
	fs.DurationVar(&g.Timeout, "timeout", 0, "Timeout of each request, such as 30s or 2m (default: the client's)")
	fs.StringVar(&g.Profile, "profile", "", "Profile of ~/.litellm/config.json to use (env: "+facade.EnvProfile+"; default: default)")
}

// enumValue is a string flag restricted to a set of values.
type enumValue struct {
	p       *string
	allowed []string
}

func newEnumValue(p *string, allowed ...string) *enumValue {
	return &enumValue{p: p, allowed: allowed}
}

// String returns the value.
func (e *enumValue) String() string { return *e.p }

// Type names the value's type in help.
func (e *enumValue) Type() string { return "string" }

// Set accepts v if it is one of the allowed values.
func (e *enumValue) Set(v string) error {
	for _, a := range e.allowed {
		if v == a {
			*e.p = v
			return nil
		}
	}
	return fmt.Errorf("must be one of %s", strings.Join(e.allowed, ", "))
}

// StringEnumFlag adds a string flag restricted to allowed values.
func StringEnumFlag(fs *pflag.FlagSet, p *string, name, def, usage string, allowed ...string) {
	*p = def
	fs.Var(newEnumValue(p, allowed...), name, usage+" ("+strings.Join(allowed, "|")+")")
}

// OpenBrowser opens url with the command in $BROWSER when set (the URL is
// appended as its last argument; a "%s" in it is replaced instead), else
// with xdg-open, open or the Windows URL handler. It only starts the
// browser; it does not wait for it.
func OpenBrowser(getenv func(string) string, url string) error {
	var name string
	var args []string
	if b := strings.TrimSpace(getenv(EnvBrowser)); b != "" {
		// BROWSER may be a list of commands separated by ':' (as in Python's
		// webbrowser module); the first one is used.
		first, _, _ := strings.Cut(b, string(os.PathListSeparator))
		fields := strings.Fields(first)
		if len(fields) == 0 {
			return errors.New("BROWSER is empty")
		}
		name, args = fields[0], fields[1:]
		replaced := false
		for i, a := range args {
			if strings.Contains(a, "%s") {
				args[i] = strings.ReplaceAll(a, "%s", url)
				replaced = true
			}
		}
		if !replaced {
			args = append(args, url)
		}
	} else {
		switch runtime.GOOS {
		case "darwin":
			name, args = "open", []string{url}
		case "windows":
			name, args = "rundll32", []string{"url.dll,FileProtocolHandler", url}
		default:
			name, args = "xdg-open", []string{url}
		}
	}
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

// Format returns the --format value.
func (f *Factory) Format() string {
	if f.Globals == nil || f.Globals.Format == "" {
		return FormatTable
	}
	return f.Globals.Format
}
