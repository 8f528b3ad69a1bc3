package cose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"fmt"

	"filippo.io/edwards25519"
)

// MinRSABits is the smallest RSA modulus accepted for signing or
// verification.
const MinRSABits = 2048

// CheckKey reports whether pub may be used with signature algorithm alg: the
// key type must be the one alg requires, an ECDSA key must be on the curve alg
// names, and weak keys are refused with [ErrWeakKey] (RSA moduli under
// [MinRSABits], Ed25519 keys that are not a valid point or are of small order,
// all zeros included). A type or curve mismatch wraps [ErrAlgorithmMismatch].
func CheckKey(alg Algorithm, pub crypto.PublicKey) error {
	if !alg.IsSignature() {
		return fmt.Errorf("%w: %v is not a signature algorithm", ErrUnsupportedAlgorithm, alg)
	}
	switch k := pub.(type) {
	case ed25519.PublicKey:
		if alg != EdDSA {
			return fmt.Errorf("%w: an Ed25519 key cannot verify %v", ErrAlgorithmMismatch, alg)
		}
		return checkEd25519(k)
	case *ecdsa.PublicKey:
		want := alg.curve()
		if want == nil {
			return fmt.Errorf("%w: an ECDSA key cannot verify %v", ErrAlgorithmMismatch, alg)
		}
		if k == nil || k.Curve != want {
			return fmt.Errorf("%w: %v requires curve %s", ErrAlgorithmMismatch, alg, want.Params().Name)
		}
		if _, err := k.ECDH(); err != nil { // rejects points off the curve and the point at infinity
			return fmt.Errorf("%w: the ECDSA point is not on its curve", ErrWeakKey)
		}
		return nil
	case *rsa.PublicKey:
		switch alg {
		case PS256, PS384, PS512, RS256:
		default:
			return fmt.Errorf("%w: an RSA key cannot verify %v", ErrAlgorithmMismatch, alg)
		}
		if k == nil || k.N == nil || k.N.BitLen() < MinRSABits {
			return fmt.Errorf("%w: RSA modulus under %d bits", ErrWeakKey, MinRSABits)
		}
		if k.E < 3 || k.E%2 == 0 {
			return fmt.Errorf("%w: invalid RSA public exponent", ErrWeakKey)
		}
		return nil
	}
	return fmt.Errorf("%w: unsupported key type %T", ErrAlgorithmMismatch, pub)
}

// checkEd25519 refuses Ed25519 public keys that are not exactly 32 bytes, do
// not decode to a curve point, or have small order (the all-zero key and the
// other torsion points, with which a signature can verify for many messages).
func checkEd25519(k ed25519.PublicKey) error {
	if len(k) != ed25519.PublicKeySize {
		return fmt.Errorf("%w: Ed25519 key of the wrong length", ErrWeakKey)
	}
	p, err := new(edwards25519.Point).SetBytes(k)
	if err != nil {
		return fmt.Errorf("%w: Ed25519 key is not a curve point", ErrWeakKey)
	}
	if new(edwards25519.Point).MultByCofactor(p).Equal(edwards25519.NewIdentityPoint()) == 1 {
		return fmt.Errorf("%w: Ed25519 key of small order", ErrWeakKey)
	}
	return nil
}
