package keys

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// TestAllows checks every key type against every algorithm.
func TestAllows(t *testing.T) {
	sigAlgs := []cose.Algorithm{cose.EdDSA, cose.ES256, cose.ES384, cose.ES512, cose.PS256, cose.PS384, cose.PS512, cose.RS256}
	fits := map[string][]cose.Algorithm{
		"Ed25519": {cose.EdDSA},
		"P-256":   {cose.ES256},
		"P-384":   {cose.ES384},
		"P-521":   {cose.ES512},
		"RSA":     {cose.PS256, cose.PS384, cose.PS512, cose.RS256},
	}
	for _, name := range allKeyNames {
		key := Key{Public: signer(t, name).Public()}
		for _, alg := range append(sigAlgs, cose.A128GCM, 0) {
			t.Run(name+"/"+alg.String(), func(t *testing.T) {
				err := key.Allows(alg)
				if contains(algNames(fits[name]), alg.String()) {
					assert.NoError(t, err)
				} else {
					assert.ErrorIs(t, err, cose.ErrAlgorithmMismatch)
				}
			})
		}
	}
}

func algNames(algs []cose.Algorithm) []string {
	names := make([]string, len(algs))
	for i, a := range algs {
		names[i] = a.String()
	}
	return names
}

// TestAllowsRestricted checks that a key's own algorithm wins over what its
// type permits.
func TestAllowsRestricted(t *testing.T) {
	key := Key{Public: signer(t, "RSA").Public(), Algorithm: cose.RS256}
	assert.NoError(t, key.Allows(cose.RS256))
	for _, alg := range []cose.Algorithm{cose.PS256, cose.PS384, cose.PS512} {
		assert.ErrorIs(t, key.Allows(alg), cose.ErrAlgorithmMismatch, "%v", alg)
	}
}

// TestAllowsWeakKey checks that a weak key built by hand is refused.
func TestAllowsWeakKey(t *testing.T) {
	key := Key{Public: ts.RSAKey(1024).Public()}
	assert.ErrorIs(t, key.Allows(cose.PS256), cose.ErrWeakKey)
	assert.ErrorIs(t, Key{}.Allows(cose.EdDSA), cose.ErrAlgorithmMismatch)
}

func TestSelect(t *testing.T) {
	ed := func(b byte) crypto.PublicKey {
		return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{b}, ed25519.SeedSize)).Public()
	}
	ed1, ed2, ed3 := ed(1), ed(2), ed(3)
	p256 := signer(t, "P-256").Public()
	ks := []Key{
		{KeyID: "a", Public: ed1},
		{Public: ed2},
		{KeyID: "b", Public: p256},
		{KeyID: "a", Algorithm: cose.EdDSA, Public: ed3},
	}
	publics := func(found []Key) []any {
		out := make([]any, len(found))
		for i, k := range found {
			out[i] = k.Public
		}
		return out
	}
	tests := []struct {
		name    string
		kid     string
		alg     cose.Algorithm
		want    []any
		matched bool
	}{
		{"kid: exact matches, then keys without a kid", "a", cose.EdDSA, []any{ed1, ed3, ed2}, true},
		{"unknown kid: keys without a kid", "x", cose.EdDSA, []any{ed2}, true},
		{"no kid: only keys without a kid", "", cose.EdDSA, []any{ed2}, true},
		{"kid of a key of another algorithm", "b", cose.EdDSA, []any{ed2}, true},
		{"no key allows the algorithm", "a", cose.ES384, []any{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			found, matched := Select(ks, tc.kid, tc.alg)
			assert.Equal(t, tc.want, publics(found))
			assert.Equal(t, tc.matched, matched)
			assert.GreaterOrEqual(t, Matches(ks, tc.kid), len(found), "Matches counts what Select chooses")
		})
	}
	// Matches counts before the algorithm: the keys of kid "a" and the key
	// without a kid, whatever the algorithm.
	assert.Equal(t, 3, Matches(ks, "a"))
	assert.Equal(t, 2, Matches(ks, "b"))
	assert.Equal(t, 1, Matches(ks, ""))
	assert.Equal(t, 1, Matches(ks, "x"))
	set, err := NewSet(ks...)
	require.NoError(t, err)
	assert.Equal(t, 3, set.Matches("a"))
	assert.Zero(t, (*Set)(nil).Matches("a"))

	withKids := []Key{{KeyID: "a", Public: ed1}, {KeyID: "b", Public: p256}}
	found, matched := Select(withKids, "", cose.EdDSA)
	assert.Empty(t, found, "a message without a kid is not tried against keys with one")
	assert.False(t, matched)
	found, matched = Select(withKids, "x", cose.EdDSA)
	assert.Empty(t, found)
	assert.False(t, matched)

	assert.Equal(t, []any{ed1, ed2, ed3}, publics(SelectAll(ks, cose.EdDSA)))
	assert.Equal(t, []any{p256}, publics(SelectAll(ks, cose.ES256)))
	assert.Empty(t, SelectAll(ks, cose.ES512))
}
