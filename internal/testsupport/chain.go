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
	ca, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	if err != nil {
		tb.Fatalf("CA certificate: %v", err)
	}
	parent, err := x509.ParseCertificate(ca)
	if err != nil {
		tb.Fatalf("CA certificate: %v", err)
	}
	leafTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "claim169 test signing key"},
		NotBefore: notBefore, NotAfter: notAfter, KeyUsage: x509.KeyUsageDigitalSignature,
	}
	leafCert, err = x509.CreateCertificate(rand.Reader, leafTmpl, parent, leaf, caKey)
	if err != nil {
		tb.Fatalf("leaf certificate: %v", err)
	}
	return ca, leafCert
}
