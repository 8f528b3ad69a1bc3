package trust

import (
	"crypto"
	"crypto/ed25519"
	"crypto/elliptic"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	ts "github.com/idqr/claim169/internal/testsupport"
)

func TestJWKSMixed(t *testing.T) {
	m := newMixedSet(t)
	set, warnings, err := keys.ParseSet([]byte(m.json))
	require.NoError(t, err)
	require.Equal(t, 3, set.Len())
	require.Len(t, warnings, 4)
	s := New(Options{})
	s.AddSet(testIssuer, set)

	tests := []struct {
		name   string
		signer crypto.Signer
		kid    string
		issuer string
		want   error // nil: verified
	}{
		{"ed25519 by kid", m.ed, "ed-2027", testIssuer, nil},
		{"p256 by kid", m.p256, "p256-2027", testIssuer, nil},
		{"rsa by kid", m.rsa, "rsa-2027", testIssuer, nil},
		{"no kid: keys with a kid are not tried", m.p256, "", testIssuer, ErrNoKeyID},
		{"unknown kid", m.ed, "nope-2027", testIssuer, ErrUnknownKeyID},
		{"kid of a skipped entry", m.ed, "x25519-2027", testIssuer, ErrUnknownKeyID},
		{"kid of a use=enc entry", m.p256, "enc-2027", testIssuer, ErrUnknownKeyID},
		{"rsa kid on an EdDSA credential", m.ed, "rsa-2027", testIssuer, ErrAlgorithmNotAllowed},
		{"ed25519 kid, wrong signer", newEd25519(t), "ed-2027", testIssuer, claim169.ErrVerification},
		{"unknown issuer", m.ed, "ed-2027", "https://other.example", ErrUnknownIssuer},
		{"no issuer", m.ed, "ed-2027", "", ErrUnknownIssuer},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := encode(t, claim169.EncoderOptions{Signer: tc.signer, KeyID: []byte(tc.kid)}, tc.issuer)
			res, err := decode(t, s, testNow, text)
			if requireOutcome(t, res, err, tc.want) {
				return
			}
			if tc.want != claim169.ErrVerification {
				assert.ErrorIs(t, err, claim169.ErrUnknownKey)
			} else {
				assert.NotErrorIs(t, err, claim169.ErrUnknownKey)
			}
			requireNoLeak(t, err, tc.kid, tc.issuer)
		})
	}
}

func TestRotation(t *testing.T) {
	old, cur := newEd25519(t), newEd25519(t)
	s := New(Options{})
	all := New(Options{KidlessTriesAllKeys: true})
	for _, s := range []*Store{s, all} {
		require.NoError(t, s.AddKey(testIssuer, "2026", old.Public(), 0))
		require.NoError(t, s.AddKey(testIssuer, "2027", cur.Public(), cose.EdDSA))
	}

	for _, tc := range []struct {
		name   string
		signer ed25519.PrivateKey
		kid    string
	}{
		{"old key by kid", old, "2026"},
		{"new key by kid", cur, "2027"},
		{"old key without kid", old, ""},
		{"new key without kid", cur, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := encode(t, claim169.EncoderOptions{Signer: tc.signer, KeyID: []byte(tc.kid)}, testIssuer)
			res, err := decode(t, all, testNow, text)
			requireVerified(t, res, err)
			res, err = decode(t, s, testNow, text)
			if tc.kid != "" {
				requireVerified(t, res, err)
				return
			}
			require.Nil(t, res)
			assert.ErrorIs(t, err, ErrNoKeyID, "keys with a kid are tried without one only when the store opts in")
		})
	}

	got, err := all.Resolve(t.Context(), claim169.KeyQuery{Issuer: testIssuer, Algorithm: cose.EdDSA})
	require.NoError(t, err)
	assert.Equal(t, []crypto.PublicKey{old.Public(), cur.Public()}, got)
	got, err = s.Resolve(t.Context(), claim169.KeyQuery{Issuer: testIssuer, Algorithm: cose.EdDSA, KeyID: []byte("2027")})
	require.NoError(t, err)
	assert.Equal(t, []crypto.PublicKey{cur.Public()}, got)
}

