// Field lists of the proxy's response models, taken from the exchanges recorded
// from a real proxy (../shared/realproxy/corpus); keep them in step with it.

package proxytest

import "slices"

// keyGenerateFields are the members of a GenerateKeyResponse (POST /key/generate, /user/new), with the value each takes when unset.
var keyGenerateFields = []viewField{
	{"key_alias", vNull}, {"duration", vNull}, {"models", vArray}, {"spend", vZeroFloat}, {"max_budget", vNull},
	{"user_id", vNull}, {"team_id", vNull}, {"agent_id", vNull}, {"max_parallel_requests", vNull},
	{"metadata", vObject}, {"tpm_limit", vNull}, {"rpm_limit", vNull}, {"budget_duration", vNull},
	{"budget_limits", vNull}, {"allowed_cache_controls", vArray}, {"config", vObject}, {"permissions", vObject},
	{"model_max_budget", vObject}, {"model_rpm_limit", vNull}, {"model_tpm_limit", vNull}, {"guardrails", vNull},
	{"policies", vNull}, {"prompts", vNull}, {"blocked", vNull}, {"aliases", vObject},
	{"object_permission", vNull}, {"key", vNull}, {"budget_id", vNull}, {"tags", vNull},
	{"disable_global_guardrails", vNull}, {"enforced_params", vNull}, {"allowed_routes", vArray},
	{"allowed_passthrough_routes", vNull}, {"allowed_vector_store_indexes", vNull}, {"rpm_limit_type", vNull},
	{"tpm_limit_type", vNull}, {"router_settings", vObject}, {"access_group_ids", vArray}, {"key_name", vNull},
	{"expires", vNull}, {"token_id", vNull}, {"organization_id", vNull}, {"project_id", vNull},
	{"litellm_budget_table", vNull}, {"token", vNull}, {"created_by", vNull}, {"updated_by", vNull},
	{"created_at", vNull}, {"updated_at", vNull},
}

// userNewFields are the members of a POST /user/new response, with the value each takes when unset.
var userNewFields = withFields(keyGenerateFields,
	viewField{"model_max_budget", vNull}, viewField{"router_settings", vNull}, viewField{"access_group_ids", vNull}, viewField{"user_email", vNull}, viewField{"user_role", vNull}, viewField{"teams", vNull}, viewField{"user_alias", vNull})

// keyInfoFields are the members of a key row as GET /key/info shows it (the "info" object), with the value each takes when unset.
var keyInfoFields = []viewField{
	{"key_name", vNull}, {"key_alias", vNull}, {"soft_budget_cooldown", vFalse}, {"spend", vZeroFloat},
	{"expires", vNull}, {"models", vArray}, {"aliases", vObject}, {"config", vObject},
	{"router_settings", vObject}, {"user_id", vNull}, {"team_id", vNull}, {"agent_id", vNull},
	{"project_id", vNull}, {"permissions", vObject}, {"max_parallel_requests", vNull}, {"metadata", vObject},
	{"blocked", vNull}, {"tpm_limit", vNull}, {"rpm_limit", vNull}, {"max_budget", vNull},
	{"budget_duration", vNull}, {"budget_reset_at", vNull}, {"allowed_cache_controls", vArray},
	{"allowed_routes", vArray}, {"policies", vArray}, {"access_group_ids", vArray}, {"model_spend", vObject},
	{"model_max_budget", vObject}, {"budget_id", vNull}, {"organization_id", vNull},
	{"object_permission_id", vNull}, {"created_at", vNull}, {"created_by", vNull}, {"updated_at", vNull},
	{"updated_by", vNull}, {"last_active", vNull}, {"rotation_count", vZero}, {"auto_rotate", vFalse},
	{"rotation_interval", vNull}, {"last_rotation_at", vNull}, {"key_rotation_at", vNull},
	{"budget_limits", vNull}, {"litellm_budget_table", vNull}, {"litellm_organization_table", vNull},
	{"litellm_project_table", vNull}, {"object_permission", vNull}, {"jwt_key_mappings", vNull},
}

// keyUnblockFields are the members of a key row as POST /key/unblock returns it, with the value each takes when unset.
var keyUnblockFields = withFields(keyInfoFields, viewField{"token", vNull}, viewField{"blocked", vFalse})

// userInfoKeyFields are the members of a key in GET /user/info for one user, with the value each takes when unset.
var userInfoKeyFields = withFields(keyInfoFields, viewField{"token", vNull}, viewField{"team_alias", vNull})

// teamInfoKeyFields are the members of a key in GET /team/info, with the value each takes when unset.
var teamInfoKeyFields = withFields(keyInfoFields, viewField{"token", vNull})

