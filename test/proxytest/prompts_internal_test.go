package proxytest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPromptIDs(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		id, base string
		version  int
	}{
		{"jack", "jack", 1}, {"jack.v2", "jack", 2}, {"jack_v3", "jack", 3}, {"jack.vx", "jack", 1},
		{"my_video.v4", "my_video", 4}, {"a.v1.v2", "a", 1},
	} {
		if got := promptBaseID(tt.id); got != tt.base {
			t.Errorf("promptBaseID(%q) = %q, want %q", tt.id, got, tt.base)
		}
		if got := promptVersion(tt.id); got != tt.version {
			t.Errorf("promptVersion(%q) = %d, want %d", tt.id, got, tt.version)
		}
	}
}

func TestPromptRendering(t *testing.T) {
	t.Parallel()
	meta, body, err := parseFrontMatter("---\nmodel: gpt-4o\ntemperature: 0.5\n---\nSystem: a\nmore\n\nUser: {{ name }} & {{n}} {{flag}}\nAssistant: ok")
	if err != nil || meta["model"] != "gpt-4o" || meta["temperature"] != 0.5 {
		t.Fatalf("front matter: %v %v", meta, err)
	}
	got := promptMessages(renderTemplate(body, map[string]any{"name": "<b>", "n": 3.0, "flag": true}))
	want := []map[string]any{
		{"role": "system", "content": "a\nmore"},
		{"role": "user", "content": "&lt;b&gt; & 3 True"},
		{"role": "assistant", "content": "ok"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
	if got := promptMessages("plain text"); !cmp.Equal(got, []map[string]any{{"role": "user", "content": "plain text"}}) {
		t.Errorf("plain: %v", got)
	}
	if _, _, err := parseFrontMatter("---\n: [\n---\nx"); err == nil {
		t.Error("bad YAML: no error")
	}
	if meta, body, _ := parseFrontMatter("no front matter"); len(meta) != 0 || body != "no front matter" {
		t.Errorf("no front matter: %v %q", meta, body)
	}
}
