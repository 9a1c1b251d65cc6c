package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestQuickstart runs the walkthrough against the built-in emulator.
func TestQuickstart(t *testing.T) {
	t.Setenv("LITELLM_PROXY_URL", "")
	var out bytes.Buffer
	if err := run(t.Context(), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	got := out.String()
	for _, want := range []string{"You said: What is LiteLLM?", "finish_reason stop", "deleted quickstart-key",
		"masked by the proxy", "ErrUnauthorized) = true", "Done."} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "not-a-real-azure-key") || strings.Contains(got, "sk-quickstart-wrong-key-0000") {
		t.Errorf("output shows a secret:\n%s", got)
	}
}
