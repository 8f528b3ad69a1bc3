package cose

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// unwrapTag returns the content of data after its leading CBOR tag, if it
// has one, and whether it had one. A tag other than want is malformed: a
// COSE message is read only under its own tag or untagged.
func unwrapTag(data []byte, want uint64) (content []byte, tagged bool, err error) {
	h, err := readHead(data)
	if err != nil {
		return nil, false, err
	}
	if h.Major != cborscan.MajorTag {
		return data, false, nil
	}
	if h.Arg != want {
		return nil, false, fmt.Errorf("%w: unexpected CBOR tag", ErrMalformed)
	}
	return data[h.Len:], true, nil
}

// decodeArray decodes data, which must be one CBOR array of exactly
// len(fields) elements and nothing else, storing in each field a private
// copy of the matching element as received.
//
// A plain array (definite lengths and no tags at any depth) that
// strictcbor.Valid accepts is sliced by hand: the fields then hold exactly
// what strictcbor would decode, as capped slices of one copy of data. Any
// other array is decoded by strictcbor, which also checks the content of
// tags and drops a self-described CBOR tag (55799) in front of an element.
func decodeArray(data []byte, fields ...*cbor.RawMessage) error {
	if cborscan.MajorType(data) != cborscan.MajorArray {
		return fmt.Errorf("%w: not a CBOR array", ErrMalformed)
	}
	it, _ := cborscan.NewIter(data)
	if n, _ := it.Len(); n == len(fields) && cborscan.Plain(data) && strictcbor.Valid(data) == nil {
		it, _ = cborscan.NewIter(bytes.Clone(data))
		for _, f := range fields {
			*f, _ = it.Next() // data is well-formed
		}
		return nil
	}
	var items []cbor.RawMessage
	if err := strictcbor.Unmarshal(data, &items); err != nil || len(items) != len(fields) {
		return fmt.Errorf("%w: not a COSE array of the right length", ErrMalformed)
	}
	for i, f := range fields {
		*f = items[i]
	}
	return nil
}

// decodeBuckets decodes the protected header (a byte string wrapping a map,
// kept as received) and the unprotected header (a map) of a message. Both
// are private copies (see decodeArray); the protected bucket is parsed from
// a copy of its own, so that its parameters do not alias protectedBytes.
func decodeBuckets(rawProtected, rawUnprotected []byte) (protectedBytes []byte, protected, unprotected Headers, err error) {
	protectedBytes, err = decodeBytes(rawProtected)
	if err != nil {
		return nil, Headers{}, Headers{}, fmt.Errorf("%w: protected header: %w", ErrMalformed, err)
	}
	if protected, err = parseHeaders(bytes.Clone(protectedBytes), true); err != nil {
		return nil, Headers{}, Headers{}, err
	}
	if unprotected, err = parseHeaders(rawUnprotected, false); err != nil {
		return nil, Headers{}, Headers{}, err
	}
	if err = checkDisjoint(&protected, &unprotected); err != nil {
		return nil, Headers{}, Headers{}, err
	}
	return protectedBytes, protected, unprotected, nil
}

// decodeContent decodes the payload or ciphertext field: a byte string. A
// null (detached content, RFC 9052 §4.1 and §5.1) is not supported.
func decodeContent(raw []byte, name string) ([]byte, error) {
	if len(raw) == 1 && raw[0] == cborscan.Null {
		return nil, fmt.Errorf("%w: detached %s is not supported", ErrMalformed, name)
	}
	b, err := decodeBytes(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrMalformed, name, err)
	}
	return b, nil
}

// protectedAlgorithm returns the algorithm of a message: the alg parameter
// of the protected bucket, which must name an algorithm for which valid
// reports true. An alg found only in the unprotected bucket is refused.
func protectedAlgorithm(protected, unprotected *Headers, valid func(Algorithm) bool) (Algorithm, error) {
	alg, ok := protected.Algorithm()
	switch {
	case ok && valid(alg):
		return alg, nil
	case ok:
		return 0, fmt.Errorf("%w: the message algorithm is not implemented here", ErrUnsupportedAlgorithm)
	case protected.Has(HeaderAlgorithm.Label()):
		return 0, fmt.Errorf("%w: a text-string algorithm", ErrUnsupportedAlgorithm)
	case unprotected.Has(HeaderAlgorithm.Label()):
		return 0, fmt.Errorf("%w: the algorithm is not in the protected header", ErrUnsupportedAlgorithm)
	}
	return 0, fmt.Errorf("%w: no algorithm in the protected header", ErrUnsupportedAlgorithm)
}

// decodeBytes decodes raw, one CBOR item, as a byte string. Any other type,
// null included, is an error. A definite-length byte string is returned as
// a capped slice of raw, which must therefore be a private copy (every
// caller decodes the elements of decodeArray or the values of parseHeaders);
// an indefinite-length one is joined in a new slice.
func decodeBytes(raw []byte) ([]byte, error) {
	if cborscan.MajorType(raw) != cborscan.MajorBytes {
		return nil, errors.New("not a byte string")
	}
	b, ok := cborscan.ReadBytes(raw)
	if !ok {
		return nil, errors.New("invalid byte string")
	}
	return b, nil
}

// keyID returns the kid of a message: protected first, then unprotected.
func keyID(protected, unprotected *Headers) []byte {
	if kid := protected.KeyID(); kid != nil {
		return kid
	}
	return unprotected.KeyID()
}
