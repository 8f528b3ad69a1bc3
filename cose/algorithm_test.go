package cose

import (
	"crypto"
	"crypto/ed25519"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
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
		{"P-224", &k.p224.PublicKey, 0, ErrUnsupportedAlgorithm},
		{"private key", testEd25519(), 0, ErrUnsupportedAlgorithm},
		{"nil", nil, 0, ErrUnsupportedAlgorithm},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AlgorithmForKey(tc.pub)
			if ts.Succeeded(t, got, err, tc.wantErr) {
				assert.Equal(t, tc.want, got)
			}
		})
	}
}

func TestCheckKey(t *testing.T) {
	cases := append([]keyCase{
		{"AEAD algorithm", A128GCM, testEd25519().Public(), ErrUnsupportedAlgorithm},
		{"unknown algorithm", -999, testEd25519().Public(), ErrUnsupportedAlgorithm},
	}, refusedKeys(t)...)
	for _, alg := range signatureAlgorithms { // the test signers' keys
		cases = append(cases, keyCase{alg.String() + " test key", alg, signerFor(t, alg).Public(), nil})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckKey(tc.alg, tc.pub)
			if tc.wantErr == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.wantErr)
		})
	}
}

// The cache of valid Ed25519 keys never turns a weak key into a valid one,
// rotates past its size, and is safe for concurrent use.
func TestCheckKeyEd25519Cache(t *testing.T) {
	var keys []ed25519.PublicKey
	for i := range 3 * ed25519CacheSize {
		seed := make([]byte, ed25519.SeedSize)
		seed[0] = byte(i)
		keys = append(keys, ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey))
	}
	weak := smallOrderEd25519(t)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for round := range 20 {
				for i, k := range keys {
					assert.NoError(t, CheckKey(EdDSA, k), "goroutine %d round %d key %d", g, round, i)
				}
				for _, w := range weak {
					assert.Error(t, CheckKey(EdDSA, ed25519.PublicKey(w)), "weak key accepted")
				}
			}
		})
	}
	wg.Wait()
	c := validEd25519.Load()
	require.NotNil(t, c)
	assert.Equal(t, ed25519CacheSize, c.n)
	for _, w := range weak {
		assert.False(t, knownValidEd25519([32]byte(w)))
		assert.ErrorIs(t, CheckKey(EdDSA, ed25519.PublicKey(w)), ErrWeakKey)
	}
	first := keys[0]
	require.NoError(t, CheckKey(EdDSA, first))
	assert.True(t, knownValidEd25519([32]byte(first)))
}
