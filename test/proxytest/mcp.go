package proxytest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/litellm-go/proxyclient/gen"
)

// mcpState is the emulator's state for this family (issue 14, family 8):
// the MCP servers of LiteLLM_MCPServerTable, by server_id. h.mu guards it.
type mcpState struct {
	servers map[string]*mcpServerRec
}

// mcpServerRec is a stored MCP server. The emulator does not speak MCP:
// a health check never reaches the server, its status stays "unknown",
// and a server has no tools.
type mcpServerRec struct {
	seq       int64
	row       gen.MCPServerUpdateRequest // the settable columns as last written
	createdAt time.Time
	updatedAt time.Time
	createdBy string
	updatedBy string
	// credentials are kept as the proxy keeps them (encrypted there) and
	// never answered: every answer has credentials null.
	credentials *gen.MCPCredentials
}

// mcpServerView is LiteLLM_MCPServerTable as the proxy answers it, in the
// recorded member order. Members typed any differ between the database
// row (create, get, update) and the registry's copy (list).
type mcpServerView struct {
	ServerID               string            `json:"server_id"`
	ServerName             *string           `json:"server_name"`
	Alias                  *string           `json:"alias"`
	Description            *string           `json:"description"`
	URL                    *string           `json:"url"`
	SpecPath               *string           `json:"spec_path"`
	Transport              string            `json:"transport"`
	AuthType               *string           `json:"auth_type"`
	Credentials            any               `json:"credentials"`
	Instructions           *string           `json:"instructions"`
	CreatedAt              *string           `json:"created_at"`
	CreatedBy              *string           `json:"created_by"`
	UpdatedAt              *string           `json:"updated_at"`
	UpdatedBy              *string           `json:"updated_by"`
	Teams                  []any             `json:"teams"`
	MCPAccessGroups        []string          `json:"mcp_access_groups"`
	AllowedTools           []string          `json:"allowed_tools"`
	ToolNameToDisplayName  any               `json:"tool_name_to_display_name"`
	ToolNameToDescription  any               `json:"tool_name_to_description"`
	ExtraHeaders           []string          `json:"extra_headers"`
	MCPInfo                any               `json:"mcp_info"`
	StaticHeaders          any               `json:"static_headers"`
	Status                 *string           `json:"status"`
	LastHealthCheck        *string           `json:"last_health_check"`
	HealthCheckError       *string           `json:"health_check_error"`
	Command                *string           `json:"command"`
	Args                   []string          `json:"args"`
	Env                    map[string]string `json:"env"`
	AuthorizationURL       *string           `json:"authorization_url"`
	TokenURL               *string           `json:"token_url"`
	RegistrationURL        *string           `json:"registration_url"`
	AllowAllKeys           bool              `json:"allow_all_keys"`
	AvailableOnPublicNet   bool              `json:"available_on_public_internet"`
	DelegateAuthToUpstream bool              `json:"delegate_auth_to_upstream"`
	IsBYOK                 bool              `json:"is_byok"`
	BYOKDescription        []string          `json:"byok_description"`
	BYOKAPIKeyHelpURL      *string           `json:"byok_api_key_help_url"`
	HasUserCredential      *bool             `json:"has_user_credential"`
	SourceURL              *string           `json:"source_url"`
	ApprovalStatus         string            `json:"approval_status"`
	SubmittedBy            *string           `json:"submitted_by"`
	SubmittedAt            *string           `json:"submitted_at"`
	ReviewedAt             *string           `json:"reviewed_at"`
	ReviewNotes            *string           `json:"review_notes"`
}

// The ways the proxy renders a server.
const (
	mcpViewRow      = iota // the database row: create, update
	mcpViewChecked         // the row after a health check: get
	mcpViewRegistry        // the in-memory registry's copy: list
)

// mcpMessages the real proxy answers.
const (
	mcpDBNotConnected = "Database not connected. Connect a database to your proxy"
	mcpCreateNotAdmin = "User does not have permission to create mcp servers. You can only create mcp servers if you are a PROXY_ADMIN."
	// mcpHealthNotRun is what a health check of a server the emulator
	// cannot reach records (as the real proxy did for an unreachable one).
	mcpHealthNotRun = "Health check was cancelled"
)

// mcpRouteClass is the route class of an MCP management route: any key
// (the endpoints check for a proxy admin themselves).
func mcpRouteClass(opID string) (int, bool) {
	switch strings.ToLower(opID) {
	case "mcpserverlist", "mcpservercreate", "mcpserverupdate", "mcpserverget", "mcpserverdelete",
		"mcpserverhealth", "mcpaccessgroups", "mcptools":
		return routeAnyKey, true
	}
	return 0, false
}

