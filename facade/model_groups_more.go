package facade

import (
	"context"
	"fmt"
	"net/http"

	"github.com/litellm-go/proxyclient/gen"
)

// ModelGroupMakePublicResponse is the answer of POST
// /model_group/make_public: the public model groups now, and who set them.
type ModelGroupMakePublicResponse = gen.ModelGroupMakePublicResponse

// MakePublic sets the model groups the proxy's public model hub
// (/public/model_hub) shows to groups, replacing the previous list; the
// names are not checked against the model list, and an empty list makes
// none public. Proxy admins only, on a proxy that stores models in its
// database (otherwise the proxy answers 500, an error matching
// [ErrServer]).
//
// Endpoint: POST /model_group/make_public (Python: none).
func (s *ModelGroupsService) MakePublic(ctx context.Context, groups []string, opts ...Option) (*ModelGroupMakePublicResponse, error) {
	const method, path = http.MethodPost, "/model_group/make_public"
	if groups == nil {
		return nil, fmt.Errorf("%s %s: nil groups (pass an empty list to make none public)", method, path)
	}
	r := newRequest(method, path).
		with(gen.NewModelGroupMakePublicRequest(s.client.server, gen.ModelGroupMakePublicRequest{ModelGroups: append([]string{}, groups...)}))
	out := new(ModelGroupMakePublicResponse)
	return result(out, s.client.doJSON(ctx, r, out, opts))
}
