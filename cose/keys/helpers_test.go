package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// rfc8032Seed and rfc8032Public are TEST 1 of RFC 8032 §7.1, the key of RFC
// 8037 Appendix A.
const (
	rfc8032Seed   = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
	rfc8032Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
)

// testSigners are keys of every supported type, made once: key generation,
// RSA's above all, is too slow to repeat in every test.
var testSigners = sync.OnceValue(func() map[string]crypto.Signer {
	seed, _ := hex.DecodeString(rfc8032Seed)
	m := map[string]crypto.Signer{"Ed25519": ed25519.NewKeyFromSeed(seed)}
	for name, curve := range map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()} {
		k, err := ecdsa.GenerateKey(curve, rand.Reader)
		if err != nil {
			panic(err)
		}
		m[name] = k
	}
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	m["RSA"] = k
	return m
})

// weakRSA is a 1024-bit RSA key, made once.
var weakRSA = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		panic(err)
	}
	return k
})

// signer returns the test key named name.
func signer(t testing.TB, name string) crypto.Signer {
	t.Helper()
	s, ok := testSigners()[name]
	require.True(t, ok, "no test key %s", name)
	return s
}

// pemBlock encodes der as one PEM block of type typ.
func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

// spkiDER marshals the public half of s.
func spkiDER(t testing.TB, pub crypto.PublicKey) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	require.NoError(t, err)
	return der
}

// pkcs8DER marshals s as PKCS #8.
func pkcs8DER(t testing.TB, s any) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(s)
	require.NoError(t, err)
	return der
}

// selfSigned makes a self-signed certificate for s.
func selfSigned(t testing.TB, s crypto.Signer) []byte {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "claim169 keys test"},
		NotBefore:    time.Unix(0, 0),
		NotAfter:     time.Unix(4102444800, 0),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, s.Public(), s)
	require.NoError(t, err)
	return der
}

// readTestdata returns the content of testdata/name.
func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

// mustHex decodes a hex constant.
func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

// equalPublic reports whether two public keys are the same key.
func equalPublic(a, b crypto.PublicKey) bool {
	k, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && k.Equal(b)
}
