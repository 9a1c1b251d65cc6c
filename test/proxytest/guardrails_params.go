package proxytest

// The litellm_params members a real proxy answers for a guardrail, as
// recorded (the corpus, and real 1.88.0 and 1.106.12 proxies started with a
// config guardrail). Values are the defaults; a guardrail's own values
// replace them.

// guardrailRowParams are the members of litellm_params in a database row
// (LitellmParams dumped with every default, what POST /guardrails stores and
// answers): recorded from 1.88.0.
var guardrailRowParams = map[string]any{
	"action": "block", "additional_provider_specific_params": nil, "akto_account_id": nil, "akto_api_key": nil,
	"akto_base_url": nil, "akto_vxlan_id": nil, "anonymize_input": nil, "api_base": nil, "api_endpoint": nil,
	"api_id": nil, "api_key": nil, "api_version": "v1", "application": nil, "application_id": nil, "assertions": nil,
	"async_mode": nil, "auth_token": nil, "aws_access_key_id": nil, "aws_bedrock_runtime_endpoint": nil,
	"aws_profile_name": nil, "aws_region_name": nil, "aws_role_name": nil, "aws_secret_access_key": nil,
	"aws_session_name": nil, "aws_session_token": nil, "aws_sts_endpoint": nil, "aws_web_identity_token": nil,
	"base_url": nil, "block_failures": nil, "block_on_error": nil, "block_on_violation": true, "blocked_languages": nil,
	"blocked_words": nil, "blocked_words_file": nil, "breakdown": true, "categories": nil, "category_thresholds": nil,
	"confidence_threshold": 0.5, "config": nil, "content_moderation_check": nil, "credentials": nil, "custom_code": nil,
	"default_action": "deny", "default_on": false, "deployment_name": nil, "detect_execution_intent": true,
	"detect_secrets_config": nil, "detector_id": nil, "detectors": nil, "dev_info": true,
	"disable_exception_on_block": false, "end_session_after_n_fails": nil, "evaluation_id": nil,
	"experimental_use_latest_role_message_only": false, "extra_headers": nil, "fail_on_error": true,
	"grounding_check": nil, "grounding_strictness": nil, "guard_name": nil, "guardrail": nil, "guardrailIdentifier": nil,
	"guardrailVersion": nil, "guardrail_timeout": nil, "hallucinations_check": nil, "include_evidence": true,
	"include_scanners": true, "is_detector_server": true, "keyword_redaction_tag": nil, "lasso_conversation_id": nil,
	"lasso_user_id": nil, "location": nil, "mask": false, "mask_request_content": nil, "mask_response_content": nil,
	"metadata": nil, "mock_redacted_text": nil, "mode": nil, "model": nil, "monitor_mode": nil,
	"on_disallowed_action": "block", "on_flagged": "block", "on_flagged_action": "monitor", "on_violation": nil,
	"optional_params": nil, "output_parse_pii": nil, "pangea_input_recipe": nil, "pangea_output_recipe": nil,
	"pattern_redaction_format": nil, "patterns": nil, "payload": true, "persist_session": nil, "pii_check": nil,
	"pii_entities_config": nil, "policy_id": nil, "policy_name": nil, "policy_names": nil,
	"presidio_ad_hoc_recognizers": nil, "presidio_analyzer_api_base": nil, "presidio_anonymizer_api_base": nil,
	"presidio_entities_deny_list": nil, "presidio_filter_scope": nil, "presidio_language": "en", "presidio_run_on": nil,
	"presidio_score_thresholds": nil, "project_id": nil, "prompt_injections": nil, "realtime_violation_message": nil,
	"rules": nil, "send_user_api_key_alias": false, "send_user_api_key_team_id": false,
	"send_user_api_key_user_id": false, "severity_threshold": nil, "skip_system_message_in_guardrail": nil,
	"skip_tool_message_in_guardrail": nil, "template_id": nil, "tool_selection_quality_check": nil,
	"unreachable_fallback": "fail_closed", "use_v2": false, "verify_ssl": true, "version": 2,
	"violation_message_template": nil, "xecguard_model": nil,
}

