package claim169test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/asn1"
	"encoding/json"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// TestSignerRFC6979 checks the ECDSA signatures against the published
// vectors of RFC 6979 (testdata/rfc6979.json): A.2.5 (P-256, SHA-256), A.2.6
// (P-384, SHA-384) and A.2.7 (P-521, SHA-512), messages "sample" and "test".
func TestSignerRFC6979(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "rfc6979.json"))
	require.NoError(t, err)
	var vectors []struct {
		Section, Curve, Hash, X, Message, R, S string
	}
	require.NoError(t, json.Unmarshal(data, &vectors))
	require.Len(t, vectors, 6)
	curves := map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()}
	hashes := map[string]crypto.Hash{"SHA-256": crypto.SHA256, "SHA-384": crypto.SHA384, "SHA-512": crypto.SHA512}
	for _, v := range vectors {
		t.Run(v.Section+" "+v.Message, func(t *testing.T) {
			curve, hash := curves[v.Curve], hashes[v.Hash]
			require.True(t, curve != nil && hash != 0, "curve %s, hash %s", v.Curve, v.Hash)
			key, err := ecdsa.ParseRawPrivateKey(curve, ts.Unhex(t, v.X))
			require.NoError(t, err)
			h := hash.New()
			h.Write([]byte(v.Message))
			digest := h.Sum(nil)
			// The reader is ignored: a random one gives the vector too.
			der, err := deterministic{key}.Sign(rand.Reader, digest, hash)
			require.NoError(t, err)
			var sig struct{ R, S *big.Int }
			_, err = asn1.Unmarshal(der, &sig)
			require.NoError(t, err)
			assert.Equal(t, bigHex(t, v.R), sig.R, "r")
			assert.Equal(t, bigHex(t, v.S), sig.S, "s")
		})
	}
}

func bigHex(t *testing.T, s string) *big.Int {
	t.Helper()
	n, ok := new(big.Int).SetString(s, 16)
	require.True(t, ok)
	return n
}

// An RSA-PSS signature depends on the digest only: its salt is read from a
// stream seeded with the digest, whatever reader the caller passes.
func TestSignerPSS(t *testing.T) {
	signer := Signer(cose.PS256)
	pub := signer.Public().(*rsa.PublicKey)
	opts := &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: crypto.SHA256}
	digest := sha256.Sum256([]byte("sample"))
	a, err := signer.Sign(rand.Reader, digest[:], opts)
	require.NoError(t, err)
	b, err := signer.Sign(rand.Reader, digest[:], opts)
	require.NoError(t, err)
	assert.Equal(t, a, b)
	require.NoError(t, rsa.VerifyPSS(pub, crypto.SHA256, digest[:], a, opts))

	other := sha256.Sum256([]byte("test"))
	c, err := signer.Sign(rand.Reader, other[:], opts)
	require.NoError(t, err)
	assert.NotEqual(t, a, c)
	require.NoError(t, rsa.VerifyPSS(pub, crypto.SHA256, other[:], c, opts))

	// PKCS #1 v1.5 (RS256) is deterministic as it is.
	d, err := signer.Sign(rand.Reader, digest[:], crypto.SHA256)
	require.NoError(t, err)
	require.NoError(t, rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], d))
}

func TestSignerRefusesOtherKeys(t *testing.T) {
	_, err := deterministic{fakeSigner{}}.Sign(nil, nil, crypto.SHA256)
	assert.Error(t, err)
}

type fakeSigner struct{}

func (fakeSigner) Public() crypto.PublicKey { return nil }
func (fakeSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, nil
}

func TestRand(t *testing.T) {
	a, b := make([]byte, 64), make([]byte, 64)
	_, err := io.ReadFull(Rand(), a)
	require.NoError(t, err)
	_, err = io.ReadFull(Rand(), b)
	require.NoError(t, err)
	assert.Equal(t, a, b)
	assert.NotEqual(t, make([]byte, 64), a)
}

// The PEM files hold the test keys.
func TestKeyPEM(t *testing.T) {
	for _, alg := range Algorithms() {
		priv, err := keys.ParsePrivatePEM(PrivateKeyPEM(alg))
		require.NoError(t, err, alg)
		pub, err := keys.ParsePublicPEM(PublicKeyPEM(alg))
		require.NoError(t, err, alg)
		signer := Signer(alg)
		assert.True(t, pub.Public.(interface{ Equal(crypto.PublicKey) bool }).Equal(signer.Public()), alg)
		assert.True(t, priv.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(signer.Public()), alg)
		other := otherSigner(alg).Public().(interface{ Equal(crypto.PublicKey) bool })
		assert.False(t, other.Equal(signer.Public()), alg)
		assert.Contains(t, string(PrivateKeyPEM(alg)), "TEST KEY")
	}
}
