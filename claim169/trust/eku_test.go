package trust

import (
	"crypto/x509"
	"encoding/asn1"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
)

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
