package trust

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/idqr/claim169/cose/keys"
)

// The DID methods whose keys a Discoverer finds (W3C DID Core; the did:key,
// did:jwk and did:web method specifications).
const (
	methodDIDKey = "did:key" // the key is the identifier: resolved locally
	methodDIDJWK = "did:jwk" // a JWK, base64url, is the identifier: resolved locally
	methodDIDWeb = "did:web" // a DID document fetched over HTTPS
	methodHTTPS  = "https"   // an https issuer: OpenID4VCI metadata and its jwks_uri, or jwks.json
)

// maxDIDLength bounds an issuer identifier before it is parsed: a did:jwk
// of an RSA-4096 key is under 1 KiB.
const maxDIDLength = 4096

// issuerMethod returns how the keys of issuer are discovered, or
// ErrUnsupportedIssuer.
func issuerMethod(issuer string, allowHTTP bool) (string, error) {
	if len(issuer) > maxDIDLength {
		return "", fmt.Errorf("%w: over %d bytes", ErrUnsupportedIssuer, maxDIDLength)
	}
	for _, m := range []string{methodDIDKey, methodDIDJWK, methodDIDWeb} {
		if strings.HasPrefix(issuer, m+":") {
			if strings.ContainsAny(issuer, "#?/ \t\r\n") {
				return "", fmt.Errorf("%w: a DID URL or a DID with a path, query or fragment", ErrUnsupportedIssuer)
			}
			return m, nil
		}
	}
	if _, err := issuerURL(issuer, allowHTTP); err != nil {
		return "", err
	}
	return methodHTTPS, nil
}

// resolveLocal returns the one verification method of a did:key or a
// did:jwk, whose id is the DID with the fragment of its method
// specification: did:key:z…#z…, did:jwk:…#0.
func resolveLocal(did, method string) (keys.Key, error) {
	specific := strings.TrimPrefix(did, method+":")
	var k keys.Key
	switch method {
	case methodDIDKey:
		pub, err := parseMultikey(specific)
		if err != nil {
			return keys.Key{}, fmt.Errorf("%w: did:key: %w", ErrUnsupportedIssuer, err)
		}
		k = keys.Key{KeyID: did + "#" + specific, Public: pub}
	case methodDIDJWK:
		data, err := base64.RawURLEncoding.DecodeString(specific)
		if err != nil {
			return keys.Key{}, fmt.Errorf("%w: did:jwk: not base64url", ErrUnsupportedIssuer)
		}
		if k, err = keys.ParsePublicJWK(data); err != nil {
			return keys.Key{}, fmt.Errorf("%w: did:jwk: %w", ErrUnsupportedIssuer, err)
		}
		k.KeyID, k.Certificates = did+"#0", nil
	default:
		return keys.Key{}, fmt.Errorf("%w: %s is not resolved locally", ErrUnsupportedIssuer, method)
	}
	if err := k.Check(); err != nil {
		return keys.Key{}, fmt.Errorf("%w: %w", ErrUnsupportedIssuer, err)
	}
	return k, nil
}

// didWebURL returns the URL of the DID document of a did:web (the did:web
// method specification, "Read (Resolve)"): the method-specific identifier
// split on ':', the first part a host with an optional percent-encoded port
// (example.com%3A8443), the others path segments; https://host/.well-known/
// did.json without a path, https://host/path/did.json with one.
func didWebURL(did string) (string, error) {
	parts := strings.Split(strings.TrimPrefix(did, methodDIDWeb+":"), ":")
	host, err := url.PathUnescape(parts[0])
	if err != nil || !validHostPort(host) {
		return "", fmt.Errorf("%w: did:web: not a host name with an optional port", ErrUnsupportedIssuer)
	}
	u := url.URL{Scheme: "https", Host: host, Path: "/.well-known/did.json"}
	if len(parts) > 1 {
		segments := make([]string, 0, len(parts))
		for _, p := range parts[1:] {
			seg, err := url.PathUnescape(p)
			if err != nil || seg == "" || seg == "." || seg == ".." || strings.ContainsAny(seg, "/\\") {
				return "", fmt.Errorf("%w: did:web: a bad path segment", ErrUnsupportedIssuer)
			}
			segments = append(segments, seg)
		}
		u.Path = "/" + strings.Join(segments, "/") + "/did.json"
	}
	return u.String(), nil
}

// validHostPort reports whether s is a host name or IP address with an
// optional port, and nothing else.
func validHostPort(s string) bool {
	host := s
	if h, port, err := net.SplitHostPort(s); err == nil {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return false
		}
		host = h
	} else if strings.Contains(s, ":") && !strings.HasPrefix(s, "[") {
		return false
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if net.ParseIP(host) != nil {
		return true
	}
	if host == "" || len(host) > 253 {
		return false
	}
	for _, label := range strings.Split(host, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// splitKeyID splits a kid that is a DID URL into its DID and its fragment;
// ok is false for a kid that is not a DID URL.
func splitKeyID(kid string) (did, fragment string, ok bool) {
	if !strings.HasPrefix(kid, "did:") {
		return "", "", false
	}
	did, fragment, _ = strings.Cut(kid, "#")
	return did, fragment, true
}

// didKeyID returns the kid with which the keys of the discovered DID
// issuer did are selected, whose verification method ids are did#fragment:
// a DID URL of did as it is, a relative one (#key-1) or a bare fragment
// (key-1) made absolute, and no kid (or the DID itself) the one method's id
// when the DID has exactly one (did:key, did:jwk), else no kid. A kid that
// is a DID URL of another DID is refused with ErrKeyIDOtherDID.
func didKeyID(did string, kid []byte, methods []keys.Key) ([]byte, error) {
	s := string(kid)
	if base, fragment, ok := splitKeyID(s); ok {
		if base != did {
			return nil, ErrKeyIDOtherDID
		}
		if fragment != "" {
			return kid, nil
		}
		s = ""
	}
	switch {
	case s == "" && len(methods) == 1:
		return []byte(methods[0].KeyID), nil
	case s == "":
		return nil, nil
	case strings.HasPrefix(s, "#"):
		return []byte(did + s), nil
	}
	return []byte(did + "#" + s), nil
}

// errNotDIDURL reports a verification method id that is neither a DID URL
// of the document's DID nor a relative one.
var errNotDIDURL = errors.New("its id is not a DID URL of the document's DID")

// methodID returns the absolute id of a verification method of did: id as
// it is when it is did#fragment, did+id when it is #fragment.
func methodID(did, id string) (string, error) {
	switch {
	case strings.HasPrefix(id, "#") && len(id) > 1:
		return did + id, nil
	case strings.HasPrefix(id, did+"#") && len(id) > len(did)+1:
		return id, nil
	}
	return "", errNotDIDURL
}
