package cose

import (
	"context"
	"crypto"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/cborscan"
	ts "github.com/idqr/claim169/internal/testsupport"
)

func TestSignVerifyRoundTrip(t *testing.T) {
	payload := []byte("a CWT claims map would be here")
	aad := []byte("external")
	for _, alg := range signatureAlgorithms {
		t.Run(alg.String(), func(t *testing.T) {
			signer := signerFor(t, alg)
			data, err := Sign(nil, signer, payload, SignOptions{
				Algorithm: alg, KeyID: []byte("kid-1"), AllowRS256: true, ExternalAAD: aad,
			})
			require.NoError(t, err)
			msg := requireParse(t, ParseSign1, data, nil)
			requireWritten(t, msg.Tagged, &msg.Protected, msg, alg, "kid-1")
			assert.Equal(t, payload, msg.Payload)
			assert.Len(t, msg.Signature, signatureSize(alg, signer.Public()))
			require.NoError(t, msg.Verify(signer.Public(), aad))
			assert.ErrorIs(t, msg.Verify(signer.Public(), nil), ErrVerification, "external AAD is signed")
		})
	}
}

func TestSignOptions(t *testing.T) {
	key := testEd25519()
	certs := [][]byte{[]byte("leaf DER"), []byte("intermediate DER")}
	cases := []struct {
		name  string
		opts  SignOptions
		check func(t *testing.T, data []byte, msg *Sign1)
	}{
		{name: "defaults", check: func(t *testing.T, data []byte, msg *Sign1) {
			assert.True(t, msg.Tagged)
			assert.Equal(t, []byte{0xa1, 0x01, 0x27}, msg.RawProtected, "protected is exactly {1: -8}")
			assert.Zero(t, msg.Unprotected.Len())
			assert.Nil(t, msg.KeyID())
		}},
		{name: "untagged", opts: SignOptions{Untagged: true}, check: func(t *testing.T, data []byte, msg *Sign1) {
			assert.False(t, msg.Tagged)
			assert.Equal(t, byte(0x84), data[0])
		}},
		{name: "unprotected kid", opts: SignOptions{KeyID: []byte("k-1101"), KeyIDUnprotected: true}, check: func(t *testing.T, data []byte, msg *Sign1) {
			assert.Nil(t, msg.Protected.KeyID())
			assert.Equal(t, []byte("k-1101"), msg.Unprotected.KeyID())
			assert.Equal(t, []byte("k-1101"), msg.KeyID())
		}},
		{name: "one certificate is a bare bstr", opts: SignOptions{X5Chain: certs[:1]}, check: func(t *testing.T, data []byte, msg *Sign1) {
			assert.Equal(t, certs[:1], msg.Protected.X5Chain())
			i, ok := msg.Protected.find(HeaderX5Chain.Label())
			require.True(t, ok)
			assert.Equal(t, cborscan.MajorBytes, cborscan.MajorType(msg.Protected.params[i].Value))
		}},
		{name: "chain is an array", opts: SignOptions{X5Chain: certs}, check: func(t *testing.T, data []byte, msg *Sign1) {
			assert.Equal(t, certs, msg.Protected.X5Chain())
		}},
		{name: "protected header is deterministic", opts: SignOptions{KeyID: []byte{1}, X5Chain: certs[:1]}, check: func(t *testing.T, data []byte, msg *Sign1) {
			want := mustMarshal(t, map[int64]any{1: int64(EdDSA), 4: []byte{1}, 33: certs[0]})
			assert.Equal(t, want, msg.RawProtected)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data, err := Sign(nil, key, []byte("payload"), tc.opts)
			require.NoError(t, err)
			msg := requireParse(t, ParseSign1, data, nil)
			require.NoError(t, msg.Verify(key.Public(), nil))
			tc.check(t, data, msg)
		})
	}
}

func TestSignRefusals(t *testing.T) {
	k := generatedKeys(t)
	tooMany := make([][]byte, MaxX509Certificates+1)
	for i := range tooMany {
		tooMany[i] = []byte{1}
	}
	cases := []struct {
		name    string
		signer  crypto.Signer
		opts    SignOptions
		wantErr error
	}{
		{name: "RS256 without opt-in", signer: k.rsa2048, opts: SignOptions{Algorithm: RS256}, wantErr: ErrUnsupportedAlgorithm},
		{name: "AEAD algorithm", signer: testEd25519(), opts: SignOptions{Algorithm: A128GCM}, wantErr: ErrUnsupportedAlgorithm},
		{name: "unknown algorithm", signer: testEd25519(), opts: SignOptions{Algorithm: -999}, wantErr: ErrUnsupportedAlgorithm},
		{name: "Ed25519 key for ES256", signer: testEd25519(), opts: SignOptions{Algorithm: ES256}, wantErr: ErrAlgorithmMismatch},
		{name: "P-256 key for ES384", signer: k.p256, opts: SignOptions{Algorithm: ES384}, wantErr: ErrAlgorithmMismatch},
		{name: "RSA key for EdDSA", signer: k.rsa2048, opts: SignOptions{Algorithm: EdDSA}, wantErr: ErrAlgorithmMismatch},
		{name: "P-384 key for EdDSA", signer: k.p384, opts: SignOptions{Algorithm: EdDSA}, wantErr: ErrAlgorithmMismatch},
		{name: "RSA 1024", signer: k.rsa1024, wantErr: ErrWeakKey},
		{name: "too many certificates", signer: testEd25519(), opts: SignOptions{X5Chain: tooMany}},
		{name: "empty certificate", signer: testEd25519(), opts: SignOptions{X5Chain: [][]byte{{}}}},
		{name: "nil signer", signer: nil, wantErr: errNilSigner},
		{name: "signer error", signer: failingSigner{testEd25519()}, wantErr: errHSM},
		{name: "short signature", signer: shortSigner{testEd25519()}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data, err := Sign(nil, tc.signer, []byte("payload"), tc.opts)
			require.Error(t, err)
			require.Nil(t, data)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
			}
		})
	}
}

