package trust

import (
	"context"
	"crypto"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

// manyKeys returns n Ed25519 keys with kids k0…, or without kids.
func manyKeys(t testing.TB, n int, withKids bool) []keys.Key {
	t.Helper()
	ks := make([]keys.Key, n)
	for i := range ks {
		ks[i] = keys.Key{Public: newEd25519(t).Public()}
		if withKids {
			ks[i].KeyID = fmt.Sprintf("k%d", i)
		}
	}
	return ks
}

// The reviewers' case: a credential without a kid was tried against every
// key of its issuer and of AnyIssuer. Keys with a kid are tried only for
// their kid, and never more than MaxCandidates keys.
func TestKidlessCredentialCandidates(t *testing.T) {
	issuerKeys := mustSet(t, manyKeys(t, 200, true)...)
	anyKeys := mustSet(t, manyKeys(t, 56, true)...)
	q := claim169.KeyQuery{Issuer: testIssuer, Algorithm: cose.EdDSA}

	s := New(Options{})
	s.AddSet(testIssuer, issuerKeys)
	s.AddSet(AnyIssuer, anyKeys)
	_, err := s.Resolve(context.Background(), q)
	assert.ErrorIs(t, err, ErrNoKeyID)
	assert.ErrorIs(t, err, ErrUnknownKeyID)
	assert.ErrorIs(t, err, claim169.ErrUnknownKey)

	kidless := newEd25519(t).Public()
	require.NoError(t, s.AddKey(AnyIssuer, "", kidless, 0))
	got, err := s.Resolve(context.Background(), q)
	require.NoError(t, err)
	assert.Equal(t, []crypto.PublicKey{kidless}, got, "only the key without a kid")

	q.KeyID = []byte("k7")
	got, err = s.Resolve(context.Background(), q)
	require.NoError(t, err)
	assert.Equal(t, []crypto.PublicKey{issuerKeys.Keys()[7].Public, anyKeys.Keys()[7].Public, kidless}, got)

	// Opted in, the 257 keys exceed MaxCandidates: refused, not tried.
	all := New(Options{KidlessTriesAllKeys: true})
	all.AddSet(testIssuer, issuerKeys)
	all.AddSet(AnyIssuer, anyKeys)
	_, err = all.Resolve(context.Background(), claim169.KeyQuery{Issuer: testIssuer, Algorithm: cose.EdDSA})
	assert.ErrorIs(t, err, ErrTooManyCandidates)
}

func TestMaxCandidates(t *testing.T) {
	tests := []struct {
		name  string
		opts  Options
		n     int
		kid   string
		fails bool
	}{
		{"8 keys without a kid", Options{}, DefaultMaxCandidates, "", false},
		{"9 keys without a kid", Options{}, DefaultMaxCandidates + 1, "", true},
		{"9 keys without a kid, credential with a kid", Options{}, DefaultMaxCandidates + 1, "x", true},
		{"9 keys, limit 9", Options{MaxCandidates: 9}, 9, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New(tc.opts)
			s.AddSet(testIssuer, mustSet(t, manyKeys(t, tc.n, false)...))
			got, err := s.Resolve(context.Background(), claim169.KeyQuery{Issuer: testIssuer, KeyID: []byte(tc.kid), Algorithm: cose.EdDSA})
			if tc.fails {
				assert.Nil(t, got)
				assert.ErrorIs(t, err, ErrTooManyCandidates)
				assert.NotErrorIs(t, err, claim169.ErrUnknownKey)
				return
			}
			require.NoError(t, err)
			assert.Len(t, got, tc.n)
		})
	}

	// Through the decoder: refused as a verification failure.
	s := New(Options{})
	s.AddSet(testIssuer, mustSet(t, manyKeys(t, DefaultMaxCandidates+1, false)...))
	_, err := decode(t, s, testNow, encode(t, claim169.EncoderOptions{Signer: newEd25519(t)}, testIssuer))
	assert.ErrorIs(t, err, claim169.ErrVerification)
	assert.ErrorIs(t, err, ErrTooManyCandidates)
}

// The store's resolver says how the key that verified a credential is
// trusted: a key added on its own, a key of a set, the leaf of a validated
// chain, or a pinned certificate chosen by x5t.
func TestResolverTrustPath(t *testing.T) {
	pki := newPKI(t)
	single, inSet, pinned := newEd25519(t), newEd25519(t), newEd25519(t)
	pinnedCert := issue(t, certSpec{name: "Pinned Signer", key: pinned}, nil)

	s := New(Options{})
	require.NoError(t, s.AddKey(testIssuer, "single", single.Public(), 0))
	s.AddSet(testIssuer, mustSet(t, keys.Key{KeyID: "set", Public: inSet.Public()}))
	s.AddAnchorsFor(testIssuer, pki.root.cert)
	require.NoError(t, s.AddCertificatesFor(testIssuer, pinnedCert.cert))

	x5tHeader := map[int64]any{labelAlg: algEdDSA, labelX5T: x5t(t, HashSHA256, pinnedCert.cert)}
	tests := []struct {
		name string
		text string
		want claim169.Trust
	}{
		{"AddKey", encode(t, claim169.EncoderOptions{Signer: single, KeyID: []byte("single")}, testIssuer), claim169.TrustKey},
		{"AddSet", encode(t, claim169.EncoderOptions{Signer: inSet, KeyID: []byte("set")}, testIssuer), claim169.TrustKeySet},
		{"x5chain", encode(t, claim169.EncoderOptions{Signer: pki.leaf.key,
			CertificateChain: [][]byte{pki.leaf.cert.Raw, pki.intermediate.cert.Raw}}, testIssuer), claim169.TrustChain},
		{"x5t", signCustom(t, pinned, testIssuer, x5tHeader, map[int64]any{}), claim169.TrustCertificate},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := decode(t, s, testNow, tc.text)
			requireVerified(t, res, err)
			assert.Equal(t, tc.want, res.Trust)
		})
	}

	// Resolve itself still returns bare keys.
	got, err := s.Resolve(context.Background(), claim169.KeyQuery{Issuer: testIssuer, KeyID: []byte("set"), Algorithm: cose.EdDSA, Now: testNow})
	require.NoError(t, err)
	assert.Equal(t, []any{inSet.Public()}, toAny(got))
}
