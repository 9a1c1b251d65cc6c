package proxytest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/litellm-go/proxyclient/gen"
	"github.com/litellm-go/proxyclient/internal/yamljson"
)

// promptState is the emulator's state for prompts (issue 14, family 8). h.mu guards it.
//
// The real proxy keeps prompts twice: rows of LiteLLM_PromptTable (one a
// version and environment) and an in-memory registry of loaded prompts
// that most reads use (prompts/prompt_endpoints.py, prompt_registry.py).
// The emulator keeps both, because their answers differ (the registry's
// copy of a prompt has no created_by in 1.88, and always the environment
// development).
type promptState struct {
	rows []*promptRow          // the table, in creation order
	mem  map[string]*promptMem // the registry, by its key
}

// promptRow is a row of LiteLLM_PromptTable.
type promptRow struct {
	id        int64
	base      string // prompt_id, without version suffix
	version   int
	env       string
	createdBy string         // "" is null
	params    map[string]any // litellm_params as stored (PromptLiteLLMParams dumped)
	info      map[string]any // prompt_info as stored (PromptInfo dumped)
	created   time.Time
	updated   time.Time
}

// promptMem is a prompt of the in-memory registry (a PromptSpec).
type promptMem struct {
	seq       int64  // insertion order (a Python dict's)
	id        string // "base.vN"
	params    map[string]any
	info      map[string]any
	created   time.Time
	updated   time.Time
	version   any // null in 1.88
	env       string
	createdBy string
}

// promptRouteClass is the route class of this family's operations: the
// proxy's route checks let only proxy admins reach /prompts (no route of
// the family is in an allow list), and the endpoints check the role again.
func promptRouteClass(opID string) (int, bool) {
	switch strings.ToLower(opID) {
	case "promptcreate", "promptlist", "prompttest", "promptget", "promptinfo", "promptupdate", "promptpatch",
		"promptdelete", "promptversions":
		return routeAdmin, true
	}
	return 0, false
}

// promptNoDB is the answer of this family's routes on a proxy without a
// database: the writes answer HTTP 500 CommonProxyErrors.db_not_connected_error;
// the reads and the test run on the (empty) in-memory registry.
func (h *handler) promptNoDB(opID string) *apiError {
	switch strings.ToLower(opID) {
	case "promptcreate", "promptupdate", "promptpatch", "promptdelete":
		if h.is106() {
			return detailErr(http.StatusInternalServerError, dbSeeDocsN)
		}
		return detailErr(http.StatusInternalServerError, dbSeeDocs)
	}
	return nil
}

// promptBaseID is get_base_prompt_id: the id without its version suffix
// (".vN" or "_vN"); it cuts at the first ".v" (else "_v") whatever follows.
func promptBaseID(id string) string {
	if i := strings.Index(id, ".v"); i >= 0 {
		return id[:i]
	}
	if i := strings.Index(id, "_v"); i >= 0 {
		return id[:i]
	}
	return id
}

// promptVersion is get_version_number: the number after the first ".v"
// (else "_v"), or 1.
func promptVersion(id string) int {
	for _, sep := range []string{".v", "_v"} {
		if parts := strings.Split(id, sep); len(parts) > 1 {
			if n, err := strconv.Atoi(parts[1]); err == nil {
				return n
			}
		}
	}
	return 1
}

// promptParamDefaults are the members of PromptLiteLLMParams with their
// defaults; a dumped litellm_params has them all.
var promptParamDefaults = map[string]any{
	"prompt_id": nil, "api_base": nil, "api_key": nil, "provider_specific_query_params": nil,
	"ignore_prompt_manager_model": false, "ignore_prompt_manager_optional_params": false, "dotprompt_content": nil,
}

// dumpPromptParams is litellm_params as model_dump gives it.
func dumpPromptParams(p map[string]any) map[string]any {
	out := maps.Clone(promptParamDefaults)
	maps.Copy(out, deepCopyMap(p))
	return out
}