// guardrailBaseParams are the members of BaseLitellmParams, what the lists
// and GET /guardrails/{id} coerce litellm_params into (after masking), by
// version; the other members of the guardrail are kept after them.
var guardrailBaseParams = map[string]map[string]any{
	Version1_88: {
		"patterns":           nil,
		"blocked_words":      nil,
		"blocked_words_file": nil, "categories": nil, "severity_threshold": nil, "pattern_redaction_format": nil,
		"keyword_redaction_tag": nil, "api_key": nil, "api_base": nil,
		"experimental_use_latest_role_message_only": false, "skip_system_message_in_guardrail": nil,
		"skip_tool_message_in_guardrail": nil, "category_thresholds": nil, "detect_secrets_config": nil, "guard_name": nil,
		"default_on": false, "mask_request_content": nil, "mask_response_content": nil, "pangea_input_recipe": nil,
		"pangea_output_recipe": nil, "model": nil, "violation_message_template": nil, "end_session_after_n_fails": nil,
		"on_violation": nil, "realtime_violation_message": nil, "template_id": nil, "location": nil, "credentials": nil,
		"api_endpoint": nil, "fail_on_error": true, "additional_provider_specific_params": nil,
		"unreachable_fallback": "fail_closed", "extra_headers": nil, "custom_code": nil,
	},
	Version1_106: {
		"patterns":           nil,
		"blocked_words":      nil,
		"blocked_words_file": nil, "categories": nil, "severity_threshold": nil, "pattern_redaction_format": nil,
		"keyword_redaction_tag": nil, "api_key": nil, "api_base": nil,
		"experimental_use_latest_role_message_only": false, "only_scan_new_messages": false,
		"skip_system_message_in_guardrail": nil, "skip_tool_message_in_guardrail": nil, "scan_only_tool_results": nil,
		"inspect_embeddings": nil, "category_thresholds": nil, "detect_secrets_config": nil, "guard_name": nil,
		"default_on": false, "mask_request_content": nil, "mask_response_content": nil, "pangea_input_recipe": nil,
		"pangea_output_recipe": nil, "model": nil, "violation_message_template": nil, "end_session_after_n_fails": nil,
		"on_violation": nil, "realtime_violation_message": nil, "template_id": nil, "location": nil, "credentials": nil,
		"api_endpoint": nil, "fail_on_error": true, "skip_unscannable_attachments": false, "sanitize_error_detail": true,
		"additional_provider_specific_params": nil, "unreachable_fallback": "fail_closed", "max_input_chars": nil,
		"max_concurrent_decision_calls": nil, "extra_headers": nil, "custom_code": nil, "timeout": nil,
		"on_sensitive_data": nil, "sensitive_data_route_to_model": nil, "sticky_session_routing": true,
		"run_in_parallel": nil, "scan_raw_request": nil, "stream_scope": nil, "logging_only_scope": nil,
		"logging_only_continue_on_input_failure": nil,
	},
}

// guardrailMemoryParams106 are the defaults of LitellmParams that are not
// None in 1.106.12 and not in BaseLitellmParams: GET /v2/guardrails/list
// answers them for a guardrail of the config file.
var guardrailMemoryParams106 = map[string]any{
	"version": 2, "action": "block", "confidence_threshold": 0.5, "detect_execution_intent": true, "on_flagged": "block",
	"is_detector_server": true, "verify_ssl": true, "block_on_violation": true, "send_user_api_key_alias": false,
	"send_user_api_key_user_id": false, "send_user_api_key_team_id": false, "default_action": "deny",
	"on_disallowed_action": "block", "use_v2": false, "on_flagged_action": "monitor", "include_scanners": true,
	"include_evidence": true, "mask": false, "ccr_retrieval": true, "payload": true, "breakdown": true, "dev_info": true,
	"disable_exception_on_block": false, "content_filter_threshold": 0.5, "prompt_attack_threshold": 0.5,
	"pii_confidence_threshold": 0.5, "chunk_budget_chars": 25000, "contextual_grounding_from_messages": false,
	"presidio_language": "en",
}
