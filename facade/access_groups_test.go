package facade_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

func TestAccessGroups(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer()
	defer srv.Close()
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	rec, err := c.Models.Add(ctx, &facade.ModelNewRequest{ModelName: "db-model", LitellmParams: facade.LiteLLMParams{Model: "openai/gpt-4o"}})
	if err != nil {
		t.Fatal(err)
	}
	// A name with a slash and a space stays one path segment.
	const name = "team a/models"
	ch, err := c.AccessGroups.Create(ctx, &facade.ModelAccessGroupRequest{AccessGroup: name, ModelIds: []string{rec.ModelID}})
	if err != nil || ch.ModelsUpdated != 1 || ch.ModelNames != nil || len(ch.ModelIds) != 1 {
		t.Fatalf("create: %+v, %v", ch, err)
	}
	var apiErr *facade.APIError
	if _, err := c.AccessGroups.Create(ctx, &facade.ModelAccessGroupRequest{AccessGroup: name, ModelNames: []string{"db-model"}}); !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusConflict {
		t.Errorf("duplicate: %v, want HTTP 409", err)
	}
	if _, err := c.AccessGroups.Create(ctx, &facade.ModelAccessGroupRequest{AccessGroup: "x", ModelNames: []string{"nope"}}); !errors.Is(err, facade.ErrBadRequest) {
		t.Errorf("unknown model: %v, want ErrBadRequest", err)
	}
	g, err := c.AccessGroups.Get(ctx, name)
	if err != nil || g.AccessGroup != name || g.DeploymentCount != 1 || len(g.ModelNames) != 1 || g.ModelNames[0] != "db-model" {
		t.Errorf("get: %+v, %v", g, err)
	}
	if _, err := c.AccessGroups.Get(ctx, "missing"); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("get missing: %v", err)
	}
	if _, err := c.AccessGroups.Update(ctx, name, &facade.ModelAccessGroupUpdateRequest{}); !errors.Is(err, facade.ErrBadRequest) {
		t.Errorf("update without models: %v", err)
	}
	if ch, err := c.AccessGroups.Update(ctx, name, &facade.ModelAccessGroupUpdateRequest{ModelNames: []string{"db-model"}}); err != nil || ch.ModelsUpdated != 1 {
		t.Errorf("update: %+v, %v", ch, err)
	}
	if list, err := c.AccessGroups.List(ctx); err != nil || len(list) != 1 {
		t.Errorf("list: %+v, %v", list, err)
	}
	if d, err := c.AccessGroups.Delete(ctx, name); err != nil || d.ModelsUpdated != 1 || d.Message == "" {
		t.Errorf("delete: %+v, %v", d, err)
	}
	if list, err := c.AccessGroups.List(ctx); err != nil || list == nil || len(list) != 0 {
		t.Errorf("list after delete: %#v, %v", list, err)
	}

	u, err := c.AccessGroups.CreateUnified(ctx, &facade.UnifiedAccessGroupCreateRequest{AccessGroupName: "u", AssignedTeamIds: []string{"t1"}})
	if err != nil || u.AccessGroupID == "" || u.AccessModelNames == nil || len(u.AssignedTeamIds) != 1 || u.CreatedBy != "default_user_id" {
		t.Fatalf("create unified: %+v, %v", u, err)
	}
	if _, err := c.AccessGroups.CreateUnified(ctx, &facade.UnifiedAccessGroupCreateRequest{AccessGroupName: "u"}); !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusConflict {
		t.Errorf("duplicate unified: %v, want HTTP 409", err)
	}
	if got, err := c.AccessGroups.UpdateUnified(ctx, u.AccessGroupID, &facade.UnifiedAccessGroupUpdateRequest{AccessGroupName: "u2"}); err != nil || got.AccessGroupName != "u2" || len(got.AssignedTeamIds) != 1 {
		t.Errorf("update unified: %+v, %v", got, err)
	}
	if err := c.AccessGroups.DeleteUnified(ctx, u.AccessGroupID); err != nil {
		t.Errorf("delete unified: %v", err)
	}
	if err := c.AccessGroups.DeleteUnified(ctx, u.AccessGroupID); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("delete unified again: %v", err)
	}
	if _, err := c.AccessGroups.GetUnified(ctx, u.AccessGroupID); !errors.Is(err, facade.ErrNotFound) {
		t.Errorf("get deleted: %v", err)
	}
}

