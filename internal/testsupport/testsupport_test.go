package testsupport

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The hand writer against RFC 8949 Appendix A.
func TestCBORWriter(t *testing.T) {
	tests := []struct {
		name string
		got  []byte
		want string
	}{
		{"0", Int(0), "00"},
		{"23", Int(23), "17"},
		{"24", Int(24), "1818"},
		{"1000", Int(1000), "1903e8"},
		{"1000000", Int(1000000), "1a000f4240"},
		{"1000000000000", Int(1000000000000), "1b000000e8d4a51000"},
		{"-1", Int(-1), "20"},
		{"-1000", Int(-1000), "3903e7"},
		{"h''", Bytes(nil), "40"},
		{"h'01020304'", Bytes([]byte{1, 2, 3, 4}), "4401020304"},
		{`"IETF"`, Text("IETF"), "6449455446"},
		{"[1, [2, 3], [4, 5]]", Array(Int(1), Array(Int(2), Int(3)), Array(Int(4), Int(5))), "8301820203820405"},
		{`{"a": 1, "b": [2, 3]}`, Map(Text("a"), Int(1), Text("b"), Array(Int(2), Int(3))), "a26161016162820203"},
		{"1(1363896240)", Tag(1, Int(1363896240)), "c11a514b67b0"},
		{"duplicate keys in the order given", Map(Int(1), Int(2), Int(1), Int(3)), "a201020103"},
		{"[[0]]", Nested(2), "818100"},
		{"head of a 2^32 byte string", Head(2, 1<<32), "5b0000000100000000"},
		{"cat", Cat(Int(1), Int(2)), "0102"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, MustHex(tc.want), tc.got)
		})
	}
}

func TestHex(t *testing.T) {
	assert.Equal(t, []byte{0xa1, 0x01}, MustHex("a1 01"))
	assert.Equal(t, []byte{0xa1, 0x01}, Unhex(t, "a1 01"))
	assert.Panics(t, func() { MustHex("zz") })
}

func TestKeysAreMadeOnce(t *testing.T) {
	p256 := ECDSAKey(elliptic.P256())
	assert.Same(t, p256, ECDSAKey(elliptic.P256()))
	assert.NotSame(t, p256, ECDSAKey(elliptic.P384()))
	assert.Equal(t, elliptic.P384(), ECDSAKey(elliptic.P384()).Curve)
	rsa1024 := RSAKey(1024)
	assert.Same(t, rsa1024, RSAKey(1024))
	assert.Equal(t, 1024, rsa1024.N.BitLen())
	ed := NewEd25519Key()
	assert.Len(t, ed, ed25519.PrivateKeySize)
	assert.False(t, ed.Equal(NewEd25519Key()), "a new Ed25519 key on every call")
	assert.True(t, Ed25519Key().Equal(ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))), "the key of the zero seed")
}

func TestEncodings(t *testing.T) {
	key := ECDSAKey(elliptic.P256())
	block, rest := pem.Decode(PEM("PRIVATE KEY", PKCS8(t, key)))
	require.NotNil(t, block)
	assert.Empty(t, rest)
	priv, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	require.NoError(t, err)
	assert.True(t, key.Equal(priv))
	pub, err := x509.ParsePKIXPublicKey(SPKI(t, key.Public()))
	require.NoError(t, err)
	assert.True(t, key.PublicKey.Equal(pub))
	cert, err := x509.ParseCertificate(SelfSigned(t, key))
	require.NoError(t, err)
	assert.True(t, key.PublicKey.Equal(cert.PublicKey))
	assert.NoError(t, cert.CheckSignature(cert.SignatureAlgorithm, cert.RawTBSCertificate, cert.Signature), "self-signed")
}

// referenceSigners are keys of every signature algorithm of the reference.
func referenceSigners() map[int64]crypto.Signer {
	return map[int64]crypto.Signer{
		AlgEdDSA: ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize)),
		AlgES256: ECDSAKey(elliptic.P256()), AlgES384: ECDSAKey(elliptic.P384()), AlgES512: ECDSAKey(elliptic.P521()),
		AlgPS256: RSAKey(2048), AlgPS384: RSAKey(2048), AlgPS512: RSAKey(2048), AlgRS256: RSAKey(2048),
	}
}

