package claim169_test

// Tests of the crypto suite at the facade: every signature algorithm with
// and without every AEAD and in every tag shape, tampering, wrong and missing
// keys, key and algorithm mismatches, weak keys, HSM-style signers, and a
// check against code that does not use the cose package (indep*).

import (
	"bytes"
	"compress/zlib"
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"math/big"
	"sync"
	"testing"
	"time"

	dasio "github.com/dasio/base45"
	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/chacha20poly1305"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/compress"
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

// cryptoKeys holds one private key per key type, made once per test binary
// (one RSA key serves PS256, PS384, PS512 and RS256).
var cryptoKeys = sync.OnceValues(func() (map[string]crypto.Signer, error) {
	m := map[string]crypto.Signer{"ed25519": ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0x42}, ed25519.SeedSize))}
	for name, curve := range map[string]elliptic.Curve{"p256": elliptic.P256(), "p384": elliptic.P384(), "p521": elliptic.P521()} {
		k, err := ecdsa.GenerateKey(curve, rand.Reader)
		if err != nil {
			return nil, err
		}
		m[name] = k
	}
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	m["rsa"] = k
	return m, nil
})

// cryptoKey returns the test key of a key type: ed25519, p256, p384, p521
// or rsa.
func cryptoKey(t testing.TB, name string) crypto.Signer {
	t.Helper()
	m, err := cryptoKeys()
	require.NoError(t, err)
	require.Contains(t, m, name)
	return m[name]
}

// ecdsaTestKey returns the ECDSA test key of a curve: p256, p384 or p521.
func ecdsaTestKey(t testing.TB, name string) *ecdsa.PrivateKey {
	t.Helper()
	k, ok := cryptoKey(t, name).(*ecdsa.PrivateKey)
	require.True(t, ok)
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

func TestCryptoRoundTrip(t *testing.T) {
	for _, alg := range cryptoSignatureAlgs {
		for _, encAlg := range append([]cose.Algorithm{0}, cryptoAEADAlgs...) {
			for _, shape := range tagShapes {
				t.Run(fmt.Sprintf("%v/%s/%s", alg, aeadName(encAlg), shape.name), func(t *testing.T) {
					signer := signerFor(t, alg)
					opts := claim169.EncoderOptions{
						Signer: signer, Algorithm: alg, AllowRS256: alg == cose.RS256,
						Untagged: shape.untagged, CWTTag: shape.cwtTag,
					}
					var aeads []cose.AEAD
					if encAlg != 0 {
						_, opts.Encryption = newKeyAEAD(t, encAlg)
						aeads = append(aeads, opts.Encryption)
					}
					text := encodeCredential(t, opts)

					res, err := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}, aeads...).Decode(text)
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
		}
	}
}

// cryptoMessage returns the COSE bytes (Base45 and zlib removed) of text.
func cryptoMessage(t testing.TB, text string) []byte {
	t.Helper()
	raw, err := base45.DecodeString(text)
	require.NoError(t, err)
	msg, err := compress.Inflate(raw, compress.DefaultMaxSize)
	require.NoError(t, err)
	return msg
}

// cryptoText returns the QR text of COSE bytes.
func cryptoText(msg []byte) string { return base45.EncodeToString(compress.Deflate(msg)) }

// requireEveryFlipRefused flips, one at a time, the lowest and the highest
// bit of every byte of the COSE message in text and checks that dec refuses
// each result with one of the allowed sentinels (never a panic, never
// success) and without identity data in the message.
func requireEveryFlipRefused(t *testing.T, dec *claim169.Decoder, text string, allowed ...error) {
	t.Helper()
	msg := cryptoMessage(t, text)
	_, err := dec.Decode(text)
	require.NoError(t, err, "the untouched credential")
	for i := range msg {
		for _, mask := range []byte{0x01, 0x80} {
			bad := bytes.Clone(msg)
			bad[i] ^= mask
			res, err := dec.Decode(cryptoText(bad))
			if err == nil {
				t.Errorf("byte %d ^ %#02x: accepted", i, mask)
				continue
			}
			assert.Nil(t, res)
			if !slicesContainsErr(err, allowed) {
				t.Errorf("byte %d ^ %#02x: error %v matches none of %v", i, mask, err, allowed)
			}
			var ferr *claim169.Error
			assert.True(t, errors.As(err, &ferr), "an *Error")
			assert.NotContains(t, err.Error(), "Amina")
			assert.NotContains(t, err.Error(), "ID-CRYPTO")
		}
	}
}

func slicesContainsErr(err error, targets []error) bool {
	for _, target := range targets {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

func TestCryptoTamperSigned(t *testing.T) {
	for _, alg := range cryptoSignatureAlgs {
		t.Run(alg.String(), func(t *testing.T) {
			t.Parallel()
			signer := signerFor(t, alg)
			text := encodeCredential(t, claim169.EncoderOptions{Signer: signer, Algorithm: alg, AllowRS256: alg == cose.RS256})
			dec := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()})
			requireEveryFlipRefused(t, dec, text, claim169.ErrVerification, claim169.ErrMalformed)
		})
	}
}

func TestCryptoTamperEncrypted(t *testing.T) {
	signer := signerFor(t, cose.EdDSA)
	for _, alg := range cryptoAEADAlgs {
		t.Run(aeadName(alg), func(t *testing.T) {
			t.Parallel()
			_, aead := newKeyAEAD(t, alg)
			text := encodeCredential(t, claim169.EncoderOptions{Signer: signer, Encryption: aead})
			dec := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}, aead)
			requireEveryFlipRefused(t, dec, text, claim169.ErrDecryption, claim169.ErrMalformed)
		})
	}
}

