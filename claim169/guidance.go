package claim169

import (
	"fmt"
	"net/url"
	"time"

	"github.com/idqr/claim169/cwt"
)

// Warnings about what specification 1.2.2 advises against; the encoder and
// the decoder give the same ones. They name fields, never their values.
const (
	warnPhotoDeprecated = "claim169: photo (key 16) and photoFormat (key 17) are deprecated since specification 1.2.1; use face (key 62)"
	warnIssuerNotURI    = "claim169: iss is not an absolute URI; specification 1.2.2 wants a fully qualified one, such as https://issuer.example or a DID"
)

// guidanceWarnings returns the warnings about an identity and its claims
// (either may be nil) that follow from specification 1.2.2's guidance: the
// deprecated photo fields, and an iss that is not an absolute URI.
func guidanceWarnings(id *Identity, claims *cwt.Claims) []string {
	var out []string
	if id != nil && (id.Has(FieldPhoto) || id.Has(FieldPhotoFormat)) {
		out = append(out, warnPhotoDeprecated)
	}
	if claims != nil && claims.Issuer != "" && !isAbsoluteURI(claims.Issuer) {
		out = append(out, warnIssuerNotURI)
	}
	return out
}

// isAbsoluteURI reports whether s is an absolute URI (RFC 3986 §4.3), as
// specification 1.2.2 wants the CWT iss to be: a scheme, a colon and a
// non-empty rest, without spaces, control characters or a fragment; for the
// http and https schemes also a host. "https://mosip.io" and
// "did:web:mosip.io" are; "www.mosip.io" is not.
func isAbsoluteURI(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == 0x7f {
			return false
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Fragment != "" || u.RawFragment != "" {
		return false
	}
	switch u.Scheme {
	case "http", "https":
		return u.Host != ""
	}
	return u.Opaque != "" || u.Host != "" || u.Path != ""
}

// expiringWarning returns a warning when the credential's expiry is less
// than window after now (and not yet past: an expired credential is refused
// before).
func expiringWarning(claims *cwt.Claims, now time.Time, window time.Duration) (string, bool) {
	if window <= 0 || claims == nil || claims.ExpiresAt == nil {
		return "", false
	}
	exp := time.Unix(int64(*claims.ExpiresAt), 0)
	if !exp.Before(now.Add(window)) {
		return "", false
	}
	return fmt.Sprintf("claim169: the credential expires within %s, at %s", window, exp.UTC().Format(time.RFC3339)), true
}
