package proxytest

import (
	"cmp"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/gen"
)

// Tag and spend analytics (issue 14) read the spend logs of spend.go
// (platform.spend) and keep nothing of their own.

// analyticsRouteClass is the route class of this family's operations.
// The tag analytics are proxy admin routes; the real proxy also lets an
// admin viewer read them (any GET route), which the emulator's route
// classes do not model. /tag/daily/activity is also an internal user's,
// and /global/spend/tags a key's with the get_spend_routes permission
// (route_checks.py, _types.py): their handlers check the role. POST
// /global/spend/reset is for the master key only, checked before the
// database (masterKeyOnly).
func analyticsRouteClass(opID string) (int, bool) {
	switch strings.ToLower(opID) {
	case "tagdailyactivity", "globalspendtags":
		return routeSelfManaged, true
	case "tagsummary", "tagdistinct", "tagdau", "tagwau", "tagmau", "tagperuseranalytics", "globalspendreset":
		return routeAdmin, true
	}
	return 0, false
}

// analyticsNoDB is the answer of this family's routes on a proxy without a database.
func (h *handler) analyticsNoDB(opID string) *apiError {
	switch strings.ToLower(opID) {
	case "tagdailyactivity":
		return detailErr(http.StatusInternalServerError, "Database not connected")
	case "tagsummary", "tagdistinct", "tagdau", "tagwau", "tagmau", "tagperuseranalytics":
		if h.is106() {
			return errorDetail(http.StatusInternalServerError, dbSeeDocsN)
		}
		return errorDetail(http.StatusInternalServerError, dbSeeDocs)
	case "globalspendtags":
		// The proxy appends the Python traceback of its own exception.
		return proxyErr(http.StatusInternalServerError, "internal_error", "None",
			"/spend/tags Error"+dbConnect+"\nTraceback (most recent call last):\nException: "+dbConnect+"\n")
	case "globalspendreset":
		return proxyErr(http.StatusUnauthorized, "internal_error", "None", "Prisma Client is not initialized")
	}
	return nil
}

// masterKeyOnlyRoutes are the routes only the master key may call
// (LiteLLMRoutes.master_key_only_routes): any other key, even a proxy
// admin's or an unknown one, is refused before the database is read.
var masterKeyOnlyRoutes = []string{"/global/spend/reset"}

// masterKeyOnly is the refusal of a key other than the master key on a
// master-key-only route, or nil.
func masterKeyOnly(route string) *apiError {
	if !slices.Contains(masterKeyOnlyRoutes, route) {
		return nil
	}
	return proxyErr(http.StatusUnauthorized, "auth_error", "None",
		"Authentication Error, Tried to access route="+route+", which is only for MASTER KEY")
}

// adminView reports whether p may read proxy-wide analytics: a proxy
// admin or an admin viewer (who may call any GET route).
func adminView(p *principal) bool { return p.admin || p.role == "proxy_admin_viewer" }

// tagDay is a LiteLLM_DailyTagSpend row: the requests of one day, tag,
// key and model, as the proxy's spend updater aggregates the spend logs
// (every tag of a request, the User-Agent ones included, gets the whole
// request).
type tagDay struct {
	date, tag, key, model        string
	requests, successful, tokens int
	prompt, completion           int
	spend                        float64
}

// tagDays aggregates the spend logs into daily tag spend rows, in the
// order their first request was made. h.mu must be held.
func (h *handler) tagDays() []*tagDay {
	type k struct{ date, tag, key, model string }
	rows := map[k]*tagDay{}
	var out []*tagDay
	for _, s := range h.platform().spend {
		tags, _ := s.row["request_tags"].([]any)
		for _, t := range tags {
			key := k{s.at.UTC().Format(time.DateOnly), str(t), s.key, str(s.row["model"])}
			r := rows[key]
			if r == nil {
				r = &tagDay{date: key.date, tag: key.tag, key: key.key, model: key.model}
				rows[key] = r
				out = append(out, r)
			}
			cost, _ := num(s.row["spend"])
			pt, _ := num(s.row["prompt_tokens"])
			ct, _ := num(s.row["completion_tokens"])
			r.requests++
			r.successful++
			r.prompt += int(pt)
			r.completion += int(ct)
			r.tokens += int(pt + ct)
			r.spend += cost
		}
	}
	return out
}

