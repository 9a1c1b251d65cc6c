package proxytest

import (
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

const guardrailTestConfig = `guardrails:
  - guardrail_name: cfg-filter
    litellm_params:
      guardrail: litellm_content_filter
      mode: pre_call
      api_key: sk-guardrail-secret-123456
      blocked_words:
        - {keyword: forbidden, action: BLOCK}
        - {keyword: secretword, action: MASK}
    guardrail_info: {description: from config}
`

func guardrailCall(t *testing.T, s *Server, method, path, body string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, s.URL+path, rd)
	req.Header.Set("Authorization", "Bearer "+s.MasterKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestGuardrails holds the emulator to answers of real 1.88.0 and 1.106.12
// proxies started with guardrailTestConfig (no database).
func TestGuardrails(t *testing.T) {
	cfg, err := ParseLiteLLMConfig([]byte(guardrailTestConfig))
	if err != nil {
		t.Fatal(err)
	}
	s := NewServer(cfg.Option())
	defer s.Close()
	st, body := guardrailCall(t, s, "GET", "/guardrails/list", "")
	var list struct {
		Guardrails []map[string]any `json:"guardrails"`
	}
	if err := json.Unmarshal([]byte(body), &list); st != 200 || err != nil || len(list.Guardrails) != 1 {
		t.Fatalf("list: %d %s", st, body)
	}
	g := list.Guardrails[0]
	lp := g["litellm_params"].(map[string]any)
	if g["guardrail_id"] != nil || g["guardrail_definition_location"] != "config" || lp["api_key"] != "sk****56" || len(lp) != 36 {
		t.Errorf("list entry %v (%d params)", g, len(lp))
	}
	st, body = guardrailCall(t, s, "POST", "/guardrails/apply_guardrail", `{"guardrail_name":"cfg-filter","text":"a secretword text"}`)
	if st != 200 || body != `{"response_text":"a [KEYWORD_REDACTED] text"}` {
		t.Errorf("apply mask: %d %s", st, body)
	}
	st, body = guardrailCall(t, s, "POST", "/apply_guardrail", `{"guardrail_name":"cfg-filter","text":"a forbidden text"}`)
	want := `{"error":{"message":"{'error': \"Content blocked: keyword 'forbidden' detected\", 'keyword': 'forbidden', 'description': None}","type":"internal_server_error","param":"None","code":"400"}}`
	var gotV, wantV any
	_ = json.Unmarshal([]byte(body), &gotV)
	_ = json.Unmarshal([]byte(want), &wantV)
	if st != 400 || !reflect.DeepEqual(gotV, wantV) {
		t.Errorf("apply block: %d %s", st, body)
	}
	st, _ = guardrailCall(t, s, "POST", "/guardrails/apply_guardrail", `{"guardrail_name":"nope","text":"x"}`)
	if st != 404 {
		t.Errorf("apply unknown: %d", st)
	}
	if got := uuid5(configGuardrailNamespace, "cfg-filter"); got != "5f62757f-a39f-5b79-bb89-89db0823adf7" {
		t.Errorf("config id %s", got)
	}

	nodb := NewServer(cfg.Option(), WithNoDatabase())
	defer nodb.Close()
	if st, body := guardrailCall(t, nodb, "GET", "/v2/guardrails/list", ""); st != 500 || body != `{"detail":"Prisma client not initialized"}` {
		t.Errorf("1.88 no-DB v2 list: %d %s", st, body)
	}
	nodb106 := NewServer(cfg.Option(), WithNoDatabase(), WithVersion(Version1_106))
	defer nodb106.Close()
	if st, body := guardrailCall(t, nodb106, "GET", "/guardrails/some-id", ""); st != 404 || body != `{"detail":"Guardrail with ID some-id not found"}` {
		t.Errorf("1.106 no-DB get: %d %s", st, body)
	}
	if st, body := guardrailCall(t, nodb106, "GET", "/v2/guardrails/list", ""); st != 200 || !strings.Contains(body, "5f62757f-a39f-5b79-bb89-89db0823adf7") {
		t.Errorf("1.106 no-DB v2 list: %d %.200s", st, body)
	}
}
