package facade

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func testToken() *Token {
	return &Token{
		Key:            plantedKey,
		UserID:         "cli-user",
		UserEmail:      "unknown",
		UserRole:       "cli",
		AuthHeaderName: "Authorization",
		JWTToken:       testJWT,
		Timestamp:      1718000000.5,
		BaseURL:        "http://localhost:4000",
		TeamID:         "team-1",
		RefreshToken:   "llm_srefresh_" + plantedSecret,
	}
}

func TestDefaultTokenPath(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home) // Windows
	got, err := DefaultTokenPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(home, ".litellm", "token.json"); got != want {
		t.Errorf("DefaultTokenPath() = %q, want %q", got, want)
	}
}

func TestSaveLoadToken(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), ".litellm", "token.json")
	want := testToken()
	if err := SaveToken(path, want); err != nil {
		t.Fatalf("SaveToken: %v", err)
	}
	got, err := LoadToken(path)
	if err != nil {
		t.Fatalf("LoadToken: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}

	// The file is in the upstream format.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"key", "user_id", "user_email", "user_role", "auth_header_name", "jwt_token", "timestamp", "base_url", "team_id"} {
		if _, ok := m[k]; !ok {
			t.Errorf("token file has no %q field: %s", k, data)
		}
	}
	if !bytes.Contains(data, []byte(`"timestamp": 1718000000.5`)) {
		t.Errorf("timestamp not written as upstream's float: %s", data)
	}

	// Saving again replaces the token.
	want.Key = "sk-test-second"
	want.TeamID = ""
	if err := SaveToken(path, want); err != nil {
		t.Fatal(err)
	}
	got, err = LoadToken(path)
	if err != nil || got.Key != "sk-test-second" || got.TeamID != "" {
		t.Errorf("after a second save: %v, %v", got, err)
	}
	if data, _ := os.ReadFile(path); bytes.Contains(data, []byte("team_id")) {
		t.Errorf("empty team_id written: %s", data)
	}
	assertNoTempFiles(t, filepath.Dir(path))
}

func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "token.json" {
			t.Errorf("file %q left behind in %s", e.Name(), dir)
		}
	}
}

func TestLoadTokenUpstreamFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, data string
		want       *Token
	}{
		{
			"era A",
			`{"key": "sk-test-abc", "user_id": "cli-user", "user_email": "unknown", "user_role": "cli", "auth_header_name": "Authorization", "jwt_token": "", "timestamp": 1718000000.123}`,
			&Token{Key: "sk-test-abc", UserID: "cli-user", UserEmail: "unknown", UserRole: "cli", AuthHeaderName: "Authorization", Timestamp: 1718000000.123},
		},
		{
			"era C metadata only",
			"{\n  \"base_url\": \"http://proxy:4000\",\n  \"user_id\": \"u1\",\n  \"timestamp\": 1718000000\n}\n",
			&Token{UserID: "u1", BaseURL: "http://proxy:4000", Timestamp: 1718000000},
		},
		{
			"nulls and unknown fields",
			`{"key": "k", "user_email": null, "team_id": null, "extra": {"a": [1]}}`,
			&Token{Key: "k"},
		},
		{
			"bom",
			"\xef\xbb\xbf{\"key\": \"k\"}",
			&Token{Key: "k"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "token.json")
			if err := os.WriteFile(path, []byte(tt.data), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := LoadToken(path)
			if err != nil {
				t.Fatalf("LoadToken: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadTokenErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		data    string // written to token.json unless setup is set
		setup   func(t *testing.T, path string)
		want    string // in the error
		missing bool
	}{
		{name: "missing", setup: func(*testing.T, string) {}, want: "no stored token", missing: true},
		{name: "missing dir", setup: func(t *testing.T, path string) { _ = os.Remove(filepath.Dir(path)) }, want: "no stored token", missing: true},
		{name: "corrupt", data: `{"key": "` + plantedKey + `", `, want: "invalid JSON"},
		{name: "garbage", data: plantedKey + `{}`, want: "not a JSON object"},
		{name: "trailing data", data: `{"key": "x"} {"key": "` + plantedKey + `"}`, want: "invalid JSON"},
		{name: "empty", data: "", want: "empty"},
		{name: "array", data: `[{"key": "x"}]`, want: "not a JSON object"},
		{name: "null", data: `null`, want: "not a JSON object"},
		{name: "wrong type", data: `{"key": "` + plantedKey + `", "timestamp": "yesterday"}`, want: `field "timestamp" is a JSON string, want float64`},
		{name: "too large", data: `{"key": "x", "pad": "` + strings.Repeat("a", maxTokenFileSize) + `"}`, want: "larger than"},
		{name: "directory", setup: func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		}, want: "not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "token.json")
			if tt.setup != nil {
				tt.setup(t, path)
			} else if err := os.WriteFile(path, []byte(tt.data), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := LoadToken(path)
			if err == nil {
				t.Fatalf("LoadToken = %v, want an error", got)
			}
			if got != nil {
				t.Errorf("LoadToken returned a token with its error")
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) || !strings.Contains(msg, path) {
				t.Errorf("error %q: want it to contain %q and the path", msg, tt.want)
			}
			if strings.Contains(msg, plantedSecret) || strings.Contains(msg, "sk-test") {
				t.Errorf("error %q echoes the file's contents", msg)
			}
			if got, want := errors.Is(err, ErrNoToken), tt.missing; got != want {
				t.Errorf("errors.Is(err, ErrNoToken) = %v, want %v", got, want)
			}
			if got, want := errors.Is(err, fs.ErrNotExist), tt.missing; got != want {
				t.Errorf("errors.Is(err, fs.ErrNotExist) = %v, want %v", got, want)
			}
		})
	}
}

func TestLoadTokenUnreadable(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs POSIX permissions and a non-root user")
	}
	t.Parallel()
	path := filepath.Join(t.TempDir(), "token.json")
	if err := os.WriteFile(path, []byte(`{"key": "x"}`), 0o000); err != nil {
		t.Fatal(err)
	}
	_, err := LoadToken(path)
	if err == nil || !errors.Is(err, fs.ErrPermission) || errors.Is(err, ErrNoToken) {
		t.Errorf("LoadToken = %v, want a permission error", err)
	}
}

func TestSaveTokenPermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permissions")
	}
	t.Parallel()
	tests := []struct {
		name    string
		dirMode os.FileMode // 0: the directory does not exist yet
		want    os.FileMode
	}{
		{"new dir", 0, 0o700},
		{"tighten 0755", 0o755, 0o700},
		{"tighten 0770", 0o770, 0o700},
		{"keep 0700", 0o700, 0o700},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "a", ".litellm")
			if tt.dirMode != 0 {
				if err := os.MkdirAll(dir, 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(dir, tt.dirMode); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(dir, "token.json")
			// An existing world-readable file is replaced by a 0600 one.
			if tt.dirMode != 0 {
				if err := os.WriteFile(path, []byte(`{}`), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := SaveToken(path, testToken()); err != nil {
				t.Fatalf("SaveToken: %v", err)
			}
			fi, err := os.Stat(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got != tt.want {
				t.Errorf("dir mode = %v, want %v", got, tt.want)
			}
			fi, err = os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got != 0o600 {
				t.Errorf("file mode = %v, want 0600", got)
			}
			assertNoTempFiles(t, dir)
		})
	}
}

func TestSaveTokenStickyDirUntouched(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permissions")
	}
	t.Parallel()
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o777|fs.ModeSticky); err != nil {
		t.Fatal(err)
	}
	if err := SaveToken(filepath.Join(dir, "token.json"), testToken()); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o777 {
		t.Errorf("sticky dir mode changed to %v", fi.Mode())
	}
}

func TestSaveTokenErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		name string
		path string
		tok  *Token
	}{
		{"nil token", filepath.Join(dir, "a", "token.json"), nil},
		{"parent is a file", filepath.Join(dir, "file", "token.json"), testToken()},
		{"path is a directory", filepath.Join(dir, "isdir"), testToken()},
		{"NaN timestamp", filepath.Join(dir, "nan", "token.json"), &Token{Key: plantedKey, Timestamp: math.NaN()}},
	}
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "isdir", "child"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := SaveToken(tt.path, tt.tok)
			if err == nil {
				t.Fatalf("SaveToken succeeded, want an error")
			}
			if strings.Contains(err.Error(), plantedSecret) {
				t.Errorf("error %q leaks the key", err)
			}
		})
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".tmp") {
			t.Errorf("temp file %s left behind", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRemoveToken(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "token.json")
	if err := SaveToken(path, testToken()); err != nil {
		t.Fatal(err)
	}
	for i := range 2 { // the second removal finds no file
		if err := RemoveToken(path); err != nil {
			t.Fatalf("RemoveToken #%d: %v", i+1, err)
		}
	}
	if _, err := LoadToken(path); !errors.Is(err, ErrNoToken) {
		t.Errorf("LoadToken after RemoveToken: %v, want ErrNoToken", err)
	}
	if err := os.WriteFile(path+".other", nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := RemoveToken(filepath.Dir(path)); err == nil || !strings.HasPrefix(err.Error(), "remove token: ") {
		t.Errorf("RemoveToken of a non-empty directory = %v, want an error", err)
	}
}

func TestTokenKeyFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, tokenBase, base string
		want                  bool
	}{
		{"same", "http://localhost:4000", "http://localhost:4000", true},
		{"trailing slash on base", "http://localhost:4000", "http://localhost:4000/", true},
		{"trailing slashes on token", "http://localhost:4000///", "http://localhost:4000", true},
		{"with path", "https://proxy.example.com/litellm/", "https://proxy.example.com/litellm", true},
		{"different host", "http://localhost:4000", "http://otherhost:4000", false},
		{"different port", "http://localhost:4000", "http://localhost:4001", false},
		{"different scheme", "http://localhost:4000", "https://localhost:4000", false},
		{"different path", "http://h/a", "http://h/b", false},
		{"no base_url in token", "", "http://localhost:4000", false},
		{"empty both", "", "", false},
		{"slash only", "/", "/", false},
		{"empty base", "http://localhost:4000", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tok := &Token{Key: plantedKey, BaseURL: tt.tokenBase}
			want := ""
			if tt.want {
				want = plantedKey
			}
			if got := tok.KeyFor(tt.base); got != want {
				t.Errorf("KeyFor(%q) with base_url %q = %q, want %q", tt.base, tt.tokenBase, got, want)
			}
		})
	}
	if got := (*Token)(nil).KeyFor("http://h"); got != "" {
		t.Errorf("nil token KeyFor = %q", got)
	}
}

func TestTokenAge(t *testing.T) {
	t.Parallel()
	now := time.Unix(1718003600, 500_000_000)
	tests := []struct {
		name string
		ts   float64
		want time.Duration
	}{
		{"one hour", 1718000000.5, time.Hour},
		{"fraction", 1718003599.25, 1250 * time.Millisecond},
		{"future", 1718007200.5, -time.Hour},
		{"no timestamp", 0, now.Sub(time.Unix(0, 0))},
		{"huge", 1e300, now.Sub(time.Unix(1e15, 0))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := (&Token{Timestamp: tt.ts}).Age(now); got != tt.want {
				t.Errorf("Age = %v, want %v", got, tt.want)
			}
		})
	}
	if got := (*Token)(nil).Age(now); got != 0 {
		t.Errorf("nil token Age = %v", got)
	}
}

