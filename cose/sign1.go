package cose

import "fmt"

// Sign1 is a COSE_Sign1 message (RFC 9052 §4.2) as received. Its signature
// is not verified by [ParseSign1]: call [Sign1.Verify] before trusting the
// payload.
type Sign1 struct {
	// Tagged reports whether the message carried CBOR tag 18.
	Tagged bool
	// RawProtected is the content of the protected-header byte string exactly
	// as received: the bytes the signature covers.
	RawProtected []byte
	// Protected is the parsed protected header bucket.
	Protected Headers
	// Unprotected is the unprotected header bucket, not covered by the
	// signature.
	Unprotected Headers
	// Payload is the signed content.
	Payload []byte
	// Signature is the signature as received.
	Signature []byte
}

// ParseSign1 parses a COSE_Sign1 message: CBOR tag 18 or no tag around the
// array [protected: bstr, unprotected: map, payload: bstr, signature: bstr].
// Any other tag (16, or 61 for a CWT, which the caller strips first), any
// other array length, a detached (null) payload, duplicate header labels, a
// label in both header buckets and bytes after the message are refused with
// [ErrMalformed]. It does not verify the signature.
func ParseSign1(data []byte) (*Sign1, error) {
	var rest [2][]byte // payload, signature
	m, err := parseMessage(data, TagSign1, rest[:])
	if err != nil {
		return nil, err
	}
	return m.sign1(rest[0], rest[1])
}

// sign1 completes a COSE_Sign1 from its buckets and its payload and
// signature elements, undecoded.
func (m *message) sign1(payload, signature []byte) (*Sign1, error) {
	payload, err := decodeContent(payload, "payload")
	if err != nil {
		return nil, err
	}
	if signature, err = decodeBytes(signature); err != nil {
		return nil, fmt.Errorf("%w: signature: %w", ErrMalformed, err)
	}
	return &Sign1{
		Tagged:       m.tagged,
		RawProtected: m.rawProtected,
		Protected:    m.protected,
		Unprotected:  m.unprotected,
		Payload:      payload,
		Signature:    signature,
	}, nil
}

// Algorithm returns the signature algorithm of the message, taken only from
// the protected header. An alg parameter found only in the unprotected
// header, a missing one, or one this package does not implement is an error
// wrapping [ErrUnsupportedAlgorithm].
func (m *Sign1) Algorithm() (Algorithm, error) {
	return protectedAlgorithm(&m.Protected, &m.Unprotected, Algorithm.IsSignature)
}

// KeyID returns the kid of the message, from the protected header first,
// then from the unprotected header, or nil. An unprotected kid is a hint
// only: it is not covered by the signature.
func (m *Sign1) KeyID() []byte { return keyID(&m.Protected, &m.Unprotected) }
