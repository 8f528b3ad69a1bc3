package claim169_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	ts "github.com/idqr/claim169/internal/testsupport"
)

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
	weak := ts.RSAKey(1024)
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
	weakRSA := ts.RSAKey(1024)
	identity := make([]byte, ed25519.PublicKeySize) // the neutral point, order 1
	identity[0] = 1
	p224 := ts.ECDSAKey(elliptic.P224())
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
	_, err := claim169.NewDecoder(claim169.DecoderOptions{DecryptionKeys: []cose.AEAD{nil}})
	assert.Error(t, err, "nil decryption key")
}
