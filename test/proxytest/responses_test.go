package proxytest_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestResponses(t *testing.T) {
	srv := newServer(t)
	key := srv.MasterKey
	created := mustOK(t, call(t, srv, http.MethodPost, "/responses", key, map[string]any{"model": "gpt-4o", "input": "hello there"})).Map(t)
	id, _ := created["id"].(string)
	if !strings.HasPrefix(id, "resp_") || created["status"] != "completed" ||
		get(created, "output", 0, "content", 0, "text") != "You said: hello there" {
		t.Fatalf("created %v", created)
	}
	got := mustOK(t, call(t, srv, http.MethodGet, "/v1/responses/"+id, key, nil)).Map(t)
	if got["id"] != id {
		t.Errorf("get %v", got)
	}
	items := mustOK(t, call(t, srv, http.MethodGet, "/responses/"+id+"/input_items", key, nil)).Map(t)
	if get(items, "data", 0, "content", 0, "text") != "hello there" || items["object"] != "list" {
		t.Errorf("input items %v", items)
	}
	if r := call(t, srv, http.MethodPost, "/responses/"+id+"/cancel", key, nil); r.Status != http.StatusBadRequest {
		t.Errorf("cancel of a finished response: %d %s", r.Status, r.Body)
	}
	bg := mustOK(t, call(t, srv, http.MethodPost, "/v1/responses", key, map[string]any{"model": "gpt-4o", "input": "later", "background": true})).Map(t)
	if bg["status"] != "in_progress" {
		t.Errorf("background %v", bg)
	}
	cancelled := mustOK(t, call(t, srv, http.MethodPost, "/v1/responses/"+bg["id"].(string)+"/cancel", key, nil)).Map(t)
	if cancelled["status"] != "cancelled" {
		t.Errorf("cancelled %v", cancelled)
	}
	mustOK(t, call(t, srv, http.MethodGet, "/v1/responses/"+id+"/input_items", key, nil))
	del := mustOK(t, call(t, srv, http.MethodDelete, "/responses/"+id, key, nil)).Map(t)
	if del["deleted"] != true {
		t.Errorf("delete %v", del)
	}
	mustOK(t, call(t, srv, http.MethodDelete, "/v1/responses/"+bg["id"].(string), key, nil))
	if r := call(t, srv, http.MethodGet, "/responses/"+id, key, nil); r.Status != http.StatusNotFound {
		t.Errorf("get after delete: %d %s", r.Status, r.Body)
	}
	if r := call(t, srv, http.MethodPost, "/responses", key, map[string]any{"model": "gpt-4o", "input": "x", "store": false}); r.Status != http.StatusOK {
		t.Errorf("store=false: %d", r.Status)
	}
}

func TestResponseStream(t *testing.T) {
	srv := newServer(t)
	r := mustOK(t, call(t, srv, http.MethodPost, "/responses", srv.MasterKey, map[string]any{"model": "gpt-4o", "input": "one two", "stream": true}))
	body := string(r.Body)
	for _, want := range []string{"event: response.created\n", `"delta":" two"`, "event: response.completed\n", `"sequence_number":0`} {
		if !strings.Contains(body, want) {
			t.Errorf("stream has no %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "[DONE]") {
		t.Error("a response stream ends with its last event, not [DONE]")
	}
}
