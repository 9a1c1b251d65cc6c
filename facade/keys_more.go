package facade

import (
	"context"
	"fmt"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// Wire types of the key spend reset and the bulk key updates.
type (
	// KeyResetSpendResponse is the answer of POST /key/{key}/reset_spend:
	// the key's hash, its new and previous spend, its max_budget and
	// budget_reset_at.
	KeyResetSpendResponse = gen.KeyResetSpendResponse
	// KeyBulkUpdateItem is one key of [KeysService.BulkUpdate]: Key (a key
	// or its hash) and the fields to set (budget_id, max_budget, team_id;
	// tags on Enterprise proxies only).
	KeyBulkUpdateItem = gen.KeyBulkUpdateItem
	// KeyBulkUpdateResponse is the answer of the bulk key updates: the keys
	// updated (with their rows, no token) and the keys not updated (with
	// the reason).
	KeyBulkUpdateResponse = gen.KeyBulkUpdateResponse
	// KeyBulkUpdateSuccess is a key a bulk update changed.
	KeyBulkUpdateSuccess = gen.KeyBulkUpdateSuccess
	// KeyBulkUpdateFailure is a key a bulk update did not change, and why.
	KeyBulkUpdateFailure = gen.KeyBulkUpdateFailure
)

// ResetSpend sets the spend of key (a key or its hash, escaped in the path)
// to resetTo, which must be between 0 and the key's current spend and not
// above its max_budget (or its budget's). Proxy admins and admins of the
// key's team may.
//
// Endpoint: POST /key/{key}/reset_spend (Python: none).
func (s *KeysService) ResetSpend(ctx context.Context, key string, resetTo float64, opts ...Option) (*KeyResetSpendResponse, error) {
	const method, path = http.MethodPost, "/key/{key}/reset_spend"
	if err := pathParam(method, path, "key", key); err != nil {
		return nil, err
	}
	if resetTo < 0 {
		return nil, fmt.Errorf("%s %s: reset_to must be >= 0", method, path)
	}
	r := newRequest(method, path).
		with(gen.NewKeyResetSpendRequest(s.client.server, key, nil, gen.KeyResetSpendRequest{ResetTo: resetTo}))
	out := new(KeyResetSpendResponse)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// BulkUpdate updates several keys at once (at most 500; proxy admins
// only). Each item is updated on its own: an item that fails (an unknown
// key or team, an Enterprise-only field) is listed in FailedUpdates with
// the reason and does not stop the others, so a nil error does not mean
// every key changed.
//
// Endpoint: POST /key/bulk_update (Python: none).
func (s *KeysService) BulkUpdate(ctx context.Context, items []KeyBulkUpdateItem, opts ...Option) (*KeyBulkUpdateResponse, error) {
	const method, path = http.MethodPost, "/key/bulk_update"
	if len(items) == 0 {
		return nil, fmt.Errorf("%s %s: no keys to update", method, path)
	}
	for i, it := range items {
		if it.Key == "" {
			return nil, fmt.Errorf("%s %s: item %d has no key", method, path, i)
		}
	}
	r := newRequest(method, path).
		with(gen.NewKeyBulkUpdateRequest(s.client.server, nil, gen.KeyBulkUpdateRequest{Keys: items}))
	out := new(KeyBulkUpdateResponse)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// GenerateServiceAccount makes a service account key of the team
// req.TeamID (required; the team must exist): a key of no user, which
// outlives any user and is held to the team's limits. Other fields are as
// for [KeysService.Generate]; UserID must be empty (the proxy would check
// it and then drop it). Proxy admins and members of the team may.
//
// Endpoint: POST /key/service-account/generate (Python: none).
func (s *KeysService) GenerateServiceAccount(ctx context.Context, req *KeyGenerateRequest, opts ...Option) (*KeyGenerateResponse, error) {
	const method, path = http.MethodPost, "/key/service-account/generate"
	if req == nil || req.TeamID == "" {
		return nil, fmt.Errorf("%s %s: team id is required", method, path)
	}
	if req.UserID != "" {
		return nil, fmt.Errorf("%s %s: a service account key has no user; leave UserID empty", method, path)
	}
	r := newRequest(method, path).with(gen.NewKeyGenerateServiceAccountRequest(s.client.server, nil, *req))
	out := new(KeyGenerateResponse)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}

// TeamKeyBulkUpdateFields are the settings [KeysService.UpdateTeamKeys]
// gives every key: budgets, rate limits, a temporary budget, the duration,
// metadata and (Enterprise) tags; the proxy refuses any other field.
type TeamKeyBulkUpdateFields = gen.TeamKeyBulkUpdateFields

// UpdateTeamKeys gives the keys keyIDs (keys or their hashes, at most 500)
// of the team teamID the settings fields. Each key is updated on its own:
// one not in the team, or that fails, is listed in FailedUpdates with the
// reason. Proxy admins, admins of the team, and members the team lets call
// /key/update may.
//
// Endpoint: POST /team/key/bulk_update (Python: none).
func (s *KeysService) UpdateTeamKeys(ctx context.Context, teamID string, keyIDs []string, fields *TeamKeyBulkUpdateFields, opts ...Option) (*KeyBulkUpdateResponse, error) {
	const method, path = http.MethodPost, "/team/key/bulk_update"
	if len(keyIDs) == 0 {
		return nil, fmt.Errorf("%s %s: at least one key is required", method, path)
	}
	return s.updateTeamKeys(ctx, gen.TeamKeyBulkUpdateRequest{KeyIds: append([]string(nil), keyIDs...)}, teamID, fields, opts)
}

// UpdateAllTeamKeys gives every key of the team teamID that is neither
// blocked nor expired (at most 500) the settings fields; see
// [KeysService.UpdateTeamKeys].
//
// Endpoint: POST /team/key/bulk_update (Python: none).
func (s *KeysService) UpdateAllTeamKeys(ctx context.Context, teamID string, fields *TeamKeyBulkUpdateFields, opts ...Option) (*KeyBulkUpdateResponse, error) {
	return s.updateTeamKeys(ctx, gen.TeamKeyBulkUpdateRequest{AllKeysInTeam: true}, teamID, fields, opts)
}

func (s *KeysService) updateTeamKeys(ctx context.Context, body gen.TeamKeyBulkUpdateRequest, teamID string, fields *TeamKeyBulkUpdateFields, opts []Option) (*KeyBulkUpdateResponse, error) {
	const method, path = http.MethodPost, "/team/key/bulk_update"
	if teamID == "" {
		return nil, fmt.Errorf("%s %s: team id is required", method, path)
	}
	if fields == nil {
		return nil, fmt.Errorf("%s %s: nil fields", method, path)
	}
	body.TeamID, body.UpdateFields = teamID, *fields
	r := newRequest(method, path).with(gen.NewTeamKeyBulkUpdateRequest(s.client.server, nil, body))
	out := new(KeyBulkUpdateResponse)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}