func TestTokenNeverPrintsKey(t *testing.T) {
	t.Parallel()
	tok := testToken()
	var renderings []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%20v"} {
		renderings = append(renderings, fmt.Sprintf(verb, tok), fmt.Sprintf(verb, *tok), fmt.Sprintf(verb, []*Token{tok}))
	}
	renderings = append(renderings, tok.String(), tok.GoString(), fmt.Sprint(struct{ T Token }{*tok}))
	for _, newHandler := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var buf bytes.Buffer
		slog.New(newHandler(&buf)).Info("token", "tok", tok, "val", *tok)
		renderings = append(renderings, buf.String())
	}
	for _, got := range renderings {
		if strings.Contains(got, plantedSecret) || strings.Contains(got, "eyJ") {
			t.Errorf("rendering leaks a secret: %s", got)
		}
	}

	tests := []struct {
		name, got, want string
	}{
		{"%v", fmt.Sprintf("%v", tok), "{REDACTED cli-user unknown cli Authorization REDACTED 1.7180000005e+09 http://localhost:4000 team-1 0 REDACTED    }"},
		{"%+v", fmt.Sprintf("%+v", tok), "{Key:REDACTED UserID:cli-user UserEmail:unknown UserRole:cli AuthHeaderName:Authorization JWTToken:REDACTED Timestamp:1.7180000005e+09 BaseURL:http://localhost:4000 TeamID:team-1 ExpiresAt:0 RefreshToken:REDACTED ClientID: TokenEndpoint: RevocationEndpoint: Resource:}"},
		{"%#v", fmt.Sprintf("%#v", tok), `facade.Token{Key:"REDACTED", UserID:"cli-user", UserEmail:"unknown", UserRole:"cli", AuthHeaderName:"Authorization", JWTToken:"REDACTED", Timestamp:1718000000.5, BaseURL:"http://localhost:4000", TeamID:"team-1", ExpiresAt:0, RefreshToken:"REDACTED", ClientID:"", TokenEndpoint:"", RevocationEndpoint:"", Resource:""}`},
		{"String", tok.String(), "{Key:REDACTED UserID:cli-user UserEmail:unknown UserRole:cli AuthHeaderName:Authorization JWTToken:REDACTED Timestamp:1.7180000005e+09 BaseURL:http://localhost:4000 TeamID:team-1 ExpiresAt:0 RefreshToken:REDACTED ClientID: TokenEndpoint: RevocationEndpoint: Resource:}"},
		{"empty key", fmt.Sprintf("%+v", Token{UserID: "u"}), "{Key: UserID:u UserEmail: UserRole: AuthHeaderName: JWTToken: Timestamp:0 BaseURL: TeamID: ExpiresAt:0 RefreshToken: ClientID: TokenEndpoint: RevocationEndpoint: Resource:}"},
		{"nil", fmt.Sprintf("%v", (*Token)(nil)), "<nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.got != tt.want {
				t.Errorf("got\n  %s\nwant\n  %s", tt.got, tt.want)
			}
		})
	}

	// The JSON form is the file format: it does carry the key.
	if b, err := json.Marshal(tok); err != nil || !bytes.Contains(b, []byte(plantedKey)) {
		t.Errorf("json.Marshal(token) = %s, %v; want the key in the file format", b, err)
	}
}

func FuzzLoadToken(f *testing.F) {
	f.Add([]byte(`{"key": "sk-test-abc", "user_id": "cli-user", "user_email": "unknown", "user_role": "cli", "auth_header_name": "Authorization", "jwt_token": "", "timestamp": 1718000000.123}`))
	f.Add([]byte(`{"base_url": "http://proxy:4000/", "timestamp": 1e300, "team_id": null}`))
	f.Add([]byte(`{"key": "` + plantedKey + `"`))
	f.Add([]byte(`{"timestamp": "x"}`))
	f.Add([]byte("\xef\xbb\xbf{}"))
	f.Add([]byte(`[]`))
	f.Add([]byte(``))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "token.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		tok, err := LoadToken(path)
		if (tok == nil) == (err == nil) {
			t.Fatalf("LoadToken = %v, %v: want exactly one of them", tok, err)
		}
		if err != nil {
			if strings.Contains(err.Error(), plantedSecret) {
				t.Fatalf("error %q echoes the file", err)
			}
			return
		}
		_ = tok.Age(time.Now())
		_ = tok.KeyFor(tok.BaseURL)
		// How a token prints depends on whether it has a key, never on the key.
		if tok.Key != "" || tok.JWTToken != "" {
			other := *tok
			if other.Key != "" {
				other.Key = "x"
			}
			if other.JWTToken != "" {
				other.JWTToken = "x"
			}
			const verbs = "%v|%+v|%#v|%s|%q|%x|%d"
			if got, want := fmt.Sprintf(verbs, tok, tok, tok, tok, tok, tok, tok), fmt.Sprintf(verbs, other, other, other, other, other, other, other); got != want {
				t.Fatalf("printing depends on the key:\n%s\n%s", got, want)
			}
		}
		// What loads can be saved and loads again the same.
		if err := SaveToken(path, tok); err != nil {
			t.Fatalf("SaveToken: %v", err)
		}
		again, err := LoadToken(path)
		if err != nil {
			t.Fatalf("LoadToken after SaveToken: %v", err)
		}
		if diff := cmp.Diff(tok, again); diff != "" {
			t.Fatalf("save/load mismatch (-first +second):\n%s", diff)
		}
	})
}
