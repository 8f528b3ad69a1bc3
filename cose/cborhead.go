package cose

import (
	"errors"
	"fmt"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// CBOR major types (RFC 8949 §3.1).
const (
	majorUint   = cborscan.MajorUint
	majorNegInt = cborscan.MajorNegInt
	majorBytes  = cborscan.MajorBytes
	majorText   = cborscan.MajorText
	majorArray  = cborscan.MajorArray
	majorMap    = cborscan.MajorMap
	majorTag    = cborscan.MajorTag
	majorSimple = cborscan.MajorSimple
)

// cborNull is the encoding of the CBOR simple value null.
const cborNull = cborscan.Null

func majorType(initial byte) byte { return initial >> 5 }

// readHead reads the head of the CBOR item at the start of data (RFC 8949
// §3): its major type and argument, and the head's length in bytes.
// indefinite is true for an indefinite-length item, whose argument is 0.
func readHead(data []byte) (major byte, arg uint64, indefinite bool, n int, err error) {
	h, ok := cborscan.ReadHead(data)
	switch {
	case len(data) == 0:
		return 0, 0, false, 0, fmt.Errorf("%w: empty input", ErrMalformed)
	case !ok && data[0]&0x1f >= 24 && data[0]&0x1f <= 27:
		return 0, 0, false, 0, fmt.Errorf("%w: truncated CBOR head", ErrMalformed)
	case !ok:
		return 0, 0, false, 0, fmt.Errorf("%w: invalid CBOR head", ErrMalformed)
	}
	return h.Major, h.Arg, h.Indefinite(), h.Len, nil
}

// appendHead appends the shortest head of major type major with argument
// arg (RFC 8949 §4.2.1).
func appendHead(dst []byte, major byte, arg uint64) []byte {
	return cborscan.AppendHead(dst, major, arg)
}

// appendBytes appends b as a definite-length CBOR byte string.
func appendBytes(dst, b []byte) []byte { return cborscan.AppendBytes(dst, b) }

// appendText appends s as a definite-length CBOR text string.
func appendText(dst []byte, s string) []byte { return cborscan.AppendText(dst, s) }

// bytesLen returns the encoded length of b as a CBOR byte string.
func bytesLen(b []byte) int { return cborscan.BytesLen(b) }

// headLen returns the length of the shortest head with argument arg.
func headLen(arg uint64) int { return cborscan.HeadLen(arg) }

// decodeBytes decodes raw, one CBOR item, as a byte string. Any other type,
// null included, is an error. A definite-length byte string is returned as
// a capped slice of raw, which must therefore be a private copy (every
// caller decodes the elements of decodeArray or the values of parseHeaders);
// any other is decoded by strictcbor into a new slice.
func decodeBytes(raw []byte) ([]byte, error) {
	if len(raw) == 0 || majorType(raw[0]) != majorBytes {
		return nil, errors.New("not a byte string")
	}
	if b, ok := cborscan.Bytes(raw); ok {
		return b[:len(b):len(b)], nil
	}
	var b []byte
	if err := strictcbor.Unmarshal(raw, &b); err != nil {
		return nil, errors.New("invalid byte string")
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}