// keyTableFields are the members of a LiteLLM_VerificationToken row as the proxy returns it unchanged (/key/block, /user/info for an admin, /key/list), with the value each takes when unset.
var keyTableFields = []viewField{
	{"token", vNull}, {"key_name", vNull}, {"key_alias", vNull}, {"spend", vZeroFloat}, {"max_budget", vNull},
	{"expires", vNull}, {"models", vArray}, {"aliases", vObject}, {"config", vObject}, {"user_id", vNull},
	{"team_id", vNull}, {"agent_id", vNull}, {"project_id", vNull}, {"max_parallel_requests", vNull},
	{"metadata", vObject}, {"tpm_limit", vNull}, {"rpm_limit", vNull}, {"budget_duration", vNull},
	{"budget_reset_at", vNull}, {"allowed_cache_controls", vArray}, {"allowed_routes", vArray},
	{"permissions", vObject}, {"model_spend", vObject}, {"model_max_budget", vObject},
	{"soft_budget_cooldown", vFalse}, {"blocked", vNull}, {"litellm_budget_table", vNull}, {"org_id", vNull},
	{"created_at", vNull}, {"created_by", vNull}, {"updated_at", vNull}, {"updated_by", vNull},
	{"last_active", vNull}, {"object_permission_id", vNull}, {"object_permission", vNull},
	{"access_group_ids", vArray}, {"rotation_count", vZero}, {"auto_rotate", vFalse},
	{"rotation_interval", vNull}, {"last_rotation_at", vNull}, {"key_rotation_at", vNull},
	{"router_settings", vObject}, {"budget_limits", vNull},
}

// keyBlockFields are the members of a key row as POST /key/block and /key/unblock return it, with the value each takes when unset.
var keyBlockFields = withFields(keyTableFields, viewField{"blocked", vFalse})

// userInfoAdminKeyFields are the members of a key in GET /user/info asked by an admin without user_id, with the value each takes when unset.
var userInfoAdminKeyFields = withFields(keyTableFields, viewField{"team_alias", vNull})

// keyListFields are the members of a key in GET /key/list with return_full_object (LiteLLM_VerificationTokenView), with the value each takes when unset.
var keyListFields = withFields(keyTableFields, []viewField{
	{"team_alias", vNull}, {"team_spend", vNull}, {"team_tpm_limit", vNull}, {"team_rpm_limit", vNull},
	{"team_max_budget", vNull}, {"team_soft_budget", vNull}, {"team_models", vArray}, {"team_blocked", vFalse},
	{"soft_budget", vNull}, {"team_model_aliases", vNull}, {"team_member", vNull}, {"team_metadata", vNull},
	{"team_object_permission_id", vNull}, {"team_member_spend", vNull}, {"team_member_tpm_limit", vNull},
	{"team_member_rpm_limit", vNull}, {"end_user_id", vNull}, {"end_user_tpm_limit", vNull},
	{"end_user_rpm_limit", vNull}, {"end_user_max_budget", vNull}, {"end_user_model_max_budget", vNull},
	{"organization_alias", vNull}, {"organization_max_budget", vNull}, {"organization_tpm_limit", vNull},
	{"organization_rpm_limit", vNull}, {"organization_metadata", vNull}, {"project_alias", vNull},
	{"project_metadata", vNull}, {"last_refreshed_at", vNull}, {"api_key", vNull}, {"user_role", vNull},
	{"allowed_model_region", vNull}, {"parent_otel_span", vNull}, {"rpm_limit_per_model", vNull},
	{"tpm_limit_per_model", vNull}, {"user_tpm_limit", vNull}, {"user_rpm_limit", vNull}, {"user_email", vNull},
	{"user_spend", vNull}, {"user_max_budget", vNull}, {"request_route", vNull}, {"user", vNull},
	{"created_by_user", vNull}, {"end_user_object_permission", vNull}, {"team_object_permission", vNull},
	{"jwt_claims", vNull},
}...)

// userRowFields are the members of a user row (GET /user/info user_info, POST /user/update data), with the value each takes when unset.
var userRowFields = []viewField{
	{"user_id", vNull}, {"user_alias", vNull}, {"team_id", vNull}, {"sso_user_id", vNull},
	{"organization_id", vNull}, {"object_permission_id", vNull}, {"teams", vArray}, {"user_role", vNull},
	{"max_budget", vNull}, {"spend", vZeroFloat}, {"user_email", vNull}, {"models", vArray},
	{"metadata", vObject}, {"max_parallel_requests", vNull}, {"tpm_limit", vNull}, {"rpm_limit", vNull},
	{"budget_duration", vNull}, {"budget_reset_at", vNull}, {"allowed_cache_controls", vArray},
	{"policies", vArray}, {"model_spend", vObject}, {"model_max_budget", vObject}, {"created_at", vNull},
	{"updated_at", vNull}, {"litellm_organization_table", vNull}, {"organization_memberships", vNull},
	{"invitations_created", vNull}, {"invitations_updated", vNull}, {"invitations_user", vNull},
	{"object_permission", vNull},
}