// keyUser is the user of the key with hash token ("" for the master key,
// an unknown key and a key without a user): the join with
// LiteLLM_VerificationToken.
func (h *handler) keyUser(token string) string {
	if k := h.keys[token]; k != nil {
		return val(k.row.UserID)
	}
	return ""
}

// tagFilterOf is the tag filter of the tag analytics: tag_filters (exact
// tags) takes precedence over tag_filter; contains is how tag_filter
// matches (SQL ILIKE '%x%', or prisma's case-sensitive contains).
func tagFilterOf(filter *string, filters *[]string, contains func(tag, part string) bool) func(string) bool {
	switch {
	case filters != nil && len(*filters) > 0:
		return func(t string) bool { return slices.Contains(*filters, t) }
	case val(filter) != "":
		return func(t string) bool { return contains(t, *filter) }
	}
	return func(string) bool { return true }
}

// ilike is SQL's ILIKE '%part%'.
func ilike(tag, part string) bool {
	return strings.Contains(strings.ToLower(tag), strings.ToLower(part))
}

// TagDailyActivity is GET /tag/daily/activity: get_daily_activity over the
// daily tag spend, one entity per tag of each request. Internal users see
// the activity of their own keys only (on 1.88.0 the scoping fails: its
// key lookup passes Prisma an argument it does not take, an exception the
// proxy answers as an unexpected one).
func (h *handler) TagDailyActivity(w http.ResponseWriter, r *http.Request, params gen.TagDailyActivityParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		apiKey := val(params.APIKey)
		var scope []string // nil: every key
		switch p.role {
		case "proxy_admin", "proxy_admin_viewer", "":
		case "internal_user", "internal_user_viewer":
			if !h.is106() {
				return nil, internalServerError()
			}
			scope = []string{p.token}
			for t, k := range h.keys {
				if p.userID != "" && val(k.row.UserID) == p.userID {
					scope = append(scope, t)
				}
			}
			if apiKey != "" && !slices.Contains(scope, apiKey) {
				return map[string]any{"results": []any{}, "metadata": map[string]any{
					"total_spend": 0.0, "total_prompt_tokens": 0, "total_completion_tokens": 0, "total_tokens": 0,
					"total_api_requests": 0, "total_successful_requests": 0, "total_failed_requests": 0,
					"total_cache_read_input_tokens": 0, "total_cache_creation_input_tokens": 0,
					"page": 1, "total_pages": 1, "has_more": false}}, nil
			}
		default:
			return nil, adminRouteErr(p, "/tag/daily/activity")
		}
		return h.dailyActivity(activityFilter{
			entities: func(s *spendLogRec) []string {
				if scope != nil && !slices.Contains(scope, s.key) {
					return nil
				}
				var out []string
				tags, _ := s.row["request_tags"].([]any)
				for _, t := range tags {
					out = append(out, str(t))
				}
				return out
			},
			ids:   splitIDs(params.Tags),
			start: val(params.StartDate), end: val(params.EndDate), model: val(params.Model), apiKey: apiKey,
			page: val(params.Page), size: cmp.Or(val(params.PageSize), 10),
			entityMetadata: func(string) map[string]any { return map[string]any{} },
		})
	})
}

