package claim169_test

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// Signers the SDK does not hold: HSM and KMS keys behind crypto.Signer
// (testsupport.HSM stands for them), and signers that take the caller's
// context (cose.ContextSigner).

func TestCryptoHSMSigners(t *testing.T) {
	rsaKey, edKey := cryptoKey(t, "rsa"), cryptoKey(t, "ed25519")
	tests := []struct {
		name   string
		signer crypto.Signer
		alg    cose.Algorithm
	}{
		{"ES256 DER", ts.HSM(ecdsaTestKey(t, "p256")), cose.ES256},
		{"ES384 DER", ts.HSM(ecdsaTestKey(t, "p384")), cose.ES384},
		{"ES512 DER", ts.HSM(ecdsaTestKey(t, "p521")), cose.ES512},
		{"PS256", ts.HSM(rsaKey), cose.PS256},
		{"PS384", ts.HSM(rsaKey), cose.PS384},
		{"PS512", ts.HSM(rsaKey), cose.PS512},
		{"RS256", ts.HSM(rsaKey), cose.RS256},
		{"EdDSA", ts.HSM(edKey), cose.EdDSA},
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
	signer := ts.HSM(ecdsaTestKey(t, "p256")) // refuses a digest whose hash opts does not name
	text := encodeCredential(t, claim169.EncoderOptions{Signer: signer})
	res, err := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}).Decode(text)
	require.NoError(t, err)
	assert.Equal(t, cose.ES256, res.Algorithm)
}

// ctxKey marks the caller's context.
type ctxKey struct{}

// kmsSigner is a cose.ContextSigner that records the context it was given
// and gives up when that context is done.
type kmsSigner struct {
	ed25519.PrivateKey
	seen context.Context
}

func (s *kmsSigner) SignContext(ctx context.Context, rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	s.seen = ctx
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.PrivateKey.Sign(rand, digest, opts)
}

var _ cose.ContextSigner = (*kmsSigner)(nil)

func TestEncodeContextReachesSigner(t *testing.T) {
	kms := &kmsSigner{PrivateKey: ts.Ed25519Key()}
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: kms})
	require.NoError(t, err)
	id := &claim169.Identity{ID: "ID-1"}

	ctx := context.WithValue(context.Background(), ctxKey{}, "request-7")
	out, err := enc.EncodeContext(ctx, id, nil)
	require.NoError(t, err)
	require.NotNil(t, kms.seen)
	assert.Equal(t, "request-7", kms.seen.Value(ctxKey{}), "the signer receives the caller's context")
	assert.NotEmpty(t, out.Text)
	assert.NotEmpty(t, out.Stages.COSE)
	assert.Equal(t, []string{"claim169: no expiry (cwt exp): the credential never expires"}, out.Warnings)

	plain, err := enc.Encode(id, nil)
	require.NoError(t, err)
	assert.Equal(t, out.Text, plain.Text, "Ed25519 is deterministic: Encode is EncodeContext")

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	out, err = enc.EncodeContext(cancelled, id, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, out)
	var e *claim169.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, claim169.StageSign, e.Stage)
}

func TestEncodeContextPlainSigner(t *testing.T) {
	// A plain crypto.Signer still works, and a done context still refuses
	// to sign with it.
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: ts.Ed25519Key()})
	require.NoError(t, err)
	_, err = enc.EncodeContext(context.Background(), &claim169.Identity{ID: "ID-1"}, nil)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = enc.EncodeContext(ctx, &claim169.Identity{ID: "ID-1"}, nil)
	require.ErrorIs(t, err, context.Canceled)
}
