package facade

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// leakyKey is the upstream tests' key that must never show in an error.
const leakyKey = "sk-1234567890abcdefghijklmnop"

func TestKeysService_List_query(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		opts         *KeyListOptions
		wantQuery    url.Values
		wantRawQuery string // when set, the exact query string (parameter order as upstream)
	}{
		{name: "nil options", opts: nil, wantRawQuery: ""},
		{name: "zero options", opts: &KeyListOptions{}, wantRawQuery: ""},
		{name: "page and size", opts: &KeyListOptions{Page: 2, Size: 10}, wantRawQuery: "page=2&size=10"},
		{
			name: "filters",
			opts: &KeyListOptions{UserID: "user123", TeamID: "team456", OrganizationID: "org789", KeyHash: "hash123", KeyAlias: "alias123"},
			wantQuery: url.Values{"user_id": {"user123"}, "team_id": {"team456"}, "organization_id": {"org789"},
				"key_hash": {"hash123"}, "key_alias": {"alias123"}},
		},
		{
			name:      "flags",
			opts:      &KeyListOptions{ReturnFullObject: true, IncludeTeamKeys: true},
			wantQuery: url.Values{"return_full_object": {"true"}, "include_team_keys": {"true"}},
		},
		{
			name: "all upstream parameters, in upstream order",
			opts: &KeyListOptions{Page: 1, Size: 2, UserID: "user123", TeamID: "team456", OrganizationID: "org789",
				KeyHash: "hash123", KeyAlias: "alias123", ReturnFullObject: true, IncludeTeamKeys: true},
			wantRawQuery: "page=1&size=2&user_id=user123&team_id=team456&organization_id=org789&key_hash=hash123&key_alias=alias123&return_full_object=true&include_team_keys=true",
		},
		{
			name: "proxy parameters beyond upstream",
			opts: &KeyListOptions{IncludeCreatedByKeys: true, SortBy: KeySortByCreatedAt, SortOrder: "asc",
				Expand: []string{"user", "team"}, Status: "deleted", ProjectID: "p1", AccessGroupID: "ag1"},
			wantQuery: url.Values{"include_created_by_keys": {"true"}, "sort_by": {"created_at"}, "sort_order": {"asc"},
				"expand": {"user", "team"}, "status": {"deleted"}, "project_id": {"p1"}, "access_group_id": {"ag1"}},
		},
		{
			name:      "values are escaped",
			opts:      &KeyListOptions{KeyAlias: hostileID, UserID: "a b+c"},
			wantQuery: url.Values{"key_alias": {hostileID}, "user_id": {"a b+c"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/key/list", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodGet)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				if tt.wantQuery != nil {
					testQuery(t, r, tt.wantQuery)
				} else if r.URL.RawQuery != tt.wantRawQuery {
					t.Errorf("query = %q, want %q", r.URL.RawQuery, tt.wantRawQuery)
				}
				writeJSON(w, http.StatusOK, `{"keys": ["h1", "h2"], "total_count": 2, "current_page": 1, "total_pages": 1}`)
			})
			var before KeyListOptions
			if tt.opts != nil {
				before = *tt.opts
			}
			got, err := c.Keys.List(t.Context(), tt.opts)
			if err != nil {
				t.Fatalf("List: %v", err)
			}
			want := &KeyList{Keys: []Key{{Token: "h1"}, {Token: "h2"}}, TotalCount: 2, CurrentPage: 1, TotalPages: 1}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("List (-want +got):\n%s", diff)
			}
			if tt.opts != nil {
				if diff := cmp.Diff(before, *tt.opts); diff != "" {
					t.Errorf("List changed the options (-before +after):\n%s", diff)
				}
			}
		})
	}
}

