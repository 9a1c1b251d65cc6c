package facade_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func audioServer(t *testing.T) *facade.Client {
	t.Helper()
	srv := proxytest.NewServer(proxytest.WithModels(
		proxytest.Model{Name: "tts-1", Params: map[string]any{"model": "openai/tts-1"}},
		proxytest.Model{Name: "whisper-1", Params: map[string]any{"model": "openai/whisper-1"}},
	))
	t.Cleanup(srv.Close)
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSpeechStreams(t *testing.T) {
	c := audioServer(t)
	input := strings.Repeat("long text ", 500) // 80 KiB of audio: several chunks
	sp, err := c.Audio.Speech.Create(t.Context(), &facade.SpeechRequest{Model: "tts-1", Input: input, Voice: "alloy"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(sp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := sp.Body.Close(); err != nil {
		t.Fatal(err)
	}
	if sp.ContentType != "audio/mpeg" || !bytes.Equal(got, proxytest.SpeechAudio(input)) {
		t.Errorf("speech: %s, %d bytes", sp.ContentType, len(got))
	}
	if _, err := c.Audio.Speech.Create(t.Context(), &facade.SpeechRequest{Model: "nope", Input: "x", Voice: "alloy"}); err == nil {
		t.Error("unknown model: no error")
	}
}

// onlyReader hides every method of a reader but Read: not seekable.
type onlyReader struct{ io.Reader }

func TestTranscriptions(t *testing.T) {
	c := audioServer(t)
	audio := make([]byte, 5000)
	for _, tt := range []struct {
		name string
		file io.Reader
	}{{"seekable", bytes.NewReader(audio)}, {"stream", onlyReader{bytes.NewReader(audio)}}} {
		tr, err := c.Audio.Transcriptions.Create(t.Context(), &facade.TranscriptionRequest{Model: "whisper-1", File: tt.file, Filename: "clip.wav"})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if tr.Text != proxytest.TranscriptionText("clip.wav", len(audio)) {
			t.Errorf("%s: text %q", tt.name, tr.Text)
		}
	}
	if _, err := c.Audio.Transcriptions.Create(t.Context(), &facade.TranscriptionRequest{Model: "whisper-1", File: bytes.NewReader(audio), Filename: "a.wav", ResponseFormat: "srt"}); err == nil {
		t.Error("srt: no error")
	}
}

// TestTranscriptionRetry: a seekable file is rewound and sent again after a
// 503; a plain reader is never sent twice.
func TestTranscriptionRetry(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, fh, err := r.FormFile("file")
		if err != nil {
			t.Errorf("form: %v", err)
			return
		}
		data, _ := io.ReadAll(f)
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, `{"error":{"message":"busy","type":"None","param":"None","code":"503"}}`, http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"text":"`+fh.Filename+` `+string(data)+`"}`)
	}))
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithMaxRetries(2), facade.WithAPIKey("sk-test"))
	tr, err := c.Audio.Transcriptions.Create(context.Background(), &facade.TranscriptionRequest{Model: "m", File: strings.NewReader("abc"), Filename: "a.wav"})
	if err != nil || tr.Text != "a.wav abc" || calls.Load() != 2 {
		t.Fatalf("seekable: %v, %+v, %d calls", err, tr, calls.Load())
	}
	calls.Store(0)
	_, err = c.Audio.Transcriptions.Create(context.Background(), &facade.TranscriptionRequest{Model: "m", File: onlyReader{strings.NewReader("abc")}, Filename: "a.wav"})
	if err == nil || calls.Load() != 1 {
		t.Fatalf("a plain reader: %v after %d calls, want the 503 after 1", err, calls.Load())
	}
}
