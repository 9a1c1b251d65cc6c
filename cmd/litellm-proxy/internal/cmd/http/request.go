package http

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	nethttp "net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// RequestOptions are the inputs of "http request".
type RequestOptions struct {
	IO      *iostreams.IOStreams
	Client  func() (*facade.Client, error)
	Method  string
	URI     string
	Data    []byte
	JSON    json.RawMessage
	Headers nethttp.Header
}

// NewCmdRequest returns "http request".
func NewCmdRequest(f *cmdutil.Factory, runF func(*RequestOptions) error) *cobra.Command {
	opts := &RequestOptions{IO: f.IOStreams, Client: f.Client}
	var data, jsonBody string
	var headers []string
	cmd := &cobra.Command{
		Use:   "request METHOD URI [-d DATA | -j JSON] [-H 'Key:Value']...",
		Short: "Send a request and print the JSON answer",
		Long: cmdutil.Heredoc(`
			Send METHOD URI to the proxy (URI is relative to the base URL; "/models"
			and "models" are the same) and pretty-print the JSON answer. A 2xx answer
			that is not JSON is printed as is; an empty one prints nothing.

			-j/--json sends a JSON body (it must be valid JSON). -d/--data sends a raw
			body, as application/json when it parses as JSON (upstream sends a parsed
			-d as a form instead). -H/--header adds a header, "Key:Value", split at the
			first colon; it may be repeated.

			An error status prints "Error: HTTP <status>" on stderr and the error body
			on stdout, and exits 1.`),
		Example: `  litellm-proxy http request GET /models
  litellm-proxy http request POST /chat/completions -j '{"model": "gpt-4o", "messages": [{"role": "user", "content": "Hello"}]}'
  litellm-proxy http request GET /key/list -H "X-Custom-Header:value" -H "Accept:application/json"`,
		Args: cmdutil.ExactArgs(2, "METHOD and URI are required, e.g. http request GET /models"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Method, opts.URI = strings.ToUpper(args[0]), args[1]
			if cmdutil.Changed(cmd, "data") && cmdutil.Changed(cmd, "json") {
				return cmdutil.FlagErrorf("--data and --json cannot be used together")
			}
			if cmdutil.Changed(cmd, "json") {
				var v json.RawMessage
				if err := json.Unmarshal([]byte(jsonBody), &v); err != nil {
					return cmdutil.FlagErrorf("Invalid JSON format: %v", err)
				}
				opts.JSON = v
			}
			if cmdutil.Changed(cmd, "data") {
				opts.Data = []byte(data)
			}
			opts.Headers = nethttp.Header{}
			for _, h := range headers {
				k, v, err := cmdutil.ParseHeader(h)
				if err != nil {
					return cmdutil.FlagErrorWrap(err)
				}
				opts.Headers.Add(k, v)
			}
			if runF != nil {
				return runF(opts)
			}
			return requestRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&data, "data", "d", "", "Raw request body")
	cmd.Flags().StringVarP(&jsonBody, "json", "j", "", "JSON request body")
	cmd.Flags().StringArrayVarP(&headers, "header", "H", nil, "Header 'Key:Value' (repeatable)")
	return cmd
}

func requestRun(ctx context.Context, opts *RequestOptions) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	req := &facade.HTTPRequest{Method: opts.Method, URI: opts.URI, Header: opts.Headers}
	switch {
	case opts.JSON != nil:
		req.JSON = opts.JSON
	case opts.Data != nil:
		req.Body = opts.Data
		if json.Valid(opts.Data) && opts.Headers.Get("Content-Type") == "" {
			req.ContentType = "application/json"
		}
	}
	var raw json.RawMessage
	err = c.HTTP.Do(ctx, req, &raw)
	var de *facade.DecodeError
	if errors.As(err, &de) {
		body := bytes.TrimSpace(de.Body)
		if len(body) > 0 {
			_, err := fmt.Fprintf(opts.IO.Out, "%s\n", output.Escape(string(body)))
			return err
		}
		return nil
	}
	if err != nil {
		return err
	}
	return output.PrintJSON(opts.IO, raw)
}
