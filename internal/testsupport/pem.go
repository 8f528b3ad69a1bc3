package testsupport

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"testing"
	"time"
)

// PEM encodes der as one PEM block of type typ ("PRIVATE KEY", "PUBLIC KEY",
// "CERTIFICATE", …).
func PEM(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

// PKCS8 returns the PKCS #8 DER encoding of a private key.
func PKCS8(tb testing.TB, key any) []byte {
	tb.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		tb.Fatalf("PKCS #8: %v", err)
	}
	return der
}

// SPKI returns the SubjectPublicKeyInfo DER encoding of a public key.
func SPKI(tb testing.TB, pub crypto.PublicKey) []byte {
	tb.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		tb.Fatalf("SPKI: %v", err)
	}
	return der
}

// SelfSigned returns a DER certificate of key's public key signed by key, valid from 1970
// to 2100.
func SelfSigned(tb testing.TB, key crypto.Signer) []byte {
	tb.Helper()
	return SelfSignedAs(tb, key, CertName{CommonName: "claim169 test issuer", Serial: 169,
		NotBefore: time.Unix(0, 0), NotAfter: time.Unix(4102444800, 0)})
}
