package cose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAlgorithmRegistry(t *testing.T) {
	cases := []struct {
		alg     Algorithm
		name    string
		sig     bool
		aead    bool
		keySize int
		hash    crypto.Hash
	}{
		{EdDSA, "EdDSA", true, false, 0, 0},
		{ES256, "ES256", true, false, 0, crypto.SHA256},
		{ES384, "ES384", true, false, 0, crypto.SHA384},
		{ES512, "ES512", true, false, 0, crypto.SHA512},
		{PS256, "PS256", true, false, 0, crypto.SHA256},
		{PS384, "PS384", true, false, 0, crypto.SHA384},
		{PS512, "PS512", true, false, 0, crypto.SHA512},
		{RS256, "RS256", true, false, 0, crypto.SHA256},
		{A128GCM, "A128GCM", false, true, 16, 0},
		{A192GCM, "A192GCM", false, true, 24, 0},
		{A256GCM, "A256GCM", false, true, 32, 0},
		{ChaCha20Poly1305, "ChaCha20/Poly1305", false, true, 32, 0},
		{-999, "alg(-999)", false, false, 0, 0},
		{0, "alg(0)", false, false, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.name, tc.alg.String())
			assert.Equal(t, tc.sig, tc.alg.IsSignature())
			assert.Equal(t, tc.aead, tc.alg.IsAEAD())
			assert.Equal(t, tc.keySize, tc.alg.KeySize())
			assert.Equal(t, tc.hash, tc.alg.Hash())
			if tc.sig || tc.aead {
				got, err := ParseAlgorithm(tc.name)
				require.NoError(t, err)
				assert.Equal(t, tc.alg, got)
			}
		})
	}
}

func TestParseAlgorithm(t *testing.T) {
	for name, want := range map[string]Algorithm{"es256": ES256, "EDDSA": EdDSA, "c20p": ChaCha20Poly1305, "chacha20/poly1305": ChaCha20Poly1305} {
		got, err := ParseAlgorithm(name)
		require.NoError(t, err, name)
		assert.Equal(t, want, got, name)
	}
	for _, name := range []string{"", "HS256", "ES256K", "alg(-7)", "Ed448"} {
		_, err := ParseAlgorithm(name)
		assert.ErrorIs(t, err, ErrUnsupportedAlgorithm, name)
	}
}

func TestAlgorithmForKey(t *testing.T) {
	k := generatedKeys(t)
	p224, err := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	require.NoError(t, err)
	cases := []struct {
		name    string
		pub     crypto.PublicKey
		want    Algorithm
		wantErr error
	}{
		{"Ed25519", testEd25519().Public(), EdDSA, nil},
		{"P-256", &k.p256.PublicKey, ES256, nil},
		{"P-384", &k.p384.PublicKey, ES384, nil},
		{"P-521", &k.p521.PublicKey, ES512, nil},
		{"RSA", &k.rsa2048.PublicKey, PS256, nil},
		{"P-224", &p224.PublicKey, 0, ErrUnsupportedAlgorithm},
		{"private key", testEd25519(), 0, ErrUnsupportedAlgorithm},
		{"nil", nil, 0, ErrUnsupportedAlgorithm},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AlgorithmForKey(tc.pub)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}
