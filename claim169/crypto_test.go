package claim169_test

// Tests of the crypto suite at the facade: every signature algorithm with
// and without every AEAD and in every tag shape, tampering, wrong and
// missing keys, key and algorithm mismatches, weak keys, key selection,
// HSM, KMS and context signers, and a check against the reference
// implementation of internal/testsupport. This file holds the fixture and
// the round trips (the SDK with itself and with the reference
// implementation); crypto_*_test.go the rest.

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	ts "github.com/idqr/claim169/internal/testsupport"
)

var (
	cryptoSignatureAlgs = []cose.Algorithm{
		cose.EdDSA, cose.ES256, cose.ES384, cose.ES512,
		cose.PS256, cose.PS384, cose.PS512, cose.RS256,
	}
	cryptoAEADAlgs = []cose.Algorithm{cose.A128GCM, cose.A192GCM, cose.A256GCM, cose.ChaCha20Poly1305}
	// cryptoNow is the decoders' clock: inside the validity of cryptoClaims.
	cryptoNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
)

// tagShape is one way of wrapping the outermost COSE message.
type tagShape struct {
	name             string
	untagged, cwtTag bool
}

var tagShapes = []tagShape{
	{name: "tagged"},
	{name: "untagged", untagged: true},
	{name: "cwt-tag-61", cwtTag: true},
}

func cryptoIdentity() *claim169.Identity {
	return &claim169.Identity{
		ID: "ID-CRYPTO-0042", FullName: "Amina Okafor", DateOfBirth: "19900214",
		Gender: claim169.GenderFemale, Nationality: "NG",
	}
}

func cryptoClaims() *cwt.Claims {
	return &cwt.Claims{
		Issuer:    "https://issuer.example",
		IssuedAt:  cwt.NewNumericDate(cryptoNow.Add(-time.Hour)),
		ExpiresAt: cwt.NewNumericDate(cryptoNow.Add(365 * 24 * time.Hour)),
	}
}

// cryptoKey returns the test key of a key type: ed25519, p256, p384, p521
// or rsa. The generated keys are made once per test binary (one RSA key
// serves PS256, PS384, PS512 and RS256).
func cryptoKey(t testing.TB, name string) crypto.Signer {
	t.Helper()
	switch name {
	case "ed25519":
		return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0x42}, ed25519.SeedSize))
	case "rsa":
		return ts.RSAKey(2048)
	}
	return ecdsaTestKey(t, name)
}

// ecdsaTestKey returns the ECDSA test key of a curve: p256, p384 or p521.
func ecdsaTestKey(t testing.TB, name string) *ecdsa.PrivateKey {
	t.Helper()
	curve, ok := map[string]elliptic.Curve{"p256": elliptic.P256(), "p384": elliptic.P384(), "p521": elliptic.P521()}[name]
	require.True(t, ok, "no test key %s", name)
	return ts.ECDSAKey(curve)
}

// mustP256 returns a new P-256 key, not ecdsaTestKey's.
func mustP256(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	return k
}

// signerFor returns the test key of the type alg requires.
func signerFor(t testing.TB, alg cose.Algorithm) crypto.Signer {
	switch alg {
	case cose.EdDSA:
		return cryptoKey(t, "ed25519")
	case cose.ES256:
		return cryptoKey(t, "p256")
	case cose.ES384:
		return cryptoKey(t, "p384")
	case cose.ES512:
		return cryptoKey(t, "p521")
	}
	return cryptoKey(t, "rsa")
}

// aeadName names an AEAD algorithm without a slash, for subtest names.
func aeadName(alg cose.Algorithm) string {
	switch alg {
	case 0:
		return "plain"
	case cose.ChaCha20Poly1305:
		return "C20P"
	}
	return alg.String()
}

// newKeyAEAD returns a fresh random key for alg and its AEAD.
func newKeyAEAD(t testing.TB, alg cose.Algorithm) ([]byte, cose.AEAD) {
	t.Helper()
	key := make([]byte, alg.KeySize())
	_, err := rand.Read(key)
	require.NoError(t, err)
	aead, err := cose.NewAEAD(alg, key)
	require.NoError(t, err)
	return key, aead
}

// encodeCredential issues the test identity with opts.
func encodeCredential(t testing.TB, opts claim169.EncoderOptions) string {
	t.Helper()
	enc, err := claim169.NewEncoder(opts)
	require.NoError(t, err)
	encoded, err := enc.Encode(cryptoIdentity(), cryptoClaims())
	require.NoError(t, err)
	return encoded.Text
}

// newCryptoDecoder returns a decoder with the clock at cryptoNow.
func newCryptoDecoder(t testing.TB, pubs []crypto.PublicKey, aeads ...cose.AEAD) *claim169.Decoder {
	t.Helper()
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{
		Keys: pubs, DecryptionKeys: aeads, Now: func() time.Time { return cryptoNow },
	})
	require.NoError(t, err)
	return dec
}

// requireTestIdentity checks that res holds the test identity and claims.
func requireTestIdentity(t testing.TB, res *claim169.Result) {
	t.Helper()
	require.NotNil(t, res)
	want, err := cryptoIdentity().MarshalCBOR()
	require.NoError(t, err)
	got, err := res.Identity.MarshalCBOR()
	require.NoError(t, err)
	assert.Equal(t, want, got, "identity")
	assert.Equal(t, "https://issuer.example", res.Claims.Issuer)
}

