package facade

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTeamsService_Create(t *testing.T) {
	t.Parallel()
	budget := 0.0
	tests := []struct {
		name     string
		req      *TeamNewRequest
		wantBody string
	}{
		{"nil request is {}", nil, `{}`},
		{
			"alias, members and a zero budget",
			&TeamNewRequest{TeamAlias: "ml", MaxBudget: &budget, Models: []string{"gpt-4o"},
				MembersWithRoles: []Member{{Role: MemberRoleAdmin, UserID: "u1"}}},
			`{"team_alias":"ml","max_budget":0,"models":["gpt-4o"],"members_with_roles":[{"role":"admin","user_id":"u1"}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/team/new", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodPost)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testHeader(t, r, "Content-Type", "application/json")
				testJSONBody(t, r, tt.wantBody)
				writeJSON(w, http.StatusOK, `{"team_id":"t1","team_alias":"ml","members_with_roles":[{"role":"admin","user_id":"u1"}],"spend":0}`)
			})
			got, err := c.Teams.Create(t.Context(), tt.req)
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			want := &Team{TeamID: "t1", TeamAlias: "ml", MembersWithRoles: []Member{{Role: MemberRoleAdmin, UserID: "u1"}}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Create (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTeamsService_Get(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/team/info", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testQuery(t, r, url.Values{"team_id": {"t 1&x"}})
		writeJSON(w, http.StatusOK, `{"team_id":"t 1&x","team_info":{"team_id":"t 1&x","team_alias":"ml"},"keys":[],"team_memberships":[{"team_id":"t 1&x","user_id":"u1","spend":0.5}]}`)
	})
	got, err := c.Teams.Get(t.Context(), "t 1&x")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	want := &TeamInfo{TeamID: "t 1&x", TeamInfo: Team{TeamID: "t 1&x", TeamAlias: "ml"}, Keys: []Key{},
		TeamMemberships: []TeamMembership{{TeamID: "t 1&x", UserID: "u1", Spend: 0.5}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}
}

func TestTeamsService_Get_notFound(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/team/info", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, `{"error":{"message":"{'error': 'Team not found, passed team id: t9.'}","type":"auth_error","param":"None","code":"404"}}`)
	})
	if _, err := c.Teams.Get(t.Context(), "t9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}

func TestTeamsService_List(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		opt       *TeamListOptions
		wantQuery url.Values
	}{
		{"nil options", nil, nil},
		{"user and organization", &TeamListOptions{UserID: "u1", OrganizationID: "default_organization"},
			url.Values{"user_id": {"u1"}, "organization_id": {"default_organization"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/team/list", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodGet)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testQuery(t, r, tt.wantQuery)
				writeJSON(w, http.StatusOK, `[{"team_id":"t1","keys":[{"token":"abc"}],"team_memberships":[]},{"team_id":"t2"}]`)
			})
			got, err := c.Teams.List(t.Context(), tt.opt)
			if err != nil {
				t.Fatalf("List: %v", err)
			}
			want := []Team{{TeamID: "t1", Keys: []map[string]any{{"token": "abc"}}, TeamMemberships: []TeamMembership{}}, {TeamID: "t2"}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("List (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTeamsService_ListV2(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		opt       *TeamListV2Options
		wantQuery url.Values
	}{
		{"nil options send the upstream defaults", nil, url.Values{"page": {"1"}, "page_size": {"10"}, "sort_order": {"asc"}}},
		{"zero options send the upstream defaults", &TeamListV2Options{}, url.Values{"page": {"1"}, "page_size": {"10"}, "sort_order": {"asc"}}},
		{
			"every option",
			&TeamListV2Options{UserID: "u1", OrganizationID: "o1", TeamID: "t1", TeamAlias: "ml", Search: "m", Status: "active",
				Page: 3, PageSize: 20, SortBy: "created_at", SortOrder: "desc"},
			url.Values{"user_id": {"u1"}, "organization_id": {"o1"}, "team_id": {"t1"}, "team_alias": {"ml"}, "search": {"m"},
				"status": {"active"}, "page": {"3"}, "page_size": {"20"}, "sort_by": {"created_at"}, "sort_order": {"desc"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/v2/team/list", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodGet)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testQuery(t, r, tt.wantQuery)
				writeJSON(w, http.StatusOK, `{"teams":[{"team_id":"t1","members_count":2,"keys_count":1}],"total":1,"page":1,"page_size":10,"total_pages":1}`)
			})
			got, err := c.Teams.ListV2(t.Context(), tt.opt)
			if err != nil {
				t.Fatalf("ListV2: %v", err)
			}
			want := &TeamListV2{Teams: []Team{{TeamID: "t1", MembersCount: 2, KeysCount: 1}}, Total: 1, Page: 1, PageSize: 10, TotalPages: 1}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ListV2 (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTeamsService_All(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		opt          *TeamListV2Options
		n            int
		wantPageSize string
		wantPages    int32
	}{
		{"three pages of two", &TeamListV2Options{OrganizationID: "o1", PageSize: 2}, 5, "2", 3},
		{"default page size is 100", &TeamListV2Options{OrganizationID: "o1"}, 150, "100", 2},
		{"starting at page 2", &TeamListV2Options{OrganizationID: "o1", PageSize: 2, Page: 2}, 5, "2", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			var calls atomic.Int32
			mux.HandleFunc("/v2/team/list", func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				q := r.URL.Query()
				if q.Get("organization_id") != "o1" || q.Get("sort_order") != "asc" || q.Get("page_size") != tt.wantPageSize {
					t.Errorf("query = %v", q)
				}
				page, _ := strconv.Atoi(q.Get("page"))
				size, _ := strconv.Atoi(q.Get("page_size"))
				var teams []string
				for i := (page - 1) * size; i < page*size && i < tt.n; i++ {
					teams = append(teams, fmt.Sprintf(`{"team_id":"t%d"}`, i))
				}
				writeJSON(w, http.StatusOK, fmt.Sprintf(`{"teams":[%s],"total":%d,"page":%d,"page_size":%d,"total_pages":%d}`,
					strings.Join(teams, ","), tt.n, page, size, (tt.n+size-1)/size))
			})
			before := *tt.opt
			var got []string
			for team, err := range c.Teams.All(t.Context(), tt.opt) {
				if err != nil {
					t.Fatalf("All: %v", err)
				}
				got = append(got, team.TeamID)
			}
			var want []string
			first := 0
			if tt.opt.Page > 1 {
				first = (tt.opt.Page - 1) * 2
			}
			for i := first; i < tt.n; i++ {
				want = append(want, fmt.Sprintf("t%d", i))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("teams (-want +got):\n%s", diff)
			}
			if n := calls.Load(); n != tt.wantPages {
				t.Errorf("pages fetched = %d, want %d", n, tt.wantPages)
			}
			if diff := cmp.Diff(before, *tt.opt); diff != "" {
				t.Errorf("All changed the options (-before +after):\n%s", diff)
			}
		})
	}
}

func TestTeamsService_Available(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/team/available", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testQuery(t, r, nil)
		writeJSON(w, http.StatusOK, `[{"team_id":"t1","team_alias":"open"}]`)
	})
	got, err := c.Teams.Available(t.Context())
	if err != nil {
		t.Fatalf("Available: %v", err)
	}
	if diff := cmp.Diff([]Team{{TeamID: "t1", TeamAlias: "open"}}, got); diff != "" {
		t.Errorf("Available (-want +got):\n%s", diff)
	}
}

func TestTeamsService_Delete(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/team/delete", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testHeader(t, r, "Content-Type", "application/json")
		testJSONBody(t, r, `{"team_ids":["t1","t2"]}`)
		writeJSON(w, http.StatusOK, `{"deleted_teams":["t1","t2"]}`)
	})
	got, err := c.Teams.Delete(t.Context(), []string{"t1", "t2"})
	if err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if diff := cmp.Diff(&TeamDeleteResponse{DeletedTeams: []string{"t1", "t2"}}, got); diff != "" {
		t.Errorf("Delete (-want +got):\n%s", diff)
	}
}

func TestTeamsService_AddMember(t *testing.T) {
	t.Parallel()
	budget := 0.0
	tests := []struct {
		name     string
		members  []Member
		opt      *TeamMemberAddOptions
		wantBody string
	}{
		{
			"one member is sent as a list",
			[]Member{{Role: MemberRoleUser, UserID: "u1"}}, nil,
			`{"team_id":"t1","member":[{"role":"user","user_id":"u1"}]}`,
		},
		{
			"two members with a zero budget in team",
			[]Member{{Role: MemberRoleUser, UserEmail: "a@b.com"}, {Role: MemberRoleAdmin, UserID: "u2"}},
			&TeamMemberAddOptions{MaxBudgetInTeam: &budget, AllowedModels: []string{"gpt-4o"}},
			`{"team_id":"t1","member":[{"role":"user","user_email":"a@b.com"},{"role":"admin","user_id":"u2"}],
				"max_budget_in_team":0,"allowed_models":["gpt-4o"]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/team/member_add", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodPost)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testHeader(t, r, "Content-Type", "application/json")
				testJSONBody(t, r, tt.wantBody)
				writeJSON(w, http.StatusOK, `{"team_id":"t1","members_with_roles":[{"role":"user","user_id":"u1"}],
					"updated_users":[{"user_id":"u1"}],"updated_team_memberships":[{"team_id":"t1","user_id":"u1"}]}`)
			})
			got, err := c.Teams.AddMember(t.Context(), "t1", tt.members, tt.opt)
			if err != nil {
				t.Fatalf("AddMember: %v", err)
			}
			want := &TeamMemberAddResponse{TeamID: "t1", MembersWithRoles: []Member{{Role: MemberRoleUser, UserID: "u1"}},
				UpdatedUsers: []User{{UserID: "u1"}}, UpdatedTeamMemberships: []TeamMembership{{TeamID: "t1", UserID: "u1"}}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("AddMember (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTeamsService_AddMember_alreadyInTeam(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/team/member_add", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusBadRequest, `{"error":{"message":"All users are already in team. Existing members=['u1']","type":"team_member_already_in_team","param":"None","code":"400"}}`)
	})
	_, err := c.Teams.AddMember(t.Context(), "t1", []Member{{Role: MemberRoleUser, UserID: "u1"}}, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Type != "team_member_already_in_team" || !errors.Is(err, ErrBadRequest) {
		t.Errorf("err = %v, want a 400 team_member_already_in_team *APIError", err)
	}
}

func TestTeamsService_invalid(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	ctx := t.Context()
	member := []Member{{Role: MemberRoleUser, UserID: "u1"}}
	errs := map[string]error{}
	_, errs["get empty id"] = c.Teams.Get(ctx, "")
	_, errs["delete no ids"] = c.Teams.Delete(ctx, nil)
	_, errs["delete empty id"] = c.Teams.Delete(ctx, []string{""})
	_, errs["add member no team"] = c.Teams.AddMember(ctx, "", member, nil)
	_, errs["add member no members"] = c.Teams.AddMember(ctx, "t1", nil, nil)
	_, errs["add member no role"] = c.Teams.AddMember(ctx, "t1", []Member{{UserID: "u1"}}, nil)
	_, errs["add member no user"] = c.Teams.AddMember(ctx, "t1", []Member{{Role: MemberRoleUser}}, nil)
	for name, err := range errs {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestTeamsService_unauthorized(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusUnauthorized, `{"detail":{"error":"Only admin users can query all teams/other teams."}}`)
	})
	ctx := t.Context()
	errs := map[string]error{}
	_, errs["create"] = c.Teams.Create(ctx, nil)
	_, errs["get"] = c.Teams.Get(ctx, "t1")
	_, errs["list"] = c.Teams.List(ctx, nil)
	_, errs["list v2"] = c.Teams.ListV2(ctx, nil)
	_, errs["available"] = c.Teams.Available(ctx)
	_, errs["delete"] = c.Teams.Delete(ctx, []string{"t1"})
	_, errs["add member"] = c.Teams.AddMember(ctx, "t1", []Member{{Role: MemberRoleUser, UserID: "u1"}}, nil)
	for name, err := range errs {
		if !errors.Is(err, ErrUnauthorized) {
			t.Errorf("%s: err = %v, want ErrUnauthorized", name, err)
		}
	}
}

