package facade

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// KeysService manages virtual keys
// (https://docs.litellm.ai/docs/proxy/virtual_keys).
//
// Methods that take a key accept the key itself ("sk-...") or its hash (the
// token). A key is sent in the request body, or escaped in the URL, and is
// never part of an error message.
type KeysService service

// Wire types of the key endpoints. They are the generated types of gen/,
// named here so that users import only facade.
type (
	// KeyGenerateRequest is the body of POST /key/generate (upstream:
	// GenerateKeyRequest). Every field is optional.
	KeyGenerateRequest = gen.KeyGenerateRequest
	// KeyGenerateResponse is the answer of POST /key/generate and of the
	// regenerate routes. Key holds the new key: it is shown only here.
	KeyGenerateResponse = gen.KeyGenerateResponse
	// KeyUpdateRequest is the body of POST /key/update (upstream:
	// UpdateKeyRequest). Key is required; only the fields that are set change.
	KeyUpdateRequest = gen.KeyUpdateRequest
	// KeyDeleteRequest is the body of POST /key/delete: the keys (or hashes)
	// and the key aliases to delete; at least one must be given.
	KeyDeleteRequest = gen.KeyDeleteRequest
	// KeyDeleteResponse is the answer of POST /key/delete: the keys or
	// aliases deleted, as they were passed.
	KeyDeleteResponse = gen.KeyDeleteResponse
	// KeyRegenerateRequest is the optional body of POST
	// /key/{key}/regenerate (upstream: RegenerateKeyRequest): new settings,
	// a chosen new_key, or a grace_period for the old key.
	KeyRegenerateRequest = gen.KeyRegenerateRequest
	// KeyInfo is the answer of GET /key/info: the key as passed and its row.
	KeyInfo = gen.KeyInfo
	// Key is a virtual key as the proxy stores it (LiteLLM_VerificationToken).
	// Token is its hash. In a [KeyList] without full objects only Token is set.
	Key = gen.KeyRecord
)

// Values of [KeyListOptions.SortBy].
const (
	KeySortBySpend     = "spend"
	KeySortByMaxBudget = "max_budget"
	KeySortByCreatedAt = "created_at"
	KeySortByUpdatedAt = "updated_at"
	KeySortByToken     = "token"
	KeySortByKeyAlias  = "key_alias"
)

// KeyListOptions are the query parameters of GET /key/list. A zero field is
// not sent, and every zero value is also the proxy's default (page 1, 10
// keys a page, hashes only), so a false flag means the same as upstream's
// "false"; to put one on the wire anyway, add WithQuery("include_team_keys",
// "false") to the call. The facade declares its own struct because the
// generated parameters are all pointers.
type KeyListOptions struct {
	// Page is the page number, from 1.
	Page int
	// Size is the number of keys per page, 1 to 100.
	Size int
	// UserID lists the keys of this user (a partial match on v1.88).
	UserID string
	// TeamID lists the keys of this team.
	TeamID string
	// OrganizationID lists the keys of this organization.
	OrganizationID string
	// KeyHash lists the key with this hash.
	KeyHash string
	// KeyAlias lists the keys with this alias (a partial match on v1.88).
	KeyAlias string
	// ReturnFullObject returns whole key rows instead of hashes.
	ReturnFullObject bool
	// IncludeTeamKeys adds the keys of the teams the caller administers.
	IncludeTeamKeys bool
	// IncludeCreatedByKeys adds the keys the caller created.
	IncludeCreatedByKeys bool
	// SortBy is one of the KeySortBy constants.
	SortBy string
	// SortOrder is "asc" or "desc" (the proxy's default).
	SortOrder string
	// Expand asks for related objects ("user"); it implies full objects.
	Expand []string
	// Status is "deleted" to list deleted keys.
	Status string
	// ProjectID lists the keys of this project.
	ProjectID string
	// AccessGroupID lists the keys of this access group.
	AccessGroupID string
}

func (o *KeyListOptions) params() *gen.KeyListParams {
	if o == nil {
		return nil
	}
	p := &gen.KeyListParams{
		Page:                 setOrNil(o.Page),
		Size:                 setOrNil(o.Size),
		UserID:               setOrNil(o.UserID),
		TeamID:               setOrNil(o.TeamID),
		OrganizationID:       setOrNil(o.OrganizationID),
		KeyHash:              setOrNil(o.KeyHash),
		KeyAlias:             setOrNil(o.KeyAlias),
		ReturnFullObject:     setOrNil(o.ReturnFullObject),
		IncludeTeamKeys:      setOrNil(o.IncludeTeamKeys),
		IncludeCreatedByKeys: setOrNil(o.IncludeCreatedByKeys),
		SortBy:               setOrNil(o.SortBy),
		SortOrder:            setOrNil(gen.KeyListParamsSortOrder(o.SortOrder)),
		Status:               setOrNil(o.Status),
		ProjectID:            setOrNil(o.ProjectID),
		AccessGroupID:        setOrNil(o.AccessGroupID),
	}
	if len(o.Expand) > 0 {
		expand := append([]string(nil), o.Expand...)
		p.Expand = &expand
	}
	return p
}

