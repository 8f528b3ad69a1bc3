package trust

import (
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
)

func TestChainEndToEnd(t *testing.T) {
	pki := newPKI(t)
	p256Leaf := issue(t, certSpec{name: "P-256 Signer"}, &pki.intermediate)
	s := New(Options{})
	s.AddAnchors(pki.root.cert)

	for _, leaf := range []pkiCert{pki.leaf, p256Leaf} {
		t.Run(leaf.cert.Subject.CommonName, func(t *testing.T) {
			text := encode(t, claim169.EncoderOptions{
				Signer:           leaf.key,
				CertificateChain: [][]byte{leaf.cert.Raw, pki.intermediate.cert.Raw},
			}, testIssuer)
			res, err := decode(t, s, testNow, text)
			requireVerified(t, res, err)
		})
	}
}

func TestChainRefused(t *testing.T) {
	pki := newPKI(t)
	other := issue(t, certSpec{name: "Other Root", ca: true}, nil)
	noSigning := issue(t, certSpec{name: "Encipherment Only", key: newEd25519(t), keyUsage: x509.KeyUsageKeyEncipherment}, &pki.intermediate)
	serverAuth := issue(t, certSpec{name: "Server", key: newEd25519(t), extUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}, &pki.intermediate)
	shortInter := issue(t, certSpec{name: "Short Intermediate", ca: true, notAfter: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, &pki.root)
	underShort := issue(t, certSpec{name: "Leaf Under Short", key: newEd25519(t)}, &shortInter)
	full := func(leaf pkiCert) [][]byte { return [][]byte{leaf.cert.Raw, pki.intermediate.cert.Raw} }

	tests := []struct {
		name    string
		anchor  *x509.Certificate
		opts    Options
		leaf    pkiCert
		chain   [][]byte
		now     time.Time
		reason  ChainReason
		x509Err bool
	}{
		{"untrusted root", other.cert, Options{}, pki.leaf, full(pki.leaf), testNow, ChainUnknownAuthority, true},
		{"expired leaf", pki.root.cert, Options{}, pki.leaf, full(pki.leaf), leafEnd.Add(time.Hour), ChainExpired, true},
		{"leaf not yet valid", pki.root.cert, Options{}, pki.leaf, full(pki.leaf), leafStart.Add(-time.Hour), ChainNotYetValid, true},
		{"intermediate expired", pki.root.cert, Options{}, underShort, [][]byte{underShort.cert.Raw, shortInter.cert.Raw}, testNow, ChainExpired, true},
		{"missing intermediate", pki.root.cert, Options{}, pki.leaf, [][]byte{pki.leaf.cert.Raw}, testNow, ChainUnknownAuthority, true},
		{"key usage without digitalSignature", pki.root.cert, Options{}, noSigning, full(noSigning), testNow, ChainKeyUsage, false},
		{"extended key usage", pki.root.cert, Options{}, serverAuth, full(serverAuth), testNow, ChainExtKeyUsage, false},
		{"malformed leaf", pki.root.cert, Options{}, pki.leaf, [][]byte{{0x30, 0x03, 0x02, 0x01, 0x01}}, testNow, ChainMalformed, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New(tc.opts)
			s.AddAnchors(tc.anchor)
			// A key stored by kid for the same signer must not rescue the
			// credential: with anchors, the chain decides alone.
			require.NoError(t, s.AddKey(testIssuer, "k1", tc.leaf.key.Public(), 0))
			text := encode(t, claim169.EncoderOptions{Signer: tc.leaf.key, KeyID: []byte("k1"), CertificateChain: tc.chain}, testIssuer)

			res, err := decode(t, s, tc.now, text)
			require.Nil(t, res)
			assert.ErrorIs(t, err, claim169.ErrVerification)
			assert.ErrorIs(t, err, ErrUntrustedChain)
			assert.NotErrorIs(t, err, claim169.ErrUnknownKey)
			var ce *ChainError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tc.reason, ce.Reason)
			assert.Equal(t, tc.x509Err, ce.Err != nil)
			requireNoLeak(t, err, tc.leaf.cert.Subject.CommonName, "Intermediate", "Test Root", "Other Root", "k1")
		})
	}
}