func TestCryptoDecryptionKeys(t *testing.T) {
	signer := signerFor(t, cose.EdDSA)
	pubs := []crypto.PublicKey{signer.Public()}
	_, aead := newKeyAEAD(t, cose.A256GCM)
	_, other := newKeyAEAD(t, cose.A256GCM)
	_, chacha := newKeyAEAD(t, cose.ChaCha20Poly1305)
	_, a128 := newKeyAEAD(t, cose.A128GCM)
	text := encodeCredential(t, claim169.EncoderOptions{Signer: signer, Encryption: aead})
	tests := []struct {
		name    string
		keys    []cose.AEAD
		wantErr bool
	}{
		{name: "right key", keys: []cose.AEAD{aead}},
		{name: "right key after keys of other algorithms", keys: []cose.AEAD{chacha, a128, aead}},
		{name: "wrong key", keys: []cose.AEAD{other}, wantErr: true},
		{name: "no key", wantErr: true},
		{name: "only keys of other algorithms", keys: []cose.AEAD{chacha, a128}, wantErr: true},
		// Every key of the algorithm is tried: a wrong one first is skipped.
		{name: "wrong key first", keys: []cose.AEAD{other, aead}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dec := newCryptoDecoder(t, pubs, tc.keys...)
			for _, decode := range []func(string) (*claim169.Result, error){dec.Decode, dec.DecodeUnverified} {
				res, err := decode(text)
				if !tc.wantErr {
					require.NoError(t, err)
					requireTestIdentity(t, res)
					continue
				}
				require.ErrorIs(t, err, claim169.ErrDecryption)
				assert.NotErrorIs(t, err, claim169.ErrVerification)
				assert.Nil(t, res)
			}
		})
	}
}

// unsignedEncrypted returns QR text holding the test identity in an unsigned
// CWT (tagged 61 when tagCWT) encrypted with aead.
func unsignedEncrypted(t *testing.T, aead cose.AEAD, tagCWT bool) string {
	t.Helper()
	id, err := cryptoIdentity().MarshalCBOR()
	require.NoError(t, err)
	claims := cryptoClaims()
	claims.Extra = map[int64]cbor.RawMessage{cwt.KeyClaim169: id}
	payload, err := claims.MarshalCBOR()
	require.NoError(t, err)
	if tagCWT {
		payload = cwt.AddTag(payload)
	}
	msg, err := cose.Encrypt(nil, aead, payload, cose.EncryptOptions{})
	require.NoError(t, err)
	return cryptoText(msg)
}