func TestKeysService_List_decode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		body    string
		want    *KeyList
		wantErr bool
	}{
		{
			name: "hashes",
			body: `{"keys": ["88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b"], "total_count": 31, "current_page": 3, "total_pages": 4}`,
			want: &KeyList{Keys: []Key{{Token: "88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b"}}, TotalCount: 31, CurrentPage: 3, TotalPages: 4},
		},
		{
			name: "full objects",
			body: `{"keys": [{"token": "h1", "key_alias": "ci", "spend": 1.5, "models": ["gpt-4"], "user_id": "u1", "expires": null,
				"max_budget": null, "metadata": {}, "user_role": "proxy_admin"}], "total_count": 1, "current_page": 1, "total_pages": 1}`,
			want: &KeyList{Keys: []Key{{Token: "h1", KeyAlias: "ci", Spend: 1.5, Models: []string{"gpt-4"}, UserID: "u1", Metadata: map[string]any{}}},
				TotalCount: 1, CurrentPage: 1, TotalPages: 1},
		},
		{
			name: "mixed, nulls skipped",
			body: `{"keys": ["h1", null, {"token": "h2"}], "total_count": 2, "current_page": 1, "total_pages": 1}`,
			want: &KeyList{Keys: []Key{{Token: "h1"}, {Token: "h2"}}, TotalCount: 2, CurrentPage: 1, TotalPages: 1},
		},
		{name: "empty", body: `{"keys": [], "total_count": 0, "current_page": 1, "total_pages": 0}`, want: &KeyList{Keys: []Key{}, CurrentPage: 1}},
		{name: "a number is not a key", body: `{"keys": [42]}`, wantErr: true},
		{name: "keys not a list", body: `{"keys": "h1"}`, wantErr: true},
		{name: "not an object", body: `["h1"]`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("GET /key/list", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, tt.body) })
			got, err := c.Keys.List(t.Context(), nil)
			if tt.wantErr {
				var de *DecodeError
				if !errors.As(err, &de) || got != nil {
					t.Fatalf("List = %v, %v; want nil and a *DecodeError", got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("List: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("List (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeysService_ReturnRequest(t *testing.T) {
	t.Parallel()
	spend := 100.0
	tests := []struct {
		name      string
		call      func(ctx context.Context, c *Client, o Option) (any, error)
		method    string
		path      string // escaped, after the base path
		rawQuery  string
		wantBody  string
		wantQuery url.Values
	}{
		{
			name: "List", method: http.MethodGet, path: "/key/list",
			call: func(ctx context.Context, c *Client, o Option) (any, error) { return c.Keys.List(ctx, nil, o) },
		},
		{
			name: "List page", method: http.MethodGet, path: "/key/list", rawQuery: "page=2&size=10",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Keys.List(ctx, &KeyListOptions{Page: 2, Size: 10}, o)
			},
		},
		{
			name: "Generate minimal", method: http.MethodPost, path: "/key/generate", wantBody: `{}`,
			call: func(ctx context.Context, c *Client, o Option) (any, error) { return c.Keys.Generate(ctx, nil, o) },
		},
		{
			name: "Generate full", method: http.MethodPost, path: "/key/generate",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Keys.Generate(ctx, &KeyGenerateRequest{
					Models:   []string{"gpt-4", "gpt-3.5-turbo"},
					Aliases:  map[string]any{"gpt4": "gpt-4", "turbo": "gpt-3.5-turbo"},
					Spend:    &spend,
					Duration: "24h", KeyAlias: "test-key-alias", TeamID: "team123", UserID: "user456", BudgetID: "budget789",
					Config: map[string]any{"max_parallel_requests": 5},
				}, o)
			},
			wantBody: `{"models": ["gpt-4", "gpt-3.5-turbo"], "aliases": {"gpt4": "gpt-4", "turbo": "gpt-3.5-turbo"}, "spend": 100.0,
				"duration": "24h", "key_alias": "test-key-alias", "team_id": "team123", "user_id": "user456", "budget_id": "budget789",
				"config": {"max_parallel_requests": 5}}`,
		},
		{
			name: "Info", method: http.MethodGet, path: "/key/info", rawQuery: "key=test-key",
			call: func(ctx context.Context, c *Client, o Option) (any, error) { return c.Keys.Info(ctx, "test-key", o) },
		},
		{
			name: "Info hostile key", method: http.MethodGet, path: "/key/info", wantQuery: url.Values{"key": {hostileID}},
			call: func(ctx context.Context, c *Client, o Option) (any, error) { return c.Keys.Info(ctx, hostileID, o) },
		},
		{
			name: "Info calling key", method: http.MethodGet, path: "/key/info",
			call: func(ctx context.Context, c *Client, o Option) (any, error) { return c.Keys.Info(ctx, "", o) },
		},
		{
			name: "Update", method: http.MethodPost, path: "/key/update",
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Keys.Update(ctx, &KeyUpdateRequest{Key: "sk-abc", Models: []string{"all-team-models"}}, o)
			},
			wantBody: `{"key": "sk-abc", "models": ["all-team-models"]}`,
		},
		{
			name: "Delete", method: http.MethodPost, path: "/key/delete", wantBody: `{"keys": ["key1", "key2", "key3"]}`,
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Keys.Delete(ctx, &KeyDeleteRequest{Keys: []string{"key1", "key2", "key3"}}, o)
			},
		},
		{
			name: "Regenerate", method: http.MethodPost, path: "/key/sk-x%2F..%2Fy%3Fz=1&w%23frag%20%252F+/regenerate", wantBody: `{}`,
			call: func(ctx context.Context, c *Client, o Option) (any, error) {
				return c.Keys.Regenerate(ctx, hostileID, nil, o)
			},
		},
		{
			name: "Block", method: http.MethodPost, path: "/key/block", wantBody: `{"key": "sk-abc"}`,
			call: func(ctx context.Context, c *Client, o Option) (any, error) { return c.Keys.Block(ctx, "sk-abc", o) },
		},
		{
			name: "Unblock", method: http.MethodPost, path: "/key/unblock", wantBody: `{"key": "sk-abc"}`,
			call: func(ctx context.Context, c *Client, o Option) (any, error) { return c.Keys.Unblock(ctx, "sk-abc", o) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, srvURL := setup(t)
			rrNotSent(t, mux)
			var r *http.Request
			got, err := tt.call(t.Context(), c, ReturnRequest(&r))
			if err != nil {
				t.Fatalf("error = %v, want nil", err)
			}
			if !isNilResult(got) {
				t.Errorf("result = %#v, want nil", got)
			}
			if r == nil {
				t.Fatal("no request returned")
			}
			if r.Method != tt.method {
				t.Errorf("method = %s, want %s", r.Method, tt.method)
			}
			if got, want := r.URL.Scheme+"://"+r.URL.Host+r.URL.EscapedPath(), srvURL+basePrefix+tt.path; got != want {
				t.Errorf("URL = %s, want %s", got, want)
			}
			if tt.wantQuery != nil {
				testQuery(t, r, tt.wantQuery)
			} else if r.URL.RawQuery != tt.rawQuery {
				t.Errorf("query = %q, want %q", r.URL.RawQuery, tt.rawQuery)
			}
			testHeader(t, r, "Authorization", "Bearer "+testKey)
			if tt.wantBody == "" {
				if b := rrBody(t, r); b != "" {
					t.Errorf("body = %s, want none", b)
				}
				return
			}
			testHeader(t, r, "Content-Type", "application/json")
			testSameJSON(t, rrBody(t, r), tt.wantBody)
		})
	}
}

func TestKeysService_Generate(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/key/generate", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testHeader(t, r, "Content-Type", "application/json")
		testJSONBody(t, r, `{"key_alias": "ci <bot> & co", "max_budget": 0, "models": ["gpt-4"]}`)
		writeJSON(w, http.StatusOK, `{"key": "sk-new-0123456789abcdef", "token": "hash1", "token_id": "hash1", "key_name": "sk-...cdef",
			"key_alias": "ci <bot> & co", "expires": null, "models": ["gpt-4"], "max_budget": 0}`)
	})
	zero := 0.0
	got, err := c.Keys.Generate(t.Context(), &KeyGenerateRequest{KeyAlias: "ci <bot> & co", MaxBudget: &zero, Models: []string{"gpt-4"}})
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	want := &KeyGenerateResponse{Key: "sk-new-0123456789abcdef", Token: "hash1", TokenID: "hash1", KeyName: "sk-...cdef", KeyAlias: "ci <bot> & co", Models: []string{"gpt-4"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Generate (-want +got):\n%s", diff)
	}
}

