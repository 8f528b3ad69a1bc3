package cose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// testSeed is the fixed seed of the deterministic Ed25519 test key.
var testSeed = []byte("claim169 cose test key seed 32by")

// testEd25519 returns the deterministic Ed25519 test key.
func testEd25519() ed25519.PrivateKey { return ed25519.NewKeyFromSeed(testSeed) }

// keySet holds keys generated once per test binary (RSA generation is
// slow).
type keySet struct {
	p256, p384, p521          *ecdsa.PrivateKey
	rsa2048, rsa3072, rsa1024 *rsa.PrivateKey
}

var (
	testKeys     keySet
	testKeysErr  error
	testKeysOnce sync.Once
)

// generatedKeys returns the generated test keys.
func generatedKeys(t testing.TB) *keySet {
	t.Helper()
	testKeysOnce.Do(func() {
		var errs [6]error
		testKeys.p256, errs[0] = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		testKeys.p384, errs[1] = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
		testKeys.p521, errs[2] = ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
		testKeys.rsa2048, errs[3] = rsa.GenerateKey(rand.Reader, 2048)
		testKeys.rsa3072, errs[4] = rsa.GenerateKey(rand.Reader, 3072)
		testKeys.rsa1024, errs[5] = rsa.GenerateKey(rand.Reader, 1024)
		testKeysErr = errors.Join(errs[:]...)
	})
	require.NoError(t, testKeysErr)
	return &testKeys
}

// signerFor returns the test key for alg.
func signerFor(t testing.TB, alg Algorithm) crypto.Signer {
	t.Helper()
	k := generatedKeys(t)
	switch alg {
	case EdDSA:
		return testEd25519()
	case ES256:
		return k.p256
	case ES384:
		return k.p384
	case ES512:
		return k.p521
	case PS256, RS256:
		return k.rsa2048
	case PS384, PS512:
		return k.rsa3072
	}
	t.Fatalf("no test key for %v", alg)
	return nil
}

var signatureAlgorithms = []Algorithm{EdDSA, ES256, ES384, ES512, PS256, PS384, PS512, RS256}

var aeadAlgorithms = []Algorithm{A128GCM, A192GCM, A256GCM, ChaCha20Poly1305}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

func mustMarshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := strictcbor.Marshal(v)
	require.NoError(t, err)
	return b
}

// rawMessage builds a COSE message from CBOR values: protected is the
// content of the protected byte string (raw bytes, not re-encoded),
// unprotected an encoded map, fields the remaining byte strings.
func rawMessage(tag uint64, tagged bool, protected, unprotected []byte, fields ...[]byte) []byte {
	return encodeMessage(tag, tagged, protected, unprotected, fields...)
}

// signRawSign1 signs protected (the exact protected bytes) and payload with
// the Ed25519 test key and returns a tagged COSE_Sign1 with unprotected (an
// encoded map). It lets tests build messages Sign refuses to write.
func signRawSign1(protected, unprotected, payload []byte) []byte {
	sig := ed25519.Sign(testEd25519(), sigStructure(protected, nil, payload))
	return rawMessage(TagSign1, true, protected, unprotected, payload, sig)
}

// emptyMap is the CBOR encoding of {}.
var emptyMap = []byte{0xa0}

// encodeParams re-encodes a header bucket from its parameters as received.
func encodeParams(t testing.TB, params []Param) []byte {
	t.Helper()
	out := cborscan.AppendHead(nil, cborscan.MajorMap, uint64(len(params)))
	for _, p := range params {
		if n, ok := p.Label.Int(); ok {
			out = append(out, mustMarshal(t, n)...)
		} else {
			s, _ := p.Label.Text()
			out = cborscan.AppendText(out, s)
		}
		out = append(out, p.Value...)
	}
	return out
}
