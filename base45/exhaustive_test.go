package base45_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
)

// TestExhaustiveBytes round-trips every 1-byte and 2-byte input.
func TestExhaustiveBytes(t *testing.T) {
	for b := range 256 {
		src := []byte{byte(b)}
		enc := base45.EncodeToString(src)
		require.Len(t, enc, 2)
		dec, err := base45.DecodeString(enc)
		require.NoError(t, err, "byte %#02x", b)
		require.Equal(t, src, dec)
	}
	for v := range 65536 {
		src := []byte{byte(v >> 8), byte(v)}
		enc := base45.EncodeToString(src)
		require.Len(t, enc, 3)
		dec, err := base45.DecodeString(enc)
		require.NoError(t, err, "value %#04x", v)
		require.Equal(t, src, dec)
	}
}

// TestExhaustiveGroups decodes every two-character and three-character
// string over the alphabet: it is accepted exactly when its value fits
// (RFC 9285), decodes to that value, and re-encodes to itself.
func TestExhaustiveGroups(t *testing.T) {
	value := func(s string) int {
		v, w := 0, 1
		for i := range len(s) {
			v += strings.IndexByte(testAlphabet, s[i]) * w
			w *= 45
		}
		return v
	}
	check := func(s string, limit int) (accepted bool) {
		v := value(s)
		dec, err := base45.DecodeString(s)
		if v > limit {
			var cie base45.CorruptInputError
			require.ErrorAs(t, err, &cie, "%q", s)
			require.Zero(t, cie)
			return false
		}
		require.NoError(t, err, "%q", s)
		got := 0
		for _, b := range dec {
			got = got<<8 | int(b)
		}
		require.Equal(t, v, got, "%q", s)
		require.Equal(t, s, base45.EncodeToString(dec))
		return true
	}
	pairs, triples := 0, 0
	for _, a := range []byte(testAlphabet) {
		for _, b := range []byte(testAlphabet) {
			if check(string([]byte{a, b}), 0xff) {
				pairs++
			}
			for _, c := range []byte(testAlphabet) {
				if check(string([]byte{a, b, c}), 0xffff) {
					triples++
				}
			}
		}
	}
	// Accepted strings and byte values correspond one to one.
	require.Equal(t, 256, pairs)
	require.Equal(t, 65536, triples)
}
