package keys

import (
	stdjson "encoding/json"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/go-jose/go-jose/v4/json"

	"github.com/idqr/claim169/cose"
)

// Set is a set of public keys for signature verification, read from a JWK
// Set (RFC 7517 §5) or built with [NewSet]. Every key in it passed the checks
// of [ParsePublic]. A Set is immutable and safe for concurrent use.
type Set struct {
	keys []Key
}

// NewSet returns a set of the given keys, after checking each as
// [ParsePublic] does (and its Algorithm, if any, against its type).
func NewSet(keys ...Key) (*Set, error) {
	for _, k := range keys {
		if err := k.Check(); err != nil {
			return nil, err
		}
	}
	return &Set{keys: slices.Clone(keys)}, nil
}

// ParseSet reads a JWK Set: a JSON object whose "keys" array holds JWKs.
// Each key is read on its own, as [ParsePublicJWK] reads it: one that cannot
// be used for signature verification (an unsupported type or curve such as
// X25519 or secp256k1, a symmetric key, a private key, a weak key, "use":
// "enc", an "alg" that does not fit the key, a malformed entry) is skipped
// and named in a warning ("keys: keys[3] (kid "a") skipped: <reason>", never
// key material), as RFC 7517 §5 asks. It is an error, wrapping
// [ErrInvalidSet], only when data is not such a JSON object or exceeds
// [MaxSetSize] bytes or [MaxSetKeys] entries.
func ParseSet(data []byte) (*Set, []string, error) {
	if len(data) > MaxSetSize {
		return nil, nil, fmt.Errorf("%w: over %d bytes", ErrInvalidSet, MaxSetSize)
	}
	if !stdjson.Valid(data) {
		return nil, nil, fmt.Errorf("%w: not JSON", ErrInvalidSet)
	}
	var set struct {
		Keys *[]json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(data, &set); err != nil || set.Keys == nil {
		return nil, nil, fmt.Errorf("%w: not a JSON object with a keys array", ErrInvalidSet)
	}
	if len(*set.Keys) > MaxSetKeys {
		return nil, nil, fmt.Errorf("%w: over %d keys", ErrInvalidSet, MaxSetKeys)
	}
	s := &Set{}
	var warnings []string
	for i, raw := range *set.Keys {
		key, kid, err := parseSetEntry(raw)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("keys: keys[%d] (%s) skipped: %v", i, describeKeyID(kid), err))
			continue
		}
		s.keys = append(s.keys, key)
	}
	return s, warnings, nil
}

// parseSetEntry reads one entry of a key set, returning its kid for the
// warning when it is refused.
func parseSetEntry(raw []byte) (Key, string, error) {
	f, err := readJWK(raw)
	if err != nil {
		return Key{}, "", err
	}
	key, err := parsePublicJWK(raw, f)
	return key, f.Kid, err
}

// maxWarningKeyID is the most bytes of a kid quoted in a warning.
const maxWarningKeyID = 64

// describeKeyID quotes a kid for a warning, cut to maxWarningKeyID bytes.
func describeKeyID(kid string) string {
	if kid == "" {
		return "no kid"
	}
	if len(kid) > maxWarningKeyID {
		cut := maxWarningKeyID
		for cut > 0 && !utf8.RuneStart(kid[cut]) {
			cut--
		}
		return "kid " + strconv.Quote(kid[:cut]) + "..."
	}
	return "kid " + strconv.Quote(kid)
}

// Keys returns the keys of the set, in the order of the set.
func (s *Set) Keys() []Key {
	if s == nil {
		return nil
	}
	return slices.Clone(s.keys)
}

// Len returns the number of keys in the set.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.keys)
}

// Select returns the keys of the set that may verify a message with key ID
// kid and algorithm alg, as [Select] chooses them.
func (s *Set) Select(kid string, alg cose.Algorithm) (found []Key, matched bool) {
	if s == nil {
		return nil, false
	}
	return Select(s.keys, kid, alg)
}

// Matches returns how many keys of the set [Select] chooses for kid before
// it checks their algorithm, as [Matches] counts them.
func (s *Set) Matches(kid string) int {
	if s == nil {
		return 0
	}
	return Matches(s.keys, kid)
}

// Lookup returns the keys whose KeyID is kid, in the order of the set.
// Several keys may share a kid (RFC 7517 §4.5 allows it across key types);
// the caller tries each one that [Key.Allows] the message's algorithm.
func (s *Set) Lookup(kid string) []Key {
	if s == nil {
		return nil
	}
	var found []Key
	for _, k := range s.keys {
		if k.KeyID == kid {
			found = append(found, k)
		}
	}
	return found
}
