package trust

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// wellKnownIssuer is the well-known name of OpenID4VCI credential issuer
// metadata; wellKnownJWKS the host's JWK Set that Inji's verifier falls
// back to.
const (
	wellKnownIssuer = "/.well-known/openid-credential-issuer"
	wellKnownJWKS   = "/.well-known/jwks.json"
)

// issuerURL parses an https issuer identifier (http with allowHTTP): an
// absolute URL with a host and no user information, query or fragment.
func issuerURL(issuer string, allowHTTP bool) (*url.URL, error) {
	u, err := url.Parse(issuer)
	switch {
	case err != nil || u.Host == "" || u.User != nil || u.Opaque != "":
		return nil, fmt.Errorf("%w: not a DID or an absolute URL with a host", ErrUnsupportedIssuer)
	case u.Scheme != "https" && (u.Scheme != "http" || !allowHTTP):
		return nil, fmt.Errorf("%w: the issuer URL must use https", ErrUnsupportedIssuer)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(issuer, "#"):
		return nil, fmt.Errorf("%w: the issuer URL has a query or a fragment", ErrUnsupportedIssuer)
	}
	return u, nil
}

// metadataURLs returns where the metadata of the issuer u may be: the
// well-known name appended to the issuer ({iss}/.well-known/
// openid-credential-issuer, where Inji's verifier reads it), then, for an
// issuer with a path, the well-known name between host and path
// (OpenID4VCI 1.0, §12.2.2).
func metadataURLs(u *url.URL) []string {
	path := strings.TrimSuffix(u.EscapedPath(), "/")
	root := u.Scheme + "://" + u.Host
	urls := []string{root + path + wellKnownIssuer}
	if path != "" {
		urls = append(urls, root+wellKnownIssuer+path)
	}
	return urls
}

// issuerMetadata holds the members of credential issuer metadata that
// lead to keys.
type issuerMetadata struct {
	CredentialIssuer string `json:"credential_issuer"`
	JWKSURI          string `json:"jwks_uri"`
}

// openID finds the JWK Set of the https issuer found.Issuer: from the
// jwks_uri of its metadata, or the host's /.well-known/jwks.json when
// there is no metadata (HTTP 404 or 410 at both places) or it has no
// jwks_uri. Any other failure refuses the issuer: the fallback is never
// taken over a metadata document that is wrong.
func (d *Discoverer) openID(ctx context.Context, found *IssuerKeys) (cacheControl, error) {
	u, err := issuerURL(found.Issuer, d.allowHTTP)
	if err != nil {
		return cacheControl{}, err
	}
	var cc cacheControl
	jwksURL := ""
	for _, mu := range metadataURLs(u) {
		data, c, err := d.fetchJSON(ctx, mu, "application/json")
		if notFound(err) {
			continue
		}
		if err != nil {
			return cacheControl{}, err
		}
		cc = cc.and(c)
		if jwksURL, err = readMetadata(found.Issuer, data); err != nil {
			return cacheControl{}, err
		}
		break
	}
	if jwksURL == "" {
		jwksURL = u.Scheme + "://" + u.Host + wellKnownJWKS
	} else if err := d.checkURL(jwksURL); err != nil {
		return cacheControl{}, err
	}
	data, c, err := d.fetchJSON(ctx, jwksURL, "application/jwk-set+json, application/json")
	if err != nil {
		return cacheControl{}, err
	}
	set, warnings, err := parseKeySet(data)
	if err != nil {
		return cacheControl{}, fmt.Errorf("%w: %w", ErrBadDocument, err)
	}
	found.URL, found.Document, found.Keys, found.Warnings = jwksURL, data, set.Keys(), warnings
	return cc.and(c), nil
}

// readMetadata returns the jwks_uri of the issuer metadata data ("" when
// it names none), which must be the metadata of issuer: its
// credential_issuer is issuer, give or take a trailing slash.
func readMetadata(issuer string, data []byte) (string, error) {
	var m issuerMetadata
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&m); err != nil || dec.More() {
		return "", fmt.Errorf("%w: the issuer metadata is not a JSON object", ErrBadDocument)
	}
	if strings.TrimSuffix(m.CredentialIssuer, "/") != strings.TrimSuffix(issuer, "/") {
		return "", fmt.Errorf("%w: the metadata's credential_issuer is not the issuer", ErrBadDocument)
	}
	return m.JWKSURI, nil
}

// checkURL checks a URL read from a document before it is fetched: an
// absolute https URL (http with AllowHTTP) with a host and no user
// information.
func (d *Discoverer) checkURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "" || u.User != nil:
		return fmt.Errorf("%w: the jwks_uri is not an absolute URL with a host", ErrBadDocument)
	case u.Scheme != "https" && (u.Scheme != "http" || !d.allowHTTP):
		return fmt.Errorf("%w: the jwks_uri does not use https", ErrBadDocument)
	}
	return nil
}

// notFound reports a fetch that failed with HTTP 404 or 410: no document
// there.
func notFound(err error) bool {
	var se *statusError
	return errors.As(err, &se) && (se.code == http.StatusNotFound || se.code == http.StatusGone)
}

// and returns the cache directives of a result made of two responses: the
// shorter freshness of the two.
func (cc cacheControl) and(o cacheControl) cacheControl {
	switch {
	case !o.set:
		return cc
	case !cc.set || o.maxAge < cc.maxAge:
		return o
	}
	return cc
}