// mcpNoDB is the real proxy's no-database answer to an MCP route, or nil:
// list, health, access groups and tools answer from the config's servers
// (none here), the rest refuse.
func (h *handler) mcpNoDB(opID string) *apiError {
	switch strings.ToLower(opID) {
	case "mcpservercreate", "mcpserverget":
		return errorDetail(http.StatusInternalServerError, mcpDBNotConnected)
	case "mcpserverupdate", "mcpserverdelete":
		return errorDetail(http.StatusInternalServerError, dbConnect)
	}
	return nil
}

// mcpServers returns the server map, made on first use. h.mu must be held.
func (h *handler) mcpServers() map[string]*mcpServerRec {
	if h.mcp.servers == nil {
		h.mcp.servers = map[string]*mcpServerRec{}
	}
	return h.mcp.servers
}

// sortedMCPServers lists the servers in creation order. h.mu must be held.
func (h *handler) sortedMCPServers() []*mcpServerRec {
	var list []*mcpServerRec
	for _, s := range h.mcpServers() {
		list = append(list, s)
	}
	slices.SortFunc(list, func(a, b *mcpServerRec) int { return cmp.Compare(a.seq, b.seq) })
	return list
}

// mcpTime is a stored time as the proxy answers it (prisma: milliseconds, Z).
func mcpTime(t time.Time) *string {
	return ptr(t.UTC().Truncate(time.Millisecond).Format("2006-01-02T15:04:05.000000Z"))
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func optStr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// mcpView renders s for a caller: credentials are always null; a caller
// who is not a proxy admin gets neither the URL nor headers, env, command
// or OAuth URLs (the proxy's sanitized view). h.mu must be held.
func (h *handler) mcpView(s *mcpServerRec, kind int, admin bool) mcpServerView {
	r := s.row
	v := mcpServerView{
		ServerID: r.ServerID, ServerName: optStr(r.ServerName), Alias: optStr(r.Alias),
		Description: optStr(r.Description), URL: optStr(r.URL), SpecPath: optStr(r.SpecPath),
		Transport: string(cmp.Or(r.Transport, gen.MCPTransportSSE)), AuthType: optStr(string(r.AuthType)),
		Instructions: optStr(r.Instructions), CreatedAt: mcpTime(s.createdAt), UpdatedAt: mcpTime(s.updatedAt),
		CreatedBy: optStr(s.createdBy), UpdatedBy: optStr(s.updatedBy), Teams: []any{},
		MCPAccessGroups: nonNil(r.McpAccessGroups), AllowedTools: nonNil(r.AllowedTools),
		ExtraHeaders: nonNil(r.ExtraHeaders), Command: optStr(r.Command), Args: nonNil(r.Args),
		Env: r.Env, AuthorizationURL: optStr(r.AuthorizationURL), TokenURL: optStr(r.TokenURL),
		RegistrationURL: optStr(r.RegistrationURL), AllowAllKeys: val(r.AllowAllKeys),
		AvailableOnPublicNet: r.AvailableOnPublicInternet == nil || *r.AvailableOnPublicInternet,
		BYOKDescription:      []string{}, ApprovalStatus: "active",
	}
	if v.Env == nil {
		v.Env = map[string]string{}
	}
	orEmpty := func(m map[string]string) any {
		if m == nil {
			return map[string]string{}
		}
		return m
	}
	info := map[string]any{}
	for k, x := range r.McpInfo {
		info[k] = x
	}
	switch kind {
	case mcpViewRegistry:
		// The registry's copy: no audit users, the tool maps and headers
		// as configured, no status yet, mcp_info with name and description.
		v.CreatedBy, v.UpdatedBy = nil, nil
		v.ToolNameToDisplayName, v.ToolNameToDescription = nilMap(r.ToolNameToDisplayName), nilMap(r.ToolNameToDescription)
		v.StaticHeaders = nilMap(r.StaticHeaders)
		if r.ServerName != "" {
			info["server_name"] = r.ServerName
		}
		if r.Description != "" {
			info["description"] = r.Description
		}
		v.MCPInfo = info
	default:
		v.ToolNameToDisplayName, v.ToolNameToDescription = orEmpty(r.ToolNameToDisplayName), orEmpty(r.ToolNameToDescription)
		v.StaticHeaders = orEmpty(r.StaticHeaders)
		v.MCPInfo = info
		v.Status = ptr("unknown")
		if kind == mcpViewChecked {
			v.LastHealthCheck = ptr(h.now().Format("2006-01-02T15:04:05.000000"))
			v.HealthCheckError = ptr(mcpHealthNotRun)
		}
	}
	if !admin {
		v.URL, v.SpecPath, v.StaticHeaders, v.Command = nil, nil, nil, nil
		v.ExtraHeaders, v.Env, v.Args = []string{}, map[string]string{}, []string{}
		v.AuthorizationURL, v.TokenURL, v.RegistrationURL = nil, nil, nil
	}
	return v
}

func nilMap(m map[string]string) any {
	if m == nil {
		return nil
	}
	return m
}

// mcpVisible reports whether the caller may use s: a proxy admin any, other
// callers the servers open to every key (allow_all_keys).
func mcpVisible(p *principal, s *mcpServerRec) bool {
	return p == nil || p.admin || val(s.row.AllowAllKeys)
}

// doStatus is [handler.do] with another success status.
func (h *handler) doStatus(w http.ResponseWriter, status int, f func() (any, *apiError)) {
	h.mu.Lock()
	v, e := f()
	h.mu.Unlock()
	if e != nil {
		writeError(w, e)
		return
	}
	data, err := json.Marshal(v)
	if err != nil {
		writeError(w, internalServerError())
		return
	}
	writeRaw(w, status, "application/json", data)
}

// checkMCPName is the proxy's check of server_name and alias: no "-", the
// separator of prefixed tool names.
func checkMCPName(names ...string) *apiError {
	for _, n := range names {
		if strings.Contains(n, "-") {
			return errorDetail(http.StatusBadRequest,
				"Server name cannot contain '-'. Use an alternative character instead Found: "+n)
		}
	}
	return nil
}

// McpServerList is GET /v1/mcp/server.
func (h *handler) McpServerList(w http.ResponseWriter, r *http.Request, params gen.McpServerListParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		out := []mcpServerView{}
		for _, s := range h.sortedMCPServers() {
			if mcpVisible(p, s) {
				out = append(out, h.mcpView(s, mcpViewRegistry, p == nil || p.admin))
			}
		}
		return out, nil
	})
}

