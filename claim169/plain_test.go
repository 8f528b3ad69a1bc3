package claim169

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/vectors"
)

// plainCases are identity maps (hex) on the edges of the plain path: each
// is decoded by both paths, which must agree.
var plainCases = []struct {
	name  string
	hex   string
	plain bool // taken by the plain path rather than left to the generic one
}{
	{"empty map", "a0", true},
	{"text and integer", "a2 04 624a53 09 01", true},
	{"negative and large unknown keys", "a2 20 01 1b7fffffffffffffff 02", true},
	{"empty photo", "a1 10 40", true},
	{"gender as numeric text", "a1 09 6131", true},
	{"gender as text with a sign", "a1 09 622b31", true},
	{"gender beyond int64", "a1 09 1bffffffffffffffff", true},
	{"gender as a float", "a1 09 f93e00", true},
	{"face as a single map", "a1 183e a2 00 4101 01 00", true},
	{"face entry with an unknown key", "a1 183e 81 a1 07 01", true},
	{"face entry with text data", "a1 183e 81 a1 00 6161", true},
	{"face entry not a map", "a1 183e 81 01", true},
	{"face entry with an issuer", "a1 183e 81 a2 00 4101 03 6149", true},
	{"face entry with invalid utf-8 issuer", "a1 183e 81 a1 03 61ff", true},
	{"fingers", "a1 12 83 00 05 0b", true},
	{"empty fingers", "a1 12 80", true},
	{"invalid utf-8 in a known text field", "a1 04 62c328", true},
	{"invalid utf-8 inside an unknown value", "a1 1863 81 61ff", true},
	{"duplicate key inside an unknown value", "a1 1863 a2 01 01 01 02", true},
	{"unknown value with a float key", "a1 1863 a1 f93e00 01", true},
	{"mistyped full name", "a2 04 01 01 6158", true},
	{"trailing byte", "a1 04 6141 ff", false},
	{"not a map", "8101", false},
	{"null", "f6", false},
	{"text key", "a1 6161 01", false},
	{"key beyond int64", "a1 1bffffffffffffffff 01", false},
	{"duplicate key", "a2 04 6161 04 6162", false},
	{"duplicate key in a face entry", "a1 183e 81 a2 00 4101 00 4102", false},
	{"text key in a face entry", "a1 183e 81 a1 6161 01", false},
	{"null finger", "a1 12 81 f6", false},
	{"text finger", "a1 12 81 6131", false},
	{"finger beyond int64", "a1 12 81 1bffffffffffffffff", false},
	{"indefinite text", "a1 04 7f 6141 ff", false},
	{"indefinite map", "bf 04 6141 ff", false},
	{"self-described tag on a value", "a1 04 d9d9f7 6141", false},
	{"self-described tag on a face entry", "a1 183e 81 d9d9f7 a1 00 4101", false},
	{"tag inside an unknown value", "a1 1863 81 c1 01", false},
	{"invalid bignum inside an unknown value", "a1 1863 81 c2 01", false},
}

// TestPlainPathAgrees decodes each case on both paths.
func TestPlainPathAgrees(t *testing.T) {
	for _, tc := range plainCases {
		t.Run(tc.name, func(t *testing.T) {
			data, err := hex.DecodeString(strings.ReplaceAll(tc.hex, " ", ""))
			require.NoError(t, err)
			_, _, err = parsePlainIdentity(data)
			assert.Equal(t, tc.plain, !errors.Is(err, errNotPlain), "plain path taken: %v", err)
			checkPlainAgrees(t, data)
		})
	}
}

// TestPlainPathTakesRealIdentities makes sure that the identities of the
// golden vectors and of the benchmark take the plain path: otherwise it
// would silently cost a second decoding.
func TestPlainPathTakesRealIdentities(t *testing.T) {
	for _, data := range realIdentities(t) {
		_, _, err := parsePlainIdentity(data)
		require.NotErrorIs(t, err, errNotPlain)
		checkPlainAgrees(t, data)
	}
}

// FuzzPlainIdentity checks on arbitrary input that whenever the plain path
// decides, it decides as the generic path does.
func FuzzPlainIdentity(f *testing.F) {
	for _, tc := range plainCases {
		data, err := hex.DecodeString(strings.ReplaceAll(tc.hex, " ", ""))
		require.NoError(f, err)
		f.Add(data)
	}
	for _, data := range realIdentities(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkPlainAgrees(t, data)
	})
}

// checkPlainAgrees decodes data on both paths and compares the outcomes.
// Only the sentinel of an error is compared: with several faults, the
// generic path reports the first in map order, which is random.
func checkPlainAgrees(t *testing.T, data []byte) {
	t.Helper()
	id, warnings, err := parsePlainIdentity(data)
	if errors.Is(err, errNotPlain) {
		return
	}
	gid, gwarnings, gerr := parseGenericIdentity(data)
	if err != nil || gerr != nil {
		require.ErrorIs(t, err, ErrMalformed, "plain path, generic path said %v", gerr)
		require.ErrorIs(t, gerr, ErrMalformed, "generic path, plain path said %v", err)
		assert.Nil(t, id)
		assert.Nil(t, warnings)
		return
	}
	assert.Equal(t, gid, id)
	assert.Equal(t, gwarnings, warnings)
}

// realIdentities returns the identity maps of the golden vectors and of a
// marshalled full identity.
func realIdentities(tb testing.TB) [][]byte {
	tb.Helper()
	out := [][]byte{mustCBOR(tb, fullIdentity())}
	for _, g := range vectors.Goldens() {
		if g.Expect != "verified" {
			continue
		}
		out = append(out, g.Claim169)
	}
	return out
}