// updatedUserFields are the members of a user in POST /team/member_add updated_users, with the value each takes when unset.
var updatedUserFields = withoutFields(userRowFields, "team_id", "organization_id", "object_permission_id", "max_parallel_requests", "allowed_cache_controls", "policies", "litellm_organization_table", "invitations_created", "invitations_updated", "invitations_user")

// userListFields are the members of a user in GET /user/list, with the value each takes when unset.
var userListFields = withFields(updatedUserFields, viewField{"key_count", vZero})

// teamRowFields are the members of a team row (POST /team/new, /team/member_add), with the value each takes when unset.
var teamRowFields = []viewField{
	{"team_alias", vNull}, {"team_id", vNull}, {"organization_id", vNull}, {"admins", vArray},
	{"members", vArray}, {"members_with_roles", vArray}, {"team_member_permissions", vArray},
	{"metadata", vObject}, {"tpm_limit", vNull}, {"rpm_limit", vNull}, {"max_budget", vNull},
	{"soft_budget", vNull}, {"budget_duration", vNull}, {"budget_limits", vNull}, {"models", vArray},
	{"blocked", vFalse}, {"router_settings", vObject}, {"access_group_ids", vArray},
	{"default_team_member_models", vArray}, {"spend", vZeroFloat}, {"max_parallel_requests", vNull},
	{"budget_reset_at", vNull}, {"model_id", vNull}, {"litellm_model_table", vNull}, {"object_permission", vNull},
	{"updated_at", vNull}, {"created_at", vNull}, {"object_permission_id", vNull},
}

// teamInfoFields are the members of GET /team/info team_info, with the value each takes when unset.
var teamInfoFields = withFields(teamRowFields, viewField{"max_budget", vZeroFloat}, viewField{"team_member_budget_table", vNull}, viewField{"access_group_models", vNull}, viewField{"access_group_mcp_server_ids", vNull}, viewField{"access_group_agent_ids", vNull})

// teamListFields are the members of a team in GET /team/list, with the value each takes when unset.
var teamListFields = withFields(teamRowFields, viewField{"team_memberships", vArray}, viewField{"keys", vArray})

// teamV2Fields are the members of a team in GET /v2/team/list, with the value each takes when unset.
var teamV2Fields = withFields(teamRowFields, viewField{"members_count", vZero}, viewField{"keys_count", vZero}, viewField{"access_group_models", vNull}, viewField{"access_group_mcp_server_ids", vNull}, viewField{"access_group_agent_ids", vNull})

// membershipFields are the members of a LiteLLM_TeamMembership row, with the value each takes when unset.
var membershipFields = []viewField{
	{"user_id", vNull}, {"team_id", vNull}, {"budget_id", vNull}, {"spend", vZeroFloat},
	{"total_spend", vZeroFloat}, {"litellm_budget_table", vObject},
}

// withFields returns base with more added; a field of more that base has
// already replaces its default.
func withFields(base []viewField, more ...viewField) []viewField {
	out := slices.Clone(base)
	for _, m := range more {
		if i := slices.IndexFunc(out, func(f viewField) bool { return f.name == m.name }); i >= 0 {
			out[i] = m
		} else {
			out = append(out, m)
		}
	}
	return out
}

// withoutFields returns base without the fields named.
func withoutFields(base []viewField, names ...string) []viewField {
	return slices.DeleteFunc(slices.Clone(base), func(f viewField) bool { return slices.Contains(names, f.name) })
}

// viewKind is the value a view field takes when the row does not set it.
type viewKind int

const (
	vNull      viewKind = iota // null
	vArray                     // []
	vObject                    // {}
	vFalse                     // false
	vZero                      // 0
	vZeroFloat                 // 0.0
)

func (k viewKind) value() any {
	switch k {
	case vArray:
		return []any{}
	case vObject:
		return map[string]any{}
	case vFalse:
		return false
	case vZero:
		return 0
	case vZeroFloat:
		return 0.0
	}
	return nil
}

// viewField is one member of a rendered row.
type viewField struct {
	name string
	def  viewKind
}

// view renders row as one of the proxy's response models: exactly the
// fields listed, each from row or, when row does not have it, its default.
func view(fields []viewField, row map[string]any) map[string]any {
	out := make(map[string]any, len(fields))
	for _, f := range fields {
		if v, ok := row[f.name]; ok {
			out[f.name] = v
		} else {
			out[f.name] = f.def.value()
		}
	}
	return out
}

// defaultRouterSettings is the router_settings of a GenerateKeyResponse
// when the request sets none.
func defaultRouterSettings() map[string]any {
	out := map[string]any{"model_group_alias": map[string]any{}}
	for _, f := range []string{"routing_strategy_args", "routing_strategy", "routing_groups", "model_group_retry_policy",
		"model_group_affinity_config", "allowed_fails", "cooldown_time", "num_retries", "timeout", "max_retries",
		"retry_after", "fallbacks", "context_window_fallbacks"} {
		out[f] = nil
	}
	return out
}