func TestChainX509ErrorReachable(t *testing.T) {
	pki := newPKI(t)
	other := issue(t, certSpec{name: "Other Root", ca: true}, nil)
	s := New(Options{})
	s.AddAnchors(other.cert)
	_, err := s.Resolve(t.Context(), claim169.KeyQuery{Certificates: [][]byte{pki.leaf.cert.Raw, pki.intermediate.cert.Raw}, Now: testNow})
	var unknown x509.UnknownAuthorityError
	assert.ErrorAs(t, err, &unknown)

	_, err = s.Resolve(t.Context(), claim169.KeyQuery{Certificates: [][]byte{pki.leaf.cert.Raw}, Now: leafEnd.Add(time.Hour)})
	var invalid x509.CertificateInvalidError
	require.ErrorAs(t, err, &invalid)
	assert.Equal(t, x509.Expired, invalid.Reason)
}

func TestChainKeyDidNotSign(t *testing.T) {
	pki := newPKI(t)
	s := New(Options{})
	s.AddAnchors(pki.root.cert)
	text := encode(t, claim169.EncoderOptions{
		Signer:           newEd25519(t), // key B; the chain holds key A
		CertificateChain: [][]byte{pki.leaf.cert.Raw, pki.intermediate.cert.Raw},
	}, testIssuer)
	res, err := decode(t, s, testNow, text)
	require.Nil(t, res)
	assert.ErrorIs(t, err, claim169.ErrVerification)
	assert.NotErrorIs(t, err, ErrUntrustedChain)
	assert.NotErrorIs(t, err, claim169.ErrUnknownKey)
}

func TestChainResolvesOnlyTheLeaf(t *testing.T) {
	pki := newPKI(t)
	s := New(Options{})
	s.AddAnchors(pki.root.cert)
	require.NoError(t, s.AddKey(AnyIssuer, "", newEd25519(t).Public(), 0))
	got, err := s.Resolve(t.Context(), claim169.KeyQuery{
		Certificates: [][]byte{pki.leaf.cert.Raw, pki.intermediate.cert.Raw},
		Now:          testNow,
	})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, pki.leaf.key.Public(), got[0])
}

func TestChainIntermediateFromBag(t *testing.T) {
	pki := newPKI(t)
	s := New(Options{})
	s.AddAnchors(pki.root.cert)
	text := signCustom(t, edKey(t, pki.leaf), testIssuer,
		map[int64]any{labelAlg: algEdDSA, labelX5Chain: pki.leaf.cert.Raw},
		map[int64]any{labelX5Bag: [][]byte{pki.intermediate.cert.Raw}})
	res, err := decode(t, s, testNow, text)
	requireVerified(t, res, err)

	// Without the bag, the intermediate is missing.
	text = signCustom(t, edKey(t, pki.leaf), testIssuer,
		map[int64]any{labelAlg: algEdDSA, labelX5Chain: pki.leaf.cert.Raw}, map[int64]any{})
	_, err = decode(t, s, testNow, text)
	var ce *ChainError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ChainUnknownAuthority, ce.Reason)
}

func TestChainIgnoredWithoutAnchors(t *testing.T) {
	pki := newPKI(t)
	other := issue(t, certSpec{name: "Other Root", ca: true}, nil)
	otherLeaf := issue(t, certSpec{name: "Other Leaf", key: pki.leaf.key}, &other)
	s := New(Options{})
	require.NoError(t, s.AddKey(testIssuer, "k1", pki.leaf.key.Public(), 0))
	text := encode(t, claim169.EncoderOptions{
		Signer: pki.leaf.key, KeyID: []byte("k1"),
		CertificateChain: [][]byte{otherLeaf.cert.Raw, other.cert.Raw},
	}, testIssuer)
	res, err := decode(t, s, testNow, text)
	requireVerified(t, res, err)
}

func TestChainTooManyCertificates(t *testing.T) {
	pki := newPKI(t)
	s := New(Options{})
	s.AddAnchors(pki.root.cert)
	chain := make([][]byte, 17)
	for i := range chain {
		chain[i] = pki.leaf.cert.Raw
	}
	_, err := s.Resolve(t.Context(), claim169.KeyQuery{Certificates: chain, Now: testNow})
	var ce *ChainError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ChainMalformed, ce.Reason)
	_, err = s.Resolve(t.Context(), claim169.KeyQuery{Certificates: chain[:1], Bag: chain, Now: testNow})
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ChainMalformed, ce.Reason)
}

func TestChainReasonString(t *testing.T) {
	for r := ChainMalformed; r <= ChainInvalid; r++ {
		assert.NotEqual(t, "unknown reason", r.String(), "reason %d", int(r))
	}
	assert.Equal(t, "unknown reason", ChainReason(0).String())
	assert.True(t, errors.Is(&ChainError{Reason: ChainInvalid}, ErrUntrustedChain))
}