// KeyList is one page of GET /key/list. The facade declares it because the
// proxy sends each key either as its hash (a JSON string) or, with
// ReturnFullObject or Expand, as a whole row: both become a [Key] (a bare
// hash is a Key with only Token set).
type KeyList struct {
	// Keys are the keys of this page.
	Keys []Key
	// TotalCount is the number of keys the filters select, on every page.
	TotalCount int
	// CurrentPage is the number of this page, from 1.
	CurrentPage int
	// TotalPages is the number of pages.
	TotalPages int
}

// UnmarshalJSON decodes the proxy's page, whatever form its keys take.
func (l *KeyList) UnmarshalJSON(b []byte) error {
	var page gen.KeyList
	if err := json.Unmarshal(b, &page); err != nil {
		return err
	}
	keys := make([]Key, 0, len(page.Keys))
	for i, raw := range page.Keys {
		raw = bytes.TrimSpace(raw)
		switch {
		case len(raw) == 0 || bytes.Equal(raw, []byte("null")):
			continue
		case raw[0] == '"':
			var token string
			if err := json.Unmarshal(raw, &token); err != nil {
				return fmt.Errorf("keys[%d]: %w", i, err)
			}
			keys = append(keys, Key{Token: token})
		case raw[0] == '{':
			var k Key
			if err := json.Unmarshal(raw, &k); err != nil {
				return fmt.Errorf("keys[%d]: %w", i, err)
			}
			keys = append(keys, k)
		default:
			return fmt.Errorf("keys[%d]: want a hash (string) or a key object", i)
		}
	}
	*l = KeyList{Keys: keys, TotalCount: page.TotalCount, CurrentPage: page.CurrentPage, TotalPages: page.TotalPages}
	return nil
}

// Generate creates a virtual key. req may be nil: the proxy then creates a
// key with its defaults (the body is {}).
//
// Endpoint: POST /key/generate (Python: client.keys.generate).
func (s *KeysService) Generate(ctx context.Context, req *KeyGenerateRequest, opts ...Option) (*KeyGenerateResponse, error) {
	var body KeyGenerateRequest
	if req != nil {
		body = *req
	}
	r := newRequest(http.MethodPost, "/key/generate").
		with(gen.NewKeyGenerateRequest(s.client.server, nil, body))
	key := new(KeyGenerateResponse)
	return result(key, s.client.doJSON(ctx, r, key, opts))
}

// List returns one page of keys. lo may be nil: no query parameter is then
// sent. See [KeysService.All] for every page.
//
// Endpoint: GET /key/list (Python: client.keys.list).
func (s *KeysService) List(ctx context.Context, lo *KeyListOptions, opts ...Option) (*KeyList, error) {
	return result(s.list(ctx, lo, opts))
}

// list is List for All: errRequestReturned is an error like any other.
func (s *KeysService) list(ctx context.Context, lo *KeyListOptions, opts []Option) (*KeyList, error) {
	r := newRequest(http.MethodGet, "/key/list").
		with(gen.NewKeyListRequest(s.client.server, lo.params()))
	list := new(KeyList)
	return list, s.client.doJSON(ctx, r, list, opts)
}

// All returns every key the filters in lo select, fetching page after page
// (100 keys a page unless lo.Size says otherwise, from lo.Page or 1) as the
// loop consumes them. It copies lo and never changes it. It stops at the
// last page, at an empty page, when the loop breaks, or at the first error,
// which it yields. lo may be nil.
//
// Endpoint: GET /key/list, once per page (Python: none; client.keys.list pages by hand).
func (s *KeysService) All(ctx context.Context, lo *KeyListOptions, opts ...Option) iter.Seq2[*Key, error] {
	var o KeyListOptions
	if lo != nil {
		o = *lo
		o.Expand = append([]string(nil), lo.Expand...)
	}
	if o.Size == 0 {
		o.Size = defaultPageSize
	}
	return pages(ctx, o.Page, func(ctx context.Context, page int) ([]Key, int, error) {
		po := o
		po.Page = page
		list, err := s.list(ctx, &po, opts)
		if err != nil {
			return nil, 0, err
		}
		return list.Keys, list.TotalPages, nil
	})
}

