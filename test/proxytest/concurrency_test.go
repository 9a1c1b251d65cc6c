package proxytest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestConcurrentUse generates, lists, uses and deletes keys from many
// goroutines at once; run it with -race.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	srv := newServer(t, proxytest.WithFault(proxytest.Keepalive(0).On("chatCompletion").WithProbability(0.5)))
	const workers, perWorker = 16, 8
	auth := bearer(srv.MasterKey)
	// step sends one request from a worker goroutine; t.Fatal is not allowed there.
	step := func(method, path string, hdr http.Header, body any) map[string]any {
		r, err := tryCall(t, srv, method, path, body, hdr)
		if err != nil || r.Status != 200 {
			t.Errorf("%s %s: %v %d %s", method, path, err, r.Status, r.Body)
			return nil
		}
		var m map[string]any
		_ = json.Unmarshal(r.Body, &m)
		return m
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				m := step("POST", "/key/generate", auth, map[string]any{"key_alias": fmt.Sprintf("w%d-%d", w, i), "user_id": fmt.Sprintf("user-%d", w)})
				key, _ := m["key"].(string)
				step("GET", "/key/list?size=5", auth, nil)
				step("POST", "/chat/completions", bearer(key), chatBody("gpt-4o", "hello"))
				if i%2 == 1 {
					step("POST", "/key/delete", auth, map[string]any{"keys": []string{key}})
				}
			}
		})
	}
	wg.Wait()
	m := mustOK(t, call(t, srv, "GET", "/key/list", srv.MasterKey, nil)).Map(t)
	if want := float64(workers * perWorker / 2); m["total_count"] != want {
		t.Errorf("total_count = %v, want %v", m["total_count"], want)
	}
	if n := srv.RequestCount("chatCompletion"); n != workers*perWorker {
		t.Errorf("RequestCount(chatCompletion) = %d, want %d", n, workers*perWorker)
	}
	m = mustOK(t, call(t, srv, "GET", "/key/list?user_id=user-3&return_full_object=true", srv.MasterKey, nil)).Map(t)
	if m["total_count"] != float64(perWorker/2) {
		t.Errorf("user-3 keys = %v", m["total_count"])
	}
	for _, k := range m["keys"].([]any) {
		if s, _ := get(k, "spend").(float64); s <= 0 {
			t.Errorf("key without spend after a chat: %v", k)
		}
	}
}