// dumpPromptInfo is prompt_info as model_dump gives it (nil: PromptInfo(prompt_type="db")).
func dumpPromptInfo(info map[string]any) map[string]any {
	out := map[string]any{"prompt_type": "db", "environment": "development"}
	if info != nil {
		maps.Copy(out, deepCopyMap(info))
	}
	return out
}

// promptEnv is the environment of a request's prompt_info, or development.
func promptEnv(info map[string]any) string {
	if s, _ := info["environment"].(string); s != "" {
		return s
	}
	return "development"
}

// promptIntegrations are the integrations with a prompt initializer.
var promptIntegrations = []string{"dotprompt", "arize_phoenix", "gitlab", "bitbucket", "generic_prompt_management"}

// memKey is the registry's key of a prompt: its versioned id, and in 1.106
// its environment.
func (h *handler) memKey(id, env string) string {
	if h.is106() {
		return id + "::" + env
	}
	return id
}

// promptMemory returns the registry, creating it. h.mu must be held.
func (h *handler) promptMemory() map[string]*promptMem {
	if h.prompts.mem == nil {
		h.prompts.mem = map[string]*promptMem{}
	}
	return h.prompts.mem
}

// sortedMemory is the registry in insertion order. h.mu must be held.
func (h *handler) sortedMemory() []*promptMem {
	list := slices.Collect(maps.Values(h.promptMemory()))
	slices.SortFunc(list, func(a, b *promptMem) int { return cmp.Compare(a.seq, b.seq) })
	return list
}

// loadPrompt is initialize_prompt: the row's prompt enters the registry
// (unless its key is taken: then the registered prompt is returned). An
// integration without an initializer fails. h.mu must be held.
func (h *handler) loadPrompt(row *promptRow) (*promptMem, *apiError) {
	id := fmt.Sprintf("%s.v%d", row.base, row.version)
	key := h.memKey(id, row.env)
	if m := h.promptMemory()[key]; m != nil {
		return m, nil
	}
	integ, _ := row.params["prompt_integration"].(string)
	if !slices.Contains(promptIntegrations, integ) {
		return nil, detailErr(http.StatusInternalServerError, "Unsupported prompt: "+integ)
	}
	if integ == "dotprompt" && row.params["prompt_directory"] != nil {
		return nil, detailErr(http.StatusInternalServerError,
			"Cannot set prompt_directory when working with prompt_initializer. Needs to be a specific dotprompt file")
	}
	m := &promptMem{seq: h.nextSeq(), id: id, params: row.params, info: row.info, created: row.created, updated: row.updated,
		env: "development"}
	if h.is106() {
		m.version, m.env, m.createdBy = row.version, row.env, row.createdBy
	}
	h.promptMemory()[key] = m
	return m, nil
}

// memView is a registry prompt as JSON (a PromptSpec); id replaces its
// prompt_id and version its version when set.
func memView(m *promptMem, id string, version any) map[string]any {
	return map[string]any{
		"prompt_id": id, "litellm_params": m.params, "prompt_info": m.info, "created_at": timeZ(m.created),
		"updated_at": timeZ(m.updated), "version": version, "environment": m.env, "created_by": nilIfEmpty(m.createdBy),
	}
}

// rowView is a table row as create_versioned_prompt_spec reads it, with
// the base prompt_id and the version (what versions and an environment's
// GET answer).
func rowView(r *promptRow) map[string]any {
	return map[string]any{
		"prompt_id": r.base, "litellm_params": r.params, "prompt_info": r.info, "created_at": timeZ(r.created),
		"updated_at": timeZ(r.updated), "version": r.version, "environment": r.env, "created_by": nilIfEmpty(r.createdBy),
	}
}

// nextPromptVersion is the next version of base in env. h.mu must be held.
func (h *handler) nextPromptVersion(base, env string) int {
	n := 0
	for _, r := range h.prompts.rows {
		if r.base == base && r.env == env {
			n = max(n, r.version)
		}
	}
	return n + 1
}

