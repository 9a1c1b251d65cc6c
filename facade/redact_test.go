package facade

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// plantedKey is the fake key the redaction tests plant; it must never survive.
const plantedKey = "sk-test-SECRET0123456789abcdef"

// plantedSecret is the part of plantedKey that identifies a leak.
const plantedSecret = "SECRET0123456789abcdef"

const testJWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

func TestRedact(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		// Unchanged.
		{"empty", "", ""},
		{"plain text", "No keys found for this user", "No keys found for this user"},
		{"sk- alone", "prefix sk- here", "prefix sk- here"},
		{"short sk key", "sk-1234", "sk-1234"},
		{"task-list", "open the task-list and the task-management-board", "open the task-list and the task-management-board"},
		{"risk-based", "a risk-based approach; disk-0; whisk-together", "a risk-based approach; disk-0; whisk-together"},
		{"bearer prose", "Malformed API Key passed in. Ensure Key has `Bearer ` prefix.", "Malformed API Key passed in. Ensure Key has `Bearer ` prefix."},
		{"bearer token prose", "missing Bearer token in header", "missing Bearer token in header"},
		{"basic prose", "Basic information about basic usage", "Basic information about basic usage"},
		{"key path words", "POST /key/generate: 401 auth_error", "POST /key/generate: 401 auth_error"},
		{"key words", "Key is blocked. Key Expiry time passed; monkey=banana", "Key is blocked. Key Expiry time passed; monkey=banana"},
		{"validation loc", "body.key: Field required; key: Field required", "body.key: Field required; key: Field required"},
		{"token words", "token_not_found_in_db: user_api_key_auth failed; max_tokens=5", "token_not_found_in_db: user_api_key_auth failed; max_tokens=5"},
		{"json null and numbers", `{"api_key": null, "token": 5, "key": {"a": 1}}`, `{"api_key": null, "token": 5, "key": {"a": 1}}`},
		{"key_alias", `{"key_alias": "my-alias", "key_name": "sk-...abcd"}`, `{"key_alias": "my-alias", "key_name": "sk-...abcd"}`},
		{"eyJ word", "monkeyJumps.over the fence", "monkeyJumps.over the fence"},
		{"non-ascii", "Fehler: Schlüssel ungültig ✗", "Fehler: Schlüssel ungültig ✗"},
		{"service account path", "POST /key/service-account/generate", "POST /key/service-account/generate"},

		// sk- keys.
		{"sk key", "Key sk-1234567890abcdef not found", "Key REDACTED not found"},
		{"sk key 8 chars", "key sk-abcdefgh", "key REDACTED"},
		{"sk proj key", "sk-proj-Ab_cD-12345678 done", "REDACTED done"},
		{"planted key", "x " + plantedKey + " y", "x REDACTED y"},
		{"glued long key", "ask-1234567890abcdefXYZ and", "REDACTED and"},
		{"glued after short sk", "0sk-00000000sk-0000000000000000", "REDACTED"},
		{"escaped newline before key", `line\nsk-12345678abc`, `line\nREDACTED`},
		{"percent-encoded space before key", "Bearer%20sk-test-abc123", "Bearer%20REDACTED"},
		{"python dict message", `{'error': 'Key sk-1234567890abcdef not found'}`, `{'error': 'Key REDACTED not found'}`},
		{"sk key in url path", "/sso/cli/poll/sk-0b4c8e2e-5a1d-4c1b-9d8e-0123456789ab", "/sso/cli/poll/REDACTED"},

		// JWTs.
		{"jwt", "token " + testJWT + " end", "token REDACTED end"},
		{"jwt two segments", "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0 end", "jwt REDACTED end"},
		{"jwt header only", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", "REDACTED"},
		{"jwt sentence end", "got " + testJWT + ".", "got REDACTED."},
		{"jwt glued", "0sk-abcdefgheyJ-ccccccccccccccccc x", "REDACTED x"},

		// Authorization schemes.
		{"bearer", "Authorization: Bearer abc.def-ghi", "Authorization: Bearer REDACTED"},
		{"bearer lower", "bearer my-master-key", "bearer REDACTED"},
		{"bearer short custom key", "Bearer test-key", "Bearer REDACTED"},
		{"basic", "Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: Basic REDACTED"},
		{"basic in text", "sent basic dXNlcjpwYXNz to the proxy", "sent basic REDACTED to the proxy"},

		// Query parameters.
		{"query key", "http://h/sso/key/generate?source=litellm-cli&key=sk-abc&existing_key=oldkey123", "http://h/sso/key/generate?source=litellm-cli&key=REDACTED&existing_key=REDACTED"},
		{"query api_key", "GET /key/info?api_key=abc123&x=1", "GET /key/info?api_key=REDACTED&x=1"},
		{"query token master_key", "?token=t0k3n;master_key=mk#frag", "?token=REDACTED;master_key=REDACTED#frag"},
		{"slog text", `level=DEBUG msg=request api_key=custom-key-1 status=200`, `level=DEBUG msg=request api_key=REDACTED status=200`},
		{"hash in message", "Invalid proxy server token passed. key=88dc28d0f030c55ed4ab77ed8f, not found in db.", "Invalid proxy server token passed. key=REDACTED, not found in db."},
		{"slog quoted", `key="a b c" other=1`, `key="REDACTED" other=1`},

		// JSON and Python fields.
		{"json api_key", `{"api_key": "custom", "model": "gpt-4"}`, `{"api_key": "REDACTED", "model": "gpt-4"}`},
		{"json key", `{"key":"sk-abc","models":[]}`, `{"key":"REDACTED","models":[]}`},
		{"json master_key", `{"master_key": "mk", "new_master_key": "nmk"}`, `{"master_key": "REDACTED", "new_master_key": "REDACTED"}`},
		{"json token", `{"token": "88dc28d0f030c55ed4ab77ed8faf0981"}`, `{"token": "REDACTED"}`},
		{"json credential values", `{"credential_values": {"api_key": "azure-1", "api_base": "https://x"}}`, `{"credential_values": {"api_key": "REDACTED", "api_base": "https://x"}}`},
		{"json cloud secrets", `{"client_secret": "cs", "aws_secret_access_key": "AKIA/x+y", "vertex_credentials": "{\"type\": \"service_account\"}"}`, `{"client_secret": "REDACTED", "aws_secret_access_key": "REDACTED", "vertex_credentials": "REDACTED"}`},
		{"json authorization", `{"Authorization": "Bearer abc"}`, `{"Authorization": "REDACTED"}`},
		{"json escaped quote in value", `{"api_key": "a\"b", "x": 1}`, `{"api_key": "REDACTED", "x": 1}`},
		{"json empty value", `{"api_key": ""}`, `{"api_key": ""}`},
		{"json in json string", `{"message": "{\"api_key\": \"abc\", \"n\": 1}"}`, `{"message": "{\"api_key\": \"REDACTED\", \"n\": 1}"}`},
		{"json truncated", `{"api_key": "abc`, `{"api_key": "REDACTED`},
		{"python dict fields", `{'api_key': 'abc', 'password': "it's"}`, `{'api_key': 'REDACTED', 'password': "REDACTED"}`},
		{"escaped name after a value", `\"keY\":"\\"keY":"00`, `\"keY\":"REDACTED"keY":"REDACTED`},
		{"pretty json", "{\n  \"key\":\n    \"abc\"\n}", "{\n  \"key\":\n    \"REDACTED\"\n}"},

		// Headers.
		{"header line", "x-litellm-api-key: custom-key\nAccept: */*", "x-litellm-api-key: REDACTED\nAccept: */*"},
		{"header line bearer", "X-Litellm-Api-Key: Bearer custom-key", "X-Litellm-Api-Key: Bearer REDACTED"},
		{"go header map", "map[Authorization:[Bearer abc] X-Api-Key:[xyz] Accept:[*/*]]", "map[Authorization:[Bearer REDACTED] X-Api-Key:[REDACTED] Accept:[*/*]]"},
		{"poll secret", "x-litellm-cli-poll-secret: ps123", "x-litellm-cli-poll-secret: REDACTED"},

		// Paths.
		{"key path", "POST /key/my-custom-key/regenerate: 500", "POST /key/REDACTED/regenerate: 500"},
		{"key path template", "POST /key/{key}/regenerate", "POST /key/{key}/regenerate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Redact(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Redact(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			if again := Redact(got); again != got {
				t.Errorf("Redact not idempotent: Redact(%q) = %q", got, again)
			}
		})
	}
}

func TestRedactKeepsJSONValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		v    any
	}{
		{"flat", map[string]any{"api_key": "sk-" + strings.Repeat("a", 40), "key": "custom", "n": 1, "x": nil}},
		{"nested", map[string]any{"credential_values": map[string]any{"api_key": "a\"b\\c", "client_secret": "s"}, "headers": map[string]any{"Authorization": "Bearer x"}}},
		{"list", []any{map[string]any{"token": testJWT}, "Bearer abc", "sk-" + strings.Repeat("b", 20)}},
		{"escaped string", map[string]any{"message": `{"api_key": "abc", "master_key": "sk-1234567890"}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, indent := range []string{"", "  "} {
				b, err := json.MarshalIndent(tt.v, "", indent)
				if err != nil {
					t.Fatal(err)
				}
				got := Redact(string(b))
				if !json.Valid([]byte(got)) {
					t.Errorf("Redact made invalid JSON: %s", got)
				}
				if !strings.Contains(got, "REDACTED") {
					t.Errorf("Redact(%s) = %s, want something redacted", b, got)
				}
			}
		})
	}
}

func TestRedactURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"query", "http://localhost:4000/sso/key/generate?source=litellm-cli&key=sk-test-uuid-123&existing_key=oldkey", "http://localhost:4000/sso/key/generate?source=litellm-cli&key=REDACTED&existing_key=REDACTED"},
		{"password", "https://user:pa55@proxy.example.com/v1/models", "https://REDACTED@proxy.example.com/v1/models"},
		{"path key", "http://h/key/" + plantedKey + "/regenerate", "http://h/key/REDACTED/regenerate"},
		{"plain", "http://localhost:4000/health?x=1", "http://localhost:4000/health?x=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u, err := url.Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := redactURL(u); got != tt.want {
				t.Errorf("redactURL(%s) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if got := redactURL(nil); got != "" {
		t.Errorf("redactURL(nil) = %q, want empty", got)
	}
}

func TestSecretNeverPrints(t *testing.T) {
	t.Parallel()
	type holder struct {
		Key secret
		N   int
	}
	k := secret(plantedKey)
	tests := []struct {
		name, got, want string
	}{
		{"String", k.String(), "REDACTED"},
		{"GoString", k.GoString(), `"REDACTED"`},
		{"%v", fmt.Sprintf("%v", k), "REDACTED"},
		{"%+v", fmt.Sprintf("%+v", k), "REDACTED"},
		{"%#v", fmt.Sprintf("%#v", k), `"REDACTED"`},
		{"%s", fmt.Sprintf("%s", k), "REDACTED"},
		{"%q", fmt.Sprintf("%q", k), `"REDACTED"`},
		{"%x", fmt.Sprintf("%x", k), "REDACTED"},
		{"%10s", fmt.Sprintf("%10s", k), "REDACTED"},
		{"pointer %v", fmt.Sprintf("%v", &k), "REDACTED"},
		{"struct %v", fmt.Sprintf("%v", holder{k, 1}), "{REDACTED 1}"},
		{"struct %+v", fmt.Sprintf("%+v", holder{k, 1}), "{Key:REDACTED N:1}"},
		{"struct %#v", fmt.Sprintf("%#v", holder{k, 1}), `facade.holder{Key:"REDACTED", N:1}`},
		{"slice %v", fmt.Sprintf("%v", []secret{k, ""}), "[REDACTED ]"},
		{"empty String", secret("").String(), ""},
		{"empty GoString", secret("").GoString(), `""`},
		{"empty %v", fmt.Sprintf("[%v]", secret("")), "[]"},
		{"value", string(k), plantedKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
	t.Run("slog", func(t *testing.T) {
		t.Parallel()
		for _, h := range []func(*bytes.Buffer) slog.Handler{
			func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
			func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		} {
			var buf bytes.Buffer
			slog.New(h(&buf)).Info("call", "key", k, "holder", holder{k, 1})
			if strings.Contains(buf.String(), plantedSecret) || !strings.Contains(buf.String(), "REDACTED") {
				t.Errorf("slog output %q: want the key redacted", buf.String())
			}
		}
	})
}

func TestRedactAllocs(t *testing.T) {
	line := `level=DEBUG msg="POST /chat/completions" status=200 duration=12ms model=gpt-4o request_id=abc-123`
	if n := testing.AllocsPerRun(100, func() { _ = Redact(line) }); n != 0 {
		t.Errorf("Redact of a line without secrets allocates %v times, want 0", n)
	}
}

// plantedKeyRE matches the keys FuzzRedact checks: they must never survive.
var plantedKeyRE = regexp.MustCompile(`sk-[A-Za-z0-9]{16,}`)

func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"", "plain text", "Key " + plantedKey + " not found", "Bearer abc", "basic dXNlcjpwYXNz",
		`{"api_key": "x", "key": "sk-1234567890abcdef"}`, `{'error': 'Key sk-1234567890abcdef not found'}`,
		"?key=a&existing_key=b", testJWT, "x-litellm-api-key: abc", "POST /key/abc/regenerate",
		`{"message": "{\"api_key\": \"abc\"}"}`, "ask-1234567890abcdefgh", "task-list risk-based",
		"Authorization: Bearer", `"key": "abc`, "map[Authorization:[Bearer x]]",
		"http://admin:secret@host/x", `"http:\/\/u:p@h\/"`, "https://a@b@c/d?e=f@g",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Redact(s)
		for _, k := range plantedKeyRE.FindAllString(s, -1) {
			if strings.Contains(got, k) {
				t.Fatalf("Redact(%q) = %q: key %q survived", s, got, k)
			}
		}
		if again := Redact(got); again != got {
			t.Fatalf("Redact not idempotent:\n in: %q\n 1st: %q\n 2nd: %q", s, got, again)
		}
	})
}

