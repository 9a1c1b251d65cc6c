package proxytest_test

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCredentials(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	created := mustOK(t, call(t, srv, "POST", "/credentials", srv.MasterKey, map[string]any{
		"credential_name":   "azure-prod",
		"credential_info":   map[string]any{"custom_llm_provider": "azure"},
		"credential_values": map[string]any{"api_key": "sk-test-upstream-1234", "api_base": "https://az.test", "token": "abc", "max_retries": 3},
	})).Map(t)
	if diff := cmp.Diff(map[string]any{"success": true, "message": "Credential created successfully"}, created); diff != "" {
		t.Errorf("create (-want +got):\n%s", diff)
	}
	// Values whose names look secret are masked; others are clear.
	wantValues := map[string]any{"api_key": "sk****34", "api_base": "https://az.test", "token": "*****", "max_retries": 3.0}
	got := mustOK(t, call(t, srv, "GET", "/credentials/by_name/azure-prod", srv.MasterKey, nil)).Map(t)
	if diff := cmp.Diff(map[string]any{"credential_name": "azure-prod", "credential_values": wantValues,
		"credential_info": map[string]any{"custom_llm_provider": "azure"}}, got); diff != "" {
		t.Errorf("get (-want +got):\n%s", diff)
	}
	list := mustOK(t, call(t, srv, "GET", "/credentials", srv.MasterKey, nil)).Map(t)
	if list["success"] != true || cmp.Diff(wantValues, get(list, "credentials", 0, "credential_values")) != "" {
		t.Errorf("list = %v", list)
	}

	dup := call(t, srv, "POST", "/credentials", srv.MasterKey, map[string]any{
		"credential_name": "azure-prod", "credential_info": map[string]any{}, "credential_values": map[string]any{"api_key": "x"},
	})
	wantProxyError(t, dup, 500, "internal_server_error", "Unique constraint failed")

	// PATCH merges values and info, and renames.
	mustOK(t, call(t, srv, "PATCH", "/credentials/azure-prod", srv.MasterKey, map[string]any{
		"credential_name": "azure/eu", "credential_info": map[string]any{"region": "eu"}, "credential_values": map[string]any{"api_version": "2024-10-01"},
	}))
	wantProxyError(t, call(t, srv, "GET", "/credentials/by_name/azure-prod", srv.MasterKey, nil), 404, "internal_server_error",
		"Credential not found. Got credential name: azure-prod")
	got = mustOK(t, call(t, srv, "GET", "/credentials/by_name/"+url.PathEscape("azure/eu"), srv.MasterKey, nil)).Map(t)
	if get(got, "credential_values", "api_version") != "2024-10-01" || get(got, "credential_values", "api_key") != "sk****34" ||
		get(got, "credential_info", "region") != "eu" || get(got, "credential_info", "custom_llm_provider") != "azure" {
		t.Errorf("after patch = %v", got)
	}

	// The quirk: updating a missing credential is an error object sent
	// with HTTP 200 (openai_code an integer); deleting one succeeds.
	quirk := map[string]any{"message": "Credential not found in DB.", "type": "internal_server_error", "param": "None",
		"openai_code": 404.0, "code": "404", "headers": map[string]any{}, "provider_specific_fields": nil}
	if got := mustOK(t, call(t, srv, "DELETE", "/credentials/nope", srv.MasterKey, nil)).Map(t); got["success"] != true {
		t.Errorf("delete of a missing credential = %v", got)
	}
	for _, r := range []result{
		call(t, srv, "PATCH", "/credentials/nope", srv.MasterKey, map[string]any{"credential_name": "nope", "credential_info": map[string]any{}, "credential_values": map[string]any{}}),
	} {
		got := mustOK(t, r).Map(t)
		if diff := cmp.Diff(quirk, got); diff != "" {
			t.Errorf("missing credential (-want +got):\n%s", diff)
		}
		checkSchema(t, "ProxyErrorObject", got)
	}
	del := mustOK(t, call(t, srv, "DELETE", "/credentials/"+url.PathEscape("azure/eu"), srv.MasterKey, nil)).Map(t)
	if del["success"] != true || del["message"] != "Credential deleted successfully" {
		t.Errorf("delete = %v", del)
	}
	if list := mustOK(t, call(t, srv, "GET", "/credentials", srv.MasterKey, nil)).Map(t); len(list["credentials"].([]any)) != 0 {
		t.Errorf("after delete = %v", list)
	}
}

func TestCredentialFromModel(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	mustOK(t, call(t, srv, "POST", "/credentials", srv.MasterKey, map[string]any{
		"credential_name": "from-azure", "credential_info": map[string]any{}, "model_id": "proxytest-gpt-4o-azure",
	}))
	got := mustOK(t, call(t, srv, "GET", "/credentials/by_name/from-azure", srv.MasterKey, nil)).Map(t)
	if get(got, "credential_values", "api_base") != "https://proxytest.openai.azure.com" || get(got, "credential_values", "api_version") != "2024-08-01-preview" {
		t.Errorf("values = %v", got)
	}
	wantProxyError(t, call(t, srv, "POST", "/credentials", srv.MasterKey, map[string]any{
		"credential_name": "x", "credential_info": map[string]any{}, "model_id": "nope",
	}), 404, "internal_server_error", "Model not found")
	d, _ := detail(t, call(t, srv, "POST", "/credentials", srv.MasterKey, map[string]any{
		"credential_name": "x", "credential_info": map[string]any{},
	}), 422).([]any)
	if get(d, 0, "type") != "value_error" {
		t.Errorf("detail = %v", d)
	}
}
