package claim169

import (
	"errors"

	"github.com/idqr/claim169/internal/strictcbor"
)

// CBOR major types (RFC 8949 §3.1), read from the first byte of an item.
const (
	majorUint   = 0
	majorNint   = 1
	majorBytes  = 2
	majorText   = 3
	majorArray  = 4
	majorMap    = 5
	majorTag    = 6
	majorSimple = 7
)

// majorType returns the major type of the first item in raw, or -1.
func majorType(raw []byte) int {
	if len(raw) == 0 {
		return -1
	}
	return int(raw[0] >> 5)
}

// describe names the CBOR type of raw for a warning, never its value.
func describe(raw []byte) string {
	switch majorType(raw) {
	case majorUint, majorNint:
		return "an integer"
	case majorBytes:
		return "a byte string"
	case majorText:
		return "a text string"
	case majorArray:
		return "an array"
	case majorMap:
		return "a map"
	case majorTag:
		return "a tagged item"
	case majorSimple:
		return "a simple value or float"
	}
	return "empty"
}

// cborReason names the class of a CBOR decoding error without echoing any
// of the input.
func cborReason(err error) string {
	var se *strictcbor.Error
	if errors.As(err, &se) {
		return se.Reason
	}
	return "invalid CBOR"
}