// Extended key usages, by object identifier, for the tests.
var (
	ekuServerAuth = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 1}
	ekuNational   = asn1.ObjectIdentifier{1, 2, 3, 4, 5}
)

// usage is the extended key usage extension of a test certificate: nil for
// none.
type usage struct {
	known []x509.ExtKeyUsage
	oids  []asn1.ObjectIdentifier
}

func TestExtendedKeyUsage(t *testing.T) {
	pki := newPKI(t)
	var (
		none        = usage{}
		anyUsage    = usage{known: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}
		serverAuth  = usage{known: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
		codeSigning = usage{known: []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}}
		docSigning  = usage{oids: []asn1.ObjectIdentifier{oidDocumentSigning}}
		tlsAndDoc   = usage{known: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, oids: []asn1.ObjectIdentifier{oidDocumentSigning}}
		national    = usage{oids: []asn1.ObjectIdentifier{ekuNational}}
		signing     = usage{known: []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}, oids: []asn1.ObjectIdentifier{oidDocumentSigning}}
	)
	tests := []struct {
		name         string
		opts         Options
		intermediate usage
		leaf         usage
		ok           bool
	}{
		{"no extension", Options{}, none, none, true},
		{"anyExtendedKeyUsage", Options{}, none, anyUsage, true},
		{"documentSigning", Options{}, none, docSigning, true},
		{"codeSigning", Options{}, none, codeSigning, true},
		{"TLS server", Options{}, none, serverAuth, false},
		{"TLS server and documentSigning", Options{}, none, tlsAndDoc, true},
		{"TLS server, configured", Options{ExtKeyUsages: []asn1.ObjectIdentifier{ekuServerAuth}}, none, serverAuth, true},
		{"national purpose", Options{}, none, national, false},
		{"national purpose, configured", Options{ExtKeyUsages: []asn1.ObjectIdentifier{ekuNational}}, none, national, true},
		{"TLS-only intermediate, leaf without extension", Options{}, serverAuth, none, false},
		{"TLS-only intermediate, documentSigning leaf", Options{}, serverAuth, docSigning, false},
		{"documentSigning intermediate, codeSigning leaf", Options{}, docSigning, codeSigning, false},
		{"signing intermediate, documentSigning leaf", Options{}, signing, docSigning, true},
		{"any intermediate, documentSigning leaf", Options{}, anyUsage, docSigning, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inter := issue(t, certSpec{name: "Test Intermediate", ca: true, extUsage: tc.intermediate.known, extOIDs: tc.intermediate.oids}, &pki.root)
			leaf := issue(t, certSpec{name: "Leaf Signer", key: newEd25519(t), extUsage: tc.leaf.known, extOIDs: tc.leaf.oids}, &inter)
			s := New(tc.opts)
			s.AddAnchors(pki.root.cert)
			text := encode(t, claim169.EncoderOptions{Signer: leaf.key, CertificateChain: [][]byte{leaf.cert.Raw, inter.cert.Raw}}, testIssuer)
			if tc.ok {
				res, err := decode(t, s, testNow, text)
				requireVerified(t, res, err)
				return
			}
			ce := requireChainRefused(t, s, text, ChainExtKeyUsage)
			assert.Nil(t, ce.Err)
		})
	}
}

// A pinned certificate's extended key usage is checked too.
func TestExtendedKeyUsagePinned(t *testing.T) {
	signer := newEd25519(t)
	tls := issue(t, certSpec{name: "TLS Server", key: signer, extUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}, nil)
	doc := issue(t, certSpec{name: "Document Signer", key: signer, extOIDs: []asn1.ObjectIdentifier{oidDocumentSigning}}, nil)
	s := New(Options{})
	require.NoError(t, s.AddCertificatesFor(testIssuer, tls.cert, doc.cert))

	text := signCustom(t, signer, testIssuer, map[int64]any{labelAlg: algEdDSA, labelX5T: x5t(t, HashSHA256, tls.cert)}, map[int64]any{})
	res, err := decode(t, s, testNow, text)
	require.Nil(t, res)
	var ce *ChainError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ChainExtKeyUsage, ce.Reason)

	text = signCustom(t, signer, testIssuer, map[int64]any{labelAlg: algEdDSA, labelX5T: x5t(t, HashSHA256, doc.cert)}, map[int64]any{})
	res, err = decode(t, s, testNow, text)
	requireVerified(t, res, err)
}