func TestCryptoEncryptedUnsignedCWT(t *testing.T) {
	signer := signerFor(t, cose.EdDSA)
	_, aead := newKeyAEAD(t, cose.A256GCM)
	dec := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}, aead)
	for _, tagCWT := range []bool{false, true} {
		t.Run(fmt.Sprintf("tag61=%v", tagCWT), func(t *testing.T) {
			text := unsignedEncrypted(t, aead, tagCWT)

			res, err := dec.Decode(text)
			require.ErrorIs(t, err, claim169.ErrVerification)
			assert.NotErrorIs(t, err, claim169.ErrDecryption)
			assert.Nil(t, res)

			res, err = dec.DecodeUnverified(text)
			require.NoError(t, err)
			requireTestIdentity(t, res)
			assert.Equal(t, claim169.Skipped, res.Verification)
			assert.Nil(t, res.Sign1)
			assert.Zero(t, res.Algorithm)
			assert.True(t, res.Encrypted)
			assert.Equal(t, cose.A256GCM, res.EncryptionAlgorithm)
		})
	}
}

func TestCryptoRS256OptIn(t *testing.T) {
	signer := signerFor(t, cose.RS256)
	_, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: signer, Algorithm: cose.RS256})
	require.ErrorIs(t, err, cose.ErrUnsupportedAlgorithm)

	text := encodeCredential(t, claim169.EncoderOptions{Signer: signer, Algorithm: cose.RS256, AllowRS256: true})
	res, err := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}).Decode(text)
	require.NoError(t, err, "RS256 is always verified")
	assert.Equal(t, cose.RS256, res.Algorithm)
	assert.Equal(t, claim169.Verified, res.Verification)

	// An RSA key alone selects PS256, never RS256.
	text = encodeCredential(t, claim169.EncoderOptions{Signer: signer, AllowRS256: true})
	res, err = newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}).Decode(text)
	require.NoError(t, err)
	assert.Equal(t, cose.PS256, res.Algorithm)
}

// fakeAEAD claims an algorithm that is not a content-encryption algorithm.
type fakeAEAD struct{ cose.AEAD }

func (fakeAEAD) Algorithm() cose.Algorithm { return cose.ES256 }

func TestCryptoEncoderRefusesMismatch(t *testing.T) {
	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	_, aead := newKeyAEAD(t, cose.A128GCM)
	tests := []struct {
		name    string
		opts    claim169.EncoderOptions
		wantErr error
	}{
		{"ES384 with a P-256 key", claim169.EncoderOptions{Signer: cryptoKey(t, "p256"), Algorithm: cose.ES384}, cose.ErrAlgorithmMismatch},
		{"ES256 with a P-384 key", claim169.EncoderOptions{Signer: cryptoKey(t, "p384"), Algorithm: cose.ES256}, cose.ErrAlgorithmMismatch},
		{"ES512 with a P-256 key", claim169.EncoderOptions{Signer: cryptoKey(t, "p256"), Algorithm: cose.ES512}, cose.ErrAlgorithmMismatch},
		{"PS256 with an Ed25519 key", claim169.EncoderOptions{Signer: cryptoKey(t, "ed25519"), Algorithm: cose.PS256}, cose.ErrAlgorithmMismatch},
		{"EdDSA with an RSA key", claim169.EncoderOptions{Signer: cryptoKey(t, "rsa"), Algorithm: cose.EdDSA}, cose.ErrAlgorithmMismatch},
		{"ES256 with an RSA key", claim169.EncoderOptions{Signer: cryptoKey(t, "rsa"), Algorithm: cose.ES256}, cose.ErrAlgorithmMismatch},
		{"RS256 with a P-256 key", claim169.EncoderOptions{Signer: cryptoKey(t, "p256"), Algorithm: cose.RS256, AllowRS256: true}, cose.ErrAlgorithmMismatch},
		{"AEAD as signature algorithm", claim169.EncoderOptions{Signer: cryptoKey(t, "ed25519"), Algorithm: cose.A256GCM}, cose.ErrUnsupportedAlgorithm},
		{"RSA 1024", claim169.EncoderOptions{Signer: weak}, cose.ErrWeakKey},
		{"signature algorithm as AEAD", claim169.EncoderOptions{Signer: cryptoKey(t, "ed25519"), Encryption: fakeAEAD{aead}}, cose.ErrUnsupportedAlgorithm},
		{"no signer", claim169.EncoderOptions{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			enc, err := claim169.NewEncoder(tc.opts)
			require.Error(t, err)
			assert.Nil(t, enc)
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
			}
		})
	}
}

