package contract

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/realproxy"
)

// withTeamSteps inserts teamSteps after the step that adds the user to the
// team (and so before the user and the team are deleted).
func withTeamSteps(steps []step) []step {
	i := slices.IndexFunc(steps, func(s step) bool { return s.name == "team add member" })
	if i < 0 {
		panic("contract: no \"team add member\" step")
	}
	return slices.Insert(steps, i+1, teamSteps()...)
}

// teamUpdateNoDB106: 1.106.12 refuses /team/update without a database in
// its auth check.
var teamUpdateNoDB106 = map[string]*answer{
	realproxy.Newest: errorEnv(http.StatusUnauthorized, "auth_error", "No DB Connected"),
}

// teamSteps exercise the team routes beyond create, get, add member and
// delete. Their no-database answers were checked against 1.88.0 and
// 1.106.12.
func teamSteps() []step {
	const noDBTeam = "No db connected"
	budget := 75.0
	inTeam := 5.0
	return []step{
		{name: "team update", run: func(ctx context.Context, e *env) error {
			tm, err := e.c.Teams.Update(ctx, &facade.TeamUpdateRequest{TeamID: e.teamID, TeamAlias: "contract-team-2", MaxBudget: &budget})
			if err == nil && (tm.TeamAlias != "contract-team-2" || tm.MaxBudget != budget) {
				return fmt.Errorf("updated team %+v", tm)
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", dbMessage), noDBIn: teamUpdateNoDB106},
		{name: "team update missing", want: facade.ErrNotFound, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Teams.Update(ctx, &facade.TeamUpdateRequest{TeamID: "proxyclient-contract-missing-team"})
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", dbMessage), noDBIn: teamUpdateNoDB106},
		{name: "team update member", run: func(ctx context.Context, e *env) error {
			m, err := e.c.Teams.UpdateMember(ctx, &facade.TeamMemberUpdateRequest{TeamID: e.teamID, UserID: e.userID,
				Role: facade.TeamMemberUpdateRoleUser, MaxBudgetInTeam: &inTeam})
			if err == nil && (m.MaxBudgetInTeam == nil || *m.MaxBudgetInTeam != inTeam || m.UserID != e.userID) {
				return fmt.Errorf("updated member %+v", m)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, noDBTeam)},
		{name: "team permissions", run: func(ctx context.Context, e *env) error {
			p, err := e.c.Teams.Permissions(ctx, e.teamID)
			if err == nil && !slices.Contains(p.AllAvailablePermissions, "/key/generate") {
				return fmt.Errorf("permissions %+v", p)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, noDBTeam)},
		{name: "team set permissions", run: func(ctx context.Context, e *env) error {
			tm, err := e.c.Teams.SetPermissions(ctx, e.teamID, []string{"/key/info"})
			if err == nil && !slices.Equal(tm.TeamMemberPermissions, []string{"/key/info"}) {
				return fmt.Errorf("team member permissions %v", tm.TeamMemberPermissions)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, noDBTeam)},
		{name: "team add models", run: func(ctx context.Context, e *env) error {
			tm, err := e.c.Teams.AddModels(ctx, e.teamID, []string{"gpt-4o-mini"})
			if err == nil && !slices.Contains(tm.Models, "gpt-4o-mini") {
				return fmt.Errorf("models %v", tm.Models)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, noDBTeam)},
		{name: "team remove models", run: func(ctx context.Context, e *env) error {
			tm, err := e.c.Teams.RemoveModels(ctx, e.teamID, []string{"gpt-4o-mini", "proxyclient-never-added"})
			if err == nil && slices.Contains(tm.Models, "gpt-4o-mini") {
				return fmt.Errorf("models %v", tm.Models)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, noDBTeam)},
		{name: "team block", run: func(ctx context.Context, e *env) error {
			tm, err := e.c.Teams.Block(ctx, e.teamID)
			if err == nil && !tm.Blocked {
				return fmt.Errorf("team %s not blocked", tm.TeamID)
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Internal server error")},
		{name: "team unblock", run: func(ctx context.Context, e *env) error {
			tm, err := e.c.Teams.Unblock(ctx, e.teamID)
			if err == nil && tm.Blocked {
				return fmt.Errorf("team %s still blocked", tm.TeamID)
			}
			return err
		}, noDB: errorEnv(http.StatusInternalServerError, "internal_server_error", "Internal server error")},
		{name: "team daily activity", readOnly: true, run: func(ctx context.Context, e *env) error {
			now := time.Now().UTC()
			_, err := e.c.Teams.DailyActivity(ctx, &facade.TeamActivityOptions{TeamIDs: []string{e.teamID}, Start: now.AddDate(0, 0, -7), End: now})
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, dbMessage)},
		{name: "team remove member", run: func(ctx context.Context, e *env) error {
			tm, err := e.c.Teams.RemoveMember(ctx, e.teamID, e.userID, "")
			if err == nil && slices.ContainsFunc(tm.MembersWithRoles, func(m facade.Member) bool { return m.UserID == e.userID }) {
				return fmt.Errorf("user still in team %+v", tm.MembersWithRoles)
			}
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, noDBTeam)},
		{name: "team remove member again", want: facade.ErrBadRequest, run: func(ctx context.Context, e *env) error {
			_, err := e.c.Teams.RemoveMember(ctx, e.teamID, e.userID, "")
			return err
		}, noDB: detailEnv(http.StatusInternalServerError, noDBTeam)},
	}
}
