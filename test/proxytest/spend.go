package proxytest

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/gen"
)

// spendLogRec is a LiteLLM_SpendLogs row: one chat completion the emulator
// answered, with the cost it booked (spend_management_endpoints.py reads
// these). row holds the columns as the proxy sends them.
type spendLogRec struct {
	seq   int64
	at    time.Time
	key   string // hashed key, "litellm_proxy_master_key" for the master key
	alias string // key_alias of the key, for the key_alias filter
	row   map[string]any
}

// spendLogFields are the members of a row of GET /spend/logs (prisma's
// LiteLLM_SpendLogs model); spendLogV2Fields those of /spend/logs/v2 (the
// raw SQL select: no messages, response or proxy_server_request).
var (
	spendLogFields = []viewField{
		{"request_id", vNull}, {"call_type", vNull}, {"api_key", vNull}, {"spend", vZeroFloat},
		{"total_tokens", vZero}, {"prompt_tokens", vZero}, {"completion_tokens", vZero}, {"startTime", vNull},
		{"endTime", vNull}, {"request_duration_ms", vNull}, {"completionStartTime", vNull}, {"model", vNull},
		{"model_id", vNull}, {"model_group", vNull}, {"custom_llm_provider", vNull}, {"api_base", vNull},
		{"user", vNull}, {"metadata", vObject}, {"cache_hit", vNull}, {"cache_key", vNull},
		{"request_tags", vArray}, {"team_id", vNull}, {"organization_id", vNull}, {"end_user", vNull},
		{"requester_ip_address", vNull}, {"messages", vObject}, {"response", vObject}, {"session_id", vNull},
		{"status", vNull}, {"mcp_namespaced_tool_name", vNull}, {"agent_id", vNull},
		{"proxy_server_request", vObject},
	}
	spendLogV2Fields = []viewField{
		{"request_id", vNull}, {"call_type", vNull}, {"api_key", vNull}, {"spend", vZeroFloat},
		{"total_tokens", vZero}, {"prompt_tokens", vZero}, {"completion_tokens", vZero}, {"startTime", vNull},
		{"endTime", vNull}, {"completionStartTime", vNull}, {"model", vNull}, {"model_id", vNull},
		{"model_group", vNull}, {"custom_llm_provider", vNull}, {"api_base", vNull}, {"user", vNull},
		{"metadata", vObject}, {"cache_hit", vNull}, {"cache_key", vNull}, {"request_tags", vArray},
		{"team_id", vNull}, {"organization_id", vNull}, {"end_user", vNull}, {"requester_ip_address", vNull},
		{"session_id", vNull}, {"status", vNull}, {"mcp_namespaced_tool_name", vNull}, {"agent_id", vNull},
		{"request_duration_ms", vNull},
	}
)

// masterKeySpendName is the api_key column of the master key's requests.
const masterKeySpendName = "litellm_proxy_master_key"

// logSpend stores the spend log row of a completion c of req, served by
// deployment d for cost. h.mu must be held (complete holds it).
func (h *handler) logSpend(p *principal, req *gen.ChatCompletionRequest, d *deployment, c *completion, cost float64) {
	now := h.now()
	key, alias, user, team, org := masterKeySpendName, "", "", "", ""
	if p.master {
		user = p.userID
	}
	if p.key != nil {
		key, alias = p.key.token, val(p.key.row.KeyAlias)
		user, team, org = val(p.key.row.UserID), val(p.key.row.TeamID), val(p.key.row.OrganizationID)
	}
	model := str(d.params["model"])
	provider := "openai"
	if i := strings.Index(model, "/"); i > 0 {
		provider = model[:i]
	}
	var tags []any
	if ts, ok := req.Metadata["tags"].([]any); ok {
		for _, t := range ts {
			if s, ok := t.(string); ok {
				tags = append(tags, s)
			}
		}
	}
	ts := spendTime(now)
	nullIfEmpty := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	row := map[string]any{
		"request_id": c.id, "call_type": "acompletion", "api_key": key, "spend": cost,
		"total_tokens": c.usage.TotalTokens, "prompt_tokens": c.usage.PromptTokens,
		"completion_tokens": c.usage.CompletionTokens, "startTime": ts, "endTime": ts, "completionStartTime": ts,
		"request_duration_ms": 0, "model": model, "model_id": d.id, "model_group": req.Model,
		"custom_llm_provider": provider, "api_base": apiBase(d.params), "user": user,
		"metadata": map[string]any{
			"status": "success", "user_api_key": key, "user_api_key_alias": nullIfEmpty(alias),
			"user_api_key_team_id": nullIfEmpty(team), "user_api_key_user_id": nullIfEmpty(user),
			"user_api_key_org_id": nullIfEmpty(org), "spend_logs_metadata": nil, "error_information": nil,
			"usage_object": map[string]any{"total_tokens": c.usage.TotalTokens, "prompt_tokens": c.usage.PromptTokens,
				"completion_tokens": c.usage.CompletionTokens},
		},
		"cache_hit": "None", "cache_key": "Cache OFF", "request_tags": append([]any{}, tags...),
		"team_id": team, "organization_id": org, "end_user": req.User, "requester_ip_address": "127.0.0.1",
		"messages": map[string]any{}, "response": map[string]any{}, "session_id": h.uuid(), "status": "success",
		"proxy_server_request": map[string]any{},
	}
	pl := h.platform()
	pl.spend = append(pl.spend, &spendLogRec{seq: h.nextSeq(), at: now, key: key, alias: alias, row: row})
}

