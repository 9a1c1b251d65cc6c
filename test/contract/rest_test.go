package contract

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/litellm-go/proxyclient/facade"
)

// restKeys are the keys the rest steps generated, by env.
var restKeys sync.Map // *env -> string

// restTeams are the teams the rest steps created, by env.
var restTeams sync.Map // *env -> string

func restTeam(e *env) string {
	if v, ok := restTeams.Load(e); ok {
		return v.(string)
	}
	return "proxyclient-contract-nodb-rest-team"
}

func restKey(e *env) string {
	if v, ok := restKeys.Load(e); ok {
		return v.(string)
	}
	return "sk-proxyclient-contract-nodb-rest"
}

// restSteps are the contract steps of the rest of families 1-7 (issue 14):
// they run after the main steps have deleted their key, user and team, so
// they make (and delete) their own. The no-database answers were measured
// on real 1.88.0 and 1.106.12 (the same on both).
func restSteps() []step {
	const alias, serviceAlias = "proxyclient-contract-rest-key", "proxyclient-contract-rest-service-key"
	const restUser = "proxyclient-contract-rest-user"
	spend, budget, half := 4.0, 10.0, 2.0
	callback := facade.TeamCallbackAddRequest{CallbackName: "langfuse", CallbackType: facade.TeamCallbackFailure,
		CallbackVars: map[string]string{"langfuse_public_key": "pk-proxyclient-contract", "langfuse_host": "http://127.0.0.1:9"}}
	return []step{
		{name: "user daily activity aggregated", readOnly: true, run: func(ctx context.Context, e *env) error {
			day := time.Now().UTC().Format(time.DateOnly)
			res, err := e.c.Users.DailyActivityAggregated(ctx, &facade.UserActivityOptions{Start: day, End: day})
			if err == nil && (res.Results == nil || res.Metadata.Page != 1 || res.Metadata.TotalPages != 1 || res.Metadata.HasMore) {
				return fmt.Errorf("aggregated activity %+v", res.Metadata)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "user available users", readOnly: true, run: func(ctx context.Context, e *env) error {
			a, err := e.c.Users.AvailableUsers(ctx)
			if err == nil && (a.TotalUsersUsed < 0 || a.TotalTeamsUsed < 0) {
				return fmt.Errorf("available users %+v", a)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		// The no-database proxy stores no models in a database either.
		{name: "model groups make public", run: func(ctx context.Context, e *env) error {
			r, err := e.c.ModelGroups.MakePublic(ctx, []string{"gpt-4o"})
			if err == nil && (len(r.PublicModelGroups) != 1 || r.PublicModelGroups[0] != "gpt-4o") {
				return fmt.Errorf("make public %+v", r)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "STORE_MODEL_IN_DB")},
		{name: "model groups make none public", run: func(ctx context.Context, e *env) error {
			r, err := e.c.ModelGroups.MakePublic(ctx, []string{})
			if err == nil && len(r.PublicModelGroups) != 0 {
				return fmt.Errorf("make none public %+v", r)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "STORE_MODEL_IN_DB")},
		{name: "rest key generate", run: func(ctx context.Context, e *env) error {
			k, err := e.c.Keys.Generate(ctx, &facade.KeyGenerateRequest{KeyAlias: alias, Spend: &spend, MaxBudget: &budget, Duration: "1h"})
			if err == nil {
				restKeys.Store(e, k.Key)
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", dbMessage)},
		{name: "key reset spend", run: func(ctx context.Context, e *env) error {
			r, err := e.c.Keys.ResetSpend(ctx, restKey(e), half)
			if err == nil && (r.Spend != half || r.PreviousSpend != spend || r.MaxBudget == nil || *r.MaxBudget != budget) {
				return fmt.Errorf("reset %+v", r)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "DB not connected. prisma_client is None")},
		{name: "key reset spend above the spend", want: facade.ErrBadRequest, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.ResetSpend(ctx, restKey(e), budget)
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "DB not connected. prisma_client is None")},
		{name: "key reset spend missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.ResetSpend(ctx, "sk-proxyclient-contract-missing-000", 0)
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "DB not connected. prisma_client is None")},
		{name: "key bulk update", run: func(ctx context.Context, e *env) error {
			r, err := e.c.Keys.BulkUpdate(ctx, []facade.KeyBulkUpdateItem{{Key: restKey(e), MaxBudget: &spend},
				{Key: "sk-proxyclient-contract-missing-000", MaxBudget: &spend}})
			if err == nil && (r.TotalRequested != 2 || len(r.SuccessfulUpdates) != 1 || len(r.FailedUpdates) != 1 ||
				r.SuccessfulUpdates[0].KeyInfo["max_budget"] != spend || r.FailedUpdates[0].FailedReason == "") {
				return fmt.Errorf("bulk update %+v", r)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "Database not connected")},
		{name: "user bulk update", run: func(ctx context.Context, e *env) error {
			r, err := e.c.Users.BulkUpdate(ctx, []facade.UserUpdateRequest{{UserID: restUser, UserAlias: "proxyclient contract rest"}})
			if err == nil && (r.TotalRequested != 1 || r.SuccessfulUpdates != 1 || len(r.Results) != 1 || !r.Results[0].Success) {
				return fmt.Errorf("bulk update %+v", r)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "Database not connected")},
		// all_users without user_updates: refused before any user changes.
		{name: "user bulk update without updates", want: facade.ErrBadRequest, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Users.UpdateAll(ctx, &facade.UserUpdateRequest{})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "Database not connected")},
		{name: "rest team create", run: func(ctx context.Context, e *env) error {
			tm, err := e.c.Teams.Create(ctx, &facade.TeamNewRequest{TeamAlias: "proxyclient-contract-rest-team"})
			if err == nil {
				restTeams.Store(e, tm.TeamID)
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "No db connected")},
		{name: "team bulk add members", run: func(ctx context.Context, e *env) error {
			r, err := e.c.Teams.BulkAddMembers(ctx, restTeam(e), []facade.Member{{UserID: restUser, Role: facade.MemberRoleUser}}, &half)
			if err == nil && (r.SuccessfulAdditions != 1 || len(r.Results) != 1 || !r.Results[0].Success || r.UpdatedTeam == nil) {
				return fmt.Errorf("bulk add %+v", r)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		// The add fails (the member is in the team already): HTTP 200, every
		// member failed.
		{name: "team bulk add members again", run: func(ctx context.Context, e *env) error {
			r, err := e.c.Teams.BulkAddMembers(ctx, restTeam(e), []facade.Member{{UserID: restUser, Role: facade.MemberRoleUser}}, nil)
			if err == nil && (r.FailedAdditions != 1 || r.SuccessfulAdditions != 0 || r.Results[0].Success || r.UpdatedTeam != nil) {
				return fmt.Errorf("bulk add again %+v", r)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		// The master key's user (default_user_id) made the team: it is its admin.
		{name: "team member me", run: func(ctx context.Context, e *env) error {
			m, err := e.c.Teams.Me(ctx, restTeam(e))
			if err == nil && (m.TeamID != restTeam(e) || m.Role != "admin") {
				return fmt.Errorf("me %+v", m)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "Database not connected")},
		{name: "team member me missing team", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Teams.Me(ctx, "proxyclient-contract-missing-team")
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "Database not connected")},
		{name: "key generate service account", run: func(ctx context.Context, e *env) error {
			k, err := e.c.Keys.GenerateServiceAccount(ctx, &facade.KeyGenerateRequest{TeamID: restTeam(e), KeyAlias: serviceAlias, Duration: "1h"})
			if err == nil && (k.TeamID != restTeam(e) || k.UserID != "" || k.Key == "") {
				return fmt.Errorf("service account key %+v", k.TeamID)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "key generate service account missing team", want: facade.ErrBadRequest, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.GenerateServiceAccount(ctx, &facade.KeyGenerateRequest{TeamID: "proxyclient-contract-missing-team"})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "team keys update", run: func(ctx context.Context, e *env) error {
			r, err := e.c.Keys.UpdateAllTeamKeys(ctx, restTeam(e), &facade.TeamKeyBulkUpdateFields{MaxBudget: &budget})
			if err == nil && (r.TotalRequested != 1 || len(r.SuccessfulUpdates) != 1 || r.SuccessfulUpdates[0].KeyInfo["max_budget"] != budget) {
				return fmt.Errorf("team keys update %+v", r)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "Database not connected")},
		// The rest key is in no team: a failed update.
		{name: "team keys update, a key of no team", run: func(ctx context.Context, e *env) error {
			r, err := e.c.Keys.UpdateTeamKeys(ctx, restTeam(e), []string{restKey(e)}, &facade.TeamKeyBulkUpdateFields{MaxBudget: &budget})
			if err == nil && (len(r.FailedUpdates) != 1 || r.FailedUpdates[0].FailedReason == "") {
				return fmt.Errorf("team keys update %+v", r)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "Database not connected")},
		{name: "team add permissions", run: func(ctx context.Context, e *env) error {
			r, err := e.c.Teams.AddPermissions(ctx, []string{restTeam(e)}, []string{"/key/list", "/key/info"})
			if err == nil && r.TeamsUpdated != 1 {
				return fmt.Errorf("add permissions %+v", r)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "team add permissions missing team", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Teams.AddPermissions(ctx, []string{restTeam(e), "proxyclient-contract-missing-team"}, []string{"/key/list"})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "team callbacks", run: func(ctx context.Context, e *env) error {
			cb, err := e.c.Teams.Callbacks(ctx, restTeam(e))
			if err == nil && (cb.TeamID != restTeam(e) || cb.SuccessCallbacks == nil) {
				return fmt.Errorf("callbacks %+v", cb)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "team callbacks missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Teams.Callbacks(ctx, "proxyclient-contract-missing-team")
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "team add callback", run: func(ctx context.Context, e *env) error {
			tm, err := e.c.Teams.AddCallback(ctx, restTeam(e), &callback)
			if err == nil && tm.TeamID != restTeam(e) {
				return fmt.Errorf("added to %+v", tm)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "team add callback again", want: facade.ErrBadRequest, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Teams.AddCallback(ctx, restTeam(e), &callback)
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "team disable logging", run: func(ctx context.Context, e *env) error {
			d, err := e.c.Teams.DisableLogging(ctx, restTeam(e))
			if err == nil && (d.TeamID != restTeam(e) || len(d.SuccessCallbacks) != 0) {
				return fmt.Errorf("disabled %+v", d)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "rest team delete", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Teams.Delete(ctx, []string{restTeam(e)})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "rest user delete", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Users.Delete(ctx, []string{restUser})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "No db connected")},
		{name: "rest key delete", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Keys.Delete(ctx, &facade.KeyDeleteRequest{KeyAliases: []string{alias, serviceAlias}})
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Not connected to DB!")},
	}
}
