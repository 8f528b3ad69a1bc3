package keys

import (
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"fmt"

	"github.com/idqr/claim169/cose"
)

// Key is a public key for signature verification, with what its source said
// about it.
type Key struct {
	// KeyID is the JWK "kid", or "" when the source names none (PEM, raw).
	KeyID string
	// Algorithm is the algorithm the JWK "alg" restricts the key to, or 0
	// when it names none.
	Algorithm cose.Algorithm
	// Public is an ed25519.PublicKey, *ecdsa.PublicKey (P-256, P-384 or
	// P-521) or *rsa.PublicKey.
	Public crypto.PublicKey
	// Certificates is the chain the key came with, leaf first: from a JWK
	// "x5c" or a PEM file of certificates. It is not validated here.
	Certificates []*x509.Certificate
}

// Allows reports whether k may verify a signature made with alg: nil when the
// key type and curve permit alg and the key's own Algorithm, if any, is alg.
// Otherwise the error wraps [cose.ErrAlgorithmMismatch] (or [cose.ErrWeakKey]
// for a weak key built by hand; keys from this package are already checked).
func (k Key) Allows(alg cose.Algorithm) error {
	if !alg.IsSignature() {
		return fmt.Errorf("%w: %v is not a signature algorithm", cose.ErrAlgorithmMismatch, alg)
	}
	if k.Algorithm != 0 && k.Algorithm != alg {
		return fmt.Errorf("%w: the key is restricted to %v", cose.ErrAlgorithmMismatch, k.Algorithm)
	}
	return cose.CheckKey(alg, k.Public)
}

// Check reports whether k can verify signatures: its Public is a supported
// public key type that is not weak, and its Algorithm, if set, is one that
// type allows. A private key is refused with [ErrPrivateKey], an
// unsupported type with an error wrapping [ErrUnsupportedKey] that names the
// type, a weak key with one wrapping [cose.ErrWeakKey].
func (k Key) Check() error {
	if err := checkPublic(k.Public); err != nil {
		return err
	}
	if k.Algorithm != 0 {
		return k.Allows(k.Algorithm)
	}
	return nil
}

// Select returns the keys of ks that may verify a message with key ID kid
// and algorithm alg, in this order: the keys whose KeyID is kid, then the
// keys without a KeyID. For an empty kid (a message without one) that is the
// keys without a KeyID only: a key that names its kid is not tried for a
// message that names none, so a forged message without a kid costs no more
// than one with a kid. A verifier that must accept such messages with keys
// that have a kid opts in with [SelectAll]. Of the keys chosen, only those
// that [Key.Allows] alg are returned. matched reports whether any key was
// chosen before the algorithm was checked, so that a caller can tell an
// unknown kid (matched false) from a key that does not allow alg.
func Select(ks []Key, kid string, alg cose.Algorithm) (found []Key, matched bool) {
	pick := func(want func(Key) bool) {
		for _, k := range ks {
			if !want(k) {
				continue
			}
			matched = true
			if k.Allows(alg) == nil {
				found = append(found, k)
			}
		}
	}
	if kid != "" {
		pick(func(k Key) bool { return k.KeyID == kid })
	}
	pick(func(k Key) bool { return k.KeyID == "" })
	return found, matched
}

// Matches returns how many keys of ks [Select] chooses for kid before it
// checks their algorithm: the keys whose KeyID is kid and the keys without
// a KeyID ([SelectAll] chooses them all, len(ks)). A verifier that bounds
// the keys it tries for one message counts them with it first: it compares
// a kid a key, where Select checks each key it chooses against the
// algorithm (for an Ed25519 key, the decoding of a curve point, a tenth of
// a signature check).
func Matches(ks []Key, kid string) int {
	n := 0
	for _, k := range ks {
		if k.KeyID == "" || (kid != "" && k.KeyID == kid) {
			n++
		}
	}
	return n
}