// TestKeysService_errors checks that every key method maps the proxy's
// errors to an *APIError with the right sentinel, and that no error text
// holds the key it was about.
func TestKeysService_errors(t *testing.T) {
	t.Parallel()
	calls := []struct {
		name, route string
		call        func(ctx context.Context, c *Client) (any, error)
	}{
		{"List", "GET /key/list", func(ctx context.Context, c *Client) (any, error) { return c.Keys.List(ctx, nil) }},
		{"Generate", "POST /key/generate", func(ctx context.Context, c *Client) (any, error) { return c.Keys.Generate(ctx, nil) }},
		{"Info", "GET /key/info", func(ctx context.Context, c *Client) (any, error) { return c.Keys.Info(ctx, leakyKey) }},
		{"Update", "POST /key/update", func(ctx context.Context, c *Client) (any, error) {
			return c.Keys.Update(ctx, &KeyUpdateRequest{Key: leakyKey, KeyAlias: "x"})
		}},
		{"Delete", "POST /key/delete", func(ctx context.Context, c *Client) (any, error) {
			return c.Keys.Delete(ctx, &KeyDeleteRequest{Keys: []string{leakyKey}})
		}},
		{"Regenerate", "POST /key/{key}/regenerate", func(ctx context.Context, c *Client) (any, error) {
			return c.Keys.Regenerate(ctx, leakyKey, nil)
		}},
		{"Block", "POST /key/block", func(ctx context.Context, c *Client) (any, error) { return c.Keys.Block(ctx, leakyKey) }},
		{"Unblock", "POST /key/unblock", func(ctx context.Context, c *Client) (any, error) { return c.Keys.Unblock(ctx, leakyKey) }},
	}
	statuses := []struct {
		status int
		body   string
		want   error
	}{
		{401, `{"error": {"message": "Authentication Error, Invalid proxy server token passed. key=` + leakyKey + `, not found in db.", "type": "token_not_found_in_db", "param": "key", "code": "401"}}`, ErrUnauthorized},
		{404, `{"error": {"message": "{'error': 'Key ` + leakyKey + ` not found.'}", "type": "not_found_error", "param": "key", "code": "404"}}`, ErrNotFound},
		{500, `{"error": {"message": "Internal Server Error, Regenerating Virtual Keys is an Enterprise feature", "type": "internal_server_error", "code": "500"}}`, ErrServer},
	}
	for _, cl := range calls {
		for _, st := range statuses {
			t.Run(fmt.Sprint(cl.name, " ", st.status), func(t *testing.T) {
				t.Parallel()
				var logs bytes.Buffer
				logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
				c, mux, _ := setup(t, WithLogger(logger))
				mux.HandleFunc(cl.route, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, st.status, st.body) })
				got, err := cl.call(t.Context(), c)
				if !isNilResult(got) {
					t.Errorf("result = %v, want nil", got)
				}
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != st.status || !errors.Is(err, st.want) {
					t.Fatalf("error = %v, want an *APIError with status %d matching %v", err, st.status, st.want)
				}
				for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), logs.String()} {
					if strings.Contains(text, leakyKey) || strings.Contains(text, "1234567890abcdefghijklmnop") {
						t.Errorf("the key leaked: %s", text)
					}
				}
			})
		}
	}
}

