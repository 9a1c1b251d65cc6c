package drift

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v3"
)

// MaxDocumentSize bounds how much of a document Load reads from a URL.
const MaxDocumentSize = 64 << 20

// DefaultTimeout bounds how long Load waits for a URL when the context has
// no deadline.
const DefaultTimeout = 30 * time.Second

// IsURL reports whether location is an http(s) URL rather than a file.
func IsURL(location string) bool {
	l := strings.ToLower(location)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// Load reads an OpenAPI document (3.0 or 3.1, JSON or YAML) from a file or
// an http(s) URL, resolving references but not validating it (the upstream
// 3.1 documents do not pass kin-openapi's validation). Files may reference
// other files; a URL is read with a timeout (DefaultTimeout unless ctx has a
// deadline) and at most MaxDocumentSize bytes, and may not reference other
// documents.
func Load(ctx context.Context, location string) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	if !IsURL(location) {
		loader.IsExternalRefsAllowed = true
		doc, err := loader.LoadFromFile(location)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", location, err)
		}
		return doc, nil
	}
	u, err := url.Parse(location)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", location, err)
	}
	data, err := fetch(ctx, u)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", location, err)
	}
	doc, err := loader.LoadFromDataWithPath(data, u)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", location, err)
	}
	return doc, nil
}

func fetch(ctx context.Context, u *url.URL) ([]byte, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json, application/yaml;q=0.9, */*;q=0.5")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", u.Redacted(), resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxDocumentSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxDocumentSize {
		return nil, fmt.Errorf("document larger than %d bytes", MaxDocumentSize)
	}
	return data, nil
}

// ParseAllowances parses an allow file (see [ParseConfig]) and returns its
// allowances.
func ParseAllowances(data []byte) ([]Allowance, error) {
	cfg, err := ParseConfig(data)
	return cfg.Allow, err
}

// ParseConfig parses an allow file: YAML or JSON, either a list of
// {operation, field, reason, since} allowances or an object whose "allow"
// key holds that list, whose "families" key lists {name, prefixes} and whose
// "uncovered" key lists {operation, reason, since}. Every allowance needs an
// operation of the form "METHOD /path" and a reason, and so does every
// uncovered entry; every family needs a name and prefixes.
func ParseConfig(data []byte) (Config, error) {
	var cfg Config
	if len(bytes.TrimSpace(data)) == 0 {
		return cfg, nil
	}
	var probe yaml.Node
	if err := yaml.Unmarshal(data, &probe); err != nil {
		return Config{}, err
	}
	isList := len(probe.Content) > 0 && probe.Content[0].Kind == yaml.SequenceNode
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var err error
	if isList {
		err = dec.Decode(&cfg.Allow)
	} else {
		err = dec.Decode(&cfg)
	}
	if err != nil {
		return Config{}, err
	}
	var errs []error
	for i, a := range cfg.Allow {
		if _, _, ok := splitOperation(a.Operation); !ok {
			errs = append(errs, fmt.Errorf("entry %d: operation %q is not \"METHOD /path\"", i+1, a.Operation))
		}
		if strings.TrimSpace(a.Reason) == "" {
			errs = append(errs, fmt.Errorf("entry %d (%s %s): reason is required", i+1, a.Operation, a.Field))
		}
		if _, ok := parseVersion(a.Since); a.Since != "" && !ok {
			errs = append(errs, fmt.Errorf("entry %d (%s %s): since %q is not a version", i+1, a.Operation, a.Field, a.Since))
		}
	}
	errs = append(errs, cfg.validate()...)
	if err := errors.Join(errs...); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// LoadConfig reads an allow file (see [ParseConfig]).
func LoadConfig(file string) (Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return Config{}, err
	}
	cfg, err := ParseConfig(data)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", file, err)
	}
	return cfg, nil
}

// LoadAllowances reads an allow file (see [ParseConfig]) and returns its
// allowances.
func LoadAllowances(file string) ([]Allowance, error) {
	cfg, err := LoadConfig(file)
	return cfg.Allow, err
}
