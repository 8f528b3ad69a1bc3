package trust

import (
	"bytes"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// hugeRSA is an RSA public key with a modulus of n bytes, all ones: no one
// holds its private half, and it compresses to almost nothing.
func hugeRSA(n int) *rsa.PublicKey {
	return &rsa.PublicKey{N: new(big.Int).SetBytes(bytes.Repeat([]byte{0xff}, n)), E: 65537}
}

// underFake issues a leaf (signed by a throwaway key) whose issuer name is
// the subject of ca, as if ca had issued it.
func underFake(t testing.TB, spec certSpec, ca *x509.Certificate) pkiCert {
	t.Helper()
	forger := newP256(t)
	fake := &x509.Certificate{
		RawSubject: ca.RawSubject, Subject: ca.Subject, PublicKey: forger.Public(),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	return issue(t, spec, &pkiCert{cert: fake, key: forger})
}

// requireChainRefused decodes text with s at testNow and asserts a refused
// chain with reason want.
func requireChainRefused(t *testing.T, s *Store, text string, want ChainReason) *ChainError {
	t.Helper()
	res, err := decode(t, s, testNow, text)
	require.Nil(t, res)
	assert.ErrorIs(t, err, claim169.ErrVerification)
	var ce *ChainError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, want, ce.Reason, "refused as %v", ce.Reason)
	requireNoLeak(t, err, "Test Root", "Intermediate", "Signer")
	return ce
}

// The reviewers' attack: an x5chain whose made-up intermediate has an RSA
// modulus of 62 KB cost crypto/x509 a second per decode. The key is now
// refused before crypto/x509 runs: the refusal carries no x509 error.
func TestChainHugeRSAIntermediate(t *testing.T) {
	pki := newPKI(t)
	s := New(Options{})
	s.AddAnchors(pki.root.cert)
	huge := issue(t, certSpec{name: "Test Intermediate", ca: true, key: newP256(t), public: hugeRSA(62 << 10)}, &pki.root)
	require.Equal(t, 62<<13, huge.cert.PublicKey.(*rsa.PublicKey).N.BitLen())
	leaf := underFake(t, certSpec{name: "Leaf Signer", key: newEd25519(t)}, huge.cert)
	text := encode(t, claim169.EncoderOptions{
		Signer: leaf.key, CertificateChain: [][]byte{leaf.cert.Raw, huge.cert.Raw},
	}, testIssuer)
	require.Less(t, len(text), claim169.DefaultMaxTextLength)

	ce := requireChainRefused(t, s, text, ChainUnsupportedKey)
	assert.Nil(t, ce.Err, "refused before crypto/x509 saw the chain")
	assert.Zero(t, s.chains.size())

	// The same from x5bag, and with the huge key on the leaf.
	text = signCustom(t, edKey(t, leaf), testIssuer,
		map[int64]any{labelAlg: algEdDSA, labelX5Chain: leaf.cert.Raw},
		map[int64]any{labelX5Bag: [][]byte{huge.cert.Raw}})
	requireChainRefused(t, s, text, ChainUnsupportedKey)
	hugeLeaf := issue(t, certSpec{name: "Huge Leaf", key: newEd25519(t), public: hugeRSA(62 << 10)}, &pki.intermediate)
	_, err := s.Resolve(t.Context(), claim169.KeyQuery{Certificates: [][]byte{hugeLeaf.cert.Raw, pki.intermediate.cert.Raw}, Now: testNow})
	var ce2 *ChainError
	require.ErrorAs(t, err, &ce2)
	assert.Equal(t, ChainUnsupportedKey, ce2.Reason)
}

func TestChainCertificateKeys(t *testing.T) {
	pki := newPKI(t)
	p224 := mustECDSA(t, elliptic.P224())
	tests := []struct {
		name   string
		opts   Options
		public any
		want   ChainReason // 0: the key passes (the chain then fails its signature)
	}{
		{"RSA-5000", Options{}, hugeRSA(625), ChainUnsupportedKey},
		{"RSA-5000, MaxRSABits 8192", Options{MaxRSABits: 8192}, hugeRSA(625), 0},
		{"RSA-1024", Options{MaxRSABits: 8192}, hugeRSA(128), ChainUnsupportedKey},
		{"RSA exponent 2^31-1", Options{}, &rsa.PublicKey{N: ts.RSAKey(2048).N, E: 1<<31 - 1}, ChainUnsupportedKey},
		{"RSA-2048", Options{}, ts.RSAKey(2048).Public(), 0},
		{"P-224", Options{}, p224.Public(), ChainUnsupportedKey},
		{"P-384", Options{}, mustECDSA(t, elliptic.P384()).Public(), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New(tc.opts)
			s.AddAnchors(pki.root.cert)
			inter := issue(t, certSpec{name: "Test Intermediate", ca: true, public: tc.public}, &pki.root)
			leaf := underFake(t, certSpec{name: "Leaf Signer", key: newEd25519(t)}, inter.cert)
			_, err := s.Resolve(t.Context(), claim169.KeyQuery{Certificates: [][]byte{leaf.cert.Raw, inter.cert.Raw}, Now: testNow})
			var ce *ChainError
			require.ErrorAs(t, err, &ce)
			if tc.want != 0 {
				assert.Equal(t, tc.want, ce.Reason)
				return
			}
			assert.NotEqual(t, ChainUnsupportedKey, ce.Reason, "the key passes its check")
			assert.NotNil(t, ce.Err, "crypto/x509 refused the forged leaf")
		})
	}
}

