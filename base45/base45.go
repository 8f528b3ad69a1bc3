package base45

import (
	"slices"
	"strings"
)

const (
	// alphabet is the RFC 9285 §4 table: the character for value v is
	// alphabet[v].
	alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

	// reverseAlphabet maps a byte to its value in alphabet, or to invalid
	// for a byte outside the alphabet.
	reverseAlphabet = "" +
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
		"\x24\xff\xff\xff\x25\x26\xff\xff\xff\xff\x27\x28\xff\x29\x2a\x2b" +
		"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x2c\xff\xff\xff\xff\xff" +
		"\xff\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18" +
		"\x19\x1a\x1b\x1c\x1d\x1e\x1f\x20\x21\x22\x23\xff\xff\xff\xff\xff" +
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"

	// invalid marks a byte outside the alphabet in reverseAlphabet. Valid
	// values are below 64, so invalid is the only value with bit 7 set.
	invalid = 0xff

	// base is the radix of the encoding.
	base = 45
)

// EncodedLen returns the length of an encoding of n source bytes.
// Specifically, it returns n/2*3 + n%2*2.
func EncodedLen(n int) int { return n/2*3 + n%2*2 }

// DecodedLen returns the length of a decoding of n source bytes, where n is
// a valid encoded length (n%3 != 1). Specifically, it returns n/3*2 + n%3/2.
//
// For an invalid length (n%3 == 1) it returns the length of the decoding
// of the first n-1 bytes; [Decode] rejects such input.
func DecodedLen(n int) int { return n/3*2 + n%3/2 }

// Encode encodes src into [EncodedLen](len(src)) bytes of dst. As a
// convenience, it returns the number of bytes written to dst, but this value
// is always [EncodedLen](len(src)). Encode panics if dst is too short.
func Encode(dst, src []byte) int {
	dst = dst[:EncodedLen(len(src))]
	j := 0
	for i := 0; i+1 < len(src); i += 2 {
		// v = d[0] + d[1]*45 + d[2]*45*45 (RFC 9285 §4).
		v := uint(src[i])<<8 | uint(src[i+1])
		q := v / base
		r := q / base
		d := dst[j : j+3]
		d[0] = alphabet[v-q*base]
		d[1] = alphabet[q-r*base]
		d[2] = alphabet[r]
		j += 3
	}
	if len(src)%2 == 1 {
		v := uint(src[len(src)-1])
		d := dst[j : j+2]
		d[0] = alphabet[v%base]
		d[1] = alphabet[v/base]
		j += 2
	}
	return j
}

// AppendEncode appends the Base45 encoding of src to dst and returns the
// extended buffer.
func AppendEncode(dst, src []byte) []byte {
	n := EncodedLen(len(src))
	dst = slices.Grow(dst, n)
	Encode(dst[len(dst):][:n], src)
	return dst[:len(dst)+n]
}

// encodeChunk is the number of source bytes EncodeToString encodes per step
// through its stack buffer. It must be even.
const encodeChunk = 512

// EncodeToString returns the Base45 encoding of src.
func EncodeToString(src []byte) string {
	var sb strings.Builder
	sb.Grow(EncodedLen(len(src)))
	var buf [encodeChunk / 2 * 3]byte
	for len(src) > 0 {
		k := min(len(src), encodeChunk)
		sb.Write(buf[:Encode(buf[:], src[:k])])
		src = src[k:]
	}
	return sb.String()
}

// Decode decodes src into [DecodedLen](len(src)) bytes of dst, returning the
// actual number of bytes written to dst. It panics if dst is too short, and
// does not allocate unless it returns an error.
//
// Decode expects src to be exactly the canonical Base45 encoding of some
// bytes, as RFC 9285 requires. If src is malformed, Decode
// returns 0 and a [CorruptInputError] holding the offset of the earliest
// problem; dst may then hold partial output, which is not meaningful.
func Decode(dst, src []byte) (int, error) {
	return decode(dst, src)
}

// AppendDecode appends the bytes represented by the Base45 text src to dst
// and returns the extended buffer.
//
// Unlike encoding/hex, if the input is malformed AppendDecode returns dst
// unchanged and a [CorruptInputError]: it never returns partial output.
func AppendDecode(dst, src []byte) ([]byte, error) {
	n := DecodedLen(len(src))
	out := slices.Grow(dst, n)
	n, err := decode(out[len(out):][:n], src)
	if err != nil {
		return dst, err
	}
	return out[:len(out)+n], nil
}

// DecodeString returns the bytes represented by the Base45 string s.
//
// Unlike encoding/hex, if s is malformed DecodeString returns nil and a
// [CorruptInputError]: it never returns partial output.
func DecodeString(s string) ([]byte, error) {
	dst := make([]byte, DecodedLen(len(s)))
	n, err := decode(dst, s)
	if err != nil {
		return nil, err
	}
	return dst[:n], nil
}

// decode implements Decode for both input types, so that DecodeString needs
// no copy of its input.
func decode[T string | []byte](dst []byte, src T) (int, error) {
	dst = dst[:DecodedLen(len(src))]
	n, i := 0, 0
	for ; len(src)-i >= 3; i += 3 {
		a, b, c := reverseAlphabet[src[i]], reverseAlphabet[src[i+1]], reverseAlphabet[src[i+2]]
		if (a|b|c)&0x80 != 0 {
			return 0, firstInvalid(src, i)
		}
		v := uint(a) + uint(b)*base + uint(c)*(base*base)
		if v > 0xffff {
			return 0, CorruptInputError(i)
		}
		d := dst[n : n+2]
		d[0] = byte(v >> 8)
		d[1] = byte(v)
		n += 2
	}
	switch len(src) - i {
	case 1:
		// A dangling character is reported at its own offset, whether or
		// not it belongs to the alphabet.
		return 0, CorruptInputError(i)
	case 2:
		a, b := reverseAlphabet[src[i]], reverseAlphabet[src[i+1]]
		if (a|b)&0x80 != 0 {
			return 0, firstInvalid(src, i)
		}
		v := uint(a) + uint(b)*base
		if v > 0xff {
			return 0, CorruptInputError(i)
		}
		dst[n] = byte(v)
		n++
	}
	return n, nil
}

// firstInvalid returns the error for the first byte outside the alphabet at
// or after offset i. The caller knows there is one.
func firstInvalid[T string | []byte](src T, i int) error {
	for ; i < len(src); i++ {
		if reverseAlphabet[src[i]] == invalid {
			break
		}
	}
	return CorruptInputError(i)
}
