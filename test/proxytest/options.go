// Server options: the configuration a Server starts with, and the seed
// values (models, users, teams) it takes.

package proxytest

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// An Option configures a Server.
type Option func(*config)

type config struct {
	masterKey      string
	seed           uint64
	seeded         bool
	clock          func() time.Time
	models         []Model
	modelsSet      bool
	users          []User
	teams          []Team
	availableTeams []string
	availableSet   bool
	ssoUser        User
	ssoAutoApprove bool
	ssoStartFlow   bool
	pkceLifetime   time.Duration // login --pkce keys (pkce.go)
	faults         []Fault
	enterprise     bool
	noModelStore   bool   // a config without store_model_in_db: /model/new and the rest refuse
	version        string // "" is Version1_88
	noDB           bool
	guardrails     []ConfigGuardrail // the config file's guardrails: (guardrails.go)
	requestHook    func(Request, time.Duration)
}

// WithMasterKey sets the master key (default [DefaultMasterKey]). It panics if
// key is empty.
func WithMasterKey(key string) Option {
	if key == "" {
		panic("proxytest: WithMasterKey: empty key")
	}
	return func(c *config) { c.masterKey = key }
}

// WithSeed seeds the server's random sources (generated keys and ids, fault
// probabilities), so that a run can be reproduced. Without it they are seeded
// randomly.
func WithSeed(seed uint64) Option {
	return func(c *config) { c.seed, c.seeded = seed, true }
}

// WithClock sets the clock the server uses for timestamps and key expiry, so
// tests can expire a key without sleeping. It panics if now is nil.
func WithClock(now func() time.Time) Option {
	if now == nil {
		panic("proxytest: WithClock: nil clock")
	}
	return func(c *config) { c.clock = now }
}

// WithModels replaces the default deployments ([DefaultModels]) with models.
// WithModels() starts the server with no deployments. It panics if a model has
// no Name or no "model" in Params, or if two models have the same id.
func WithModels(models ...Model) Option {
	for _, m := range models {
		m.mustValidate()
	}
	models = slices.Clone(models)
	return func(c *config) { c.models, c.modelsSet = models, true }
}

// WithUsers preloads users. A user with a Key also gets a virtual key with that
// value; a team named in Teams that does not exist is created. It panics if a
// user has no ID or a Key that does not start with "sk-".
func WithUsers(users ...User) Option {
	for _, u := range users {
		if u.ID == "" {
			panic("proxytest: WithUsers: user without ID")
		}
		if u.Key != "" && !strings.HasPrefix(u.Key, "sk-") {
			panic("proxytest: WithUsers: key must start with sk-")
		}
	}
	users = slices.Clone(users)
	return func(c *config) { c.users = append(c.users, users...) }
}

// WithTeams preloads teams. It panics if a team has no ID.
func WithTeams(teams ...Team) Option {
	for _, t := range teams {
		if t.ID == "" {
			panic("proxytest: WithTeams: team without ID")
		}
	}
	teams = slices.Clone(teams)
	return func(c *config) { c.teams = append(c.teams, teams...) }
}

// WithAvailableTeams sets the teams GET /team/available offers (the proxy's
// default_internal_user_params.available_teams), minus those the caller is
// already in. By default it offers every team the caller is not in.
func WithAvailableTeams(teamIDs ...string) Option {
	teamIDs = slices.Clone(teamIDs)
	return func(c *config) { c.availableTeams, c.availableSet = teamIDs, true }
}

// WithFault adds a fault (see [Fault]); the option may be repeated. It panics
// if the fault is invalid.
func WithFault(f Fault) Option {
	f.mustValidate()
	return func(c *config) { c.faults = append(c.faults, f) }
}

// WithLatency delays every response by d; it is WithFault(Latency(d)).
func WithLatency(d time.Duration) Option { return WithFault(Latency(d)) }

// WithRequestHook calls fn after each request the server has answered, or
// dropped (a fault), with the request as [Server.Requests] reports it and the
// time it took; cmd/litellm-emulator logs requests with it. fn runs on the
// request's goroutine, so it must be safe for concurrent use. It panics if fn
// is nil.
func WithRequestHook(fn func(r Request, elapsed time.Duration)) Option {
	if fn == nil {
		panic("proxytest: WithRequestHook: nil func")
	}
	return func(c *config) { c.requestHook = fn }
}

// A Model is a deployment: an entry of a model group, as POST /model/new takes it.
type Model struct {
	// Name is the public model (group) name, e.g. "gpt-4o".
	Name string
	// Params are the litellm_params; "model" (e.g. "openai/gpt-4o") is required.
	Params map[string]any
	// Info is the model_info. "id" is generated when absent; the cost fields
	// input_cost_per_token and output_cost_per_token price chat completions.
	Info map[string]any
}

func (m Model) mustValidate() {
	if m.Name == "" {
		panic("proxytest: Model without Name")
	}
	if s, _ := m.Params["model"].(string); s == "" {
		panic(fmt.Sprintf("proxytest: Model %q without Params[\"model\"]", m.Name))
	}
}

// DefaultModels returns the deployments a server has unless [WithModels] is
// given: the model group "gpt-4o" with two deployments (openai/gpt-4o, id
// "proxytest-gpt-4o-openai", and azure/gpt-4o, id "proxytest-gpt-4o-azure")
// and "claude-3-5-sonnet" (anthropic/claude-3-5-sonnet-20240620, id
// "proxytest-claude-3-5-sonnet"), each with costs in model_info.
func DefaultModels() []Model {
	return []Model{
		{
			Name:   "gpt-4o",
			Params: map[string]any{"model": "openai/gpt-4o", "api_key": "os.environ/OPENAI_API_KEY"},
			Info: map[string]any{
				"id": "proxytest-gpt-4o-openai", "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05,
				"max_tokens": 16384, "max_input_tokens": 128000, "max_output_tokens": 16384,
				"supports_function_calling": true, "supports_vision": true,
			},
		},
		{
			Name: "gpt-4o",
			Params: map[string]any{
				"model": "azure/gpt-4o", "api_base": "https://proxytest.openai.azure.com",
				"api_version": "2024-08-01-preview", "api_key": "os.environ/AZURE_API_KEY",
			},
			Info: map[string]any{
				"id": "proxytest-gpt-4o-azure", "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05,
				"max_tokens": 16384, "max_input_tokens": 128000, "max_output_tokens": 16384,
				"supports_function_calling": true, "supports_vision": true,
			},
		},
		{
			Name:   "claude-3-5-sonnet",
			Params: map[string]any{"model": "anthropic/claude-3-5-sonnet-20240620", "api_key": "os.environ/ANTHROPIC_API_KEY"},
			Info: map[string]any{
				"id": "proxytest-claude-3-5-sonnet", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
				"max_tokens": 8192, "max_input_tokens": 200000, "max_output_tokens": 8192,
				"supports_function_calling": true, "supports_vision": true,
			},
		},
	}
}

// A User is a proxy user, for [WithUsers] and [WithSSOUser].
type User struct {
	// ID is the user_id.
	ID string
	// Email is the user_email.
	Email string
	// Role is the user_role: proxy_admin, proxy_admin_viewer, internal_user
	// (the default) or internal_user_viewer.
	Role string
	// Teams are the ids of the teams the user is a member of.
	Teams []string
	// Key, if set, is the value of a virtual key created for the user
	// (WithUsers only).
	Key string
}

// A Team is a proxy team, for [WithTeams].
type Team struct {
	// ID is the team_id.
	ID string
	// Alias is the team_alias.
	Alias string
	// Models, if set, restricts the team's keys to these model groups.
	Models []string
}
