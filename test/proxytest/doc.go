// Package proxytest provides an in-memory LiteLLM-compatible proxy server for
// tests, in the style of [net/http/httptest]: [NewServer] starts one on a
// loopback port and Close shuts it down. It implements every operation of the
// project's OpenAPI spec (it is a gen.ServerInterface), validates each request
// against that spec (FastAPI's 422 on failure) except chat completions, whose
// bodies it checks as the proxy does (see below), keeps keys, deployments,
// credentials, users, teams, organizations, budgets and customers in memory
// (per server, safe for concurrent use), enforces authentication like the
// proxy (master key, virtual keys, roles, blocked and expired keys, model
// access), answers chat completions from a deterministic built-in model,
// streamed word by word when asked, runs the SSO CLI login flow, and injects
// faults on request. Errors have the
// proxy's shapes: ProxyError {"error": {"message", "type", "param", "code"}}
// with code a string, FastAPI's {"detail": ...}, and the HTTP-200 error
// objects of the credential routes.
//
// # Using it in a test
//
//	func TestMyService(t *testing.T) {
//		srv := proxytest.NewServer()
//		defer srv.Close()
//		c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
//		// ... exercise code that uses c ...
//	}
//
// # Models and the built-in model
//
// A server starts with [DefaultModels] (model groups "gpt-4o" and
// "claude-3-5-sonnet") unless [WithModels] replaces them. Every deployment
// answers with the same deterministic model:
//
//   - the answer is "You said: <text of the last user message>";
//   - after a message of role tool it is "Tool result: <content>";
//   - with tools, a last user message containing "call <name>", where name is
//     one of the tools, makes it call that tool (finish_reason "tool_calls")
//     with the JSON object written after the name as arguments, or {}; for
//     example "call get_weather {\"city\": \"Paris\"}". tool_choice "none"
//     prevents a call; "required" or a named function forces one;
//   - n gives n identical choices; max_tokens (or max_completion_tokens)
//     truncates the answer to that many words (finish_reason "length");
//   - tokens are whitespace-separated words; the cost is priced with the
//     deployment's model_info input_cost_per_token and output_cost_per_token
//     and added to the spend of the key, its user and its team.
//
// A stream sends the answer word by word: the first chunk carries delta.role
// "assistant", a last chunk carries finish_reason, a usage chunk (choices [])
// follows when stream_options.include_usage is set, then data: [DONE].
//
// A deployment with litellm_params.mock_response answers as litellm's mock
// does instead: that text, usage 20+10=30 tokens without details, streamed
// three characters a chunk.
//
// Chat bodies are not validated against the spec, as the proxy does not
// validate them: invalid JSON is a 400 invalid_request_error, a body that is
// no object a 500, a missing or unknown model a 400 "Invalid model name",
// missing messages a 500 (1.88; a 400 in 1.106), messages that are no list
// of objects the 400 or 500 of the failed provider call; fields of a wrong
// type the built-in model does not need are ignored. Errors raised while a
// chat is handled carry x-litellm-call-id, x-litellm-response-cost and
// x-litellm-key-spend, as the proxy's do; successes carry the proxy's
// x-litellm-* headers (fewer on a stream, as in 1.88).
//
// # Versions, and no database
//
// [WithVersion] picks the real version to imitate where versions differ
// ([Version1_88], the default, or [Version1_106]): chat checks and headers,
// the members of /model/info and /model_group/info, /models, readiness
// details and the no-database messages. [WithNoDatabase] answers as a proxy
// started without a database: chat, models, health and the credentials list
// work; every other route answers that proxy's own no-database error (each
// route its own: 400 or 500, and 200 for two credential routes of 1.88, in
// ProxyError or {"detail": {"error": ...}} envelopes); a key other than the
// master key gets 400 no_db_connection. test/differential holds both to
// real proxies of each version.
//
// # Starting from a LiteLLM config file
//
// [WithLiteLLMConfig] (and litellm-emulator --config) reads the YAML a real
// proxy is started with: model_list (litellm_params with mock_response,
// api_base and the rest, model_info) replaces the default models, with the
// deployment ids the proxy computes, and general_settings.master_key (a
// value or os.environ/NAME) becomes the master key. Without
// store_model_in_db the server refuses /model/new, as the proxy does. Other
// settings are ignored ([LoadLiteLLMConfig] lists them).
//
// # Authentication
//
// The master key ([DefaultMasterKey] unless [WithMasterKey]) acts as
// proxy_admin. Keys made by /key/generate, /user/new, /key/regenerate or an
// SSO login work too; a key's role is its user's user_role, and a key whose
// user is a proxy_admin is an admin. As on the proxy, a key without a user
// (or whose user has no role) has no role: it may call models and read its
// own info, but not manage keys.
// Public routes are /health/liveliness, /health/readiness and /sso/*;
// /health/readiness/details (with the version) is for proxy admins.
//
// # SSO CLI login
//
// GET /sso/key/generate?source=litellm-cli&key=<sk-id> shows a page whose
// approve button submits GET /sso/callback?state=litellm-session-token:<sk-id>&code=proxytest,
// standing in for the identity provider's redirect. The callback creates a
// key whose value is exactly the session id, for the user of [WithSSOUser]
// (by default "sso-user", a proxy_admin). GET /sso/cli/poll/<sk-id> answers
// {"status": "pending"} until then. [WithSSOAutoApprove] approves on the
// first GET; [WithSSOStartFlow] enables POST /sso/cli/start and its poll secret.
//
// # Faults
//
// [WithFault] and [Server.SetFaults] install faults: latency, error statuses
// with Retry-After, dropped connections, cut streams, keepalive comments and
// mid-stream error events, per route or for all, with a count or a
// probability drawn from the seeded source of [WithSeed].
// [Server.Requests] and [Server.RequestCount] tell what the server received,
// so tests can assert that a client retried; [WithRequestHook] sees each
// request as it ends (cmd/litellm-emulator logs them with it).
//
// # Differences from the proxy
//
// Like an open-source proxy, a server refuses the Enterprise features
// (/key/regenerate with HTTP 500, key tags, guardrails and the like, team
// admins added by /team/member_add) unless [WithEnterprise]; regenerating
// then ignores grace_period and refuses new_master_key. A missing key on /key/update is
// reported as "Key not found" (the proxy's message names a team). The
// litellm_params in /model/new and /model/update answers are opaque stand-ins
// for the proxy's encrypted values. An SSO login key gets the user's team if
// the user has exactly one, else none (the proxy of 1.77 uses the team id
// "litellm-cli"). /user/update creates a user it does not find, like the
// proxy's upsert. /team/available offers every team the caller is not in
// unless [WithAvailableTeams] says otherwise. The UI login (SSO without
// source=litellm-cli) is not emulated.
//
// Organizations, budgets and customers follow the proxy's oddities: member
// and budget deletes (and budget updates) of something that does not exist
// answer HTTP 200 null; /customer/block creates the customers it does not
// know; /customer/update skips values equal to a default (blocked false
// does not unblock); /customer/unblock is refused (HTTP 400) as on an
// open-source proxy; under [WithVersion](Version1_106) every organization
// route is refused (HTTP 403) unless [WithEnterprise], as 1.106.12 does.
//
// So do the team routes: /team/member_update answers HTTP 200 for a user
// who is not in the team (changing nothing) and names /team/member_delete
// in its 403; /team/model/add turns a team with every model (no models)
// into all-proxy-models plus the added ones; /team/permissions_update
// stores routes the proxy does not offer; a blocked team's keys keep
// working (the proxy's cached team is not refreshed). /team/daily/activity
// aggregates the spend logs the server books for its chat completions.
package proxytest
