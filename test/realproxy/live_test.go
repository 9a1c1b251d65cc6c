package realproxy

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestLiveStart starts a real proxy with custom models and extra config and
// checks that both took effect (make live; LITELLM_LIVE=1).
func TestLiveStart(t *testing.T) {
	if !Live() {
		t.Skipf("set %s=1 (make live) to start a real LiteLLM", EnvLive)
	}
	p := Start(t, Options{
		Models:      []Model{{Name: "echo", Model: "openai/echo", MockResponse: "realproxy says hi"}},
		ExtraConfig: "general_settings:\n  allow_public_health_readiness_details: true\n",
	})
	if p.Version != Pinned {
		t.Errorf("Version = %q, want %q", p.Version, Pinned)
	}
	// With allow_public_health_readiness_details the public probe has the
	// version (the merged general_settings kept the master key: see below).
	var ready struct {
		LitellmVersion string `json:"litellm_version"`
	}
	getJSON(t, p, "/health/readiness", "", &ready)
	if ready.LitellmVersion != Pinned {
		t.Errorf("readiness litellm_version = %q, want %q", ready.LitellmVersion, Pinned)
	}
	var models struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	getJSON(t, p, "/v1/models", p.MasterKey, &models)
	if len(models.Data) != 1 || models.Data[0].ID != "echo" {
		t.Errorf("models = %+v, want only echo", models.Data)
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, p.URL+"/v1/chat/completions",
		strings.NewReader(`{"model":"echo","messages":[{"role":"user","content":"hi"}]}`))
	req.Header.Set("Authorization", "Bearer "+p.MasterKey)
	req.Header.Set("Content-Type", "application/json")
	var chat struct {
		Choices []struct {
			Message struct {
				Content string `json:"content"`
			} `json:"message"`
		} `json:"choices"`
	}
	do(t, req, &chat)
	if len(chat.Choices) != 1 || chat.Choices[0].Message.Content != "realproxy says hi" {
		t.Errorf("chat = %+v, want the mock response", chat)
	}
	// A wrong key is refused: the master key is in force.
	resp, err := http.Get(p.URL + "/v1/models")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("no key: HTTP %d, want 401", resp.StatusCode)
	}
	p.Stop()
	if !p.Exited() {
		t.Error("Stop returned with the proxy running")
	}
}

func getJSON(t *testing.T, p *Proxy, path, key string, out any) {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, p.URL+path, nil)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	do(t, req, out)
}

func do(t *testing.T, req *http.Request, out any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: HTTP %d", req.Method, req.URL.Path, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
}
