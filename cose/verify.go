package cose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"fmt"
	"slices"

	gocose "github.com/veraison/go-cose"
)

// Verify checks the signature of m with the public key pub (an
// ed25519.PublicKey, *ecdsa.PublicKey or *rsa.PublicKey) over the
// Sig_structure of RFC 9052 §4.4, built from the protected header bytes as
// received, externalAAD (nil for none) and the payload. It is
// [Sign1.VerifyWith] with no further understood header parameters: a crit
// header may name only alg, crit, content type and kid.
//
// The algorithm is taken only from the protected header and must agree with
// pub ([CheckKey]: key type, curve and hash; weak keys refused); a critical
// header parameter the caller does not process is refused
// ([ErrNotUnderstood]); the signature must have the exact length of the
// algorithm (ECDSA signatures are the raw r‖s of RFC 9053 §2.1, never DER).
// Every failure matches [ErrVerification]; failures of the algorithm or key
// also match [ErrUnsupportedAlgorithm], [ErrAlgorithmMismatch] or
// [ErrWeakKey].
func (m *Sign1) Verify(pub crypto.PublicKey, externalAAD []byte) error {
	return m.VerifyWith(pub, VerifyOptions{ExternalAAD: externalAAD})
}

// VerifyOptions are the options of [Sign1.VerifyWith]. The zero value is
// what [Sign1.Verify] uses.
type VerifyOptions struct {
	// ExternalAAD is the externally supplied data of RFC 9052 §4.3; nil for
	// none.
	ExternalAAD []byte
	// Understood lists the header parameters, beyond alg, crit, content type
	// and kid, that the caller processes for this message, so that its crit
	// header may name them (RFC 9052 §3.1): x5chain, say, when the caller
	// validates the chain. Understood is the caller's promise; this package
	// only exposes the x5 certificates and never validates them.
	Understood []HeaderLabel
}

// VerifyWith is [Sign1.Verify] with options: the external data and the
// header parameters the caller understands ([Sign1.CheckCritical]).
func (m *Sign1) VerifyWith(pub crypto.PublicKey, opts VerifyOptions) error {
	alg, err := m.Algorithm()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrVerification, err)
	}
	if err := m.CheckCritical(opts.Understood...); err != nil {
		return fmt.Errorf("%w: %w", ErrVerification, err)
	}
	return verifySignature(alg, pub, sigStructure(m.RawProtected, opts.ExternalAAD, m.Payload), m.Signature)
}

// CheckCritical refuses m when its crit header names a parameter other than
// alg, crit, content type, kid and the labels of understood: the error
// matches [ErrNotUnderstood]. Text labels are never understood. A caller
// that looks at the crit header before choosing keys calls it once; Verify
// and VerifyWith call it too.
func (m *Sign1) CheckCritical(understood ...HeaderLabel) error {
	return checkUnderstood(&m.Protected, func(l HeaderLabel) bool {
		return processedBySign1(l) || slices.Contains(understood, l)
	})
}

// verifySignature checks sig over toBeSigned with algorithm alg and key pub.
// It is the per-algorithm verifier shared by [Sign1.Verify] and the tests of
// COSE_Sign vectors. Every error matches [ErrVerification].
func verifySignature(alg Algorithm, pub crypto.PublicKey, toBeSigned, sig []byte) error {
	if err := CheckKey(alg, pub); err != nil {
		return fmt.Errorf("%w: %w", ErrVerification, err)
	}
	if len(sig) != signatureSize(alg, pub) {
		return fmt.Errorf("%w: signature of the wrong length", ErrVerification)
	}
	if alg == RS256 {
		return verifyRS256(pub, toBeSigned, sig)
	}
	v, err := gocose.NewVerifier(gocose.Algorithm(alg), pub)
	if err != nil { // unreachable after CheckKey
		return fmt.Errorf("%w: %w", ErrVerification, ErrUnsupportedAlgorithm)
	}
	if err := v.Verify(toBeSigned, sig); err != nil {
		return fmt.Errorf("%w: invalid signature", ErrVerification)
	}
	return nil
}

// verifyRS256 checks an RSASSA-PKCS1-v1_5 SHA-256 signature (RFC 8812 §2),
// which go-cose does not implement. pub has passed [CheckKey].
func verifyRS256(pub crypto.PublicKey, toBeSigned, sig []byte) error {
	k, ok := pub.(*rsa.PublicKey)
	if !ok {
		return fmt.Errorf("%w: %w", ErrVerification, ErrAlgorithmMismatch)
	}
	digest := sha256.Sum256(toBeSigned)
	if err := rsa.VerifyPKCS1v15(k, crypto.SHA256, digest[:], sig); err != nil {
		return fmt.Errorf("%w: invalid signature", ErrVerification)
	}
	return nil
}

// signatureSize returns the length of a signature of alg made with a key
// whose public half is pub, a key that has passed [CheckKey]: 64 bytes for
// EdDSA, twice the coordinate size for ECDSA (RFC 9053 §2.1), the modulus
// size for RSA.
func signatureSize(alg Algorithm, pub crypto.PublicKey) int {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		return 2 * ((k.Curve.Params().BitSize + 7) / 8)
	case *rsa.PublicKey:
		return k.Size()
	}
	if alg == EdDSA {
		return 64
	}
	return -1
}

// processedBySign1 reports whether a crit label names a header parameter
// that [Sign1.Verify] processes itself.
func processedBySign1(l HeaderLabel) bool {
	switch l {
	case HeaderAlgorithm, HeaderCritical, HeaderContentType, HeaderKeyID:
		return true
	}
	return false
}

// checkUnderstood refuses a message whose crit parameter names a label that
// understood does not accept. Text labels are never understood.
func checkUnderstood(protected *Headers, understood func(HeaderLabel) bool) error {
	for _, l := range protected.crit {
		n, ok := l.Int()
		if !ok || !understood(HeaderLabel(n)) {
			return ErrNotUnderstood
		}
	}
	return nil
}