func TestCryptoDecoderRefusesMismatch(t *testing.T) {
	tests := []struct {
		name    string
		alg     cose.Algorithm
		key     crypto.PublicKey
		wantErr error // besides ErrVerification
	}{
		{"EdDSA credential, RSA key", cose.EdDSA, cryptoKey(t, "rsa").Public(), cose.ErrAlgorithmMismatch},
		{"ES384 credential, P-256 key", cose.ES384, cryptoKey(t, "p256").Public(), cose.ErrAlgorithmMismatch},
		{"ES256 credential, P-384 key", cose.ES256, cryptoKey(t, "p384").Public(), cose.ErrAlgorithmMismatch},
		{"PS256 credential, Ed25519 key", cose.PS256, cryptoKey(t, "ed25519").Public(), cose.ErrAlgorithmMismatch},
		{"ES256 credential, another P-256 key", cose.ES256, mustP256(t).Public(), nil},
		{"EdDSA credential, another Ed25519 key", cose.EdDSA, ed25519.NewKeyFromSeed(make([]byte, 32)).Public(), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := encodeCredential(t, claim169.EncoderOptions{Signer: signerFor(t, tc.alg), Algorithm: tc.alg})
			res, err := newCryptoDecoder(t, []crypto.PublicKey{tc.key}).Decode(text)
			require.ErrorIs(t, err, claim169.ErrVerification)
			assert.Nil(t, res)
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
			}
		})
	}
}

func mustP256(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	return k
}

func TestCryptoDecoderRefusesWeakKeys(t *testing.T) {
	weakRSA, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	identity := make([]byte, ed25519.PublicKeySize) // the neutral point, order 1
	identity[0] = 1
	p224, err := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	require.NoError(t, err)
	tests := []struct {
		name    string
		key     crypto.PublicKey
		wantErr error
	}{
		{"RSA 1024", &weakRSA.PublicKey, cose.ErrWeakKey},
		{"all-zero Ed25519", ed25519.PublicKey(make([]byte, ed25519.PublicKeySize)), cose.ErrWeakKey},
		{"small-order Ed25519", ed25519.PublicKey(identity), cose.ErrWeakKey},
		{"short Ed25519", ed25519.PublicKey(make([]byte, 31)), cose.ErrWeakKey},
		{"P-256 point off the curve", &ecdsa.PublicKey{Curve: elliptic.P256(), X: big.NewInt(1), Y: big.NewInt(1)}, cose.ErrWeakKey},
		{"P-224", &p224.PublicKey, keys.ErrUnsupportedKey},
		{"private key", cryptoKey(t, "ed25519"), keys.ErrPrivateKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{tc.key}})
			require.Error(t, err)
			assert.Nil(t, dec)
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
			}
		})
	}
	_, err = claim169.NewDecoder(claim169.DecoderOptions{DecryptionKeys: []cose.AEAD{nil}})
	assert.Error(t, err, "nil decryption key")
}

// hsmECDSA stands for an ECDSA key inside an HSM: only Public and Sign, and
// Sign returns ASN.1 DER, as PKCS #11 and cloud KMS signers do.
type hsmECDSA struct{ key *ecdsa.PrivateKey }

func (h hsmECDSA) Public() crypto.PublicKey { return &h.key.PublicKey }

func (h hsmECDSA) Sign(r io.Reader, digest []byte, _ crypto.SignerOpts) ([]byte, error) {
	return ecdsa.SignASN1(r, h.key, digest)
}

// kmsECDSA is an ECDSA KMS signer that, like most cloud KMS wrappers, reads
// the digest algorithm from opts.HashFunc().
type kmsECDSA struct{ hsmECDSA }

func (k kmsECDSA) Sign(r io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	if opts == nil || opts.HashFunc() == 0 || opts.HashFunc().Size() != len(digest) {
		return nil, errors.New("kms: the signing request names no digest algorithm")
	}
	return k.hsmECDSA.Sign(r, digest, opts)
}

// hsmRSA stands for an RSA key inside an HSM that signs RSA-PSS only with a
// salt as long as the hash (RFC 8230 §2), or PKCS #1 v1.5 with SHA-256.
type hsmRSA struct{ key *rsa.PrivateKey }

func (h hsmRSA) Public() crypto.PublicKey { return &h.key.PublicKey }

