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

func TestUsersService_Create(t *testing.T) {
	t.Parallel()
	autoKey := false
	budget := 0.0
	tests := []struct {
		name     string
		req      *UserNewRequest
		wantBody string
	}{
		{"upstream test", &UserNewRequest{UserEmail: "a@b.com"}, `{"user_email":"a@b.com"}`},
		{"nil request is {}", nil, `{}`},
		{
			"roles, teams and zero values that are set",
			&UserNewRequest{UserID: "u1", UserRole: UserRoleInternalUser, AutoCreateKey: &autoKey, MaxBudget: &budget,
				Teams: []UserNewRequestTeam{{TeamID: "t1", UserRole: "admin"}}},
			`{"user_id":"u1","user_role":"internal_user","auto_create_key":false,"max_budget":0,
				"teams":[{"team_id":"t1","user_role":"admin"}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/user/new", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodPost)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testHeader(t, r, "Content-Type", "application/json")
				testJSONBody(t, r, tt.wantBody)
				writeJSON(w, http.StatusOK, `{"user_id":"u1","user_email":"a@b.com","key":"sk-new-key","models":[],"teams":["t1"]}`)
			})
			got, err := c.Users.Create(t.Context(), tt.req)
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			want := &UserNewResponse{UserID: "u1", UserEmail: "a@b.com", Key: "sk-new-key", Models: []string{}, Teams: []any{"t1"}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Create (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUsersService_Get(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		userID    string
		wantQuery url.Values
	}{
		{"by id", "u1", url.Values{"user_id": {"u1"}}},
		{"escaped id", "a&b=c d", url.Values{"user_id": {"a&b=c d"}}},
		{"caller's own user", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/user/info", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodGet)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testQuery(t, r, tt.wantQuery)
				writeJSON(w, http.StatusOK, `{"user_id":"u1","user_info":{"user_id":"u1","spend":1.5},"keys":[],"teams":[{"team_id":"t1"}]}`)
			})
			got, err := c.Users.Get(t.Context(), tt.userID)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			want := &UserInfo{UserID: "u1", UserInfo: User{UserID: "u1", Spend: 1.5}, Keys: []Key{}, Teams: []Team{{TeamID: "t1"}}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Get (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUsersService_Get_notFound(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/user/info", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, `{"detail":{"error":"User not found"}}`)
	})
	_, err := c.Users.Get(t.Context(), "u1")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}

func TestUsersService_GetV2(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		userID    string
		wantQuery url.Values
	}{
		{"by id", "u1", url.Values{"user_id": {"u1"}}},
		{"escaped id", "a&b=c d", url.Values{"user_id": {"a&b=c d"}}},
		{"caller's own user", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/v2/user/info", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodGet)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testQuery(t, r, tt.wantQuery)
				writeJSON(w, http.StatusOK, `{"user_id":"u1","user_email":null,"user_role":"internal_user","spend":1.5,
					"max_budget":null,"models":[],"metadata":{},"teams":["t1"],"sso_user_id":null}`)
			})
			got, err := c.Users.GetV2(t.Context(), tt.userID)
			if err != nil {
				t.Fatalf("GetV2: %v", err)
			}
			want := &UserInfoV2{UserID: "u1", UserRole: UserRoleInternalUser, Spend: 1.5, Models: []string{},
				Metadata: map[string]any{}, Teams: []string{"t1"}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("GetV2 (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUsersService_GetV2_errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		status  int
		body    string
		wantErr error
	}{
		// The proxy's answers for an unknown user and for a key without a user.
		{"not found", http.StatusNotFound,
			`{"error":{"message":"User not found: u1","type":"internal_server_error","param":"None","code":"404"}}`, ErrNotFound},
		{"no user id", http.StatusBadRequest,
			`{"error":{"message":"user_id is required.","type":"internal_server_error","param":"None","code":"400"}}`, ErrBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/v2/user/info", func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, tt.status, tt.body)
			})
			_, err := c.Users.GetV2(t.Context(), "u1")
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestUsersService_List(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		opt       *UserListOptions
		wantQuery url.Values
	}{
		{"nil options send no query", nil, nil},
		{"zero options send no query", &UserListOptions{}, nil},
		{
			"every option",
			&UserListOptions{
				Role: UserRoleProxyAdmin, UserIDs: []string{"u1", "u2"}, SSOUserIDs: []string{"s1"}, UserEmail: "@example.com",
				Team: "t1", OrganizationIDs: []string{"o1", "o2"}, Page: 2, PageSize: 50, SortBy: "created_at", SortOrder: "desc",
			},
			url.Values{
				"role": {"proxy_admin"}, "user_ids": {"u1,u2"}, "sso_user_ids": {"s1"}, "user_email": {"@example.com"},
				"team": {"t1"}, "organization_ids": {"o1,o2"}, "page": {"2"}, "page_size": {"50"}, "sort_by": {"created_at"},
				"sort_order": {"desc"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			mux.HandleFunc("/user/list", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, http.MethodGet)
				testHeader(t, r, "Authorization", "Bearer "+testKey)
				testQuery(t, r, tt.wantQuery)
				writeJSON(w, http.StatusOK, `{"users":[{"user_id":"u1","key_count":2}],"total":1,"page":1,"page_size":25,"total_pages":1}`)
			})
			got, err := c.Users.List(t.Context(), tt.opt)
			if err != nil {
				t.Fatalf("List: %v", err)
			}
			want := &UserList{Users: []User{{UserID: "u1", KeyCount: 2}}, Total: 1, Page: 1, PageSize: 25, TotalPages: 1}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("List (-want +got):\n%s", diff)
			}
		})
	}
}

// usersPageHandler serves n users u0..u{n-1} in pages, as /user/list does.
func usersPageHandler(t *testing.T, n int, calls *atomic.Int32, failPage int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		size, _ := strconv.Atoi(q.Get("page_size"))
		if q.Get("role") != "internal_user" {
			t.Errorf("role = %q, want the caller's filter on every page", q.Get("role"))
		}
		if page == failPage {
			writeJSON(w, http.StatusInternalServerError, `{"error":{"message":"boom","type":"internal_server_error","param":"None","code":"500"}}`)
			return
		}
		var users []string
		for i := (page - 1) * size; i < page*size && i < n; i++ {
			users = append(users, fmt.Sprintf(`{"user_id":"u%d"}`, i))
		}
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"users":[%s],"total":%d,"page":%d,"page_size":%d,"total_pages":%d}`,
			strings.Join(users, ","), n, page, size, (n+size-1)/size))
	}
}

