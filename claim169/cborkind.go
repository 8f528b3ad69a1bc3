package claim169

import (
	"errors"
	"sort"

	"github.com/fxamacker/cbor/v2"
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
	var (
		dup   *cbor.DupMapKeyError
		ext   *cbor.ExtraneousDataError
		depth *cbor.MaxNestedLevelError
		arr   *cbor.MaxArrayElementsError
		mp    *cbor.MaxMapPairsError
		syn   *cbor.SyntaxError
		sem   *cbor.SemanticError
		typ   *cbor.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &dup):
		return "duplicate map key"
	case errors.As(err, &ext):
		return "data after the CBOR item"
	case errors.As(err, &depth):
		return "nesting too deep"
	case errors.As(err, &arr):
		return "array too long"
	case errors.As(err, &mp):
		return "map too large"
	case errors.As(err, &syn):
		return "malformed CBOR"
	case errors.As(err, &sem):
		return "invalid CBOR (e.g. text that is not UTF-8)"
	case errors.As(err, &typ):
		return "unexpected CBOR type"
	}
	return "invalid CBOR"
}

func sortWarnings(w []string) { sort.Strings(w) }
