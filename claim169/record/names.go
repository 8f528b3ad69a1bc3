package record

import (
	"fmt"
	"strings"
	"sync"
)

// biometricNames are the members of biometrics.Biometric's JSON form.
var biometricNames = [...]string{"data", "format", "subFormat", "issuer"}

// knownNames are the JSON names of the record's form that messages may
// show: the top level, the identity's fields, the CWT claims and the
// members of a biometric entry. Any other name may be a value put where a
// name belongs, and is not shown.
var knownNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{"claim169": true, "cwt": true}
	for name := range identityCells() {
		names[name] = true
	}
	for _, c := range csvClaims {
		names[c.name] = true
	}
	for _, name := range biometricNames {
		names[name] = true
	}
	return names
})

// suggest returns ` (did you mean "name"?)` for a CSV column name that is
// one edit away from a column's name (two, for names of eight bytes or
// more), letter case aside, and "" otherwise: a typo gets a hint, and a
// short value taken for a name is not described.
func suggest(name string) string {
	if len(name) < 4 || len(name) > 40 {
		return ""
	}
	lower := strings.ToLower(name)
	allowed := 1
	if len(name) >= 8 {
		allowed = 2
	}
	best, bestDist := "", allowed+1
	for known := range knownNames() {
		if known == "claim169" || known == "cwt" {
			continue
		}
		if d := editDistance(lower, strings.ToLower(known), allowed); d < bestDist || d == bestDist && known < best {
			best, bestDist = known, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance returns the Levenshtein distance of the bytes of a and b,
// or limit+1 when it exceeds limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit+1)
}
