package cose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
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

// keyCase is a public key offered for an algorithm, and the error it must
// meet (nil: none).
type keyCase struct {
	name    string
	alg     Algorithm
	pub     crypto.PublicKey
	wantErr error
}

// refusedKeys are keys of the wrong type or size for an algorithm, or weak
// keys, with the reason CheckKey gives and Verify wraps.
func refusedKeys(t *testing.T) []keyCase {
	k := generatedKeys(t)
	cases := []keyCase{
		{"EdDSA message, P-256 key", EdDSA, &k.p256.PublicKey, ErrAlgorithmMismatch},
		{"EdDSA message, RSA key", EdDSA, &k.rsa2048.PublicKey, ErrAlgorithmMismatch},
		{"ES256 message, P-224 key", ES256, &k.p224.PublicKey, ErrAlgorithmMismatch},
		{"ES256 message, P-384 key", ES256, &k.p384.PublicKey, ErrAlgorithmMismatch},
		{"ES256 message, P-521 key", ES256, &k.p521.PublicKey, ErrAlgorithmMismatch},
		{"ES384 message, P-256 key", ES384, &k.p256.PublicKey, ErrAlgorithmMismatch},
		{"ES384 message, RSA key", ES384, &k.rsa2048.PublicKey, ErrAlgorithmMismatch},
		{"ES512 message, P-256 key", ES512, &k.p256.PublicKey, ErrAlgorithmMismatch},
		{"ES256 message, Ed25519 key", ES256, testEd25519().Public(), ErrAlgorithmMismatch},
		{"PS256 message, P-256 key", PS256, &k.p256.PublicKey, ErrAlgorithmMismatch},
		{"PS256 message, Ed25519 key", PS256, testEd25519().Public(), ErrAlgorithmMismatch},
		{"RS256 message, Ed25519 key", RS256, testEd25519().Public(), ErrAlgorithmMismatch},
		{"RS256 message, P-256 key", RS256, &k.p256.PublicKey, ErrAlgorithmMismatch},
		{"EdDSA message, nil key", EdDSA, nil, ErrAlgorithmMismatch},
		{"EdDSA message, string key", EdDSA, "key", ErrAlgorithmMismatch},
		{"ES256 message, private key", ES256, k.p256, ErrAlgorithmMismatch},
		{"EdDSA message, X25519-sized junk", EdDSA, []byte{1, 2, 3}, ErrAlgorithmMismatch},
		{"ES256 message, nil ECDSA key", ES256, (*ecdsa.PublicKey)(nil), ErrAlgorithmMismatch},
		{"PS256 message, nil RSA key", PS256, (*rsa.PublicKey)(nil), ErrWeakKey},
		{"Ed25519 not a point", EdDSA, ed25519.PublicKey(notOnCurveEd25519(t)), ErrWeakKey},
		{"Ed25519 short key", EdDSA, ed25519.PublicKey(make([]byte, 31)), ErrWeakKey},
		{"RSA 1024 PS256", PS256, &k.rsa1024.PublicKey, ErrWeakKey},
		{"RSA 1024 RS256", RS256, &k.rsa1024.PublicKey, ErrWeakKey},
		{"RSA exponent 1", PS256, &rsa.PublicKey{N: k.rsa2048.N, E: 1}, ErrWeakKey},
		{"RSA even exponent", PS256, &rsa.PublicKey{N: k.rsa2048.N, E: 65536}, ErrWeakKey},
		{"RSA nil modulus", PS256, &rsa.PublicKey{E: 65537}, ErrWeakKey},
		{"P-256 point off the curve", ES256, &ecdsa.PublicKey{Curve: elliptic.P256(), X: big.NewInt(1), Y: big.NewInt(1)}, ErrWeakKey},
		{"P-384 point off the curve", ES384, &ecdsa.PublicKey{Curve: elliptic.P384(), X: big.NewInt(3), Y: big.NewInt(4)}, ErrWeakKey},
		{"P-256 without coordinates", ES256, &ecdsa.PublicKey{Curve: elliptic.P256()}, ErrWeakKey},
	}
	for i, b := range smallOrderEd25519(t) {
		cases = append(cases, keyCase{"Ed25519 small order " + string(rune('0'+i)), EdDSA, ed25519.PublicKey(b), ErrWeakKey})
	}
	return cases
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

// requireParse parses data with parse, ParseSign1 or ParseEncrypt0. With
// want nil the parse must succeed, and the message is returned; otherwise it
// must fail with want and give no message, and nil is returned.
func requireParse[M Sign1 | Encrypt0](t testing.TB, parse func([]byte) (*M, error), data []byte, want error) *M {
	t.Helper()
	msg, err := parse(data)
	if !ts.Succeeded(t, msg, err, want) {
		return nil
	}
	return msg
}

// fuzzParse fuzzes parse, ParseSign1 or ParseEncrypt0, for what both
// promise: a refusal is ErrMalformed with no message; an accepted message
// has the type Identify names (when it names one), check holds for it, and
// the message reencode writes from its fields parses to the same message.
func fuzzParse[M Sign1 | Encrypt0](f *testing.F, typ MessageType, parse func([]byte) (*M, error),
	reencode func(t *testing.T, msg *M) []byte, check func(t *testing.T, msg *M)) {
	f.Fuzz(func(t *testing.T, data []byte) {
		msg, err := parse(data)
		if err != nil {
			require.Nil(t, msg)
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		if kind, err := Identify(data); err == nil {
			require.Equal(t, typ, kind)
		}
		check(t, msg)
		again, err := parse(reencode(t, msg))
		require.NoError(t, err)
		require.Equal(t, msg, again)
	})
}

// requireWritten asserts what Sign and Encrypt write by default of a message
// they wrote with alg and the kid kid, parsed as msg: the tag, the alg and
// the kid in the protected bucket.
func requireWritten(t *testing.T, tagged bool, protected *Headers, msg interface {
	Algorithm() (Algorithm, error)
	KeyID() []byte
}, alg Algorithm, kid string) {
	t.Helper()
	assert.True(t, tagged)
	got, err := msg.Algorithm()
	require.NoError(t, err)
	assert.Equal(t, alg, got)
	assert.Equal(t, []byte(kid), protected.KeyID())
	assert.Equal(t, []byte(kid), msg.KeyID())
}
