// Package facade is the Go client of the LiteLLM proxy: chat completions
// (whole or streamed), models and model groups, virtual keys, credentials,
// users, teams, health, and a low-level HTTP client, with errors you can
// branch on.
//
//	c, err := facade.New("http://localhost:4000", facade.WithAPIKey("sk-..."))
//	resp, err := c.Chat.Completions.Create(ctx, &facade.ChatCompletionRequest{
//		Model:    "gpt-4o",
//		Messages: []facade.ChatMessage{facade.UserMessage("Hello")},
//	})
//
// The wire types are the generated types of package gen, named here with type
// aliases; the services are hand-written over gen's request builders.
//
// # Authentication
//
// [WithAPIKey] sends "Authorization: Bearer <key>" (nothing when the key is
// empty). [NewFromEnv] reads LITELLM_PROXY_URL and LITELLM_PROXY_API_KEY, and
// falls back to the key that "litellm-proxy login" stored in
// ~/.litellm/token.json, but only when it was issued for the same base URL.
// Keys, Bearer tokens and JWTs never appear in errors, logs, or %v of a
// [Client] or an [Option]; see [Redact].
//
// # Options
//
// Every [Option] works for the whole client (passed to [New]) and for one call
// (passed last to a method); the call's option wins. [ReturnRequest] builds
// the complete request of any call and sends nothing, like the Python
// client's return_request=True.
//
// # Errors
//
// Every non-2xx response is an [*APIError] with the status, the proxy's
// message, type, code and param, the request id and the raw body, whatever
// shape the body had (the proxy's {"error": {...}}, FastAPI's {"detail": ...},
// a 422 list, an HTML page). Match classes with errors.Is:
//
//	if errors.Is(err, facade.ErrUnauthorized) { ... }
//	var apiErr *facade.APIError
//	if errors.As(err, &apiErr) { log.Print(apiErr.StatusCode, apiErr.Type) }
//
// The credential routes that answer HTTP 200 with an error object also return
// an *APIError. When no response arrived, the error is a [*TransportError];
// when the caller's context ended, it is the context's error. A success body
// that is not the expected JSON is a [*DecodeError].
//
// # Retries and timeouts
//
// A failed attempt is retried twice by default ([WithMaxRetries]) with capped
// exponential backoff and jitter, honouring Retry-After and retry-after-ms
// up to [WithMaxRetryAfter], but only when that cannot perform a write
// twice: any call when the connection could not be made and on 429 and 503;
// idempotent calls (GET, DELETE, ..., [WithIdempotent]) also on 408, 409,
// 500, 502, 504 and after a reset or a timeout. A POST that may have been
// processed is never resent. [WithTimeout] bounds each attempt (30 s for
// admin calls, 10 minutes for a chat completion by default); a stream has no
// total deadline, only a header timeout ([WithStreamHeaderTimeout], 60 s) and
// an idle timeout between data events ([WithStreamIdleTimeout]). Redirects
// never take credentials, Referer or a body to another host, nor go from
// https to http ([ErrRedirectRefused]); a success body is bounded by
// [WithMaxResponseSize] ([ErrResponseTooLarge]).
//
// # Streaming
//
// [ChatCompletionsService.Stream] returns a [Stream] used like bufio.Scanner
// (Next, Current, Err, Close) or as an iterator (All). Mid-stream error events
// become an *APIError; a stream cut before "data: [DONE]" ends with an error
// that matches io.ErrUnexpectedEOF. [ChatCompletionAccumulator] folds chunks
// into the complete [ChatCompletion]. The SSE framing is package
// facade/sse, usable on its own.
//
// # Pagination
//
// List methods return one page (for example [KeyList]); All methods
// ([KeysService.All], [UsersService.All], [TeamsService.All]) return an
// iter.Seq2 over every item, fetching page after page, holding one page in
// memory, and never changing the caller's options.
//
// # Testing with proxytest
//
// Package test/proxytest is an in-memory LiteLLM-compatible server, in the
// style of net/http/httptest, with state, auth, a deterministic chat model,
// streaming, the SSO CLI login and fault injection:
//
//	srv := proxytest.NewServer()
//	defer srv.Close()
//	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
package facade
