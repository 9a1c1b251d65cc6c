package contract

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"

	"github.com/litellm-go/proxyclient/facade"
)

// accessGroupIDs hold what the access group steps created, by env.
var (
	accessGroupModelIDs sync.Map // *env -> the id of the database model the model access group holds
	unifiedGroupIDs     sync.Map // *env -> the id of the unified access group
	unifiedAliasIDs     sync.Map // *env -> the id of the group made through the alias route
)

func loadID(m *sync.Map, e *env, standIn string) string {
	if v, ok := m.Load(e); ok {
		return v.(string)
	}
	return standIn
}

// accessGroupSteps exercise the AccessGroups service (issue 14, family 8):
// the model access groups of /access_group/* on a database model of their
// own, and the unified access groups of /v1/access_group (and, through
// c.HTTP, of its alias /v1/unified_access_group). A real proxy without a
// database validates POST /access_group/new before it answers HTTP 500
// "Database not connected. Cannot create access group."; every other route
// answers HTTP 500 {"detail": {"error": "Database not connected."}} (model
// access groups) or {"detail": {"error": "DB not connected. ..."}}
// (unified ones).
func accessGroupSteps() []step {
	const (
		group, missing = "proxyclient-contract-ag", "proxyclient-contract-missing-ag"
		agModel        = "proxyclient-contract-ag-model"
		unified        = "proxyclient-contract-uag"
		missingID      = "proxyclient-contract-missing-uag-id"
	)
	legacyDB := detailEnv(http.StatusInternalServerError, "Database not connected.")
	unifiedDB := detailEnv(http.StatusInternalServerError, "DB not connected")
	modelID := func(e *env) string { return loadID(&accessGroupModelIDs, e, "proxyclient-contract-ag-model-id") }
	groupID := func(e *env) string { return loadID(&unifiedGroupIDs, e, missingID) }
	aliasID := func(e *env) string { return loadID(&unifiedAliasIDs, e, missingID) }
	hasGroup := func(list []facade.UnifiedAccessGroup, id string) bool {
		return slices.ContainsFunc(list, func(g facade.UnifiedAccessGroup) bool { return g.AccessGroupID == id })
	}
	return []step{
		{name: "access group model add", run: func(ctx context.Context, e *env) error {
			rec, err := e.c.Models.Add(ctx, &facade.ModelNewRequest{ModelName: agModel,
				LitellmParams: facade.LiteLLMParams{Model: "openai/gpt-4o-mini"}})
			if err == nil {
				accessGroupModelIDs.Store(e, rec.ModelID)
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "auth_error", "No DB Connected")},
		{name: "access group create", run: func(ctx context.Context, e *env) error {
			ch, err := e.c.AccessGroups.Create(ctx, &facade.ModelAccessGroupRequest{AccessGroup: group, ModelIds: []string{modelID(e)}})
			if err == nil && (ch.AccessGroup != group || ch.ModelsUpdated != 1 || ch.ModelNames != nil) {
				return fmt.Errorf("created %+v", ch)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "Database not connected. Cannot create access group.")},
		{name: "access group create duplicate", wantErr: detailEnv(http.StatusConflict, "already exists"), run: func(ctx context.Context, e *env) error {
			_, err := e.c.AccessGroups.Create(ctx, &facade.ModelAccessGroupRequest{AccessGroup: group, ModelIds: []string{modelID(e)}})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, "Database not connected. Cannot create access group.")},
		// The checks of the body come before the database's: the same answer with and without one.
		{name: "access group create unknown model", wantErr: detailEnv(http.StatusBadRequest, "Model(s) not found: proxyclient-no-such-model"),
			run: func(ctx context.Context, e *env) error {
				_, err := e.c.AccessGroups.Create(ctx, &facade.ModelAccessGroupRequest{AccessGroup: missing, ModelNames: []string{"proxyclient-no-such-model"}})
				return err
			}},
		{name: "access group create without models", wantErr: detailEnv(http.StatusBadRequest, "Either model_names or model_ids must be provided"),
			run: func(ctx context.Context, e *env) error {
				_, err := e.c.AccessGroups.Create(ctx, &facade.ModelAccessGroupRequest{AccessGroup: missing})
				return err
			}},
		{name: "access group create config model", wantErr: detailEnv(http.StatusBadRequest, "Access group management is only supported for database models"),
			run: func(ctx context.Context, e *env) error {
				_, err := e.c.AccessGroups.Create(ctx, &facade.ModelAccessGroupRequest{AccessGroup: missing, ModelNames: []string{e.chatModel(ctx)}})
				return err
			}, noDB: detailEnv(http.StatusInternalServerError, "Database not connected. Cannot create access group.")},
		{name: "access group list", run: func(ctx context.Context, e *env) error {
			list, err := e.c.AccessGroups.List(ctx)
			if err == nil && !slices.ContainsFunc(list, func(g facade.ModelAccessGroup) bool { return g.AccessGroup == group }) {
				return fmt.Errorf("%s not in %+v", group, list)
			}
			return err
		}, noDB: legacyDB},
		{name: "access group get", run: func(ctx context.Context, e *env) error {
			g, err := e.c.AccessGroups.Get(ctx, group)
			if err == nil && (g.DeploymentCount != 1 || !slices.Equal(g.ModelNames, []string{agModel})) {
				return fmt.Errorf("got %+v", g)
			}
			return err
		}, noDB: legacyDB},
		{name: "access group get missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.AccessGroups.Get(ctx, missing)
			return err
		}, noDB: legacyDB},
		{name: "access group update", run: func(ctx context.Context, e *env) error {
			ch, err := e.c.AccessGroups.Update(ctx, group, &facade.ModelAccessGroupUpdateRequest{ModelNames: []string{agModel}})
			if err == nil && (ch.ModelsUpdated != 1 || !slices.Equal(ch.ModelNames, []string{agModel})) {
				return fmt.Errorf("updated %+v", ch)
			}
			return err
		}, noDB: legacyDB},
		{name: "access group update missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.AccessGroups.Update(ctx, missing, &facade.ModelAccessGroupUpdateRequest{ModelNames: []string{agModel}})
			return err
		}, noDB: legacyDB},
		{name: "access group delete", run: func(ctx context.Context, e *env) error {
			d, err := e.c.AccessGroups.Delete(ctx, group)
			if err == nil && (d.ModelsUpdated != 1 || d.AccessGroup != group) {
				return fmt.Errorf("deleted %+v", d)
			}
			return err
		}, noDB: legacyDB},
		{name: "access group delete missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.AccessGroups.Delete(ctx, group)
			return err
		}, noDB: legacyDB},
		{name: "access group model delete", run: func(ctx context.Context, e *env) error {
			_, err := e.c.Models.Delete(ctx, modelID(e))
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "auth_error", "No DB Connected")},

		{name: "unified access group create", run: func(ctx context.Context, e *env) error {
			desc := "contract"
			g, err := e.c.AccessGroups.CreateUnified(ctx, &facade.UnifiedAccessGroupCreateRequest{AccessGroupName: unified,
				Description: desc, AccessModelNames: []string{e.chatModel(ctx)}})
			if err == nil {
				if g.AccessGroupID == "" || g.AccessGroupName != unified || len(g.AccessModelNames) != 1 || g.AssignedKeyIds == nil {
					return fmt.Errorf("created %+v", g)
				}
				unifiedGroupIDs.Store(e, g.AccessGroupID)
			}
			return err
		}, noDB: unifiedDB},
		{name: "unified access group create duplicate", wantErr: detailEnv(http.StatusConflict, "already exists"), run: func(ctx context.Context, e *env) error {
			_, err := e.c.AccessGroups.CreateUnified(ctx, &facade.UnifiedAccessGroupCreateRequest{AccessGroupName: unified})
			return err
		}, noDB: unifiedDB},
		{name: "unified access group list", run: func(ctx context.Context, e *env) error {
			list, err := e.c.AccessGroups.ListUnified(ctx)
			if err == nil && !hasGroup(list, groupID(e)) {
				return fmt.Errorf("%s not in %+v", groupID(e), list)
			}
			return err
		}, noDB: unifiedDB},
		{name: "unified access group get", run: func(ctx context.Context, e *env) error {
			g, err := e.c.AccessGroups.GetUnified(ctx, groupID(e))
			if err == nil && g.AccessGroupName != unified {
				return fmt.Errorf("got %+v", g)
			}
			return err
		}, noDB: unifiedDB},
		{name: "unified access group get missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.AccessGroups.GetUnified(ctx, missingID)
			return err
		}, noDB: unifiedDB},
		{name: "unified access group update", run: func(ctx context.Context, e *env) error {
			updated := "updated"
			g, err := e.c.AccessGroups.UpdateUnified(ctx, groupID(e), &facade.UnifiedAccessGroupUpdateRequest{Description: &updated})
			if err == nil && (g.Description != "updated" || len(g.AccessModelNames) != 1) {
				return fmt.Errorf("updated %+v", g)
			}
			return err
		}, noDB: unifiedDB},
		{name: "unified access group update missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			x := "x"
			_, err := e.c.AccessGroups.UpdateUnified(ctx, missingID, &facade.UnifiedAccessGroupUpdateRequest{Description: &x})
			return err
		}, noDB: unifiedDB},
		// The alias routes, through c.HTTP (the facade uses /v1/access_group).
		{name: "unified access group alias create", run: func(ctx context.Context, e *env) error {
			var g facade.UnifiedAccessGroup
			err := e.c.HTTP.Post(ctx, "/v1/unified_access_group", &facade.UnifiedAccessGroupCreateRequest{AccessGroupName: unified + "-alias"}, &g)
			if err == nil {
				unifiedAliasIDs.Store(e, g.AccessGroupID)
			}
			return err
		}, noDB: unifiedDB},
		{name: "unified access group alias list", run: func(ctx context.Context, e *env) error {
			var list []facade.UnifiedAccessGroup
			err := e.c.HTTP.Get(ctx, "/v1/unified_access_group", &list)
			if err == nil && (!hasGroup(list, groupID(e)) || !hasGroup(list, aliasID(e))) {
				return fmt.Errorf("%s or %s not in %+v", groupID(e), aliasID(e), list)
			}
			return err
		}, noDB: unifiedDB},
		{name: "unified access group alias get", run: func(ctx context.Context, e *env) error {
			var g facade.UnifiedAccessGroup
			return e.c.HTTP.Get(ctx, "/v1/unified_access_group/"+aliasID(e), &g)
		}, noDB: unifiedDB},
		{name: "unified access group alias update", run: func(ctx context.Context, e *env) error {
			var g facade.UnifiedAccessGroup
			err := e.c.HTTP.Do(ctx, &facade.HTTPRequest{Method: http.MethodPut, URI: "/v1/unified_access_group/" + aliasID(e),
				JSON: &facade.UnifiedAccessGroupUpdateRequest{AccessAgentIds: &[]string{}}}, &g)
			if err == nil && g.AccessGroupID != aliasID(e) {
				return fmt.Errorf("updated %+v", g)
			}
			return err
		}, noDB: unifiedDB},
		{name: "unified access group alias delete", run: func(ctx context.Context, e *env) error {
			return e.c.HTTP.Do(ctx, &facade.HTTPRequest{Method: http.MethodDelete, URI: "/v1/unified_access_group/" + aliasID(e)}, nil)
		}, noDB: unifiedDB},
		{name: "unified access group delete", run: func(ctx context.Context, e *env) error {
			return e.c.AccessGroups.DeleteUnified(ctx, groupID(e))
		}, noDB: unifiedDB},
		{name: "unified access group delete missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			return e.c.AccessGroups.DeleteUnified(ctx, groupID(e))
		}, noDB: unifiedDB},
	}
}