// tagSpendLog adds the User-Agent tags the proxy adds to every request's
// tags (StandardLoggingPayloadSetup._get_user_agent_tags) to the spend log
// of the completion requestID.
func (h *handler) tagSpendLog(requestID string, r *http.Request) {
	ua := r.Header.Get("User-Agent")
	if ua == "" {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	pl := h.platform()
	for i := len(pl.spend) - 1; i >= 0; i-- {
		s := pl.spend[i]
		if s.row["request_id"] != requestID {
			continue
		}
		tags, _ := s.row["request_tags"].([]any)
		if name, _, ok := strings.Cut(ua, "/"); ok {
			tags = append(tags, "User-Agent: "+name)
		}
		s.row["request_tags"] = append(tags, "User-Agent: "+ua)
		return
	}
}

// spendTime renders a spend log time as prisma does.
func spendTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

// spendV2Time renders a spend log time as /spend/logs/v2's raw SQL does.
func spendV2Time(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000-07:00") }

// sortedSpend lists the spend logs newest first. h.mu must be held.
func (h *handler) sortedSpend() []*spendLogRec {
	list := slices.Clone(h.platform().spend)
	slices.SortFunc(list, func(a, b *spendLogRec) int { return cmp.Compare(b.seq, a.seq) })
	return list
}

// spendNoDB is the no-database answer of the spend routes.
func (h *handler) spendNoDB(opID string) *apiError {
	switch strings.ToLower(opID) {
	case "spendlogs":
		return proxyErr(http.StatusInternalServerError, "internal_error", "None", "/spend/logs Error"+dbConnect)
	case "spendtags":
		return proxyErr(http.StatusInternalServerError, "internal_error", "None", "/spend/tags Error"+dbConnect)
	case "spendlogsv2":
		return proxyErr(http.StatusUnauthorized, "internal_error", "None", "Prisma Client is not initialized")
	case "organizationdailyactivity", "customerdailyactivity":
		if h.is106() {
			return errorDetail(http.StatusInternalServerError, dbSeeDocsN)
		}
		return errorDetail(http.StatusInternalServerError, dbSeeDocs)
	}
	return nil
}

// spendHashKey hashes an sk- key as the spend routes do; a hashed key is
// used as it is.
func spendHashKey(k string) string {
	if strings.HasPrefix(k, "sk-") {
		return hashKey(k)
	}
	return k
}

// isInternalUser reports whether p is an internal user (or its viewer
// role), whom the spend routes scope to their own rows.
func isInternalUser(p *principal) bool {
	return !p.admin && (p.role == "internal_user" || p.role == "internal_user_viewer")
}

// SpendLogs is GET /spend/logs: every row (not paged), newest first; with
// start_date and end_date a summary per day unless summarize is false.
func (h *handler) SpendLogs(w http.ResponseWriter, r *http.Request, params gen.SpendLogsParams) {
	p := infoOf(r).p
	userID := val(params.UserID)
	if isInternalUser(p) {
		userID = p.userID
	}
	h.do(w, func() (any, *apiError) {
		var start, end time.Time
		dated := val(params.StartDate) != "" && val(params.EndDate) != ""
		if dated {
			var err1, err2 error
			start, err1 = time.Parse(time.DateOnly, val(params.StartDate))
			end, err2 = time.Parse(time.DateOnly, val(params.EndDate))
			if err1 != nil || err2 != nil {
				return nil, proxyErr(http.StatusInternalServerError, "internal_error", "None",
					fmt.Sprintf("/spend/logs Errortime data %s does not match format '%%Y-%%m-%%d'", pyRepr(val(params.StartDate))))
			}
		}
		var rows []*spendLogRec
		for _, s := range h.sortedSpend() {
			switch {
			case val(params.APIKey) != "" && s.key != spendHashKey(val(params.APIKey)),
				val(params.RequestID) != "" && s.row["request_id"] != val(params.RequestID),
				userID != "" && s.row["user"] != userID,
				dated && (s.at.Before(start) || s.at.After(end)):
				continue
			}
			rows = append(rows, s)
		}
		if dated && (params.Summarize == nil || *params.Summarize) {
			return spendByDay(rows, end), nil
		}
		out := []any{}
		for _, s := range rows {
			out = append(out, view(spendLogFields, s.row))
		}
		return out, nil
	})
}

// spendByDay is the summarize=true answer of /spend/logs: per day the total
// spend, the spend per key (a member named by the key) and the spend per
// user and model; the days after the last one up to end are zero.
func spendByDay(rows []*spendLogRec, end time.Time) []any {
	days := map[string]map[string]any{}
	for _, s := range rows {
		d := s.at.UTC().Format(time.DateOnly)
		day := days[d]
		if day == nil {
			day = map[string]any{"users": map[string]any{}, "models": map[string]any{}, "spend": 0.0}
			days[d] = day
		}
		cost, _ := num(s.row["spend"])
		day["spend"] = day["spend"].(float64) + cost
		k, _ := num(day[s.key])
		day[s.key] = k + cost
		for _, dim := range []struct{ col, member string }{{"user", "users"}, {"model", "models"}} {
			m := day[dim.member].(map[string]any)
			v, _ := num(m[str(s.row[dim.col])])
			m[str(s.row[dim.col])] = v + cost
		}
	}
	var keys []string
	for d := range days {
		keys = append(keys, d)
	}
	slices.Sort(keys)
	out := []any{}
	for _, d := range keys {
		days[d]["startTime"] = d
		out = append(out, days[d])
	}
	if len(keys) > 0 {
		last, _ := time.Parse(time.DateOnly, keys[len(keys)-1])
		for t := last.AddDate(0, 0, 1); !t.After(end); t = t.AddDate(0, 0, 1) {
			out = append(out, map[string]any{"startTime": t.Format(time.DateOnly), "spend": 0, "users": map[string]any{}, "models": map[string]any{}})
		}
	}
	return out
}

// parseV2Date is parse_date of /spend/logs/v2.
func parseV2Date(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateTime, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// SpendLogsV2 is GET /spend/logs/v2: filtered rows, paged.
func (h *handler) SpendLogsV2(w http.ResponseWriter, r *http.Request, params gen.SpendLogsV2Params) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		if val(params.StartDate) == "" || val(params.EndDate) == "" {
			return nil, proxyErr(http.StatusBadRequest, "bad_request", "None", "Start date and end date are required")
		}
		sortBy := cmp.Or(val(params.SortBy), "startTime")
		valid := []string{"endTime", "model", "request_duration_ms", "spend", "startTime", "total_tokens", "ttft_ms"}
		if !slices.Contains(valid, sortBy) {
			return nil, proxyErr(http.StatusBadRequest, "bad_request", "sort_by",
				fmt.Sprintf("Invalid sort_by: %s. Must be one of: %s", sortBy, strings.Join(valid, ", ")))
		}
		order := strings.ToLower(cmp.Or(val(params.SortOrder), "desc"))
		if order != "asc" && order != "desc" {
			return nil, proxyErr(http.StatusBadRequest, "bad_request", "sort_order",
				fmt.Sprintf("Invalid sort_order: %s. Must be one of: asc, desc", val(params.SortOrder)))
		}
		start, ok1 := parseV2Date(val(params.StartDate))
		end, ok2 := parseV2Date(val(params.EndDate))
		for _, c := range []struct {
			ok bool
			s  string
		}{{ok1, val(params.StartDate)}, {ok2, val(params.EndDate)}} {
			if !c.ok {
				return nil, proxyErr(http.StatusBadRequest, "internal_error", "None",
					fmt.Sprintf("Invalid date format: %s. Expected: 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'", strings.TrimSpace(c.s)))
			}
		}
		page, size := val(params.Page), val(params.PageSize)
		if page == 0 {
			page = 1
		}
		if size == 0 {
			size = 50
		}
		userID, teamID := val(params.UserID), val(params.TeamID)
		if !p.admin {
			userID, teamID = p.userID, ""
		}
		var rows []*spendLogRec
		for _, s := range h.sortedSpend() {
			cost, _ := num(s.row["spend"])
			switch {
			case s.at.Before(start) || s.at.After(end),
				teamID != "" && s.row["team_id"] != teamID,
				userID != "" && s.row["user"] != userID,
				val(params.APIKey) != "" && s.key != val(params.APIKey),
				val(params.RequestID) != "" && s.row["request_id"] != val(params.RequestID),
				val(params.Model) != "" && s.row["model"] != val(params.Model),
				val(params.ModelID) != "" && s.row["model_id"] != val(params.ModelID),
				val(params.EndUser) != "" && s.row["end_user"] != val(params.EndUser),
				val(params.KeyAlias) != "" && !strings.Contains(s.alias, val(params.KeyAlias)),
				val(params.StatusFilter) != "" && s.row["status"] != val(params.StatusFilter),
				val(params.ErrorCode) != "" || val(params.ErrorMessage) != "", // every emulated call succeeds
				params.MinSpend != nil && cost < *params.MinSpend,
				params.MaxSpend != nil && cost > *params.MaxSpend:
				continue
			}
			rows = append(rows, s)
		}
		slices.SortStableFunc(rows, func(a, b *spendLogRec) int {
			var c int
			switch sortBy {
			case "spend", "total_tokens", "request_duration_ms":
				x, _ := num(a.row[sortBy])
				y, _ := num(b.row[sortBy])
				c = cmp.Compare(x, y)
			case "model":
				c = strings.Compare(str(a.row["model"]), str(b.row["model"]))
			default:
				c = cmp.Compare(a.seq, b.seq)
			}
			if order == "desc" {
				c = -c
			}
			return c
		})
		total := len(rows)
		data := []any{}
		for i := (page - 1) * size; i < total && i < page*size; i++ {
			row := view(spendLogV2Fields, rows[i].row)
			ts := spendV2Time(rows[i].at)
			row["startTime"], row["endTime"], row["completionStartTime"] = ts, ts, ts
			data = append(data, row)
		}
		return map[string]any{"data": data, "total": total, "page": page, "page_size": size,
			"total_pages": (total + size - 1) / size}, nil
	})
}

