package facade

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWithRawJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		status   int
		body     string
		wantRaw  []string
		wantErr  bool
		wantKeys int
	}{
		{
			name:   "a page keeps its key order and unknown fields",
			status: 200,
			body:   `{"total_count": 1, "keys": [{"token": "h1", "zz_new": [1.0]}], "current_page": 1, "total_pages": 1}` + "\n",
			wantRaw: []string{
				`{"total_count": 1, "keys": [{"token": "h1", "zz_new": [1.0]}], "current_page": 1, "total_pages": 1}`,
			},
			wantKeys: 1,
		},
		{name: "an error answer is not recorded", status: 404, body: `{"error": {"message": "no"}}`, wantErr: true},
		{name: "a body that is not JSON is not recorded", status: 200, body: `<html>`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/key/list", func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, tt.status, tt.body)
			})
			var got []string
			list, err := c.Keys.List(t.Context(), nil, WithRawJSON(func(r RawJSON) { got = append(got, string(r)) }))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.wantRaw, got); diff != "" {
				t.Errorf("recorded (-want +got):\n%s", diff)
			}
			if err == nil && len(list.Keys) != tt.wantKeys {
				t.Errorf("got %d keys, want %d: the typed result must still be decoded", len(list.Keys), tt.wantKeys)
			}
		})
	}
}

func TestWithRawJSON_nil(t *testing.T) {
	t.Parallel()
	c, _, _ := setup(t)
	if _, err := c.Keys.List(t.Context(), nil, WithRawJSON(nil)); err == nil {
		t.Fatal("WithRawJSON(nil): no error")
	}
}

func TestWithRawJSON_pages(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/user/list", func(w http.ResponseWriter, r *http.Request) {
		page := r.URL.Query().Get("page")
		writeJSON(w, 200, `{"users": [{"user_id": "u`+page+`"}], "total_pages": 2}`)
	})
	var pages []string
	n := 0
	for _, err := range c.Users.All(t.Context(), nil, WithRawJSON(func(r RawJSON) { pages = append(pages, string(r.Member("users"))) })) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if want := []string{`[{"user_id": "u1"}]`, `[{"user_id": "u2"}]`}; n != 2 || !cmp.Equal(want, pages) {
		t.Errorf("users %d, pages %q, want 2 and %q", n, pages, want)
	}
}

func TestRawJSON(t *testing.T) {
	t.Parallel()
	obj := RawJSON(`{"b": 1.0, "a": {"y": 2, "x": 3}, "n": null, "l": [{"k": 1}, "s", 2.50]}`)
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"member keeps spelling", string(obj.Member("a")), `{"y": 2, "x": 3}`},
		{"missing member", obj.Member("zz"), RawJSON(nil)},
		{"null member", string(obj.Member("n")), "null"},
		{"member of a non-object", RawJSON(`[1]`).Member("a"), RawJSON(nil)},
		{"items", obj.Member("l").Items(), []RawJSON{RawJSON(`{"k": 1}`), RawJSON(`"s"`), RawJSON(`2.50`)}},
		{"an object is a list of one", RawJSON(` {"k": 1}`).Items(), []RawJSON{RawJSON(`{"k": 1}`)}},
		{"null has no items", RawJSON(`null`).Items(), []RawJSON(nil)},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	b, err := RawJSON(nil).MarshalJSON()
	if err != nil || string(b) != "null" {
		t.Errorf("empty MarshalJSON = %s, %v", b, err)
	}
	if b, err := obj.MarshalJSON(); err != nil || string(b) != string(obj) {
		t.Errorf("MarshalJSON = %s, %v; want the value unchanged", b, err)
	}
}