func TestResolveOrder(t *testing.T) {
	own, kidless, anyIss := newEd25519(t), newEd25519(t), newEd25519(t)
	s := New(Options{})
	require.NoError(t, s.AddKey(AnyIssuer, "k", anyIss.Public(), 0))
	require.NoError(t, s.AddKey(testIssuer, "", kidless.Public(), 0))
	require.NoError(t, s.AddKey(testIssuer, "k", own.Public(), 0))

	tests := []struct {
		name string
		q    claim169.KeyQuery
		want []crypto.PublicKey
		err  error
	}{
		{"kid: exact matches (own issuer, then any issuer), then kid-less keys",
			claim169.KeyQuery{Issuer: testIssuer, KeyID: []byte("k"), Algorithm: cose.EdDSA},
			[]crypto.PublicKey{own.Public(), anyIss.Public(), kidless.Public()}, nil},
		{"unknown kid falls back to the kid-less key",
			claim169.KeyQuery{Issuer: testIssuer, KeyID: []byte("x"), Algorithm: cose.EdDSA},
			[]crypto.PublicKey{kidless.Public()}, nil},
		{"other issuer gets the any-issuer keys",
			claim169.KeyQuery{Issuer: "https://other.example", KeyID: []byte("k"), Algorithm: cose.EdDSA},
			[]crypto.PublicKey{anyIss.Public()}, nil},
		{"no issuer gets the any-issuer keys",
			claim169.KeyQuery{KeyID: []byte("k"), Algorithm: cose.EdDSA},
			[]crypto.PublicKey{anyIss.Public()}, nil},
		{"no kid: only the kid-less keys",
			claim169.KeyQuery{Issuer: testIssuer, Algorithm: cose.EdDSA},
			[]crypto.PublicKey{kidless.Public()}, nil},
		{"no kid, no issuer: the any-issuer key has a kid",
			claim169.KeyQuery{Algorithm: cose.EdDSA},
			nil, ErrNoKeyID},
		{"other issuer, unknown kid",
			claim169.KeyQuery{Issuer: "https://other.example", KeyID: []byte("x"), Algorithm: cose.EdDSA},
			nil, ErrUnknownKeyID},
		{"algorithm no key allows",
			claim169.KeyQuery{Issuer: testIssuer, KeyID: []byte("k"), Algorithm: cose.ES256},
			nil, ErrAlgorithmNotAllowed},
		{"algorithm not a signature algorithm",
			claim169.KeyQuery{Issuer: testIssuer, Algorithm: cose.A128GCM},
			nil, ErrAlgorithmNotAllowed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Resolve(t.Context(), tc.q)
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				assert.ErrorIs(t, err, claim169.ErrUnknownKey)
				assert.Nil(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestUnknownIssuerEmptyStore(t *testing.T) {
	s := New(Options{})
	got, err := s.Resolve(t.Context(), claim169.KeyQuery{Issuer: testIssuer, KeyID: []byte("k"), Algorithm: cose.EdDSA})
	assert.Nil(t, got)
	assert.ErrorIs(t, err, ErrUnknownIssuer)
	assert.ErrorIs(t, err, claim169.ErrUnknownKey)
}

func TestAddKeyRefused(t *testing.T) {
	weakRSA, p224, ed := ts.RSAKey(1024), ts.ECDSAKey(elliptic.P224()), newEd25519(t)

	tests := []struct {
		name string
		pub  crypto.PublicKey
		alg  cose.Algorithm
		want error
	}{
		{"RSA-1024", weakRSA.Public(), 0, cose.ErrWeakKey},
		{"all-zero Ed25519", ed25519.PublicKey(make([]byte, 32)), 0, cose.ErrWeakKey},
		{"short Ed25519", ed25519.PublicKey(make([]byte, 31)), 0, nil},
		{"Ed25519 restricted to ES256", ed.Public(), cose.ES256, cose.ErrAlgorithmMismatch},
		{"RSA restricted to EdDSA", ts.RSAKey(2048).Public(), cose.EdDSA, cose.ErrAlgorithmMismatch},
		{"AEAD algorithm", ed.Public(), cose.A256GCM, cose.ErrAlgorithmMismatch},
		{"P-224", p224.Public(), 0, keys.ErrUnsupportedKey},
		{"private key", ed, 0, keys.ErrPrivateKey},
		{"nil", nil, 0, keys.ErrUnsupportedKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New(Options{})
			err := s.AddKey(testIssuer, "k", tc.pub, tc.alg)
			require.Error(t, err)
			if tc.want != nil {
				assert.ErrorIs(t, err, tc.want)
			}
			_, err = s.Resolve(t.Context(), claim169.KeyQuery{Issuer: testIssuer, KeyID: []byte("k"), Algorithm: cose.EdDSA})
			assert.ErrorIs(t, err, ErrUnknownIssuer, "a refused key is not stored")
		})
	}
}

func TestAddSetEmpty(t *testing.T) {
	s := New(Options{})
	s.AddSet(testIssuer, nil)
	empty, err := keys.NewSet()
	require.NoError(t, err)
	s.AddSet(testIssuer, empty)
	_, err = s.Resolve(t.Context(), claim169.KeyQuery{Issuer: testIssuer, Algorithm: cose.EdDSA})
	assert.ErrorIs(t, err, ErrUnknownIssuer)
}

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
	_, err := s.Resolve(t.Context(), q)
	assert.ErrorIs(t, err, ErrNoKeyID)
	assert.ErrorIs(t, err, ErrUnknownKeyID)
	assert.ErrorIs(t, err, claim169.ErrUnknownKey)

	kidless := newEd25519(t).Public()
	require.NoError(t, s.AddKey(AnyIssuer, "", kidless, 0))
	got, err := s.Resolve(t.Context(), q)
	require.NoError(t, err)
	assert.Equal(t, []crypto.PublicKey{kidless}, got, "only the key without a kid")

	q.KeyID = []byte("k7")
	got, err = s.Resolve(t.Context(), q)
	require.NoError(t, err)
	assert.Equal(t, []crypto.PublicKey{issuerKeys.Keys()[7].Public, anyKeys.Keys()[7].Public, kidless}, got)

	// Opted in, the 257 keys exceed MaxCandidates: refused, not tried.
	all := New(Options{KidlessTriesAllKeys: true})
	all.AddSet(testIssuer, issuerKeys)
	all.AddSet(AnyIssuer, anyKeys)
	_, err = all.Resolve(t.Context(), claim169.KeyQuery{Issuer: testIssuer, Algorithm: cose.EdDSA})
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
			got, err := s.Resolve(t.Context(), claim169.KeyQuery{Issuer: testIssuer, KeyID: []byte(tc.kid), Algorithm: cose.EdDSA})
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
	got, err := s.Resolve(t.Context(), claim169.KeyQuery{Issuer: testIssuer, KeyID: []byte("set"), Algorithm: cose.EdDSA, Now: testNow})
	require.NoError(t, err)
	assert.Equal(t, []any{inSet.Public()}, toAny(got))
}
