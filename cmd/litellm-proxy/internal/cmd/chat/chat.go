// Package chat implements "litellm-proxy chat": the interactive streaming
// chat, and "chat completions" for one request.
package chat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/cmdutil"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/output"
	"github.com/litellm-go/proxyclient/facade"
)

// maxListedModels is how many models the model picker shows.
const maxListedModels = 200

// Options are the inputs of the interactive chat.
type Options struct {
	IO          *iostreams.IOStreams
	Client      func() (*facade.Client, error)
	Model       string
	Temperature float64
	MaxTokens   *int
	System      string
}

// NewCmdChat returns the chat command: the interactive chat, with the
// completions subcommand.
func NewCmdChat(f *cmdutil.Factory) *cobra.Command {
	return newCmdChat(f, nil)
}

func newCmdChat(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Client: f.Client}
	var maxTokens int
	cmd := &cobra.Command{
		Use:   "chat [MODEL]",
		Short: "Interactive chat with models",
		Long: cmdutil.Heredoc(`
			Chat with a model, streaming each reply as it arrives and keeping the
			conversation. Without MODEL, pick one from the models the key may use.

			Lines starting with "/" are commands:
			  /help            show the commands
			  /quit, /exit, /q end the session
			  /clear           forget the conversation (the system prompt stays)
			  /history         show the conversation
			  /save NAME       save the conversation to NAME.json
			  /load NAME       load a conversation saved with /save
			  /model           pick another model

			The chat reads lines from standard input, so it also works with piped input
			(prompts are shown only on a terminal). End of input or Ctrl-C ends it.
			For a single request, see "chat completions".`),
		Example: `  litellm-proxy chat
  litellm-proxy chat gpt-4o --system "You are terse." --temperature 0.2
  printf 'Hello\n/quit\n' | litellm-proxy chat gpt-4o`,
		Args: cmdutil.RangeArgs(0, 1, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Model = args[0]
			}
			if cmdutil.Changed(cmd, "max-tokens") {
				opts.MaxTokens = cmdutil.Ptr(maxTokens)
			}
			if runF != nil {
				return runF(opts)
			}
			return chatRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.Float64VarP(&opts.Temperature, "temperature", "t", 0.7, "Sampling temperature")
	fs.IntVar(&maxTokens, "max-tokens", 0, "Maximum tokens per reply")
	fs.StringVarP(&opts.System, "system", "s", "", "System prompt")
	cmd.AddCommand(NewCmdCompletions(f, nil))
	return cmd
}

// session is a running chat.
type session struct {
	ctx      context.Context
	opts     *Options
	client   *facade.Client
	lines    <-chan lineResult
	messages []facade.ChatMessage
	prompt   bool
}

type lineResult struct {
	line string
	err  error
}

// errEnd ends the session normally.
var errEnd = errors.New("end of chat")

func chatRun(ctx context.Context, opts *Options) error {
	c, err := opts.Client()
	if err != nil {
		return err
	}
	s := &session{ctx: ctx, opts: opts, client: c, lines: readLines(opts.IO), prompt: opts.IO.CanPrompt()}
	if opts.System != "" {
		s.messages = append(s.messages, facade.SystemMessage(opts.System))
	}
	err = s.run()
	if errors.Is(err, errEnd) || errors.Is(err, context.Canceled) {
		fmt.Fprintln(opts.IO.Out, "Chat session ended.")
		return nil
	}
	return err
}

// readLines reads the input in the background, so that Ctrl-C can end a
// session that waits for a line.
func readLines(ios *iostreams.IOStreams) <-chan lineResult {
	ch := make(chan lineResult)
	go func() {
		defer close(ch)
		for {
			line, err := ios.ReadLine()
			ch <- lineResult{line, err}
			if err != nil {
				return
			}
		}
	}()
	return ch
}