// SpendTags is GET /spend/tags: per request tag its request count and
// spend, highest spend first.
func (h *handler) SpendTags(w http.ResponseWriter, r *http.Request, params gen.SpendTagsParams) {
	h.do(w, func() (any, *apiError) {
		type tagRow struct {
			tag   string
			count int
			spend float64
			first int64
		}
		byTag := map[string]*tagRow{}
		start, okS := parseV2Date(val(params.StartDate))
		end, okE := parseV2Date(val(params.EndDate))
		for _, s := range h.sortedSpend() {
			if okS && okE && (s.at.Before(start) || s.at.After(end.AddDate(0, 0, 1))) {
				continue
			}
			cost, _ := num(s.row["spend"])
			tags, _ := s.row["request_tags"].([]any)
			for _, t := range tags {
				tr := byTag[str(t)]
				if tr == nil {
					tr = &tagRow{tag: str(t), first: s.seq}
					byTag[tr.tag] = tr
				}
				tr.count++
				tr.spend += cost
			}
		}
		var list []*tagRow
		for _, t := range byTag {
			list = append(list, t)
		}
		slices.SortFunc(list, func(a, b *tagRow) int {
			return cmp.Or(cmp.Compare(b.spend, a.spend), cmp.Compare(b.count, a.count), strings.Compare(a.tag, b.tag))
		})
		out := []any{}
		for _, t := range list {
			out = append(out, map[string]any{"individual_request_tag": t.tag, "log_count": t.count, "total_spend": t.spend})
		}
		return out, nil
	})
}

