package cborscan

import (
	"encoding/binary"
	"math"
)

// Major types (RFC 8949 §3.1).
const (
	MajorUint   byte = 0
	MajorNegInt byte = 1
	MajorBytes  byte = 2
	MajorText   byte = 3
	MajorArray  byte = 4
	MajorMap    byte = 5
	MajorTag    byte = 6
	MajorSimple byte = 7
	// MajorNone is what [MajorType] returns for empty data, which has no
	// major type.
	MajorNone byte = 0xff
)

// MajorType returns the major type of the item that starts data, read from
// its initial byte alone, or [MajorNone] when data is empty.
func MajorType(data []byte) byte {
	if len(data) == 0 {
		return MajorNone
	}
	return data[0] >> 5
}

// Special encodings (RFC 8949 §3.2.1, §3.3).
const (
	// InfoIndefinite is the additional information of an indefinite length.
	InfoIndefinite byte = 31
	// Break is the "break" stop code that ends an indefinite length.
	Break byte = 0xff
	// Null is the encoding of the simple value null.
	Null byte = 0xf6
	// Float16, Float32 and Float64 are the initial bytes of the half-,
	// single- and double-precision floating-point encodings.
	Float16 byte = 0xf9
	Float32 byte = 0xfa
	Float64 byte = 0xfb
)

// Head is the head of a data item: its initial byte and argument.
type Head struct {
	Major byte   // major type, 0–7
	Info  byte   // additional information, 0–27 or InfoIndefinite
	Arg   uint64 // argument (length, count, value or tag number); 0 when indefinite
	Len   int    // length of the head in bytes, 1–9
}

// Indefinite reports whether the head starts an indefinite-length item.
func (h Head) Indefinite() bool { return h.Info == InfoIndefinite }

// Int returns the value of an integer head (major type 0 or 1) when it fits
// in an int64. ok is false for any other head.
func (h Head) Int() (n int64, ok bool) {
	switch {
	case h.Arg > math.MaxInt64:
		return 0, false
	case h.Major == MajorUint:
		return int64(h.Arg), true
	case h.Major == MajorNegInt:
		return -1 - int64(h.Arg), true
	}
	return 0, false
}

// ReadHead decodes the head of the data item at the start of data. ok is
// false when data is empty or the head truncated, for the reserved
// additional information 28–30, for an indefinite length on a major type
// that has none (integers, tags) and for the break code, which is not an
// item.
func ReadHead(data []byte) (h Head, ok bool) {
	if len(data) == 0 {
		return Head{}, false
	}
	h.Major, h.Info = data[0]>>5, data[0]&0x1f
	switch {
	case h.Info < 24:
		h.Arg, h.Len = uint64(h.Info), 1
		return h, true
	case h.Info == InfoIndefinite:
		if h.Major < MajorBytes || h.Major > MajorMap {
			return Head{}, false
		}
		h.Len = 1
		return h, true
	case h.Info > 27:
		return Head{}, false
	}
	size := 1 << (h.Info - 24) // 24..27: 1, 2, 4 or 8 bytes of argument
	if len(data) < 1+size {
		return Head{}, false
	}
	switch size {
	case 1:
		h.Arg = uint64(data[1])
	case 2:
		h.Arg = uint64(binary.BigEndian.Uint16(data[1:]))
	case 4:
		h.Arg = uint64(binary.BigEndian.Uint32(data[1:]))
	default:
		h.Arg = binary.BigEndian.Uint64(data[1:])
	}
	h.Len = 1 + size
	return h, true
}

// HeadLen returns the length of the shortest head with argument arg.
func HeadLen(arg uint64) int {
	switch {
	case arg < 24:
		return 1
	case arg <= math.MaxUint8:
		return 2
	case arg <= math.MaxUint16:
		return 3
	case arg <= math.MaxUint32:
		return 5
	}
	return 9
}

// AppendHead appends the shortest head of major type major with argument
// arg (RFC 8949 §4.2.1).
func AppendHead(dst []byte, major byte, arg uint64) []byte {
	m := major << 5
	switch {
	case arg < 24:
		return append(dst, m|byte(arg))
	case arg <= math.MaxUint8:
		return append(dst, m|24, byte(arg))
	case arg <= math.MaxUint16:
		return binary.BigEndian.AppendUint16(append(dst, m|25), uint16(arg))
	case arg <= math.MaxUint32:
		return binary.BigEndian.AppendUint32(append(dst, m|26), uint32(arg))
	}
	return binary.BigEndian.AppendUint64(append(dst, m|27), arg)
}

// AppendInt appends n as a CBOR integer in its shortest form.
func AppendInt(dst []byte, n int64) []byte {
	if n < 0 {
		return AppendHead(dst, MajorNegInt, uint64(-1-n))
	}
	return AppendHead(dst, MajorUint, uint64(n))
}

// AppendBytes appends b as a definite-length byte string.
func AppendBytes(dst, b []byte) []byte {
	return append(AppendHead(dst, MajorBytes, uint64(len(b))), b...)
}

// AppendText appends s as a definite-length text string. It does not check
// that s is UTF-8.
func AppendText(dst []byte, s string) []byte {
	return append(AppendHead(dst, MajorText, uint64(len(s))), s...)
}

// BytesLen returns the length of b encoded as a definite-length byte string.
func BytesLen(b []byte) int { return HeadLen(uint64(len(b))) + len(b) }

// Bytes returns the content of data when data is exactly one
// definite-length byte string; ok is false otherwise.
func Bytes(data []byte) (content []byte, ok bool) { return definite(data, MajorBytes) }

// Text returns the content of data when data is exactly one definite-length
// text string; ok is false otherwise. The content is not checked to be
// UTF-8.
func Text(data []byte) (content []byte, ok bool) { return definite(data, MajorText) }

// definite returns the content of data when data is exactly one
// definite-length string of major type major.
func definite(data []byte, major byte) ([]byte, bool) {
	h, ok := ReadHead(data)
	if !ok || h.Major != major || h.Indefinite() || h.Arg != uint64(len(data)-h.Len) {
		return nil, false
	}
	return data[h.Len:], true
}
