package cose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"fmt"
	"sync/atomic"

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
		//lint:ignore SA1019 only to refuse a hand-built key without a point, on which ECDH panics
		if k.X == nil || k.Y == nil {
			return fmt.Errorf("%w: the ECDSA point is missing", ErrWeakKey)
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
	key := [ed25519.PublicKeySize]byte(k)
	if knownValidEd25519(key) {
		return nil
	}
	p, err := new(edwards25519.Point).SetBytes(k)
	if err != nil {
		return fmt.Errorf("%w: Ed25519 key is not a curve point", ErrWeakKey)
	}
	if new(edwards25519.Point).MultByCofactor(p).Equal(edwards25519.NewIdentityPoint()) == 1 {
		return fmt.Errorf("%w: Ed25519 key of small order", ErrWeakKey)
	}
	rememberValidEd25519(key)
	return nil
}

// ed25519CacheSize bounds the number of Ed25519 public keys remembered as
// valid by [checkEd25519].
const ed25519CacheSize = 8

// ed25519Cache holds up to ed25519CacheSize Ed25519 public keys that passed
// checkEd25519. Decoding a key costs about a tenth of a signature
// verification; a verifier checks many credentials against a few issuer
// keys, so remembering them keeps Verify close to the cost of
// ed25519.Verify. Only keys that passed are stored, and validity is a fixed
// property of the 32 bytes, so a hit is always correct. A cache value is
// never modified once published (copy on write).
type ed25519Cache struct {
	keys [ed25519CacheSize][ed25519.PublicKeySize]byte
	n    int // entries in use
	next int // slot the next key replaces
}

var validEd25519 atomic.Pointer[ed25519Cache]

// knownValidEd25519 reports whether key has passed checkEd25519 recently.
func knownValidEd25519(key [ed25519.PublicKeySize]byte) bool {
	c := validEd25519.Load()
	if c == nil {
		return false
	}
	for i := range c.n {
		if c.keys[i] == key {
			return true
		}
	}
	return false
}

// rememberValidEd25519 records key, which has passed checkEd25519, in place
// of the oldest entry. Concurrent calls may drop an entry, which only costs
// a later re-check.
func rememberValidEd25519(key [ed25519.PublicKeySize]byte) {
	c := new(ed25519Cache)
	if old := validEd25519.Load(); old != nil {
		*c = *old
	}
	c.keys[c.next] = key
	c.next = (c.next + 1) % ed25519CacheSize
	c.n = min(c.n+1, ed25519CacheSize)
	validEd25519.Store(c)
}
