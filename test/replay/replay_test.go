package replay

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/litellm-go/proxyclient/gen"
	"github.com/litellm-go/proxyclient/test/internal/shape"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

// defaultCorpus is where the corpus lies relative to this package: CI has
// ../shared beside the repository.
const defaultCorpus = "../../../shared/realproxy/corpus"

// corpusDir returns the corpus directory (LITELLM_CORPUS_DIR overrides the
// default), failing the test when it is missing: it is always present in CI.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("LITELLM_CORPUS_DIR")
	if dir == "" {
		dir = defaultCorpus
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(abs, "recording-config.yaml")); err != nil || fi.IsDir() {
		t.Fatalf("replay corpus not found at %s (no recording-config.yaml there): check out ../shared beside the repository, "+
			"or set LITELLM_CORPUS_DIR to the directory holding real-1.88.0-*.jsonl", abs)
	}
	return abs
}

// exchange is one recorded request and response.
type exchange struct {
	ID      string `json:"id"`
	Op      string `json:"op"`
	Auth    string `json:"auth"`
	Note    string `json:"note"`
	Request struct {
		Method  string            `json:"method"`
		Path    string            `json:"path"`
		Query   map[string]any    `json:"query"`
		Headers map[string]string `json:"headers"`
		Body    json.RawMessage   `json:"body"`
	} `json:"request"`
	Response struct {
		Status  int               `json:"status"`
		Headers map[string]string `json:"headers"`
		Body    json.RawMessage   `json:"body"`
	} `json:"response"`
}

func loadExchanges(t *testing.T, path string) []exchange {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read corpus: %v", err)
	}
	var out []exchange
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var e exchange
		if err := json.Unmarshal(line, &e); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no exchanges", path)
	}
	return out
}

// recordedBody returns the bytes the real proxy sent. The recorder stored a
// JSON body decoded, except for streamed requests, whose body it kept as
// text (an SSE stream, or a JSON error read as text).
func recordedBody(e *exchange) []byte {
	raw := bytes.TrimSpace(e.Response.Body)
	if len(raw) == 0 {
		return nil
	}
	var s string
	if raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return raw // an object, array, number or null, as sent
	}
	if s == "" {
		return nil
	}
	ct := strings.ToLower(e.Response.Headers["content-type"])
	if !strings.Contains(ct, "json") {
		return []byte(s)
	}
	if t := strings.TrimSpace(s); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
		if json.Valid([]byte(t)) {
			return []byte(t)
		}
	}
	return raw // a JSON string, such as "I'm alive!"
}

func recordedHeader(e *exchange) http.Header {
	h := http.Header{}
	for k, v := range e.Response.Headers {
		h.Set(k, v)
	}
	return h
}

// mapPaths are the objects whose keys are data, not fields.
var mapPaths = []string{
	"*metadata", "*model_spend", "*model_max_budget", "*aliases", "*config", "*permissions",
	"*model_group_alias", "*credential_values", "*credential_info", "*model_rpm_limit", "*model_tpm_limit",
}

// spec routes requests to the operations of our spec.
func specRouter(t *testing.T) routers.Router {
	t.Helper()
	doc, err := gen.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	doc.Servers = nil
	r, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// inSpec reports whether our spec has the route (path and method) of e.
func inSpec(r routers.Router, e *exchange) bool {
	req, err := http.NewRequest(e.Request.Method, "http://replay"+(&url.URL{Path: e.Request.Path}).EscapedPath(), nil)
	if err != nil {
		return false
	}
	// A path of ours with another method is ours too: its 405 is compared.
	for _, m := range []string{e.Request.Method, http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		req.Method = m
		if _, _, err := r.FindRoute(req); err == nil {
			return true
		}
	}
	return false
}

// typeDiff is a difference of JSON types at a field path, as shape.Diff writes it.
var typeDiff = regexp.MustCompile(`^(field|chunk) (\S+): want (\S+), got (\S+)$`)

// dataDiffs drops the differences that say only which elements of an array
// (or values of a map) happened to be null: inside "[]" or "{}" the types
// are merged over elements that differ between the recording and the replay
// (the recording's database held rows from earlier runs), so "null|string"
// against "string" is data, not shape; so are the types of the values of a
// map (metadata and the like). Outside arrays every difference of
// nullability counts.
func dataDiffs(diffs []string) []string {
	var out []string
	for _, d := range diffs {
		m := typeDiff.FindStringSubmatch(d)
		if m != nil && strings.ContainsAny(m[2], "[{") && sameButNull(m[3], m[4]) {
			continue
		}
		if m != nil && strings.Contains(m[2], "{}") {
			continue // the values of a map are the caller's data
		}
		out = append(out, d)
	}
	return out
}

// sameButNull reports whether two "|"-joined type sets are equal once "null"
// is removed from both.
func sameButNull(a, b string) bool {
	strip := func(s string) []string {
		var out []string
		for _, t := range strings.Split(s, "|") {
			if t != "null" {
				out = append(out, t)
			}
		}
		return out
	}
	x, y := strip(a), strip(b)
	return slices.Equal(x, y) || len(x) == 0 || len(y) == 0
}

// routeFamily is the first segment of a path after any /v1 or /v2 prefix:
// "team" for /team/member_update, "mcp" for /v1/mcp/server.
func routeFamily(path string) string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for len(segs) > 1 && (segs[0] == "v1" || segs[0] == "v2") {
		segs = segs[1:]
	}
	return segs[0]
}

