package cose

import "errors"

// Errors for the decisions callers make. Messages never include key material,
// header values or payload bytes. The package comment describes which
// sentinels each operation returns and how they combine.
var (
	// ErrMalformed reports input that is not a well-formed COSE structure of
	// the kind expected: not CBOR, the wrong tag or array length, a header of
	// the wrong type, a label in both header buckets, trailing bytes.
	ErrMalformed = errors.New("cose: malformed message")
	// ErrVerification reports a signature that does not verify, is missing,
	// or has the wrong length. Every failure of [Sign1.Verify] matches it,
	// including the ones that also match [ErrAlgorithmMismatch],
	// [ErrUnsupportedAlgorithm] or [ErrWeakKey].
	ErrVerification = errors.New("cose: signature verification failed")
	// ErrDecryption reports a ciphertext that does not decrypt: a wrong key,
	// a changed byte, a missing or wrong-sized IV. Every failure of
	// [Encrypt0.Decrypt] matches it.
	ErrDecryption = errors.New("cose: decryption failed")
	// ErrUnsupportedAlgorithm reports an algorithm this package does not
	// implement, or one used where it does not belong (for instance an alg
	// header outside the protected bucket).
	ErrUnsupportedAlgorithm = errors.New("cose: unsupported algorithm")
	// ErrAlgorithmMismatch reports a key whose type, curve or size does not
	// match the algorithm of the message.
	ErrAlgorithmMismatch = errors.New("cose: key does not match the algorithm")
	// ErrWeakKey reports a key refused as weak or invalid.
	ErrWeakKey = errors.New("cose: weak or invalid key")
	// ErrNotUnderstood reports a message whose crit header names a header
	// parameter that neither this package nor the caller processes (RFC 9052
	// §3.1: the message must then be rejected). It comes with
	// [ErrVerification] or [ErrDecryption].
	ErrNotUnderstood = errors.New("cose: a critical header parameter is not understood")
)