// TestKeysService_Info_transportErrorHidesKey: a connection that fails
// carries the request URL, with ?key=, in its error; it must be redacted.
func TestKeysService_Info_transportErrorHidesKey(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("GET /key/info", func(w http.ResponseWriter, r *http.Request) {
		hj, ok := w.(http.Hijacker)
		if !ok {
			t.Error("no hijacker")
			return
		}
		conn, _, err := hj.Hijack()
		if err == nil {
			conn.Close()
		}
	})
	for _, key := range []string{leakyKey, "88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b"} {
		_, err := c.Keys.Info(t.Context(), key)
		var te *TransportError
		if !errors.As(err, &te) {
			t.Fatalf("Info error = %v, want a *TransportError", err)
		}
		if strings.Contains(err.Error(), key) {
			t.Errorf("error shows the key: %v", err)
		}
	}
}

func TestKeysService_Info(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"test-key", leakyKey, hostileID, ""} {
		t.Run(key, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/key/info", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodGet)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				var want url.Values
				if key != "" {
					want = url.Values{"key": {key}}
				}
				testQuery(t, r, want)
				writeJSON(w, http.StatusOK, `{"key": `+strconv.Quote(key)+`, "info": {"key_alias": "ci", "spend": 0.5, "models": [], "blocked": null}}`)
			})
			got, err := c.Keys.Info(t.Context(), key)
			if err != nil {
				t.Fatalf("Info: %v", err)
			}
			want := &KeyInfo{Key: key, Info: Key{KeyAlias: "ci", Spend: 0.5, Models: []string{}}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Info (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeysService_Update(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/key/update", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testHeader(t, r, "Content-Type", "application/json")
		testJSONBody(t, r, `{"key": "sk-abc", "key_alias": "a", "user_id": "u", "team_id": "t", "models": ["m"], "spend": 0, "duration": "-1",
			"aliases": {"x": "y"}}`)
		writeJSON(w, http.StatusOK, `{"key": "sk-abc", "token": "hash", "key_alias": "a", "team_id": "t", "budget_reset_at": null}`)
	})
	zero := 0.0
	got, err := c.Keys.Update(t.Context(), &KeyUpdateRequest{Key: "sk-abc", KeyAlias: "a", UserID: "u", TeamID: "t", Models: []string{"m"},
		Spend: &zero, Duration: "-1", Aliases: map[string]any{"x": "y"}})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if diff := cmp.Diff(&Key{Key: "sk-abc", Token: "hash", KeyAlias: "a", TeamID: "t"}, got); diff != "" {
		t.Errorf("Update (-want +got):\n%s", diff)
	}
}

