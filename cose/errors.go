package cose

import "errors"

// Errors for the decisions callers make. Messages never include key material
// or payload bytes.
var (
	// ErrUnsupportedAlgorithm reports an algorithm this package does not
	// implement, or one used where it does not belong.
	ErrUnsupportedAlgorithm = errors.New("cose: unsupported algorithm")
	// ErrAlgorithmMismatch reports a key whose type, curve or size does not
	// match the algorithm of the message.
	ErrAlgorithmMismatch = errors.New("cose: key does not match the algorithm")
	// ErrWeakKey reports a key refused as weak or invalid.
	ErrWeakKey = errors.New("cose: weak or invalid key")
)
