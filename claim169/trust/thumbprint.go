package trust

import (
	"bytes"
	"crypto"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"fmt"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

// Hash algorithms of the IANA "COSE Algorithms" registry (RFC 9054 §2), for
// the x5t certificate thumbprint (RFC 9360 §2).
const (
	HashSHA1          cose.Algorithm = -14 // RFC 9054 §2.1: SHA-1
	HashSHA256Trunc64 cose.Algorithm = -15 // RFC 9054 §2.2: SHA-256 truncated to 64 bits
	HashSHA256        cose.Algorithm = -16 // RFC 9054 §2.2: SHA-256
	HashSHA512256     cose.Algorithm = -17 // RFC 9054 §2.3: SHA-512/256
	HashSHA384        cose.Algorithm = -43 // RFC 9054 §2.2: SHA-384
	HashSHA512        cose.Algorithm = -44 // RFC 9054 §2.2: SHA-512
)

// Thumbprint returns the x5t thumbprint of the DER certificate der with hash
// algorithm alg: one of the Hash constants (SHAKE128 and SHAKE256 are not
// supported). SHA-1 and SHA-256/64 only select a certificate among those a
// store already trusts, so their weakness does not make a key trusted.
func Thumbprint(alg cose.Algorithm, der []byte) ([]byte, error) {
	switch alg {
	case HashSHA1:
		h := sha1.Sum(der)
		return h[:], nil
	case HashSHA256Trunc64:
		h := sha256.Sum256(der)
		return h[:8], nil
	case HashSHA256:
		h := sha256.Sum256(der)
		return h[:], nil
	case HashSHA512256:
		h := sha512.Sum512_256(der)
		return h[:], nil
	case HashSHA384:
		h := sha512.Sum384(der)
		return h[:], nil
	case HashSHA512:
		h := sha512.Sum512(der)
		return h[:], nil
	}
	return nil, fmt.Errorf("trust: %w: %v is not a supported thumbprint hash", cose.ErrUnsupportedAlgorithm, alg)
}

// thumbprintOf returns the x5t header of the message q describes, protected
// first.
func thumbprintOf(q claim169.KeyQuery) (cose.CertHash, bool) {
	if q.Sign1 == nil {
		return cose.CertHash{}, false
	}
	if h, ok := q.Sign1.Protected.X5T(); ok {
		return h, true
	}
	return q.Sign1.Unprotected.X5T()
}

// byThumbprint looks for the certificate whose thumbprint is hash among the
// pinned certificates and the leaf certificates of ks. found is false when
// none matches (or the hash algorithm is not supported); otherwise pub is
// the certificate's key, or err says why it may not be used.
func (st *state) byThumbprint(hash cose.CertHash, ks []keys.Key, alg cose.Algorithm, at time.Time) (pub crypto.PublicKey, found bool, err error) {
	if hash.AlgorithmName != "" {
		return nil, false, nil
	}
	matches := func(c *x509.Certificate) bool {
		t, err := Thumbprint(hash.Algorithm, c.Raw)
		return err == nil && bytes.Equal(t, hash.Value)
	}
	for _, c := range st.pinned {
		if matches(c) {
			return certificateKey(c, c.PublicKey, alg, at)
		}
	}
	for _, k := range ks {
		if len(k.Certificates) > 0 && matches(k.Certificates[0]) {
			if err := k.Allows(alg); err != nil {
				return nil, true, fmt.Errorf("%w: %w", ErrAlgorithmNotAllowed, err)
			}
			return certificateKey(k.Certificates[0], k.Public, alg, at)
		}
	}
	return nil, false, nil
}

// certificateKey returns pub, the key of certificate c, when c may be used
// at time at for a signature of algorithm alg.
func certificateKey(c *x509.Certificate, pub crypto.PublicKey, alg cose.Algorithm, at time.Time) (crypto.PublicKey, bool, error) {
	if err := checkCertificate(c, at); err != nil {
		return nil, true, err
	}
	if err := cose.CheckKey(alg, pub); err != nil {
		return nil, true, fmt.Errorf("%w: %w", ErrAlgorithmNotAllowed, err)
	}
	return pub, true, nil
}
