package auth

import (
	"strings"
	"testing"
)

func TestShownLoginURL(t *testing.T) {
	t.Parallel()
	const base = "http://127.0.0.1:4000/sso/key/generate?"
	const legacy = "sk-0f8c2a9e-1b7d-4c3e-9a5f-6d2e8b1c4a70"
	tests := []struct {
		name       string
		url, id    string
		printKey   bool
		want       string
		wantMasked bool
	}{
		{"legacy id is the key: masked", base + "key=" + legacy + "&source=litellm-cli", legacy, false,
			base + "key=sk-0f8…4a70&source=litellm-cli", true},
		{"legacy id with --print-key-url", base + "key=" + legacy + "&source=litellm-cli", legacy, true,
			base + "key=" + legacy + "&source=litellm-cli", false},
		{"real start-flow id: whole", base + "key=cli-AbC_dEf-0123456789&source=litellm-cli", "cli-AbC_dEf-0123456789", false,
			base + "key=cli-AbC_dEf-0123456789&source=litellm-cli", false},
		{"user information and controls", "http://u:pw@h/sso/key/generate?key=cli-x%1B&source=litellm-cli", "cli-x\x1b", false,
			"http://REDACTED@h/sso/key/generate?key=cli-x%1B&source=litellm-cli", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, masked := shownLoginURL(tt.url, tt.id, tt.printKey)
			if got != tt.want || masked != tt.wantMasked {
				t.Errorf("shownLoginURL = %q, %v; want %q, %v", got, masked, tt.want, tt.wantMasked)
			}
			if masked && strings.Contains(got, tt.id) {
				t.Errorf("masked URL %q still holds the id", got)
			}
		})
	}
}
