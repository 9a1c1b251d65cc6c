package facade

import (
	"context"
	"fmt"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// Wire types of the bulk member add.
type (
	// TeamBulkMemberAddResponse is the answer of POST
	// /team/bulk_member_add: one result a member, the counts, and the team
	// as /team/member_add answers it (nil when the members were not added).
	TeamBulkMemberAddResponse = gen.TeamBulkMemberAddResponse
	// TeamBulkMemberAddResult is the outcome for one member.
	TeamBulkMemberAddResult = gen.TeamBulkMemberAddResult
)

// BulkAddMembers adds members (at most 500, each with a Role and a UserID
// or UserEmail) to the team teamID in one /team/member_add, each with the
// team budget maxBudgetInTeam (nil for none); proxy admins only. Members
// already in the team are skipped. When the add fails (an unknown team, only
// members already in it, an admin role on an open-source proxy) the proxy
// still answers 200: every result has Success false and the error (empty
// for some errors), FailedAdditions counts them, and UpdatedTeam is nil.
//
// Endpoint: POST /team/bulk_member_add (Python: none).
func (s *TeamsService) BulkAddMembers(ctx context.Context, teamID string, members []Member, maxBudgetInTeam *float64, opts ...Option) (*TeamBulkMemberAddResponse, error) {
	const method, path = http.MethodPost, "/team/bulk_member_add"
	if len(members) == 0 {
		return nil, fmt.Errorf("%s %s: at least one member is required", method, path)
	}
	for i, m := range members {
		if m.Role == "" {
			return nil, fmt.Errorf("%s %s: member %d: role is required", method, path, i)
		}
		if m.UserID == "" && m.UserEmail == "" {
			return nil, fmt.Errorf("%s %s: member %d: user id or user email is required", method, path, i)
		}
	}
	return s.bulkAdd(ctx, teamID, gen.TeamBulkMemberAddRequest{Members: append([]Member(nil), members...)}, maxBudgetInTeam, opts)
}

// AddAllUsers adds every user of the proxy to the team teamID as role
// user (proxy admins only); see [TeamsService.BulkAddMembers] for the
// answer.
//
// Endpoint: POST /team/bulk_member_add (Python: none).
func (s *TeamsService) AddAllUsers(ctx context.Context, teamID string, maxBudgetInTeam *float64, opts ...Option) (*TeamBulkMemberAddResponse, error) {
	return s.bulkAdd(ctx, teamID, gen.TeamBulkMemberAddRequest{AllUsers: true}, maxBudgetInTeam, opts)
}

func (s *TeamsService) bulkAdd(ctx context.Context, teamID string, body gen.TeamBulkMemberAddRequest, maxBudgetInTeam *float64, opts []Option) (*TeamBulkMemberAddResponse, error) {
	const method, path = http.MethodPost, "/team/bulk_member_add"
	if teamID == "" {
		return nil, fmt.Errorf("%s %s: team id is required", method, path)
	}
	body.TeamID = teamID
	if maxBudgetInTeam != nil {
		b := *maxBudgetInTeam
		body.MaxBudgetInTeam = &b
	}
	r := newRequest(method, path).with(gen.NewTeamBulkMemberAddRequest(s.client.server, body))
	out := new(TeamBulkMemberAddResponse)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// TeamMemberInfo is the caller's membership of a team (GET
// /team/{team_id}/members/me): role, spend and budget in the team.
type TeamMemberInfo = gen.TeamMemberInfo

// Me returns the calling key's user's membership of the team teamID: its
// role, spend and budget in the team. A user who is not a member (a proxy
// admin included) is an error matching [ErrNotFound]; a key without a user
// one matching [ErrBadRequest].
//
// Endpoint: GET /team/{team_id}/members/me (Python: none).
func (s *TeamsService) Me(ctx context.Context, teamID string, opts ...Option) (*TeamMemberInfo, error) {
	const method, path = http.MethodGet, "/team/{team_id}/members/me"
	if err := pathParam(method, path, "team_id", teamID); err != nil {
		return nil, err
	}
	r := newRequest(method, path).with(gen.NewTeamMemberMeRequest(s.client.server, teamID))
	out := new(TeamMemberInfo)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// TeamPermissionsBulkUpdateResponse is the answer of POST
// /team/permissions_bulk_update: how many teams changed, and the
// permissions added.
type TeamPermissionsBulkUpdateResponse = gen.TeamPermissionsBulkUpdateResponse

// AddPermissions adds member permissions (key management routes such as
// /key/generate; see [TeamsService.Permissions]) to the teams teamIDs,
// keeping the permissions they have; proxy admins only. An unknown team is
// an error matching [ErrNotFound], and then no team changes.
//
// Endpoint: POST /team/permissions_bulk_update (Python: none).
func (s *TeamsService) AddPermissions(ctx context.Context, teamIDs, permissions []string, opts ...Option) (*TeamPermissionsBulkUpdateResponse, error) {
	const method, path = http.MethodPost, "/team/permissions_bulk_update"
	if len(teamIDs) == 0 {
		return nil, fmt.Errorf("%s %s: at least one team id is required", method, path)
	}
	return s.addPermissions(ctx, gen.TeamPermissionsBulkUpdateRequest{TeamIds: append([]string(nil), teamIDs...)}, permissions, opts)
}

// AddPermissionsToAll adds member permissions to every team of the proxy;
// see [TeamsService.AddPermissions].
//
// Endpoint: POST /team/permissions_bulk_update (Python: none).
func (s *TeamsService) AddPermissionsToAll(ctx context.Context, permissions []string, opts ...Option) (*TeamPermissionsBulkUpdateResponse, error) {
	return s.addPermissions(ctx, gen.TeamPermissionsBulkUpdateRequest{ApplyToAllTeams: true}, permissions, opts)
}

func (s *TeamsService) addPermissions(ctx context.Context, body gen.TeamPermissionsBulkUpdateRequest, permissions []string, opts []Option) (*TeamPermissionsBulkUpdateResponse, error) {
	const method, path = http.MethodPost, "/team/permissions_bulk_update"
	if len(permissions) == 0 {
		return nil, fmt.Errorf("%s %s: at least one permission is required", method, path)
	}
	body.Permissions = append([]string(nil), permissions...)
	r := newRequest(method, path).with(gen.NewTeamPermissionsBulkUpdateRequest(s.client.server, body))
	out := new(TeamPermissionsBulkUpdateResponse)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}