// addPromptRow stores a new version and loads it. h.mu must be held.
func (h *handler) addPromptRow(p *principal, base string, params, info map[string]any) (any, *apiError) {
	env := promptEnv(info)
	now := h.now().Truncate(time.Millisecond) // PostgreSQL's timestamp(3)
	row := &promptRow{id: h.nextSeq(), base: base, version: h.nextPromptVersion(base, env), env: env, createdBy: p.userID,
		params: dumpPromptParams(params), info: dumpPromptInfo(info), created: now, updated: now}
	h.prompts.rows = append(h.prompts.rows, row)
	m, e := h.loadPrompt(row)
	if e != nil {
		return nil, e
	}
	return memView(m, m.id, m.version), nil
}

// ambiguousPromptData is 1.106's refusal of litellm_params with a
// prompt_id and a prompt_data keyed by template name.
func (h *handler) ambiguousPromptData(params map[string]any) *apiError {
	if !h.is106() || params == nil {
		return nil
	}
	id, _ := params["prompt_id"].(string)
	data, ok := params["prompt_data"].(map[string]any)
	if id == "" || !ok || len(data) == 0 {
		return nil
	}
	if _, ok := data["content"]; ok {
		return nil
	}
	return detailErr(http.StatusBadRequest, "litellm_params.prompt_id cannot be combined with prompt_data keyed by template name. "+
		`Send a flat template, prompt_data={"content": "...", "metadata": {...}}, together with litellm_params.prompt_id, `+
		`or send prompt_data={"<template_id>": {"content": "...", "metadata": {...}}} without litellm_params.prompt_id.`)
}

// PromptCreate is POST /prompts: a new version of prompt_id (the next in
// its environment), loaded into the registry.
func (h *handler) PromptCreate(w http.ResponseWriter, r *http.Request) {
	_, body, ok := decodeBody[gen.PromptCreateRequest](w, r)
	if !ok {
		return
	}
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		params, _ := body["litellm_params"].(map[string]any)
		if e := h.ambiguousPromptData(params); e != nil {
			return nil, e
		}
		info, _ := body["prompt_info"].(map[string]any)
		id, _ := body["prompt_id"].(string)
		return h.addPromptRow(p, id, params, info)
	})
}

// latestMemID is get_latest_version_prompt_id: the registry id of the
// highest version of id's base, or id. h.mu must be held.
func (h *handler) latestMemID(id string) string {
	base, best, bestV := promptBaseID(id), id, -1
	for _, m := range h.sortedMemory() {
		if promptBaseID(m.id) == base {
			if v := promptVersion(m.id); v > bestV {
				best, bestV = m.id, v
			}
		}
	}
	return best
}

// resolveMem finds the registry prompt that id names: 1.88 takes the id
// as a registry key, else the latest version of its base; 1.106 resolves
// base, version and environment (with none: production, staging,
// development, else the first in order). h.mu must be held.
func (h *handler) resolveMem(id string, version *int, env string) *promptMem {
	mem := h.promptMemory()
	if !h.is106() {
		if m := mem[id]; m != nil {
			return m
		}
		return mem[h.latestMemID(id)]
	}
	base := promptBaseID(id)
	var matches []*promptMem
	for _, m := range h.sortedMemory() {
		if promptBaseID(m.id) == base {
			matches = append(matches, m)
		}
	}
	if len(matches) == 0 {
		return nil
	}
	if env == "" {
		present := map[string]bool{}
		for _, m := range matches {
			present[m.env] = true
		}
		for _, e := range []string{"production", "staging", "development"} {
			if present[e] {
				env = e
				break
			}
		}
		if env == "" {
			env = slices.Min(slices.Collect(maps.Keys(present)))
		}
	}
	var best *promptMem
	for _, m := range matches {
		if m.env != env {
			continue
		}
		v := promptVersion(m.id)
		if version != nil && v == *version {
			return m
		}
		if version == nil && (best == nil || v > promptVersion(best.id)) {
			best = m
		}
	}
	return best
}