// Info returns a key's row. key is the key or its hash; it is sent escaped
// in the query string. An empty key asks about the calling key. An unknown
// key gives an error that matches [ErrNotFound].
//
// Endpoint: GET /key/info (Python: client.keys.info).
func (s *KeysService) Info(ctx context.Context, key string, opts ...Option) (*KeyInfo, error) {
	r := newRequest(http.MethodGet, "/key/info").
		with(gen.NewKeyInfoRequest(s.client.server, &gen.KeyInfoParams{Key: setOrNil(key)}))
	info := new(KeyInfo)
	return result(info, s.client.doJSON(ctx, r, info, opts))
}

// Update changes the fields of req that are set on the key req.Key
// (required; the key or its hash) and returns the updated row. A field is
// sent when it is set: a non-nil pointer, even to zero, a non-empty string,
// list or map. Unlike upstream, which turns every failure into a plain
// "Error updating key" exception, a failure is an [*APIError] like any other
// (note that the proxy reports a missing key as 404 "Team not found").
//
// Endpoint: POST /key/update (Python: client.keys.update).
func (s *KeysService) Update(ctx context.Context, req *KeyUpdateRequest, opts ...Option) (*Key, error) {
	const method, path = http.MethodPost, "/key/update"
	switch {
	case req == nil:
		return nil, fmt.Errorf("%s %s: nil request", method, path)
	case req.Key == "":
		return nil, fmt.Errorf("%s %s: key is required", method, path)
	}
	r := newRequest(method, path).
		with(gen.NewKeyUpdateRequest(s.client.server, nil, *req))
	key := new(Key)
	return result(key, s.client.doJSON(ctx, r, key, opts))
}

// Delete deletes the keys in req.Keys (keys or hashes) and the keys whose
// alias is in req.KeyAliases; at least one must be non-empty. When none of
// them exists the proxy answers 404, which matches [ErrNotFound].
//
// Endpoint: POST /key/delete (Python: client.keys.delete).
func (s *KeysService) Delete(ctx context.Context, req *KeyDeleteRequest, opts ...Option) (*KeyDeleteResponse, error) {
	const method, path = http.MethodPost, "/key/delete"
	switch {
	case req == nil:
		return nil, fmt.Errorf("%s %s: nil request", method, path)
	case len(req.Keys) == 0 && len(req.KeyAliases) == 0:
		return nil, fmt.Errorf("%s %s: at least one of keys or key_aliases must be provided", method, path)
	}
	r := newRequest(method, path).
		with(gen.NewKeyDeleteRequest(s.client.server, nil, *req))
	deleted := new(KeyDeleteResponse)
	return result(deleted, s.client.doJSON(ctx, r, deleted, opts))
}

// Regenerate replaces key (a key or its hash, escaped in the path) with a
// new key, which the result holds; req may be nil. A req.Key that differs
// from key is an error, because the proxy would act on req.Key. The proxy
// offers this to enterprise licences only (otherwise it answers 500).
//
// Endpoint: POST /key/{key}/regenerate (Python: none; the proxy's key rotation).
func (s *KeysService) Regenerate(ctx context.Context, key string, req *KeyRegenerateRequest, opts ...Option) (*KeyGenerateResponse, error) {
	const method, path = http.MethodPost, "/key/{key}/regenerate"
	if err := pathParam(method, path, "key", key); err != nil {
		return nil, err
	}
	var body KeyRegenerateRequest
	if req != nil {
		body = *req
	}
	if body.Key != "" && body.Key != key {
		return nil, fmt.Errorf("%s %s: the key in the request body differs from the key argument", method, path)
	}
	r := newRequest(method, path).
		with(gen.NewKeyRegenerateByPathRequest(s.client.server, key, nil, body))
	regenerated := new(KeyGenerateResponse)
	return result(regenerated, s.client.doJSON(ctx, r, regenerated, opts))
}

// Block blocks key (a key or its hash): requests made with it fail with 401
// until it is unblocked. It returns the updated row.
//
// Endpoint: POST /key/block (Python: none).
func (s *KeysService) Block(ctx context.Context, key string, opts ...Option) (*Key, error) {
	const method, path = http.MethodPost, "/key/block"
	if key == "" {
		return nil, fmt.Errorf("%s %s: key is required", method, path)
	}
	r := newRequest(method, path).
		with(gen.NewKeyBlockRequest(s.client.server, nil, gen.KeyBlockRequest{Key: key}))
	row := new(Key)
	return result(row, s.client.doJSON(ctx, r, row, opts))
}