func (h hsmRSA) Sign(r io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	if opts == nil || opts.HashFunc() == 0 || opts.HashFunc().Size() != len(digest) {
		return nil, errors.New("hsm: digest and hash disagree")
	}
	pss, ok := opts.(*rsa.PSSOptions)
	if !ok {
		if opts.HashFunc() != crypto.SHA256 {
			return nil, errors.New("hsm: PKCS #1 v1.5 only with SHA-256")
		}
		return rsa.SignPKCS1v15(r, h.key, crypto.SHA256, digest)
	}
	if pss.SaltLength != rsa.PSSSaltLengthEqualsHash && pss.SaltLength != len(digest) {
		return nil, errors.New("hsm: PSS salt length is not the hash length")
	}
	return rsa.SignPSS(r, h.key, pss.Hash, digest, &rsa.PSSOptions{SaltLength: len(digest), Hash: pss.Hash})
}

// hsmEd25519 stands for an Ed25519 key inside an HSM: it signs the whole
// message (pure EdDSA, crypto.Hash(0)).
type hsmEd25519 struct{ key ed25519.PrivateKey }

func (h hsmEd25519) Public() crypto.PublicKey { return h.key.Public() }

func (h hsmEd25519) Sign(_ io.Reader, message []byte, opts crypto.SignerOpts) ([]byte, error) {
	if opts == nil || opts.HashFunc() != 0 {
		return nil, errors.New("hsm: Ed25519 signs the message, not a digest")
	}
	return ed25519.Sign(h.key, message), nil
}

func TestCryptoHSMSigners(t *testing.T) {
	rsaKey, ok := cryptoKey(t, "rsa").(*rsa.PrivateKey)
	require.True(t, ok)
	edKey, ok := cryptoKey(t, "ed25519").(ed25519.PrivateKey)
	require.True(t, ok)
	tests := []struct {
		name   string
		signer crypto.Signer
		alg    cose.Algorithm
	}{
		{"ES256 DER", hsmECDSA{ecdsaTestKey(t, "p256")}, cose.ES256},
		{"ES384 DER", hsmECDSA{ecdsaTestKey(t, "p384")}, cose.ES384},
		{"ES512 DER", hsmECDSA{ecdsaTestKey(t, "p521")}, cose.ES512},
		{"PS256", hsmRSA{rsaKey}, cose.PS256},
		{"PS384", hsmRSA{rsaKey}, cose.PS384},
		{"PS512", hsmRSA{rsaKey}, cose.PS512},
		{"RS256", hsmRSA{rsaKey}, cose.RS256},
		{"EdDSA", hsmEd25519{edKey}, cose.EdDSA},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, aead := newKeyAEAD(t, cose.A256GCM)
			for _, encryption := range []cose.AEAD{nil, aead} {
				text := encodeCredential(t, claim169.EncoderOptions{
					Signer: tc.signer, Algorithm: tc.alg, AllowRS256: tc.alg == cose.RS256, Encryption: encryption,
				})
				res, err := newCryptoDecoder(t, []crypto.PublicKey{tc.signer.Public()}, aead).Decode(text)
				require.NoError(t, err)
				requireTestIdentity(t, res)
				assert.Equal(t, tc.alg, res.Algorithm)
				assert.Equal(t, claim169.Verified, res.Verification)
				assert.Equal(t, encryption != nil, res.Encrypted)
			}
		})
	}
}

func TestCryptoKMSSignerGetsHash(t *testing.T) {
	signer := kmsECDSA{hsmECDSA{ecdsaTestKey(t, "p256")}}
	text := encodeCredential(t, claim169.EncoderOptions{Signer: signer})
	res, err := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}).Decode(text)
	require.NoError(t, err)
	assert.Equal(t, cose.ES256, res.Algorithm)
}

// The indep* helpers read and write credentials with fxamacker/cbor's
// default functions, crypto/*, compress/zlib and github.com/dasio/base45
// only: an implementation independent of this module's cose, cwt, base45
// and compress packages. Algorithms are the IANA "COSE Algorithms" numbers.

// indepHash maps the ECDSA and RSA algorithms to their hash (RFC 9053 §2.1,
// RFC 8230 §2, RFC 8812 §2).
var indepHash = map[int64]crypto.Hash{
	-7: crypto.SHA256, -35: crypto.SHA384, -36: crypto.SHA512, // ES256, ES384, ES512
	-37: crypto.SHA256, -38: crypto.SHA384, -39: crypto.SHA512, // PS256, PS384, PS512
	-257: crypto.SHA256, // RS256
}

