package strictcbor

import (
	"bytes"
	"errors"
	"math"
	"math/big"
	"reflect"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

// FuzzUnmarshal decodes arbitrary input into an interface. An error leaves
// the value nil; accepted input is valid, re-encodes without error, the
// re-encoding decodes to an equal value (NaN aside) and is a fixed point of
// decode-then-encode, so it is the canonical form.
func FuzzUnmarshal(f *testing.F) {
	for _, v := range appendixA {
		f.Add(unhex(f, v.hex))
	}
	for _, cases := range [][]rejectCase{duplicateKeyCases(), limitCases(), utf8Cases(), trailingCases()} {
		for _, c := range cases {
			f.Add(unhex(f, c.hex))
		}
	}
	for _, h := range absurdHeaders {
		f.Add(unhex(f, h.hex))
	}
	f.Add(unhex(f, "a2 f97e00 01 f97e00 02"))
	f.Add(unhex(f, "c1 fb7ff0000000000000"))
	f.Add(itemsOf(MaxItems, []byte{0xa0}, 1))
	f.Add(itemsOf(MaxItems+1, []byte{0x80}, 1))
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if err := Unmarshal(data, &v); err != nil {
			if v != nil {
				t.Fatalf("value left after an error: %v", err)
			}
			return
		}
		if err := Valid(data); err != nil {
			t.Fatalf("Unmarshal accepts what Valid refuses: %v", err)
		}
		enc, err := Marshal(v)
		if err != nil {
			t.Fatalf("accepted value does not encode: %v", err)
		}
		var w any
		if err := Unmarshal(enc, &w); err != nil {
			if nanKeys(v) && errors.As(err, new(*cbor.DupMapKeyError)) {
				return // see nanKeys
			}
			t.Fatalf("re-encoding refused: %v", err)
		}
		if !hasNaN(v) && !reflect.DeepEqual(normalize(v), normalize(w)) {
			t.Fatalf("round trip changed the value:\n%#v\n%#v", v, w)
		}
		again, err := Marshal(w)
		if err != nil {
			t.Fatalf("round-tripped value does not encode: %v", err)
		}
		if !bytes.Equal(enc, again) && !nanKeys(v) {
			t.Fatalf("encoding is not a fixed point:\n%x\n%x", enc, again)
		}
	})
}

// hasNaN reports whether v holds a NaN, which reflect.DeepEqual never finds
// equal to anything.
func hasNaN(v any) bool {
	switch x := v.(type) {
	case float64:
		return math.IsNaN(x)
	case []any:
		for _, e := range x {
			if hasNaN(e) {
				return true
			}
		}
	case map[any]any:
		for k, e := range x {
			if hasNaN(k) || hasNaN(e) {
				return true
			}
		}
	case cbor.Tag:
		return hasNaN(x.Content)
	}
	return false
}

// nanKeys reports whether a map in v has more than one NaN key. NaN keys
// are never duplicates of each other once decoded, but they all encode as
// f97e00, so their order in the encoding is not determined.
func nanKeys(v any) bool {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if nanKeys(e) {
				return true
			}
		}
	case map[any]any:
		n := 0
		for k, e := range x {
			if hasNaN(k) {
				n++
			}
			if nanKeys(k) || nanKeys(e) {
				return true
			}
		}
		return n > 1
	case cbor.Tag:
		return nanKeys(x.Content)
	}
	return false
}

// normalize maps a bignum that fits an int64 to int64: a tag 2 or 3 around
// a small number re-encodes as a plain integer (RFC 8949 §3.4.3).
func normalize(v any) any {
	switch x := v.(type) {
	case big.Int:
		if x.IsInt64() {
			return x.Int64()
		}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	case map[any]any:
		out := make(map[any]any, len(x))
		for k, e := range x {
			out[k] = normalize(e)
		}
		return out
	case cbor.Tag:
		return cbor.Tag{Number: x.Number, Content: normalize(x.Content)}
	}
	return v
}