var errHSM = errors.New("hsm: device unavailable")

// failingSigner is a signer whose device fails.
type failingSigner struct{ crypto.Signer }

func (failingSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) { return nil, errHSM }

// shortSigner returns signatures one byte short.
type shortSigner struct{ crypto.Signer }

func (s shortSigner) Sign(r io.Reader, m []byte, o crypto.SignerOpts) ([]byte, error) {
	sig, err := s.Signer.Sign(r, m, o)
	return sig[:len(sig)-1], err
}

// An HSM or KMS signer (internal/testsupport) signs with the hash and padding
// the algorithm names, and its DER ECDSA signatures are written as r‖s.
func TestSignWithHSM(t *testing.T) {
	k := generatedKeys(t)
	payload := []byte("payload")
	cases := []struct {
		name   string
		alg    Algorithm
		signer crypto.Signer
	}{
		{name: "ECDSA P-256 DER", alg: ES256, signer: ts.HSM(k.p256)},
		{name: "ECDSA P-384 DER", alg: ES384, signer: ts.HSM(k.p384)},
		{name: "ECDSA P-521 DER", alg: ES512, signer: ts.HSM(k.p521)},
		{name: "RSA-PSS SHA-256", alg: PS256, signer: ts.HSM(k.rsa2048)},
		{name: "RSA-PSS SHA-384", alg: PS384, signer: ts.HSM(k.rsa3072)},
		{name: "RSA-PSS SHA-512", alg: PS512, signer: ts.HSM(k.rsa3072)},
		{name: "RSA PKCS1 v1.5", alg: RS256, signer: ts.HSM(k.rsa2048)},
		{name: "Ed25519", alg: EdDSA, signer: ts.HSM(testEd25519())},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data, err := Sign(nil, tc.signer, payload, SignOptions{Algorithm: tc.alg, AllowRS256: true})
			require.NoError(t, err)
			msg := requireParse(t, ParseSign1, data, nil)
			require.Len(t, msg.Signature, signatureSize(tc.alg, tc.signer.Public()), "raw r‖s, not DER")
			require.NoError(t, msg.Verify(tc.signer.Public(), nil))
		})
	}
}

func TestSignDefaultAlgorithm(t *testing.T) {
	k := generatedKeys(t)
	cases := []struct {
		signer crypto.Signer
		want   Algorithm
	}{
		{testEd25519(), EdDSA}, {k.p256, ES256}, {k.p384, ES384}, {k.p521, ES512}, {k.rsa2048, PS256},
	}
	for _, tc := range cases {
		t.Run(tc.want.String(), func(t *testing.T) {
			data, err := Sign(nil, tc.signer, nil, SignOptions{})
			require.NoError(t, err)
			msg := requireParse(t, ParseSign1, data, nil)
			alg, err := msg.Algorithm()
			require.NoError(t, err)
			require.Equal(t, tc.want, alg)
			require.Empty(t, msg.Payload)
			require.NoError(t, msg.Verify(tc.signer.Public(), nil))
		})
	}
}

// remoteSigner is a ContextSigner over a local key that counts its calls
// and gives up once its context is done.
type remoteSigner struct {
	crypto.Signer
	calls int
}

func (s *remoteSigner) SignContext(ctx context.Context, rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	s.calls++
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.Sign(rand, digest, opts)
}

func TestSignContextEveryAlgorithm(t *testing.T) {
	for _, alg := range []Algorithm{EdDSA, ES256, ES384, ES512, PS256, PS384, PS512} {
		t.Run(alg.String(), func(t *testing.T) {
			remote := &remoteSigner{Signer: signerFor(t, alg)}
			msg, err := SignContext(context.Background(), nil, remote, []byte("payload"), SignOptions{Algorithm: alg})
			require.NoError(t, err)
			assert.Equal(t, 1, remote.calls, "signed through SignContext")
			s1 := requireParse(t, ParseSign1, msg, nil)
			require.NoError(t, s1.Verify(remote.Public(), nil))
		})
	}
}

func TestSignContextDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	remote := &remoteSigner{Signer: testEd25519()}
	msg, err := SignContext(ctx, nil, remote, []byte("payload"), SignOptions{})
	require.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, msg)
	assert.Zero(t, remote.calls, "a done context is refused before the signer is called")

	// A plain signer is refused too.
	_, err = SignContext(ctx, nil, testEd25519(), []byte("payload"), SignOptions{})
	require.ErrorIs(t, err, context.Canceled)
}