// PromptList is GET /prompts/list: the latest version of each prompt of
// the registry (1.106: of each prompt and environment), without suffix.
func (h *handler) PromptList(w http.ResponseWriter, r *http.Request, params gen.PromptListParams) {
	env := val(params.Environment)
	h.do(w, func() (any, *apiError) {
		var order []string
		latest := map[string]*promptMem{}
		all := h.sortedMemory()
		if env != "" {
			all = slices.DeleteFunc(all, func(m *promptMem) bool { return m.env != env })
		}
		if h.is106() {
			// A dict built over the prompts sorted by version: the key's
			// first place, the last value.
			slices.SortStableFunc(all, func(a, b *promptMem) int { return cmp.Compare(promptVersion(a.id), promptVersion(b.id)) })
		}
		for _, m := range all {
			k := promptBaseID(m.id)
			if h.is106() {
				k += "\x00" + m.env
			}
			cur, seen := latest[k]
			if !seen {
				order = append(order, k)
			}
			if !seen || h.is106() || promptVersion(m.id) > promptVersion(cur.id) {
				latest[k] = m
			}
		}
		out := []any{}
		for _, k := range order {
			m := latest[k]
			out = append(out, memView(m, promptBaseID(m.id), nil))
		}
		return map[string]any{"prompts": out}, nil
	})
}

// PromptGet is GET /prompts/{prompt_id}.
func (h *handler) PromptGet(w http.ResponseWriter, r *http.Request, promptID string, params gen.PromptGetParams) {
	h.do(w, func() (any, *apiError) { return h.promptDetail(promptID, params.Environment) })
}

// PromptInfo is GET /prompts/{prompt_id}/info, the same route.
func (h *handler) PromptInfo(w http.ResponseWriter, r *http.Request, promptID string, params gen.PromptInfoParams) {
	h.do(w, func() (any, *apiError) { return h.promptDetail(promptID, params.Environment) })
}

// promptDetail is the PromptInfoResponse of id. An empty environment= is
// an environment named "": the proxy finds no prompt in it. h.mu must be
// held.
func (h *handler) promptDetail(id string, envParam *string) (any, *apiError) {
	if envParam != nil && *envParam == "" {
		return nil, detailErr(http.StatusBadRequest, "Prompt "+id+" not found")
	}
	env := val(envParam)
	base := promptBaseID(id)
	envs := []string{}
	if !h.cfg.noDB {
		seen := map[string]bool{}
		for _, r := range h.prompts.rows {
			if r.base == base && r.env != "" && !seen[r.env] {
				seen[r.env] = true
				envs = append(envs, r.env)
			}
		}
		slices.Sort(envs)
	}
	var requested *int
	if id != base {
		v := promptVersion(id)
		requested = &v
	}
	var spec map[string]any
	var params map[string]any
	if env != "" && !h.cfg.noDB {
		var best *promptRow
		for _, r := range h.prompts.rows {
			if r.base == base && r.env == env && (requested == nil || r.version == *requested) &&
				(best == nil || r.version > best.version) {
				best = r
			}
		}
		if best != nil {
			spec, params = rowView(best), best.params
		}
	}
	if spec == nil && (env == "" || h.is106()) {
		if m := h.resolveMem(id, requested, env); m != nil {
			spec, params = memView(m, promptBaseID(m.id), promptVersion(m.id)), m.params
		}
	}
	if spec == nil {
		msg := "Prompt " + id + " not found"
		if env != "" {
			msg += " in environment " + env
		}
		return nil, detailErr(http.StatusBadRequest, msg)
	}
	return map[string]any{"prompt_spec": spec, "raw_prompt_template": promptTemplate(params, base), "environments": envs}, nil
}