func BenchmarkRedact(b *testing.B) {
	cases := []struct{ name, s string }{
		{"clean", `level=DEBUG msg="POST /chat/completions" status=200 duration=12ms model=gpt-4o request_id=abc-123`},
		{"error", `POST /key/generate: 401 auth_error: Authentication Error, Invalid proxy server token passed. key=88dc28d0f030c55ed4ab77ed8faf0981, not found in db. Create key via /key/generate call.`},
		{"secrets", `{"api_key": "` + plantedKey + `", "Authorization": "Bearer ` + testJWT + `", "url": "http://h/?key=abc&x=1"}`},
		{"body 4KiB", strings.Repeat(`<p>Some text with words, numbers 12345 and punctuation.</p>`, 70)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.s)))
			b.ReportAllocs()
			for b.Loop() {
				_ = Redact(c.s)
			}
		})
	}
}

func TestRedactLinear(t *testing.T) {
	t.Parallel()
	const size = 1 << 20
	tests := []struct{ name, unit string }{
		{"glued sk", "ask-"},
		{"short sk", " sk-a"},
		{"eyJ", "eyJa."},
		{"eyJ run", "xeyJ"},
		{"bearer", "Bearer token "},
		{"basic", "basic basic"},
		{"named", `"api_key":`},
		{"named unquoted", "&key"},
		{"key path", "/key/"},
		{"quotes", `"'\`},
		{"tags", "<script><"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := strings.Repeat(tt.unit, size/len(tt.unit))
			start := time.Now()
			_ = Redact(s)
			_ = (&APIError{StatusCode: 500, Body: []byte(s)}).Error()
			_, _ = parseErrorBody([]byte(s))
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Redact of 1 MiB of %q took %v: not linear", tt.unit, d)
			}
		})
	}
}