type indepSign1 struct {
	_           struct{} `cbor:",toarray"`
	Protected   []byte
	Unprotected map[int64]cbor.RawMessage
	Payload     []byte
	Signature   []byte
}

type indepEncrypt0 struct {
	_           struct{} `cbor:",toarray"`
	Protected   []byte
	Unprotected map[int64]cbor.RawMessage
	Ciphertext  []byte
}

type indepHeader struct {
	Alg int64 `cbor:"1,keyasint"`
}

// indepCWT is the CWT the independent issuer writes, keys in ascending
// order so that the default encoding is the deterministic one.
type indepCWT struct {
	Issuer    string           `cbor:"1,keyasint"`
	ExpiresAt int64            `cbor:"4,keyasint"`
	IssuedAt  int64            `cbor:"6,keyasint"`
	Claim169  map[int64]string `cbor:"169,keyasint"`
}

// indepAEAD returns the cipher of a content-encryption algorithm (RFC 9053
// §4.1 and §4.3): 1, 2, 3 are AES-GCM, 24 is ChaCha20/Poly1305.
func indepAEAD(t testing.TB, alg int64, key []byte) cipher.AEAD {
	t.Helper()
	if alg == 24 {
		c, err := chacha20poly1305.New(key)
		require.NoError(t, err)
		return c
	}
	block, err := aes.NewCipher(key)
	require.NoError(t, err)
	c, err := cipher.NewGCM(block)
	require.NoError(t, err)
	return c
}

func indepMarshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := cbor.Marshal(v)
	require.NoError(t, err)
	return b
}

// indepUntag removes tag number from data if data starts with it.
func indepUntag(t testing.TB, data []byte, number uint64) []byte {
	t.Helper()
	if len(data) == 0 || data[0]>>5 != 6 {
		return data
	}
	var tag cbor.RawTag
	require.NoError(t, cbor.Unmarshal(data, &tag))
	if tag.Number != number {
		return data
	}
	return tag.Content
}

// indepSignature checks sig over toBeSigned with pub under alg.
func indepSignature(alg int64, pub crypto.PublicKey, toBeSigned, sig []byte) error {
	if alg == -8 { // EdDSA
		k, ok := pub.(ed25519.PublicKey)
		if !ok || !ed25519.Verify(k, toBeSigned, sig) {
			return errors.New("indep: bad EdDSA signature")
		}
		return nil
	}
	hash, ok := indepHash[alg]
	if !ok {
		return errors.New("indep: unknown algorithm")
	}
	h := hash.New()
	h.Write(toBeSigned)
	digest := h.Sum(nil)
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		size := (k.Curve.Params().BitSize + 7) / 8
		if len(sig) != 2*size {
			return errors.New("indep: ECDSA signature of the wrong length")
		}
		r, s := new(big.Int).SetBytes(sig[:size]), new(big.Int).SetBytes(sig[size:])
		if !ecdsa.Verify(k, digest, r, s) {
			return errors.New("indep: bad ECDSA signature")
		}
		return nil
	case *rsa.PublicKey:
		if alg == -257 {
			return rsa.VerifyPKCS1v15(k, hash, digest, sig)
		}
		return rsa.VerifyPSS(k, hash, digest, sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
	}
	return errors.New("indep: unknown key type")
}

