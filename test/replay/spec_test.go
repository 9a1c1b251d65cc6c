package replay

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
)

// TestCorpusWithinSpec checks that every answer the real proxy recorded for
// an operation of our spec is described by the spec (status, content type,
// body schema): a client generated from the spec must be able to read what
// the real proxy sends.
func TestCorpusWithinSpec(t *testing.T) {
	dir := corpusDir(t)
	router := specRouter(t)
	for _, file := range []string{"real-1.88.0-db.jsonl", "real-1.88.0-db-breadth.jsonl", "real-1.88.0-nodb.jsonl"} {
		for _, e := range loadExchanges(t, filepath.Join(dir, file)) {
			req, err := http.NewRequest(e.Request.Method, "http://replay"+(&url.URL{Path: e.Request.Path}).EscapedPath(), nil)
			if err != nil {
				t.Fatal(err)
			}
			route, params, err := router.FindRoute(req)
			if err != nil {
				continue // not in the spec, or a 405 for another method
			}
			body := recordedBody(&e)
			if strings.Contains(e.Response.Headers["content-type"], "event-stream") {
				continue // the SSE framing is compared by the replay
			}
			input := &openapi3filter.ResponseValidationInput{
				RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
				Status:                 e.Response.Status,
				Header:                 recordedHeader(&e),
				Body:                   io.NopCloser(bytes.NewReader(body)),
				Options:                &openapi3filter.Options{IncludeResponseStatus: true},
			}
			if err := openapi3filter.ValidateResponse(context.Background(), input); err != nil {
				t.Errorf("%s %s (%s %s): recorded %d answer is outside the spec: %.600v", file, e.ID, e.Request.Method, e.Request.Path, e.Response.Status, err)
			}
		}
	}
}