func TestUsersService_All(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	var calls atomic.Int32
	mux.HandleFunc("/user/list", usersPageHandler(t, 5, &calls, 0))
	opt := &UserListOptions{Role: "internal_user", PageSize: 2, UserIDs: []string{}}
	before := *opt
	var got []string
	for u, err := range c.Users.All(t.Context(), opt) {
		if err != nil {
			t.Fatalf("All: %v", err)
		}
		got = append(got, u.UserID)
	}
	if diff := cmp.Diff([]string{"u0", "u1", "u2", "u3", "u4"}, got); diff != "" {
		t.Errorf("users (-want +got):\n%s", diff)
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("pages fetched = %d, want 3", n)
	}
	if diff := cmp.Diff(before, *opt); diff != "" {
		t.Errorf("All changed the options (-before +after):\n%s", diff)
	}
}

func TestUsersService_All_defaultPageSizeAndBreak(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	var calls atomic.Int32
	mux.HandleFunc("/user/list", func(w http.ResponseWriter, r *http.Request) {
		if got := r.URL.Query().Get("page_size"); got != "100" {
			t.Errorf("page_size = %q, want 100", got)
		}
		usersPageHandler(t, 250, &calls, 0)(w, r)
	})
	n := 0
	for _, err := range c.Users.All(t.Context(), &UserListOptions{Role: "internal_user"}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 150 {
			break
		}
	}
	if got := calls.Load(); got != 2 {
		t.Errorf("pages fetched = %d, want 2 (no page after the break)", got)
	}
}

func TestUsersService_All_error(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	var calls atomic.Int32
	mux.HandleFunc("/user/list", usersPageHandler(t, 5, &calls, 2))
	var got []string
	var gotErr error
	for u, err := range c.Users.All(t.Context(), &UserListOptions{Role: "internal_user", PageSize: 2}) {
		if err != nil {
			gotErr = err
			continue
		}
		got = append(got, u.UserID)
	}
	if diff := cmp.Diff([]string{"u0", "u1"}, got); diff != "" {
		t.Errorf("users (-want +got):\n%s", diff)
	}
	if !errors.Is(gotErr, ErrServer) {
		t.Errorf("err = %v, want the page 2 error", gotErr)
	}
}

