package keys

import (
	"testing"

	"github.com/stretchr/testify/assert"

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
