package cose

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// A message is parsed in one pass, and never started over:
//
//   - strictcbor.Valid checks the array once, whole: well-formed, within the
//     limits of the strict mode, nothing after it. The protected bucket, a
//     CBOR map inside a byte string, is checked the same way on its own.
//   - The array and the header maps are then walked once with the readers of
//     internal/cborscan, each element and value decided by its own type:
//     the buckets, payload, ciphertext and signature must be untagged items
//     of the type RFC 9052 gives them; a label must be an untagged integer
//     within int64 or a UTF-8 text string, and must not repeat; the values
//     of the parameters this package processes are decoded by hand.
//   - strictcbor decides only what the readers cannot: the chunks of an
//     indefinite-length string, and the tag in front of a parameter value
//     that is kept as received (a date, epoch or bignum tag must enclose the
//     type RFC 8949 §3.4 gives it).
//
// A self-described CBOR tag (55799) is an ordinary tag here, never skipped:
// RFC 9052 defines each element and label by its major type (§1.4, §1.5),
// so a tagged protected bucket or a tagged label is malformed, while the
// tagged value of a parameter this package does not process is kept, tag
// included. TestParserMatchesOracle and FuzzParserMatchesOracle compare this
// parser with the two-path parser it replaced.

// message holds what COSE_Sign1 and COSE_Encrypt0 share: the tag and the
// two header buckets.
type message struct {
	tagged       bool
	rawProtected []byte
	protected    Headers
	unprotected  Headers
}

// parseMessage parses data, a COSE message under tag want or untagged: an
// array of the two header buckets followed by len(rest) elements, which it
// stores in rest undecoded. The message is copied once: rest, RawProtected
// and the values of the unprotected parameters are capped slices of that
// copy, and the protected parameters are parsed from a copy of their own.
func parseMessage(data []byte, want uint64, rest [][]byte) (message, error) {
	content, tagged, err := unwrapTag(data, want)
	if err != nil {
		return message{}, err
	}
	if cborscan.MajorType(content) != cborscan.MajorArray {
		return message{}, fmt.Errorf("%w: not a CBOR array", ErrMalformed)
	}
	if err := strictcbor.Valid(content); err != nil {
		return message{}, fmt.Errorf("%w: %s", ErrMalformed, strictcbor.Reason(err))
	}
	var buf [4][]byte
	elems := buf[:2+len(rest)]
	if err := splitArray(bytes.Clone(content), elems); err != nil {
		return message{}, err
	}
	copy(rest, elems[2:])
	m := message{tagged: tagged}
	if m.rawProtected, m.protected, err = parseProtected(elems[0]); err != nil {
		return message{}, err
	}
	if m.unprotected, err = parseHeaders(elems[1], false); err != nil {
		return message{}, err
	}
	if err := checkDisjoint(&m.protected, &m.unprotected); err != nil {
		return message{}, err
	}
	return m, nil
}

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

// splitArray stores in elems the elements of the array data, which
// strictcbor.Valid has accepted, as capped slices of data. The array must
// have exactly len(elems) elements, in a definite or indefinite length.
func splitArray(data []byte, elems [][]byte) error {
	it, _ := cborscan.NewIter(data)
	if n, ok := it.Len(); ok && n != len(elems) {
		return fmt.Errorf("%w: not a COSE array of the right length", ErrMalformed)
	}
	i := 0
	for item, more := it.Next(); more; item, more = it.Next() {
		if i == len(elems) {
			return fmt.Errorf("%w: not a COSE array of the right length", ErrMalformed)
		}
		elems[i] = item
		i++
	}
	if it.Malformed() || i != len(elems) {
		return fmt.Errorf("%w: not a COSE array of the right length", ErrMalformed)
	}
	return nil
}

// parseProtected decodes the protected element: a byte string, returned as
// received, holding an empty string or a header map, which is checked with
// strictcbor.Valid and parsed from a copy of its own, so that its parameters
// do not alias the bytes the signature covers.
func parseProtected(raw []byte) ([]byte, Headers, error) {
	b, err := decodeBytes(raw)
	if err != nil {
		return nil, Headers{}, fmt.Errorf("%w: protected header: %w", ErrMalformed, err)
	}
	if len(b) > 0 && cborscan.MajorType(b) == cborscan.MajorMap {
		if err := strictcbor.Valid(b); err != nil {
			return nil, Headers{}, fmt.Errorf("%w: protected header: %s", ErrMalformed, strictcbor.Reason(err))
		}
	}
	h, err := parseHeaders(bytes.Clone(b), true)
	if err != nil {
		return nil, Headers{}, err
	}
	return b, h, nil
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
// a tagged item and null included, is an error. A definite-length byte
// string is returned as a capped slice of raw, which must therefore be a
// private copy (every caller decodes an element or a parameter value of a
// copied message); an indefinite-length one is joined in a new slice.
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
