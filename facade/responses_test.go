package facade_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestResponsesLifecycle(t *testing.T) {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := t.Context()
	r, err := c.Responses.Create(ctx, &facade.ResponseRequest{Model: "gpt-4o",
		Input: []map[string]any{{"role": "user", "content": "hello there"}}})
	if err != nil {
		t.Fatal(err)
	}
	if r.OutputText() != "You said: hello there" || r.Status != "completed" || !strings.Contains(string(r.RawJSON()), `"tools"`) {
		t.Fatalf("response %+v", r.Response)
	}
	got, err := c.Responses.Get(ctx, r.ID)
	if err != nil || got.OutputText() != r.OutputText() {
		t.Fatalf("get: %v %+v", err, got)
	}
	items, err := c.Responses.InputItems(ctx, r.ID)
	if err != nil || len(items.Data) != 1 {
		t.Fatalf("input items: %v %+v", err, items)
	}
	bg, err := c.Responses.Create(ctx, &facade.ResponseRequest{Model: "gpt-4o", Input: "later", Background: true})
	if err != nil {
		t.Fatal(err)
	}
	cancelled, err := c.Responses.Cancel(ctx, bg.ID)
	if err != nil || cancelled.Status != "cancelled" {
		t.Fatalf("cancel: %v %+v", err, cancelled)
	}
	del, err := c.Responses.Delete(ctx, r.ID)
	if err != nil || !del.Deleted {
		t.Fatalf("delete: %v %+v", err, del)
	}
	if _, err := c.Responses.Get(ctx, r.ID); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("get after delete: %v", err)
	}
	if _, err := c.Responses.Get(ctx, ".."); err == nil {
		t.Error("a dot-dot id was sent")
	}
}

func TestResponsesStream(t *testing.T) {
	srv := proxytest.NewServer()
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	s, err := c.Responses.Stream(t.Context(), &facade.ResponseRequest{Model: "gpt-4o", Input: "stream these words"})
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	var types []string
	for ev, err := range s.All() {
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, ev.Type)
		if ev.Type == "response.output_text.delta" {
			text.WriteString(ev.Delta)
		}
	}
	if text.String() != "You said: stream these words" || types[0] != "response.created" || types[len(types)-1] != "response.completed" {
		t.Errorf("text %q, events %v", text.String(), types)
	}
	if s.Final() == nil || s.Final().OutputText() != text.String() {
		t.Errorf("final %+v", s.Final())
	}
}

// TestResponsesStreamEnds: a stream cut before its last event is an error;
// after it, the end of the body is not; an error event is an *APIError.
func TestResponsesStreamEnds(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       func(error) bool
	}{
		{"complete", "event: response.created\ndata: {\"type\":\"response.created\"}\n\nevent: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":\"r\"}}\n\n",
			func(err error) bool { return err == nil }},
		{"complete then [DONE]", "data: {\"type\":\"response.completed\",\"response\":{\"id\":\"r\"}}\n\ndata: [DONE]\n\n",
			func(err error) bool { return err == nil }},
		{"cut", "data: {\"type\":\"response.created\"}\n\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"a\"}\n\n",
			func(err error) bool { return errors.Is(err, facade.ErrStreamTruncated) }},
		{"error event", "data: {\"type\":\"response.created\"}\n\nevent: error\ndata: {\"type\":\"error\",\"code\":\"429\",\"message\":\"slow down\"}\n\n",
			func(err error) bool {
				var apiErr *facade.APIError
				return errors.As(err, &apiErr) && apiErr.StatusCode == 429 && apiErr.MidStream && apiErr.Message == "slow down"
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/event-stream")
				_, _ = io.WriteString(w, tt.body)
			}))
			defer srv.Close()
			c, _ := facade.New(srv.URL)
			s, err := c.Responses.Stream(t.Context(), &facade.ResponseRequest{Model: "m", Input: "x"})
			if err != nil {
				t.Fatal(err)
			}
			for s.Next() {
			}
			if !tt.want(s.Err()) {
				t.Errorf("Err() = %v", s.Err())
			}
		})
	}
}