// Open reads what Issue writes, for every algorithm, AEAD and tag shape.
func TestIssueOpen(t *testing.T) {
	claims := map[int64]any{1: "https://issuer.example", 6: 1700000000, 169: map[int64]any{4: "Reference"}}
	aeads := map[int64]int{0: 0, AlgA128GCM: 16, AlgA192GCM: 24, AlgA256GCM: 32, AlgChaCha20Poly1305: 32}
	for alg, key := range referenceSigners() {
		for encAlg, size := range aeads {
			for _, shape := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
				t.Run(fmt.Sprintf("%d/%d/%v", alg, encAlg, shape), func(t *testing.T) {
					encKey := bytes.Repeat([]byte{0x3c}, size)
					text := Issue(t, Credential{Claims: claims, Alg: alg, Key: key, EncAlg: encAlg, EncKey: encKey,
						Untagged: shape[0], CWTTag: shape[1]})
					got := Open(t, text, Opening{Alg: alg, Public: key.Public(), EncAlg: encAlg, EncKey: encKey})
					var id map[int64]string
					require.NoError(t, cbor.Unmarshal(got[169], &id))
					assert.Equal(t, "Reference", id[4])
					assert.Equal(t, cbor.RawMessage(MustHex("76 68747470733a2f2f6973737565722e6578616d706c65")), got[1])
				})
			}
		}
	}
}

// fatal records a failure of the code under test and stops it.
type fatal struct {
	testing.TB
	msg string
}

func (f *fatal) Helper() {}

func (f *fatal) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	panic(f)
}

// failure runs f with a recording TB and returns its failure message.
func failure(t *testing.T, f func(tb testing.TB)) (msg string) {
	rec := &fatal{TB: t}
	defer func() {
		if r := recover(); r != nil {
			require.Same(t, rec, r)
			msg = rec.msg
		}
	}()
	f(rec)
	return ""
}

// Open refuses what does not verify or does not match its expectations.
func TestOpenRefuses(t *testing.T) {
	ed := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	p256 := ECDSAKey(elliptic.P256())
	key := bytes.Repeat([]byte{1}, 32)
	cred := Credential{Claims: map[int64]any{1: "x"}, Alg: AlgEdDSA, Key: ed, EncAlg: AlgA256GCM, EncKey: key}
	good := Opening{Alg: AlgEdDSA, Public: ed.Public(), EncAlg: AlgA256GCM, EncKey: key}
	corrupt := cred
	corrupt.CorruptSignature = true
	es256 := Credential{Claims: map[int64]any{1: "x"}, Alg: AlgES256, Key: p256}
	tests := []struct {
		name string
		cred Credential
		open Opening
		want string
	}{
		{"corrupt signature", corrupt, good, "signature"},
		{"other key", cred, Opening{Alg: AlgEdDSA, Public: ed25519.PublicKey(make([]byte, 32)), EncAlg: AlgA256GCM, EncKey: key}, "signature"},
		{"other algorithm expected", cred, Opening{Alg: AlgES256, Public: ed.Public(), EncAlg: AlgA256GCM, EncKey: key}, "algorithm"},
		{"other AEAD expected", cred, Opening{Alg: AlgEdDSA, Public: ed.Public(), EncAlg: AlgChaCha20Poly1305, EncKey: key}, "algorithm"},
		{"wrong content key", cred, Opening{Alg: AlgEdDSA, Public: ed.Public(), EncAlg: AlgA256GCM, EncKey: make([]byte, 32)}, "decryption"},
		{"ECDSA checked with a P-384 key", es256, Opening{Alg: AlgES256, Public: ECDSAKey(elliptic.P384()).Public()}, "signature"},
		{"ECDSA checked with an Ed25519 key", es256, Opening{Alg: AlgES256, Public: ed.Public()}, "signature"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := Issue(t, tc.cred)
			assert.Contains(t, failure(t, func(tb testing.TB) { Open(tb, text, tc.open) }), tc.want)
		})
	}
	assert.Contains(t, failure(t, func(tb testing.TB) {
		Issue(tb, Credential{Claims: 1, Alg: AlgES256, Key: ed})
	}), "key type")
	assert.Contains(t, failure(t, func(tb testing.TB) {
		Issue(tb, Credential{Claims: 1, Alg: AlgEdDSA, Key: ed, EncAlg: AlgA128GCM, EncKey: key})
	}), "32-byte key")
}