// McpServerCreate is POST /v1/mcp/server (HTTP 201).
func (h *handler) McpServerCreate(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, _, ok := decodeBody[gen.MCPServerNewRequest](w, r)
	if !ok {
		return
	}
	h.doStatus(w, http.StatusCreated, func() (any, *apiError) {
		if e := checkMCPName(req.ServerName, req.Alias); e != nil {
			return nil, e
		}
		if p != nil && !p.admin {
			return nil, errorDetail(http.StatusForbidden, mcpCreateNotAdmin)
		}
		id := req.ServerID
		if id == "all-team-mcpservers" || id == "all-proxy-mcpservers" {
			return nil, errorDetail(http.StatusBadRequest, "MCP Server with id "+id+" is special and cannot be used.")
		}
		if id != "" && h.mcpServers()[id] != nil {
			return nil, errorDetail(http.StatusBadRequest, "MCP Server with id "+id+" already exists. Cannot create another.")
		}
		if id == "" {
			id = h.uuid()
		}
		alias := strings.ReplaceAll(cmp.Or(req.Alias, req.ServerName), " ", "_")
		now := h.now()
		s := &mcpServerRec{seq: h.nextSeq(), createdAt: now, updatedAt: now, createdBy: callerID(p), updatedBy: callerID(p),
			credentials: req.Credentials,
			row: gen.MCPServerUpdateRequest{
				ServerID: id, ServerName: req.ServerName, Alias: alias, Description: req.Description, URL: req.URL,
				SpecPath: req.SpecPath, Transport: cmp.Or(req.Transport, gen.MCPTransportSSE), AuthType: req.AuthType,
				Instructions: req.Instructions, McpAccessGroups: req.McpAccessGroups, AllowedTools: req.AllowedTools,
				ToolNameToDisplayName: req.ToolNameToDisplayName, ToolNameToDescription: req.ToolNameToDescription,
				ExtraHeaders: req.ExtraHeaders, McpInfo: req.McpInfo, StaticHeaders: req.StaticHeaders,
				Command: req.Command, Args: req.Args, Env: req.Env, AuthorizationURL: req.AuthorizationURL,
				TokenURL: req.TokenURL, RegistrationURL: req.RegistrationURL, AllowAllKeys: ptr(req.AllowAllKeys),
				AvailableOnPublicInternet: req.AvailableOnPublicInternet,
			}}
		h.mcpServers()[id] = s
		return h.mcpView(s, mcpViewRow, true), nil
	})
}

