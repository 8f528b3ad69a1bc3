package claim169

import (
	"fmt"
	"time"

	"github.com/idqr/claim169/cwt"
)

// encodeWarnings names what an encoding accepts but a verifier may
// question: a date of birth in neither form the specification shows, an
// expiry already past at now, no expiry at all. They hold validity dates,
// never identity values.
func encodeWarnings(id *Identity, claims *cwt.Claims, now time.Time) []string {
	var out []string
	if id.Has(FieldDateOfBirth) && !isBirthDate(id.DateOfBirth) {
		out = append(out, "claim169: dateOfBirth is neither YYYYMMDD nor YYYY-MM-DD, the forms of the specification")
	}
	switch {
	case claims == nil || claims.ExpiresAt == nil:
		out = append(out, "claim169: no expiry (cwt exp): the credential never expires")
	case int64(*claims.ExpiresAt) <= now.Unix():
		out = append(out, fmt.Sprintf("claim169: exp %v is already past at %s: verifiers will refuse the credential as expired",
			*claims.ExpiresAt, now.UTC().Format(time.RFC3339)))
	}
	return out
}

// isBirthDate reports whether s is a calendar date as YYYYMMDD or
// YYYY-MM-DD.
func isBirthDate(s string) bool {
	for _, layout := range []string{"20060102", "2006-01-02"} {
		if _, err := time.Parse(layout, s); err == nil && len(s) == len(layout) {
			return true
		}
	}
	return false
}
