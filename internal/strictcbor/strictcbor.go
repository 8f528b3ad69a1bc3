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
	// MaxNestedLevels bounds the nesting depth of arrays and maps, and of
	// tags directly enclosing tags (a tag around an array or a map does not
	// count a level of its own).
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
		// Not time.Time, whose location would depend on the machine's time
		// zone and which Marshal would write back as an untagged integer.
		TimeTagToAny: cbor.TimeTagToRFC3339Nano,
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
// Bytes after the item are an error (a *cbor.ExtraneousDataError). On any
// error the value v points to is reset to its zero value, so that nothing
// partially decoded survives.
func Unmarshal(data []byte, v any) error {
	err := decMode.Unmarshal(data, v)
	if err != nil {
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && !rv.IsNil() {
			rv.Elem().SetZero()
		}
	}
	return sanitize(err)
}

// Marshal encodes v with [EncMode].
func Marshal(v any) ([]byte, error) { return encMode.Marshal(v) }

// Valid reports whether data is exactly one well-formed CBOR item within the
// limits of [DecMode]. It does not decode: invalid UTF-8, duplicate map keys
// and the content of tags are left to [Unmarshal].
func Valid(data []byte) error { return sanitize(decMode.Wellformed(data)) }