// promptTemplate is _get_prompt_template: the parsed dotprompt_content,
// or the one template of prompt_data; else null.
func promptTemplate(params map[string]any, base string) any {
	if content, _ := params["dotprompt_content"].(string); content != "" {
		meta, body, err := parseFrontMatter(content)
		if err != nil {
			return nil
		}
		return map[string]any{"litellm_prompt_id": base, "content": strings.TrimSpace(body), "metadata": meta}
	}
	if integ, _ := params["prompt_integration"].(string); integ != "dotprompt" {
		return nil
	}
	if data, ok := params["prompt_data"].(map[string]any); ok && len(data) == 1 {
		for k, v := range data {
			t, _ := v.(map[string]any)
			content, ok := t["content"].(string)
			if !ok {
				return nil
			}
			meta, _ := t["metadata"].(map[string]any)
			if meta == nil {
				meta = map[string]any{}
			}
			return map[string]any{"litellm_prompt_id": k, "content": content, "metadata": meta}
		}
	}
	return nil
}

// frontMatterRE is PromptManager's front matter pattern.
var frontMatterRE = regexp.MustCompile(`(?s)^---\s*\n(.*?)\n---\s*\n(.*)$`)

// parseFrontMatter splits a .prompt file into its YAML front matter and
// its template (all template when it has no front matter).
func parseFrontMatter(content string) (map[string]any, string, error) {
	m := frontMatterRE.FindStringSubmatch(content)
	if m == nil {
		return map[string]any{}, content, nil
	}
	var v any
	if err := yaml.Unmarshal([]byte(m[1]), &v); err != nil {
		//lint:ignore ST1005 the proxy's own wording, which clients see
		return nil, "", fmt.Errorf("Invalid YAML frontmatter: %v", err)
	}
	meta, _ := yamljson.Values(v).(map[string]any)
	if meta == nil {
		meta = map[string]any{}
	}
	return meta, m[2], nil
}

// PromptUpdate is PUT /prompts/{prompt_id}: a new version of an existing
// prompt (the body's prompt_id is not used).
func (h *handler) PromptUpdate(w http.ResponseWriter, r *http.Request, promptID string) {
	_, body, ok := decodeBody[gen.PromptCreateRequest](w, r)
	if !ok {
		return
	}
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		params, _ := body["litellm_params"].(map[string]any)
		if e := h.ambiguousPromptData(params); e != nil {
			return nil, e
		}
		info, _ := body["prompt_info"].(map[string]any)
		base := promptBaseID(promptID)
		if !slices.ContainsFunc(h.prompts.rows, func(r *promptRow) bool { return r.base == base }) {
			return nil, detailErr(http.StatusNotFound, "Prompt with ID "+base+" not found")
		}
		return h.addPromptRow(p, base, params, info)
	})
}

// PromptPatch is PATCH /prompts/{prompt_id}: the latest version in the
// environment (or the suffixed one) gets the members given, and is loaded
// again.
func (h *handler) PromptPatch(w http.ResponseWriter, r *http.Request, promptID string, params gen.PromptPatchParams) {
	_, body, ok := decodeBody[gen.PromptPatchRequest](w, r)
	if !ok {
		return
	}
	p := infoOf(r).p
	env := cmp.Or(val(params.Environment), "development")
	h.do(w, func() (any, *apiError) {
		lp, _ := body["litellm_params"].(map[string]any)
		if e := h.ambiguousPromptData(lp); e != nil {
			return nil, e
		}
		base := promptBaseID(promptID)
		var row *promptRow
		for _, r := range h.prompts.rows {
			if r.base == base && r.env == env && (promptID == base || r.version == promptVersion(promptID)) &&
				(row == nil || r.version > row.version) {
				row = r
			}
		}
		if row == nil {
			return nil, detailErr(http.StatusNotFound, "Prompt with ID "+base+" not found in environment "+env)
		}
		if lp != nil {
			row.params = dumpPromptParams(lp)
		}
		if info, ok := body["prompt_info"].(map[string]any); ok {
			row.info = dumpPromptInfo(info)
		}
		if p.userID != "" {
			row.createdBy = p.userID
		}
		row.updated = h.now().Truncate(time.Millisecond)
		delete(h.promptMemory(), h.memKey(fmt.Sprintf("%s.v%d", row.base, row.version), row.env))
		m, e := h.loadPrompt(row)
		if e != nil {
			return nil, e
		}
		return memView(m, m.id, m.version), nil
	})
}

