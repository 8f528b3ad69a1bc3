package testsupport

import (
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"
)

// CertName is what a self-signed test certificate says of itself: its subject
// (and so issuer) common name, its serial number and its validity.
type CertName struct {
	CommonName          string
	Serial              int64
	NotBefore, NotAfter time.Time
}

// SelfSignedAs returns a DER certificate of key's public key, signed by key, that
// says n.
func SelfSignedAs(tb testing.TB, key crypto.Signer, n CertName) []byte {
	tb.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(n.Serial),
		Subject:      pkix.Name{CommonName: n.CommonName},
		NotBefore:    n.NotBefore,
		NotAfter:     n.NotAfter,
	}
	return certificate(tb, tmpl, tmpl, key.Public(), key)
}

// Chain returns a certificate chain of two, DER: a CA certificate of caKey's public key,
// self-signed, and a leaf certificate of leaf for digital signatures, signed by caKey; both
// valid from notBefore to notAfter.
func Chain(tb testing.TB, caKey crypto.Signer, leaf crypto.PublicKey, notBefore, notAfter time.Time) (ca, leafCert []byte) {
	tb.Helper()
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "claim169 test CA"},
		NotBefore: notBefore, NotAfter: notAfter,
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	ca = certificate(tb, caTmpl, caTmpl, caKey.Public(), caKey)
	parent, err := x509.ParseCertificate(ca)
	if err != nil {
		tb.Fatalf("CA certificate: %v", err)
	}
	leafTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "claim169 test signing key"},
		NotBefore: notBefore, NotAfter: notAfter, KeyUsage: x509.KeyUsageDigitalSignature,
	}
	return ca, certificate(tb, leafTmpl, parent, leaf, caKey)
}

// certificate returns the DER certificate of pub that tmpl describes, issued
// by parent (tmpl itself for a self-signed one) with parent's key signer.
func certificate(tb testing.TB, tmpl, parent *x509.Certificate, pub crypto.PublicKey, signer crypto.Signer) []byte {
	tb.Helper()
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, signer)
	if err != nil {
		tb.Fatalf("certificate %q: %v", tmpl.Subject.CommonName, err)
	}
	return der
}
