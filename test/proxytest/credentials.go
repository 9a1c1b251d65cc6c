package proxytest

import (
	"net/http"
	"slices"
	"strings"

	"github.com/litellm-go/proxyclient/gen"
)

// credential is a stored credential (LiteLLM_CredentialsTable).
type credential struct {
	seq    int64
	name   string
	values map[string]any
	info   map[string]any
}

// masked applies the proxy's _get_masked_values: values whose key name
// contains authorization, token, key or secret are masked (first 2 + "****" +
// last 2 characters, or "*****" for 4 characters or fewer); others are clear.
func masked(values map[string]any) map[string]any {
	out := make(map[string]any, len(values))
	for k, v := range values {
		lk := strings.ToLower(k)
		secret := false
		for _, s := range []string{"authorization", "token", "key", "secret"} {
			secret = secret || strings.Contains(lk, s)
		}
		if s, ok := v.(string); ok && secret {
			if len(s) > 4 {
				v = s[:2] + "****" + s[len(s)-2:]
			} else {
				v = "*****"
			}
		}
		out[k] = v
	}
	return out
}

// credentialView is a credential as the proxy shows it: gen.Credential
// without omitempty (an empty credential_info is sent as {}).
type credentialView struct {
	CredentialInfo   map[string]any `json:"credential_info"`
	CredentialName   string         `json:"credential_name"`
	CredentialValues map[string]any `json:"credential_values"`
}

func (c *credential) view() credentialView {
	return credentialView{CredentialName: c.name, CredentialValues: masked(c.values), CredentialInfo: deepCopyMap(c.info)}
}

// credentialNotFound is the proxy quirk of §1.3d: the error object of a
// missing credential, answered with HTTP 200.
func credentialNotFound() map[string]any {
	return returnedErr(http.StatusNotFound, "Credential not found in DB.")
}

// CredentialList serves GET /credentials.
func (h *handler) CredentialList(w http.ResponseWriter, _ *http.Request) {
	h.do(w, func() (any, *apiError) {
		cs := make([]*credential, 0, len(h.credentials))
		for _, c := range h.credentials {
			cs = append(cs, c)
		}
		slices.SortFunc(cs, func(a, b *credential) int { return int(a.seq - b.seq) })
		list := struct {
			Credentials []credentialView `json:"credentials"`
			Success     bool             `json:"success"`
		}{Credentials: make([]credentialView, len(cs)), Success: true}
		for i, c := range cs {
			list.Credentials[i] = c.view()
		}
		return list, nil
	})
}

// CredentialCreate serves POST /credentials.
func (h *handler) CredentialCreate(w http.ResponseWriter, r *http.Request) {
	req, body, ok := decodeBody[gen.CredentialCreateRequest](w, r)
	if !ok {
		return
	}
	if len(mapOr(body["credential_values"])) == 0 && req.ModelID == "" {
		writeError(w, valueError("Either credential_values or model_id must be set", body))
		return
	}
	h.do(w, func() (any, *apiError) {
		values := deepCopyMap(req.CredentialValues)
		if req.ModelID != "" {
			d := h.deploymentByID(req.ModelID)
			if d == nil {
				return nil, proxyErr(http.StatusNotFound, "internal_server_error", "None", "Model not found")
			}
			values = map[string]any{}
			for _, k := range []string{"api_key", "api_base", "api_version", "aws_access_key_id", "aws_secret_access_key",
				"aws_region_name", "vertex_project", "vertex_location", "vertex_credentials"} {
				if v, ok := d.params[k]; ok {
					values[k] = deepCopy(v)
				}
			}
			if len(values) == 0 {
				return nil, wrappedErr(http.StatusBadRequest, "Credential values are required. Unable to infer credential values from model ID.")
			}
		}
		if h.credentials[req.CredentialName] != nil {
			return nil, proxyErr(http.StatusInternalServerError, "internal_server_error", "None",
				"Unique constraint failed on the fields: (`credential_name`)")
		}
		h.credentials[req.CredentialName] = &credential{seq: h.nextSeq(), name: req.CredentialName,
			values: values, info: deepCopyMap(req.CredentialInfo)}
		return gen.SuccessResponse{Success: true, Message: "Credential created successfully"}, nil
	})
}

// CredentialGet serves GET /credentials/by_name/{credential_name}.
func (h *handler) CredentialGet(w http.ResponseWriter, _ *http.Request, credentialName string) {
	h.do(w, func() (any, *apiError) {
		c := h.credentials[credentialName]
		if c == nil {
			return nil, proxyErr(http.StatusNotFound, "internal_server_error", "None", "Credential not found. Got credential name: "+credentialName)
		}
		return c.view(), nil
	})
}

// CredentialUpdate serves PATCH /credentials/{credential_name}: values and
// info are merged, a new credential_name renames. A missing credential is
// answered with HTTP 200 and an error object, as the proxy does.
func (h *handler) CredentialUpdate(w http.ResponseWriter, r *http.Request, credentialName string) {
	req, _, ok := decodeBody[gen.CredentialItem](w, r)
	if !ok {
		return
	}
	h.do(w, func() (any, *apiError) {
		c := h.credentials[credentialName]
		if c == nil {
			return credentialNotFound(), nil
		}
		if req.CredentialName != "" && req.CredentialName != credentialName {
			if h.credentials[req.CredentialName] != nil {
				return returnedErr(http.StatusInternalServerError, "Internal Server Error, Unique constraint failed on the fields: (`credential_name`)"), nil
			}
			delete(h.credentials, credentialName)
			c.name = req.CredentialName
			h.credentials[c.name] = c
		}
		for k, v := range req.CredentialValues {
			if v != nil && v != "" {
				c.values[k] = deepCopy(v)
			}
		}
		for k, v := range req.CredentialInfo {
			c.info[k] = deepCopy(v)
		}
		return gen.SuccessResponse{Success: true, Message: "Credential updated successfully"}, nil
	})
}

// CredentialDelete serves DELETE /credentials/{credential_name}. A missing
// credential is answered with HTTP 200 and an error object, as the proxy does.
func (h *handler) CredentialDelete(w http.ResponseWriter, _ *http.Request, credentialName string) {
	h.do(w, func() (any, *apiError) {
		// The proxy's delete_many succeeds for a name it does not have.
		delete(h.credentials, credentialName)
		return gen.SuccessResponse{Success: true, Message: "Credential deleted successfully"}, nil
	})
}