func TestUsersService_Update(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/user/update", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testHeader(t, r, "Content-Type", "application/json")
		testJSONBody(t, r, `{"user_id":"u1","user_role":"proxy_admin_viewer","models":["gpt-4o"]}`)
		writeJSON(w, http.StatusOK, `{"user_id":"u1","data":{"user_id":"u1","user_role":"proxy_admin_viewer","models":["gpt-4o"]}}`)
	})
	got, err := c.Users.Update(t.Context(), &UserUpdateRequest{UserID: "u1", UserRole: UserRoleProxyAdminViewer, Models: []string{"gpt-4o"}})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	want := &UserUpdateResponse{UserID: "u1", Data: User{UserID: "u1", UserRole: "proxy_admin_viewer", Models: []string{"gpt-4o"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Update (-want +got):\n%s", diff)
	}
}

func TestUsersService_Delete(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/user/delete", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testHeader(t, r, "Authorization", "Bearer "+testKey)
		testHeader(t, r, "Content-Type", "application/json")
		testHeader(t, r, "Litellm-Changed-By", "admin@example.com")
		testJSONBody(t, r, `{"user_ids":["u1","u2"]}`)
		writeJSON(w, http.StatusOK, `2`)
	})
	got, err := c.Users.Delete(t.Context(), []string{"u1", "u2"}, WithHeader("litellm-changed-by", "admin@example.com"))
	if err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if got != 2 {
		t.Errorf("Delete = %d, want 2", got)
	}
}

func TestUsersService_Delete_notFound(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/user/delete", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, `{"detail":{"error":"User not found, passed user_id=u9"}}`)
	})
	n, err := c.Users.Delete(t.Context(), []string{"u9"})
	if n != 0 || !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete = %d, %v; want 0, ErrNotFound", n, err)
	}
}

func TestUsersService_invalid(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", svcNotCalled(t))
	ctx := t.Context()
	errs := map[string]error{}
	_, errs["update nil"] = c.Users.Update(ctx, nil)
	_, errs["update without id or email"] = c.Users.Update(ctx, &UserUpdateRequest{UserAlias: "x"})
	_, errs["delete no ids"] = c.Users.Delete(ctx, nil)
	_, errs["delete empty id"] = c.Users.Delete(ctx, []string{"u1", ""})
	for name, err := range errs {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestUsersService_unauthorized(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusUnauthorized, `{"error":{"message":"Authentication Error","type":"auth_error","param":"None","code":"401"}}`)
	})
	ctx := t.Context()
	errs := map[string]error{}
	_, errs["create"] = c.Users.Create(ctx, &UserNewRequest{UserEmail: "a@b.com"})
	_, errs["get"] = c.Users.Get(ctx, "u1")
	_, errs["list"] = c.Users.List(ctx, nil)
	_, errs["update"] = c.Users.Update(ctx, &UserUpdateRequest{UserID: "u1"})
	_, errs["delete"] = c.Users.Delete(ctx, []string{"u1"})
	for name, err := range errs {
		if !errors.Is(err, ErrUnauthorized) {
			t.Errorf("%s: err = %v, want ErrUnauthorized", name, err)
		}
	}
}

func TestUsersService_ReturnRequest(t *testing.T) {
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
			return c.Users.Create(t.Context(), &UserNewRequest{UserEmail: "a@b.com"}, opt)
		},
			http.MethodPost, prefix + "/user/new", `{"user_email":"a@b.com"}`},
		{"get", func(opt Option) (any, error) { return c.Users.Get(t.Context(), "u1", opt) },
			http.MethodGet, prefix + "/user/info?user_id=u1", ""},
		{"get v2", func(opt Option) (any, error) { return c.Users.GetV2(t.Context(), "u1", opt) },
			http.MethodGet, prefix + "/v2/user/info?user_id=u1", ""},
		{"list", func(opt Option) (any, error) { return c.Users.List(t.Context(), &UserListOptions{Page: 2}, opt) },
			http.MethodGet, prefix + "/user/list?page=2", ""},
		{"update", func(opt Option) (any, error) {
			return c.Users.Update(t.Context(), &UserUpdateRequest{UserEmail: "a@b.com"}, opt)
		},
			http.MethodPost, prefix + "/user/update", `{"user_email":"a@b.com"}`},
		{"delete", func(opt Option) (any, error) {
			n, err := c.Users.Delete(t.Context(), []string{"u1"}, opt)
			if n != 0 {
				return n, err
			}
			return nil, err
		}, http.MethodPost, prefix + "/user/delete", `{"user_ids":["u1"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req *http.Request
			res, err := tt.call(ReturnRequest(&req))
			svcCheckReturned(t, res, err, req, tt.method, tt.url, tt.wantBody)
		})
	}

	var req *http.Request
	n := 0
	for _, err := range c.Users.All(t.Context(), nil, ReturnRequest(&req)) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 0 {
		t.Errorf("All with ReturnRequest yielded %d users", n)
	}
	svcCheckReturned(t, nil, nil, req, http.MethodGet, prefix+"/user/list?page=1&page_size=100", "")
}