// keySources name the scenarios whose generated keys later exchanges use.
var keySources = map[string]string{
	"key-generate-virtual":        "virtual",
	"key-generate-nonadmin":       "virtual-nonadmin",
	"setup.key.generate.virtual":  "virtual",
	"setup.key.generate.nonadmin": "virtual-nonadmin",
}

// badKey is the wrong key of the "bad" exchanges.
const badKey = "sk-replay-not-a-key"

// replayer replays one corpus file against one emulator.
type replayer struct {
	t      *testing.T
	srv    *proxytest.Server
	master string
	keys   map[string]string // auth kind -> emulator key
	subst  map[string]string // recorded value -> emulator value
	taken  map[string]bool   // emulator values already mapped
	seen   map[string]bool   // every string the emulator has answered
}

// generatedValue matches what a proxy generates and a later request may
// name: UUIDs, key hashes and sk- keys of 22 urlsafe characters.
var generatedValue = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{64}\b|sk-[A-Za-z0-9_-]{22}\b`)

// unmapped lists the generated values of the recorded request that the
// replay cannot translate: neither mapped onto an emulator value nor ones
// the emulator produced itself. Replaying them would compare an answer
// about a missing object, and pass or fail for the wrong reason.
func (r *replayer) unmapped(e *exchange) []string {
	var b strings.Builder
	b.WriteString(e.Request.Path)
	b.Write(e.Request.Body)
	for k, v := range e.Request.Query {
		fmt.Fprintf(&b, " %s=%v", k, v)
	}
	var out []string
	for _, v := range generatedValue.FindAllString(b.String(), -1) {
		if _, ok := r.subst[v]; !ok && !r.seen[v] && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// see remembers every string of an emulator answer.
func (r *replayer) see(v any) {
	switch x := v.(type) {
	case string:
		r.seen[x] = true
	case []any:
		for _, e := range x {
			r.see(e)
		}
	case map[string]any:
		for _, e := range x {
			r.see(e)
		}
	}
}

func (r *replayer) authHeader(kind string) (string, error) {
	switch kind {
	case "none":
		return "", nil
	case "master":
		return "Bearer " + r.master, nil
	case "bad":
		return "Bearer " + badKey, nil
	case "virtual", "virtual-nonadmin":
		k := r.keys[kind]
		if k == "" {
			return "", fmt.Errorf("no %s key yet: the scenario that generates it did not succeed", kind)
		}
		return "Bearer " + k, nil
	}
	return "", fmt.Errorf("unknown auth %q", kind)
}

// replace substitutes the recorded values in s with the emulator's.
func (r *replayer) replace(s string) string {
	if v, ok := r.subst[s]; ok {
		return v
	}
	olds := make([]string, 0, len(r.subst))
	for k := range r.subst {
		if len(k) >= 8 && strings.Contains(s, k) {
			olds = append(olds, k)
		}
	}
	sort.Slice(olds, func(i, j int) bool { return len(olds[i]) > len(olds[j]) })
	for _, k := range olds {
		s = strings.ReplaceAll(s, k, r.subst[k])
	}
	return s
}

func (r *replayer) replaceValue(v any) any {
	switch x := v.(type) {
	case string:
		return r.replace(x)
	case []any:
		for i, e := range x {
			x[i] = r.replaceValue(e)
		}
	case map[string]any:
		for k, e := range x {
			x[k] = r.replaceValue(e)
		}
	}
	return v
}

// learn remembers the generated values the emulator answered where the
// recording has others: ids, keys and token hashes, walking both bodies in
// parallel. The first mapping of a value wins.
func (r *replayer) learn(rec, emu any, name string) {
	switch rv := rec.(type) {
	case map[string]any:
		ev, ok := emu.(map[string]any)
		if !ok {
			return
		}
		for k, x := range rv {
			if y, ok := ev[k]; ok {
				r.learn(x, y, k)
			}
		}
	case []any:
		ev, ok := emu.([]any)
		if !ok || len(ev) != len(rv) {
			return
		}
		for i := range rv {
			r.learn(rv[i], ev[i], name)
		}
	case string:
		es, ok := emu.(string)
		if !ok || es == rv || es == "" || rv == "" || !generated(name) {
			return
		}
		if _, done := r.subst[rv]; done || r.taken[es] {
			return
		}
		r.subst[rv] = es
		r.taken[es] = true
	}
}

// generated reports whether a member of this name holds values a server
// generates (and a later request may name).
func generated(name string) bool {
	switch name {
	case "key", "token", "token_id", "id", "keys", "deleted_keys", "team_id", "user_id", "model_id", "budget_id",
		"organization_id", "credential_name", "teams":
		return true
	}
	return strings.HasSuffix(name, "_id")
}

// do replays one exchange and returns the emulator's response.
func (r *replayer) do(e *exchange) (int, http.Header, []byte, error) {
	u, err := url.Parse(r.srv.URL)
	if err != nil {
		return 0, nil, nil, err
	}
	u.Path = r.replace(e.Request.Path)
	q := url.Values{}
	for k, v := range e.Request.Query {
		switch x := v.(type) {
		case []any:
			for _, el := range x {
				q.Add(k, r.replace(fmt.Sprint(el)))
			}
		case string:
			q.Add(k, r.replace(x))
		case bool:
			q.Add(k, map[bool]string{true: "true", false: "false"}[x])
		default:
			q.Add(k, r.replace(fmt.Sprint(x)))
		}
	}
	u.RawQuery = q.Encode()

	var body io.Reader
	if raw := bytes.TrimSpace(e.Request.Body); len(raw) > 0 && string(raw) != "null" {
		var s string
		if raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
			body = strings.NewReader(r.replace(s)) // sent as is (invalid JSON cases)
		} else {
			var v any
			if err := json.Unmarshal(raw, &v); err != nil {
				return 0, nil, nil, err
			}
			data, err := json.Marshal(r.replaceValue(v))
			if err != nil {
				return 0, nil, nil, err
			}
			body = bytes.NewReader(data)
		}
	}
	req, err := http.NewRequest(e.Request.Method, u.String(), body)
	if err != nil {
		return 0, nil, nil, err
	}
	for k, v := range e.Request.Headers {
		req.Header.Set(k, r.replace(v))
	}
	auth, err := r.authHeader(e.Auth)
	if err != nil {
		return 0, nil, nil, err
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := r.srv.Client().Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, data, err
}

// corpusFile is one recorded file and the server it is replayed against.
type corpusFile struct {
	name   string // case prefix
	file   string
	config string // the LiteLLM config it was recorded with
	opts   []proxytest.Option
}

func TestReplay(t *testing.T) {
	dir := corpusDir(t)
	allow, err := shape.LoadAllow("allow.yaml")
	if err != nil {
		t.Fatal(err)
	}
	router := specRouter(t)
	// The no-database recording used the README's config, whose master
	// key comes from the environment.
	t.Setenv("LITELLM_MASTER_KEY", "sk-replay-nodb-master")
	recording := filepath.Join(dir, "recording-config.yaml")
	files := []corpusFile{
		{name: "db", file: "real-1.88.0-db.jsonl", config: recording},
		{name: "breadth", file: "real-1.88.0-db-breadth.jsonl", config: recording},
		{name: "nodb", file: "real-1.88.0-nodb.jsonl", config: filepath.Join("testdata", "nodb-config.yaml"),
			opts: []proxytest.Option{proxytest.WithNoDatabase()}},
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			replayFile(t, dir, f, router, allow)
		})
	}
	allow.CheckUsed(t)
}

func replayFile(t *testing.T, dir string, f corpusFile, router routers.Router, allow *shape.Allow) {
	cfg, err := proxytest.LoadLiteLLMConfig(f.config)
	if err != nil {
		t.Fatal(err)
	}
	if f.config == filepath.Join(dir, "recording-config.yaml") && cfg.MasterKey != "sk-1234" {
		t.Fatalf("recording config: master key %q, want the recording's sk-1234", cfg.MasterKey)
	}
	opts := append([]proxytest.Option{cfg.Option(), proxytest.WithSeed(1)}, f.opts...)
	srv := proxytest.NewServer(opts...)
	defer srv.Close()
	r := &replayer{t: t, srv: srv, master: srv.MasterKey, keys: map[string]string{},
		subst: map[string]string{}, taken: map[string]bool{}, seen: map[string]bool{}}

	exchanges := loadExchanges(t, filepath.Join(dir, f.file))
	seen := map[string]int{}
	for i := range exchanges {
		e := &exchanges[i]
		caseName := f.name + "/" + e.ID
		if n := seen[e.ID]; n > 0 {
			caseName = fmt.Sprintf("%s#%d", caseName, n+1)
		}
		seen[e.ID]++
		if inSpec(router, e) {
			if ids := r.unmapped(e); len(ids) > 0 {
				t.Errorf("%s (%s): the request names %v, which no earlier answer of the emulator maps", caseName, e.Op, ids)
			}
		}
		status, hdr, body, err := r.do(e)
		if err != nil {
			t.Errorf("%s (%s): replay: %v", caseName, e.Op, err)
			continue
		}
		want := shape.Of(e.Response.Status, recordedHeader(e), recordedBody(e), shape.MapAt(mapPaths...))
		got := shape.Of(status, hdr, body, shape.MapAt(mapPaths...))

		if !inSpec(router, e) {
			// Not in our spec yet (issue 14): the emulator must still
			// answer FastAPI's 404 for the route, and the allow-list
			// names the route's family.
			caseName = f.name + "/not-in-spec/" + routeFamily(e.Request.Path) + "/" + e.ID
			if status != http.StatusNotFound || strings.TrimSpace(string(body)) != `{"detail":"Not Found"}` {
				t.Errorf("%s (%s): route not in the spec: want the emulator's 404 {\"detail\":\"Not Found\"}, got %d %.200s",
					caseName, e.Op, status, body)
			}
		}
		if left := allow.Filter(caseName, dataDiffs(shape.Diff(want, got))); len(left) > 0 {
			t.Errorf("%s (%s %s, auth %s): %d difference(s) from the recorded real proxy:\n  %s\nrecorded: %.300s\nemulator: %.300s",
				caseName, e.Request.Method, e.Request.Path, e.Auth, len(left), strings.Join(left, "\n  "),
				recordedBody(e), body)
			if os.Getenv("REPLAY_VERBOSE") != "" {
				t.Logf("%s full bodies:\nrecorded: %s\nemulator: %s", caseName, recordedBody(e), body)
			}
		}

		// Remember what the emulator generated, for later requests.
		if status/100 == 2 {
			var rv, ev any
			if json.Unmarshal(recordedBody(e), &rv) == nil && json.Unmarshal(body, &ev) == nil {
				r.learn(rv, ev, "")
				r.see(ev)
			}
			if kind, ok := keySources[e.ID]; ok {
				if m, ok := ev.(map[string]any); ok {
					if k, _ := m["key"].(string); k != "" {
						r.keys[kind] = k
					}
				}
			}
		}
	}
	if missing := missingKeys(r.keys); len(missing) > 0 && f.name != "nodb" {
		t.Errorf("no %s key was generated: the exchanges that use it could not be replayed", strings.Join(missing, ", "))
	}
}

func missingKeys(keys map[string]string) []string {
	var out []string
	for _, k := range []string{"virtual", "virtual-nonadmin"} {
		if keys[k] == "" {
			out = append(out, k)
		}
	}
	return slices.Clip(out)
}
