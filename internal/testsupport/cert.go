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
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		tb.Fatalf("certificate: %v", err)
	}
	return der
}