// readLine returns the next input line; the end of the input is errEnd.
func (s *session) readLine(prompt string) (string, error) {
	if s.prompt && prompt != "" {
		fmt.Fprint(s.opts.IO.Out, prompt)
	}
	select {
	case <-s.ctx.Done():
		fmt.Fprintln(s.opts.IO.Out)
		return "", s.ctx.Err()
	case r, ok := <-s.lines:
		if !ok || r.err != nil {
			if s.prompt {
				fmt.Fprintln(s.opts.IO.Out)
			}
			if !ok || errors.Is(r.err, io.EOF) {
				return "", errEnd
			}
			return "", r.err
		}
		return r.line, nil
	}
}

func (s *session) run() error {
	out := s.opts.IO.Out
	cs := s.opts.IO.ColorScheme()
	if s.opts.Model == "" {
		if err := s.pickModel(); err != nil {
			return err
		}
	}
	if s.prompt {
		fmt.Fprintf(out, "Chatting with %s. Type /help for commands, /quit to leave.\n", cs.Bold(output.Escape(s.opts.Model)))
	}
	for {
		line, err := s.readLine(cs.Green("You: "))
		if err != nil {
			return err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "/") {
			if err := s.command(line); err != nil {
				return err
			}
			continue
		}
		if err := s.send(line); err != nil {
			return err
		}
	}
}

// command runs a slash command.
func (s *session) command(line string) error {
	out := s.opts.IO.Out
	name, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	switch name {
	case "/help":
		fmt.Fprint(out, cmdutil.Heredoc(`
			Commands:
			  /help            show this help
			  /quit, /exit, /q end the session
			  /clear           forget the conversation (the system prompt stays)
			  /history         show the conversation
			  /save NAME       save the conversation to NAME.json
			  /load NAME       load a conversation saved with /save
			  /model           pick another model`))
	case "/quit", "/exit", "/q":
		return errEnd
	case "/clear":
		var kept []facade.ChatMessage
		for _, m := range s.messages {
			if m.Role == facade.RoleSystem {
				kept = append(kept, m)
			}
		}
		s.messages = kept
		fmt.Fprintln(out, "Conversation history cleared.")
	case "/history":
		if len(s.messages) == 0 {
			fmt.Fprintln(out, "No messages yet.")
		}
		for _, m := range s.messages {
			text := contentText(m.Content)
			if m.Role == facade.RoleAssistant && len([]rune(text)) > 100 {
				text = string([]rune(text)[:100]) + "..."
			}
			fmt.Fprintf(out, "%s: %s\n", output.Escape(string(m.Role)), output.Escape(text))
		}
	case "/save":
		if arg == "" {
			fmt.Fprintln(s.opts.IO.ErrOut, "Usage: /save NAME")
			return nil
		}
		path := withJSONExt(arg)
		b, err := json.MarshalIndent(s.messages, "", "  ")
		if err == nil {
			err = os.WriteFile(path, append(b, '\n'), 0o600)
		}
		if err != nil {
			fmt.Fprintf(s.opts.IO.ErrOut, "Error: could not save the conversation: %v\n", err)
			return nil
		}
		fmt.Fprintf(out, "Conversation saved to %s\n", path)
	case "/load":
		if arg == "" {
			fmt.Fprintln(s.opts.IO.ErrOut, "Usage: /load NAME")
			return nil
		}
		path := arg
		if _, err := os.Stat(path); err != nil {
			path = withJSONExt(arg)
		}
		var msgs []facade.ChatMessage
		b, err := os.ReadFile(path)
		if err == nil {
			err = json.Unmarshal(b, &msgs)
		}
		if err != nil {
			fmt.Fprintf(s.opts.IO.ErrOut, "Error: could not load the conversation: %v\n", err)
			return nil
		}
		s.messages = msgs
		fmt.Fprintf(out, "Conversation loaded from %s (%d messages)\n", path, len(msgs))
	case "/model":
		return s.pickModel()
	default:
		fmt.Fprintf(s.opts.IO.ErrOut, "Unknown command: %s. Type /help for the commands.\n", name)
	}
	return nil
}