// Unblock unblocks key (a key or its hash). It returns the updated row.
//
// Endpoint: POST /key/unblock (Python: none).
func (s *KeysService) Unblock(ctx context.Context, key string, opts ...Option) (*Key, error) {
	const method, path = http.MethodPost, "/key/unblock"
	if key == "" {
		return nil, fmt.Errorf("%s %s: key is required", method, path)
	}
	r := newRequest(method, path).
		with(gen.NewKeyUnblockRequest(s.client.server, nil, gen.KeyBlockRequest{Key: key}))
	row := new(Key)
	return result(row, s.client.doJSON(ctx, r, row, opts))
}

// Wire types of POST /key/health and GET /key/aliases.
type (
	// KeyHealth is the answer of POST /key/health: Key is "healthy" or
	// "unhealthy"; LoggingCallbacks is zero unless the key's metadata
	// configures key-based logging.
	KeyHealth = gen.KeyHealthResponse
	// KeyLoggingStatus is the status of a key's logging callbacks.
	KeyLoggingStatus = gen.LoggingCallbackStatus
	// KeyAliasList is one page of GET /key/aliases.
	KeyAliasList = gen.KeyAliasesResponse
)

// KeyAliasOptions are the query parameters of GET /key/aliases. A zero
// field is not sent (the proxy's defaults: page 1, 50 aliases a page).
type KeyAliasOptions struct {
	// Page is the page number, from 1.
	Page int
	// Size is the number of aliases per page, 1 to 100.
	Size int
	// Search keeps the aliases that contain it, ignoring case.
	Search string
	// TeamID keeps the aliases of this team's keys.
	TeamID string
}

func (o *KeyAliasOptions) params() *gen.KeyAliasesParams {
	if o == nil {
		return &gen.KeyAliasesParams{}
	}
	return &gen.KeyAliasesParams{
		Page: setOrNil(o.Page), Size: setOrNil(o.Size), Search: setOrNil(o.Search), TeamID: setOrNil(o.TeamID),
	}
}

// Health checks the calling key (the client's, or the one an option sets):
// whether the logging callbacks its metadata configures work. The proxy
// sends each of them a test log. Any key may call it, on a proxy without a
// database too.
//
// Endpoint: POST /key/health (Python: none).
func (s *KeysService) Health(ctx context.Context, opts ...Option) (*KeyHealth, error) {
	r := newRequest(http.MethodPost, "/key/health").
		with(gen.NewKeyHealthRequest(s.client.server))
	res := new(KeyHealth)
	return result(res, s.client.doJSON(ctx, r, res, opts))
}

// Aliases returns one page of key aliases, in alphabetical order, one per
// key (an alias two keys share is listed twice). A proxy admin sees every
// key's alias, other callers those of their own keys and their teams'
// keys. lo may be nil. See [KeysService.AllAliases] for every page.
//
// Endpoint: GET /key/aliases (Python: none).
func (s *KeysService) Aliases(ctx context.Context, lo *KeyAliasOptions, opts ...Option) (*KeyAliasList, error) {
	return result(s.aliases(ctx, lo, opts))
}

// aliases is Aliases for AllAliases: errRequestReturned is an error like
// any other.
func (s *KeysService) aliases(ctx context.Context, lo *KeyAliasOptions, opts []Option) (*KeyAliasList, error) {
	r := newRequest(http.MethodGet, "/key/aliases").
		with(gen.NewKeyAliasesRequest(s.client.server, lo.params()))
	list := new(KeyAliasList)
	return list, s.client.doJSON(ctx, r, list, opts)
}

// AllAliases returns every key alias lo selects, page after page (100 a
// page unless lo.Size says otherwise, from lo.Page or 1), as the loop
// consumes them. It copies lo and never changes it. It stops at the last
// page, at an empty page, when the loop breaks, or at the first error,
// which it yields. lo may be nil.
//
// Endpoint: GET /key/aliases, once per page (Python: none).
func (s *KeysService) AllAliases(ctx context.Context, lo *KeyAliasOptions, opts ...Option) iter.Seq2[string, error] {
	var o KeyAliasOptions
	if lo != nil {
		o = *lo
	}
	if o.Size == 0 {
		o.Size = defaultPageSize
	}
	seq := pages(ctx, o.Page, func(ctx context.Context, page int) ([]string, int, error) {
		po := o
		po.Page = page
		list, err := s.aliases(ctx, &po, opts)
		if err != nil {
			return nil, 0, err
		}
		return list.Aliases, list.TotalPages, nil
	})
	return func(yield func(string, error) bool) {
		for a, err := range seq {
			var v string
			if a != nil {
				v = *a
			}
			if !yield(v, err) {
				return
			}
		}
	}
}