// TagSummary is GET /tag/summary: per tag of the days start_date to
// end_date its distinct users, requests, tokens and spend, most requests
// first.
func (h *handler) TagSummary(w http.ResponseWriter, r *http.Request, params gen.TagSummaryParams) {
	h.do(w, func() (any, *apiError) {
		for _, d := range []string{params.StartDate, params.EndDate} {
			if _, err := parseDay(d); err != nil {
				return nil, detailErr(http.StatusBadRequest, fmt.Sprintf(
					"Invalid date format. Use YYYY-MM-DD: time data %s does not match format '%%Y-%%m-%%d'", pyRepr(d)))
			}
		}
		keep := tagFilterOf(params.TagFilter, params.TagFilters, ilike)
		type sum struct {
			tag   string
			users map[string]bool
			m     tagDay
		}
		byTag := map[string]*sum{}
		var order []*sum
		for _, d := range h.tagDays() {
			if d.date < params.StartDate || d.date > params.EndDate || !keep(d.tag) {
				continue
			}
			s := byTag[d.tag]
			if s == nil {
				s = &sum{tag: d.tag, users: map[string]bool{}}
				byTag[d.tag] = s
				order = append(order, s)
			}
			if u := h.keyUser(d.key); u != "" {
				s.users[u] = true
			}
			s.m.requests += d.requests
			s.m.successful += d.successful
			s.m.tokens += d.tokens
			s.m.spend += d.spend
		}
		slices.SortStableFunc(order, func(a, b *sum) int { return cmp.Compare(b.m.requests, a.m.requests) })
		results := []any{}
		for _, s := range order {
			results = append(results, map[string]any{"tag": s.tag, "unique_users": len(s.users),
				"total_requests": s.m.requests, "successful_requests": s.m.successful, "failed_requests": 0,
				"total_tokens": s.m.tokens, "total_spend": s.m.spend})
		}
		return map[string]any{"results": results}, nil
	})
}

// maxDistinctTags is MAX_TAGS of GET /tag/distinct.
const maxDistinctTags = 250

// TagDistinct is GET /tag/distinct: the User-Agent tags and the tags
// without a colon, by the number of daily tag spend rows, at most 250.
func (h *handler) TagDistinct(w http.ResponseWriter, r *http.Request) {
	h.do(w, func() (any, *apiError) {
		count := map[string]int{}
		var order []string
		for _, d := range h.tagDays() {
			if !strings.HasPrefix(d.tag, "User-Agent:") && strings.Contains(d.tag, ":") {
				continue
			}
			if count[d.tag] == 0 {
				order = append(order, d.tag)
			}
			count[d.tag]++
		}
		slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(count[b], count[a]) })
		results := []any{}
		for _, t := range order[:min(len(order), maxDistinctTags)] {
			results = append(results, map[string]any{"tag": t})
		}
		return map[string]any{"results": results}, nil
	})
}

// activePeriod is one period of the active-user analytics: the days
// offset periods of length days before the end day.
type activePeriod struct{ days, count int }

// Active-user windows (MAX_DAYS, MAX_WEEKS, MAX_MONTHS): seven days,
// seven weeks of 7 days, seven "months" of 30 days, ending on UTC
// tomorrow.
var (
	dauPeriod = activePeriod{1, 7}
	wauPeriod = activePeriod{7, 7}
	mauPeriod = activePeriod{30, 7}
)

// activeUsers counts the distinct users (of the keys that made the
// requests) per tag and period. A period's label is the day (DAU), or
// "Week N (Mon DD)" / "Month N (Mon)" with the period's first and last
// day (as PostgreSQL prints a timestamp); the oldest period first, then
// the most users.
func (h *handler) activeUsers(per activePeriod, filter *string, filters *[]string) (any, *apiError) {
	keep := tagFilterOf(filter, filters, ilike)
	n := h.now()
	end := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	start := end.AddDate(0, 0, -per.days*per.count)
	if per.days > 1 {
		start = end.AddDate(0, 0, -(per.days*per.count - 1))
	}
	type cell struct {
		tag    string
		offset int
		date   string
		users  map[string]bool
	}
	cells := map[string]*cell{}
	var order []*cell
	for _, d := range h.tagDays() {
		day, err := parseDay(d.date)
		u := h.keyUser(d.key)
		if err != nil || day.Before(start) || day.After(end) || u == "" || !keep(d.tag) {
			continue
		}
		offset := int(end.Sub(day).Hours()/24) / per.days
		if per.days > 1 && offset >= per.count {
			continue
		}
		id := fmt.Sprintf("%s\x00%d", d.tag, offset)
		if per.days == 1 {
			id = d.tag + "\x00" + d.date
		}
		c := cells[id]
		if c == nil {
			c = &cell{tag: d.tag, offset: offset, date: d.date, users: map[string]bool{}}
			cells[id] = c
			order = append(order, c)
		}
		c.users[u] = true
	}
	slices.SortStableFunc(order, func(a, b *cell) int {
		if per.days == 1 {
			return cmp.Or(strings.Compare(b.date, a.date), cmp.Compare(len(b.users), len(a.users)))
		}
		return cmp.Or(cmp.Compare(b.offset, a.offset), cmp.Compare(len(b.users), len(a.users)))
	})
	results := []any{}
	for _, c := range order {
		row := map[string]any{"tag": c.tag, "active_users": len(c.users), "date": c.date, "period_start": nil, "period_end": nil}
		if per.days > 1 {
			last := end.AddDate(0, 0, -c.offset*per.days)
			first := last.AddDate(0, 0, -(per.days - 1))
			label := fmt.Sprintf("Week %d (%s)", per.count-c.offset, first.Format("Jan 02"))
			if per.days == 30 {
				label = fmt.Sprintf("Month %d (%s)", per.count-c.offset, first.Format("Jan"))
			}
			row["date"], row["period_start"], row["period_end"] = label, first.Format(time.DateTime), last.Format(time.DateTime)
		}
		results = append(results, row)
	}
	return map[string]any{"results": results}, nil
}