func withJSONExt(name string) string {
	if strings.HasSuffix(name, ".json") {
		return name
	}
	return name + ".json"
}

func contentText(c any) string {
	if s, ok := c.(string); ok {
		return s
	}
	b, _ := json.Marshal(c)
	return string(b)
}

// send sends the conversation with line appended and streams the reply.
func (s *session) send(line string) error {
	out := s.opts.IO.Out
	cs := s.opts.IO.ColorScheme()
	s.messages = append(s.messages, facade.UserMessage(line))
	req := &facade.ChatCompletionRequest{
		Model: s.opts.Model, Messages: s.messages, Temperature: cmdutil.Ptr(s.opts.Temperature), MaxTokens: s.opts.MaxTokens,
	}
	drop := func() { s.messages = s.messages[:len(s.messages)-1] }
	st, err := s.client.Chat.Completions.Stream(s.ctx, req)
	if err != nil {
		drop()
		return s.replyError(err)
	}
	defer st.Close()
	if s.prompt {
		fmt.Fprint(out, cs.Cyan("Assistant: "))
	}
	reply, err := cmdutil.PrintStream(out, st)
	if reply != "" || s.prompt {
		fmt.Fprintln(out)
	}
	if err != nil {
		drop()
		return s.replyError(err)
	}
	if reply == "" {
		drop()
		fmt.Fprintln(s.opts.IO.ErrOut, "Error: No content received from the model")
		return nil
	}
	s.messages = append(s.messages, facade.AssistantMessage(reply))
	return nil
}

// replyError reports a failed reply and keeps the session going, unless
// the user cancelled.
func (s *session) replyError(err error) error {
	if s.ctx.Err() != nil {
		return s.ctx.Err()
	}
	fmt.Fprintf(s.opts.IO.ErrOut, "Error: %s\n", output.SafeErr(err))
	return nil
}

// pickModel lists the models and reads the user's choice.
func (s *session) pickModel() error {
	out := s.opts.IO.Out
	models, err := s.client.Models.List(s.ctx, nil)
	if err != nil {
		if s.ctx.Err() != nil {
			return s.ctx.Err()
		}
		fmt.Fprintf(s.opts.IO.ErrOut, "Warning: Could not fetch models list: %s\n", output.SafeErr(err))
		models = nil
	}
	if len(models) == 0 {
		name := ""
		for name == "" {
			line, err := s.readLine("Please enter a model name: ")
			if err != nil {
				return err
			}
			name = strings.TrimSpace(line)
		}
		s.opts.Model = name
		return nil
	}
	if s.prompt {
		t := output.NewTable("Available Models", "Index", "Model ID", "Owned By")
		for i, m := range models {
			if i == maxListedModels {
				break
			}
			t.AddRow(strconv.Itoa(i+1), m.ID, m.OwnedBy)
		}
		if err := t.Render(s.opts.IO); err != nil {
			return err
		}
		if len(models) > maxListedModels {
			fmt.Fprintf(out, "... and %d more models\n", len(models)-maxListedModels)
		}
	}
	for {
		line, err := s.readLine("Select a model by entering the index number (or type a model name directly) [1]: ")
		if err != nil {
			return err
		}
		choice := strings.TrimSpace(line)
		if choice == "" {
			choice = "1"
		}
		if n, err := strconv.Atoi(choice); err == nil {
			if n < 1 || n > len(models) {
				fmt.Fprintf(s.opts.IO.ErrOut, "Invalid selection: enter a number between 1 and %d, or a model name.\n", len(models))
				continue
			}
			s.opts.Model = models[n-1].ID
		} else {
			s.opts.Model = choice
		}
		fmt.Fprintf(s.opts.IO.ErrOut, "Using model: %s\n", output.Escape(s.opts.Model))
		return nil
	}
}
