package facade

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// ErrRedirectRefused is matched (with [errors.Is]) by the error of a call
// whose response was a redirect the client will not follow: to http from
// https, to another host with the request body (a 307 or 308 after a POST),
// or one that would make a chain of more than 10 requests (net/http's
// default limit). Such a call is never retried.
var ErrRedirectRefused = errors.New("redirect refused")

// maxRedirects is the longest chain of requests a call makes: the first
// and 9 redirects.
const maxRedirects = 10

// crossOriginHeaders are the only request headers sent on a redirect to
// another origin (scheme, host or port): everything else may be a
// credential (Authorization, x-litellm-api-key, the SSO poll secret, any
// header set with WithHeader or HTTPRequest.Header) and is dropped.
var crossOriginHeaders = map[string]bool{
	"Accept":          true,
	"Accept-Language": true,
	"User-Agent":      true,
}

// checkRedirect is the redirect policy of the client's own *http.Client,
// and of a caller's *http.Client passed to WithHTTPClient:
//
//   - Referer is never sent (it would carry the previous URL, such as
//     /sso/cli/poll/<login id> or /key/info?key=sk-...);
//   - a redirect from https to http is refused;
//   - on a redirect to another origin (scheme, host or port other than
//     the first request's), every header but Accept, Accept-Language and
//     User-Agent is dropped, and a redirect that would carry the request
//     body there (307, 308) is refused rather than replayed. An upgrade
//     from http to https of the same host is another origin too: a proxy
//     that redirects so must be given its https URL;
//   - a chain stops after 10 requests.
//
// A refused redirect is an error matching [ErrRedirectRefused].
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("%w: stopped after %d requests", ErrRedirectRefused, maxRedirects)
	}
	return redirectPolicy(req, via)
}

// redirectPolicy is checkRedirect without the redirect count.
func redirectPolicy(req *http.Request, via []*http.Request) error {
	req.Header.Del("Referer")
	if len(via) == 0 {
		return nil
	}
	prev := via[len(via)-1]
	if strings.EqualFold(prev.URL.Scheme, "https") && !strings.EqualFold(req.URL.Scheme, "https") {
		return fmt.Errorf("%w: from https to %s (%s)", ErrRedirectRefused, Redact(strings.ToLower(req.URL.Scheme)), Redact(req.URL.Host))
	}
	if sameOrigin(req.URL, via[0].URL) {
		return nil
	}
	if req.Body != nil && req.Body != http.NoBody {
		status := 0
		if req.Response != nil {
			status = req.Response.StatusCode
		}
		return fmt.Errorf("%w: a %d to another host (%s) would send it the request body", ErrRedirectRefused, status, Redact(req.URL.Host))
	}
	for k := range req.Header {
		if !crossOriginHeaders[k] {
			delete(req.Header, k)
		}
	}
	return nil
}

// sameOrigin reports whether a and b have the same scheme, host and port
// (an absent port is the scheme's default).
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) &&
		effectivePort(a) == effectivePort(b)
}

func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// withRedirectPolicy returns d with the client's redirect policy: for an
// *http.Client, a shallow copy (same transport, jar and timeout) whose
// CheckRedirect applies the policy before the caller's own CheckRedirect
// (or the 10-redirect limit when it has none). Any other HTTPDoer follows
// redirects its own way and is returned as is.
func withRedirectPolicy(d HTTPDoer) HTTPDoer {
	hc, ok := d.(*http.Client)
	if !ok || hc == nil {
		return d
	}
	cp := *hc
	own := hc.CheckRedirect
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := redirectPolicy(req, via); err != nil {
			return err
		}
		if own != nil {
			return own(req, via)
		}
		if len(via) >= maxRedirects {
			return fmt.Errorf("%w: stopped after %d requests", ErrRedirectRefused, maxRedirects)
		}
		return nil
	}
	return &cp
}