// requireVerifiedIf asserts the outcome of a decode: verified when ok,
// and otherwise refused with no result, for verification and for reason,
// never for an unknown key. It reports ok, for the checks that follow.
func requireVerifiedIf(t testing.TB, ok bool, res *claim169.Result, err, reason error) bool {
	t.Helper()
	if ok {
		require.NoError(t, err)
		assert.Equal(t, claim169.Verified, res.Verification)
		return true
	}
	assert.Nil(t, res)
	require.ErrorIs(t, err, claim169.ErrVerification)
	assert.ErrorIs(t, err, reason)
	assert.NotErrorIs(t, err, claim169.ErrUnknownKey)
	return false
}

// eachCombination runs f in a subtest for every signature algorithm, every
// AEAD (0: none) and every tag shape.
func eachCombination(t *testing.T, f func(t *testing.T, alg, encAlg cose.Algorithm, shape tagShape)) {
	for _, alg := range cryptoSignatureAlgs {
		for _, encAlg := range append([]cose.Algorithm{0}, cryptoAEADAlgs...) {
			for _, shape := range tagShapes {
				t.Run(fmt.Sprintf("%v/%s/%s", alg, aeadName(encAlg), shape.name), func(t *testing.T) {
					f(t, alg, encAlg, shape)
				})
			}
		}
	}
}

// combinationOptions returns the encoder options of one combination and,
// when encAlg is not 0, its fresh content-encryption key.
func combinationOptions(t *testing.T, alg, encAlg cose.Algorithm, shape tagShape) (claim169.EncoderOptions, []byte) {
	t.Helper()
	opts := claim169.EncoderOptions{
		Signer: signerFor(t, alg), Algorithm: alg, AllowRS256: alg == cose.RS256,
		Untagged: shape.untagged, CWTTag: shape.cwtTag,
	}
	var key []byte
	if encAlg != 0 {
		key, opts.Encryption = newKeyAEAD(t, encAlg)
	}
	return opts, key
}

func TestCryptoRoundTrip(t *testing.T) {
	eachCombination(t, func(t *testing.T, alg, encAlg cose.Algorithm, shape tagShape) {
		opts, _ := combinationOptions(t, alg, encAlg, shape)
		var aeads []cose.AEAD
		if opts.Encryption != nil {
			aeads = append(aeads, opts.Encryption)
		}
		text := encodeCredential(t, opts)

		res, err := newCryptoDecoder(t, []crypto.PublicKey{opts.Signer.Public()}, aeads...).Decode(text)
		require.NoError(t, err)
		requireTestIdentity(t, res)
		assert.Equal(t, claim169.Verified, res.Verification)
		assert.Equal(t, alg, res.Algorithm)
		assert.Equal(t, encAlg != 0, res.Encrypted)
		assert.Equal(t, encAlg, res.EncryptionAlgorithm)
		assert.Equal(t, shape.cwtTag, res.CWTTagged)
		require.NotNil(t, res.Sign1)
		assert.Equal(t, !shape.untagged, res.Sign1.Tagged)
		if encAlg != 0 {
			require.NotNil(t, res.Encrypt0)
			assert.Equal(t, !shape.untagged, res.Encrypt0.Tagged)
			assert.Len(t, res.Encrypt0.Unprotected.IV(), cose.IVSize)
		}
	})
}

// The SDK against the reference implementation of internal/testsupport,
// which shares no code with the cose, cwt, base45 and compress packages.

// referenceClaims is the CWT the reference implementation issues.
func referenceClaims() map[int64]any {
	return map[int64]any{
		1: "https://issuer.example", 4: cryptoNow.Unix() + 3600, 6: cryptoNow.Unix() - 3600,
		169: map[int64]any{1: "ID-INDEP-7", 4: "Independent Person"},
	}
}

func TestCryptoIndependentVerifiesOurs(t *testing.T) {
	eachCombination(t, func(t *testing.T, alg, encAlg cose.Algorithm, shape tagShape) {
		signer := signerFor(t, alg)
		opts, key := combinationOptions(t, alg, encAlg, shape)
		claims := ts.Open(t, encodeCredential(t, opts), ts.Opening{
			Alg: int64(alg), Public: signer.Public(), EncAlg: int64(encAlg), EncKey: key,
		})
		var id map[int64]any
		require.NoError(t, cbor.Unmarshal(claims[169], &id))
		assert.Equal(t, "Amina Okafor", id[4])
		assert.Equal(t, "ID-CRYPTO-0042", id[1])
	})
}

func TestCryptoDecodesIndependent(t *testing.T) {
	eachCombination(t, func(t *testing.T, alg, encAlg cose.Algorithm, shape tagShape) {
		signer := signerFor(t, alg)
		opts, key := combinationOptions(t, alg, encAlg, shape)
		var aeads []cose.AEAD
		if opts.Encryption != nil {
			aeads = append(aeads, opts.Encryption)
		}
		cred := ts.Credential{
			Claims: referenceClaims(), Alg: int64(alg), Key: signer, EncAlg: int64(encAlg), EncKey: key,
			Untagged: shape.untagged, CWTTag: shape.cwtTag,
		}
		res, err := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}, aeads...).Decode(ts.Issue(t, cred))
		require.NoError(t, err)
		assert.Equal(t, claim169.Verified, res.Verification)
		assert.Equal(t, alg, res.Algorithm)
		assert.Equal(t, encAlg, res.EncryptionAlgorithm)
		assert.Equal(t, shape.cwtTag, res.CWTTagged)
		assert.Equal(t, "Independent Person", res.Identity.FullName)
		assert.Equal(t, "ID-INDEP-7", res.Identity.ID)
		assert.Equal(t, "https://issuer.example", res.Claims.Issuer)

		// The same bytes with one signature bit changed are refused.
		cred.CorruptSignature = true
		_, err = newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}, aeads...).Decode(ts.Issue(t, cred))
		require.ErrorIs(t, err, claim169.ErrVerification)
	})
}
