package cose

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/idqr/claim169/internal/strictcbor"
)

// CBOR major types (RFC 8949 §3.1).
const (
	majorUint   byte = 0
	majorNegInt byte = 1
	majorBytes  byte = 2
	majorText   byte = 3
	majorArray  byte = 4
	majorMap    byte = 5
	majorTag    byte = 6
	majorSimple byte = 7
)

// cborNull is the encoding of the CBOR simple value null.
const cborNull byte = 0xf6

// additionalIndefinite is the additional-information value of an
// indefinite-length item (RFC 8949 §3.2.1).
const additionalIndefinite byte = 31

func majorType(initial byte) byte { return initial >> 5 }

// readHead reads the head of the CBOR item at the start of data (RFC 8949
// §3): its major type and argument, and the head's length in bytes.
// indefinite is true for an indefinite-length item, whose argument is 0.
func readHead(data []byte) (major byte, arg uint64, indefinite bool, n int, err error) {
	if len(data) == 0 {
		return 0, 0, false, 0, fmt.Errorf("%w: empty input", ErrMalformed)
	}
	major, info := majorType(data[0]), data[0]&0x1f
	switch {
	case info < 24:
		return major, uint64(info), false, 1, nil
	case info == additionalIndefinite && major >= majorBytes && major <= majorMap:
		return major, 0, true, 1, nil
	case info > 27:
		return 0, 0, false, 0, fmt.Errorf("%w: invalid CBOR head", ErrMalformed)
	}
	size := 1 << (info - 24) // 24..27 => 1, 2, 4, 8 bytes
	if len(data) < 1+size {
		return 0, 0, false, 0, fmt.Errorf("%w: truncated CBOR head", ErrMalformed)
	}
	switch size {
	case 1:
		arg = uint64(data[1])
	case 2:
		arg = uint64(binary.BigEndian.Uint16(data[1:]))
	case 4:
		arg = uint64(binary.BigEndian.Uint32(data[1:]))
	default:
		arg = binary.BigEndian.Uint64(data[1:])
	}
	return major, arg, false, 1 + size, nil
}

// appendHead appends the shortest head of major type major with argument
// arg (RFC 8949 §4.2.1).
func appendHead(dst []byte, major byte, arg uint64) []byte {
	m := major << 5
	switch {
	case arg < 24:
		return append(dst, m|byte(arg))
	case arg <= 0xff:
		return append(dst, m|24, byte(arg))
	case arg <= 0xffff:
		return binary.BigEndian.AppendUint16(append(dst, m|25), uint16(arg))
	case arg <= 0xffffffff:
		return binary.BigEndian.AppendUint32(append(dst, m|26), uint32(arg))
	}
	return binary.BigEndian.AppendUint64(append(dst, m|27), arg)
}

// appendBytes appends b as a definite-length CBOR byte string.
func appendBytes(dst, b []byte) []byte {
	return append(appendHead(dst, majorBytes, uint64(len(b))), b...)
}

// appendText appends s as a definite-length CBOR text string.
func appendText(dst []byte, s string) []byte {
	return append(appendHead(dst, majorText, uint64(len(s))), s...)
}

// bytesLen returns the encoded length of b as a CBOR byte string.
func bytesLen(b []byte) int { return headLen(uint64(len(b))) + len(b) }

// headLen returns the length of the shortest head with argument arg.
func headLen(arg uint64) int {
	switch {
	case arg < 24:
		return 1
	case arg <= 0xff:
		return 2
	case arg <= 0xffff:
		return 3
	case arg <= 0xffffffff:
		return 5
	}
	return 9
}

// decodeBytes decodes raw, one CBOR item, as a byte string. Any other type,
// null included, is an error.
func decodeBytes(raw []byte) ([]byte, error) {
	if len(raw) == 0 || majorType(raw[0]) != majorBytes {
		return nil, errors.New("not a byte string")
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