// GlobalSpendReport is GET /global/spend/report: Enterprise-only. As the
// open-source proxy, it checks the dates, then the database, then answers
// that the route needs a license.
func (h *handler) GlobalSpendReport(w http.ResponseWriter, r *http.Request, params gen.GlobalSpendReportParams) {
	if val(params.StartDate) == "" || val(params.EndDate) == "" {
		writeError(w, errorDetail(http.StatusBadRequest, "Please provide start_date and end_date"))
		return
	}
	if h.cfg.noDB {
		writeError(w, errorDetail(http.StatusBadRequest, dbConnect))
		return
	}
	writeError(w, errorDetail(http.StatusBadRequest, "/spend/report endpoint "+notPremium))
}

// spendPrices is the cost map entry of model, named with or without its
// openai/ prefix. The emulator's cost map holds a few models only: another
// model costs 0 here, where the real proxy prices it from litellm's map.
func (h *handler) spendPrices(model string) map[string]any {
	if m := h.knownModel(map[string]any{"model": model}); m != nil {
		return m
	}
	return h.knownModel(map[string]any{"model": "openai/" + model})
}

// SpendCalculate is POST /spend/calculate: the cost of messages for a
// model (the deployment's prices, else the cost map's; the prompt counted
// as the emulator's chat counts it), or of a completion_response's usage.
func (h *handler) SpendCalculate(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, _, ok := decodeBody[gen.SpendCalculateRequest](w, r)
	if !ok {
		return
	}
	badRequest := func(msg string) *apiError { return proxyErr(http.StatusBadRequest, "None", "None", msg) }
	h.do(w, func() (any, *apiError) {
		switch {
		case req.Model != "":
			if e := h.allowedModel(p, req.Model); e != nil {
				return nil, e
			}
			if req.Messages == nil {
				return nil, badRequest("Bad Request - messages must be provided if 'model' is provided")
			}
			params, info := map[string]any{"model": req.Model}, map[string]any{}
			if d, err := h.pickDeployment(req.Model); err == nil {
				params, info = d.params, d.info
			}
			in, ok := num(info["input_cost_per_token"])
			if !ok {
				in, _ = num(h.spendPrices(str(params["model"]))["input_cost_per_token"])
			}
			prompt := 0
			for _, m := range req.Messages {
				prompt += words(contentText(m.Content))
			}
			return map[string]any{"cost": float64(prompt) * in}, nil
		case req.CompletionResponse != nil:
			known := h.spendPrices(str(req.CompletionResponse["model"]))
			usage, _ := req.CompletionResponse["usage"].(map[string]any)
			pt, _ := num(usage["prompt_tokens"])
			ct, _ := num(usage["completion_tokens"])
			in, _ := num(known["input_cost_per_token"])
			out, _ := num(known["output_cost_per_token"])
			return map[string]any{"cost": pt*in + ct*out}, nil
		}
		return nil, badRequest("Bad Request - Either 'model' or 'completion_response' must be provided")
	})
}