// TagDau is GET /tag/dau: the distinct users per tag of each of the last
// seven days (up to UTC tomorrow).
func (h *handler) TagDau(w http.ResponseWriter, r *http.Request, params gen.TagDauParams) {
	h.do(w, func() (any, *apiError) {
		return h.activeUsers(dauPeriod, params.TagFilter, params.TagFilters)
	})
}

// TagWau is GET /tag/wau: the distinct users per tag of each of the last
// seven weeks.
func (h *handler) TagWau(w http.ResponseWriter, r *http.Request, params gen.TagWauParams) {
	h.do(w, func() (any, *apiError) {
		return h.activeUsers(wauPeriod, params.TagFilter, params.TagFilters)
	})
}

// TagMau is GET /tag/mau: the distinct users per tag of each of the last
// seven 30-day months.
func (h *handler) TagMau(w http.ResponseWriter, r *http.Request, params gen.TagMauParams) {
	h.do(w, func() (any, *apiError) {
		return h.activeUsers(mauPeriod, params.TagFilter, params.TagFilters)
	})
}

// TagPerUserAnalytics is GET /tag/user-agent/per-user-analytics: per user
// (of the keys that made the requests of the last 30 days) the requests,
// tokens and spend of its daily tag spend rows (a request counts once per
// tag), user_agent the tag of its first row; most successful requests
// first, paged (50 a page).
func (h *handler) TagPerUserAnalytics(w http.ResponseWriter, r *http.Request, params gen.TagPerUserAnalyticsParams) {
	h.do(w, func() (any, *apiError) {
		page, size := cmp.Or(val(params.Page), 1), cmp.Or(val(params.PageSize), 50)
		keep := tagFilterOf(params.TagFilter, params.TagFilters, strings.Contains)
		n := h.now()
		end := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
		start, last := end.AddDate(0, 0, -30).Format(time.DateOnly), end.Format(time.DateOnly)
		type userSum struct {
			id, agent string
			m         tagDay
		}
		byUser := map[string]*userSum{}
		var order []*userSum
		for _, d := range h.tagDays() {
			u := h.keyUser(d.key)
			if d.date < start || d.date > last || !keep(d.tag) || u == "" {
				continue
			}
			s := byUser[u]
			if s == nil {
				s = &userSum{id: u, agent: d.tag}
				byUser[u] = s
				order = append(order, s)
			}
			s.m.requests += d.requests
			s.m.successful += d.successful
			s.m.tokens += d.tokens
			s.m.spend += d.spend
		}
		slices.SortStableFunc(order, func(a, b *userSum) int { return cmp.Compare(b.m.successful, a.m.successful) })
		total := len(order)
		results := []any{}
		for _, s := range order[min((page-1)*size, total):min(page*size, total)] {
			var email any
			if u := h.users[s.id]; u != nil {
				email = u.row.UserEmail
			}
			results = append(results, map[string]any{"user_id": s.id, "user_email": email, "user_agent": s.agent,
				"successful_requests": s.m.successful, "failed_requests": 0, "total_requests": s.m.requests,
				"total_tokens": s.m.tokens, "spend": s.m.spend})
		}
		return map[string]any{"results": results, "total_count": total, "page": page, "page_size": size,
			"total_pages": (total + size - 1) / size}, nil
	})
}