// PromptDelete is DELETE /prompts/{prompt_id}: every version of the
// prompt (of the environment, when given).
func (h *handler) PromptDelete(w http.ResponseWriter, r *http.Request, promptID string, params gen.PromptDeleteParams) {
	env := val(params.Environment)
	h.do(w, func() (any, *apiError) {
		id := promptID
		// 1.106 resolves an empty environment= as an environment named "".
		emptyEnv := h.is106() && params.Environment != nil && env == ""
		if emptyEnv || h.resolveMem(id, nil, env) == nil {
			if !h.is106() {
				id = h.latestMemID(id)
			}
			return nil, detailErr(http.StatusNotFound, "Prompt with ID "+id+" not found")
		}
		base := promptBaseID(id)
		h.prompts.rows = slices.DeleteFunc(h.prompts.rows, func(r *promptRow) bool {
			return r.base == base && (env == "" || r.env == env)
		})
		for k, m := range h.promptMemory() {
			if promptBaseID(m.id) == base && (env == "" || m.env == env) {
				delete(h.promptMemory(), k)
			}
		}
		msg := "Prompt " + base + " deleted successfully"
		if env != "" {
			msg += " from " + env
		}
		return map[string]any{"message": msg}, nil
	})
}

// PromptVersions is GET /prompts/{prompt_id}/versions: the table's rows
// of the prompt, newest first.
func (h *handler) PromptVersions(w http.ResponseWriter, r *http.Request, promptID string, params gen.PromptVersionsParams) {
	env := val(params.Environment)
	h.do(w, func() (any, *apiError) {
		base := promptBaseID(promptID)
		var rows []*promptRow
		for _, r := range h.prompts.rows {
			if r.base == base && (env == "" || r.env == env) {
				rows = append(rows, r)
			}
		}
		if len(rows) == 0 {
			return nil, detailErr(http.StatusNotFound, "No versions found for prompt ID "+base)
		}
		slices.SortStableFunc(rows, func(a, b *promptRow) int { return cmp.Compare(b.version, a.version) })
		out := make([]any, 0, len(rows))
		for _, r := range rows {
			out = append(out, rowView(r))
		}
		return map[string]any{"prompts": out}, nil
	})
}

// templateVarRE is a {{ variable }} of a template.
var templateVarRE = regexp.MustCompile(`\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}`)

// renderTemplate fills the {{variables}} of a template as the proxy's
// Jinja environment does for a string template: autoescaped (HTML), and
// an unknown variable renders empty. The emulator knows variables only,
// not Jinja's blocks or filters.
func renderTemplate(t string, vars map[string]any) string {
	return templateVarRE.ReplaceAllStringFunc(t, func(m string) string {
		name := templateVarRE.FindStringSubmatch(m)[1]
		v, ok := vars[name]
		if !ok {
			return ""
		}
		s := ""
		switch x := v.(type) {
		case string:
			s = x
		case bool:
			s = map[bool]string{true: "True", false: "False"}[x]
		case nil:
			s = "None"
		case float64:
			if x == float64(int64(x)) {
				s = strconv.FormatInt(int64(x), 10)
			} else {
				s = pyFloat(x)
			}
		default:
			b, _ := json.Marshal(x)
			s = string(b)
		}
		return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
	})
}

