// Command specdrift compares our curated OpenAPI spec of the LiteLLM proxy
// with the OpenAPI document a real proxy publishes and reports drift: every
// operation, parameter and request-body field of ours must exist upstream
// with a compatible type, except operations marked `x-litellm-hidden: true`.
//
// Usage:
//
//	go run ./api/cmd/specdrift -upstream FILE_OR_URL [-spec api/litellm-proxy.yaml] [-allow api/drift-allow.yaml] [-format text|json] [-timeout 30s]
//
// FILE_OR_URL is a local file or an http(s) URL such as a running proxy's
// http://localhost:4000/openapi.json. The allow file lists expected drift as
// {operation: "POST /key/generate", field: "body.foo", reason: "..."}
// entries; the default one is optional, a missing file given explicitly is
// an error. The allow file may also list families of upstream routes the
// spec covers ({name: teams, prefixes: [/team]}) and the family operations
// left out of it with a reason ({operation: "GET /team/{id}/callback",
// reason: "..."}): an upstream operation of a family that is in neither is
// drift too (see drift.CompareConfig).
//
// Exit status: 0 when there is no unexplained drift, 1 when there is, 2 on
// usage or load errors.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/litellm-go/proxyclient/api/internal/drift"
)

const (
	defaultSpec  = "api/litellm-proxy.yaml"
	defaultAllow = "api/drift-allow.yaml"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("specdrift", flag.ContinueOnError)
	fl.SetOutput(stderr)
	upstream := fl.String("upstream", "", "upstream OpenAPI document: file or http(s) URL (required)")
	spec := fl.String("spec", defaultSpec, "our OpenAPI spec")
	allow := fl.String("allow", defaultAllow, "allow file of explained drift (YAML or JSON); the default is optional")
	format := fl.String("format", "text", "output format: text or json")
	timeout := fl.Duration("timeout", drift.DefaultTimeout, "timeout for loading an upstream URL")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: specdrift -upstream FILE_OR_URL [-spec api/litellm-proxy.yaml] [-allow api/drift-allow.yaml] [-format text|json]")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "specdrift: unexpected arguments: %q\n", fl.Args())
		fl.Usage()
		return 2
	}
	if *upstream == "" {
		fmt.Fprintln(stderr, "specdrift: -upstream is required")
		fl.Usage()
		return 2
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "specdrift: -format must be text or json, not %q\n", *format)
		return 2
	}
	allowExplicit := false
	fl.Visit(func(f *flag.Flag) {
		if f.Name == "allow" {
			allowExplicit = true
		}
	})

	var cfg drift.Config
	if *allow != "" {
		c, err := drift.LoadConfig(*allow)
		switch {
		case err == nil:
			cfg = c
		case errors.Is(err, fs.ErrNotExist) && !allowExplicit:
			// The default allow file is optional.
		default:
			fmt.Fprintf(stderr, "specdrift: allow file: %v\n", err)
			return 2
		}
	}

	ours, err := drift.Load(context.Background(), *spec)
	if err != nil {
		fmt.Fprintf(stderr, "specdrift: spec: %v\n", err)
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	up, err := drift.Load(ctx, *upstream)
	if err != nil {
		fmt.Fprintf(stderr, "specdrift: upstream: %v\n", err)
		return 2
	}

	report := drift.CompareConfig(ours, up, cfg)
	if *format == "json" {
		err = report.JSON(stdout)
	} else {
		fmt.Fprintf(stdout, "specdrift: ours=%s upstream=%s (%d allowances, %d families, %d uncovered entries)\n\n", *spec, *upstream, len(cfg.Allow), len(cfg.Families), len(cfg.Uncovered))
		err = report.Text(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "specdrift: write report: %v\n", err)
		return 2
	}
	if report.HasDrift() {
		return 1
	}
	return 0
}