func TestAccessGroupsArguments(t *testing.T) {
	t.Parallel()
	c, err := facade.New("http://127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"Create nil": func() error { _, err := c.AccessGroups.Create(ctx, nil); return err },
		"Get empty":  func() error { _, err := c.AccessGroups.Get(ctx, ""); return err },
		"Update empty": func() error {
			_, err := c.AccessGroups.Update(ctx, "", &facade.ModelAccessGroupUpdateRequest{})
			return err
		},
		"Update nil":        func() error { _, err := c.AccessGroups.Update(ctx, "g", nil); return err },
		"Delete empty":      func() error { _, err := c.AccessGroups.Delete(ctx, ""); return err },
		"CreateUnified nil": func() error { _, err := c.AccessGroups.CreateUnified(ctx, nil); return err },
		"CreateUnified no name": func() error {
			_, err := c.AccessGroups.CreateUnified(ctx, &facade.UnifiedAccessGroupCreateRequest{})
			return err
		},
		"GetUnified empty": func() error { _, err := c.AccessGroups.GetUnified(ctx, ""); return err },
		"UpdateUnified empty": func() error {
			_, err := c.AccessGroups.UpdateUnified(ctx, "", &facade.UnifiedAccessGroupUpdateRequest{})
			return err
		},
		"UpdateUnified nil":   func() error { _, err := c.AccessGroups.UpdateUnified(ctx, "id", nil); return err },
		"DeleteUnified empty": func() error { return c.AccessGroups.DeleteUnified(ctx, "") },
	} {
		var apiErr *facade.APIError
		if err := call(); err == nil || errors.As(err, &apiErr) {
			t.Errorf("%s: %v, want an argument error before sending", name, err)
		}
	}
}

// TestAccessGroupsDeleteUnifiedBody checks that DeleteUnified accepts the
// empty 204 and refuses a body that is not JSON.
func TestAccessGroupsDeleteUnifiedBody(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		body string
		ok   bool
	}{{"", true}, {"<html>proxy</html>", false}} {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodDelete || r.URL.Path != "/v1/access_group/ag-1" {
				t.Errorf("request %s %s", r.Method, r.URL.Path)
			}
			if tc.body == "" {
				w.WriteHeader(http.StatusNoContent)
				return
			}
			_, _ = w.Write([]byte(tc.body))
		}))
		c, _ := facade.New(ts.URL, facade.WithAPIKey("sk-test"))
		err := c.AccessGroups.DeleteUnified(context.Background(), "ag-1")
		if (err == nil) != tc.ok {
			t.Errorf("body %q: %v", tc.body, err)
		}
		ts.Close()
	}
}

func TestAccessGroups106(t *testing.T) {
	t.Parallel()
	srv := proxytest.NewServer(proxytest.WithVersion(proxytest.Version1_106))
	defer srv.Close()
	c, _ := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey))
	ctx := context.Background()
	if _, err := c.AccessGroups.CreateUnified(ctx, &facade.UnifiedAccessGroupCreateRequest{AccessGroupName: "u", AssignedTeamIds: []string{"no-such-team"}}); !errors.Is(err, facade.ErrBadRequest) {
		t.Errorf("unknown team: %v, want ErrBadRequest", err)
	}
	u, err := c.AccessGroups.CreateUnified(ctx, &facade.UnifiedAccessGroupCreateRequest{AccessGroupName: "u", AccessAgentIds: []string{"agent-1"}})
	if err != nil || len(u.AccessAgents) != 1 || u.AccessAgents[0].ID != "agent-1" || u.AccessAgents[0].Name != nil {
		t.Errorf("create: %+v, %v", u, err)
	}
}
