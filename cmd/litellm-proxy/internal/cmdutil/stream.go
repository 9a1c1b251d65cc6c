package cmdutil

import (
	"fmt"
	"io"
	"strings"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// PrintStream writes the text of the first choice of a chat completion
// stream to w as it arrives, control characters escaped, and returns the
// whole text and the stream's error. It does not close s.
func PrintStream(w io.Writer, s *facade.ChatCompletionStream) (string, error) {
	var text strings.Builder
	for s.Next() {
		for _, ch := range s.Current().Choices {
			if ch.Index == 0 && ch.Delta.Content != "" {
				fmt.Fprint(w, output.Escape(ch.Delta.Content))
				text.WriteString(ch.Delta.Content)
			}
		}
	}
	return text.String(), s.Err()
}