// GlobalSpendTags is GET /global/spend/tags: the request count and spend
// (rounded to 4 places) per request tag of the days start_date to
// end_date, highest spend first; tags (comma-separated, unless it holds
// "all-tags") keeps those tags. Admins, admin viewers and keys with the
// get_spend_routes permission may read it.
func (h *handler) GlobalSpendTags(w http.ResponseWriter, r *http.Request, params gen.GlobalSpendTagsParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		if !adminView(p) && !hasPermission(p, "get_spend_routes") {
			return nil, adminRouteErr(p, "/global/spend/tags")
		}
		if params.StartDate == nil || params.EndDate == nil {
			return nil, proxyErr(http.StatusBadRequest, "bad_request", nil, "Please provide start_date and end_date")
		}
		start, err1 := parseV2Day(*params.StartDate)
		end, err2 := parseV2Day(*params.EndDate)
		if err1 != nil || err2 != nil {
			bad := *params.StartDate
			if err1 == nil {
				bad = *params.EndDate
			}
			return nil, proxyErr(http.StatusInternalServerError, "internal_error", "None",
				"/spend/tags Errorinvalid input syntax for type date: "+pyRepr(bad))
		}
		var only []string
		if t := val(params.Tags); t != "" && !slices.Contains(strings.Split(t, ","), "all-tags") {
			only = strings.Split(t, ",")
		}
		type tagSum struct {
			name  string
			spend float64
			count int
		}
		byTag := map[string]*tagSum{}
		var order []*tagSum
		for _, s := range h.sortedSpend() {
			day := s.at.UTC().Format(time.DateOnly)
			if day < start || day > end {
				continue
			}
			cost, _ := num(s.row["spend"])
			tags, _ := s.row["request_tags"].([]any)
			for _, t := range tags {
				if only != nil && !slices.Contains(only, str(t)) {
					continue
				}
				ts := byTag[str(t)]
				if ts == nil {
					ts = &tagSum{name: str(t)}
					byTag[ts.name] = ts
					order = append(order, ts)
				}
				ts.spend += cost
				ts.count++
			}
		}
		slices.SortStableFunc(order, func(a, b *tagSum) int { return cmp.Compare(b.spend, a.spend) })
		out := []any{}
		for _, t := range order {
			out = append(out, map[string]any{"name": t.name, "spend": math.Round(t.spend*1e4) / 1e4, "log_count": t.count})
		}
		return map[string]any{"spend_per_tag": out}, nil
	})
}

// hasPermission reports whether p's key has the permission (a member of
// its permissions).
func hasPermission(p *principal, name string) bool {
	if p.key == nil {
		return false
	}
	_, ok := p.key.row.Permissions[name]
	return ok
}

// parseV2Day parses a date PostgreSQL's ::date cast accepts (YYYY-MM-DD,
// optionally with a time) and returns its day.
func parseV2Day(s string) (string, error) {
	t, ok := parseV2Date(s)
	if !ok {
		return "", fmt.Errorf("invalid date %q", s)
	}
	return t.Format(time.DateOnly), nil
}

// GlobalSpendReset is POST /global/spend/reset (master key only): every
// key's and every team's spend becomes 0. The spend logs stay, and so
// do the users' and customers' spend.
func (h *handler) GlobalSpendReset(w http.ResponseWriter, r *http.Request) {
	h.do(w, func() (any, *apiError) {
		for _, k := range h.keys {
			k.row.Spend = 0
		}
		for _, t := range h.teams {
			t.row.Spend = 0
		}
		return map[string]any{"message": "Spend for all API Keys and Teams reset successfully", "status": "success"}, nil
	})
}
