package trust

import (
	"crypto"
	"crypto/x509"
	"encoding/asn1"
	"time"

	"github.com/idqr/claim169/cose"
)

// oidKeyUsage is id-ce-keyUsage (RFC 5280 §4.2.1.3).
var oidKeyUsage = asn1.ObjectIdentifier{2, 5, 29, 15}

// verifyChain validates the x5chain ders (leaf first), with the x5bag bag
// as further intermediates, against the anchors of st at time at, and
// returns the leaf's public key.
func (s *Store) verifyChain(st *state, ders, bag [][]byte, at time.Time) (crypto.PublicKey, error) {
	if len(ders) > cose.MaxX509Certificates || len(bag) > cose.MaxX509Certificates {
		return nil, &ChainError{Reason: ChainMalformed}
	}
	certs, err := parseCertificates(ders)
	if err != nil {
		return nil, err
	}
	extra, err := parseCertificates(bag)
	if err != nil {
		return nil, err
	}
	leaf := certs[0]
	if !allowsSignatures(leaf) {
		return nil, &ChainError{Reason: ChainKeyUsage}
	}
	intermediates := x509.NewCertPool()
	for _, c := range append(certs[1:], extra...) {
		intermediates.AddCert(c)
	}
	_, err = leaf.Verify(x509.VerifyOptions{
		Roots:         st.anchors,
		Intermediates: intermediates,
		CurrentTime:   at,
		KeyUsages:     s.extKeyUsages,
	})
	if err != nil {
		return nil, chainError(err, at)
	}
	return leaf.PublicKey, nil
}

// parseCertificates parses DER certificates; a failure is a ChainError.
func parseCertificates(ders [][]byte) ([]*x509.Certificate, error) {
	certs := make([]*x509.Certificate, 0, len(ders))
	for _, der := range ders {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, &ChainError{Reason: ChainMalformed, Err: err}
		}
		certs = append(certs, c)
	}
	return certs, nil
}

// allowsSignatures reports whether c may sign: true when c has no KeyUsage
// extension, else whether the extension includes digitalSignature.
func allowsSignatures(c *x509.Certificate) bool {
	for _, ext := range c.Extensions {
		if ext.Id.Equal(oidKeyUsage) {
			return c.KeyUsage&x509.KeyUsageDigitalSignature != 0
		}
	}
	return true
}

// checkCertificate checks a certificate selected by thumbprint: valid at
// time at and allowed to sign.
func checkCertificate(c *x509.Certificate, at time.Time) error {
	switch {
	case at.Before(c.NotBefore):
		return &ChainError{Reason: ChainNotYetValid}
	case at.After(c.NotAfter):
		return &ChainError{Reason: ChainExpired}
	case !allowsSignatures(c):
		return &ChainError{Reason: ChainKeyUsage}
	}
	return nil
}
