package facade_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestPKCELogin runs the login --pkce flow against the 1.106 emulator:
// discovery, registration, authorization, code exchange, refresh rotation,
// replay refusal and revocation.
func TestPKCELogin(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer(proxytest.WithVersion(proxytest.Version1_106), proxytest.WithSSOAutoApprove())
	defer srv.Close()
	c, err := facade.New(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	contract, err := c.SSO.DiscoverCLIAuth(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if contract.TokenEndpoint != srv.URL+"/token" || contract.Resource != srv.URL {
		t.Fatalf("contract %+v", contract)
	}
	const redirect = "http://127.0.0.1:9/callback"
	clientID, err := c.SSO.RegisterCLIClient(ctx, contract, redirect)
	if err != nil || !strings.HasPrefix(clientID, "llm_dcrc_") {
		t.Fatalf("client id %q, %v", clientID, err)
	}
	verifier, challenge := facade.NewPKCEPair()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(contract.AuthorizeURL(clientID, redirect, "st-1", challenge))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusSeeOther || loc.Query().Get("state") != "st-1" {
		t.Fatalf("authorize: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	code := loc.Query().Get("code")
	if _, err := c.SSO.ExchangeCode(ctx, contract, clientID, redirect, code, verifier+"x"); !isOAuth(err, "invalid_grant") {
		t.Errorf("wrong verifier: %v", err)
	}
	tok, err := c.SSO.ExchangeCode(ctx, contract, clientID, redirect, code, verifier)
	if err != nil {
		t.Fatal(err)
	}
	if tok.ExpiresIn != 86400 || !strings.HasPrefix(tok.RefreshToken, "llm_srefresh_") || tok.UserID != "sso-user" {
		t.Errorf("token %v", tok)
	}
	if strings.Contains(tok.String(), tok.AccessToken) || strings.Contains(tok.String(), tok.RefreshToken) {
		t.Errorf("String leaks a secret: %s", tok)
	}
	if _, err := c.SSO.ExchangeCode(ctx, contract, clientID, redirect, code, verifier); !isOAuth(err, "invalid_grant") {
		t.Errorf("code replay: %v", err)
	}
	// The key works.
	kc, _ := facade.New(srv.URL, facade.WithAPIKey(tok.AccessToken))
	if _, err := kc.Models.List(ctx, nil); err != nil {
		t.Errorf("the issued key: %v", err)
	}
	next, err := c.SSO.RefreshCLIToken(ctx, contract.TokenEndpoint, clientID, tok.RefreshToken, contract.Resource)
	if err != nil || next.RefreshToken == tok.RefreshToken || next.AccessToken == tok.AccessToken {
		t.Fatalf("refresh: %v, %v", next, err)
	}
	if _, err := c.SSO.RefreshCLIToken(ctx, contract.TokenEndpoint, clientID, tok.RefreshToken, contract.Resource); !isOAuth(err, "invalid_grant") {
		t.Errorf("refresh replay: %v", err)
	}
	if err := c.SSO.RevokeCLIToken(ctx, contract.RevocationEndpoint, clientID, next.RefreshToken); err != nil {
		t.Fatal(err)
	}
	_, err = c.SSO.RefreshCLIToken(ctx, contract.TokenEndpoint, clientID, next.RefreshToken, contract.Resource)
	var oe *facade.OAuthError
	if !errors.As(err, &oe) || oe.Description != "the refresh token was revoked" {
		t.Errorf("refresh after revoke: %v", err)
	}
	rec := facade.PKCEToken(srv.URL, contract, clientID, next, time.Unix(1000, 0))
	if !rec.Renewable() || rec.ExpiresAt != 1000+86400 || rec.Key != next.AccessToken {
		t.Errorf("record %+v", rec)
	}
}

func isOAuth(err error, code string) bool {
	var oe *facade.OAuthError
	return errors.As(err, &oe) && oe.Code == code
}

// TestDiscoverCLIAuthChecks refuses documents that would send credentials
// elsewhere, and a proxy without the route (1.88).
func TestDiscoverCLIAuthChecks(t *testing.T) {
	t.Parallel()
	old := proxytest.NewServer()
	defer old.Close()
	c, _ := facade.New(old.URL)
	var ae *facade.APIError
	if _, err := c.SSO.DiscoverCLIAuth(t.Context()); !errors.As(err, &ae) || ae.StatusCode != http.StatusNotFound {
		t.Errorf("1.88: %v", err)
	}
	tests := []struct{ name, doc, want string }{
		{"foreign token endpoint", `{"contract_version":1,"issuer":"BASE","authorization_endpoint":"BASE/authorize","token_endpoint":"https://evil.example/token",
			"registration_endpoint":"BASE/register","revocation_endpoint":"BASE/revoke","resource":"BASE","code_challenge_methods_supported":["S256"]}`, "outside"},
		{"other issuer", `{"contract_version":1,"issuer":"https://other.example","authorization_endpoint":"BASE/authorize","token_endpoint":"BASE/token",
			"registration_endpoint":"BASE/register","revocation_endpoint":"BASE/revoke","resource":"BASE","code_challenge_methods_supported":["S256"]}`, "is issued for"},
		{"no S256", `{"contract_version":1,"issuer":"BASE","code_challenge_methods_supported":["plain"]}`, "S256"},
		{"version 2", `{"contract_version":2}`, "contract_version 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var base string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(strings.ReplaceAll(tt.doc, "BASE", base)))
			}))
			defer srv.Close()
			base = srv.URL
			c, _ := facade.New(srv.URL)
			if _, err := c.SSO.DiscoverCLIAuth(t.Context()); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}
