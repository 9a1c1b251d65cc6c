package facade

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestKeysService_HealthAndAliases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, method, path string
		query              url.Values
		response           string
		call               func(ctx context.Context, c *Client) (any, error)
		want               any
	}{
		{name: "health", method: http.MethodPost, path: "/key/health",
			response: `{"key":"healthy","logging_callbacks":null}`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Keys.Health(ctx) },
			want:     &KeyHealth{Key: "healthy"}},
		{name: "health with callbacks", method: http.MethodPost, path: "/key/health",
			response: `{"key":"unhealthy","logging_callbacks":{"callbacks":["gcs_bucket"],"status":"unhealthy","details":"boom"}}`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Keys.Health(ctx) },
			want: &KeyHealth{Key: "unhealthy", LoggingCallbacks: KeyLoggingStatus{
				Callbacks: []string{"gcs_bucket"}, Status: "unhealthy", Details: "boom"}}},
		{name: "aliases, no options", method: http.MethodGet, path: "/key/aliases", query: url.Values{},
			response: `{"aliases":["a","b"],"total_count":2,"current_page":1,"total_pages":1,"size":50}`,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Keys.Aliases(ctx, nil) },
			want:     &KeyAliasList{Aliases: []string{"a", "b"}, TotalCount: 2, CurrentPage: 1, TotalPages: 1, Size: 50}},
		{name: "aliases, search", method: http.MethodGet, path: "/key/aliases",
			query:    url.Values{"search": {"prod"}, "team_id": {"t1"}, "page": {"2"}, "size": {"10"}},
			response: `{"aliases":[],"total_count":0,"current_page":2,"total_pages":0,"size":10}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Keys.Aliases(ctx, &KeyAliasOptions{Search: "prod", TeamID: "t1", Page: 2, Size: 10})
			},
			want: &KeyAliasList{Aliases: []string{}, CurrentPage: 2, Size: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc(tt.path, func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, tt.method)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				if tt.query != nil {
					testQuery(t, r, tt.query)
				}
				writeJSON(w, http.StatusOK, tt.response)
			})
			got, err := tt.call(t.Context(), c)
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeysService_AllAliases(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	var pagesSeen []string
	mux.HandleFunc("/key/aliases", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		pagesSeen = append(pagesSeen, q.Get("page")+"/"+q.Get("size")+"/"+q.Get("search"))
		switch q.Get("page") {
		case "1":
			writeJSON(w, http.StatusOK, `{"aliases":["a","b"],"total_count":3,"current_page":1,"total_pages":2,"size":2}`)
		default:
			writeJSON(w, http.StatusOK, `{"aliases":["c"],"total_count":3,"current_page":2,"total_pages":2,"size":2}`)
		}
	})
	lo := &KeyAliasOptions{Size: 2, Search: "x"}
	var got []string
	for a, err := range c.Keys.AllAliases(t.Context(), lo) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, a)
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, got); diff != "" {
		t.Errorf("aliases (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"1/2/x", "2/2/x"}, pagesSeen); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if lo.Page != 0 {
		t.Errorf("AllAliases changed lo.Page to %d", lo.Page)
	}
}
