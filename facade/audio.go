package facade

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/litellm-go/proxyclient/gen"
)

// AudioService groups the audio endpoints.
type AudioService struct {
	// Speech turns text into audio.
	Speech *AudioSpeechService
	// Transcriptions turns audio into text.
	Transcriptions *AudioTranscriptionsService
}

// AudioSpeechService generates speech (POST /audio/speech).
type AudioSpeechService service

// AudioTranscriptionsService transcribes audio (POST /audio/transcriptions).
type AudioTranscriptionsService service

// Wire types of the audio endpoints (the generated types of gen/).
type (
	// SpeechRequest is the body of POST /audio/speech.
	SpeechRequest = gen.SpeechRequest
	// Transcription is the answer of POST /audio/transcriptions with
	// response_format json (the default) or verbose_json.
	Transcription = gen.Transcription
)

// Speech is the audio of [AudioSpeechService.Create]: read it from Body
// as it arrives, and close Body when done (that releases the connection).
type Speech struct {
	// ContentType is the audio's media type, e.g. "audio/mpeg".
	ContentType string
	// Header is the response's header (x-litellm-* included).
	Header http.Header
	// Body streams the audio.
	Body io.ReadCloser
}

// speechBody releases the call when the audio is closed.
type speechBody struct {
	io.ReadCloser
	once sync.Once
	end  context.CancelFunc
}

func (b *speechBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.end)
	return err
}

