package cwt

import (
	"fmt"
	"time"
)

// Validate checks the time claims of c against now, allowing skew for
// clock differences between issuer and verifier (a negative skew counts as
// zero). Following RFC 8392 §3.1.4–3.1.6 and RFC 7519 §4.1.4–4.1.6:
//
//   - exp is the time on or after which the token MUST NOT be accepted: it is
//     expired, [ErrExpired], when now >= exp + skew;
//   - nbf is the time before which it MUST NOT be accepted: it is not yet
//     valid, [ErrNotYetValid], when now + skew < nbf, so it is valid from
//     nbf - skew on;
//   - an iat later than now + skew is only a warning.
//
// exp is checked before nbf. Comparisons are made in whole seconds (now is
// floored to its second), so every NumericDate, however large, compares
// exactly. Absent claims are not checked: a caller that requires exp must
// check that ExpiresAt is set. A nil c is an error wrapping [ErrMalformed].
// The errors name the date that failed and the time checked, in RFC 3339
// (validity dates are not identity data), with the skew.
func (c *Claims) Validate(now time.Time, skew time.Duration) (warnings []string, err error) {
	if c == nil {
		return nil, malformedError("nil claims")
	}
	if skew < 0 {
		skew = 0
	}
	// With d a whole number of seconds and s = floor(t):
	// t >= d iff s >= d, and t < d iff s < d.
	early := now.Add(-skew).Unix()
	late := now.Add(skew).Unix()
	if c.ExpiresAt != nil && early >= int64(*c.ExpiresAt) {
		return nil, fmt.Errorf("%w: exp %v, checked at %s with %v skew", ErrExpired, *c.ExpiresAt, checked(now), skew)
	}
	if c.NotBefore != nil && late < int64(*c.NotBefore) {
		return nil, fmt.Errorf("%w: nbf %v, checked at %s with %v skew", ErrNotYetValid, *c.NotBefore, checked(now), skew)
	}
	if c.IssuedAt != nil && late < int64(*c.IssuedAt) {
		warnings = append(warnings, "cwt: iat is in the future")
	}
	return warnings, nil
}

// checked formats the time a validity check was made at, in RFC 3339 UTC.
func checked(now time.Time) string { return now.UTC().Format(time.RFC3339) }