// promptMessages is DotpromptManager._convert_to_messages: lines starting
// with System:, User: or Assistant: start a message; text before the first
// is a user message.
func promptMessages(rendered string) []map[string]any {
	content := strings.TrimSpace(rendered)
	var out []map[string]any
	role, cur := "", []string(nil)
	flush := func() {
		if role != "" && len(cur) > 0 {
			out = append(out, map[string]any{"role": role, "content": strings.TrimSpace(strings.Join(cur, "\n"))})
		}
	}
	for _, line := range strings.Split(content, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "System:"):
			flush()
			role, cur = "system", []string{strings.TrimSpace(line[7:])}
		case strings.HasPrefix(line, "User:"):
			flush()
			role, cur = "user", []string{strings.TrimSpace(line[5:])}
		case strings.HasPrefix(line, "Assistant:"):
			flush()
			role, cur = "assistant", []string{strings.TrimSpace(line[10:])}
		case role != "":
			cur = append(cur, line)
		default:
			role, cur = "user", []string{line}
		}
	}
	if role != "" && len(cur) > 0 {
		if text := strings.TrimSpace(strings.Join(cur, "\n")); text != "" {
			out = append(out, map[string]any{"role": role, "content": text})
		}
	}
	if len(out) == 0 && content != "" {
		out = append(out, map[string]any{"role": "user", "content": content})
	}
	return out
}

// PromptTest is POST /prompts/test: the rendered prompt, sent to the front
// matter's model as a streamed chat completion.
func (h *handler) PromptTest(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	req, _, ok := decodeBody[gen.PromptTestRequest](w, r)
	if !ok {
		return
	}
	ri := infoOf(r)
	meta, tmpl, err := parseFrontMatter(req.DotpromptContent)
	if err != nil {
		writeError(w, detailErr(http.StatusBadRequest, err.Error()))
		return
	}
	model, _ := meta["model"].(string)
	if model == "" {
		writeError(w, detailErr(http.StatusBadRequest, "Model is required in dotprompt metadata"))
		return
	}
	messages := promptMessages(renderTemplate(tmpl, req.PromptVariables))
	if len(messages) == 0 {
		writeError(w, detailErr(http.StatusBadRequest, "No messages found in rendered prompt"))
		return
	}
	if len(req.ConversationHistory) > 0 {
		kept := slices.DeleteFunc(messages, func(m map[string]any) bool { return m["role"] != "system" })
		for _, m := range req.ConversationHistory {
			mm := map[string]any{}
			for k, v := range m {
				mm[k] = v
			}
			kept = append(kept, mm)
		}
		messages = kept
	}
	data := map[string]any{}
	for k, v := range meta {
		if k != "model" && k != "input" && k != "output" {
			data[k] = v
		}
	}
	data["model"], data["messages"], data["stream"] = model, messages, true
	h.mu.Lock()
	known := slices.ContainsFunc(h.deployments, func(d *deployment) bool { return d.name == model })
	h.mu.Unlock()
	if !known {
		writeError(w, errorDetail(http.StatusBadRequest, fmt.Sprintf(
			"/chat/completions: Invalid model name passed in model=%s. Call `/v1/models` to view available models for your key.", model)))
		return
	}
	raw, _ := json.Marshal(data)
	var chat gen.ChatCompletionRequest
	if err := json.Unmarshal(raw, &chat); err != nil {
		writeError(w, detailErr(http.StatusBadRequest, err.Error()))
		return
	}
	maxTokens := 0
	if chat.MaxTokens != nil && *chat.MaxTokens > 0 {
		maxTokens = *chat.MaxTokens
	}
	text, call := reply(&chat)
	c, e := h.complete(ri, &chat, 1, maxTokens, text, call)
	if e != nil {
		writeError(w, e)
		return
	}
	c.headers.Set("x-litellm-response-duration-ms", strconv.FormatFloat(float64(time.Since(start).Microseconds())/1000, 'f', 3, 64))
	for k, vs := range c.headers {
		w.Header()[k] = vs
	}
	h.stream(w, r, ri, c, chat.StreamOptions.IncludeUsage)
}