// indepSign signs toBeSigned with priv under alg, ECDSA as raw r‖s.
func indepSign(t testing.TB, alg int64, priv crypto.Signer, toBeSigned []byte) []byte {
	t.Helper()
	if k, ok := priv.(ed25519.PrivateKey); ok {
		return ed25519.Sign(k, toBeSigned)
	}
	h := indepHash[alg].New()
	h.Write(toBeSigned)
	digest := h.Sum(nil)
	var sig []byte
	var err error
	switch k := priv.(type) {
	case *ecdsa.PrivateKey:
		var r, s *big.Int
		r, s, err = ecdsa.Sign(rand.Reader, k, digest)
		size := (k.Curve.Params().BitSize + 7) / 8
		sig = make([]byte, 2*size)
		r.FillBytes(sig[:size])
		s.FillBytes(sig[size:])
	case *rsa.PrivateKey:
		if alg == -257 {
			sig, err = rsa.SignPKCS1v15(rand.Reader, k, indepHash[alg], digest)
		} else {
			sig, err = rsa.SignPSS(rand.Reader, k, indepHash[alg], digest, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
		}
	default:
		t.Fatalf("indep: key type %T", priv)
	}
	require.NoError(t, err)
	return sig
}

// indepOpen reads QR text, decrypts it when encAlg is not 0, verifies the
// Sign1 with pub and returns the claims.
func indepOpen(t testing.TB, text string, pub crypto.PublicKey, encAlg int64, encKey []byte) map[int64]cbor.RawMessage {
	t.Helper()
	compressed, err := dasio.DecodeString(text)
	require.NoError(t, err)
	zr, err := zlib.NewReader(bytes.NewReader(compressed))
	require.NoError(t, err)
	msg, err := io.ReadAll(zr)
	require.NoError(t, err)
	msg = indepUntag(t, msg, 61)
	if encAlg != 0 {
		var e0 indepEncrypt0
		require.NoError(t, cbor.Unmarshal(indepUntag(t, msg, 16), &e0))
		var ph indepHeader
		require.NoError(t, cbor.Unmarshal(e0.Protected, &ph))
		require.Equal(t, encAlg, ph.Alg)
		var iv []byte
		require.NoError(t, cbor.Unmarshal(e0.Unprotected[5], &iv))
		require.Len(t, iv, 12)
		aad := indepMarshal(t, []any{"Encrypt0", e0.Protected, []byte{}})
		msg, err = indepAEAD(t, encAlg, encKey).Open(nil, iv, e0.Ciphertext, aad)
		require.NoError(t, err)
	}
	var s1 indepSign1
	require.NoError(t, cbor.Unmarshal(indepUntag(t, msg, 18), &s1))
	var ph indepHeader
	require.NoError(t, cbor.Unmarshal(s1.Protected, &ph))
	toBeSigned := indepMarshal(t, []any{"Signature1", s1.Protected, []byte{}, s1.Payload})
	require.NoError(t, indepSignature(ph.Alg, pub, toBeSigned, s1.Signature))
	var claims map[int64]cbor.RawMessage
	require.NoError(t, cbor.Unmarshal(s1.Payload, &claims))
	return claims
}

// indepIssue writes a credential: a Sign1 under alg (its signature
// corrupted when corrupt is set), inside an Encrypt0 under encAlg unless it
// is 0, tagged as shape says, zlib, Base45.
func indepIssue(t testing.TB, alg int64, priv crypto.Signer, encAlg int64, encKey []byte, shape tagShape, corrupt bool) string {
	t.Helper()
	payload := indepMarshal(t, indepCWT{
		Issuer: "https://issuer.example", IssuedAt: cryptoNow.Unix() - 3600, ExpiresAt: cryptoNow.Unix() + 3600,
		Claim169: map[int64]string{1: "ID-INDEP-7", 4: "Independent Person"},
	})
	protected := indepMarshal(t, map[int64]int64{1: alg})
	sig := indepSign(t, alg, priv, indepMarshal(t, []any{"Signature1", protected, []byte{}, payload}))
	if corrupt {
		sig[len(sig)-1] ^= 1
	}
	msg := indepMarshal(t, []any{protected, map[int64]any{}, payload, sig})
	if !shape.untagged {
		msg = indepMarshal(t, cbor.Tag{Number: 18, Content: cbor.RawMessage(msg)})
	}
	if encAlg != 0 {
		protected := indepMarshal(t, map[int64]int64{1: encAlg})
		iv := make([]byte, 12)
		_, err := rand.Read(iv)
		require.NoError(t, err)
		ct := indepAEAD(t, encAlg, encKey).Seal(nil, iv, msg, indepMarshal(t, []any{"Encrypt0", protected, []byte{}}))
		msg = indepMarshal(t, []any{protected, map[int64][]byte{5: iv}, ct})
		if !shape.untagged {
			msg = indepMarshal(t, cbor.Tag{Number: 16, Content: cbor.RawMessage(msg)})
		}
	}
	if shape.cwtTag {
		msg = indepMarshal(t, cbor.Tag{Number: 61, Content: cbor.RawMessage(msg)})
	}
	var buf bytes.Buffer
	zw, err := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	require.NoError(t, err)
	_, err = zw.Write(msg)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return dasio.EncodeToString(buf.Bytes())
}

func TestCryptoIndependentVerifiesOurs(t *testing.T) {
	for _, alg := range cryptoSignatureAlgs {
		for _, encAlg := range append([]cose.Algorithm{0}, cryptoAEADAlgs...) {
			for _, shape := range tagShapes {
				t.Run(fmt.Sprintf("%v/%s/%s", alg, aeadName(encAlg), shape.name), func(t *testing.T) {
					signer := signerFor(t, alg)
					opts := claim169.EncoderOptions{
						Signer: signer, Algorithm: alg, AllowRS256: alg == cose.RS256,
						Untagged: shape.untagged, CWTTag: shape.cwtTag,
					}
					var key []byte
					if encAlg != 0 {
						key, opts.Encryption = newKeyAEAD(t, encAlg)
					}
					claims := indepOpen(t, encodeCredential(t, opts), signer.Public(), int64(encAlg), key)
					var id map[int64]any
					require.NoError(t, cbor.Unmarshal(claims[169], &id))
					assert.Equal(t, "Amina Okafor", id[4])
					assert.Equal(t, "ID-CRYPTO-0042", id[1])
				})
			}
		}
	}
}

func TestCryptoDecodesIndependent(t *testing.T) {
	for _, alg := range cryptoSignatureAlgs {
		for _, encAlg := range append([]cose.Algorithm{0}, cryptoAEADAlgs...) {
			for _, shape := range tagShapes {
				t.Run(fmt.Sprintf("%v/%s/%s", alg, aeadName(encAlg), shape.name), func(t *testing.T) {
					signer := signerFor(t, alg)
					var key []byte
					var aeads []cose.AEAD
					if encAlg != 0 {
						var aead cose.AEAD
						key, aead = newKeyAEAD(t, encAlg)
						aeads = append(aeads, aead)
					}
					text := indepIssue(t, int64(alg), signer, int64(encAlg), key, shape, false)
					res, err := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}, aeads...).Decode(text)
					require.NoError(t, err)
					assert.Equal(t, claim169.Verified, res.Verification)
					assert.Equal(t, alg, res.Algorithm)
					assert.Equal(t, encAlg, res.EncryptionAlgorithm)
					assert.Equal(t, shape.cwtTag, res.CWTTagged)
					assert.Equal(t, "Independent Person", res.Identity.FullName)
					assert.Equal(t, "ID-INDEP-7", res.Identity.ID)
					assert.Equal(t, "https://issuer.example", res.Claims.Issuer)

					// The same bytes with one signature bit changed are refused.
					tampered := indepIssue(t, int64(alg), signer, int64(encAlg), key, shape, true)
					_, err = newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}, aeads...).Decode(tampered)
					require.ErrorIs(t, err, claim169.ErrVerification)
				})
			}
		}
	}
}