// activityFilter selects the spend logs of a daily activity route: entity
// is the log's entity id (organization, customer), ids the requested ones
// (all when empty), exclude the excluded ones.
type activityFilter struct {
	entity func(s *spendLogRec) string
	// entities, when set, replaces entity: a log counts once for each
	// of its entities (the tags of a request).
	entities       func(s *spendLogRec) []string
	ids, exclude   []string
	start, end     string
	model, apiKey  string
	page, size     int
	entityMetadata func(id string) map[string]any
}

// splitIDs splits a comma-separated id list; nil or "" is none.
func splitIDs(s *string) []string {
	if s == nil || *s == "" {
		return nil
	}
	return strings.Split(*s, ",")
}

// dailyActivity is get_daily_activity over the spend logs: the daily
// spend rows (one per day, entity, key and model) that f selects, newest
// day first, paged, aggregated per day with the breakdown by model, model
// group, provider, endpoint, key and entity. h.mu must be held.
func (h *handler) dailyActivity(f activityFilter) (any, *apiError) {
	if f.start == "" || f.end == "" {
		return nil, errorDetail(http.StatusBadRequest, "Please provide start_date and end_date")
	}
	type rowKey struct{ date, entity, key, model string }
	type dailyRow struct {
		rowKey
		group, provider string
		m               map[string]float64
	}
	rows := map[rowKey]*dailyRow{}
	for _, s := range h.platform().spend {
		d := s.at.UTC().Format(time.DateOnly)
		es := []string{}
		if f.entities != nil {
			es = f.entities(s)
		} else {
			es = append(es, f.entity(s))
		}
		for _, e := range es {
			switch {
			case e == "", d < f.start || d > f.end,
				len(f.ids) > 0 && !slices.Contains(f.ids, e),
				slices.Contains(f.exclude, e),
				f.model != "" && s.row["model"] != f.model && s.row["model_group"] != f.model,
				f.apiKey != "" && s.key != f.apiKey:
				continue
			}
			k := rowKey{d, e, s.key, str(s.row["model_group"])}
			r := rows[k]
			if r == nil {
				r = &dailyRow{rowKey: k, group: str(s.row["model_group"]), provider: str(s.row["custom_llm_provider"]), m: map[string]float64{}}
				rows[k] = r
			}
			cost, _ := num(s.row["spend"])
			pt, _ := num(s.row["prompt_tokens"])
			ct, _ := num(s.row["completion_tokens"])
			r.m["spend"] += cost
			r.m["prompt_tokens"] += pt
			r.m["completion_tokens"] += ct
			r.m["api_requests"]++
			r.m["successful_requests"]++
		}
	}
	list := make([]*dailyRow, 0, len(rows))
	for _, r := range rows {
		list = append(list, r)
	}
	slices.SortFunc(list, func(a, b *dailyRow) int {
		return cmp.Or(strings.Compare(b.date, a.date), strings.Compare(a.entity, b.entity), strings.Compare(a.key, b.key), strings.Compare(a.model, b.model))
	})
	page, size := max(f.page, 1), f.size
	if size <= 0 {
		size = 10
	}
	total := len(list)
	lo, hi := min((page-1)*size, total), min(page*size, total)
	metrics := func() map[string]any {
		return map[string]any{"spend": 0.0, "prompt_tokens": 0, "completion_tokens": 0, "cache_read_input_tokens": 0,
			"cache_creation_input_tokens": 0, "total_tokens": 0, "successful_requests": 0, "failed_requests": 0, "api_requests": 0}
	}
	add := func(into map[string]any, r *dailyRow) {
		into["spend"] = into["spend"].(float64) + r.m["spend"]
		for _, k := range []string{"prompt_tokens", "completion_tokens", "successful_requests", "api_requests"} {
			into[k] = into[k].(int) + int(r.m[k])
		}
		into["total_tokens"] = into["prompt_tokens"].(int) + into["completion_tokens"].(int)
	}
	keyMeta := func(token string) map[string]any {
		if k := h.keys[token]; k != nil {
			return map[string]any{"key_alias": k.row.KeyAlias, "team_id": k.row.TeamID}
		}
		return map[string]any{"key_alias": nil, "team_id": nil}
	}
	entry := func(m map[string]any, name string, meta map[string]any, r *dailyRow) {
		e, _ := m[name].(map[string]any)
		if e == nil {
			e = map[string]any{"metrics": metrics(), "metadata": meta, "api_key_breakdown": map[string]any{}}
			m[name] = e
		}
		add(e["metrics"].(map[string]any), r)
		kb := e["api_key_breakdown"].(map[string]any)
		ke, _ := kb[r.key].(map[string]any)
		if ke == nil {
			ke = map[string]any{"metrics": metrics(), "metadata": keyMeta(r.key)}
			kb[r.key] = ke
		}
		add(ke["metrics"].(map[string]any), r)
	}
	days := map[string]map[string]any{}
	var order []string
	totals := metrics()
	for _, r := range list[lo:hi] {
		day := days[r.date]
		if day == nil {
			bd := map[string]any{}
			for _, k := range []string{"mcp_servers", "models", "model_groups", "providers", "endpoints", "api_keys", "entities"} {
				bd[k] = map[string]any{}
			}
			day = map[string]any{"date": r.date, "metrics": metrics(), "breakdown": bd}
			days[r.date] = day
			order = append(order, r.date)
		}
		add(day["metrics"].(map[string]any), r)
		add(totals, r)
		bd := day["breakdown"].(map[string]any)
		entry(bd["models"].(map[string]any), r.model, map[string]any{}, r)
		entry(bd["model_groups"].(map[string]any), r.group, map[string]any{}, r)
		entry(bd["providers"].(map[string]any), r.provider, map[string]any{}, r)
		entry(bd["endpoints"].(map[string]any), "/chat/completions", map[string]any{}, r)
		meta := map[string]any{}
		if f.entityMetadata != nil {
			meta = f.entityMetadata(r.entity)
		}
		entry(bd["entities"].(map[string]any), r.entity, meta, r)
		ak := bd["api_keys"].(map[string]any)
		ke, _ := ak[r.key].(map[string]any)
		if ke == nil {
			ke = map[string]any{"metrics": metrics(), "metadata": keyMeta(r.key)}
			ak[r.key] = ke
		}
		add(ke["metrics"].(map[string]any), r)
	}
	results := []any{}
	for _, d := range order {
		results = append(results, days[d])
	}
	return map[string]any{"results": results, "metadata": map[string]any{
		"total_spend": totals["spend"], "total_prompt_tokens": totals["prompt_tokens"],
		"total_completion_tokens": totals["completion_tokens"], "total_tokens": totals["total_tokens"],
		"total_api_requests": totals["api_requests"], "total_successful_requests": totals["successful_requests"],
		"total_failed_requests": 0, "total_cache_read_input_tokens": 0, "total_cache_creation_input_tokens": 0,
		"page": page, "total_pages": (total + size - 1) / size, "has_more": page*size < total,
	}}, nil
}

