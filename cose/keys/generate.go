package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	crand "crypto/rand"
	"crypto/rsa"
	"fmt"
	"io"

	"github.com/idqr/claim169/cose"
)

// Generate makes a new private key for signature algorithm alg: Ed25519 for
// EdDSA, P-256, P-384 or P-521 for ES256, ES384 or ES512, and RSA of
// [DefaultRSABits] for PS256, PS384, PS512 and RS256. Any other algorithm is
// refused with an error wrapping [cose.ErrUnsupportedAlgorithm].
//
// rand is the source of randomness (crypto/rand.Reader when nil). Ed25519
// keys are read from it; since Go 1.26 crypto/ecdsa and crypto/rsa ignore it
// and use a secure source (unless GODEBUG=cryptocustomrand=1).
func Generate(alg cose.Algorithm, rand io.Reader) (crypto.Signer, error) {
	if rand == nil {
		rand = crand.Reader
	}
	switch alg {
	case cose.EdDSA:
		_, key, err := ed25519.GenerateKey(rand)
		if err != nil {
			return nil, fmt.Errorf("keys: generating an Ed25519 key: %w", err)
		}
		return key, nil
	case cose.ES256, cose.ES384, cose.ES512:
		key, err := ecdsa.GenerateKey(curveOf(alg), rand)
		if err != nil {
			return nil, fmt.Errorf("keys: generating an ECDSA key: %w", err)
		}
		return key, nil
	case cose.PS256, cose.PS384, cose.PS512, cose.RS256:
		key, err := GenerateRSA(DefaultRSABits, rand)
		if err != nil {
			return nil, err
		}
		return key, nil
	}
	return nil, fmt.Errorf("%w: cannot generate a key for %v", cose.ErrUnsupportedAlgorithm, alg)
}

// curveOf returns the curve of an ECDSA algorithm.
func curveOf(alg cose.Algorithm) elliptic.Curve {
	switch alg {
	case cose.ES384:
		return elliptic.P384()
	case cose.ES512:
		return elliptic.P521()
	}
	return elliptic.P256()
}

// GenerateRSA makes a new RSA private key with a modulus of bits bits, from
// [cose.MinRSABits] to [MaxRSABits]; smaller sizes are refused with an error
// wrapping [cose.ErrWeakKey], larger ones with [ErrUnsupportedKey]. rand is
// as for [Generate].
func GenerateRSA(bits int, rand io.Reader) (*rsa.PrivateKey, error) {
	if err := rsaSizeError(bits); err != nil {
		return nil, err
	}
	if rand == nil {
		rand = crand.Reader
	}
	key, err := rsa.GenerateKey(rand, bits)
	if err != nil {
		return nil, fmt.Errorf("keys: generating an RSA key: %w", err)
	}
	return key, nil
}
