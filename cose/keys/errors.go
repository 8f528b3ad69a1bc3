package keys

import "errors"

// Errors for the decisions callers make. Weak keys (RSA under
// [cose.MinRSABits], Ed25519 keys of small order, EC points off their curve)
// are reported with an error wrapping [cose.ErrWeakKey]. No message holds key
// material: at most the name of a key type, a curve or an algorithm.
var (
	// ErrUnsupportedKey reports a key this package does not use for
	// signatures: an unknown form, JWK "kty" or algorithm, a curve other than
	// P-256, P-384, P-521 and Ed25519 (secp256k1, P-224, brainpool), a
	// key-agreement key (X25519, X448), Ed448, a symmetric key where an
	// asymmetric one is expected, an encrypted PEM block, an RSA modulus over
	// [MaxRSABits], or a JWK whose "use" or "key_ops" exclude signatures.
	ErrUnsupportedKey = errors.New("keys: unsupported key")

	// ErrInvalidKey reports malformed key bytes: broken PEM, DER, JSON, hex
	// or base64, a raw key of the wrong length, a private key whose halves do
	// not match, input over [MaxKeyFileSize].
	ErrInvalidKey = errors.New("keys: invalid key")

	// ErrPrivateKey reports private key material where a public key is
	// expected (a verifier's key file, an entry of a key set). Publishing a
	// private key is a mistake to surface, so the public half is not used.
	ErrPrivateKey = errors.New("keys: private key where a public key is expected")

	// ErrInvalidSet reports a key set that is not a JSON object with a "keys"
	// array, or that exceeds [MaxSetSize] or [MaxSetKeys]. A bad entry in a
	// good set is not an error: it is skipped with a warning.
	ErrInvalidSet = errors.New("keys: invalid key set")
)
