// Package strictcbor holds the one CBOR decoding mode and the one CBOR
// encoding mode that every package of this module uses, together with the
// limits they enforce. No other package builds its own mode.
//
// Decoding is strict where the specification leaves room for attacks and
// deliberate where real issuers deviate:
//
//   - duplicate map keys are rejected (RFC 8949 §5.6: a map with duplicate
//     keys is not valid, and two parsers could read it differently);
//   - text strings must be valid UTF-8;
//   - nesting, array lengths and map sizes are bounded by [MaxNestedLevels],
//     [MaxArrayElements] and [MaxMapPairs];
//   - data after the first complete item is rejected;
//   - indefinite-length items are accepted on input (RFC 8949 §3.2.2 makes
//     them valid CBOR, and signatures are always checked over the bytes as
//     received) but never produced on output;
//   - tags are accepted and left to the caller to interpret.
//
// Encoding uses the RFC 8949 §4.2.1 core deterministic rules: shortest
// integer and length encodings and map keys sorted bytewise, so that the same
// value always yields the same bytes.
package strictcbor

import (
	"fmt"
	"reflect"

	"github.com/fxamacker/cbor/v2"
)

// Limits applied by [DecMode]. They are far above what a Claim 169 credential
// needs (its deepest item is a biometric entry at depth 4) and far below what
// could exhaust memory or stack.
const (
	// MaxNestedLevels bounds the nesting depth of arrays, maps and tags.
	MaxNestedLevels = 16
	// MaxArrayElements bounds the element count of any one array.
	MaxArrayElements = 1024
	// MaxMapPairs bounds the number of pairs of any one map.
	MaxMapPairs = 1024
)

var (
	decMode cbor.DecMode
	encMode cbor.EncMode
)

func init() {
	var err error
	decMode, err = cbor.DecOptions{
		DupMapKey:        cbor.DupMapKeyEnforcedAPF,
		MaxNestedLevels:  MaxNestedLevels,
		MaxArrayElements: MaxArrayElements,
		MaxMapPairs:      MaxMapPairs,
		IndefLength:      cbor.IndefLengthAllowed,
		TagsMd:           cbor.TagsAllowed,
		IntDec:           cbor.IntDecConvertSignedOrBigInt,
		UTF8:             cbor.UTF8RejectInvalid,
		DefaultMapType:   reflect.TypeOf(map[any]any(nil)),
		// A byte string never silently becomes a Go string.
		ByteStringToString: cbor.ByteStringToStringForbidden,
	}.DecMode()
	if err != nil {
		panic(fmt.Sprintf("strictcbor: invalid decoding options: %v", err))
	}
	encMode, err = cbor.CoreDetEncOptions().EncMode()
	if err != nil {
		panic(fmt.Sprintf("strictcbor: invalid encoding options: %v", err))
	}
}

// DecMode returns the strict decoding mode. It is immutable and safe for
// concurrent use.
func DecMode() cbor.DecMode { return decMode }

// EncMode returns the core deterministic encoding mode. It is immutable and
// safe for concurrent use.
func EncMode() cbor.EncMode { return encMode }

// Unmarshal decodes exactly one CBOR item from data into v with [DecMode].
// Bytes after the item are an error.
func Unmarshal(data []byte, v any) error { return decMode.Unmarshal(data, v) }

// Marshal encodes v with [EncMode].
func Marshal(v any) ([]byte, error) { return encMode.Marshal(v) }

// Valid reports whether data is exactly one well-formed CBOR item within the
// limits of [DecMode].
func Valid(data []byte) error { return decMode.Wellformed(data) }