// OrganizationDailyActivity is GET /organization/daily/activity: the
// daily activity of the organizations of the keys that made the requests.
// A caller that is not an admin may ask only for organizations it is
// org_admin of (and by default gets those).
func (h *handler) OrganizationDailyActivity(w http.ResponseWriter, r *http.Request, params gen.OrganizationDailyActivityParams) {
	ri := infoOf(r)
	h.do(w, func() (any, *apiError) {
		if e := h.orgEnterpriseGate(ri.opID); e != nil {
			return nil, e
		}
		ids := splitIDs(params.OrganizationIds)
		if !ri.p.admin {
			var adminOf []string
			for id, o := range h.platform().orgs {
				for _, m := range o.members {
					if m.row.UserID == ri.p.userID && m.row.UserRole == "org_admin" {
						adminOf = append(adminOf, id)
					}
				}
			}
			if ids == nil {
				// No organization to show is the whole table to the proxy, as its
				// empty filter; the emulator shows none.
				ids = append(adminOf, "\x00")
			}
			for _, id := range ids {
				if id != "\x00" && !slices.Contains(adminOf, id) {
					return nil, errorDetail(http.StatusForbidden, fmt.Sprintf("User is not org_admin for Organization= %s.", id))
				}
			}
		}
		pl := h.platform()
		return h.dailyActivity(activityFilter{
			entity: func(s *spendLogRec) string { return str(s.row["organization_id"]) },
			ids:    ids, exclude: splitIDs(params.ExcludeOrganizationIds),
			start: val(params.StartDate), end: val(params.EndDate), model: val(params.Model), apiKey: val(params.APIKey),
			page: val(params.Page), size: val(params.PageSize),
			entityMetadata: func(id string) map[string]any {
				if o := pl.orgs[id]; o != nil {
					return map[string]any{"organization_alias": o.row.OrganizationAlias}
				}
				return map[string]any{}
			},
		})
	})
}

// CustomerDailyActivity is GET /customer/daily/activity: the daily
// activity of the customers named by the requests' user field.
func (h *handler) CustomerDailyActivity(w http.ResponseWriter, r *http.Request, params gen.CustomerDailyActivityParams) {
	h.do(w, func() (any, *apiError) {
		pl := h.platform()
		return h.dailyActivity(activityFilter{
			entity: func(s *spendLogRec) string { return str(s.row["end_user"]) },
			ids:    splitIDs(params.EndUserIds), exclude: splitIDs(params.ExcludeEndUserIds),
			start: val(params.StartDate), end: val(params.EndDate), model: val(params.Model), apiKey: val(params.APIKey),
			page: val(params.Page), size: val(params.PageSize),
			entityMetadata: func(id string) map[string]any {
				if c := pl.customers[id]; c != nil {
					return map[string]any{"alias": c.columns()["alias"]}
				}
				return map[string]any{"alias": nil}
			},
		})
	})
}