func TestTeamsService_ReturnRequest(t *testing.T) {
	t.Parallel()
	c, mux, base := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	prefix := base + basePrefix
	tests := []struct {
		name     string
		call     func(opt Option) (any, error)
		method   string
		url      string
		wantBody string
	}{
		{"create", func(opt Option) (any, error) {
			return c.Teams.Create(t.Context(), &TeamNewRequest{TeamAlias: "ml"}, opt)
		},
			http.MethodPost, prefix + "/team/new", `{"team_alias":"ml"}`},
		{"get", func(opt Option) (any, error) { return c.Teams.Get(t.Context(), "t1", opt) },
			http.MethodGet, prefix + "/team/info?team_id=t1", ""},
		{"list", func(opt Option) (any, error) { return c.Teams.List(t.Context(), &TeamListOptions{UserID: "u1"}, opt) },
			http.MethodGet, prefix + "/team/list?user_id=u1", ""},
		{"list v2", func(opt Option) (any, error) { return c.Teams.ListV2(t.Context(), nil, opt) },
			http.MethodGet, prefix + "/v2/team/list?page=1&page_size=10&sort_order=asc", ""},
		{"available", func(opt Option) (any, error) { return c.Teams.Available(t.Context(), opt) },
			http.MethodGet, prefix + "/team/available", ""},
		{"delete", func(opt Option) (any, error) { return c.Teams.Delete(t.Context(), []string{"t1"}, opt) },
			http.MethodPost, prefix + "/team/delete", `{"team_ids":["t1"]}`},
		{"add member", func(opt Option) (any, error) {
			return c.Teams.AddMember(t.Context(), "t1", []Member{{Role: MemberRoleUser, UserID: "u1"}}, nil, opt)
		}, http.MethodPost, prefix + "/team/member_add", `{"team_id":"t1","member":[{"role":"user","user_id":"u1"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req *http.Request
			res, err := tt.call(ReturnRequest(&req))
			svcCheckReturned(t, res, err, req, tt.method, tt.url, tt.wantBody)
		})
	}

	var req *http.Request
	for range c.Teams.All(t.Context(), nil, ReturnRequest(&req)) {
		t.Error("All with ReturnRequest yielded a value")
	}
	svcCheckReturned(t, nil, nil, req, http.MethodGet, prefix+"/v2/team/list?page=1&page_size=100&sort_order=asc", "")
}