// SelectAll returns every key of ks that [Key.Allows] alg, whatever its
// KeyID: what [Select] chose for a message without a kid before v1. Use it
// only where messages without a kid must be tried against keys that have
// one, and bound the number of keys tried.
func SelectAll(ks []Key, alg cose.Algorithm) []Key {
	var found []Key
	for _, k := range ks {
		if k.Allows(alg) == nil {
			found = append(found, k)
		}
	}
	return found
}

// checkPublic accepts the public key types this package uses for signatures
// and refuses weak ones with an error wrapping [cose.ErrWeakKey].
func checkPublic(pub crypto.PublicKey) error {
	switch k := pub.(type) {
	case ed25519.PublicKey:
	case *ecdsa.PublicKey:
		if k == nil || k.Curve == nil {
			return fmt.Errorf("%w: empty ECDSA key", ErrInvalidKey)
		}
		if _, err := cose.AlgorithmForKey(k); err != nil {
			return fmt.Errorf("%w: elliptic curve %s", ErrUnsupportedKey, k.Curve.Params().Name)
		}
	case *rsa.PublicKey:
		if k == nil || k.N == nil {
			return fmt.Errorf("%w: empty RSA key", ErrInvalidKey)
		}
		if err := rsaSizeError(k.N.BitLen()); err != nil {
			return err
		}
	case *ecdh.PublicKey:
		return errKeyAgreement
	case ed25519.PrivateKey, *ecdsa.PrivateKey, *rsa.PrivateKey, *ecdh.PrivateKey:
		return ErrPrivateKey
	default:
		return fmt.Errorf("%w: key type %T", ErrUnsupportedKey, pub)
	}
	alg, err := cose.AlgorithmForKey(pub)
	if err != nil {
		return fmt.Errorf("%w: key type %T", ErrUnsupportedKey, pub)
	}
	return cose.CheckKey(alg, pub)
}

// errKeyAgreement refuses X25519 and other ECDH keys, which cannot sign.
var errKeyAgreement = fmt.Errorf("%w: a key-agreement (ECDH, X25519) key cannot sign or verify", ErrUnsupportedKey)

// signerOf returns the signer behind a private key parsed by crypto/x509 or
// go-jose, after checking its public half.
func signerOf(key any) (crypto.Signer, error) {
	var s crypto.Signer
	switch k := key.(type) {
	case ed25519.PrivateKey:
		if len(k) != ed25519.PrivateKeySize {
			return nil, fmt.Errorf("%w: Ed25519 private key of the wrong length", ErrInvalidKey)
		}
		s = k
	case *ecdsa.PrivateKey:
		if k == nil {
			return nil, fmt.Errorf("%w: empty ECDSA key", ErrInvalidKey)
		}
		s = k
	case *rsa.PrivateKey:
		if k == nil {
			return nil, fmt.Errorf("%w: empty RSA key", ErrInvalidKey)
		}
		s = k
	case *ecdh.PrivateKey:
		return nil, errKeyAgreement
	case ed25519.PublicKey, *ecdsa.PublicKey, *rsa.PublicKey:
		return nil, errPublicNotPrivate
	default:
		return nil, fmt.Errorf("%w: key type %T", ErrUnsupportedKey, key)
	}
	if err := checkPublic(s.Public()); err != nil {
		return nil, err
	}
	return s, nil
}

// errPublicNotPrivate refuses a public key given where a private one is
// expected.
var errPublicNotPrivate = fmt.Errorf("%w: a public key where a private key is expected", ErrInvalidKey)

// rsaSizeError refuses RSA moduli under [cose.MinRSABits] as weak and over
// [MaxRSABits] as unsupported.
func rsaSizeError(bits int) error {
	if bits < cose.MinRSABits {
		return fmt.Errorf("%w: RSA modulus under %d bits", cose.ErrWeakKey, cose.MinRSABits)
	}
	if bits > MaxRSABits {
		return fmt.Errorf("%w: RSA modulus over %d bits", ErrUnsupportedKey, MaxRSABits)
	}
	return nil
}