// McpServerUpdate is PUT /v1/mcp/server (HTTP 202): the fields the body
// sets change.
func (h *handler) McpServerUpdate(w http.ResponseWriter, r *http.Request) {
	p := infoOf(r).p
	req, body, ok := decodeBody[gen.MCPServerUpdateRequest](w, r)
	if !ok {
		return
	}
	h.doStatus(w, http.StatusAccepted, func() (any, *apiError) {
		if e := checkMCPName(req.ServerName, req.Alias); e != nil {
			return nil, e
		}
		if p != nil && !p.admin {
			return nil, errorDetail(http.StatusForbidden, "Call not allowed to update MCP server. User is not a proxy admin. route=PUT /v1/mcp/server")
		}
		s := h.mcpServers()[req.ServerID]
		if s == nil {
			return nil, errorDetail(http.StatusNotFound, "MCP Server not found, passed server_id="+req.ServerID)
		}
		// Merge: the row as JSON, the body's members over it.
		cur := map[string]any{}
		data, _ := json.Marshal(s.row)
		_ = json.Unmarshal(data, &cur)
		for k, v := range body {
			if k == "credentials" {
				continue
			}
			if v == nil {
				delete(cur, k)
			} else {
				cur[k] = v
			}
		}
		if _, ok := body["alias"]; !ok {
			if _, named := body["server_name"]; named && req.ServerName != "" {
				cur["alias"] = strings.ReplaceAll(req.ServerName, " ", "_")
			}
		} else if req.Alias != "" {
			cur["alias"] = strings.ReplaceAll(req.Alias, " ", "_")
		}
		var row gen.MCPServerUpdateRequest
		data, _ = json.Marshal(cur)
		if err := json.Unmarshal(data, &row); err != nil {
			return nil, internalServerError()
		}
		s.row = row
		if _, ok := body["credentials"]; ok {
			s.credentials = req.Credentials
		}
		s.updatedAt, s.updatedBy = h.now(), callerID(p)
		return h.mcpView(s, mcpViewRow, true), nil
	})
}

// McpServerGet is GET /v1/mcp/server/{server_id}, with the health check
// the proxy runs on the call.
func (h *handler) McpServerGet(w http.ResponseWriter, r *http.Request, serverID string) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		s := h.mcpServers()[serverID]
		if s == nil {
			return nil, errorDetail(http.StatusNotFound, "MCP Server with id "+serverID+" not found")
		}
		if !mcpVisible(p, s) {
			return nil, errorDetail(http.StatusForbidden, "User does not have permission to view mcp server with id "+serverID+
				". You can only view mcp servers that you have access to.")
		}
		return h.mcpView(s, mcpViewChecked, p == nil || p.admin), nil
	})
}

// McpServerDelete is DELETE /v1/mcp/server/{server_id}: HTTP 202 with an
// empty body (and no content type).
func (h *handler) McpServerDelete(w http.ResponseWriter, r *http.Request, serverID string) {
	p := infoOf(r).p
	h.mu.Lock()
	var e *apiError
	switch {
	case p != nil && !p.admin:
		e = errorDetail(http.StatusForbidden, "Call not allowed to delete MCP server. User is not a proxy admin. route=DELETE /v1/mcp/server")
	case h.mcpServers()[serverID] == nil:
		e = errorDetail(http.StatusNotFound, "MCP Server not found, passed server_id="+serverID)
	default:
		delete(h.mcpServers(), serverID)
	}
	h.mu.Unlock()
	if e != nil {
		writeError(w, e)
		return
	}
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusAccepted)
}

// McpServerHealth is GET /v1/mcp/server/health: the status of the
// requested servers the caller may use (all of them without server_ids).
func (h *handler) McpServerHealth(w http.ResponseWriter, r *http.Request, params gen.McpServerHealthParams) {
	p := infoOf(r).p
	h.do(w, func() (any, *apiError) {
		out := []gen.MCPServerHealth{}
		for _, s := range h.sortedMCPServers() {
			if mcpVisible(p, s) && (len(params.ServerIds) == 0 || slices.Contains(params.ServerIds, s.row.ServerID)) {
				out = append(out, gen.MCPServerHealth{ServerID: s.row.ServerID, Status: "unknown"})
			}
		}
		return out, nil
	})
}

// McpAccessGroups is GET /v1/mcp/access_groups: every server's access
// groups, sorted, whoever asks.
func (h *handler) McpAccessGroups(w http.ResponseWriter, r *http.Request) {
	h.do(w, func() (any, *apiError) {
		groups := []string{}
		for _, s := range h.mcpServers() {
			for _, g := range s.row.McpAccessGroups {
				if !slices.Contains(groups, g) {
					groups = append(groups, g)
				}
			}
		}
		slices.Sort(groups)
		return gen.MCPAccessGroups{AccessGroups: groups}, nil
	})
}

// McpTools is GET /v1/mcp/tools. The emulator's servers have no tools (it
// does not connect to them).
func (h *handler) McpTools(w http.ResponseWriter, r *http.Request) {
	h.do(w, func() (any, *apiError) {
		return gen.MCPTools{Tools: []map[string]any{}}, nil
	})
}
