package claim169_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
)

// Signers the SDK does not hold: HSM and KMS keys behind crypto.Signer, and
// signers that take the caller's context (cose.ContextSigner).

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
	kms := &kmsSigner{PrivateKey: ed25519.NewKeyFromSeed(make([]byte, 32))}
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
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: ed25519.NewKeyFromSeed(make([]byte, 32))})
	require.NoError(t, err)
	_, err = enc.EncodeContext(context.Background(), &claim169.Identity{ID: "ID-1"}, nil)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = enc.EncodeContext(ctx, &claim169.Identity{ID: "ID-1"}, nil)
	require.ErrorIs(t, err, context.Canceled)
}
