package contract

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
	"github.com/litellm-go/proxyclient/test/realproxy"
)

// step is one facade call of the suite and what it must give.
//
// run makes the call and checks its result; it returns the call's error
// untouched (or an error of its own when the result is wrong). The error
// must then be want: nil (success) or a sentinel matched with errors.Is. A
// real proxy without a database answers differently wherever a database is
// needed: noDB is that answer, checked instead of want. readOnly steps also
// run against a live proxy that has a database and is not ours to change.
type step struct {
	name     string
	readOnly bool
	run      func(ctx context.Context, e *env) error
	want     error
	wantErr  *answer // instead of want: an error response checked in full
	noDB     *answer
	// noDBIn overrides noDB for the versions it names.
	noDBIn map[string]*answer
}

// answer is an error response of a real proxy: status, envelope, error
// type and a part of the message.
type answer struct {
	status int
	// envelope is the body's only member: "error" for
	// {"error": {"message", "type", "param", "code"}}, "detail" for
	// FastAPI's {"detail": {"error": "..."}}; or "flat" for a
	// ProxyException's members at the top level
	// ({"message", "type", "param", "openai_code", "code", ...}).
	envelope string
	typ      string // the error type ("error" envelope); "" for the detail envelope
	message  string // a substring of APIError.Message
	// is, when set, replaces the checks above with errors.Is: for errors
	// the facade makes itself from a real answer (a model looked up by
	// name in a list that does not have it).
	is error
}

// dbMessage is the part of the message most no-database answers share (the
// rest differs between routes and versions).
const dbMessage = "DB not connected"

// Shorthands for the real proxy's no-database answers.
func errorEnv(status int, typ, message string) *answer {
	return &answer{status: status, envelope: "error", typ: typ, message: message}
}

func detailEnv(status int, message string) *answer {
	return &answer{status: status, envelope: "detail", message: message}
}

func flatEnv(status int, typ, message string) *answer {
	return &answer{status: status, envelope: "flat", typ: typ, message: message}
}

func isErr(target error) *answer { return &answer{is: target} }

// check returns nil when err is this answer.
func (a *answer) check(err error) error {
	if a.is != nil {
		if !errors.Is(err, a.is) {
			return fmt.Errorf("want %v, got %v", a.is, err)
		}
		return nil
	}
	var apiErr *facade.APIError
	if !errors.As(err, &apiErr) {
		return fmt.Errorf("want HTTP %d with a %q envelope (%q), got %v", a.status, a.envelope, a.message, err)
	}
	var problems []string
	if apiErr.StatusCode != a.status {
		problems = append(problems, fmt.Sprintf("status %d, want %d", apiErr.StatusCode, a.status))
	}
	var body map[string]json.RawMessage
	err = json.Unmarshal(apiErr.Body, &body)
	switch {
	case a.envelope == "flat" && (err != nil || body["message"] == nil || body["error"] != nil || body["detail"] != nil),
		a.envelope != "flat" && (err != nil || len(body) != 1 || body[a.envelope] == nil):
		problems = append(problems, fmt.Sprintf("body is not a %q envelope", a.envelope))
	}
	if a.typ != "" && apiErr.Type != a.typ {
		problems = append(problems, fmt.Sprintf("type %q, want %q", apiErr.Type, a.typ))
	}
	if !strings.Contains(apiErr.Message, a.message) {
		problems = append(problems, fmt.Sprintf("message %q does not contain %q", apiErr.Message, a.message))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s; body: %s", strings.Join(problems, "; "), facade.Redact(string(apiErr.Body)))
	}
	return nil
}

// env is what the steps share: the client, the ids they create and what
// the proxy under test is.
type env struct {
	c        *facade.Client
	http     *http.Client // the validating client, for the browser part of SSO
	baseURL  string
	version  string // the LiteLLM version the proxy must report; "" for any
	noDB     bool   // a real proxy without a database: check step.noDB
	key      string // a generated key
	alias    string
	modelID  string
	teamID   string
	userID   string
	credName string
	plat     platform // ids of the organization, budget and customer steps (platform_test.go)
}

// runSteps runs steps against e, the mutating ones only when mutate is
// set, and fails t for each step whose result is wrong.
func runSteps(t *testing.T, e *env, steps []step, mutate bool) {
	t.Helper()
	for _, s := range steps {
		if !s.readOnly && !mutate {
			continue
		}
		err := s.run(t.Context(), e)
		noDB := s.noDB
		if a, ok := s.noDBIn[e.version]; ok {
			noDB = a
		}
		if e.noDB && noDB != nil {
			if cerr := noDB.check(err); cerr != nil {
				t.Errorf("%s (no database): %v", s.name, cerr)
			}
			continue
		}
		switch {
		case s.wantErr != nil:
			if cerr := s.wantErr.check(err); cerr != nil {
				t.Errorf("%s: %v", s.name, cerr)
			}
		case s.want == nil && err != nil:
			t.Errorf("%s: %v", s.name, err)
		case s.want != nil && !errors.Is(err, s.want):
			t.Errorf("%s: want %v, got %v", s.name, s.want, err)
		}
	}
}

func chatReq(model string) *facade.ChatCompletionRequest {
	return &facade.ChatCompletionRequest{Model: model, Messages: []facade.ChatMessage{
		facade.SystemMessage("You are terse."), facade.UserMessage("Name three colours"),
	}}
}

var formAction = regexp.MustCompile(`action="([^"]+)"`)
var formInput = regexp.MustCompile(`name="([^"]+)" value="([^"]*)"`)

// nonEmpty fails a list call that succeeded with no items.
func nonEmpty[T any](what string, items []T, err error) error {
	if err == nil && len(items) == 0 {
		return fmt.Errorf("%s: empty list", what)
	}
	return err
}

