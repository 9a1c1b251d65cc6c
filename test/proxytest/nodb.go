package proxytest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Versions of the real proxy the emulator can imitate, for [WithVersion].
const (
	// Version1_88 is LiteLLM 1.88.0, the default.
	Version1_88 = "1.88.0"
	// Version1_106 is LiteLLM 1.106.12.
	Version1_106 = "1.106.12"
)

// Versions are the versions [WithVersion] accepts.
var Versions = []string{Version1_88, Version1_106}

// WithVersion makes the server answer as the given real proxy version does
// where versions differ (the x-litellm-* headers of chat completions, chat
// body checks, the fields of /model/info and /model_group/info, the
// no-database messages, the version it reports). The default is
// [Version1_88]. It panics for a version not in [Versions].
func WithVersion(v string) Option {
	if !slices.Contains(Versions, v) {
		panic(fmt.Sprintf("proxytest: WithVersion: unknown version %q (known: %s)", v, strings.Join(Versions, ", ")))
	}
	return func(c *config) { c.version = v }
}

// WithNoDatabase makes the server answer as a real proxy started without a
// database does: chat completions, the model lists and infos, health and
// the credentials list work (on the configured models); every route that
// stores or reads keys, users, teams, models or credentials in a database
// answers the real proxy's no-database error (each route its own, with
// statuses 400, 500 and even 200, in three envelopes); and a key other than
// the master key is refused with 400 no_db_connection instead of 401.
func WithNoDatabase() Option {
	return func(c *config) { c.noDB = true }
}

// version returns the version the server imitates.
func (h *handler) version() string {
	if h.cfg.version == "" {
		return Version1_88
	}
	return h.cfg.version
}

// is106 reports whether the server imitates 1.106.12.
func (h *handler) is106() bool { return h.version() == Version1_106 }

// noDBConnection is the auth error of a key other than the master key on a
// proxy without a database.
func noDBConnection() *apiError {
	return proxyErr(http.StatusBadRequest, "no_db_connection", nil, "No connected db.")
}

// Messages of the no-database answers.
const (
	dbSeeDocs  = "DB not connected. See https://docs.litellm.ai/docs/proxy/virtual_keys"
	dbSeeDocsN = "DB not connected. This endpoint needs a database; set DATABASE_URL to a PostgreSQL connection string (postgresql://...) to enable it. See https://docs.litellm.ai/docs/proxy/virtual_keys"
	dbConnect  = "Database not connected. Connect a database to your proxy - https://docs.litellm.ai/docs/simple_proxy#managing-auth---virtual-keys"
	dbNoDBHow  = "No DB Connected. Here's how to do it - https://docs.litellm.ai/docs/proxy/virtual_keys"
	enterprise = "Regenerating Virtual Keys is an Enterprise feature, You must be a LiteLLM Enterprise user to use this feature. If you have a license please set `LITELLM_LICENSE` in your env. Get a 7 day trial key here: https://www.litellm.ai/enterprise#trial. \nPricing: https://www.litellm.ai/#pricing"
)

// noDBAnswer returns what the real proxy without a database answers to an
// operation that needs one (after authentication and body validation), or
// nil for an operation that works without a database. pathParams are the
// request's path parameters.
func (h *handler) noDBAnswer(opID string, pathParams map[string]string) *apiError {
	seeDocs := dbSeeDocs
	if h.is106() {
		seeDocs = dbSeeDocsN
	}
	ise := func(msg string) *apiError {
		return proxyErr(http.StatusInternalServerError, "internal_server_error", "None", msg)
	}
	// The errors that management endpoints convert with
	// handle_exception_on_proxy: param "None" in 1.88, null in 1.106.
	var param any = "None"
	if h.is106() {
		param = nil
	}
	handled := func(status int, msg string) *apiError {
		return proxyErr(status, "internal_server_error", param, msg)
	}
	for _, family := range familyNoDB {
		if e := family(h, opID); e != nil {
			return e
		}
	}
	switch strings.ToLower(opID) {
	case "modelnew", "modelupdate", "modeldelete":
		return proxyErr(http.StatusInternalServerError, "auth_error", "None", pyDict("error", dbNoDBHow))
	case "modelpatch", "healthtestconnection":
		return errorDetail(http.StatusInternalServerError, seeDocs)
	case "keygenerate", "credentialcreate":
		return handled(http.StatusInternalServerError, pyDict("error", seeDocs))
	case "keylist", "keyaliases":
		return ise("Authentication Error, Database not connected")
	case "keyinfo", "userinfo":
		return handled(http.StatusInternalServerError, dbConnect)
	case "keyupdate":
		return proxyErr(http.StatusInternalServerError, "auth_error", "None", pyDict("error", "Database not connected"))
	case "keydelete":
		return handled(http.StatusInternalServerError, "Not connected to DB!")
	case "keyregenerate", "keyregeneratebypath":
		return handled(http.StatusInternalServerError, enterprise)
	case "keyblock", "keyunblock":
		return internalServerError()
	case "credentialget":
		// The proxy looks the name up in its in-memory credential list.
		return handled(http.StatusNotFound, "Credential not found. Got credential name: "+pathParams["credential_name"])
	case "credentialupdate", "credentialdelete":
		if h.is106() {
			return handled(http.StatusInternalServerError, pyDict("error", seeDocs))
		}
		// The error object itself, returned (not raised) with HTTP 200.
		return &apiError{status: http.StatusOK, body: returnedErr(http.StatusInternalServerError, pyDict("error", dbSeeDocs))}
	case "usernew":
		return handled(http.StatusBadRequest, seeDocs)
	case "userdailyactivity":
		return errorDetail(http.StatusInternalServerError, seeDocs)
	case "userinfov2":
		return handled(http.StatusInternalServerError, seeDocs)
	case "userlist", "teamlistv2":
		return errorDetail(http.StatusInternalServerError, "No db connected. prisma client=None")
	case "userupdate":
		return proxyErr(http.StatusBadRequest, "auth_error", "None", "Authentication Error, Not connected to DB!")
	case "userdelete", "teamdelete", "teammemberadd":
		return errorDetail(http.StatusInternalServerError, "No db connected")
	case "teamnew":
		return handled(http.StatusInternalServerError, pyDict("error", "No db connected"))
	case "teamlist", "teamavailable":
		return errorDetail(http.StatusBadRequest, seeDocs)
	case "teaminfo":
		return proxyErr(http.StatusInternalServerError, "auth_error", "None", pyDict("error", dbConnect))
	case "ssocallback":
		return detailErr(http.StatusInternalServerError, seeDocs)
	}
	return nil
}

// familyNoDB are the no-database answers of the families that keep their
// routes in their own files; each answers nil for the operations that are
// not its own.
var familyNoDB = []func(h *handler, opID string) *apiError{
	(*handler).tagNoDB,         // tags.go
	(*handler).platformNoDB,    // budgets.go
	(*handler).spendNoDB,       // spend.go
	(*handler).teamNoDB,        // teams_manage.go
	(*handler).mcpNoDB,         // mcp.go
	(*handler).vectorStoreNoDB, // vectorstores.go
	(*handler).guardrailNoDB,   // guardrails.go
	(*handler).accessGroupNoDB, // accessgroups.go
	(*handler).promptNoDB,      // prompts.go
	(*handler).restNoDB,        // rest.go
	(*handler).analyticsNoDB,   // analytics.go
}
