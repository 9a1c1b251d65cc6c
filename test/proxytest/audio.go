package proxytest

import (
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"time"
)

// speechTypes are the content types of the speech formats.
var speechTypes = map[string]string{
	"mp3": "audio/mpeg", "opus": "audio/opus", "aac": "audio/aac", "flac": "audio/flac", "wav": "audio/wav", "pcm": "audio/pcm",
}

// SpeechAudio returns the audio the emulator speaks for input: an "ID3"
// tag and then 16 bytes per character of input, drawn from a hash of it,
// so tests can check what they received byte for byte.
func SpeechAudio(input string) []byte {
	out := make([]byte, 0, 10+16*len(input))
	out = append(out, 'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0)
	src := splitmix(hashSeed("speech", input))
	for range len(input) * 2 {
		out = binary.LittleEndian.AppendUint64(out, src.next())
	}
	return out
}

// TranscriptionText is the text the emulator transcribes an upload to.
func TranscriptionText(filename string, size int) string {
	return fmt.Sprintf("Transcribed %d bytes of %s.", size, filename)
}

// AudioSpeech serves POST /audio/speech.
func (h *handler) AudioSpeech(w http.ResponseWriter, r *http.Request) { h.speech(w, r) }

// AudioSpeechV1 serves POST /v1/audio/speech.
func (h *handler) AudioSpeechV1(w http.ResponseWriter, r *http.Request) { h.speech(w, r) }

func (h *handler) speech(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ri := infoOf(r)
	var req struct {
		Model          string `json:"model"`
		Input          string `json:"input"`
		Voice          string `json:"voice"`
		ResponseFormat string `json:"response_format"`
	}
	if e := readInference(r, &req); e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	if req.ResponseFormat == "" {
		req.ResponseFormat = "mp3"
	}
	ct, ok := speechTypes[req.ResponseFormat]
	if !ok {
		h.inferenceError(w, ri, proxyErr(http.StatusBadRequest, "invalid_request_error", "response_format",
			"litellm.BadRequestError: OpenAIException - response_format must be one of mp3, opus, aac, flac, wav, pcm"))
		return
	}
	d, e := h.inferenceDeployment(ri, req.Model)
	if e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	h.inferenceHeaders(w, ri, d, req.Model, start)
	audio := SpeechAudio(req.Input)
	// Streamed in chunks, as the proxy streams the provider's audio.
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	for len(audio) > 0 {
		n := min(len(audio), 4096)
		if _, err := w.Write(audio[:n]); err != nil {
			return
		}
		_ = rc.Flush()
		audio = audio[n:]
	}
}

// AudioTranscription serves POST /audio/transcriptions.
func (h *handler) AudioTranscription(w http.ResponseWriter, r *http.Request) { h.transcription(w, r) }

// AudioTranscriptionV1 serves POST /v1/audio/transcriptions.
func (h *handler) AudioTranscriptionV1(w http.ResponseWriter, r *http.Request) { h.transcription(w, r) }

func (h *handler) transcription(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ri := infoOf(r)
	if err := r.ParseMultipartForm(maxBodyBytes); err != nil {
		h.inferenceError(w, ri, proxyErr(http.StatusBadRequest, "invalid_request_error", "file", "Invalid multipart form: "+err.Error()))
		return
	}
	file, fh, err := r.FormFile("file")
	if err != nil {
		h.inferenceError(w, ri, proxyErr(http.StatusBadRequest, "invalid_request_error", "file", "file is required"))
		return
	}
	size, _ := io.Copy(io.Discard, file)
	file.Close()
	model := r.FormValue("model")
	d, e := h.inferenceDeployment(ri, model)
	if e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	h.inferenceHeaders(w, ri, d, model, start)
	// The proxy asks its provider for verbose_json (it prices by duration)
	// and answers with it whatever the client asked for.
	writeJSON(w, http.StatusOK, map[string]any{
		"text": TranscriptionText(fh.Filename, int(size)), "language": "english", "duration": float64(size) / 16000,
		"segments": []any{}, "words": nil, "usage": nil,
	})
}
