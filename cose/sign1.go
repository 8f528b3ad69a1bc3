package cose

import (
	"fmt"

	"github.com/fxamacker/cbor/v2"
)

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

// sign1Array holds the elements of the CBOR array of a COSE_Sign1 message.
type sign1Array struct {
	Protected   cbor.RawMessage
	Unprotected cbor.RawMessage
	Payload     cbor.RawMessage
	Signature   cbor.RawMessage
}

// ParseSign1 parses a COSE_Sign1 message: CBOR tag 18 or no tag around the
// array [protected: bstr, unprotected: map, payload: bstr, signature: bstr].
// Any other tag (16, or 61 for a CWT, which the caller strips first), any
// other array length, a detached (null) payload, duplicate header labels, a
// label in both header buckets and bytes after the message are refused with
// [ErrMalformed]. It does not verify the signature.
func ParseSign1(data []byte) (*Sign1, error) {
	content, tagged, err := unwrapTag(data, TagSign1)
	if err != nil {
		return nil, err
	}
	var arr sign1Array
	if err := decodeArray(content, &arr.Protected, &arr.Unprotected, &arr.Payload, &arr.Signature); err != nil {
		return nil, err
	}
	rawProtected, protected, unprotected, err := decodeBuckets(arr.Protected, arr.Unprotected)
	if err != nil {
		return nil, err
	}
	payload, err := decodeContent(arr.Payload, "payload")
	if err != nil {
		return nil, err
	}
	signature, err := decodeBytes(arr.Signature)
	if err != nil {
		return nil, fmt.Errorf("%w: signature: %w", ErrMalformed, err)
	}
	return &Sign1{
		Tagged:       tagged,
		RawProtected: rawProtected,
		Protected:    protected,
		Unprotected:  unprotected,
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
