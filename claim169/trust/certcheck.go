package trust

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"slices"
	"time"

	"github.com/idqr/claim169/cose"
)

// Object identifiers of the certificate extensions and extended key usages
// checked here (RFC 5280 §4.2.1.3 and §4.2.1.12, RFC 9336 §3).
var (
	oidKeyUsage        = asn1.ObjectIdentifier{2, 5, 29, 15}
	oidExtKeyUsage     = asn1.ObjectIdentifier{2, 5, 29, 37}
	oidAnyExtKeyUsage  = asn1.ObjectIdentifier{2, 5, 29, 37, 0}
	oidCodeSigning     = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 3}
	oidDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}
)

// defaultPurposes are the extended key usages that let a certificate sign
// credentials whatever the Options say.
var defaultPurposes = []asn1.ObjectIdentifier{oidDocumentSigning, oidCodeSigning}

// maxRSAExponent bounds the public exponent of a certificate's RSA key: the
// cost of a verification grows with its length.
const maxRSAExponent = 1<<16 + 1

// checkCertificateKey refuses, with [ChainUnsupportedKey], a certificate
// whose key this SDK does not verify or that would be costly to use: an RSA
// key under [cose.MinRSABits] or over the store's MaxRSABits, or with an
// even or large public exponent; an ECDSA key on another curve than P-256,
// P-384 and P-521; any other type (DSA, X25519, unknown).
func (s *Store) checkCertificateKey(c *x509.Certificate) error {
	ok := false
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		bits := k.N.BitLen()
		ok = bits >= cose.MinRSABits && bits <= s.maxRSABits && k.E >= 3 && k.E%2 == 1 && k.E <= maxRSAExponent
	case *ecdsa.PublicKey:
		ok = k.Curve == elliptic.P256() || k.Curve == elliptic.P384() || k.Curve == elliptic.P521()
	case ed25519.PublicKey:
		ok = true
	}
	if !ok {
		return &ChainError{Reason: ChainUnsupportedKey}
	}
	return nil
}

// checkLeaf checks a certificate trusted without a chain (a pinned one, or
// a key's certificate when no anchor applies): its key, its validity at time
// at, its key usage and its extended key usage.
func (s *Store) checkLeaf(c *x509.Certificate, at time.Time) error {
	if err := s.checkCertificateKey(c); err != nil {
		return err
	}
	switch {
	case at.Before(c.NotBefore):
		return &ChainError{Reason: ChainNotYetValid}
	case at.After(c.NotAfter):
		return &ChainError{Reason: ChainExpired}
	case !allowsSignatures(c):
		return &ChainError{Reason: ChainKeyUsage}
	case !s.allowsPurpose([]*x509.Certificate{c}):
		return &ChainError{Reason: ChainExtKeyUsage}
	}
	return nil
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

// allowsPurpose reports whether the extended key usages of chain (leaf
// first) let its leaf sign credentials. A certificate without the extension,
// or whose extension lists anyExtendedKeyUsage, allows every purpose; any
// other restricts the purposes to those it lists. One of the store's
// purposes (documentSigning, codeSigning and Options.ExtKeyUsages) must
// survive every certificate of the chain: the nesting crypto/x509 applies
// to the usages it checks, so that an intermediate restricted to TLS cannot
// issue a signer of credentials, even one without the extension.
func (s *Store) allowsPurpose(chain []*x509.Certificate) bool {
	allowed := s.purposes
	for _, c := range chain {
		usages, present := extKeyUsages(c)
		if !present || slices.ContainsFunc(usages, oidAnyExtKeyUsage.Equal) {
			continue
		}
		allowed = slices.DeleteFunc(slices.Clone(allowed), func(p asn1.ObjectIdentifier) bool {
			return !slices.ContainsFunc(usages, p.Equal)
		})
		if len(allowed) == 0 {
			return false
		}
	}
	return true
}

// extKeyUsages returns the object identifiers of the extended key usage
// extension of c, whether crypto/x509 knows them or not; present is false
// when c has no such extension. An extension that does not decode (which
// crypto/x509 would have refused) lists nothing.
func extKeyUsages(c *x509.Certificate) (usages []asn1.ObjectIdentifier, present bool) {
	for _, ext := range c.Extensions {
		if !ext.Id.Equal(oidExtKeyUsage) {
			continue
		}
		rest, err := asn1.Unmarshal(ext.Value, &usages)
		if err != nil || len(rest) > 0 {
			return nil, true
		}
		return usages, true
	}
	return nil, false
}
