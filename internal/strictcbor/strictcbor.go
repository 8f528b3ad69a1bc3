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
	// MaxItems bounds the data items of one decoded message, counted as
	// heads: each integer, string, string chunk, array, map, tag and simple
	// value counts one (a break code does not). The other limits bound one
	// container; this one bounds the work of walking, decoding and
	// rendering the whole message, which 64 KiB of one-byte items (empty
	// arrays or maps, small integers) would otherwise make 64 000 items
	// long. It is the size of a map one pair over MaxMapPairs (2051
	// items), so that the largest map the other limits allow is accepted
	// and a larger one is refused by MaxMapPairs, not by this count.
	// Checking an item costs tens of nanoseconds (see Check), decoding one
	// into an interface up to a microsecond (a map with a text key), so a
	// message costs at most a few normal credentials to check. The
	// identity of a credential with 50 biometric entries is about 520
	// items, that of the specification's example about 40.
	MaxItems = 2*(MaxMapPairs+1) + 1
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

// Unmarshal decodes exactly one CBOR item from data into v with [DecMode],
// after checking that data holds at most [MaxItems] items. Bytes after the
// item are an error (a *cbor.ExtraneousDataError). On any error the value v
// points to is reset to its zero value, so that nothing partially decoded
// survives.
func Unmarshal(data []byte, v any) error {
	err := errTooManyItems(data)
	if err == nil {
		err = decMode.Unmarshal(data, v)
	}
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
// limits of [DecMode] and of at most [MaxItems] items. It does not decode:
// invalid UTF-8, duplicate map keys and the content of tags are left to
// [Unmarshal]. The items are counted first, so that a message over the
// limit costs at most MaxItems heads to refuse.
func Valid(data []byte) error {
	if err := errTooManyItems(data); err != nil {
		return sanitize(err)
	}
	return sanitize(decMode.Wellformed(data))
}

// errTooManyItems returns ErrTooManyItems when data holds more than
// MaxItems heads. It walks the heads in the order they come, skipping the
// content of definite-length strings, without following the structure:
// the containers' items follow their heads. It stops at the first head
// past the limit, and at a head or string that does not fit in data,
// which the decoder then refuses. Bytes after the first item are counted
// too; they are refused anyway.
func errTooManyItems(data []byte) error {
	n := 0
	for off := 0; off < len(data); {
		major, info := data[off]>>5, data[off]&0x1f
		off++
		if major == 7 && info == 31 { // a break code ends an indefinite length
			continue
		}
		if n++; n > MaxItems {
			return ErrTooManyItems
		}
		var arg uint64
		switch {
		case info < 24:
			arg = uint64(info)
		case info <= 27:
			size := 1 << (info - 24)
			if size > len(data)-off {
				return nil
			}
			for _, b := range data[off : off+size] {
				arg = arg<<8 | uint64(b)
			}
			off += size
		}
		if (major == 2 || major == 3) && info != 31 {
			if arg > uint64(len(data)-off) {
				return nil
			}
			off += int(arg)
		}
	}
	return nil
}