// noKeyDB is the answer of GET /key/list by a proxy without a database.
var noKeyDB = errorEnv(http.StatusInternalServerError, "internal_server_error", "Database not connected")

// enterpriseOnly is the answer to a key regeneration by an open-source proxy.
var enterpriseOnly = errorEnv(http.StatusInternalServerError, "internal_server_error", "Regenerating Virtual Keys is an Enterprise feature")

// credentialNoDB188: 1.88.0 answers PATCH and DELETE /credentials/{name}
// without a DB with a ProxyException's members at the top level; 1.106.12
// wraps them in {"error": ...}.
var credentialNoDB188 = map[string]*answer{
	realproxy.Pinned: flatEnv(http.StatusInternalServerError, "internal_server_error", dbMessage),
}

// steps is the suite: every facade method, and through them every operation.
func steps() []step {
	return append(withTeamSteps(append([]step{
		{name: "health liveliness", readOnly: true, run: func(ctx context.Context, e *env) error {
			msg, err := e.c.Health.Liveliness(ctx)
			if err == nil && msg != "I'm alive!" {
				return fmt.Errorf("liveliness = %q, want I'm alive!", msg)
			}
			return err
		}},
		{name: "health readiness", readOnly: true, run: func(ctx context.Context, e *env) error {
			r, err := e.c.Health.Readiness(ctx)
			switch {
			case err != nil:
				return err
			case r.Status != "healthy":
				return fmt.Errorf("readiness status = %q, want healthy", r.Status)
			case r.DB == "":
				return errors.New("readiness has no db state")
			case e.noDB && r.DB != "Not connected":
				return fmt.Errorf("readiness db = %q, want Not connected", r.DB)
			}
			return nil
		}},
		{name: "health readiness details", readOnly: true, run: func(ctx context.Context, e *env) error {
			r, err := e.c.Health.ReadinessDetails(ctx)
			switch {
			case err != nil:
				return err
			case r.Status != "healthy" || r.DB == "":
				return fmt.Errorf("details status %q, db %q; want healthy and a db state", r.Status, r.DB)
			case r.LitellmVersion == "" || e.version != "" && r.LitellmVersion != e.version:
				return fmt.Errorf("details litellm_version = %q, want %q", r.LitellmVersion, e.version)
			}
			return nil
		}},
		{name: "health readiness details without a key", readOnly: true, want: facade.ErrUnauthorized, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Health.ReadinessDetails(ctx, facade.WithAPIKey(""))
			return err
		}, noDB: errorEnv(http.StatusUnauthorized, "auth_error", "No api key passed in")},
		{name: "server version", readOnly: true, run: func(ctx context.Context, e *env) error {
			v, err := e.c.Health.ServerVersion(ctx)
			if err == nil && (v == "" || e.version != "" && v != e.version) {
				return fmt.Errorf("ServerVersion = %q, want %q", v, e.version)
			}
			return err
		}},
		{name: "models list", readOnly: true, run: func(ctx context.Context, e *env) error {
			models, err := e.c.Models.List(ctx, nil)
			return nonEmpty("models", models, err)
		}},
		{name: "models list v1", readOnly: true, run: func(ctx context.Context, e *env) error {
			var out struct {
				Data []json.RawMessage `json:"data"`
			}
			err := e.c.HTTP.Get(ctx, "/v1/models", &out)
			return nonEmpty("/v1/models", out.Data, err)
		}},
		{name: "models info", readOnly: true, run: func(ctx context.Context, e *env) error {
			models, err := e.c.Models.Info(ctx, nil)
			return nonEmpty("model info", models, err)
		}},
		{name: "model info (no v1)", readOnly: true, run: func(ctx context.Context, e *env) error {
			var out struct {
				Data []json.RawMessage `json:"data"`
			}
			err := e.c.HTTP.Get(ctx, "/model/info", &out)
			return nonEmpty("/model/info", out.Data, err)
		}},
		{name: "model groups", readOnly: true, run: func(ctx context.Context, e *env) error {
			groups, err := e.c.ModelGroups.List(ctx, nil)
			return nonEmpty("model groups", groups, err)
		}},
		{name: "keys list", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.List(ctx, &facade.KeyListOptions{Page: 1, Size: 5, ReturnFullObject: true})
			return err
		}, noDB: noKeyDB},
		{name: "key info of the caller (the master key is no key row)", readOnly: true, want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.Info(ctx, "")
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Database not connected")},
		{name: "user daily activity", readOnly: true, run: func(ctx context.Context, e *env) error {
			day := time.Now().UTC().Format(time.DateOnly)
			res, err := e.c.Users.DailyActivity(ctx, &facade.UserActivityOptions{Start: day, End: day})
			if err == nil && res.Results == nil {
				return errors.New("user daily activity: nil results, want a (possibly empty) list")
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		// Any key may check itself, with or without a database.
		{name: "key health", readOnly: true, run: func(ctx context.Context, e *env) error {
			h, err := e.c.Keys.Health(ctx)
			if err == nil && h.Key != "healthy" {
				return fmt.Errorf("key health = %q, want healthy", h.Key)
			}
			return err
		}},
		{name: "team list", readOnly: true, run: func(ctx context.Context, e *env) error { _, err := e.c.Teams.List(ctx, nil); return err },
			noDB: detailEnv(http.StatusBadRequest, dbMessage)},
		{name: "team list v2", readOnly: true, run: func(ctx context.Context, e *env) error { _, err := e.c.Teams.ListV2(ctx, nil); return err },
			noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "team available", readOnly: true, run: func(ctx context.Context, e *env) error {
			teams, err := e.c.Teams.Available(ctx)
			if err == nil && teams == nil {
				return errors.New("available teams: nil, want a (possibly empty) list")
			}
			return err
		}, noDB: detailEnv(http.StatusBadRequest, dbMessage)},
		{name: "user list", readOnly: true, run: func(ctx context.Context, e *env) error { _, err := e.c.Users.List(ctx, nil); return err },
			noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "credentials list", readOnly: true, run: func(ctx context.Context, e *env) error { _, err := e.c.Credentials.List(ctx); return err }},
		{name: "chat", readOnly: true, run: func(ctx context.Context, e *env) error {
			cc, err := e.c.Chat.Completions.Create(ctx, chatReq(e.chatModel(ctx)))
			if err == nil && cc.Content() == "" {
				return errors.New("empty answer")
			}
			return err
		}},
		{name: "chat v1", readOnly: true, run: func(ctx context.Context, e *env) error {
			var out facade.ChatCompletion
			err := e.c.HTTP.Post(ctx, "/v1/chat/completions", chatReq(e.chatModel(ctx)), &out)
			if err == nil && out.Content() == "" {
				return errors.New("empty answer")
			}
			return err
		}},
		{name: "chat stream", readOnly: true, run: func(ctx context.Context, e *env) error {
			req := chatReq(e.chatModel(ctx))
			req.StreamOptions = facade.ChatStreamOptions{IncludeUsage: true}
			s, err := e.c.Chat.Completions.Stream(ctx, req)
			if err != nil {
				return err
			}
			var acc facade.ChatCompletionAccumulator
			for s.Next() {
				acc.Add(s.Current())
			}
			if err := s.Err(); err != nil {
				return err
			}
			if acc.Completion().Content() == "" {
				return errors.New("empty streamed answer")
			}
			return nil
		}},
		{name: "embeddings (base64, the default)", readOnly: true, run: func(ctx context.Context, e *env) error {
			return embeddingStep(ctx, e, "")
		}},
		{name: "embeddings (float, dimensions)", readOnly: true, run: func(ctx context.Context, e *env) error {
			return embeddingStep(ctx, e, facade.EmbeddingEncodingFloat)
		}},
		{name: "embeddings v1", readOnly: true, run: func(ctx context.Context, e *env) error {
			model := e.inferenceModel(ctx, "embedding")
			if model == "" {
				return nil
			}
			var out facade.EmbeddingResponse
			err := e.c.HTTP.Post(ctx, "/v1/embeddings", &facade.EmbeddingRequest{Model: model, Input: []string{"v1"}, EncodingFormat: facade.EmbeddingEncodingFloat}, &out)
			if err == nil && (len(out.Data) != 1 || len(out.Data[0].Embedding) == 0) {
				return fmt.Errorf("/v1/embeddings: %d embeddings", len(out.Data))
			}
			return err
		}},
		{name: "completions", readOnly: true, run: func(ctx context.Context, e *env) error {
			return inferenceSteps(ctx, e, "instruct", func(model string) error {
				c, err := e.c.Completions.Create(ctx, &facade.CompletionRequest{Model: model, Prompt: "say hi"})
				if err == nil && facade.CompletionText(c) == "" {
					return errors.New("empty completion")
				}
				return err
			})
		}},
		{name: "completions v1", readOnly: true, run: func(ctx context.Context, e *env) error {
			return inferenceSteps(ctx, e, "instruct", func(model string) error {
				var out facade.Completion
				err := e.c.HTTP.Post(ctx, "/v1/completions", &facade.CompletionRequest{Model: model, Prompt: "say hi"}, &out)
				if err == nil && facade.CompletionText(&out) == "" {
					return errors.New("empty completion")
				}
				return err
			})
		}},
		{name: "completions stream", readOnly: true, run: func(ctx context.Context, e *env) error {
			return inferenceSteps(ctx, e, "instruct", func(model string) error {
				s, err := e.c.Completions.Stream(ctx, &facade.CompletionRequest{Model: model, Prompt: "say hi"})
				if err != nil {
					return err
				}
				n := 0
				for _, err := range s.All() {
					if err != nil {
						return err
					}
					n++
				}
				if n == 0 {
					return errors.New("empty stream")
				}
				return nil
			})
		}},
		{name: "moderations", readOnly: true, run: func(ctx context.Context, e *env) error {
			return inferenceSteps(ctx, e, "moderation", func(model string) error {
				m, err := e.c.Moderations.Create(ctx, &facade.ModerationRequest{Model: model, Input: []string{"hello"}})
				if err == nil && len(m.Results) != 1 {
					return fmt.Errorf("%d moderation results", len(m.Results))
				}
				if err == nil {
					var out facade.ModerationResponse
					err = e.c.HTTP.Post(ctx, "/v1/moderations", &facade.ModerationRequest{Model: model, Input: "hello"}, &out)
				}
				return err
			})
		}},
		{name: "images", readOnly: true, run: func(ctx context.Context, e *env) error {
			return inferenceSteps(ctx, e, "dall-e", func(model string) error {
				img, err := e.c.Images.Generate(ctx, &facade.ImageGenerationRequest{Model: model, Prompt: "a square"})
				if err == nil && len(img.Data) != 1 {
					return fmt.Errorf("%d images", len(img.Data))
				}
				if err == nil {
					var out facade.ImagesResponse
					err = e.c.HTTP.Post(ctx, "/v1/images/generations", &facade.ImageGenerationRequest{Model: model, Prompt: "a square"}, &out)
				}
				return err
			})
		}},
		{name: "rerank", readOnly: true, run: func(ctx context.Context, e *env) error {
			return inferenceSteps(ctx, e, "rerank", func(model string) error {
				req := &facade.RerankRequest{Model: model, Query: "apple", Documents: []any{"pear", "apple"}}
				r, err := e.c.Rerank.Create(ctx, req)
				if err == nil && len(r.Results) != 2 {
					return fmt.Errorf("%d rerank results", len(r.Results))
				}
				if err == nil {
					var out facade.RerankResponse
					err = e.c.HTTP.Post(ctx, "/v1/rerank", req, &out)
				}
				return err
			})
		}},
		{name: "audio speech", readOnly: true, run: func(ctx context.Context, e *env) error {
			return inferenceSteps(ctx, e, "tts", func(model string) error {
				sp, err := e.c.Audio.Speech.Create(ctx, &facade.SpeechRequest{Model: model, Input: "hello", Voice: "alloy"})
				if err != nil {
					return err
				}
				defer sp.Body.Close()
				n, err := io.Copy(io.Discard, sp.Body)
				if err == nil && n == 0 {
					return errors.New("no audio")
				}
				return err
			})
		}},
		{name: "audio speech v1", readOnly: true, run: func(ctx context.Context, e *env) error {
			return inferenceSteps(ctx, e, "tts", func(model string) error {
				var hr *http.Request
				if _, err := e.c.Audio.Speech.Create(ctx, &facade.SpeechRequest{Model: model, Input: "hello", Voice: "alloy"}, facade.ReturnRequest(&hr)); err != nil {
					return err
				}
				return sendV1(e, hr, "/audio/speech")
			})
		}},
		{name: "audio transcription (and v1)", readOnly: true, run: func(ctx context.Context, e *env) error {
			return inferenceSteps(ctx, e, "whisper", func(model string) error {
				req := &facade.TranscriptionRequest{Model: model, File: strings.NewReader("RIFF fake audio"), Filename: "clip.wav"}
				tr, err := e.c.Audio.Transcriptions.Create(ctx, req)
				if err == nil && tr.Text == "" {
					return errors.New("empty transcription")
				}
				if err != nil {
					return err
				}
				var hr *http.Request
				req.File = strings.NewReader("RIFF fake audio")
				if _, err := e.c.Audio.Transcriptions.Create(ctx, req, facade.ReturnRequest(&hr)); err != nil {
					return err
				}
				return sendV1(e, hr, "/audio/transcriptions")
			})
		}},
		{name: "responses: create, stream, get, input items, cancel, delete", readOnly: true, run: func(ctx context.Context, e *env) error {
			return inferenceSteps(ctx, e, "responses", responseSteps(ctx, e))
		}},
		{name: "chat error: unknown model", readOnly: true, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Chat.Completions.Create(ctx, chatReq("no-such-model-contract"))
			var apiErr *facade.APIError
			switch {
			case !errors.As(err, &apiErr):
				return fmt.Errorf("want an *APIError, got %v", err)
			case apiErr.StatusCode != http.StatusBadRequest || !errors.Is(err, facade.ErrBadRequest):
				return fmt.Errorf("want a 400, got %v", err)
			case !strings.Contains(apiErr.Message, "no-such-model-contract"):
				return fmt.Errorf("the message does not name the model: %v", err)
			}
			return nil
		}},
		{name: "unauthorized", readOnly: true, want: facade.ErrUnauthorized, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.List(ctx, nil, facade.WithAPIKey("sk-contract-not-a-real-key-0000"))
			return err
		}, noDB: errorEnv(http.StatusBadRequest, "no_db_connection", "No connected db.")},
		{name: "no key", readOnly: true, want: facade.ErrUnauthorized, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.List(ctx, nil, facade.WithAPIKey(""))
			return err
		}},

		// Mutating steps: against the emulator, a real proxy without a
		// database (they get its no-database answers), or a live proxy with
		// LITELLM_CONTRACT_MUTATE=1.
		{name: "key generate", run: func(ctx context.Context, e *env) error {
			k, err := e.c.Keys.Generate(ctx, &facade.KeyGenerateRequest{KeyAlias: e.alias, Models: []string{"gpt-4o"}, Duration: "1h"})
			if err == nil {
				e.key = k.Key
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", dbMessage)},
		{name: "key info", run: func(ctx context.Context, e *env) error { _, err := e.c.Keys.Info(ctx, e.key); return err },
			noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Database not connected")},
		{name: "key update", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.Update(ctx, &facade.KeyUpdateRequest{Key: e.key, Metadata: map[string]any{"contract": true}})
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "auth_error", "Database not connected")},
		// An unhandled exception: a bare envelope without param and code (and
		// uvicorn closes the connection after it).
		{name: "key block", run: func(ctx context.Context, e *env) error { _, err := e.c.Keys.Block(ctx, e.key); return err },
			noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Internal server error")},
		{name: "key unblock", run: func(ctx context.Context, e *env) error { _, err := e.c.Keys.Unblock(ctx, e.key); return err },
			noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Internal server error")},
		// Regenerating keys is an Enterprise feature: an open-source proxy
		// refuses it with a 500, database or not.
		{name: "key regenerate", run: func(ctx context.Context, e *env) error {
			k, err := e.c.Keys.Regenerate(ctx, e.key, nil)
			if err == nil {
				e.key = k.Key
			}
			return err
		}, wantErr: enterpriseOnly, noDB: enterpriseOnly},
		{name: "key regenerate (query form)", run: func(ctx context.Context, e *env) error {
			var out facade.KeyGenerateResponse
			err := e.c.HTTP.Do(ctx, &facade.HTTPRequest{Method: http.MethodPost, URI: "/key/regenerate",
				Query: url.Values{"key": {e.key}}, JSON: map[string]any{}}, &out)
			if err == nil {
				e.key = out.Key
			}
			return err
		}, wantErr: enterpriseOnly, noDB: enterpriseOnly},
		{name: "keys all", run: func(ctx context.Context, e *env) error {
			for _, err := range e.c.Keys.All(ctx, &facade.KeyListOptions{Size: 2}) {
				if err != nil {
					return err
				}
			}
			return nil
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Database not connected")},
		{name: "key aliases", run: func(ctx context.Context, e *env) error {
			for alias, err := range e.c.Keys.AllAliases(ctx, &facade.KeyAliasOptions{Search: e.alias, Size: 5}) {
				if err != nil || alias == e.alias {
					return err
				}
			}
			return fmt.Errorf("alias %q not among the key aliases", e.alias)
		}, noDB: noKeyDB},
		{name: "key delete", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.Delete(ctx, &facade.KeyDeleteRequest{KeyAliases: []string{e.alias}})
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Not connected to DB!")},
		{name: "key delete missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.Delete(ctx, &facade.KeyDeleteRequest{Keys: []string{"sk-contract-missing-000000"}})
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Not connected to DB!")},
		{name: "model add", run: func(ctx context.Context, e *env) error {
			rec, err := e.c.Models.Add(ctx, &facade.ModelNewRequest{ModelName: "contract-model",
				LitellmParams: facade.LiteLLMParams{Model: "openai/gpt-4o-mini"}})
			if err == nil {
				e.modelID = rec.ModelID
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "auth_error", "No DB Connected")},
		{name: "model get", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Models.Get(ctx, facade.ModelGetOptions{Name: "contract-model"})
			return err
		}, noDB: isErr(facade.ErrNotFound)}, // not in the config, and there is no DB to add it to
		{name: "model update", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Models.Update(ctx, e.modelID, &facade.ModelUpdateRequest{LitellmParams: map[string]any{"rpm": 10}})
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "auth_error", "No DB Connected")},
		{name: "model patch", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Models.Patch(ctx, e.modelID, &facade.ModelUpdateRequest{LitellmParams: map[string]any{"tpm": 1000}})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "model delete", run: func(ctx context.Context, e *env) error { _, err := e.c.Models.Delete(ctx, e.modelID); return err },
			noDB: errorEnv(http.StatusInternalServerError, "auth_error", "No DB Connected")},
		{name: "model delete missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Models.Delete(ctx, "contract-missing-model")
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "auth_error", "No DB Connected")},
		{name: "model group create", run: func(ctx context.Context, e *env) error {
			_, err := e.c.ModelGroups.Create(ctx, "contract-group", []facade.ModelGroupDeployment{
				{LitellmParams: facade.LiteLLMParams{Model: "openai/gpt-4o-mini"}},
				{LitellmParams: facade.LiteLLMParams{Model: "azure/gpt-4o-mini", APIBase: "https://contract.example"}},
			})
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "auth_error", "No DB Connected")},
		{name: "model group delete", run: func(ctx context.Context, e *env) error {
			_, err := e.c.ModelGroups.Delete(ctx, "contract-group")
			return err
		}, noDB: isErr(facade.ErrNotFound)}, // no such group in the config
		{name: "credential create", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Credentials.Create(ctx, &facade.CredentialCreateRequest{CredentialName: e.credName,
				CredentialInfo:   map[string]any{"custom_llm_provider": "azure"},
				CredentialValues: map[string]any{"api_key": "sk-contract-credential-value", "api_base": "https://x.example"}})
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", dbMessage)},
		// Credentials are read from the proxy's memory: without a DB, none exist.
		{name: "credential get", run: func(ctx context.Context, e *env) error { _, err := e.c.Credentials.Get(ctx, e.credName); return err },
			noDB: errorEnv(http.StatusNotFound, "internal_server_error", "Credential not found")},
		{name: "credential update", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Credentials.Update(ctx, e.credName, &facade.CredentialItem{CredentialName: e.credName,
				CredentialInfo: map[string]any{"note": "contract"}, CredentialValues: map[string]any{}})
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", dbMessage), noDBIn: credentialNoDB188},
		{name: "credential delete", run: func(ctx context.Context, e *env) error { _, err := e.c.Credentials.Delete(ctx, e.credName); return err },
			noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", dbMessage), noDBIn: credentialNoDB188},
		{name: "credential update missing (HTTP 200 error)", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Credentials.Update(ctx, e.credName, &facade.CredentialItem{CredentialName: e.credName,
				CredentialInfo: map[string]any{}, CredentialValues: map[string]any{}})
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", dbMessage), noDBIn: credentialNoDB188},
		{name: "credential delete missing (succeeds, as in the real proxy)", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Credentials.Delete(ctx, e.credName)
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", dbMessage), noDBIn: credentialNoDB188},
		{name: "team create", run: func(ctx context.Context, e *env) error {
			tm, err := e.c.Teams.Create(ctx, &facade.TeamNewRequest{TeamAlias: "contract-team", Models: []string{"gpt-4o"}})
			if err == nil {
				e.teamID = tm.TeamID
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "No db connected")},
		{name: "team get", run: func(ctx context.Context, e *env) error { _, err := e.c.Teams.Get(ctx, e.teamID); return err },
			noDB: errorEnv(http.StatusInternalServerError, "auth_error", "Database not connected")},
		{name: "user create", run: func(ctx context.Context, e *env) error {
			u, err := e.c.Users.Create(ctx, &facade.UserNewRequest{UserEmail: "contract@example.com", UserRole: "internal_user"})
			if err == nil {
				e.userID = u.UserID
			}
			return err
		}, noDB: errorEnv(http.StatusBadRequest, "internal_server_error", dbMessage)},
		{name: "user get", run: func(ctx context.Context, e *env) error { _, err := e.c.Users.Get(ctx, e.userID); return err },
			noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Database not connected")},
		{name: "user get v2", run: func(ctx context.Context, e *env) error { _, err := e.c.Users.GetV2(ctx, e.userID); return err },
			noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", dbMessage)},
		{name: "user update", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Users.Update(ctx, &facade.UserUpdateRequest{UserID: e.userID, UserAlias: "contract"})
			return err
		}, noDB: errorEnv(http.StatusBadRequest, "auth_error", "Not connected to DB!")},
		{name: "team add member", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Teams.AddMember(ctx, e.teamID, []facade.Member{{UserID: e.userID, Role: facade.MemberRoleUser}}, nil)
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "users all", run: func(ctx context.Context, e *env) error {
			for _, err := range e.c.Users.All(ctx, &facade.UserListOptions{PageSize: 1}) {
				if err != nil {
					return err
				}
			}
			return nil
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "teams all", run: func(ctx context.Context, e *env) error {
			for _, err := range e.c.Teams.All(ctx, nil) {
				if err != nil {
					return err
				}
			}
			return nil
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "user delete", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Users.Delete(ctx, []string{e.userID})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "team delete", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Teams.Delete(ctx, []string{e.teamID})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "health test connection", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Health.TestConnection(ctx, &facade.HealthTestConnectionRequest{Mode: "chat", LitellmParams: map[string]any{"model": "openai/gpt-4o"}})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
	}, append(append(platformSteps(), tagSteps()...), spendSteps()...)...)), family8Steps()...)
}

// inferenceModel picks a model of the proxy whose name contains kind
// ("embedding", ...), or "" when it has none: the real proxies the live
// suite starts serve only mock chat models, and test/inference holds the
// inference routes to a real proxy with the emulator as its provider.
func (e *env) inferenceModel(ctx context.Context, kind string) string {
	models, err := e.c.Models.List(ctx, nil)
	if err != nil {
		return ""
	}
	for _, m := range models {
		if strings.Contains(m.ID, kind) {
			return m.ID
		}
	}
	return ""
}

// sendV1 sends a request the facade built for path to its /v1 alias,
// through the validating client, and reads the answer.
func sendV1(e *env, hr *http.Request, path string) error {
	hr.URL.Path = strings.TrimSuffix(hr.URL.Path, path) + "/v1" + path
	resp, err := e.http.Do(hr)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("POST /v1%s: status %d", path, resp.StatusCode)
	}
	return nil
}

// responseSteps walks a response through every Responses API route, the
// /v1 aliases through sendV1.
func responseSteps(ctx context.Context, e *env) func(model string) error {
	return func(model string) error {
		r, err := e.c.Responses.Create(ctx, &facade.ResponseRequest{Model: model, Input: "contract"})
		if err != nil {
			return err
		}
		if r.OutputText() == "" {
			return errors.New("empty response")
		}
		s, err := e.c.Responses.Stream(ctx, &facade.ResponseRequest{Model: model, Input: "contract"})
		if err != nil {
			return err
		}
		for s.Next() {
		}
		if err := s.Err(); err != nil || s.Final() == nil {
			return fmt.Errorf("response stream: %v (final %v)", err, s.Final() != nil)
		}
		if _, err := e.c.Responses.Get(ctx, r.ID); err != nil {
			return err
		}
		if _, err := e.c.Responses.InputItems(ctx, r.ID); err != nil {
			return err
		}
		bg, err := e.c.Responses.Create(ctx, &facade.ResponseRequest{Model: model, Input: "later", Background: true})
		if err != nil {
			return err
		}
		if _, err := e.c.Responses.Cancel(ctx, bg.ID); err != nil {
			return err
		}
		// The /v1 aliases, with requests the facade builds.
		v1 := []func(opt facade.Option) error{
			func(opt facade.Option) error {
				_, err := e.c.Responses.Create(ctx, &facade.ResponseRequest{Model: model, Input: "v1"}, opt)
				return err
			},
			func(opt facade.Option) error { _, err := e.c.Responses.Get(ctx, r.ID, opt); return err },
			func(opt facade.Option) error { _, err := e.c.Responses.InputItems(ctx, r.ID, opt); return err },
			func(opt facade.Option) error { _, err := e.c.Responses.Cancel(ctx, bg.ID, opt); return err },
			func(opt facade.Option) error { _, err := e.c.Responses.Delete(ctx, bg.ID, opt); return err },
		}
		paths := []string{"/responses", "/responses/" + r.ID, "/responses/" + r.ID + "/input_items", "/responses/" + bg.ID + "/cancel", "/responses/" + bg.ID}
		for i, f := range v1 {
			var hr *http.Request
			if err := f(facade.ReturnRequest(&hr)); err != nil {
				return err
			}
			if err := sendV1(e, hr, paths[i]); err != nil {
				return err
			}
		}
		_, err = e.c.Responses.Delete(ctx, r.ID)
		return err
	}
}

// inferenceSteps runs f with the proxy's model whose name contains kind,
// or does nothing when it has none (see inferenceModel).
func inferenceSteps(ctx context.Context, e *env, kind string, f func(model string) error) error {
	model := e.inferenceModel(ctx, kind)
	if model == "" {
		return nil
	}
	return f(model)
}

// embeddingStep embeds two texts and checks the vectors' count and length.
func embeddingStep(ctx context.Context, e *env, format facade.EmbeddingEncodingFormat) error {
	model := e.inferenceModel(ctx, "embedding")
	if model == "" {
		return nil
	}
	req := &facade.EmbeddingRequest{Model: model, Input: []string{"contract one", "contract two"}, EncodingFormat: format}
	dims := 0
	if format == facade.EmbeddingEncodingFloat {
		dims = 16
		req.Dimensions = &dims
	}
	r, err := e.c.Embeddings.Create(ctx, req)
	if err != nil {
		return err
	}
	vs := r.Vectors()
	if len(vs) != 2 || len(vs[0]) == 0 || len(vs[1]) == 0 || dims > 0 && len(vs[0]) != dims {
		return fmt.Errorf("embeddings: %d vectors of %d values (want 2 of %d)", len(vs), len(vs[0]), dims)
	}
	return nil
}

// contractModels are the emulator's default deployments plus one model of
// each inference kind the steps look for (see inferenceModel).
func contractModels() []proxytest.Model {
	return append(proxytest.DefaultModels(),
		proxytest.Model{Name: "text-embedding-3-small", Params: map[string]any{"model": "openai/text-embedding-3-small"}},
		proxytest.Model{Name: "gpt-3.5-turbo-instruct", Params: map[string]any{"model": "text-completion-openai/gpt-3.5-turbo-instruct"}},
		proxytest.Model{Name: "omni-moderation-latest", Params: map[string]any{"model": "openai/omni-moderation-latest"}},
		proxytest.Model{Name: "dall-e-3", Params: map[string]any{"model": "openai/dall-e-3"}},
		proxytest.Model{Name: "rerank-english-v3.0", Params: map[string]any{"model": "hosted_vllm/rerank-english-v3.0"}},
		proxytest.Model{Name: "tts-1", Params: map[string]any{"model": "openai/tts-1"}},
		proxytest.Model{Name: "whisper-1", Params: map[string]any{"model": "openai/whisper-1"}},
		proxytest.Model{Name: "responses-gpt-4o", Params: map[string]any{"model": "openai/gpt-4o"}},
	)
}

// chatModel picks a model the proxy serves.
func (e *env) chatModel(ctx context.Context) string {
	models, err := e.c.Models.List(ctx, nil)
	if err != nil || len(models) == 0 {
		return "gpt-4o"
	}
	for _, m := range models {
		if m.ID == "gpt-4o" {
			return m.ID
		}
	}
	return models[0].ID
}

// ssoSteps runs the CLI login: the browser part through the validating
// client, the polling through the facade.
func ssoSteps(ctx context.Context, e *env) error {
	start, err := e.c.SSO.Start(ctx)
	if err != nil {
		return err
	}
	page, err := e.http.Get(e.c.SSO.LoginURL(start.LoginID, ""))
	if err != nil {
		return err
	}
	html, _ := io.ReadAll(page.Body)
	page.Body.Close()
	pending, err := e.c.SSO.Poll(ctx, start.LoginID, &facade.SSOPollOptions{PollSecret: start.PollSecret})
	if err != nil {
		return err
	}
	if pending.Status != facade.SSOStatusPending {
		return errors.New("first poll should be pending")
	}
	action := formAction.FindSubmatch(html)
	if action == nil {
		return errors.New("no approval form in the login page")
	}
	q := url.Values{}
	for _, m := range formInput.FindAllSubmatch(html, -1) {
		q.Set(string(m[1]), string(m[2]))
	}
	cb, err := e.http.Get(e.baseURL + string(action[1]) + "?" + q.Encode())
	if err != nil {
		return err
	}
	cb.Body.Close()
	ready, err := e.c.SSO.Poll(ctx, start.LoginID, &facade.SSOPollOptions{PollSecret: start.PollSecret})
	if err != nil {
		return err
	}
	if ready.Status != facade.SSOStatusReady || ready.Key == "" {
		return errors.New("poll after approval is not ready")
	}
	return nil
}

// pkceSteps runs login --pkce against a 1.106 emulator at base through
// rec: discovery, registration, the consent page and form (through the
// validating client, without following the redirect to the loopback
// callback), the code exchange, a refresh and the revocation.
func pkceSteps(ctx context.Context, rec *recorder, base string) error {
	c, err := facade.New(base, facade.WithHTTPClient(rec.client()), facade.WithMaxRetries(0))
	if err != nil {
		return err
	}
	browser := &http.Client{Transport: rec, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	contract, err := c.SSO.DiscoverCLIAuth(ctx)
	if err != nil {
		return err
	}
	const redirect = "http://127.0.0.1:8765/callback"
	clientID, err := c.SSO.RegisterCLIClient(ctx, contract, redirect)
	if err != nil {
		return err
	}
	verifier, challenge := facade.NewPKCEPair()
	state := facade.NewOAuthState()
	page, err := browser.Get(contract.AuthorizeURL(clientID, redirect, state, challenge))
	if err != nil {
		return err
	}
	html, _ := io.ReadAll(page.Body)
	page.Body.Close()
	action := formAction.FindSubmatch(html)
	if action == nil {
		return fmt.Errorf("no consent form in the authorize page (%d)", page.StatusCode)
	}
	form := url.Values{}
	for _, m := range formInput.FindAllSubmatch(html, -1) {
		form.Set(string(m[1]), string(m[2]))
	}
	done, err := browser.PostForm(base+string(action[1]), form)
	if err != nil {
		return err
	}
	done.Body.Close()
	loc, err := url.Parse(done.Header.Get("Location"))
	if err != nil || done.StatusCode != http.StatusSeeOther || loc.Query().Get("state") != state {
		return fmt.Errorf("consent answered %d, not a 303 to the callback with the state", done.StatusCode)
	}
	tok, err := c.SSO.ExchangeCode(ctx, contract, clientID, redirect, loc.Query().Get("code"), verifier)
	if err != nil {
		return err
	}
	next, err := c.SSO.RefreshCLIToken(ctx, contract.TokenEndpoint, clientID, tok.RefreshToken, contract.Resource)
	if err != nil {
		return err
	}
	return c.SSO.RevokeCLIToken(ctx, contract.RevocationEndpoint, clientID, next.RefreshToken)
}

func TestContract(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer(proxytest.WithSSOStartFlow(), proxytest.WithModels(contractModels()...))
	t.Cleanup(srv.Close)
	rec := newRecorder(t, srv.URL)
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey), facade.WithHTTPClient(rec.client()), facade.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	e := &env{c: c, http: rec.client(), baseURL: srv.URL, version: proxytest.Version, alias: "contract-key", credName: "contract/cred?#x"}
	runSteps(t, e, steps(), true)
	if err := ssoSteps(t.Context(), e); err != nil {
		t.Errorf("sso: %v", err)
	}
	// login --pkce is served by 1.106 only: a second emulator, whose
	// operations count as exercised here.
	srv106 := proxytest.NewServer(proxytest.WithVersion(proxytest.Version1_106))
	t.Cleanup(srv106.Close)
	rec106 := newRecorder(t, srv106.URL)
	if err := pkceSteps(t.Context(), rec106, srv106.URL); err != nil {
		t.Errorf("login --pkce: %v", err)
	}
	rec106.check(t)
	for op, n := range rec106.exercised {
		rec.exercised[op] += n
	}
	rec.check(t)
	if missing := rec.unexercised(t); len(missing) > 0 {
		t.Errorf("spec operations never exercised: %v", missing)
	}
}

// TestContractNoDB holds the emulator's no-database mode to the real
// proxy's no-database answers that the steps record (TestLive checks the
// same steps against the real proxies), for each version it imitates.
func TestContractNoDB(t *testing.T) {
	t.Parallel()
	for _, v := range realproxy.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			srv := proxytest.NewServer(proxytest.WithNoDatabase(), proxytest.WithVersion(v))
			t.Cleanup(srv.Close)
			liveSuite(t, srv.URL, srv.MasterKey, v, true)
		})
	}
}

// TestLive runs the suite against real proxies, validating every request
// and response against the spec:
//
//   - with LITELLM_PROXY_URL (and LITELLM_PROXY_API_KEY) set, against that
//     proxy: the read-only steps, and the mutating ones with
//     LITELLM_CONTRACT_MUTATE=1 or when the proxy has no database (they then
//     get its no-database answers and change nothing);
//   - else, with LITELLM_LIVE=1 (make live), against a real proxy of each
//     of realproxy.Versions that test/realproxy provisions and starts,
//     without a database: every step, each checked against the real
//     no-database answer where it needs a database.
func TestLive(t *testing.T) {
	if base := os.Getenv("LITELLM_PROXY_URL"); base != "" {
		liveSuite(t, base, os.Getenv("LITELLM_PROXY_API_KEY"), "", os.Getenv("LITELLM_CONTRACT_MUTATE") == "1")
		return
	}
	if !realproxy.Live() {
		t.Skipf("no live proxy: set %s=1 (make live) to provision and run real LiteLLM %s, or LITELLM_PROXY_URL to use yours",
			realproxy.EnvLive, strings.Join(realproxy.Versions, " and "))
	}
	for _, v := range realproxy.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			p := realproxy.Shared(t, v)
			liveSuite(t, p.URL, p.MasterKey, v, true)
			if t.Failed() {
				t.Logf("LiteLLM %s log (last lines):\n%s", v, p.LogTail(30))
			}
		})
	}
}

// liveSuite runs the steps against the proxy at base; version is the
// version it must report ("" for any).
func liveSuite(t *testing.T, base, key, version string, mutate bool) {
	rec := newRecorder(t, base)
	// One connection a request: after an unhandled exception (key block
	// without a DB) uvicorn closes the connection it answered on, and the
	// next request on it would be reset.
	rec.base.(*http.Transport).DisableKeepAlives = true
	c, err := facade.New(base, facade.WithAPIKey(key), facade.WithHTTPClient(rec.client()), facade.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	e := &env{c: c, http: rec.client(), baseURL: c.BaseURL(), version: version,
		alias: "proxyclient-contract-key", credName: "proxyclient-contract-cred"}
	if version == "" {
		// A proxy we did not start: the answers that differ between
		// versions are looked up by the version it reports.
		if e.version, err = c.Health.ServerVersion(t.Context()); err != nil {
			t.Fatalf("server version: %v", err)
		}
	}
	// Readiness says "Not connected" for the emulator too, so ask a route
	// that needs the database.
	_, err = c.Keys.List(t.Context(), &facade.KeyListOptions{Page: 1, Size: 1})
	if noKeyDB.check(err) == nil {
		// No database: the mutating steps only get errors, and the ids they
		// would have created are stand-ins.
		e.noDB, mutate = true, true
		e.key, e.modelID, e.teamID, e.userID = "sk-proxyclient-contract-nodb-0000", "proxyclient-contract-model-id",
			"proxyclient-contract-team-id", "proxyclient-contract-user-id"
	}
	t.Logf("database: %v; mutating steps: %v", !e.noDB, mutate)
	runSteps(t, e, steps(), mutate)
	rec.check(t)
	t.Logf("operations exercised: %d; not exercised: %v", len(rec.exercised), rec.unexercised(t))
}

// family8Steps are the steps of issue 14's family 8, one function a family.
func family8Steps() []step {
	var s []step
	for _, f := range []func() []step{
		guardrailSteps,

		vectorStoreSteps,

		mcpSteps,

		accessGroupSteps,

		promptSteps,

		restSteps,

		analyticsSteps,
	} {
		s = append(s, f()...)
	}
	return s
}
