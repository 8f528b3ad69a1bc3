package testsupport

import (
	"bytes"
	"encoding/binary"
)

// The hand CBOR writer (RFC 8949): every function returns one encoded item built from
// items already encoded, in the order given, so that a test can write what no encoder
// would (duplicate keys, wrong lengths, trailing bytes).

// Head returns the shortest head of major type major (0 to 7) with argument n.
func Head(major byte, n uint64) []byte {
	m := major << 5
	switch {
	case n < 24:
		return []byte{m | byte(n)}
	case n <= 0xff:
		return []byte{m | 24, byte(n)}
	case n <= 0xffff:
		return binary.BigEndian.AppendUint16([]byte{m | 25}, uint16(n))
	case n <= 0xffffffff:
		return binary.BigEndian.AppendUint32([]byte{m | 26}, uint32(n))
	}
	return binary.BigEndian.AppendUint64([]byte{m | 27}, n)
}

// Cat concatenates encoded items.
func Cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// Int returns the integer n (major type 0 or 1).
func Int(n int64) []byte {
	if n < 0 {
		return Head(1, uint64(-1-n))
	}
	return Head(0, uint64(n))
}

// Bytes returns the byte string b.
func Bytes(b []byte) []byte { return Cat(Head(2, uint64(len(b))), b) }

// Text returns the text string s, which it does not check for UTF-8.
func Text(s string) []byte { return Cat(Head(3, uint64(len(s))), []byte(s)) }

// Array returns an array of the encoded items.
func Array(items ...[]byte) []byte { return Cat(Head(4, uint64(len(items))), Cat(items...)) }

// Map returns a map of the encoded keys and values kv (key, value, key, value, …), in the
// order given; an odd last item makes the map's length disagree with its content.
func Map(kv ...[]byte) []byte { return Cat(Head(5, uint64(len(kv)/2)), Cat(kv...)) }

// Tag returns item under tag number n.
func Tag(n uint64, item []byte) []byte { return Cat(Head(6, n), item) }

// Nested returns depth one-element arrays nested around the integer 0.
func Nested(depth int) []byte { return Cat(bytes.Repeat([]byte{0x81}, depth), []byte{0}) }