// The x5chain refusals of the review that are not in TestChainRefused: each
// chain is one an attacker can build without any CA's key, or with the key
// of a certificate that may not issue.
func TestChainRefusedStructure(t *testing.T) {
	pki := newPKI(t)
	endEntity := issue(t, certSpec{name: "End Entity", key: newP256(t)}, &pki.intermediate)
	underEndEntity := issue(t, certSpec{name: "Leaf Signer", key: newEd25519(t)}, &endEntity)
	noCertSign := issue(t, certSpec{name: "CA Without CertSign", ca: true, keyUsage: x509.KeyUsageDigitalSignature}, &pki.root)
	underNoCertSign := issue(t, certSpec{name: "Leaf Signer", key: newEd25519(t)}, &noCertSign)
	pathZero := issue(t, certSpec{name: "Path Zero", ca: true, pathLen: -1}, &pki.root)
	belowPathZero := issue(t, certSpec{name: "Below Path Zero", ca: true}, &pathZero)
	tooDeep := issue(t, certSpec{name: "Leaf Signer", key: newEd25519(t)}, &belowPathZero)
	constrained := issue(t, certSpec{name: "Constrained", ca: true, permitted: []string{"issuer.example"}}, &pki.root)
	outside := issue(t, certSpec{name: "Leaf Signer", key: newEd25519(t), dnsNames: []string{"other.example"}}, &constrained)
	selfSigned := issue(t, certSpec{name: "Leaf Signer", key: newEd25519(t)}, nil)
	lookAlike := issue(t, certSpec{name: "Test Intermediate", ca: true}, nil) // self-made, same name
	underLookAlike := issue(t, certSpec{name: "Leaf Signer", key: newEd25519(t)}, &lookAlike)

	tests := []struct {
		name   string
		leaf   pkiCert
		chain  [][]byte
		bag    [][]byte
		reason ChainReason
	}{
		{"an end-entity certificate as issuer", underEndEntity, [][]byte{underEndEntity.cert.Raw, endEntity.cert.Raw, pki.intermediate.cert.Raw}, nil, ChainUnknownAuthority},
		{"a CA without keyCertSign as issuer", underNoCertSign, [][]byte{underNoCertSign.cert.Raw, noCertSign.cert.Raw}, nil, ChainUnknownAuthority},
		{"path length exceeded", tooDeep, [][]byte{tooDeep.cert.Raw, belowPathZero.cert.Raw, pathZero.cert.Raw}, nil, ChainInvalid},
		{"name constraint violated", outside, [][]byte{outside.cert.Raw, constrained.cert.Raw}, nil, ChainInvalid},
		{"self-signed leaf", selfSigned, [][]byte{selfSigned.cert.Raw}, nil, ChainUnknownAuthority},
		{"the anchor itself as the chain", pki.root, [][]byte{pki.root.cert.Raw}, nil, ChainKeyUsage},
		{"look-alike intermediate in x5bag", underLookAlike, [][]byte{underLookAlike.cert.Raw}, [][]byte{lookAlike.cert.Raw}, ChainUnknownAuthority},
		{"look-alike intermediate beside the real one", underLookAlike, [][]byte{underLookAlike.cert.Raw, lookAlike.cert.Raw}, [][]byte{pki.intermediate.cert.Raw}, ChainUnknownAuthority},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New(Options{})
			s.AddAnchors(pki.root.cert)
			text := signChain(t, tc.leaf, tc.chain, tc.bag)
			requireChainRefused(t, s, text, tc.reason)
		})
	}
}

// signChain signs a credential with the key of leaf, carrying chain as
// x5chain and bag (if any) as x5bag. A leaf whose key is not Ed25519 (the
// anchor) signs with a throwaway Ed25519 key instead: the chain is refused
// before the signature matters.
func signChain(t testing.TB, leaf pkiCert, chain, bag [][]byte) string {
	t.Helper()
	key := newEd25519(t)
	if k, ok := leaf.key.(interface{ Seed() []byte }); ok && k != nil {
		key = edKey(t, leaf)
	}
	unprotected := map[int64]any{}
	if len(bag) > 0 {
		unprotected[labelX5Bag] = bag
	}
	return signCustom(t, key, testIssuer, map[int64]any{labelAlg: algEdDSA, labelX5Chain: chain}, unprotected)
}

// Thirty intermediates with the real intermediate's name, none issued by the
// root: refused by count under the default limit, and with a limit raised
// to let them in, by the signature budget or crypto/x509, never by the cost
// of checking thirty keys.
func TestChainThirtyLookAlikes(t *testing.T) {
	pki := newPKI(t)
	var fakes [][]byte
	for range 30 {
		fakes = append(fakes, underFake(t, certSpec{name: "Test Intermediate", ca: true}, pki.root.cert).cert.Raw)
	}
	chain := append([][]byte{pki.leaf.cert.Raw}, fakes[:15]...)
	q := claim169.KeyQuery{Certificates: chain, Bag: fakes[15:], Now: testNow}

	s := New(Options{})
	s.AddAnchors(pki.root.cert)
	_, err := s.Resolve(t.Context(), q)
	var ce *ChainError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ChainTooLarge, ce.Reason)

	s = New(Options{MaxChainCertificates: 32})
	s.AddAnchors(pki.root.cert)
	_, err = s.Resolve(t.Context(), q)
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ChainUnknownAuthority, ce.Reason, "each look-alike checked once against the root, then crypto/x509 sees none")

	// With the real intermediate among them, the chain verifies.
	q.Bag = append(q.Bag[:14], pki.intermediate.cert.Raw)
	got, err := s.Resolve(t.Context(), q)
	require.NoError(t, err)
	assert.Equal(t, []any{pki.leaf.key.Public()}, toAny(got))
}
