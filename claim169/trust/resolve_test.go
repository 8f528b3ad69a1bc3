package trust

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

var (
	rsaOnce sync.Once
	rsaKey  *rsa.PrivateKey
)

// testRSAKey returns an RSA-2048 key shared by the tests.
func testRSAKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	rsaOnce.Do(func() {
		var err error
		rsaKey, err = rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
	})
	return rsaKey
}

// jwk returns the public JWK of k.
func jwk(t testing.TB, k keys.Key) string {
	t.Helper()
	out, err := keys.MarshalPublicJWK(k)
	require.NoError(t, err)
	return string(out)
}

// mixedSet is a JWK Set with an Ed25519, a P-256 and an RSA-2048 key and
// four entries that cannot verify signatures.
type mixedSet struct {
	ed   ed25519.PrivateKey
	p256 *ecdsa.PrivateKey
	rsa  *rsa.PrivateKey
	json string
}

func newMixedSet(t testing.TB) mixedSet {
	t.Helper()
	m := mixedSet{ed: newEd25519(t), p256: newP256(t), rsa: testRSAKey(t)}
	b64 := func(n int) string { return base64.RawURLEncoding.EncodeToString(make([]byte, n)) }
	encKey := strings.Replace(jwk(t, keys.Key{KeyID: "enc-2027", Public: newP256(t).Public()}), `"use":"sig"`, `"use":"enc"`, 1)
	entries := []string{
		jwk(t, keys.Key{KeyID: "ed-2027", Public: m.ed.Public()}),
		`{"kty":"OKP","crv":"X25519","kid":"x25519-2027","x":"` + b64(32) + `"}`,
		jwk(t, keys.Key{KeyID: "p256-2027", Public: m.p256.Public()}),
		`{"kty":"oct","kid":"hmac-2027","k":"` + b64(32) + `"}`,
		jwk(t, keys.Key{KeyID: "rsa-2027", Algorithm: cose.PS256, Public: m.rsa.Public()}),
		`{"kty":"EC","crv":"secp256k1","kid":"k256-2027","x":"` + b64(32) + `","y":"` + b64(32) + `"}`,
		encKey,
	}
	m.json = `{"keys":[` + strings.Join(entries, ",") + `]}`
	return m
}

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

	got, err := all.Resolve(context.Background(), claim169.KeyQuery{Issuer: testIssuer, Algorithm: cose.EdDSA})
	require.NoError(t, err)
	assert.Equal(t, []crypto.PublicKey{old.Public(), cur.Public()}, got)
	got, err = s.Resolve(context.Background(), claim169.KeyQuery{Issuer: testIssuer, Algorithm: cose.EdDSA, KeyID: []byte("2027")})
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
			got, err := s.Resolve(context.Background(), tc.q)
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
	got, err := s.Resolve(context.Background(), claim169.KeyQuery{Issuer: testIssuer, KeyID: []byte("k"), Algorithm: cose.EdDSA})
	assert.Nil(t, got)
	assert.ErrorIs(t, err, ErrUnknownIssuer)
	assert.ErrorIs(t, err, claim169.ErrUnknownKey)
}

func TestAddKeyRefused(t *testing.T) {
	weakRSA, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	p224, err := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	require.NoError(t, err)
	ed := newEd25519(t)

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
		{"RSA restricted to EdDSA", testRSAKey(t).Public(), cose.EdDSA, cose.ErrAlgorithmMismatch},
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
			_, err = s.Resolve(context.Background(), claim169.KeyQuery{Issuer: testIssuer, KeyID: []byte("k"), Algorithm: cose.EdDSA})
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
	_, err = s.Resolve(context.Background(), claim169.KeyQuery{Issuer: testIssuer, Algorithm: cose.EdDSA})
	assert.ErrorIs(t, err, ErrUnknownIssuer)
}
