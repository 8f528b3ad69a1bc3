package cose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// testSeed is the fixed seed of the deterministic Ed25519 test key.
var testSeed = []byte("claim169 cose test key seed 32by")

// testEd25519 returns the deterministic Ed25519 test key.
func testEd25519() ed25519.PrivateKey { return ed25519.NewKeyFromSeed(testSeed) }

// keySet holds the generated test keys, made once per test binary
// (internal/testsupport): RSA generation is slow.
type keySet struct {
	p224, p256, p384, p521    *ecdsa.PrivateKey
	rsa2048, rsa3072, rsa1024 *rsa.PrivateKey
}

// generatedKeys returns the generated test keys.
func generatedKeys(t testing.TB) *keySet {
	t.Helper()
	return &keySet{
		p224: ts.ECDSAKey(elliptic.P224()), p256: ts.ECDSAKey(elliptic.P256()),
		p384: ts.ECDSAKey(elliptic.P384()), p521: ts.ECDSAKey(elliptic.P521()),
		rsa2048: ts.RSAKey(2048), rsa3072: ts.RSAKey(3072), rsa1024: ts.RSAKey(1024),
	}
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