func TestKeysService_Delete(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		req      *KeyDeleteRequest
		wantBody string
	}{
		{name: "keys", req: &KeyDeleteRequest{Keys: []string{"key1", "key2", "key3"}}, wantBody: `{"keys": ["key1", "key2", "key3"]}`},
		{name: "aliases", req: &KeyDeleteRequest{KeyAliases: []string{"alias1", "alias2"}}, wantBody: `{"key_aliases": ["alias1", "alias2"]}`},
		{
			name:     "both",
			req:      &KeyDeleteRequest{Keys: []string{"key1"}, KeyAliases: []string{"alias1"}},
			wantBody: `{"keys": ["key1"], "key_aliases": ["alias1"]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/key/delete", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodPost)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testHeader(t, r, "Content-Type", "application/json")
				testJSONBody(t, r, tt.wantBody)
				writeJSON(w, http.StatusOK, `{"deleted_keys": ["key1"]}`)
			})
			got, err := c.Keys.Delete(t.Context(), tt.req)
			if err != nil {
				t.Fatalf("Delete: %v", err)
			}
			if diff := cmp.Diff(&KeyDeleteResponse{DeletedKeys: []string{"key1"}}, got); diff != "" {
				t.Errorf("Delete (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeysService_Regenerate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		key      string
		req      *KeyRegenerateRequest
		wantBody string
	}{
		{name: "plain key, no body", key: "sk-abc", wantBody: `{}`},
		{name: "hash", key: "88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b", wantBody: `{}`},
		{name: "hostile key", key: hostileID, req: &KeyRegenerateRequest{GracePeriod: "24h"}, wantBody: `{"grace_period": "24h"}`},
		{name: "slashes and dots", key: "a/../../b", wantBody: `{}`},
		{name: "leading dots", key: "../key/list", wantBody: `{}`},
		{name: "same key in body", key: "sk-abc", req: &KeyRegenerateRequest{Key: "sk-abc", NewKey: "sk-new"}, wantBody: `{"key": "sk-abc", "new_key": "sk-new"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/key/{key}/regenerate", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodPost)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testHeader(t, r, "Content-Type", "application/json")
				if got := r.PathValue("key"); got != tt.key {
					t.Errorf("key = %q, want %q", got, tt.key)
				}
				testQuery(t, r, nil)
				testJSONBody(t, r, tt.wantBody)
				writeJSON(w, http.StatusOK, `{"key": "sk-rotated-0123456789", "token_id": "newhash", "key_name": "sk-...6789"}`)
			})
			got, err := c.Keys.Regenerate(t.Context(), tt.key, tt.req)
			if err != nil {
				t.Fatalf("Regenerate: %v", err)
			}
			if diff := cmp.Diff(&KeyGenerateResponse{Key: "sk-rotated-0123456789", TokenID: "newhash", KeyName: "sk-...6789"}, got); diff != "" {
				t.Errorf("Regenerate (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeysService_BlockUnblock(t *testing.T) {
	t.Parallel()
	for _, route := range []string{"/key/block", "/key/unblock"} {
		t.Run(route, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			blocked := route == "/key/block"
			mux.HandleFunc(route, func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodPost)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testHeader(t, r, "Content-Type", "application/json")
				testJSONBody(t, r, `{"key": "`+leakyKey+`"}`)
				writeJSON(w, http.StatusOK, `{"token": "hash", "blocked": `+strconv.FormatBool(blocked)+`}`)
			})
			call := c.Keys.Block
			if !blocked {
				call = c.Keys.Unblock
			}
			got, err := call(t.Context(), leakyKey)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(&Key{Token: "hash", Blocked: blocked}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestKeysService_invalidArguments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		call func(ctx context.Context, c *Client) error
		want string
	}{
		{"Update nil", func(ctx context.Context, c *Client) error { _, err := c.Keys.Update(ctx, nil); return err }, "nil request"},
		{"Update no key", func(ctx context.Context, c *Client) error {
			_, err := c.Keys.Update(ctx, &KeyUpdateRequest{KeyAlias: "a"})
			return err
		}, "key is required"},
		{"Delete nil", func(ctx context.Context, c *Client) error { _, err := c.Keys.Delete(ctx, nil); return err }, "nil request"},
		{"Delete nothing", func(ctx context.Context, c *Client) error {
			_, err := c.Keys.Delete(ctx, &KeyDeleteRequest{Keys: []string{}})
			return err
		}, "at least one of keys or key_aliases"},
		{"Regenerate no key", func(ctx context.Context, c *Client) error { _, err := c.Keys.Regenerate(ctx, "", nil); return err }, "key is required"},
		{"Regenerate dot", func(ctx context.Context, c *Client) error { _, err := c.Keys.Regenerate(ctx, ".", nil); return err }, "not a valid name"},
		{"Regenerate dot-dot", func(ctx context.Context, c *Client) error { _, err := c.Keys.Regenerate(ctx, "..", nil); return err }, "not a valid name"},
		{"Regenerate other key in body", func(ctx context.Context, c *Client) error {
			_, err := c.Keys.Regenerate(ctx, "sk-a", &KeyRegenerateRequest{Key: "sk-b"})
			return err
		}, "differs from the key argument"},
		{"Block no key", func(ctx context.Context, c *Client) error { _, err := c.Keys.Block(ctx, ""); return err }, "key is required"},
		{"Unblock no key", func(ctx context.Context, c *Client) error { _, err := c.Keys.Unblock(ctx, ""); return err }, "key is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			rrNotSent(t, mux)
			err := tt.call(t.Context(), c)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// keyPagesServer serves /key/list from pages of hashes named "p<page>-<i>"
// (total pages as given, the page size from the query) and records the
// queries it receives; failPage fails with 500.
func keyPagesServer(t *testing.T, mux *http.ServeMux, totalPages, failPage int) func() []url.Values {
	t.Helper()
	var mu sync.Mutex
	var seen []url.Values
	mux.HandleFunc("GET /key/list", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		q := r.URL.Query()
		mu.Lock()
		seen = append(seen, q)
		mu.Unlock()
		page, _ := strconv.Atoi(q.Get("page"))
		size, _ := strconv.Atoi(q.Get("size"))
		if page == failPage {
			writeJSON(w, http.StatusInternalServerError, `{"error": {"message": "db down", "type": "internal_server_error", "code": "500"}}`)
			return
		}
		keys := []string{}
		if page <= totalPages {
			for i := range min(size, 3) { // the server gives at most 3 keys a page
				keys = append(keys, strconv.Quote(fmt.Sprintf("p%d-%d", page, i)))
			}
		}
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"keys": [%s], "total_count": %d, "current_page": %d, "total_pages": %d}`,
			strings.Join(keys, ","), 3*totalPages, page, totalPages))
	})
	return func() []url.Values {
		mu.Lock()
		defer mu.Unlock()
		return append([]url.Values(nil), seen...)
	}
}

func TestKeysService_All(t *testing.T) {
	t.Parallel()
	page := func(p, size int, extra ...string) url.Values {
		v := url.Values{"page": {strconv.Itoa(p)}, "size": {strconv.Itoa(size)}}
		for i := 0; i+1 < len(extra); i += 2 {
			v[extra[i]] = append(v[extra[i]], extra[i+1])
		}
		return v
	}
	tests := []struct {
		name       string
		opts       *KeyListOptions
		totalPages int
		failPage   int
		stopAfter  int
		want       []string
		wantErr    error
		wantPages  []url.Values
	}{
		{
			name: "every page, default size", totalPages: 3,
			want:      []string{"p1-0", "p1-1", "p1-2", "p2-0", "p2-1", "p2-2", "p3-0", "p3-1", "p3-2"},
			wantPages: []url.Values{page(1, 100), page(2, 100), page(3, 100)},
		},
		{
			name: "filters and size are kept, page starts where asked", totalPages: 3,
			opts:      &KeyListOptions{Page: 2, Size: 2, TeamID: "t1", Expand: []string{"user"}},
			want:      []string{"p2-0", "p2-1", "p3-0", "p3-1"},
			wantPages: []url.Values{page(2, 2, "team_id", "t1", "expand", "user"), page(3, 2, "team_id", "t1", "expand", "user")},
		},
		{
			name: "no keys at all", totalPages: 0,
			want: nil, wantPages: []url.Values{page(1, 100)},
		},
		{
			name: "early break stops fetching", totalPages: 3, stopAfter: 4,
			want:      []string{"p1-0", "p1-1", "p1-2", "p2-0"},
			wantPages: []url.Values{page(1, 100), page(2, 100)},
		},
		{
			name: "error mid-way is yielded and ends the loop", totalPages: 3, failPage: 2,
			want: []string{"p1-0", "p1-1", "p1-2"}, wantErr: ErrServer,
			wantPages: []url.Values{page(1, 100), page(2, 100)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			seen := keyPagesServer(t, mux, tt.totalPages, tt.failPage)
			var before KeyListOptions
			if tt.opts != nil {
				before = *tt.opts
				before.Expand = append([]string(nil), tt.opts.Expand...)
			}
			var got []string
			var errs []error
			for k, err := range c.Keys.All(t.Context(), tt.opts) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				got = append(got, k.Token)
				if tt.stopAfter > 0 && len(got) == tt.stopAfter {
					break
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantPages, seen()); diff != "" {
				t.Errorf("page requests (-want +got):\n%s", diff)
			}
			switch {
			case tt.wantErr == nil && len(errs) > 0:
				t.Errorf("errors = %v, want none", errs)
			case tt.wantErr != nil && (len(errs) != 1 || !errors.Is(errs[0], tt.wantErr)):
				t.Errorf("errors = %v, want one matching %v", errs, tt.wantErr)
			}
			if tt.opts != nil {
				if diff := cmp.Diff(before, *tt.opts); diff != "" {
					t.Errorf("All changed the options (-before +after):\n%s", diff)
				}
			}
		})
	}
}

func TestKeysService_All_returnRequest(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	rrNotSent(t, mux)
	var r *http.Request
	n := 0
	for _, err := range c.Keys.All(t.Context(), nil, ReturnRequest(&r)) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 0 || r == nil || r.URL.RawQuery != "page=1&size=100" {
		t.Errorf("All with ReturnRequest yielded %d keys, request %v; want none and the first page's request", n, r)
	}
}