// Create asks for speech and returns it as a stream. A 200 answer that
// is not audio/* (or application/octet-stream) is an error: an *APIError
// for an error object, else a *DecodeError. The call has no
// deadline for the audio itself, only for its response headers (as a
// chat stream: [WithStreamHeaderTimeout]); the caller's context ends it.
//
// Endpoint: POST /audio/speech (Python: litellm.speech through the proxy).
func (s *AudioSpeechService) Create(ctx context.Context, req *SpeechRequest, opts ...Option) (*Speech, error) {
	switch {
	case req == nil:
		return nil, errors.New("POST /audio/speech: nil request")
	case req.Model == "" || req.Input == "" || req.Voice == "":
		return nil, errors.New("POST /audio/speech: model, input and voice are required")
	}
	hr, err := gen.NewAudioSpeechRequest(s.client.server, *req)
	if err == nil {
		hr.Header.Set("Accept", "audio/*")
	}
	r := newRequest(http.MethodPost, "/audio/speech").ofKind(kindStream).with(hr, err)
	st, err := s.client.settingsFor(opts)
	if err != nil {
		return nil, err
	}
	resp, end, err := s.client.send(ctx, r, &st)
	if err != nil {
		return result[*Speech](nil, err)
	}
	if st.responseInto != nil {
		*st.responseInto = resp
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, _ := mime.ParseMediaType(ct); !strings.HasPrefix(mt, "audio/") && mt != "application/octet-stream" {
		// An error object with status 200, or no audio at all (an HTML
		// page from a load balancer, say).
		defer end()
		defer resp.Body.Close()
		body, rerr := readLimited(resp.Body, MaxErrorBodySize)
		if rerr != nil {
			return nil, fmt.Errorf("POST /audio/speech: read response: %w", rerr)
		}
		if apiErr, ok := errorFromSuccessBody(body); ok {
			apiErr.fillFromResponse(resp, r.method, r.path)
			return nil, apiErr
		}
		return nil, &DecodeError{Method: r.method, Path: r.path, Status: resp.StatusCode, ContentType: ct, Body: body, Err: errors.New("expected audio")}
	}
	return &Speech{ContentType: ct, Header: resp.Header, Body: &speechBody{ReadCloser: resp.Body, end: end}}, nil
}

// TranscriptionRequest is a transcription to make: the audio is read from
// File and uploaded as the multipart file named Filename.
//
// The upload streams File without buffering it. When File is also an
// io.Seeker (an *os.File, a *bytes.Reader), a failed attempt can be sent
// again: the file is rewound to where it was. Otherwise the call is never
// retried, since the audio cannot be read twice.
type TranscriptionRequest struct {
	// Model is the model group, e.g. "whisper-1". Required.
	Model string
	// File is the audio. Required.
	File io.Reader
	// Filename is the name sent with the file; its extension tells the
	// provider the format ("speech.mp3"). Required.
	Filename string
	// Language is the ISO-639-1 code of the spoken language, if known.
	Language string
	// Prompt guides the model's style or vocabulary.
	Prompt string
	// ResponseFormat is "json" (the default) or "verbose_json"; the text
	// formats (text, srt, vtt) are not JSON and not supported here (use
	// [HTTPService]).
	ResponseFormat string
	// Temperature is the sampling temperature; nil is the provider's default.
	Temperature *float64
}

// Create transcribes req.File.
//
// Endpoint: POST /audio/transcriptions (Python: litellm.transcription through the proxy).
func (s *AudioTranscriptionsService) Create(ctx context.Context, req *TranscriptionRequest, opts ...Option) (*Transcription, error) {
	switch {
	case req == nil:
		return nil, errors.New("POST /audio/transcriptions: nil request")
	case req.Model == "" || req.File == nil || req.Filename == "":
		return nil, errors.New("POST /audio/transcriptions: model, file and filename are required")
	case req.ResponseFormat != "" && req.ResponseFormat != "json" && req.ResponseFormat != "verbose_json":
		return nil, fmt.Errorf("POST /audio/transcriptions: response_format %q is not JSON", req.ResponseFormat)
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	boundary := "proxyclient-" + hex.EncodeToString(b[:])
	var start int64
	seeker, seekable := req.File.(io.Seeker)
	if seekable {
		var err error
		if start, err = seeker.Seek(0, io.SeekCurrent); err != nil {
			seekable = false
		}
	}
	newBody := func() (io.ReadCloser, error) {
		if seekable {
			if _, err := seeker.Seek(start, io.SeekStart); err != nil {
				return nil, err
			}
		}
		return &multipartBody{req: req, boundary: boundary}, nil
	}
	body, err := newBody()
	var hr *http.Request
	if err == nil {
		hr, err = gen.NewAudioTranscriptionRequestWithBody(s.client.server, "multipart/form-data; boundary="+boundary, body)
	}
	if err == nil && seekable {
		hr.GetBody = newBody
	}
	r := newRequest(http.MethodPost, "/audio/transcriptions").ofKind(kindChat).with(hr, err)
	tr := new(Transcription)
	return result(tr, s.client.doJSON(ctx, r, tr, opts))
}

// multipartBody writes the form of a transcription as it is read: a
// goroutine starts at the first Read (a request built and never sent
// starts none) and ends when the form is written or the body is closed.
type multipartBody struct {
	req      *TranscriptionRequest
	boundary string
	once     sync.Once
	pr       *io.PipeReader
	mu       sync.Mutex
	closed   bool
}

func (m *multipartBody) start() {
	m.mu.Lock()
	defer m.mu.Unlock()
	pr, pw := io.Pipe()
	m.pr = pr
	if m.closed {
		_ = pr.Close()
		return
	}
	go func() { pw.CloseWithError(m.write(pw)) }()
}

func (m *multipartBody) write(w io.Writer) error {
	mw := multipart.NewWriter(w)
	if err := mw.SetBoundary(m.boundary); err != nil {
		return err
	}
	r := m.req
	fields := [][2]string{{"model", r.Model}, {"language", r.Language}, {"prompt", r.Prompt}, {"response_format", r.ResponseFormat}}
	if r.Temperature != nil {
		fields = append(fields, [2]string{"temperature", strconv.FormatFloat(*r.Temperature, 'g', -1, 64)})
	}
	for _, f := range fields {
		if f[1] == "" {
			continue
		}
		if err := mw.WriteField(f[0], f[1]); err != nil {
			return err
		}
	}
	fw, err := mw.CreateFormFile("file", r.Filename)
	if err != nil {
		return err
	}
	if _, err := io.Copy(fw, r.File); err != nil {
		return fmt.Errorf("read the audio file: %w", err)
	}
	return mw.Close()
}

// Read reads the form, starting its writer on the first call.
func (m *multipartBody) Read(p []byte) (int, error) {
	m.once.Do(m.start)
	return m.pr.Read(p)
}

// Close stops the writer (if it started) and makes it drop the file.
func (m *multipartBody) Close() error {
	m.mu.Lock()
	m.closed = true
	pr := m.pr
	m.mu.Unlock()
	if pr != nil {
		return pr.Close()
	}
	return nil
}