// FuzzCryptoDecode feeds COSE messages (zlib and Base45 are added) to a
// decoder holding a fixed Ed25519 key and fixed keys for every AEAD. The
// only identity ever signed with that key is the test identity, so a
// success must be Verified and carry exactly that identity: anything else
// is a forgery. Failures must return no result and match a sentinel.
func FuzzCryptoDecode(f *testing.F) {
	signer := signerFor(f, cose.EdDSA)
	var aeads []cose.AEAD
	for i, alg := range cryptoAEADAlgs {
		aead, err := cose.NewAEAD(alg, bytes.Repeat([]byte{byte(0xa0 + i)}, alg.KeySize()))
		require.NoError(f, err)
		aeads = append(aeads, aead)
	}
	for _, aead := range append([]cose.AEAD{nil}, aeads...) {
		for _, shape := range tagShapes {
			text := encodeCredential(f, claim169.EncoderOptions{
				Signer: signer, Encryption: aead, Untagged: shape.untagged, CWTTag: shape.cwtTag,
			})
			f.Add(cryptoMessage(f, text))
		}
	}
	dec := newCryptoDecoder(f, []crypto.PublicKey{signer.Public()}, aeads...)
	sentinels := []error{
		claim169.ErrMalformed, claim169.ErrTooLarge, claim169.ErrVerification,
		claim169.ErrDecryption, claim169.ErrExpired, claim169.ErrNotYetValid,
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		res, err := dec.Decode(cryptoText(msg))
		if err != nil {
			require.Nil(t, res)
			require.True(t, slicesContainsErr(err, sentinels), "%v", err)
			return
		}
		require.Equal(t, claim169.Verified, res.Verification)
		requireTestIdentity(t, res)
	})
}
